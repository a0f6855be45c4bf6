"""What recognise() returns: plain dataclasses holding fresh model instances,
with `Recognition.as_dict()` for JSON (`import_articles --json`, the admin)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy as _


class State(StrEnum):
    # One candidate by acronym or name and nothing against it, or decided by
    # the text's own expansion: intake links these.
    LINKED = "linked"
    # Decided only by context (the other agencies and the meeting around the
    # mention): offered, pre-ticked, never linked by intake.
    SUGGESTED = "suggested"
    # Several candidates and nothing decides: offered, not ticked.
    AMBIGUOUS = "ambiguous"

    @property
    def label(self) -> str:
        """The state as an editor reads it, in the active language."""
        return STATE_LABELS[self]


STATE_LABELS = {
    State.LINKED: _("linked"),
    State.SUGGESTED: _("suggested by context"),
    State.AMBIGUOUS: _("ambiguous"),
}


@dataclass(frozen=True)
class Mention:
    """One place in the text: `text[start:end] == written`; `paragraph` counts
    from 0; `context` is the paragraph around it (about 60 characters either
    side, cut at words, "…" where cut), made when first asked for."""

    start: int
    end: int
    written: str
    paragraph: int
    document: Any = field(default=None, compare=False, repr=False)

    @property
    def offset(self) -> int:
        return self.start

    @cached_property
    def context(self) -> str:
        return self.document.snippet(self.start, self.end) if self.document else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "offset": self.start,
            "text": self.written,
            "context": self.context,
        }


@dataclass
class AgencyMatch:
    """An agency (linked or suggested), or an acronym several agencies hold
    (ambiguous: `agency` is None, `candidates` are the agencies it may be)."""

    state: State
    agency: Any  # agencies.models.Agency | None
    candidates: list = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    reason: str = ""

    @property
    def written(self) -> str:
        return self.mentions[0].written if self.mentions else ""

    def as_dict(self) -> dict[str, Any]:
        agency = self.agency
        return {
            "id": agency.pk if agency else None,
            "acronym": agency.acronym if agency else self.written,
            "name": agency.name if agency else None,
            "country": agency.country.code if agency else None,
            "state": str(self.state),
            "reason": self.reason,
            "candidates": [_agency_dict(each) for each in self.candidates],
            "found": [mention.as_dict() for mention in self.mentions],
        }


@dataclass
class PersonMatch:
    """A person of the registry named in the text, with the position written
    next to the name (the first one found; all of them in `positions`).
    Two people of the same name: `person` is None, state ambiguous."""

    state: State
    person: Any  # agencies.models.Person | None
    candidates: list = field(default_factory=list)
    position: str = ""
    positions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def written(self) -> str:
        return self.mentions[0].written if self.mentions else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.person.pk if self.person else None,
            "name": self.person.name if self.person else self.written,
            "state": str(self.state),
            "position": self.position,
            "candidates": [
                {"id": each.pk, "name": each.name} for each in self.candidates
            ],
            "found": [mention.as_dict() for mention in self.mentions],
        }


@dataclass
class MeetingMatch:
    """A meeting of a series by its number ("JWG ke-4", "The 4th Joint
    Working Group"); `meeting` is the Meeting when the registry has it.
    The story's meeting carries the earlier ones mentioned in `previous`."""

    series: Any  # agencies.models.MeetingSeries
    number: int
    meeting: Any = None  # agencies.models.Meeting | None
    mentions: list[Mention] = field(default_factory=list)
    previous: list[MeetingMatch] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.meeting.pk if self.meeting else None,
            "title": self.meeting.title if self.meeting else None,
            "series": self.series.short_name or self.series.name,
            "series_id": self.series.pk,
            "number": self.number,
            "found": [mention.as_dict() for mention in self.mentions],
            "previous": [earlier.as_dict() for earlier in self.previous],
        }


@dataclass
class UnknownAcronym:
    """An acronym the registry does not have (or has for another name: then
    `conflicts_with` lists the registry's agencies the text contradicts),
    with its expansion when the text gives one: a possible new agency."""

    acronym: str
    expansion: str = ""
    mentions: list[Mention] = field(default_factory=list)
    conflicts_with: list = field(default_factory=list)
    # The country (ISO code) of the known agencies named with it, in its
    # list else its sentence, when they are all of one; else "".
    country: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "acronym": self.acronym,
            "expansion": self.expansion or None,
            "conflicts_with": [_agency_dict(each) for each in self.conflicts_with],
            "found": [mention.as_dict() for mention in self.mentions],
        }


@dataclass
class Recognition:
    """Everything found in one text, each kind in the order of first mention."""

    agencies: list[AgencyMatch] = field(default_factory=list)
    people: list[PersonMatch] = field(default_factory=list)
    meeting: MeetingMatch | None = None
    # Earlier meetings mentioned: the story's meeting's `previous`, or all
    # the meetings found when every mention of them is explicitly earlier.
    previous_meetings: list[MeetingMatch] = field(default_factory=list)
    unknown_acronyms: list[UnknownAcronym] = field(default_factory=list)

    def agencies_in(self, state: State) -> list:
        """The agencies (model instances) of the matches in one state."""
        return [m.agency for m in self.agencies if m.state == state and m.agency]

    @property
    def linked_agencies(self) -> list:
        return self.agencies_in(State.LINKED)

    @property
    def linked_people(self) -> list:
        return [m.person for m in self.people if m.state == State.LINKED]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of issue #11's design: agencies, people, meeting,
        unknown_acronyms (each with where it was found)."""
        return {
            "agencies": [match.as_dict() for match in self.agencies],
            "people": [match.as_dict() for match in self.people],
            "meeting": self.meeting.as_dict() if self.meeting else None,
            "previous_meetings": [m.as_dict() for m in self.previous_meetings],
            "unknown_acronyms": [u.as_dict() for u in self.unknown_acronyms],
        }

    to_json = as_dict


def _agency_dict(agency) -> dict[str, Any]:
    return {
        "id": agency.pk,
        "acronym": agency.acronym,
        "name": agency.name,
        "country": agency.country.code,
    }
