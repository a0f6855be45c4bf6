"""Links from recognition: what an article's text names that the registry
knows (agencies.recognition), offered to the editor, and the one write that
accepts some or all of it (issue #11, "suggest links"); and what a new story
links by itself, however it came in (recognised_links, article_add).

    found = article_recognition(article)
    article_link(article=article, user=user, agencies=[...], people=[...],
                 meeting=meeting, positions={person: "Kepala BNPT"},
                 expected_version=article.version)
    article_add(article=Article(...), user=user, tags=[...])
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

from agencies.models import MeetingAttendance
from agencies.recognition import Recognition, recognise
from newsroom.history import (
    all_of,
    combine_messages,
    history_message,
    message_text,
    step_message,
)

from ..models import Article
from ..models.article import PEOPLE_MAX
from ..permissions import can_edit
from .workflow import article_check_version, article_save

# Who may write a person's position at a meeting (the attendance record).
RECORD_POSITION = "agencies.add_meetingattendance"

LINKED = gettext_lazy("Linked from suggestions")


def article_text(article: Article) -> str:
    """The text recognition reads: headline, standfirst and body."""
    parts = (article.title, article.dek, article.body)
    return "\n\n".join(part for part in parts if part)


def article_recognition(article: Article) -> Recognition:
    """What the article's text names (reads only; see agencies.recognition)."""
    return recognise(article_text(article))


@dataclass
class LinkResult:
    """What article_link added (what was linked already is not repeated),
    or what article_add linked from the text besides what it was given."""

    article: Article
    agencies: list = field(default_factory=list)
    people: list = field(default_factory=list)
    meeting: object = None
    positions: list = field(default_factory=list)  # MeetingAttendance created
    # What the text was found to name (article_add), for the page that
    # offers the rest (Suggest links).
    recognition: Recognition | None = None
    # The people the text names past PEOPLE_MAX, not linked (article_add).
    people_left_out: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.agencies or self.people or self.meeting or self.positions)

    def summary(self) -> str:
        return message_text(self.summary_message())

    def summary_message(self) -> list:
        """What was linked, as the history keeps it (history_message())."""
        parts = []
        if self.agencies:
            parts.append(
                history_message(
                    gettext_noop("agencies: %(names)s"),
                    names=", ".join(str(a) for a in self.agencies),
                )
            )
        if self.people:
            parts.append(
                history_message(
                    gettext_noop("people: %(names)s"),
                    names=", ".join(p.name for p in self.people),
                )
            )
        if self.meeting is not None:
            parts.append(
                history_message(
                    gettext_noop("meeting: %(title)s"), title=self.meeting.title
                )
            )
        if self.positions:
            parts.append(
                history_message(
                    gettext_noop("positions at the meeting: %(names)s"),
                    names=", ".join(a.person.name for a in self.positions),
                )
            )
        return all_of(*parts)

    def people_left_out_message(self) -> str:
        """What article_add said of the people it left out ("" if none): how
        many, and the first names."""
        said = self.people_left_out_said()
        return message_text(said) if said else ""

    def people_left_out_said(self) -> list:
        """people_left_out_message() as a history_message(), put into words
        when read (an import's report keeps it); [] if none were left out."""
        count = len(self.people_left_out)
        if not count:
            return []
        names = "; ".join(p.name for p in self.people_left_out[:LEFT_OUT_NAMED])
        if count > LEFT_OUT_NAMED:
            names += "…"
        return history_message(
            ngettext_lazy(
                "A story names at most %(limit)d people: %(count)d more person "
                "named in the text was not linked: %(names)s",
                "A story names at most %(limit)d people: %(count)d more people "
                "named in the text were not linked: %(names)s",
                "count",
            ),
            limit=PEOPLE_MAX,
            count=count,
            names=names,
        )


# How many of the people left out a message names.
LEFT_OUT_NAMED = 10


def article_link(
    *,
    article: Article,
    user,
    agencies: Iterable = (),
    people: Iterable = (),
    meeting=None,
    positions: Mapping | None = None,
    expected_version: int | None = None,
) -> LinkResult:
    """Add agencies and people to the article's links and set its meeting,
    in one save (search vector kept right by article_save) and one revision.

    Links are added, never removed. `positions` maps people to the position
    the text gives them: each is recorded at the article's meeting (the one
    set here, else the one it has) as their position at the time, unless
    they are recorded there already; only for those who may write meeting
    attendance. Refuses like article_save: PermissionDenied for who may not
    edit the article, EditConflict when it is no longer `expected_version`.
    """
    positions = dict(positions or {})
    if positions and not user.has_perm(RECORD_POSITION):
        raise PermissionDenied(_("Only editors may record positions at a meeting."))
    with transaction.atomic(), reversion.create_revision():
        article_check_version(article=article, expected_version=expected_version)
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not can_edit(user, current):
            raise PermissionDenied(_("You may not edit this article."))
        linked_agencies = list(current.agencies.all())
        linked_people = list(current.people.all())
        result = LinkResult(
            article=current,
            agencies=_new(agencies, linked_agencies),
            people=_new(people, linked_people),
        )
        if meeting is not None and meeting.pk != current.meeting_id:
            current.meeting = meeting
            result.meeting = meeting
        if result.agencies or result.people or result.meeting:
            article_save(
                article=current,
                user=user,
                expected_version=current.version,
                agencies=[*linked_agencies, *result.agencies],
                people=[*linked_people, *result.people],
            )
        if current.meeting_id is not None:
            result.positions = _record_positions(current.meeting, positions)
        if result.changed:
            reversion.set_user(user)
            reversion.set_comment(
                combine_messages(step_message(LINKED, ""), result.summary_message())
            )
    return result


def recognised_links(recognition: Recognition) -> dict:
    """What a new story links by itself from what its text names, the rule
    of every way a story comes in (a wire import, the add page): the
    agencies recognised as `linked`, the people recognised and the meeting
    the registry has. Suggested and ambiguous matches, unknown acronyms and
    positions are only offered (Suggest links)."""
    found = recognition.meeting
    return {
        "agencies": recognition.linked_agencies,
        "people": recognition.linked_people,
        "meeting": found.meeting if found is not None else None,
    }


def article_add(
    *,
    article: Article,
    user,
    tags: Iterable | None = None,
    agencies: Iterable = (),
    people: Iterable = (),
    add_token: str = "",
    form_digest: str = "",
    recognition: Recognition | None = None,
) -> LinkResult:
    """Save a new article (article_save: its permission, checks, add token
    and search data) linked to what its text names (recognised_links), in
    the same save: those agencies and people added to the ones given, the
    meeting set unless one is. `recognition` is what the text was found to
    name when the caller has read it already (an import reads its copy's
    body), else headline, standfirst and body are read (article_text).

    Returns what the text linked besides what was given; whatever button
    saved the story, the desk gets the links an import of the same text
    gets, and Suggest links offers the rest. People past PEOPLE_MAX (those
    given first, then those the text names first) are not linked: the
    result's `people_left_out`."""
    if article.pk is not None:
        raise ValueError("article_add saves a new article; article_link links.")
    given_agencies, given_people = list(agencies or ()), list(people or ())
    result = links_from_text(
        article, agencies=given_agencies, people=given_people, recognition=recognition
    )
    if result.meeting is not None:
        article.meeting = result.meeting
    article_save(
        article=article,
        user=user,
        tags=tags,
        agencies=[*given_agencies, *result.agencies],
        people=[*given_people, *result.people],
        add_token=add_token,
        form_digest=form_digest,
    )
    return result


def links_from_text(
    article: Article,
    *,
    agencies: Iterable = (),
    people: Iterable = (),
    recognition: Recognition | None = None,
) -> LinkResult:
    """What saving the new `article` (unsaved) links from its text besides
    the `agencies` and `people` it is given (recognised_links): article_add's
    rule, which the add page also shows before the save (reads only). The
    meeting is set only if the article has none; people past PEOPLE_MAX
    (those given first, then those the text names first) are left out."""
    if recognition is None:
        recognition = article_recognition(article)
    found = recognised_links(recognition)
    given_agencies, given_people = list(agencies), list(people)
    result = LinkResult(
        article=article,
        agencies=_new(found["agencies"], given_agencies),
        people=_new(found["people"], given_people),
        recognition=recognition,
    )
    # The people given first, then those the text names first, as many as a
    # story names (more given are refused by article_save).
    room = max(PEOPLE_MAX - len({each.pk for each in given_people}), 0)
    result.people, result.people_left_out = result.people[:room], result.people[room:]
    if article.meeting_id is None and found["meeting"] is not None:
        result.meeting = found["meeting"]
    return result


def _new(chosen: Iterable, linked: list) -> list:
    """The chosen ones not linked yet, each once, in the order given."""
    have = {each.pk for each in linked}
    new = []
    for each in chosen:
        if each.pk not in have:
            have.add(each.pk)
            new.append(each)
    return new


def _record_positions(meeting, positions: Mapping) -> list:
    recorded = set(
        MeetingAttendance.objects.filter(
            meeting=meeting, person__in=list(positions)
        ).values_list("person_id", flat=True)
    )
    created = []
    for person, position in positions.items():
        if person.pk in recorded or not position.strip():
            continue
        attendance = MeetingAttendance(
            meeting=meeting,
            person=person,
            position_held=position.strip()[:255],
        )
        attendance.full_clean()
        attendance.save()
        created.append(attendance)
    return created


def record_person_merged(sender, *, keep, article_ids, **kwargs) -> None:
    """`person_merged` (agencies.signals), connected in ArticlesConfig.ready():
    the stories that named the duplicate join the merge's revision as they
    are now, naming the person kept, so each story's history tells of the
    merge (its editor and comment). A query per list, however many."""
    for article in Article.objects.filter(pk__in=article_ids).for_revision():
        reversion.add_to_revision(article)
