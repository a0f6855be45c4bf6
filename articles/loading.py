"""Queries built and compiled once, then run with each request's moment
(reusable()): building and compiling the home page's union of a dozen lists
cost more than running it. (The short lists an article page reads with its
article as JSON: newsroom/related_rows.py.)
"""

import copy
import datetime as dt

from django.db import connections, models

# The moments a reusable query is compiled with (reusable()): never a real
# request's, so that their place among the parameters is known; likewise the
# values of each type it is given.
_PROBES = (
    (dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC), dt.date(1902, 3, 4)),
    (dt.datetime(1903, 4, 5, 6, 7, 8, 901234, tzinfo=dt.UTC), dt.date(1904, 5, 6)),
)


def _value_probe(kind: type, number: int, probe: int):
    """The `probe`th (0, 1) value of type `kind` for a query's `number`th
    named value: none a request gives, each value's its own."""
    if kind is int:
        return -900_000 - 2 * number - probe
    if kind is str:
        return f"\ue000Probe-{number}-{'AB'[probe]}"
    raise TypeError(f"no probe for {kind}")


REMEMBERED_QUERIES = 64


class ReusableQuery:
    """A queryset built and compiled once, run again at other moments (and
    with other values): its SQL is kept, and of its parameters only `now`,
    `day` and the named values are put in anew (see reusable())."""

    def __init__(self, queryset, sql: str, params: tuple, places: tuple, kinds):
        self.queryset, self.sql, self.params = queryset, sql, params
        # Per parameter: None (kept), 0 now, 1 day, 2… the named values.
        self.places, self.kinds = places, dict(kinds)
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        self.compiler.as_sql()  # fills its select, klass_info, col_count…

    def params_at(self, now: dt.datetime, day: dt.date | None = None, **values):
        """The query's parameters at `now` (and `day`, with `values`), as
        compiled."""
        for name, kind in self.kinds.items():
            if not isinstance(values[name], kind):
                # None, say, would have been built as IS NULL, not = NULL.
                raise TypeError(f"{name} must be {kind.__name__}: {values[name]!r}")
        given = (*_adapted(self.queryset.db, now, day), *map(values.get, self.kinds))
        return tuple(
            value if place is None else given[place]
            for value, place in zip(self.params, self.places, strict=True)
        )

    def run(self, now: dt.datetime, day: dt.date | None = None, **values) -> list:
        """The rows (model instances, as the queryset would give them)."""
        queryset = self.queryset
        params = self.params_at(now, day, **values)
        rows = models.QuerySet(
            queryset.model,
            query=_CompiledQuery(self, params, queryset.db),
            using=queryset.db,
        )
        rows._iterable_class = queryset._iterable_class
        return list(rows)


class _CompiledQuery:
    """A Query that gives the compiler of its ReusableQuery, with its SQL and
    this run's parameters; any other attribute is the query's own."""

    def __init__(self, reusable: ReusableQuery, params: tuple, using: str):
        self._reusable, self._params, self._using = reusable, params, using

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = copy.copy(self._reusable.compiler)
        compiler.connection = connections[self._using]
        sql, params = self._reusable.sql, self._params
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return compiler

    def __getattr__(self, name):
        return getattr(self._reusable.queryset.query, name)


_reusable: dict[tuple, ReusableQuery | None] = {}


def forget_compiled(**kwargs) -> None:
    """post_migrate: forget every compiled query. Their constants include ids
    that migrations create (the tags' content type in the story's query),
    which change only when the database is migrated or flushed (as
    transactional tests do)."""
    _reusable.clear()


def reusable(key: tuple, build, **values: type) -> ReusableQuery | None:
    """The query `build(now, day, **values)` builds, compiled once for `key`
    (what else its shape depends on), to run at any moment with any
    `values` (name: str or int); None when the query does not take them as
    plain parameters (then build it each time).

    Built twice, with moments and values no request has: the SQL must be the
    same, and the parameters differ only where one is a moment or value
    given, which are the places a run puts its own in. The queryset must
    derive nothing else from them, nor read the clock itself."""
    if key in _reusable:
        # The most recently used last: the first is the one to forget.
        _reusable[key] = _reusable.pop(key)
        return _reusable[key]
    built = []
    for probe, (now, day) in enumerate(_PROBES):
        given = {
            name: _value_probe(kind, number, probe)
            for number, (name, kind) in enumerate(values.items())
        }
        queryset = build(now, day, **given)
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        probes = (*_adapted(queryset.db, now, day), *given.values())
        built.append((queryset, sql, tuple(params), probes))
    (queryset, sql, params, probes), (_q, other_sql, other_params, others) = built
    found = None
    if sql == other_sql and len(params) == len(other_params):
        places = []
        for value, other in zip(params, other_params, strict=True):
            place = _place(value, probes)
            if place is None and value != other:
                break  # a value that changes with the probes but is none of them
            if place is not None and _place(other, others) != place:
                break
            places.append(place)
        else:
            found = ReusableQuery(queryset, sql, params, tuple(places), values)
    if len(_reusable) >= REMEMBERED_QUERIES:
        # The least recently used only: related stories alone take a query
        # per number of agencies and tags, and forgetting every one would
        # compile them all again (each built twice) in turn.
        del _reusable[next(iter(_reusable))]
    _reusable[key] = found
    return found


def _adapted(using: str, now, day) -> tuple:
    ops = connections[using].ops
    return ops.adapt_datetimefield_value(now), ops.adapt_datefield_value(day)


def _place(value, probes: tuple) -> int | None:
    for place, probe in enumerate(probes):
        if type(value) is type(probe) and value == probe:
            return place
    return None
