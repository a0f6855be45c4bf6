"""Reading an object's state from a revision or from the database, finding a
revision by version number, and bringing a deleted object back."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_noop
from reversion.models import Version, _safe_revert
from reversion.revisions import _get_options

from .changes import FieldChange, field_changes, local_datetime
from .messages import history_message, moment
from .relations import followed_relations
from .signals import recovered_also
from .successors import follow_successors, not_restored
from .summaries import combine_messages, comment_steps


def find_version(obj: models.Model, number: int) -> Version | None:
    """The latest revision of `obj` saved while its `version` counter was
    `number`, or None."""
    number = int(number)
    candidates = (
        Version.objects.get_for_object(obj)
        # A cheap first cut on the JSON; the field_dict check below decides.
        .filter(serialized_data__contains=f'"version": {number}')
        .order_by("-pk")
    )
    for version in candidates:
        try:
            if version.field_dict.get("version") == number:
                return version
        except reversion.RevertError:
            continue
    return None


def version_field_dict(version: Version) -> dict:
    """The object's state in `version`, with its followed relations."""
    state = dict(version.field_dict)
    for name, item_versions in followed_versions(version).items():
        state[name] = [
            _instance(item.content_type.model_class(), item.field_dict)
            for item in item_versions
        ]
    return state


def current_field_dict(obj: models.Model) -> dict:
    """`obj`'s state as held in memory, shaped like version_field_dict()."""
    options = _get_options(type(obj))
    state = {}
    for name in options.fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                state[field.attname] = list(
                    getattr(obj, name).values_list("pk", flat=True)
                )
        else:
            state[field.attname] = getattr(obj, field.attname)
    for name in options.follow:
        related = getattr(obj, name)
        if isinstance(related, models.Manager):
            state[name] = list(related.all())
    return state


def followed_versions(version: Version) -> dict[str, list[Version]]:
    """The versions, saved in the same revision, of the objects `version`'s
    object follows (e.g. a meeting's sessions), by relation name."""
    model = version.content_type.model_class()
    relations = followed_relations(model)
    if not relations:
        return {}
    content_types = {
        rel.related_model: ContentType.objects.get_for_model(rel.related_model)
        for rel in relations.values()
    }
    candidates = list(
        Version.objects.filter(
            revision_id=version.revision_id,
            content_type__in=content_types.values(),
        ).order_by("pk")
    )
    found: dict[str, list[Version]] = {name: [] for name in relations}
    for candidate in candidates:
        for name, rel in relations.items():
            if candidate.content_type_id == content_types[
                rel.related_model
            ].pk and rel.belongs_to(candidate.field_dict, version.object_id):
                found[name].append(candidate)
    return found


@dataclass(frozen=True)
class RecordedStep:
    """A workflow step a revision records: its label and the state it led
    to (untranslated message ids, as step_message() stores them), and who
    took it (None when the revision does not say)."""

    label: str
    state: str
    user: object


def steps_since(obj: models.Model, version_number: int) -> list[RecordedStep]:
    """The workflow steps taken on `obj` after its `version` counter was
    `version_number`, oldest first: those its later revisions record (a
    step's save makes one), whether or not a revision of `version_number`
    itself is kept."""
    steps: list[RecordedStep] = []
    later = (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .order_by("-pk")
    )
    for version in later:
        try:
            number = version.field_dict.get("version")
        except reversion.RevertError:
            continue  # no longer reads as this model: says nothing
        if number is None or number <= version_number:
            break
        revision = version.revision
        steps += [
            RecordedStep(label, state, revision.user)
            for label, state in reversed(comment_steps(revision.comment))
        ]
    return steps[::-1]


def changes_since(obj: models.Model, version_number: int) -> list[FieldChange] | None:
    """What was saved to `obj` since its `version` counter was
    `version_number`, compared with the saved state in the database (not
    with `obj`'s unsaved values). None when no revision has that number."""
    old = find_version(obj, version_number)
    if old is None:
        return None
    saved = type(obj)._base_manager.get(pk=obj.pk)
    return field_changes(type(obj), version_field_dict(old), current_field_dict(saved))


def savers_since(obj: models.Model, base: Version) -> dict[str, object]:
    """Who saved each value of `obj` changed after its version `base`, by
    the state's key (FieldChange.name): the user of the latest revision that
    changed it (None when that revision does not say). A revision that no
    longer reads as the model is skipped: its changes count as the next
    one's."""
    later = (
        Version.objects.get_for_object(obj)
        .filter(pk__gt=base.pk)
        .select_related("revision__user")
        .order_by("pk")
    )
    savers: dict[str, object] = {}
    before = version_field_dict(base)
    for version in later:
        try:
            after = version_field_dict(version)
        except reversion.RevertError:
            continue
        for change in field_changes(type(obj), before, after):
            savers[change.name] = version.revision.user
        before = after
    return savers


def revision_date(version: Version, *, seconds: bool | None = None) -> str:
    """When `version`'s revision was saved, in the newsroom's local time.

    With seconds when another revision of the same object was saved in that
    minute (seconds=None, one query), or as `seconds` says.
    """
    if seconds is None:
        seconds = _shares_minute(version)
    return local_datetime(version.revision.date_created, seconds=seconds)


def revision_dates_alike(*versions: Version) -> list[str]:
    """When each of `versions` (of one object) was saved, as one line names
    them: all with seconds when any of them shares its minute with another
    revision of the object (one query each), else all to the minute."""
    seconds = any(
        map(_shares_minute, {version.pk: version for version in versions}.values())
    )
    return [revision_date(version, seconds=seconds) for version in versions]


def _minute(version: Version) -> datetime:
    return version.revision.date_created.replace(second=0, microsecond=0)


def revision_moment(version: Version) -> dict:
    """When `version`'s revision was saved, as a history_message() parameter:
    read as revision_date() shows it, in the reader's language."""
    return moment(version.revision.date_created, seconds=_shares_minute(version))


def _shares_minute(version: Version) -> bool:
    """Whether another revision of the same object was saved in the minute
    of `version`'s (one query)."""
    minute = _minute(version)
    return (
        Version.objects.filter(
            content_type_id=version.content_type_id,
            object_id=version.object_id,
            revision__date_created__gte=minute,
            revision__date_created__lt=minute + timedelta(minutes=1),
        )
        .exclude(revision_id=version.revision_id)
        .exists()
    )


def revision_dates(versions: list[Version]) -> dict[int, str]:
    """When each of `versions` was saved, by version id, read alike as one
    list shows them: all with seconds when two of them share a minute (to
    tell them apart), else all to the minute. History's page had "05.50.09"
    in one row and "05.37" in the next."""
    shared = Counter(_minute(version) for version in versions)
    seconds = any(count > 1 for count in shared.values())
    return {
        version.pk: local_datetime(version.revision.date_created, seconds=seconds)
        for version in versions
    }


def version_recover(*, version: Version, user) -> models.Model:
    """Bring a deleted object back as it was in `version`, with the objects it
    follows (an article's tags, a meeting's sessions).

    Raises ValidationError when it would clash with what exists now (e.g. its
    slug has been taken). Its rows follow merges and leave out objects
    deleted since, as restore_rows() puts them back.
    """
    model = version.content_type.model_class()
    instance = _instance(model, version.field_dict)
    instance.validate_unique()
    instance.validate_constraints()
    with transaction.atomic(), reversion.create_revision():
        version.revert()
        obj = model._base_manager.get(pk=instance.pk)
        left_out = restore_rows(obj, version)
        reversion.add_to_revision(obj)
        reversion.set_user(user)
        reversion.set_comment(
            combine_messages(
                history_message(
                    gettext_noop("Recovered the revision of %(date)s."),
                    date=revision_moment(version),
                ),
                not_restored(left_out),
                recovered_also(obj, user, save=True),
            )
        )
    return obj


def _instance(model: type[models.Model], field_dict: dict) -> models.Model:
    """An unsaved `model` object carrying the concrete values of a field_dict."""
    return model(
        **{
            field.attname: field_dict[field.attname]
            for field in model._meta.concrete_fields
            if field.attname in field_dict
        }
    )


def restore_rows(obj: models.Model, version: Version) -> list[list]:
    """What `version` keeps besides `obj`'s own fields written back to the
    database (`obj` saved already): its many-to-many choices, and the rows
    it follows (rows added since deleted, the others as they were; a row
    naming an object merged since names the one kept, as a story's restore
    does, and one naming an object deleted since is left out). Returns
    what was left out ("Person: Budi Santoso (deleted)", as
    successors.left_out_said() says it). Raises
    reversion's RevertError when no row can be saved."""
    state = version.field_dict
    left_out: list[list] = []
    for field in obj._meta.many_to_many:
        if isinstance(state.get(field.attname), list):
            related = field.related_model._base_manager
            getattr(obj, field.name).set(related.filter(pk__in=state[field.attname]))
    for name, items in followed_versions(version).items():
        getattr(obj, name).exclude(pk__in=[item.object_id for item in items]).delete()
        kept = []
        for item in items:
            gone = follow_successors(item)
            left_out.extend(gone)
            if not gone:
                kept.append(item)
        # Retried in turn, as reversion does: rows may swap unique values.
        if kept := _once_each(kept):
            _safe_revert(kept)
    return left_out


def _once_each(items: list[Version]) -> list[Version]:
    """`items` but for a row that a unique constraint says is an earlier
    one's again (a duplicate person's attendance and the kept person's, in
    one role, both naming the kept person now)."""
    seen, once = set(), []
    for item in items:
        row = item._object_version.object
        meta = row._meta
        uniques = [c.fields for c in meta.total_unique_constraints]
        uniques += [tuple(fields) for fields in meta.unique_together]
        keys = {
            (
                meta.label,
                fields,
                tuple(getattr(row, meta.get_field(f).attname) for f in fields),
            )
            for fields in uniques
        }
        if keys & seen:
            continue
        seen |= keys
        once.append(item)
    return once
