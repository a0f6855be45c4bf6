"""“My notifications”: each person chooses which desk e-mails they receive
(articles.notifications). Only their own choices, only the kinds their
roles receive; the page lives under the admin, linked from the start page.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import NotificationSetting


class NotificationSettingsForm(forms.Form):
    """One checkbox per kind the person receives."""

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(NotificationSetting.Kind.choices)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(label=labels[kind], required=False)


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
        form = NotificationSettingsForm(
            request.POST or None, initial=current, kinds=list(current)
        )
        if request.method == "POST":
            if not current:
                raise PermissionDenied
            if form.is_valid():
                notifications.notification_settings_save(
                    user=user, enabled=form.cleaned_data
                )
                messages.success(request, gettext("Your notifications are saved."))
                return HttpResponseRedirect(
                    reverse(f"{self.admin_site.name}:articles_notification_settings")
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("My notifications"),
            "form": form,
            "email": user.email,
            "opts": self.opts,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/desk/notification_settings.html", context
        )
