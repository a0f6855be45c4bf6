"""The admin's long change lists (the moderation queue, the article list:
100 rows a page): written without the form renderer where Django's result is
a fixed piece of markup, and counted only to a bound (AdminCappedPaginator),
which the list says, and which an action on all its rows confirms."""

import hashlib
import secrets
import time

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_format_dict, model_ngettext
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext


class PlainActionCheckbox:
    """A ModelAdmin's row checkbox for actions, the markup Django's
    `ModelAdmin.action_checkbox` renders (type, name, value, class,
    aria-label), written directly: rendered through a CheckboxInput and the
    form renderer's templates, it was a fifth of the time of a 100-row list
    (0.6 ms a row). Not restored by the browser on Back (autocomplete off):
    the list read again may hold other rows, and a box ticked again by its
    place would be a row nobody chose (a tester's Back after rejecting two
    comments ticked the next two)."""

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'autocomplete="off" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class BoundedCountChangeList:
    """For a ChangeList whose paginator counts only to a bound (its `capped`
    says whether the list goes on past the count): the address of the next
    page, for the page links that end with "more" (admin/pagination.html)."""

    @property
    def count_capped(self) -> bool:
        return getattr(self.paginator, "capped", False)

    @property
    def next_page_query(self) -> str:
        if self.page_num >= self.paginator.num_pages and not self.count_capped:
            return ""
        return self.get_query_string({PAGE_VAR: self.page_num + 1})


# Questions a page asks in answer to a POST, kept in the session so that
# the page is read with a GET (Post/Redirect/Get: Back, Forward and reload
# show it again without sending the form again); the answer, a POST, names
# the question's key, and is refused once the question is answered or gone.
QUESTION_SECONDS = 3600  # kept this long,
QUESTIONS_KEPT = 20  # and only the latest this many of a kind


def keep_question(session, store: str, question: dict) -> str:
    """Keep `question` in the session under `store` (with the latest
    QUESTIONS_KEPT there, for QUESTION_SECONDS); its key."""
    now = time.time()
    kept = sorted(
        (
            (key, kept)
            for key, kept in session.get(store, {}).items()
            if now - kept["at"] < QUESTION_SECONDS
        ),
        key=lambda item: item[1]["at"],
    )[-(QUESTIONS_KEPT - 1) :]
    key = secrets.token_urlsafe(12)
    session[store] = {**dict(kept), key: {**question, "at": now, "done": False}}
    return key


def open_question(session, store: str, key: str) -> dict | None:
    """The question kept under `key`, while it is kept; `done` once answered."""
    question = session.get(store, {}).get(key)
    if question is None or time.time() - question["at"] >= QUESTION_SECONDS:
        return None
    return question


def mark_answered(session, store: str, key: str) -> None:
    questions = session.get(store, {})
    if key in questions:
        questions[key]["done"] = True
        session[store] = questions


# The answer to a question answered already (in another tab, or a form sent
# again): refused, whichever question it was.
ANSWERED_ALREADY = gettext_lazy(
    "Nothing was done: that confirmation was answered already."
)


def refused_as_answered(modeladmin, request, store: str, key: str) -> bool:
    """Whether the question kept under `key` in `store` was answered
    already; if so the moderator is told that nothing was done."""
    question = open_question(request.session, store, key)
    if question is None or not question["done"]:
        return False
    modeladmin.message_user(request, str(ANSWERED_ALREADY), messages.WARNING)
    return True


def see_other(url: str) -> HttpResponseRedirect:
    """A redirect a browser follows with a GET (303 See Other)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


# What a confirmation of an action on a whole capped list posts on.
ACROSS_CONFIRMED = "across_confirmed"  # the number confirmed
# The confirmation's key: in its page's address (on the list's), and posted
# with its answer.
ACROSS_QUESTION = "across_question"
ACROSS_QUESTIONS = "across_questions"  # the session's store of them


class ConfirmedSelectAcross:
    """For a ModelAdmin whose list counts only to a bound (its paginator's
    `cap`, ADMIN_COUNT_CAP): an action on every row of a list longer than
    that ("Select all (more than 2,000)") is first confirmed on a page that
    names the exact number (their ids, read then in one query; the page is
    read with a GET, the question kept in the session with the ids' digest),
    whose answer posts it on with the list's filters; it then acts on
    exactly those rows, once. Rows that joined the list since with later ids are
    left out; if the list up to the last id confirmed is no longer the one
    confirmed (a row joined with an earlier id, or one left), nothing is done
    and the page asks again with the new number. Deleting more than the bound
    at once is refused. A shorter list named its exact number on the link:
    its actions run as Django runs them."""

    across_confirmation_template = "admin/across_confirmation.html"
    # Other posted fields the confirmation posts on, by the start of their
    # names (the comments' list: what each ticked row showed, seen_<id>).
    across_carries: tuple[str, ...] = ()

    def action_confirms_its_rows(self, request, name: str, queryset) -> bool:
        """Whether action `name` on the rows of `queryset` shows its own page
        naming their exact number before it acts (or is that page's answer).
        (Django's delete does, but builds it too slowly for more than the
        bound: refused then.)"""
        return False

    def changelist_view(self, request, extra_context=None):
        key = request.GET.get(ACROSS_QUESTION)
        if key is not None and request.method == "GET":
            return self.across_question_view(request, key)
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset):
        name = _posted_action(request)
        cap = getattr(self.paginator, "cap", None)
        if (
            request.POST.get("select_across") != "1"
            or cap is None
            or name not in self.get_actions(request)
        ):
            return super().response_action(request, queryset)
        if ACROSS_CONFIRMED in request.POST:
            return self._across_answered(request, queryset, name)
        ids = _ids(queryset)
        if len(ids) <= cap:
            return super().response_action(request, queryset)
        if name == "delete_selected":
            # Django's page lists every object the deletion takes, one by
            # one: seconds to build for a few thousand (30 s for 3,009
            # articles and their comments).
            self.message_user(
                request,
                gettext(
                    "Not deleted: %(count)s %(items)s are more than may be deleted "
                    "at once (%(cap)s). Narrow the list with a filter or a search."
                )
                % {
                    "count": number_format(len(ids), force_grouping=True),
                    "items": model_ngettext(self.opts, len(ids)),
                    "cap": number_format(cap, force_grouping=True),
                },
                messages.ERROR,
            )
            return None
        if self.action_confirms_its_rows(request, name, queryset):
            return super().response_action(request, queryset)
        return self.across_confirmation(request, name, ids)

    def _across_answered(self, request, queryset, name: str):
        """The answer to a confirmation (its key posted): the action on the
        rows confirmed, if the list up to the last of them is still those;
        asked again otherwise. Refused (nothing done, said why) when the
        question is not open: answered already (a form sent again), too old,
        another session's or made up, or about another action or list."""
        key = request.POST.get(ACROSS_QUESTION, "")
        question = open_question(request.session, ACROSS_QUESTIONS, key)
        if question is None or question["done"]:
            self.message_user(
                request,
                str(ANSWERED_ALREADY)
                if question is not None
                else gettext(
                    "Nothing was done: that confirmation is not open any more "
                    "(it is kept for an hour). Choose the action again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(request.get_full_path())
        if question["name"] != name or question["path"] != request.path:
            self.message_user(
                request,
                gettext(
                    "Nothing was done: that confirmation was about another action "
                    "or list. Choose the action again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(request.get_full_path())
        mark_answered(request.session, ACROSS_QUESTIONS, key)
        confirmed = queryset.filter(pk__lte=question["last"])
        if _ids_digest(_ids(confirmed)) == question["digest"]:
            return super().response_action(request, confirmed)
        return self.across_confirmation(request, name, _ids(queryset), changed=True)

    def across_confirmation(
        self, request, name: str, ids: list[int], *, changed: bool = False
    ):
        """A redirect (303) to the page confirming action `name` on the rows
        whose ids (in order) are `ids` (across_question_view), the question
        kept in the session; `changed`: asked again, the list having changed
        since the last confirmation."""
        carried = [
            (field, request.POST.get(field, ""))
            for field in self.action_form.base_fields
            if field not in ("action", "select_across") and field in request.POST
        ]
        if self.across_carries:
            carried += [
                (field, value)
                for field, value in request.POST.items()
                if field.startswith(self.across_carries)
            ]
        query = request.GET.copy()
        query.pop(ACROSS_QUESTION, None)
        query[ACROSS_QUESTION] = keep_question(
            request.session,
            ACROSS_QUESTIONS,
            {
                "name": name,
                "path": request.path,
                "count": len(ids),
                "last": ids[-1] if ids else 0,
                "digest": _ids_digest(ids),
                "carried": carried,
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "changed": changed,
            },
        )
        return see_other(f"{request.path}?{query.urlencode()}")

    def across_question_view(self, request, key: str):
        """The page confirming an action on a whole capped list (a GET);
        once answered or gone, the list, saying so."""
        query = request.GET.copy()
        query.pop(ACROSS_QUESTION, None)
        list_url = request.path + (f"?{query.urlencode()}" if query else "")
        question = open_question(request.session, ACROSS_QUESTIONS, key)
        if question is None or question["path"] != request.path:
            self.message_user(
                request,
                gettext(
                    "That confirmation is not open any more (it is kept for an "
                    "hour): nothing was done. Choose the action again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(list_url)
        if question["done"]:
            self.message_user(
                request,
                gettext(
                    "You have answered that confirmation already: the list is "
                    "shown as it is now."
                ),
                messages.INFO,
            )
            return HttpResponseRedirect(list_url)
        name = question["name"]
        actions = self.get_actions(request)
        if name not in actions:
            raise PermissionDenied
        count = question["count"]
        description = actions[name][2]
        items = model_ngettext(self.opts, count)
        number = number_format(count, force_grouping=True)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Apply the action to the whole list?"),
            "opts": self.opts,
            "media": self.media,
            "question": ngettext(
                "“%(action)s” acts on %(count)s %(items)s: every one the list "
                "holds with its filters and search, not only those on its page.",
                "“%(action)s” acts on %(count)s %(items)s: every one the list "
                "holds with its filters and search, not only those on its page.",
                count,
            )
            % {
                "action": description % model_format_dict(self.opts),
                "count": number,
                "items": items,
            },
            "confirm_label": ngettext("Yes, all %(count)s", "Yes, all %(count)s", count)
            % {"count": number},
            "action_name": name,
            "changed": question["changed"],
            "count": count,
            "carried": question["carried"],
            "selected": question["selected"],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "across_confirmed": ACROSS_CONFIRMED,
            "across_question": ACROSS_QUESTION,
            "key": key,
            "list_url": list_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.across_confirmation_template, context)


def _ids(queryset) -> list[int]:
    """The ids of the rows of `queryset`, in order: one query."""
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def _ids_digest(ids: list[int]) -> str:
    """What a confirmation of an action on rows `ids` posts on: it acts only
    if the list still holds exactly those rows (as far as the last of them)."""
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()


def _posted_action(request) -> str | None:
    """The action whose button was pressed (the list may have two forms)."""
    names = request.POST.getlist("action")
    try:
        return names[int(request.POST.get("index", 0))]
    except (ValueError, IndexError):
        return None
