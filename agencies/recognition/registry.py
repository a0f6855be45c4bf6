"""The registry's names as two Aho-Corasick automata, built once per process.

- acronyms, case-sensitive: every agency's acronym and every alias written
  in capitals and digits only ("INTRAC", "BSSN RI");
- names, case-insensitive (matched in a lower-cased copy of the text):
  official and English names, the other aliases, and people's names.

One pass of each automaton over the text finds every pattern at once, however
many the registry holds (pyahocorasick, in C): no loop over the registry, no
regular expression of thousands of alternatives to compile and backtrack.

When the registry changes the automata are rebuilt, on the next call:
- in this process at once: the agency service's signals
  (agencies/signals.py) forget the built registry;
- in every process: each `current_registry()` asks the database for a
  version (one query: number and latest change of agencies and people,
  number and highest id of aliases) and rebuilds when it differs. A change
  made by another worker process, or a person edited in the admin (people
  and meetings have no service that could announce it), is seen this way.
  Meeting series and meetings are not in the automata: the few series are
  read on every call, meetings looked up by number.

The registry keeps the agencies and people as model instances, so that a
call fetches none; each call hands out copies.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from django.db import connection
from django.db.models.base import ModelState

from ..models import Agency, AgencyAlias, Person
from ..signals import agencies_deleting, agency_saved
from .text import bounded, folded_same_length

AGENCY, PERSON = "agency", "person"


def is_acronym(name: str) -> bool:
    """An alias written in capitals and digits only is matched as an acronym."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class AgencyEntry:
    id: int
    acronym: str
    country: str
    names: tuple[str, ...]  # official, English, the aliases that are names


@dataclass(frozen=True)
class Hit:
    """A pattern found on word boundaries: text[start:end]; `entries` are the
    (kind, id) it may stand for; `by_acronym` tells which automaton."""

    start: int
    end: int
    entries: tuple[tuple[str, int], ...]
    by_acronym: bool


class Registry:
    """What recognition matches against; immutable once built."""

    def __init__(self, *, agencies, aliases, people, version=None):
        """`agencies` and `people` are model instances, `aliases` (agency
        id, alias) pairs."""
        self.version = version
        names_of: dict[int, list[str]] = defaultdict(list)
        acronyms: dict[str, set] = defaultdict(set)
        names: dict[str, set] = defaultdict(set)
        for agency_id, name in aliases:
            if is_acronym(name):
                acronyms[name.strip()].add((AGENCY, agency_id))
            else:
                names_of[agency_id].append(name)
        self.agencies: dict[int, AgencyEntry] = {}
        self._agency_objects = {}
        for agency in agencies:
            self._agency_objects[agency.pk] = agency
            all_names = tuple(
                n for n in (agency.name, agency.name_en, *names_of[agency.pk]) if n
            )
            self.agencies[agency.pk] = AgencyEntry(
                agency.pk, agency.acronym, agency.country.code, all_names
            )
            if agency.acronym.strip():
                acronyms[agency.acronym.strip()].add((AGENCY, agency.pk))
            for each in all_names:
                names[folded_same_length(each.strip())].add((AGENCY, agency.pk))
        self.people: dict[int, str] = {}
        self._person_objects = {}
        for person in people:
            self._person_objects[person.pk] = person
            self.people[person.pk] = person.name
            names[folded_same_length(person.name.strip())].add((PERSON, person.pk))
        self.acronym_set = frozenset(acronyms)
        self._acronyms = _automaton(acronyms)
        self._names = _automaton({k: v for k, v in names.items() if len(k) >= 2})

    @classmethod
    def build(cls) -> Registry:
        """Read the registry from the database (four queries)."""
        version = registry_version()
        return cls(
            agencies=Agency.objects.all(),
            aliases=AgencyAlias.objects.values_list("agency_id", "name"),
            people=Person.objects.all(),
            version=version,
        )

    def agencies_by_id(self, ids) -> dict:
        """Agencies (copies of the registry's instances: the caller's own) by
        id; an id the registry does not have is left out."""
        known = self._agency_objects
        return {i: _copy(known[i]) for i in ids if i in known}

    def people_by_id(self, ids) -> dict:
        """People (copies, the caller's own) by id."""
        known = self._person_objects
        return {i: _copy(known[i]) for i in ids if i in known}

    def find(self, text: str, lowered: str) -> list[Hit]:
        """Every pattern in the text on word boundaries, the longest winning
        where two overlap, in the order of the text."""
        found = []
        for automaton, haystack, by_acronym in (
            (self._acronyms, text, True),
            (self._names, lowered, False),
        ):
            if automaton is None:
                continue
            for last, (length, entries) in automaton.iter(haystack):
                start, end = last + 1 - length, last + 1
                if bounded(text, start, end):
                    found.append(Hit(start, end, entries, by_acronym))
        found.sort(key=lambda hit: (hit.start - hit.end, hit.start))
        taken = bytearray(len(text))
        kept = []
        for hit in found:
            if not any(taken[hit.start : hit.end]):
                taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
                kept.append(hit)
        kept.sort(key=lambda hit: hit.start)
        return kept


def _copy(instance):
    """A model instance of its own with the same field values, as if just
    read from the database (what copy.copy does, in a fraction of the time)."""
    clone = instance.__class__.__new__(instance.__class__)
    clone.__dict__.update(instance.__dict__)
    clone._state = ModelState()
    clone._state.db, clone._state.adding = instance._state.db, False
    return clone


def _automaton(patterns: dict[str, set]):
    if not patterns:
        return None  # pyahocorasick cannot search with an empty automaton
    automaton = ahocorasick.Automaton()
    for key, entries in patterns.items():
        automaton.add_word(key, (len(key), tuple(sorted(entries))))
    automaton.make_automaton()
    return automaton


def registry_version() -> tuple:
    """What changes whenever the agencies, aliases or people change (one
    query): compared, never ordered."""
    quote = connection.ops.quote_name
    agency, alias, person = (
        quote(model._meta.db_table) for model in (Agency, AgencyAlias, Person)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {agency}),"
            f" (SELECT MAX(updated_at) FROM {agency}),"
            f" (SELECT COUNT(*) FROM {alias}), (SELECT MAX(id) FROM {alias}),"
            f" (SELECT COUNT(*) FROM {person}),"
            f" (SELECT MAX(updated_at) FROM {person})"
        )
        return tuple(str(value) for value in cursor.fetchone())


_lock = threading.Lock()
_built: Registry | None = None


def current_registry() -> Registry:
    """The process's registry, rebuilt first if the database's version is not
    the one it was built from (one query when nothing changed)."""
    global _built
    version = registry_version()
    registry = _built
    if registry is not None and registry.version == version:
        return registry
    with _lock:
        if _built is None or _built.version != version:
            _built = Registry.build()
        return _built


def built_registry() -> Registry | None:
    """The registry this process holds, without asking the database."""
    return _built


def forget_registry(**kwargs) -> None:
    """Drop the built registry: the next call rebuilds it."""
    global _built
    _built = None


def _forget_around_delete(**kwargs):
    forget_registry()
    return forget_registry  # the service calls it again after the delete


agency_saved.connect(forget_registry, weak=False, dispatch_uid="recognition")
agencies_deleting.connect(_forget_around_delete, weak=False, dispatch_uid="recognition")
