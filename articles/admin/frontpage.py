"""The home page's pins: editors put a story in the lead or the second tier
of its edition's home page, with an expiry. Writes go through
articles.services.frontpage (one live pin per place and edition)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..frontpage import live_pins
from ..models import Article, HomePin
from ..permissions import can_publish
from ..services.frontpage import (
    PinEnding,
    home_pin,
    home_pin_check,
    home_pin_end,
    home_pin_ending,
    home_pin_until,
    home_pin_until_check,
    home_pins_replaced_by,
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
        # An ended pin is a record: its page shows it, with how it ended and
        # how to pin the story again (change_form.html).
        return can_publish(request.user) and (obj is None or not self._ended(obj))

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user)

    def get_changeform_initial_data(self, request):
        """ "Pin to home page" from a story opens with the first place its
        edition's home page has free (the lead when every place is taken):
        the place was empty, and Save answered "This field is required"."""
        initial = super().get_changeform_initial_data(request)
        article_id = str(initial.get("article") or "")
        if "slot" in initial or not article_id.isdecimal():
            return initial
        language = (
            Article.objects.filter(pk=article_id)
            .values_list("language", flat=True)
            .first()
        )
        if language is None:
            return initial
        taken = set(live_pins(language).values_list("slot", flat=True))
        initial["slot"] = next(
            (slot for slot in HomePin.Slot.values if slot not in taken),
            HomePin.Slot.LEAD,
        )
        return initial

    def get_readonly_fields(self, request, obj=None):
        # A pin's story and place are what it is: to move a story, pin it anew.
        return ["article", "slot"] if obj else []

    @staticmethod
    def _ended(pin) -> bool:
        """Whether `pin` has ended, read once for the page's object."""
        if not hasattr(pin, "ending"):
            pin.ending = home_pin_ending(pin)
        return pin.ending is not None

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "POST" and can_publish(request.user):
            pin = self.get_object(request, unquote(object_id))
            if pin is not None and self._ended(pin):
                # Saved from a page opened while it was in force: it has
                # ended since (another pin took its place, say).
                self.message_user(
                    request,
                    gettext(
                        "This pin has ended: its end can no longer be moved. To "
                        "put the story back on the home page, pin it again."
                    ),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and self._ended(obj):
            context["ending"] = obj.ending
            context["pin_again_url"] = self._pin_again_url(obj)
            if obj.ending.by is not None:
                context["ended_by_url"] = reverse(
                    "admin:articles_homepin_change", args=[obj.ending.by.pk]
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _pin_again_url(pin) -> str | None:
        """The add form for the story in the pin's place; None when the
        story may not be pinned (no longer published)."""
        try:
            home_pin_check(article=pin.article)
        except ValidationError:
            return None
        query = urlencode({"article": pin.article_id, "slot": pin.slot})
        return f"{reverse('admin:articles_homepin_add')}?{query}"

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        for ended in home_pins_replaced_by(obj):
            self.message_user(
                request,
                gettext(
                    "The pin of “%(story)s” (%(place)s) has ended: this pin "
                    "replaces it."
                )
                % {"story": ended.article.title, "place": ended.get_slot_display()},
                messages.INFO,
            )
        return response

    def response_change(self, request, obj):
        ending = home_pin_ending(obj)
        if ending is None or ending.reason != PinEnding.EXPIRED:
            return super().response_change(request, obj)
        # Its end set to a time already past: it ended now (home_pin_until).
        self.message_user(
            request,
            gettext(
                "The pin of “%(story)s” (%(place)s) has ended: its end was set "
                "to a time already past."
            )
            % {"story": obj.article.title, "place": obj.get_slot_display()},
            messages.SUCCESS,
        )
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        return self.response_post_save_change(request, obj)

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
