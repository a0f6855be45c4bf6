"""The link suggestions page of an article (issue #11): what its text names
that the registry knows, grouped (agencies, people, meeting, unknown
acronyms), each with where it was found; the editor ticks some or all and
links them in one step (services.article_link). Unknown acronyms are created
as agencies in one click by editors, proposed by reporters.

A new article is saved linked to what its text names unambiguously, as a
wire import is (services.article_add), whatever button saved it; the
message after the save says what, with a link here for the rest. Saved with
the plain Save button, it comes here when something is left to link."""

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext

from agencies.models import Agency, AgencyProposal, MeetingAttendance, Person
from agencies.recognition import Recognition, State
from agencies.services import PROPOSE, agency_create_from_text, agency_propose

from .. import services
from ..models import Article
from ..models.article import BODY_MAX_CHARS
from ..permissions import can_edit, can_withdraw

# The buttons of a form that means "stay on this article" after adding it.
STAY = ("_continue", "_addanother", "_saveasnew", "_transition", "_cleanup")


@dataclass
class Row:
    """One thing offered: `value` is what its checkbox sends (a pk), or for
    a choice between candidates (`candidates`), its radio group's `name`."""

    label: str
    state: str
    mentions: list
    value: int | None = None
    checked: bool = False
    linked: bool = False  # the article has it already
    reason: str = ""
    candidates: list = field(default_factory=list)
    name: str = ""
    position: str = ""  # people: the position written next to the name
    url: str = ""
    # People: the position recorded at the meeting the positions go to, and
    # how it compares with the text's (AT_MEETING; "": nothing to say).
    recorded_position: str = ""
    at_meeting: str = ""

    @property
    def position_offered(self) -> bool:
        return self.at_meeting == OFFER


# How a person's position in the text compares with the meeting's record
# (Row.at_meeting): not recorded there (a box offered, ticked), recorded
# with no position, with the same one, with another.
OFFER, NO_POSITION, SAME, OTHER = "offer", "no_position", "same", "other"


# The most unknown acronyms the page offers to add, in the text's order.
UNKNOWN_SHOWN = 50


@dataclass
class Offers:
    """Everything the page offers, built from a Recognition."""

    agencies: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    meeting: Row | None = None
    missing_meeting: dict | None = None  # found by number, not in the registry
    previous: list[Row] = field(default_factory=list)
    unknown: list[dict] = field(default_factory=list)
    unknown_more: int = 0  # unknown acronyms past UNKNOWN_SHOWN, not offered

    @property
    def pending(self) -> int:
        """How many are offered and not linked yet."""
        rows = [*self.agencies, *self.people, *filter(None, [self.meeting])]
        return sum(1 for row in rows if not row.linked)


def mention_parts(mention) -> tuple[str, str, str]:
    """The context split around the mention, to mark it on the page."""
    context, written = mention.context, mention.written
    at = context.find(written)
    if at < 0:
        return context, "", ""
    return context[:at], written, context[at + len(written) :]


# The context of a mention as a reader reads it (reader_context): Markdown's
# marks taken out of the text the recognition quotes. Private-use characters
# stand for the mark of the mention and the emphasis until the text is
# escaped; none survives from the text itself.
MARK_OPEN, MARK_CLOSE, EM_OPEN, EM_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
SENTINELS = re.compile("[\ue000-\ue003]")
READER_TEXT = (
    # Pictures, whole or cut by the context's edge, say nothing here.
    (re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?"), ""),
    # Links and references: their words.
    (re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])"), r"\1"),
    # A link cut by the context's edge: "…words](https://…" or "[words…".
    (re.compile(r"^(…?[^\[\]\n]*)\]\([^)\n]*\)?"), r"\1"),
    (re.compile(r"\[([^\]\n]*?)(?:\]\([^)\n]*?)?(…?)$"), r"\1\2"),
    # Emphasis: `_phrase_`, `*phrase*`, `__strong__`, `**strong**`.
    (
        re.compile(r"(?<![\w*_])([*_]{1,2})(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*_])"),
        EM_OPEN + r"\2" + EM_CLOSE,
    ),
    # Code spans and heading or quote marks: their text.
    (re.compile(r"`+"), ""),
    (re.compile(r"^(…?)\s{0,3}(?:#{1,6}|>)\s+"), r"\1"),
    # Where a picture was: one space.
    (re.compile(r"[ \t]{2,}"), " "),
)
# A mark left alone: its phrase was cut by the context's edge.
LONE_CLOSE = re.compile(r"(?<=[^\s*_])[*_]{1,2}(?![\w*_])")
LONE_OPEN = re.compile(r"(?<![\w*_])[*_]{1,2}(?=[^\s*_])")


def reader_context(mention) -> SafeString:
    """The context of a mention as a reader of the story reads it, escaped
    HTML: emphasis marks, link syntax and pictures taken out, emphasised
    words in <em> (a phrase cut by the context's edge too), the mention
    itself in <mark>."""
    before, written, after = mention_parts(mention)
    text = SENTINELS.sub("", before)
    if written:
        text += MARK_OPEN + SENTINELS.sub("", written) + MARK_CLOSE
    text += SENTINELS.sub("", after)
    for pattern, replacement in READER_TEXT:
        text = pattern.sub(replacement, text)
    # A closing mark with no opening one began before the context's edge;
    # an opening one with no closing one ends after it.
    cut = "…" if text.startswith("…") else ""
    close = LONE_CLOSE.search(text)
    if close and not LONE_OPEN.search(text, 0, close.start()):
        phrase = text[len(cut) : close.start()]
        text = cut + EM_OPEN + phrase + EM_CLOSE + text[close.end() :]
    cut = "…" if text.endswith("…") else ""
    opening = LONE_OPEN.search(text)
    if opening and not LONE_CLOSE.search(text, opening.end()):
        phrase = text[opening.end() : len(text) - len(cut)]
        text = text[: opening.start()] + EM_OPEN + phrase + EM_CLOSE + cut
    return _context_html(text)


def _context_html(text: str) -> SafeString:
    """Text holding the sentinels as HTML: each stretch of one kind escaped,
    in <mark> and <em> as it stands (well nested however they overlap)."""
    html, piece, marked, emphasised = [], [], False, False

    def flush():
        if not piece:
            return
        out = escape("".join(piece))
        if emphasised:
            out = f"<em>{out}</em>"
        if marked:
            out = f"<mark>{out}</mark>"
        html.append(out)
        piece.clear()

    for char in text:
        if char in (MARK_OPEN, MARK_CLOSE, EM_OPEN, EM_CLOSE):
            flush()
            marked = {MARK_OPEN: True, MARK_CLOSE: False}.get(char, marked)
            emphasised = {EM_OPEN: True, EM_CLOSE: False}.get(char, emphasised)
        else:
            piece.append(char)
    flush()
    return mark_safe("".join(html))  # noqa: S308 - every piece escaped


def _mentions(match, lead: list[str]) -> list:
    """Up to three places, each with its paragraph: `lead` names the first
    paragraphs of the text read (headline, standfirst); the body's count
    from 1. A place that reads like one shown already is left out."""
    places, seen = [], set()
    for mention in match.mentions:
        index = mention.paragraph
        where = lead[index] if index < len(lead) else f"¶ {index - len(lead) + 1}"
        parts = mention_parts(mention)
        if parts[0] + parts[2] in seen:
            continue
        seen.add(parts[0] + parts[2])
        places.append({"html": reader_context(mention), "where": where})
        if len(places) == 3:
            break
    return places


def lead_paragraphs(article) -> list[str]:
    """What the paragraphs before the body are in services.article_text."""
    lead = [gettext("headline")] if article.title else []
    if article.dek:
        lead += [gettext("standfirst")] * (article.dek.strip().count("\n\n") + 1)
    return lead


def build_offers(recognition: Recognition, article, user) -> Offers:
    lead = lead_paragraphs(article)
    agency_ids = set(article.agencies.values_list("pk", flat=True))
    people_ids = set(article.people.values_list("pk", flat=True))
    offers = Offers()
    for index, match in enumerate(recognition.agencies):
        if match.agency is not None:
            linked = match.agency.pk in agency_ids
            offers.agencies.append(
                Row(
                    label=_agency_label(match.agency),
                    state=str(match.state),
                    mentions=_mentions(match, lead),
                    value=match.agency.pk,
                    checked=not linked,
                    linked=linked,
                    reason=match.reason,
                )
            )
        else:
            offers.agencies.append(
                Row(
                    label=match.written,
                    state=str(match.state),
                    mentions=_mentions(match, lead),
                    reason=match.reason,
                    name=f"agency-choice-{index}",
                    candidates=[
                        (each.pk, _agency_label(each), each.pk in agency_ids)
                        for each in match.candidates
                    ],
                    linked=any(each.pk in agency_ids for each in match.candidates),
                )
            )
    for index, match in enumerate(recognition.people):
        if match.person is not None:
            linked = match.person.pk in people_ids
            offers.people.append(
                Row(
                    label=match.person.name,
                    state=str(match.state),
                    mentions=_mentions(match, lead),
                    value=match.person.pk,
                    checked=not linked,
                    linked=linked,
                    position=match.position,
                )
            )
        else:
            offers.people.append(
                Row(
                    label=match.written,
                    state=str(match.state),
                    mentions=_mentions(match, lead),
                    name=f"person-choice-{index}",
                    candidates=[
                        (each.pk, each.name, each.pk in people_ids)
                        for each in match.candidates
                    ],
                    linked=any(each.pk in people_ids for each in match.candidates),
                    position=match.position,
                )
            )
    found = recognition.meeting
    _positions_at_meeting(offers.people, article, found)
    if found is not None and found.meeting is not None:
        linked = found.meeting.pk == article.meeting_id
        offers.meeting = Row(
            label=found.meeting.local_title,
            state=str(State.LINKED),
            mentions=_mentions(found, lead),
            value=found.meeting.pk,
            # Never replaces another meeting unasked.
            checked=not linked and article.meeting_id is None,
            linked=linked,
            reason=(
                gettext("Replaces the article's meeting: %(title)s")
                % {"title": article.meeting.local_title}
                if article.meeting_id and not linked
                else ""
            ),
        )
    elif found is not None:
        offers.missing_meeting = {
            "series": found.series,
            "number": found.number,
            "mentions": _mentions(found, lead),
            "add_url": "{}?series={}&number={}".format(
                reverse("admin:agencies_meeting_add"), found.series.pk, found.number
            ),
        }
    earlier = [*(found.previous if found else []), *recognition.previous_meetings]
    seen = set()
    for match in earlier:
        key = (match.series.pk, match.number)
        if key in seen:
            continue
        seen.add(key)
        offers.previous.append(
            Row(
                label=match.meeting.local_title
                if match.meeting
                else _series_number(match),
                state="",
                mentions=_mentions(match, lead),
                url=(
                    reverse("admin:agencies_meeting_change", args=[match.meeting.pk])
                    if match.meeting
                    else ""
                ),
            )
        )
    # A glossary of 3,000 acronyms had made a page of 31 MB in 100 s: the
    # first UNKNOWN_SHOWN are offered, and the rest counted.
    shown = recognition.unknown_acronyms[:UNKNOWN_SHOWN]
    offers.unknown_more = len(recognition.unknown_acronyms) - len(shown)
    proposed = {
        (p.acronym, p.expansion.lower()): p
        for p in AgencyProposal.objects.undecided().filter(
            acronym__in=[u.acronym for u in shown]
        )
    }
    usual_country = _usual_country(recognition)
    for unknown in shown:
        offers.unknown.append(
            {
                "acronym": unknown.acronym,
                # Its neighbours' country (DOG among Philippine agencies),
                # else the text's usual one.
                "country": unknown.country or usual_country,
                "expansion": unknown.expansion,
                "mentions": _mentions(unknown, lead),
                "conflicts_with": [_agency_label(a) for a in unknown.conflicts_with],
                "proposal": proposed.get((unknown.acronym, unknown.expansion.lower())),
            }
        )
    return offers


def positions_meeting_id(article, found) -> int | None:
    """The meeting positions are recorded at (services.article_link): the
    article's, else the one its text names."""
    if article.meeting_id is not None:
        return article.meeting_id
    return found.meeting.pk if found is not None and found.meeting else None


def same_position(first: str, second: str) -> bool:
    """Whether two positions read the same but for case and spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _positions_at_meeting(rows: list[Row], article, found) -> None:
    """For each person offered with a position in the text: how it compares
    with the meeting's record (Row.at_meeting). The text's is offered to
    record (a box, ticked) only for someone not recorded there:
    services.article_link leaves a record as it is. One query."""
    meeting_id = positions_meeting_id(article, found)
    rows = [row for row in rows if row.value and row.position]
    if meeting_id is None or not rows:
        return
    recorded = dict(
        MeetingAttendance.objects.filter(
            meeting_id=meeting_id, person_id__in=[row.value for row in rows]
        ).values_list("person_id", "position_held")
    )
    for row in rows:
        if row.value not in recorded:
            row.at_meeting = OFFER
            continue
        row.recorded_position = recorded[row.value]
        if not row.recorded_position.strip():
            row.at_meeting = NO_POSITION
        elif same_position(row.recorded_position, row.position):
            row.at_meeting = SAME
        else:
            row.at_meeting = OTHER


def _series_number(match) -> str:
    return f"{match.series.short_name or match.series.name} {match.number}"


def _agency_label(agency) -> str:
    if agency.acronym and agency.acronym != agency.name:
        return f"{agency.acronym}: {agency.name} ({agency.country.code})"
    return f"{agency.name} ({agency.country.code})"


def _ids(values) -> set[int]:
    return {int(v) for v in values if str(v).isdecimal() and len(str(v)) < 12}


def chosen_links(request, offers: Offers, recognition: Recognition, user) -> dict:
    """What the ticked boxes and chosen radios ask for, limited to what was
    offered (a forged value is ignored)."""
    post = request.POST
    ticked = _ids(post.getlist("agencies"))
    agencies = [
        m.agency for m in recognition.agencies if m.agency and m.agency.pk in ticked
    ]
    for index, match in enumerate(recognition.agencies):
        picked = _ids([post.get(f"agency-choice-{index}", "")])
        agencies += [each for each in match.candidates if each.pk in picked]
    ticked = _ids(post.getlist("people"))
    people = [
        m.person for m in recognition.people if m.person and m.person.pk in ticked
    ]
    for index, match in enumerate(recognition.people):
        picked = _ids([post.get(f"person-choice-{index}", "")])
        people += [each for each in match.candidates if each.pk in picked]
    meeting = None
    if offers.meeting is not None and str(offers.meeting.value) == post.get("meeting"):
        meeting = recognition.meeting.meeting
    positions = {}
    if user.has_perm(services.links.RECORD_POSITION):
        # For the people linked now and those linked before (whose boxes
        # are not sent), where a box was offered.
        ticked = _ids(post.getlist("positions"))
        offered = {
            row.value: row.position for row in offers.people if row.position_offered
        }
        linked = {row.value for row in offers.people if row.linked}
        recognised = [m.person for m in recognition.people if m.person]
        positions = {
            person: offered[person.pk]
            for person in recognised
            if person.pk in ticked
            and person.pk in offered
            and (person in people or person.pk in linked)
        }
    return {
        "agencies": agencies,
        "people": people,
        "meeting": meeting,
        "positions": positions,
    }


def linked_message(
    result: services.LinkResult, *, pending: int, url: str, may_link: bool
) -> SafeString | None:
    """What a new story's text linked by itself, counted ("7 agencies, 3
    people and the meeting “…”"), and the `pending` matches left to check
    on its Suggest links (`url`): what was linked is reviewed there, and the
    rest checked, by whoever saved it while `may_link`, else (a reporter's
    story in review) by the editors. Named in the desk's language. None:
    nothing to say."""
    link = format_html('<a href="{}">{}</a>', url, gettext("Suggest links"))
    what = []
    if result.agencies:
        count = len(result.agencies)
        what.append(
            ngettext("%(count)d agency", "%(count)d agencies", count) % {"count": count}
        )
    if result.people:
        count = len(result.people)
        what.append(
            ngettext("%(count)d person", "%(count)d people", count) % {"count": count}
        )
    if result.meeting is not None:
        what.append(
            # Named as the add page's "Linked when you save" and the Meeting
            # field name it: in the desk's language (Meeting.local_title).
            gettext("the meeting “%(title)s”") % {"title": result.meeting.local_title}
        )
    if not what and not pending and not result.people_left_out:
        return None
    if what:
        said = format_html(
            gettext("Linked from the story's text, as a wire import links it: {what}."),
            what=get_text_list(what, gettext("and")),
        )
    else:
        said = gettext("Nothing in the story's text could be linked by itself.")
    if result.people_left_out:
        said = format_html("{} {}.", said, result.people_left_out_message())
    if not pending and may_link:
        rest = format_html(gettext("Review what was linked on {link}."), link=link)
    elif not pending:
        # Submitted: the story is the editors' to change now, not theirs.
        rest = format_html(
            gettext("The editors check what was linked on {link}."), link=link
        )
    elif may_link:
        rest = format_html(
            ngettext(
                "{count} more match to check on {link}.",
                "{count} more matches to check on {link}.",
                pending,
            ),
            count=pending,
            link=link,
        )
    else:
        rest = format_html(
            ngettext(
                "{count} more match for the editors to check on {link}.",
                "{count} more matches for the editors to check on {link}.",
                pending,
            ),
            count=pending,
            link=link,
        )
    return format_html("{} {}", said, rest)


def changes(result: services.links.LinkResult) -> int:
    """How many links and positions article_link added."""
    return (
        len(result.agencies)
        + len(result.people)
        + (result.meeting is not None)
        + len(result.positions)
    )


def _ids(values) -> list[int]:
    """The whole numbers among form values (ids chosen in a select), as long
    as a database's ids can be."""
    return [
        int(value)
        for value in values
        if value.isascii() and value.isdigit() and len(value) <= 18
    ]


class LinkSuggestionsMixin:
    links_template = "admin/articles/article/links.html"

    def get_urls(self):
        return [
            path(
                "add/links-preview/",
                self.admin_site.admin_view(self.links_preview_view),
                name="articles_article_links_preview",
            ),
            path(
                "<path:object_id>/links/",
                self.admin_site.admin_view(self.links_view),
                name="articles_article_links",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            context["suggestions_url"] = reverse(
                "admin:articles_article_links", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        pending = self.say_linked_from_text(request, obj)
        stays = IS_POPUP_VAR in request.POST or any(
            request.POST.get(name) for name in STAY
        )
        if not stays and obj.pk and pending:
            return HttpResponseRedirect(
                reverse("admin:articles_article_links", args=[obj.pk])
            )
        return response

    def links_preview_view(self, request):
        """The add page's "Linked when you save" (links_preview.html): what
        saving the story as its form is now would link from its text
        besides the agencies, people and meeting chosen
        (services.links_from_text, the save's own rule). Reads only; a
        fragment the page's script puts under Filing as the text changes."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        post = request.POST
        article = Article(
            title=post.get("title", ""),
            dek=post.get("dek", ""),
            body=post.get("body", ""),
        )
        context = {"too_long": len(article.body) > BODY_MAX_CHARS, "result": None}
        if not context["too_long"]:
            # A meeting chosen is kept: the text's is then not set.
            article.meeting_id = next(iter(_ids([post.get("meeting", "")])), None)
            context["result"] = services.links_from_text(
                article,
                agencies=Agency.objects.filter(pk__in=_ids(post.getlist("agencies"))),
                people=Person.objects.filter(pk__in=_ids(post.getlist("people"))),
            )
            # Named short (acronyms), by country in the text's order: a
            # wire story names a dozen agencies.
            by_country = {}
            for agency in context["result"].agencies:
                by_country.setdefault(agency.country.name, []).append(agency)
            context["agencies_by_country"] = list(by_country.items())
        return TemplateResponse(
            request, "admin/articles/article/links_preview_result.html", context
        )

    def linked_from_text(self, request, result: services.LinkResult) -> None:
        """Keep what services.article_add linked for the message said once
        the save (and the step asked with it) is done."""
        request._linked_from_text = result

    def say_linked_from_text(self, request, article) -> int:
        """Say once what the new `article`'s text linked by itself (counts)
        and how many of its matches are left to check, with a link to its
        Suggest links; how many are left (what the page has to link)."""
        result = getattr(request, "_linked_from_text", None)
        if result is None or result.article.pk != article.pk:
            return 0
        del request._linked_from_text
        pending = build_offers(result.recognition, article, request.user).pending
        message = linked_message(
            result,
            pending=pending,
            url=reverse("admin:articles_article_links", args=[article.pk]),
            may_link=can_edit(request.user, article),
        )
        if message:
            messages.info(request, message)
        return pending

    def links_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        here = reverse("admin:articles_article_links", args=[article.pk])
        if request.method == "POST":
            action = next(
                (a for a in ("_link", "_create", "_propose") if a in request.POST),
                None,
            )
            if action == "_link":
                done = self._link(request, article)
                if done:
                    return HttpResponseRedirect(
                        reverse("admin:articles_article_change", args=[article.pk])
                    )
            elif action == "_create":
                self._create_agency(request, article)
            elif action == "_propose":
                self._propose_agency(request, article)
            return HttpResponseRedirect(here)
        recognition = services.article_recognition(article)
        offers = build_offers(recognition, article, request.user)
        user = request.user
        meeting_id = positions_meeting_id(article, recognition.meeting)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": gettext("Suggested links: %(title)s") % {"title": article.title},
            "offers": offers,
            "may_link": can_edit(user, article),
            # A reporter's story in review: theirs to link again once withdrawn.
            "may_withdraw": can_withdraw(user, article),
            "may_create": user.has_perm("agencies.add_agency"),
            "may_propose": user.has_perm(PROPOSE),
            "may_record_positions": user.has_perm(services.links.RECORD_POSITION),
            "meeting_url": (
                reverse("admin:agencies_meeting_change", args=[meeting_id])
                if meeting_id and user.has_perm("agencies.change_meeting")
                else ""
            ),
            "country_field": Agency._meta.get_field("country").formfield(),
            "kind_field": Agency._meta.get_field("kind").formfield(),
            "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        }
        return TemplateResponse(request, self.links_template, context)

    def _link(self, request, article) -> bool:
        recognition = services.article_recognition(article)
        offers = build_offers(recognition, article, request.user)
        chosen = chosen_links(request, offers, recognition, request.user)
        version = request.POST.get("expected_version", "")
        try:
            result = services.article_link(
                article=article,
                user=request.user,
                expected_version=int(version) if version.isdecimal() else None,
                **chosen,
            )
        except services.EditConflict:
            messages.error(
                request,
                gettext(
                    "Someone saved this article since you opened this page: "
                    "nothing was linked. Here are the suggestions for the "
                    "article as it is now."
                ),
            )
            return False
        except (PermissionDenied, ValidationError) as error:
            messages.error(
                request,
                "; ".join(getattr(error, "messages", None) or [str(error)])
                or gettext("You may not change this article."),
            )
            return False
        if not any(chosen.values()):
            # The button pressed with no box ticked (a page without its
            # script, which keeps the button off until one is): the
            # suggestions shown again, as they were.
            messages.warning(
                request,
                gettext(
                    "Nothing was ticked, so nothing was linked. Tick a "
                    "suggestion to link it."
                ),
            )
            return False
        if result.changed:
            count = changes(result)
            messages.success(
                request,
                ngettext(
                    "%(count)d change saved: %(what)s.",
                    "%(count)d changes saved: %(what)s.",
                    count,
                )
                % {"count": count, "what": result.summary()},
            )
        else:
            messages.info(
                request,
                gettext(
                    "Nothing changed: what was ticked is linked or recorded already."
                ),
            )
        return True

    def _unknown(self, request, article):
        """The unknown acronym the form names, as recognition found it."""
        acronym = request.POST.get("acronym", "")
        recognition = services.article_recognition(article)
        return next(
            (u for u in recognition.unknown_acronyms if u.acronym == acronym), None
        )

    def _create_agency(self, request, article) -> None:
        unknown = self._unknown(request, article)
        if unknown is None:
            messages.error(request, gettext("That acronym is not in this article."))
            return
        try:
            agency = agency_create_from_text(
                acronym=unknown.acronym,
                expansion=request.POST.get("name", "")[:255] or unknown.expansion,
                country=request.POST.get("country", ""),
                kind=request.POST.get("kind", ""),
                user=request.user,
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(
                request,
                gettext("%(acronym)s was not created: %(errors)s")
                % {"acronym": unknown.acronym, "errors": " ".join(error.messages)},
            )
        else:
            messages.success(
                request,
                format_html(
                    gettext("Agency created: {}. It is offered below."),
                    _agency_label(agency),
                ),
            )

    def _propose_agency(self, request, article) -> None:
        unknown = self._unknown(request, article)
        if unknown is None:
            messages.error(request, gettext("That acronym is not in this article."))
            return
        try:
            agency_propose(
                acronym=unknown.acronym,
                expansion=unknown.expansion,
                context=unknown.mentions[0].context if unknown.mentions else "",
                source_url=article.source_url,
                article=article,
                country=unknown.country,
                user=request.user,
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(
                request, "; ".join(getattr(error, "messages", None) or [str(error)])
            )
        else:
            messages.success(
                request,
                gettext("%(acronym)s proposed: an editor will decide.")
                % {"acronym": unknown.acronym},
            )


def _usual_country(recognition: Recognition) -> str:
    """The country most of the text's agencies belong to (for a new one)."""
    counts: dict[str, int] = {}
    for match in recognition.agencies:
        if match.agency is not None:
            code = match.agency.country.code
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.get) if counts else "ID"
