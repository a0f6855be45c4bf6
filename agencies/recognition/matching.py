"""recognise(): the agencies, people, meeting and unknown acronyms of a text.

Reads only. With the registry built, a call makes at most three queries
whatever the text and the registry's size: the registry's version, the
meeting series, the meetings mentioned by number. The agencies and people
found are copies of the registry's instances.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries

from ..models import Meeting, MeetingSeries
from .countries import named_country
from .expansions import Expansion, agreeing, expansion_at
from .meetings import DATED, NOT_EARLIER, MeetingMention, SeriesKeys, find_meetings
from .registry import AGENCY, PERSON, Hit, Registry, current_registry
from .results import (
    AgencyMatch,
    MeetingMatch,
    Mention,
    PersonMatch,
    Recognition,
    State,
    UnknownAcronym,
)
from .text import Document, Span, name_run_after, name_run_before

# Capitals (and digits) that are not an agency or a term worth listing: the
# sample's dateline (DM, "Dharma Mulia"? no: the source's initials), "TV",
# "RI" (Republik Indonesia), time zones, company forms.
STOP_ACRONYMS = frozenset("DM TV RI WIB WITA WIT UTC GMT PT CV AM PM OK".split())
ACRONYM_TOKEN = re.compile(r"(?<![^\W_])[A-Z0-9]{2,10}(?![^\W_])")
ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# "DM – ", "JAKARTA – " at the start of the text.
DATELINE = re.compile(r"\s*[^\n–—-]{1,40}?\s+[–—-]\s")
# What may stand between two items of a list: "NICA, AMLC, BI, dan DOG".
LIST_GAP = re.compile(
    r"[ \t,;/&]*(?:(?:dan|and|serta|atau|or)\b[ \t,]*)?", re.IGNORECASE
)
POSITION_AFTER = re.compile(r"[ \t]*,[ \t]*")
POSITION_WINDOW = 160  # characters: a position is a dozen words at most


def recognise(text: str, *, registry: Registry | None = None) -> Recognition:
    """What `text` names that the registry knows (agencies, people, the
    meeting by series and number) and the acronyms it does not know.

    `registry`: the one to match against; by default the process's, rebuilt
    when the database's registry has changed. Writes nothing.
    """
    if not text or not text.strip():
        return Recognition()
    registry = registry if registry is not None else current_registry()
    return _Recogniser(text, registry).run()


@dataclass
class _Group:
    """The mentions of one pattern (an acronym, a name) and its candidates."""

    hits: list[Hit]
    candidates: tuple[int, ...]
    by_acronym: bool
    decided: int | None = None  # the agency, decided by the text
    reason: str = ""
    contradiction: str = ""  # the text's expansion when it contradicts
    by_context: dict[int, tuple[int, str]] = field(default_factory=dict)


class _Recogniser:
    def __init__(self, text: str, registry: Registry):
        self.text = text
        self.registry = registry
        self.doc = Document(text)

    @cached_property
    def says(self) -> dict[str, str]:
        """The reasons given to the editor, translated once a call."""
        return {
            "spelled": _("The text spells it out: “%(expansion)s”."),
            "only": _("The registry has one agency written “%(written)s”."),
            "named": _("The text also names it in full: %(name)s."),
            "list": _("The agencies listed with it are from %(country)s."),
            "sentence": _(
                "The other agencies and meetings in its sentence are mostly "
                "from %(country)s."
            ),
            "paragraph": _(
                "The other agencies and meetings in its paragraph are mostly "
                "from %(country)s."
            ),
            "ambiguous": _(
                "Several agencies are written “%(written)s” and the text does "
                "not say which one this is."
            ),
        }

    def run(self) -> Recognition:
        hits = self.registry.find(self.text, self.doc.lowered)
        agency_hits = [h for h in hits if any(k == AGENCY for k, _id in h.entries)]
        person_hits = [h for h in hits if any(k == PERSON for k, _id in h.entries)]
        all_series = list(MeetingSeries.objects.all())
        meeting_mentions = find_meetings(self.doc, all_series)
        meetings = _meetings(meeting_mentions)
        tokens = self._acronym_tokens(hits, meeting_mentions, all_series)

        groups = self._agency_groups(agency_hits)
        self._lists = _Lists(
            self.text,
            [(h.start, h.end) for g in groups for h in g.hits]
            + [(t.start(), t.end()) for t in tokens],
        )
        self._decide_by_text(groups)
        self._decide_by_context(groups, meeting_mentions, meetings)

        agency_ids = {c for g in groups for c in g.candidates}
        agencies = self.registry.agencies_by_id(agency_ids)
        person_ids = {i for h in person_hits for k, i in h.entries if k == PERSON}
        people = self.registry.people_by_id(person_ids)
        meeting, previous = self._meeting_matches(meeting_mentions, meetings)
        return Recognition(
            agencies=self._agency_matches(groups, agencies),
            people=self._person_matches(person_hits, people),
            meeting=meeting,
            previous_meetings=previous,
            unknown_acronyms=self._unknown(tokens, groups, agencies),
        )

    # Mentions -------------------------------------------------------------

    def mention(self, start: int, end: int) -> Mention:
        return Mention(
            start=start,
            end=end,
            written=self.text[start:end],
            paragraph=self.doc.paragraph_index(start),
            document=self.doc,
        )

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        paragraph = self.doc.paragraph_at(offset)
        return paragraph.start, paragraph.end

    # Agencies -------------------------------------------------------------

    def _agency_groups(self, hits: list[Hit]) -> list[_Group]:
        by_key: dict[tuple, _Group] = {}
        for hit in hits:
            source = self.text if hit.by_acronym else self.doc.lowered
            key = (hit.by_acronym, source[hit.start : hit.end])
            if key not in by_key:
                candidates = tuple(i for k, i in hit.entries if k == AGENCY)
                by_key[key] = _Group([], candidates, hit.by_acronym)
            by_key[key].hits.append(hit)
        return list(by_key.values())

    def _decide_by_text(self, groups: list[_Group]) -> None:
        """The text's own expansion first ("Bank Indonesia (BI)"); an
        expansion that agrees with no candidate contradicts the registry;
        then, for an acronym several agencies hold, the full name of one of
        them elsewhere in the text."""
        named = {
            group.candidates[0]
            for group in groups
            if not group.by_acronym and len(group.candidates) == 1
        }
        for group in groups:
            if group.by_acronym:
                names = {c: self.registry.agencies[c].names for c in group.candidates}
                agree: set[int] = set()
                contradiction, shown = "", ""
                for hit in group.hits:
                    expansion = expansion_at(
                        self.text, hit.start, hit.end, self.paragraph_bounds(hit.start)
                    )
                    if expansion is None:
                        continue
                    found = agreeing(expansion, names)
                    if found:
                        agree |= found
                        shown = shown or _written_expansion(expansion)
                    elif expansion.spelled:
                        contradiction = contradiction or expansion.spelled
                if len(agree) == 1:
                    group.decided = agree.pop()
                    group.reason = self.says["spelled"] % {"expansion": shown}
                    continue
                if agree:
                    group.candidates = tuple(c for c in group.candidates if c in agree)
                elif contradiction:
                    group.contradiction = contradiction
                    continue
            if len(group.candidates) == 1:
                group.decided = group.candidates[0]
                written = self.text[group.hits[0].start : group.hits[0].end]
                group.reason = self.says["only"] % {"written": written}
                continue
            in_text = [c for c in group.candidates if c in named]
            if len(in_text) == 1:
                group.decided = in_text[0]
                name = self.registry.agencies[in_text[0]].names[0]
                group.reason = self.says["named"] % {"name": name}

    def _decide_by_context(self, groups, meeting_mentions, meetings) -> None:
        """For each mention still undecided: the countries of the agencies
        decided by the text in the same list ("NICA, AMLC, BI"), then
        sentence, then paragraph (with the country of a meeting mentioned
        there); a clear majority for one candidate's country decides."""
        undecided = [g for g in groups if g.decided is None and not g.contradiction]
        if not undecided:
            return
        decided_hits = sorted(
            (hit.start, hit.end, group.decided)
            for group in groups
            if group.decided is not None
            for hit in group.hits
        )
        starts = [start for start, _end, _agency in decided_hits]
        meeting_places = sorted(
            (m.start, country)
            for m in meeting_mentions
            if (country := _meeting_country(meetings.get((m.series.pk, m.number))))
        )
        meeting_starts = [start for start, _country in meeting_places]
        agency_at = {start: agency for start, _end, agency in decided_hits}

        @cache  # one tally a sentence or paragraph
        def countries_between(low: int, high: int, with_meetings: bool) -> Counter:
            agencies_there = {
                agency
                for _s, _e, agency in decided_hits[
                    bisect_left(starts, low) : bisect_left(starts, high)
                ]
            }
            tally = Counter(self.registry.agencies[a].country for a in agencies_there)
            if with_meetings:
                for _start, country in meeting_places[
                    bisect_left(meeting_starts, low) : bisect_left(meeting_starts, high)
                ]:
                    tally[country] += 1
            return tally

        listed_with = self._lists.countries(
            {s: self.registry.agencies[a].country for s, a in agency_at.items()}
        )

        scopes = [
            (scope, self.says[scope]) for scope in ("list", "sentence", "paragraph")
        ]
        country_name = lru_cache(maxsize=None)(countries.name)
        for group in undecided:
            country_of = {
                c: self.registry.agencies[c].country for c in group.candidates
            }
            for hit in group.hits:
                for scope, reason in scopes:
                    if scope == "list":
                        tally = listed_with(hit.start, hit.end)
                    else:
                        span = (
                            self.doc.sentence_at(hit.start)
                            if scope == "sentence"
                            else self.doc.paragraph_at(hit.start)
                        )
                        tally = countries_between(span.start, span.end, True)
                    winner = _majority(country_of, tally)
                    if winner is not None:
                        group.by_context[hit.start] = (
                            winner,
                            reason % {"country": country_name(country_of[winner])},
                        )
                        break

    def _agency_matches(self, groups: list[_Group], agencies) -> list[AgencyMatch]:
        chosen: dict[int, AgencyMatch] = {}
        ambiguous: list[AgencyMatch] = []

        def add(agency_id, state, hits, reason):
            agency = agencies.get(agency_id)
            if agency is None:
                return  # deleted since the registry was built
            match = chosen.get(agency_id)
            mentions = [self.mention(h.start, h.end) for h in hits]
            if match is None:
                chosen[agency_id] = AgencyMatch(state, agency, [], mentions, reason)
                return
            match.mentions += mentions
            if state == State.LINKED and match.state != State.LINKED:
                match.state, match.reason = state, reason

        for group in groups:
            if group.contradiction:
                continue
            if group.decided is not None:
                add(group.decided, State.LINKED, group.hits, group.reason)
                continue
            by_context = group.by_context
            decided = {agency_id for agency_id, _reason in by_context.values()}
            rest = [h for h in group.hits if h.start not in by_context]
            for agency_id in decided:
                hits = [
                    h
                    for h in group.hits
                    if h.start in by_context and by_context[h.start][0] == agency_id
                ]
                reason = by_context[hits[0].start][1]
                if len(decided) == 1:
                    hits += rest  # one story, one meaning
                hits.sort(key=lambda h: h.start)
                add(agency_id, State.SUGGESTED, hits, reason)
            if rest and len(decided) != 1:
                candidates = [agencies[c] for c in group.candidates if c in agencies]
                written = self.text[rest[0].start : rest[0].end]
                ambiguous.append(
                    AgencyMatch(
                        State.AMBIGUOUS,
                        None,
                        candidates,
                        [self.mention(h.start, h.end) for h in rest],
                        self.says["ambiguous"] % {"written": written},
                    )
                )
        matches = list(chosen.values()) + ambiguous
        for match in matches:
            match.mentions.sort(key=lambda m: m.start)
        return sorted(matches, key=lambda m: m.mentions[0].start)

    # People ---------------------------------------------------------------

    def _person_matches(self, hits: list[Hit], people: dict) -> list[PersonMatch]:
        spans = [(h.start, h.end) for h in hits]
        by_key: dict[tuple[int, ...], PersonMatch] = {}
        for hit in hits:
            ids = tuple(i for k, i in hit.entries if k == PERSON and i in people)
            if not ids:
                continue
            match = by_key.get(ids)
            if match is None:
                if len(ids) == 1:
                    match = PersonMatch(State.LINKED, people[ids[0]])
                else:
                    match = PersonMatch(State.AMBIGUOUS, None, [people[i] for i in ids])
                by_key[ids] = match
            match.mentions.append(self.mention(hit.start, hit.end))
            position = self._position(hit, spans)
            if position and position not in match.positions:
                match.positions.append(position)
        for match in by_key.values():
            match.position = match.positions[0] if match.positions else ""
        return sorted(by_key.values(), key=lambda m: m.mentions[0].start)

    def _position(self, hit: Hit, person_spans) -> str:
        """The position written next to the name, before it ("Kepala BNPT,
        Boy Rafli Amar") or after it ("Boy Rafli Amar, Kepala BNPT,"): two
        words or more, capitalised but for connectors."""
        text = self.text
        sentence = self.doc.sentence_at(hit.start)
        before = hit.start
        while before > sentence.start and text[before - 1] in " \t":
            before -= 1
        if before > sentence.start and text[before - 1] == ",":
            low = max(sentence.start, before - POSITION_WINDOW)
            run = name_run_before(text, low, before - 1)
            if _is_position(run, person_spans):
                return text[run[0].start : run[-1].end]
        comma = POSITION_AFTER.match(text, hit.end, sentence.end)
        if comma:
            high = min(sentence.end, comma.end() + POSITION_WINDOW)
            run = name_run_after(text, comma.end(), high)
            if _is_position(run, person_spans):
                return text[run[0].start : run[-1].end]
        return ""

    # Meetings -------------------------------------------------------------

    def _meeting_matches(self, mentions: list[MeetingMention], meetings: dict):
        """The story's meeting: the highest number not said to be earlier
        (a date after a mention counts only when no mention is free of both);
        every other meeting mentioned is a previous one."""
        grouped: dict[tuple[int, int], list[MeetingMention]] = defaultdict(list)
        for mention in mentions:
            grouped[(mention.series.pk, mention.number)].append(mention)
        if not grouped:
            return None, []

        def match_of(key):
            found = grouped[key]
            return MeetingMatch(
                series=found[0].series,
                number=found[0].number,
                meeting=meetings.get(key),
                mentions=[self.mention(m.start, m.end) for m in found],
            )

        def least_earlier(key):
            return min(m.earlier for m in grouped[key])

        main_key = None
        for level in (NOT_EARLIER, DATED):
            keys = [k for k in grouped if least_earlier(k) == level]
            if keys:
                main_key = max(keys, key=lambda k: k[1])
                break
        others = sorted((k for k in grouped if k != main_key), key=lambda k: -k[1])
        previous = [match_of(k) for k in others]
        if main_key is None:
            return None, previous
        main = match_of(main_key)
        main.previous = previous
        return main, previous

    # Unknown acronyms -----------------------------------------------------

    def _countries_placed(self, groups: list[_Group]) -> dict[int, str]:
        """The country of each agency mention whose agency the text or its
        context decided, by where it begins."""
        country_at = {}
        for group in groups:
            for hit in group.hits:
                agency = group.decided
                if agency is None and hit.start in group.by_context:
                    agency = group.by_context[hit.start][0]
                if agency is not None:
                    country_at[hit.start] = self.registry.agencies[agency].country
        return country_at

    def _sentence_countries(self, country_at: dict) -> Callable[[int], str]:
        """The country of the known agencies in the sentence at an offset,
        when they are all of one, else "": worked out once a sentence."""
        placed = sorted(country_at.items())
        starts = [start for start, _country in placed]

        @cache
        def of_sentence(sentence: Span) -> str:
            low = bisect_left(starts, sentence.start)
            high = bisect_left(starts, sentence.end)
            return _one_country(country for _start, country in placed[low:high])

        return lambda offset: of_sentence(self.doc.sentence_at(offset))

    def _acronym_tokens(self, hits, meeting_mentions, all_series) -> list[re.Match]:
        """Capitals and digits (two capitals at least) that no registry
        pattern covered: not the dateline, not in a URL, not a roman numeral,
        not a meeting series' acronym, not in the stop list."""
        text = self.text
        covered = bytearray(len(text))
        spans = (
            [(h.start, h.end) for h in hits]
            + [(m.start, m.end) for m in meeting_mentions]
            + (
                [m.span() for m in URL.finditer(text)]
                if "/" in text or "www." in self.doc.lowered
                else []
            )
            + ([m.span() for m in EMAIL.finditer(text)] if "@" in text else [])
        )
        dateline = DATELINE.match(text)
        if dateline:
            spans.append((0, dateline.end()))
        for start, end in spans:
            covered[start:end] = b"\x01" * (end - start)
        series_acronyms = set()
        for series in all_series:
            keys = SeriesKeys.of(series)
            series_acronyms |= keys.acronyms | set(keys.short_words)
        tokens = []
        for token in ACRONYM_TOKEN.finditer(text):
            word = token.group()
            if (
                sum(c.isupper() for c in word) < 2
                or word in STOP_ACRONYMS
                or word in series_acronyms
                or ROMAN.fullmatch(word)
            ):
                continue
            if any(covered[token.start() : token.end()]):
                continue
            tokens.append(token)
        return tokens

    def _unknown(self, tokens, groups, agencies) -> list[UnknownAcronym]:
        found: dict[str, UnknownAcronym] = {}
        # The country of the known agencies listed with an unknown acronym
        # ("NICA, AMLC, BI, DOG, dan ATCPMC": the Philippines), else of those
        # in its sentence, when they are all of one.
        country_at = self._countries_placed(groups)
        listed_with = self._lists.countries(country_at)
        in_sentence = self._sentence_countries(country_at)
        named_in_sentence = cache(
            lambda sentence: named_country(self.text[sentence.start : sentence.end])
        )
        for token in tokens:
            acronym = token.group()
            unknown = found.setdefault(acronym, UnknownAcronym(acronym))
            unknown.mentions.append(self.mention(token.start(), token.end()))
            if not unknown.country:
                unknown.country = (
                    _one_country(listed_with(token.start(), token.end()))
                    or in_sentence(token.start())
                    # "Badan Keamanan Siber Filipina (DICT) … di Manila":
                    # the one country its sentence names, no agency known.
                    or named_in_sentence(self.doc.sentence_at(token.start()))
                )
            if not unknown.expansion:
                expansion = expansion_at(
                    self.text,
                    token.start(),
                    token.end(),
                    self.paragraph_bounds(token.start()),
                )
                if expansion and expansion.spelled:
                    unknown.expansion = expansion.spelled
        for group in groups:
            if not group.contradiction:
                continue
            acronym = self.text[group.hits[0].start : group.hits[0].end]
            found[acronym] = UnknownAcronym(
                acronym,
                group.contradiction,
                [self.mention(h.start, h.end) for h in group.hits],
                [agencies[c] for c in group.candidates if c in agencies],
            )
        return sorted(found.values(), key=lambda u: u.mentions[0].start)


class _Lists:
    """The lists of a text ("NICA, AMLC, BI, dan DOG"): runs of items (agency
    mentions, unknown acronyms) with nothing but a LIST_GAP between each one
    and the next. Each gap is read once, however long the list, and what a
    list holds is tallied once, not once a member."""

    def __init__(self, text: str, items: list[tuple[int, int]]):
        self.items = sorted(items)
        self._run_of: list[int] = []  # by item: the index of its run
        self._runs: list[tuple[int, int]] = []  # (first item, last item + 1)
        for i, (start, _end) in enumerate(self.items):
            if not i or not LIST_GAP.fullmatch(text, self.items[i - 1][1], start):
                self._runs.append((i, i))
            self._runs[-1] = (self._runs[-1][0], i + 1)
            self._run_of.append(len(self._runs) - 1)

    def countries(self, country_at: dict[int, str]) -> Callable[[int, int], Counter]:
        """For an item, by its (start, end): the countries of the other items
        of its list, those `country_at` places (by where they begin). The
        tallies returned are shared: read them, do not change them."""
        tallies = [
            Counter(
                country_at[start]
                for start, _end in self.items[first:after]
                if start in country_at
            )
            for first, after in self._runs
        ]

        def listed_with(start: int, end: int) -> Counter:
            index = bisect_left(self.items, (start, end))
            if index == len(self.items) or self.items[index] != (start, end):
                return Counter()
            tally = tallies[self._run_of[index]]
            own = country_at.get(start)
            if own is None:
                return tally
            others = tally.copy()
            others[own] -= 1
            return +others  # without the countries it alone gave

        return listed_with


def _one_country(countries) -> str:
    """The country when there are some and all are the same, else ""."""
    found = set(countries)
    return found.pop() if len(found) == 1 else ""


def _written_expansion(expansion: Expansion) -> str:
    return expansion.spelled or max(expansion.names, key=len)


def _is_position(run, person_spans) -> bool:
    if sum(1 for w in run if w.text[:1].isupper()) < 2:
        return False
    start, end = run[0].start, run[-1].end
    return not any(s < end and start < e for s, e in person_spans)


def _majority(country_of: dict[int, str], tally: Counter) -> int | None:
    """The candidate whose country has more votes than the other candidates'
    countries together; None when there is none."""
    scores = {c: tally.get(country, 0) for c, country in country_of.items()}
    best = max(scores, key=lambda c: scores[c])
    others = sum(score for c, score in scores.items() if c != best)
    return best if scores[best] > others else None


def _meetings(mentions: list[MeetingMention]) -> dict[tuple[int, int], Meeting]:
    """The meetings mentioned, by (series id, number): one query."""
    if not mentions:
        return {}
    condition = Q()
    for pair in {(m.series.pk, m.number) for m in mentions}:
        condition |= Q(series_id=pair[0], number=pair[1])
    found = Meeting.objects.select_related("series", "host").filter(condition)
    return {(meeting.series_id, meeting.number): meeting for meeting in found}


def _meeting_country(meeting: Meeting | None) -> str:
    if meeting is None:
        return ""
    if meeting.country:
        return meeting.country.code
    return meeting.host.country.code if meeting.host else ""
