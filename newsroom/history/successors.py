"""What became of the objects an old revision names that are gone now: merged
into another (a duplicate person into the one kept, tags into one tag), or
deleted. The history names them so (its compare, its restore), and a restore
puts back the object each was merged into.

An app tells the history where its merges went with `register_successors`
(in its ready()): a function given primary keys that returns, for those
merged away, their name then and the object kept now.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

# {pk: (name when merged, the object kept)} for the given pks merged away.
Successors = Callable[[list], dict]

_finders: dict[type[models.Model], Successors] = {}


def register_successors(model: type[models.Model], find: Successors) -> None:
    """Say where `model`'s objects merged into others went (see above)."""
    _finders[model] = find


@dataclass(frozen=True)
class Gone:
    """An object a revision names that no longer exists: how it is named
    (its name when merged, else as its last revision named it, else its
    model and id) and the object it was merged into (None: deleted)."""

    pk: object
    name: str
    successor: models.Model | None

    @property
    def label(self) -> str:
        """As the history shows it: "Budi Santoso (merged into Budi Santoso —
        Deputi Kerja Sama, BNPT (ID))", "JWG 4 (deleted)"."""
        if self.successor is None:
            return _("%(name)s (deleted)") % {"name": self.name}
        kept = getattr(self.successor, "described", None) or str(self.successor)
        return _("%(name)s (merged into %(kept)s)") % {"name": self.name, "kept": kept}


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
        name = names.get(str(pk)) or f"{capfirst(model._meta.verbose_name)} #{pk}"
        result[pk] = Gone(pk, name, None)
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


def follow_successors(version: Version) -> list[str]:
    """Point the foreign keys of `version`'s object (a followed row, such as
    a meeting's attendance, as `version.revert()` saves it) at what is there
    now: an object merged away at the one kept, as restorable() does for a
    story's. Returns what it names that is gone for good ("Person: Budi
    Santoso (deleted)"): the row is then to be left out."""
    obj = version._object_version.object
    left_out = []
    for field in obj._meta.concrete_fields:
        pk = getattr(obj, field.attname) if field.many_to_one else None
        if pk is None:
            continue
        found = restorable(field.related_model, [pk])
        if found.pks:
            setattr(obj, field.attname, found.pks[0])
        label = capfirst(field.verbose_name)
        left_out.extend(f"{label}: {gone.label}" for gone in found.left_out)
    return left_out
