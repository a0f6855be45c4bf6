"""Short lists of related rows read in the same query as the row they belong
to: an article with its tags, agencies, people, corrections and its picture's
renditions, an agency with its aliases, units and people, a meeting with its
agenda, delegations and people, each in one query instead of one a list.

Each list comes as a JSON array of objects holding the columns read of its
rows (a correlated subquery: JSON_GROUP_ARRAY on SQLite, JSON_AGG on
PostgreSQL), made back into model instances as loaded rows (model.from_db:
a column not read is a deferred field) and put where prefetch_related()
would have put them, so `article.agencies.all()` reads no more from the
database.
"""

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject
from django.utils.dateparse import (
    parse_date,
    parse_datetime,
    parse_duration,
    parse_time,
)


class JSONRows(models.Func):
    """The rows of a (correlated) subquery as one JSON array, as text; a
    plain function rather than an Aggregate, so that the subquery it closes
    has no GROUP BY (one array for all its rows)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(JSON_AGG(%(expressions)s) AS text)",
            **extra_context,
        )


class RelatedRows:
    """A list of rows to read with each row of a queryset: `rows` (filtered by
    OuterRef), kept in the owner's prefetch cache under `name` (the related
    manager's), optionally with a foreign key each (`with_related`, like
    select_related) and in an `order` of fields (default: the model's; a
    related row's field as "agency__acronym").

    `fields` (name: attnames, "" for the rows' own model, a `with_related`
    name for its row): the columns read, as only() would; by default all.
    A column left out is read on first use, as a deferred field is.

    The queryset annotates subquery() (or sql_for()) as `annotation`; each
    row it gives is then passed to attach()."""

    def __init__(
        self,
        name: str,
        rows: models.QuerySet,
        *,
        with_related: tuple[str, ...] = (),
        order: tuple[str, ...] | None = None,
        on: str = "",
        fields: dict[str, tuple[str, ...]] | None = None,
    ):
        self.name, self.rows, self.with_related = name, rows, with_related
        self.fields = fields or {}
        self.model = rows.model
        self.order = order if order is not None else field_order(self.model)
        self.on = on  # an attribute of the owner that owns the list instead
        self.annotation = f"_rows_{on.replace('.', '_')}_{name}"
        self._compiled: dict = {}

    def subquery(self) -> models.Subquery:
        columns = {}
        for prefix, model in self._models():
            for attname in self._attnames(prefix.removesuffix("__"), model):
                columns[f"{prefix}{attname}"] = models.F(f"{prefix}{attname}")
        rows = self.rows.order_by().annotate(_json=JSONRows(JSONObject(**columns)))
        return models.Subquery(rows.values("_json"), output_field=models.TextField())

    def sql_for(self, outer: models.QuerySet) -> RawSQL:
        """subquery() for a query on `outer`'s model, compiled once for each
        database and then reused as SQL: the list's query is always the same
        (OuterRef to the outer table's own columns), and compiling its JSON
        of a dozen columns cost more than running it. The outer query must
        read its model's table under the table's own name, as a plain
        queryset does."""
        key = (outer.db, outer.model)
        if key not in self._compiled:
            probe = outer.model._default_manager.db_manager(outer.db).all().query
            compiler = probe.get_compiler(using=outer.db)
            resolved = self.subquery().resolve_expression(probe)
            self._compiled[key] = compiler.compile(resolved)
        sql, params = self._compiled[key]
        return RawSQL(sql, params, output_field=models.TextField())

    def attach(self, owner, text: str | None, using: str) -> list:
        """Put the list read as `text` (subquery()'s value for `owner`) in
        `owner`'s prefetch cache; returns it ([] when `on` is None)."""
        if self.on:
            owner = getattr(owner, self.on)
            if owner is None:
                return []
        return attach(owner, self.name, self.instances(text, using))

    def instances(self, text: str | None, using: str) -> list:
        """The list read as `text`, as instances in `order`."""
        items = [self._instance(row, using) for row in json.loads(text or "[]")]
        return in_order(items, self.order)

    def _models(self):
        yield "", self.model
        for name in self.with_related:
            yield f"{name}__", self.model._meta.get_field(name).related_model

    def _attnames(self, name: str, model) -> list[str]:
        """The columns read of `model` (every one by default), in the
        model's order, its primary key always."""
        chosen = self.fields.get(name)
        return [
            field.attname
            for field in model._meta.concrete_fields
            if chosen is None or field.attname in chosen or field.primary_key
        ]

    def _instance(self, row: dict, using: str):
        instance = self._from_row(self.model, row, "", using)
        for name in self.with_related:
            field = self.model._meta.get_field(name)
            related = field.related_model
            if row.get(f"{name}__{related._meta.pk.attname}") is None:
                field.set_cached_value(instance, None)
            else:
                field.set_cached_value(
                    instance, self._from_row(related, row, name, using)
                )
        return instance

    def _from_row(self, model, row: dict, name: str, using: str):
        prefix = f"{name}__" if name else ""
        attnames = self._attnames(name, model)
        values = [
            python_value(model._meta.get_field(a), row.get(prefix + a))
            for a in attnames
        ]
        return model.from_db(using, attnames, values)


class RelatedRowsIterable(models.query.ModelIterable):
    """A queryset's instances with the lists of related_rows() put in place
    (the queryset annotates each list's subquery() or sql_for())."""

    def related_rows(self) -> Iterable[RelatedRows]:
        raise NotImplementedError

    def __iter__(self):
        lists, using = self.related_rows(), self.queryset.db
        for instance in super().__iter__():
            for rows in lists:
                text = instance.__dict__.pop(rows.annotation, None)
                rows.attach(instance, text, using)
            yield instance


def python_value(field: models.Field, value):
    """A column's value read from JSON as a loaded instance holds it: dates,
    times and UUIDs are strings in JSON, SQLite's booleans are 0 and 1, its
    datetimes carry no offset (they are UTC) and its durations are
    microseconds; a foreign key's value is its target's."""
    if value is None:
        return None
    if field.is_relation:
        return python_value(field.target_field, value)
    if isinstance(field, models.DateTimeField):
        when = parse_datetime(value)
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return parse_date(value)
    if isinstance(field, models.TimeField):
        return parse_time(value)
    if isinstance(field, models.DurationField):
        if isinstance(value, int):
            return dt.timedelta(microseconds=value)
        return parse_duration(value)
    if isinstance(field, models.BooleanField):
        return bool(value)
    if isinstance(field, models.DecimalField):
        # JSON gives a float (SQLite 1.5 for 1.50): the column's places back.
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places))
    if isinstance(field, models.UUIDField):
        return uuid.UUID(str(value))
    return value


def field_order(model) -> tuple[str, ...]:
    """`model`'s Meta.ordering as field names: Lower("acronym") is
    "acronym" (in_order ignores case), "-" kept for a descending one."""
    names = []
    for item in model._meta.ordering:
        if isinstance(item, str):
            names.append(item)
            continue
        sign = "-" if getattr(item, "descending", False) else ""
        expression = getattr(item, "expression", item)
        while not isinstance(expression, models.F):
            expression = expression.get_source_expressions()[0]
        names.append(f"{sign}{expression.name}")
    return tuple(names)


def in_order(objects: Iterable, ordering: Iterable[str]) -> list:
    """`objects` sorted by `ordering` (field names, "-" for descending, a
    related row's field as "agency__acronym"), None after every value as
    PostgreSQL sorts NULLs (before them descending)."""
    found = list(objects)
    for name in reversed(tuple(ordering)):
        path = name.lstrip("-").split("__")
        found.sort(
            key=lambda o, path=path: _sortable(_value_at(o, path)),
            reverse=name.startswith("-"),
        )
    return found


def _value_at(instance, path: list[str]):
    *relations, name = path
    for relation in relations:
        instance = getattr(instance, relation)
        if instance is None:
            return None
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def _sortable(value):
    if value is None:
        return (True, "")
    if not isinstance(value, str | int | float | Decimal | dt.date | dt.time):
        value = str(value)  # a country, a UUID
    if isinstance(value, str):
        # Alphabetical whatever the case ("Bakamla" before "BSSN"), as the
        # agencies' ALPHABETICAL; the case then decides between equals.
        return (False, value.casefold(), value)
    return (False, value)


def attach(owner, name: str, objects: Iterable) -> list:
    """Give `owner`'s related manager `name` (owner.name.all()) the
    `objects`, as prefetch_related() would: all(), iterating, count() and
    exists() query nothing, and a refined list (owner.name.filter(…)) is
    still the owner's rows only. Returns the objects, as a list."""
    objects = list(objects)
    queryset = getattr(owner, name).get_queryset()  # the owner's rows
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}
    owner._prefetched_objects_cache[name] = queryset
    return objects
