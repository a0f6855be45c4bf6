"""The home page's pins: editors put a story in the lead or the second tier
of its edition's home page, with an expiry. Writes go through
articles.services.frontpage (one live pin per place and edition)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..frontpage import live_pins
from ..models import HomePin
from ..permissions import can_publish
from ..services.frontpage import (
    home_pin,
    home_pin_check,
    home_pin_end,
    home_pin_until,
    home_pin_until_check,
)
from .common import display_user


class LiveFilter(admin.SimpleListFilter):
    """Live pins unless asked for the ended ones or all."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("ended", _("Ended")), ("all", _("All"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Live"),
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value}
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        live = live_pins().values("pk")
        if self.value() == "all":
            return queryset
        if self.value() == "ended":
            return queryset.exclude(pk__in=live)
        return queryset.filter(pk__in=live)


class HomePinForm(forms.ModelForm):
    class Meta:
        model = HomePin
        fields = ["article", "slot", "until"]
        # The field offers published stories only (limit_choices_to): a
        # draft's id is refused in the service's own words.
        error_messages = {
            "article": {
                "invalid_choice": _(
                    "Only a published story can be pinned to the home page."
                )
            }
        }

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article") or getattr(self.instance, "article", None)
        if article is None or self.errors:
            return cleaned
        until = cleaned.get("until")
        if not self.instance.pk:
            home_pin_check(article=article, until=until)
        elif "until" in self.changed_data:
            home_pin_until_check(pin=self.instance, until=until)
        return cleaned


@admin.register(HomePin)
class HomePinAdmin(admin.ModelAdmin):
    form = HomePinForm
    list_display = ["slot", "article", "edition", "until", "pinned_by", "created_at"]
    list_display_links = ["slot", "article"]
    list_filter = [LiveFilter, ("article__language", admin.ChoicesFieldListFilter)]
    list_select_related = ["article", "created_by"]
    autocomplete_fields = ["article"]
    actions = ["end_now"]
    ordering = ["article__language", "slot", "-created_at"]

    # Editors only: the publish permission.
    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        # A pin's story and place are what it is: to move a story, pin it anew.
        return ["article", "slot"] if obj else []

    @admin.display(description=_("edition"), ordering="article__language")
    def edition(self, pin):
        return pin.article.get_language_display()

    @admin.display(description=_("pinned by"), ordering="created_by")
    def pinned_by(self, pin):
        return display_user(pin.created_by)

    def save_model(self, request, obj, form, change):
        if not change:
            pin = home_pin(
                article=obj.article, slot=obj.slot, until=obj.until, user=request.user
            )
            obj.pk, obj.created_by, obj.created_at = (
                pin.pk,
                pin.created_by,
                pin.created_at,
            )
            obj._state.adding = False
        elif "until" in form.changed_data:
            home_pin_until(pin=obj, until=obj.until, user=request.user)

    @admin.action(description=_("End the selected pins now"))
    def end_now(self, request, queryset):
        if not can_publish(request.user):
            raise PermissionDenied
        pins = list(queryset)
        for pin in pins:
            home_pin_end(pin=pin, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d pin ended.", "%(count)d pins ended.", len(pins))
            % {"count": len(pins)},
            messages.SUCCESS,
        )
