"""What became of the objects an old revision names that are gone now: merged
into another (a duplicate person into the one kept, tags into one tag), or
deleted. The history names them so (its compare, its restore), and a restore
puts back the object each was merged into.

An app tells the history where its merges went with `register_successors`
(in its ready()): a function given primary keys that returns, for those
merged away, their name then and the object kept now.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_noop
from reversion.models import Version

from .messages import history_message, listed, message_text, verbose_name

# {pk: (name when merged, the object kept)} for the given pks merged away.
Successors = Callable[[list], dict]

_finders: dict[type[models.Model], Successors] = {}


def register_successors(model: type[models.Model], find: Successors) -> None:
    """Say where `model`'s objects merged into others went (see above)."""
    _finders[model] = find


@dataclass(frozen=True)
class Gone:
    """An object a revision names that no longer exists: how it is named
    (its name when merged, else as its last revision named it; "": by its
    `model` and id) and the object it was merged into (None: deleted)."""

    pk: object
    name: str
    successor: models.Model | None
    model: type[models.Model] | None = None

    @property
    def label(self) -> str:
        """As the history shows it: "Budi Santoso (merged into Budi Santoso —
        Deputi Kerja Sama, BNPT (ID))", "JWG 4 (deleted)"."""
        return message_text(self.said)

    @property
    def said(self) -> list:
        """label as a history_message(), for a comment each reader reads in
        their language (names as they were; the kept object as named now)."""
        name = self.name or history_message(
            gettext_noop("%(model)s #%(id)s"),
            model=verbose_name(self.model) if self.model else "",
            id=str(self.pk),
        )
        if self.successor is None:
            return history_message(gettext_noop("%(name)s (deleted)"), name=name)
        kept = getattr(self.successor, "described", None) or str(self.successor)
        return history_message(
            gettext_noop("%(name)s (merged into %(kept)s)"), name=name, kept=kept
        )


def left_out_said(field: models.Field, gone: Gone) -> list:
    """What a restore leaves out, for its comment and its warning: the
    `field` that named the object `gone`, "Person: Budi Santoso (deleted)",
    as a history_message() each reader reads in their language."""
    return history_message(
        gettext_noop("%(field)s: %(gone)s"),
        field=verbose_name(field.model, field.name),
        gone=gone.said,
    )


def not_restored(left_out: list) -> list:
    """A restore's sentence naming what it left out (left_out_said()s, or
    words written already), each once; [] for nothing left out."""
    if not left_out:
        return []
    return history_message(
        gettext_noop("Not restored, as they no longer exist: %(gone)s."),
        gone=listed(_once(left_out), "; "),
    )


def left_out_text(left_out: list) -> list[str]:
    """left_out_said()s (or words written already) in the active language,
    each once."""
    return [
        entry if isinstance(entry, str) else message_text(entry)
        for entry in _once(left_out)
    ]


def _once(entries: list) -> list:
    kept = {json.dumps(entry, sort_keys=True): entry for entry in entries}
    return list(kept.values())


def gone(model: type[models.Model], pks: Iterable) -> dict:
    """{pk: Gone} for those of `pks` that are no `model` object now (given
    as missing: the caller looked). A query for the merges, one for the
    names of the deleted (their last revisions) when the model keeps any."""
    pks = [pk for pk in dict.fromkeys(pks) if pk is not None]
    if not pks:
        return {}
    found = _finders[model](pks) if model in _finders else {}
    result = {
        pk: Gone(pk, name, successor)
        for pk, (name, successor) in found.items()
        if pk in pks
    }
    deleted = [pk for pk in pks if pk not in result]
    names = _last_names(model, deleted)
    for pk in deleted:
        result[pk] = Gone(pk, names.get(str(pk), ""), None, model)
    return result


def _last_names(model: type[models.Model], pks: list) -> dict[str, str]:
    """{str(pk): the name the object's latest revision gave it}."""
    if not pks or not reversion.is_registered(model):
        return {}
    names: dict[str, str] = {}
    versions = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).order_by("-pk")
    for object_id, name in versions.values_list("object_id", "object_repr"):
        names.setdefault(object_id, name)
    return names


@dataclass(frozen=True)
class Restorable:
    """What a revision's references to `model` objects come to now: the
    primary keys to restore (those that exist, and for those merged away
    the object kept, each once, in the revision's order) and those gone for
    good (deleted, nothing merged into)."""

    pks: list
    left_out: list[Gone]


def restorable(model: type[models.Model], pks: Iterable) -> Restorable:
    """The objects to put back for references to `pks` of `model`."""
    pks = [pk for pk in dict.fromkeys(pks) if pk is not None]
    existing = set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
    missing = gone(model, [pk for pk in pks if pk not in existing])
    restored, left_out = [], []
    for pk in pks:
        if pk in existing:
            restored.append(pk)
        elif missing[pk].successor is not None:
            restored.append(missing[pk].successor.pk)
        else:
            left_out.append(missing[pk])
    return Restorable(list(dict.fromkeys(restored)), left_out)


def follow_successors(version: Version) -> list[list]:
    """Point the foreign keys of `version`'s object (a followed row, such as
    a meeting's attendance, as `version.revert()` saves it) at what is there
    now: an object merged away at the one kept, as restorable() does for a
    story's. Returns what it names that is gone for good ("Person: Budi
    Santoso (deleted)", left_out_said()): the row is then to be left out."""
    obj = version._object_version.object
    left_out = []
    for field in obj._meta.concrete_fields:
        pk = getattr(obj, field.attname) if field.many_to_one else None
        if pk is None:
            continue
        found = restorable(field.related_model, [pk])
        if found.pks:
            setattr(obj, field.attname, found.pks[0])
        left_out.extend(left_out_said(field, gone) for gone in found.left_out)
    return left_out
