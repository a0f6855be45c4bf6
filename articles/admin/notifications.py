"""“My notifications”: each person chooses which desk e-mails they receive
(articles.notifications), the address they go to and their language. Only their own
choices, only the kinds their roles receive; the page lives under the admin,
linked from the start page.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
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
        """One form, one Save: the address, and for whoever receives
        notifications their language and kinds, all saved or none."""
        user = request.user
        current = notifications.notification_settings_for(user)
        posted = request.POST if request.method == "POST" else None
        language_before = notifications.notification_language_for(user)
        address_form = NotificationEmailForm(posted, initial={"email": user.email})
        # No address yet: left empty, the rest is still saved.
        address_form.fields["email"].required = bool(user.email)
        language_form = NotificationLanguageForm(
            posted, initial={"language": language_before}
        )
        form = NotificationSettingsForm(posted, initial=current, kinds=list(current))
        forms_shown = [address_form, *([language_form, form] if current else [])]
        # Each form checked, so every field shows its errors at once.
        valid = [shown.is_valid() for shown in forms_shown]
        if posted is not None and all(valid):
            email_before = user.email
            try:
                language = self._save_mine(user, address_form, language_form, form)
            except ValidationError as error:
                user.email = email_before  # nothing was saved
                for field, field_errors in error.message_dict.items():
                    owner = language_form if field == "language" else address_form
                    if field not in owner.fields:
                        field = None
                    owner.add_error(field, field_errors)
            else:
                if user.email != email_before or not current:
                    messages.success(
                        request,
                        gettext(
                            "Your e-mail address is saved: e-mails go to %(email)s."
                        )
                        % {"email": user.email},
                    )
                if language is not None and language != language_before:
                    messages.success(
                        request,
                        gettext("Your e-mails will be written in %(language)s.")
                        % {"language": language_in_sentence(language)},
                    )
                if current:
                    messages.success(request, gettext("Your notifications are saved."))
                return HttpResponseRedirect(
                    reverse(f"{self.admin_site.name}:articles_notification_settings")
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("My notifications"),
            "form": form,
            "address_form": address_form,
            "language_form": language_form,
            "email": user.email,
            "printed_on_console": settings.EMAIL_BACKEND == CONSOLE_BACKEND,
            "opts": self.opts,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/desk/notification_settings.html", context
        )

    @staticmethod
    def _save_mine(user, address_form, language_form, form) -> str | None:
        """Save the page's three parts through their services, in one
        transaction; returns the language saved (None: not shown)."""
        with transaction.atomic():
            notifications.notification_email_save(
                user=user, email=address_form.cleaned_data["email"]
            )
            if not form.fields:
                return None
            language = notifications.notification_language_save(
                user=user, language=language_form.cleaned_data["language"]
            )
            notifications.notification_settings_save(
                user=user, enabled=form.cleaned_data
            )
        return language
