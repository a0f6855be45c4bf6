"""The "clean up pasted copy" step of a new article's form (issue #11):
wire copy pasted into the body is read by the intake parser into paragraphs,
dateline, source, editor and title; the reporter sees it and can undo it.
Owned by the paste clean-up work; wired into ArticleAdmin as a mixin.

With JavaScript (static/js/paste_cleanup.js) a paste is sent to the
`clean-copy/` address and the answer fills the form in the page. Without
it, the form's "Clean up pasted copy" button posts the add form, which is
shown again unsaved with the clean-up done, and an "Undo clean-up" button
that restores the fields it changed (kept, signed, in `cleanup_undo`).

Once the story is saved, the clean-up's cautions on its dates ("Kamis
(24/3): taken as Thursday 24 March 2022 … check it") stay at the top of its
change page until it is live (date_cautions): read again from the body, by
the same parser, rather than stored, so that a date written out in full
once checked says nothing more. Publishing or scheduling it with dates
still to check is not refused (an editor may publish on purpose) but said
as a warning naming them (still_to_check), by every way of publishing.
"""

import copy
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext

from ..intake.paste import CLEANUP_FIELDS, PasteRefused, clean_pasted_copy, fill
from ..intake.services import can_import, read_story_copy, story_origin
from ..models import Article
from ..services import title_slug

CLEANUP = "_cleanup"
UNDO = "_undo_cleanup"
UNDO_FIELD = "cleanup_undo"
UNDO_SALT = "articles.admin.paste.undo"
# What an undo may set: the clean-up's fields, and the slug it makes from a
# title it fills (the page's script leaves the slug to Django's).
UNDOABLE = frozenset({*CLEANUP_FIELDS, "slug"})
# The parser's warning about a weekday date to check (parser.resolve_date).
DATE_WARNING = "date"
# The panel of a story's date cautions, and the body field: where the
# warning of a story published with dates still to check sends the editor.
CAUTIONS_ANCHOR = "#date-cautions"
BODY_ANCHOR = "#id_body"
# The fields the page's script sends along with the text, as they stand.
FORM_FIELDS = tuple(
    name for name in CLEANUP_FIELDS if name not in ("body", "needs_headline")
)


class PasteCleanupMixin:
    def get_urls(self):
        return [
            path(
                "clean-copy/",
                self.admin_site.admin_view(self.clean_copy_view),
                name="articles_article_clean_copy",
            ),
            *super().get_urls(),
        ]

    def clean_copy_view(self, request):
        """The page's script: a POSTed `text`, answered with the clean-up's
        values, summary and the `changes` to make in a form holding the
        POSTed FORM_FIELDS, as JSON (an `error` with status 400 or 403)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not can_import(request.user):
            return JsonResponse(
                {"error": gettext("You may not write articles.")}, status=403
            )
        text = request.POST.get("text", "")
        # The form's fields as the page holds them, when it sends them: what
        # `changes` may fill (the body always, the other fields if empty).
        current = {name: request.POST.get(name, "") for name in FORM_FIELDS}
        current["body"] = text
        try:
            pasted = clean_pasted_copy(text, current=current, author=request.user)
        except PasteRefused as refusal:
            return JsonResponse({"error": str(refusal)}, status=400)
        earlier, to_update = self._earlier(request, pasted)
        return JsonResponse(
            {
                **pasted.as_json(),
                "changes": fill(current, pasted),
                "earlier": earlier,
                "to_update": to_update,
            }
        )

    def _earlier(self, request, pasted) -> tuple[dict | None, dict | None]:
        """What to say of the stories the copy is already in (else of the
        one holding nearly the same copy), and of the story further along
        holding nearly the same copy when one holds this copy (a re-send
        imported as a draft: the published story to update): each with the
        first story's page in the admin when the reporter may open it (""
        otherwise). None where there is nothing to say."""
        further = bool(pasted.holding and pasted.similar)
        notices = [
            self._notice(
                request,
                stories,
                earlier_notice(stories, nearly=nearly, further=further),
            )
            for stories, nearly in ((pasted.holding, False), (pasted.similar, True))
            if stories
        ]
        return (*notices, None, None)[:2]

    def _notice(self, request, stories, text: str) -> dict:
        article = stories[0]
        url = ""
        if self.has_view_permission(request, article):
            url = reverse("admin:articles_article_change", args=[article.pk])
        return {"text": text, "url": url, "link": gettext("Open it")}

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if add and can_import(request.user):
            context["paste_cleanup_url"] = reverse("admin:articles_article_clean_copy")
        if change and obj is not None and not obj.is_public:
            # Until it is live: a scheduled story can still be put right.
            cautions, written_on = read_date_cautions(obj)
            context["date_cautions"] = cautions
            context["date_cautions_written_on"] = written_on
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_changeform_initial_data(self, request):
        initial = getattr(request, "paste_cleanup_initial", None)
        if initial is not None:
            return initial
        return super().get_changeform_initial_data(request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        action = _button(request) if object_id is None else None
        if action is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        if not (self.has_add_permission(request) and can_import(request.user)):
            raise PermissionDenied
        current = self._posted_values(request)
        undo = None
        if action == CLEANUP:
            values, undo = _clean_up(request, current, self._earlier)
        else:
            values = _undo(request, current)
        # The add form shown again with these values: never saved.
        shown = copy.copy(request)
        shown.method = "GET"
        shown.paste_cleanup_initial = values
        context = {**(extra_context or {}), "paste_cleanup_undo": undo}
        return super().changeform_view(shown, None, form_url, context)

    def _posted_values(self, request) -> dict:
        """The add form's fields as posted (read, never validated or saved);
        a file chosen cannot be sent back to the browser."""
        form = self.get_form(request, None, change=False)(request.POST)
        return {
            name: form[name].data
            for name, field in form.fields.items()
            if not isinstance(field, forms.FileField)
        }


@dataclass(frozen=True)
class DateCaution:
    """A date of a story's body to check (date_cautions)."""

    said: str  # the caution, in the active language
    mention: str = ""  # as the body writes it: "Kamis (24/3)"
    # The date taken, written in full as the wire would: "Kamis (24/3/2022)";
    # empty when none was taken (no such day, not that weekday).
    in_full: str = ""


def date_cautions(article: Article) -> list[DateCaution]:
    """The dates of `article`'s body to check (read_date_cautions)."""
    return read_date_cautions(article)[0]


def read_date_cautions(article: Article) -> tuple[list[DateCaution], dt.date | None]:
    """The dates of `article`'s body to check, in the active language, as
    the clean-up of pasted copy (and an import) says them: its body read
    again as its copy was, against the same day (intake's read_story_copy:
    the day an imported story's copy was written, as its import was told;
    else the day the story was started, the day its copy was pasted); with
    that written-on day (None: not imported). Whatever its state: the
    change page shows them until the story is live, each date taken with a
    button that writes it in full in the body (static/js/date_cautions.js),
    and publishing it names them (still_to_check); live, they are said no
    more."""
    if article.pk is None or not article.body.strip():
        return [], None
    parsed, written_on = read_story_copy(article)
    mentions = {mention.problem: mention for mention in parsed.dates if mention.said}
    said = (w.message for w in parsed.warnings if w.code == DATE_WARNING)
    cautions = []
    for text in dict.fromkeys(said):  # a date written twice is said once
        mention = mentions.get(text)
        if mention is None or mention.resolved is None:
            cautions.append(DateCaution(text))
            continue
        cautions.append(
            DateCaution(
                text,
                mention=mention.text,
                in_full=f"{mention.text[:-1].rstrip()}/{mention.resolved.year})",
            )
        )
    return cautions, written_on


def still_to_check(article: Article, done: str) -> str | None:
    """What the admin says, as a warning, once `article` is published or
    scheduled with dates still to check (date_cautions): `done`, the step's
    own message, then the dates and a link to where they are put right (the
    panel while it is scheduled, else the body). None: nothing to check."""
    cautions = date_cautions(article)
    if not cautions:
        return None
    if article.is_scheduled:
        anchor, link = CAUTIONS_ANCHOR, gettext("See the dates to check")
    else:
        anchor = BODY_ANCHOR
        link = gettext("Write the date in full, with its year, in the body")
    return format_html(
        '{} {} <a href="{}">{}</a>',
        done,
        gettext("Still to check: %(dates)s")
        % {"dates": " ".join(caution.said for caution in cautions)},
        anchor,
        link,
    )


def earlier_notice(articles, *, nearly: bool = False, further: bool = False) -> str:
    """What the reporter is told of the stories the copy is already in (the
    published first): the first in full, with who made it as a reporter says
    it (services.story_origin), the others by title and state. `nearly`:
    they hold nearly the same copy (a corrected re-send's first copy), the
    story to update. `further`: both are said: the stories holding the copy
    (`nearly` False), then those further along holding nearly the same copy,
    the one to update rather than theirs (`nearly` True)."""
    if nearly and further:
        said = gettext(
            "Nearly the same copy is in “%(title)s” (%(state)s, %(origin)s, "
            "last saved %(when)s), a story further along: if this is a "
            "corrected re-send, update that story rather than writing a new "
            "one or publishing the one above."
        )
    elif nearly:
        said = gettext(
            "Nearly the same copy is already in “%(title)s” (%(state)s, "
            "%(origin)s, last saved %(when)s): if this is a corrected re-send, "
            "update that story instead of writing a second one."
        )
    elif further:
        said = gettext(
            "This copy is already in “%(title)s” (%(state)s, %(origin)s, last "
            "saved %(when)s)."
        )
    else:
        said = gettext(
            "This copy is already in “%(title)s” (%(state)s, %(origin)s, last "
            "saved %(when)s): check it before writing a second story."
        )
    return _told(said, articles)


def _told(said: str, articles) -> str:
    article, *others = articles
    notice = said % {
        "title": article.title,
        "state": article.state_label,
        "origin": story_origin(article),
        "when": date_format(localtime(article.updated_at), "SHORT_DATETIME_FORMAT"),
    }
    if others:
        notice += " " + gettext("It is also in %(stories)s.") % {
            "stories": ", ".join(
                f"“{other.title}” ({other.state_label})" for other in others
            )
        }
    return notice


def _button(request) -> str | None:
    if request.method != "POST":
        return None
    return next((name for name in (CLEANUP, UNDO) if name in request.POST), None)


def _clean_up(request, current: dict, earlier) -> tuple[dict, str | None]:
    """The form's values after the clean-up of its body, and the signed
    record of what it changed (None: nothing changed). `earlier`: the
    admin's account of the story the copy is already in."""
    try:
        pasted = clean_pasted_copy(
            str(current.get("body") or ""), current=current, author=request.user
        )
    except PasteRefused as refusal:
        messages.error(request, str(refusal))
        return current, None
    for found in earlier(request, pasted):
        if found is None:
            continue
        if found["url"]:
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                    found["text"],
                    found["url"],
                    found["link"],
                ),
            )
        else:
            messages.warning(request, found["text"])
    changes = fill(current, pasted)
    if "title" in changes and not str(current.get("slug") or "").strip():
        changes["slug"] = title_slug(str(changes["title"]))
    for warning in pasted.warnings:
        messages.warning(request, warning)
    if not changes:
        messages.info(
            request, f"{pasted.summary} {gettext('The form already held all of it.')}"
        )
        return current, None
    messages.success(
        request,
        "{} {}".format(
            pasted.summary,
            gettext(
                "Check the fields filled in below; “Undo clean-up” puts back "
                "what was there before."
            ),
        ),
    )
    previous = {name: current.get(name) or _empty(name) for name in changes}
    undo = signing.dumps(previous, salt=UNDO_SALT, compress=True)
    return {**current, **changes}, undo


def _undo(request, current: dict) -> dict:
    """The form's values with the clean-up's changes put back, when the
    posted record is one this site signed, of the clean-up's fields only."""
    try:
        previous = signing.loads(request.POST.get(UNDO_FIELD, ""), salt=UNDO_SALT)
    except signing.BadSignature:
        previous = None
    if not _valid_undo(previous):
        messages.error(
            request,
            gettext(
                "The clean-up could not be undone: its record is missing or "
                "not valid. Nothing was changed."
            ),
        )
        return current
    messages.success(
        request, gettext("Clean-up undone: the fields are back as they were.")
    )
    return {**current, **previous}


def _valid_undo(previous) -> bool:
    return (
        isinstance(previous, dict)
        and bool(previous)
        and all(
            name in UNDOABLE and isinstance(value, type(_empty(name)))
            for name, value in previous.items()
        )
    )


def _empty(name: str) -> str | bool:
    return False if name == "needs_headline" else ""
