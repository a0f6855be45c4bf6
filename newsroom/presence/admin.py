"""Who else has the change form open (newsroom/presence), on a ModelAdmin's
change form: PresenceAdmin, the one home of the notice, its endpoints and
who may use them, for a story's writing screen, a meeting's and a library
image's page alike.

The notice is templates/admin/includes/presence.html (the change form puts
it above the fields when the context has `presence`), kept up to date by
static/js/desk_presence.js; its words are the server's, here.
"""

import secrets

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, ngettext
from django.views.decorators.csrf import csrf_protect

from newsroom import presence
from newsroom.dates import time_or_date
from newsroom.history.combine import display_user


class PresenceAdmin:
    """For a ModelAdmin: the change form of a saved object names the others
    who have it open, to whoever may change the object (and only they are
    counted). Its urls `<id>/presence/` (the page's heartbeat, admin_view:
    a login that may change the object) and `<id>/presence/leave/` (the
    page's farewell, by its token alone) are named
    "<app>_<model>_presence" and "<app>_<model>_presence_leave"."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        # The farewell is the page's token's (no login looked up): see
        # presence_leave_view. A new object has no colleague yet: "add/"
        # has no presence (its farewell answers 404).
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{info}_presence",
            ),
            path(
                "<path:object_id>/presence/leave/",
                csrf_protect(self.presence_leave_view),
                name=f"{info}_presence_leave",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        """POST `page` (the page's token) while the form is open, and
        `back=1` when it is shown again from the back-forward cache after
        its farewell: its user is marked on the object; answers who else has it open,
        {"others": [{"name", "since": time_or_date(...)}], "text": the
        notice}. 403 to whoever may not change the object."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return _error(self._missing(object_id), 404)
        if not self.has_change_permission(request, obj):
            return _error(
                gettext("You may not change this %(name)s.")
                % {"name": self.opts.verbose_name},
                403,
            )
        presence.presence_mark(
            user=request.user,
            name=display_user(request.user),
            obj=obj,
            page=request.POST.get("page", ""),
            back=request.POST.get("back") == "1",
        )
        others = presence.present_on(obj, besides=request.user)
        return JsonResponse(
            {
                "others": [
                    {"name": other.name, "since": time_or_date(other.since)}
                    for other in others
                ],
                "text": presence_text(others),
            }
        )

    def presence_leave_view(self, request, object_id):
        """POST `page` (with the CSRF token) as the page closes, a beacon: the
        user that page marked no longer has the object open, unless a later
        page of theirs does. Only a page of someone who may change the
        object holds a token, so no login is looked up: a page closed after
        its session ended (logged out in another tab) is still forgotten,
        and a closing tab costs no database query."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            pk = self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return _error(self._missing(object_id), 404)
        presence.presence_leave(
            model=self.model, pk=pk, page=request.POST.get("page", "")
        )
        return HttpResponse(status=204)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and self.has_change_permission(request, obj):
            context["presence"] = self._presence_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _presence_context(self, request, obj) -> dict:
        """Who else has the object open, as the page opens (which marks its
        user too), and what its script needs to keep that up to date."""
        page = secrets.token_urlsafe(12)
        presence.presence_mark(
            user=request.user, name=display_user(request.user), obj=obj, page=page
        )
        others = presence.present_on(obj, besides=request.user)
        info = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
        return {
            "url": reverse(f"{info}_presence", args=[obj.pk]),
            "leave_url": reverse(f"{info}_presence_leave", args=[obj.pk]),
            "seconds": presence.PRESENCE_SECONDS,
            "shared_seconds": presence.PRESENCE_SHARED_SECONDS,
            "page": page,
            "text": presence_text(others),
        }

    def _missing(self, object_id) -> str:
        # Django's own words (its catalogue has them in Indonesian).
        return gettext(
            "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"
        ) % {"name": capfirst(self.opts.verbose_name), "key": unquote(object_id)}


def presence_text(others: list[presence.Present]) -> str:
    """The notice naming who else has the form open; empty for nobody."""
    if not others:
        return ""
    people = get_text_list(
        [
            gettext("%(name)s (since %(time)s)")
            % {"name": other.name, "time": time_or_date(other.since)}
            for other in others
        ],
        gettext("and"),
    )
    return ngettext(
        "Also open now: %(people)s. If you both change it, whoever saves "
        "second has to combine the two versions: agree who writes first.",
        "Also open now: %(people)s. If more than one of you changes it, "
        "whoever saves after another has to combine the versions: agree who "
        "writes first.",
        len(others),
    ) % {"people": people}


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
