"""“My notifications”: each person chooses which desk e-mails they receive
(articles.notifications), the address they go to and their language. Only their own
choices, only the kinds their roles receive; the page lives under the admin,
linked from the start page.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.bilingual import language_in_sentence

from .. import notifications
from ..models import NotificationLanguage, NotificationSetting


class NotificationSettingsForm(forms.Form):
    """One checkbox per kind the person receives."""

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(NotificationSetting.Kind.choices)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(label=labels[kind], required=False)


class NotificationEmailForm(forms.Form):
    """The person's own e-mail address, where their notifications go."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,  # the user model's
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NotificationLanguageForm(forms.ModelForm):
    """The language the person's e-mails are written in."""

    class Meta:
        model = NotificationLanguage
        fields = ["language"]
        help_texts = {
            "language": _("Subject, text and dates, whatever language your desk shows.")
        }


# Which of the page's forms a POST is (the kinds' form sends no name).
ADDRESS_FORM = "address"
LANGUAGE_FORM = "language"

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    """The page where each person sets their own (“mine/”). The stock pages
    stay, for whoever holds the model's permissions (superusers), but the
    model is not listed on the start page."""

    list_display = ["user", "kind", "enabled"]
    list_filter = ["kind", "enabled"]

    def get_urls(self):
        return [
            path(
                "mine/",
                self.admin_site.admin_view(self.my_settings_view),
                name="articles_notification_settings",
            ),
            *super().get_urls(),
        ]

    def has_module_permission(self, request):
        return False

    def my_settings_view(self, request):
        user = request.user
        current = notifications.notification_settings_for(user)
        posted = request.POST if request.method == "POST" else None
        which = posted.get("form") if posted is not None else None
        address_posted = which == ADDRESS_FORM
        language_posted = which == LANGUAGE_FORM
        address_form = NotificationEmailForm(
            posted if address_posted else None, initial={"email": user.email}
        )
        language_form = NotificationLanguageForm(
            posted if language_posted else None,
            initial={"language": notifications.notification_language_for(user)},
        )
        form = NotificationSettingsForm(
            None if which else posted, initial=current, kinds=list(current)
        )
        here = reverse(f"{self.admin_site.name}:articles_notification_settings")
        if language_posted:
            if not current:
                raise PermissionDenied
            if language_form.is_valid():
                language = notifications.notification_language_save(
                    user=user, language=language_form.cleaned_data["language"]
                )
                messages.success(
                    request,
                    gettext("Your e-mails will be written in %(language)s.")
                    % {"language": language_in_sentence(language)},
                )
                return HttpResponseRedirect(here)
        elif address_posted:
            if address_form.is_valid():
                email = notifications.notification_email_save(
                    user=user, email=address_form.cleaned_data["email"]
                )
                messages.success(
                    request,
                    gettext("Your e-mail address is saved: e-mails go to %(email)s.")
                    % {"email": email},
                )
                return HttpResponseRedirect(here)
        elif posted is not None:
            if not current:
                raise PermissionDenied
            if form.is_valid():
                notifications.notification_settings_save(
                    user=user, enabled=form.cleaned_data
                )
                messages.success(request, gettext("Your notifications are saved."))
                return HttpResponseRedirect(here)
        context = {
            **self.admin_site.each_context(request),
            "title": _("My notifications"),
            "form": form,
            "address_form": address_form,
            "address_form_name": ADDRESS_FORM,
            "language_form": language_form,
            "language_form_name": LANGUAGE_FORM,
            "email": user.email,
            "printed_on_console": settings.EMAIL_BACKEND == CONSOLE_BACKEND,
            "opts": self.opts,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/desk/notification_settings.html", context
        )
