"""Field-by-field changes between two states of an object, shown as an
editor reads them: choices by label, related objects by name, long text and
lists as an inline diff."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.revisions import _get_options

from newsroom.text import normalise_newlines

from .relations import Relation, followed_relations
from .successors import gone
from .textdiff import items_diff_html, text_diff_html

# Counters that go up with every save: noise in a list of changes.
SKIPPED_FIELDS = frozenset({"version"})


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its label, both values as shown, and for long
    text or lists an HTML diff (escaped; safe to put in a template)."""

    name: str
    label: str
    old: str
    new: str
    diff_html: SafeString | None = None


def field_changes(model: type[models.Model], old: dict, new: dict) -> list[FieldChange]:
    """The fields that differ between two states of a `model` object, in the
    order of the model's fields.

    Only keys present in both states are compared, so a bare
    ``Version.field_dict`` works too (without the followed relations).
    """
    entries = [
        entry
        for entry in _entries(model)
        if entry.comparable(old) and entry.comparable(new)
    ]
    lookup = _Lookup()
    for entry in entries:
        entry.want(old[entry.key], lookup)
        entry.want(new[entry.key], lookup)
    lookup.fetch()
    changes = []
    for entry in entries:
        change = entry.change(old[entry.key], new[entry.key], lookup)
        if change is not None:
            changes.append(change)
    return changes


def values_shown(model: type[models.Model], states: list[dict], keys) -> dict:
    """The value of each of `keys` in each of `states` (a list of shown
    values, one per state, by key), read alike as one line shows them: times
    to the minute or all with seconds (seconds_shown()). A key not in every
    state is left out."""
    entries = [
        entry
        for entry in _entries(model)
        if entry.key in keys and all(entry.comparable(state) for state in states)
    ]
    lookup = _Lookup()
    for entry in entries:
        for state in states:
            entry.want(state[entry.key], lookup)
    lookup.fetch()
    return {
        entry.key: entry.shown([state[entry.key] for state in states], lookup)
        for entry in entries
    }


def comparable(value):
    """`value` as two states compare it: text without browser line endings
    or the white space the admin's forms trim from its ends, times to the
    whole second. The database keeps microseconds, revisions milliseconds
    and the admin's form seconds, so a difference below a second is never an
    editor's change."""
    if isinstance(value, str):
        return normalise_newlines(value).strip()
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value


def change_message(model: type[models.Model], changes: list[FieldChange]) -> list:
    """`changes` as a Django admin change message (LogEntry's JSON shape).

    Fields are named by their untranslated verbose names, as message ids:
    each reader sees them in their own language (Revision.get_comment(),
    LogEntry.get_change_message() translate them), not in the saver's.
    """
    entries = {entry.key: entry for entry in _entries(model)}
    with translation.override(None):
        fields = [
            str(entries[change.name].verbose_name)
            for change in changes
            if change.name in entries
        ]
    return [{"changed": {"fields": fields}}] if fields else []


def seconds_shown(values) -> bool:
    """Whether the times among `values`, shown together (a field before and
    after, a session's start and end), are shown with seconds: when their
    seconds differ. To the minute they would then misread ("12:17" to
    "12:18" for a second's change, nothing for a change within a minute);
    times kept to the minute, as the desk keeps a meeting's, read so."""
    seconds = {
        comparable(value).second for value in values if isinstance(value, datetime)
    }
    return len(seconds) > 1


def local_datetime(value: datetime, *, seconds: bool = False) -> str:
    """`value` in the newsroom's local time and the active language's format,
    with seconds when asked (to tell apart two times in the same minute)."""
    fmt = formats.get_format("DATETIME_FORMAT")
    if seconds:
        fmt = _with_seconds(fmt)
    return formats.date_format(timezone.localtime(value), fmt)


def _with_seconds(fmt: str) -> str:
    """A date format with seconds after the minutes: "H.i" becomes "H.i.s"."""
    minutes = fmt.find("i")
    if minutes < 0:
        return fmt
    before = fmt[minutes - 1] if minutes else ""
    separator = before if before and not before.isalnum() else ":"
    return f"{fmt[: minutes + 1]}{separator}s{fmt[minutes + 1 :]}"


def blank_state(state: dict) -> dict:
    """`state` with every value empty: compared with it, everything is new."""
    return {
        key: [] if isinstance(value, list) else None for key, value in state.items()
    }


# How each kind of field is compared and shown


class _Lookup:
    """The objects foreign keys point to, fetched with one query per model."""

    def __init__(self):
        self._wanted: dict[type[models.Model], set] = defaultdict(set)
        self._found: dict[type[models.Model], dict] = {}
        self._gone: dict[type[models.Model], dict] = {}

    def want(self, model: type[models.Model], pk) -> None:
        if pk is not None:
            self._wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self._wanted.items():
            self._found[model] = model._base_manager.in_bulk(pks)
            # Those gone: merged into another (named so) or deleted.
            self._gone[model] = gone(
                model, [pk for pk in pks if pk not in self._found[model]]
            )

    def label(self, model: type[models.Model], pk) -> str:
        if pk is None:
            return ""
        obj = self._found.get(model, {}).get(pk)
        if obj is None:
            missing = self._gone.get(model, {}).get(pk)
            if missing is not None:
                return missing.label
            return _("%(name)s #%(pk)s (deleted)") % {
                "name": capfirst(model._meta.verbose_name),
                "pk": pk,
            }
        return str(obj)

    def get(self, model: type[models.Model], pk):
        return self._found.get(model, {}).get(pk)


def _empty(value) -> bool:
    return value is None or value == ""


def _display(
    field: models.Field, value, lookup: _Lookup, *, seconds: bool = False
) -> str:
    if _empty(value):
        return ""
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.ForeignKey):
        return lookup.label(field.related_model, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    if isinstance(value, datetime):
        return local_datetime(value, seconds=seconds)
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


class _FieldEntry:
    """A concrete field: compared by value, shown by its display value."""

    def __init__(self, field: models.Field):
        self.field = field
        self.key = field.attname
        self.verbose_name = field.verbose_name
        self.label = str(capfirst(field.verbose_name))

    def comparable(self, state: dict) -> bool:
        return self.key in state

    def want(self, value, lookup: _Lookup) -> None:
        if isinstance(self.field, models.ForeignKey):
            lookup.want(self.field.related_model, value)

    def shown(self, values: list, lookup: _Lookup) -> list[str]:
        seconds = seconds_shown(values)
        return [
            _display(self.field, value, lookup, seconds=seconds) for value in values
        ]

    def change(self, old, new, lookup: _Lookup) -> FieldChange | None:
        if (_empty(old) and _empty(new)) or comparable(old) == comparable(new):
            return None
        old_shown, new_shown = self.shown([old, new], lookup)
        diff = None
        if isinstance(self.field, models.TextField):
            diff = text_diff_html(_lines(old_shown), _lines(new_shown))
        return FieldChange(self.key, self.label, old_shown, new_shown, diff)


def _lines(text: str) -> str:
    """A text compared line by line: a missing final line break is none."""
    text = comparable(text)
    return f"{text}\n" if text else ""


class _ListEntry:
    """A list shown one item a line, with a line diff; a list of names (tags,
    agencies, people) with an item diff, each name removed or added whole."""

    key: str
    label: str
    names: bool = False

    def comparable(self, state: dict) -> bool:
        return isinstance(state.get(self.key), list)

    def labels(self, value: list, lookup: _Lookup, precise=frozenset()) -> list[str]:
        """Each item's line; the times of those in `precise` (by primary
        key) with seconds."""
        raise NotImplementedError

    def precise(self, values: list[list]) -> frozenset:
        """The items (by primary key) whose times show seconds, over all
        `values` (lists of items): none but for rows with times."""
        return frozenset()

    def _all_labels(self, values: list[list], lookup: _Lookup) -> list[list[str]]:
        precise = self.precise(values)
        return [self.labels(value, lookup, precise) for value in values]

    def shown(self, values: list[list], lookup: _Lookup) -> list[str]:
        return ["\n".join(labels) for labels in self._all_labels(values, lookup)]

    def change(self, old: list, new: list, lookup: _Lookup) -> FieldChange | None:
        old_labels, new_labels = self._all_labels([old, new], lookup)
        if old_labels == new_labels:
            return None
        old_shown, new_shown = "\n".join(old_labels), "\n".join(new_labels)
        if self.names:
            diff = items_diff_html(old_labels, new_labels)
        else:
            diff = text_diff_html(old_shown + "\n", new_shown + "\n")
        return FieldChange(self.key, self.label, old_shown, new_shown, diff)


class _ManyToManyEntry(_ListEntry):
    """Agencies or people mentioned: primary keys, shown by name, sorted."""

    names = True

    def __init__(self, field: models.ManyToManyField):
        self.field = field
        self.key = field.attname
        self.verbose_name = field.verbose_name
        self.label = str(capfirst(field.verbose_name))

    def want(self, value: list, lookup: _Lookup) -> None:
        for pk in value:
            lookup.want(self.field.related_model, pk)

    def labels(self, value: list, lookup: _Lookup, precise=frozenset()) -> list[str]:
        return sorted(
            (lookup.label(self.field.related_model, pk) for pk in value),
            key=str.casefold,
        )


class _ItemsEntry(_ListEntry):
    """A followed relation (sessions, aliases, tags): the related objects,
    each shown by its name and its other text."""

    def __init__(self, relation: Relation, label: str, target_fk=None):
        self.relation = relation
        self.key = relation.name
        self.verbose_name = label  # lazily translated
        self.label = str(capfirst(label))
        # Set for the rows of a many-to-many through model (taggit's
        # TaggedItem): an item is then shown by the object at the far end.
        self.target_fk = target_fk
        self.names = target_fk is not None
        self.model = relation.related_model

    def _foreign_keys(self):
        for field in self.model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.attname not in self.relation.back
                and field.related_model is not ContentType
            ):
                yield field

    def want(self, value: list, lookup: _Lookup) -> None:
        for item in value:
            for field in self._foreign_keys():
                lookup.want(field.related_model, getattr(item, field.attname))

    def precise(self, values: list[list]) -> frozenset:
        """The rows whose times, in any of `values`, differ in their
        seconds: each row's line, before and after, reads alike."""
        if self.target_fk is not None:
            return frozenset()
        times = defaultdict(list)
        for value in values:
            for item in value:
                for field in self._shown_fields():
                    times[item.pk].append(getattr(item, field.attname))
        return frozenset(pk for pk, found in times.items() if seconds_shown(found))

    def labels(self, value: list, lookup: _Lookup, precise=frozenset()) -> list[str]:
        if self.target_fk is not None:
            return sorted(
                (
                    lookup.label(
                        self.target_fk.related_model,
                        getattr(item, self.target_fk.attname),
                    )
                    for item in value
                ),
                key=str.casefold,
            )
        for item in value:
            for field in self._foreign_keys():
                target = lookup.get(field.related_model, getattr(item, field.attname))
                if target is not None:
                    field.set_cached_value(item, target)
        return [
            self._label(item, lookup, seconds=item.pk in precise)
            for item in _in_model_order(value)
        ]

    def _label(self, item: models.Model, lookup: _Lookup, *, seconds: bool) -> str:
        try:
            label = str(item)
        except ObjectDoesNotExist:
            label = f"{capfirst(self.model._meta.verbose_name)} #{item.pk}"
        extras = []
        for field in self._shown_fields():
            shown = _display(
                field, getattr(item, field.attname), lookup, seconds=seconds
            )
            if not shown or shown in label:
                continue
            if isinstance(field, models.CharField | models.TextField):
                extras.append(shown)  # text reads as itself
            else:  # a time, a number, another object: said which field it is
                extras.append(f"{capfirst(field.verbose_name)}: {shown}")
        return " — ".join([label, *extras])

    def _shown_fields(self):
        """Every field of a row an editor sets, so that a change to any of
        them shows: not its id, nor those pointing back to the object, nor a
        number that only puts the rows in order (their order shows it)."""
        ordering = {
            name.lstrip("-")
            for name in self.model._meta.ordering
            if isinstance(name, str)
        }
        for field in self.model._meta.concrete_fields:
            if (
                field.primary_key
                or not field.editable
                or field.attname in self.relation.back
                or field.related_model is ContentType
                or field.name in SKIPPED_FIELDS
            ):
                continue
            if (
                field.name in ordering
                and isinstance(field, models.IntegerField)
                and not field.choices
            ):
                continue
            yield field


def _entries(model: type[models.Model]) -> list:
    options = _get_options(model)
    relations = followed_relations(model)
    opts = model._meta
    entries: list = []
    fields = sorted([*opts.concrete_fields, *opts.many_to_many])
    for field in fields:
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            # A custom through model (taggit's tags): shown from the followed
            # rows of that model, in this field's place.
            through = field.remote_field.through
            name = next(
                (n for n, rel in relations.items() if rel.related_model is through),
                None,
            )
            if name:
                target_fk = next(
                    f
                    for f in through._meta.concrete_fields
                    if isinstance(f, models.ForeignKey)
                    and f.related_model is field.related_model
                )
                entries.append(
                    _ItemsEntry(relations.pop(name), field.verbose_name, target_fk)
                )
            continue
        if (
            field.name not in options.fields
            or field.primary_key
            or not field.editable
            or field.name in SKIPPED_FIELDS
        ):
            continue
        if field.many_to_many:
            entries.append(_ManyToManyEntry(field))
        else:
            entries.append(_FieldEntry(field))
    for rel in relations.values():
        entries.append(_ItemsEntry(rel, rel.related_model._meta.verbose_name_plural))
    return entries


def _sort_key(value):
    if value is None:
        return (True, "")
    if isinstance(value, str) or not isinstance(value, int | float | date):
        value = str(value).casefold()
    return (False, value)


def _in_model_order(items: list[models.Model]) -> list[models.Model]:
    """`items` sorted as the database would by their model's Meta.ordering,
    with the primary key breaking ties (so two states list alike)."""
    if not items:
        return items
    opts = items[0]._meta
    ordered = sorted(items, key=lambda item: _sort_key(item.pk))
    for name in reversed(opts.ordering):
        if not isinstance(name, str) or "__" in name or name == "?":
            continue
        try:
            field = opts.get_field(name.lstrip("-"))
        except FieldDoesNotExist:
            continue
        ordered.sort(
            key=lambda item, attname=field.attname: _sort_key(getattr(item, attname)),
            reverse=name.startswith("-"),
        )
    return ordered
