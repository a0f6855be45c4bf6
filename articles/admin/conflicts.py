"""An editor's refused save (someone else saved first): what the others
changed, and how the two sets of changes combine.

Three states of the article meet here, each read as the change form's
fields: the version the editor opened (*base*, from its revision), the one
saved now (*theirs*) and the editor's form (*mine*).
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from taggit.models import Tag

from newsroom.history import (
    FieldChange,
    comparable,
    current_field_dict,
    find_version,
    local_datetime,
    merge_text,
    version_field_dict,
)

from ..models import Article


@dataclass
class MergePlan:
    """Field by field, whose change a combined save keeps."""

    theirs: list[str] = field(default_factory=list)  # changed by them only
    mine: list[str] = field(default_factory=list)  # changed by this editor only
    combined: dict[str, str] = field(default_factory=dict)  # both, merged text
    clashes: list[str] = field(default_factory=list)  # both, differently

    @property
    def possible(self) -> bool:
        return not self.clashes

    # Field labels as a phrase ("Title, Summary and Body"), for the panel.

    @property
    def their_fields(self) -> str:
        return _phrase(self.theirs)

    @property
    def my_fields(self) -> str:
        return _phrase(self.mine)

    @property
    def combined_fields(self) -> str:
        return _phrase(self.combined)

    @property
    def clash_fields(self) -> str:
        return _phrase(self.clashes)


@dataclass
class Conflict:
    """What the conflict panel shows an editor whose save was refused."""

    base_version: int
    current_version: int
    saved_by: object  # a user, or None when the revision does not say
    saved_at: str  # shown with seconds; "" when the revision does not say
    changes: list[FieldChange] | None  # theirs, base → now; None: no base revision
    plan: MergePlan | None  # None when the base revision is not kept
    their_texts: list[tuple[str, str, str]]  # clashing texts: name, label, theirs


def merge_fields(form) -> list[str]:
    """The article's fields this form edits (read-only ones are not in it)."""
    names = []
    for name in form.fields:
        try:
            Article._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # the form's own fields: version, workflow note
        names.append(name)
    return names


def describe(form, conflict) -> Conflict:
    """The panel for `form`, refused with `conflict` (services.EditConflict)."""
    states = _states(form, conflict.base_version)
    plan = their_texts = None
    if states is not None:
        base, theirs, mine, _raw = states
        plan = _plan(form, base, theirs, mine)
        their_texts = [
            (name, _label(name), theirs[name])
            for name in plan.clashes
            if isinstance(Article._meta.get_field(name), models.TextField)
        ]
    return Conflict(
        base_version=conflict.base_version,
        current_version=conflict.current_version,
        saved_by=conflict.saved_by,
        saved_at=(
            local_datetime(conflict.saved_at, seconds=True) if conflict.saved_at else ""
        ),
        changes=conflict.changes,
        plan=plan,
        their_texts=their_texts or [],
    )


def combine(form, base_version: int) -> MergePlan | None:
    """Put into `form` (a valid form) the changes saved since `base_version`
    that this editor did not make, and merge texts both changed.

    Returns the plan; when it has clashes, or the base revision is not kept
    (None), `form` is left as it was.
    """
    states = _states(form, base_version)
    if states is None:
        return None
    base, theirs, mine, raw = states
    plan = _plan(form, base, theirs, mine)
    if not plan.possible:
        return plan
    for name in plan.theirs:
        model_field = Article._meta.get_field(name)
        if name == "tags":
            form.cleaned_data[name] = raw["tags"]
        elif model_field.many_to_many:
            form.cleaned_data[name] = model_field.related_model._base_manager.filter(
                pk__in=theirs[name]
            )
        else:
            setattr(form.instance, model_field.attname, raw[model_field.attname])
    for name, text in plan.combined.items():
        setattr(form.instance, name, text)
    return plan


def holds_saved(form) -> bool:
    """Whether `form` holds its article exactly as saved now: the same form
    sent twice (a second click, the browser sending it again), whose first
    save is the one the second met. Nothing of anyone's is lost by saving
    it."""
    names = merge_fields(form)
    saved = Article._base_manager.get(pk=form.instance.pk)
    theirs = _from_state(names, current_field_dict(saved))
    return theirs == _from_form(form, names)


def _states(form, base_version: int):
    """(base, theirs, mine, theirs' raw values) read as the form's fields;
    None when no revision of `base_version` is kept."""
    article = form.instance
    version = find_version(article, base_version)
    if version is None:
        return None
    saved = Article._base_manager.get(pk=article.pk)
    base_state, their_state = version_field_dict(version), current_field_dict(saved)
    names = merge_fields(form)
    base = _from_state(names, base_state)
    theirs = _from_state(names, their_state)
    mine = _from_form(form, names)
    raw = {**their_state, "tags": _tag_names(their_state.get("tagged_items", []))}
    return base, theirs, mine, raw


def _plan(form, base: dict, theirs: dict, mine: dict) -> MergePlan:
    plan = MergePlan()
    for name in merge_fields(form):
        old, now, edited = base.get(name), theirs.get(name), mine.get(name)
        if now == old:
            if edited != old:
                plan.mine.append(name)
        elif edited == old:
            plan.theirs.append(name)
        elif edited == now:
            continue  # both made the same change
        elif isinstance(Article._meta.get_field(name), models.TextField):
            merged = merge_text(old or "", now or "", edited or "")
            if merged is None:
                plan.clashes.append(name)
            else:
                plan.combined[name] = merged
        else:
            plan.clashes.append(name)
    return plan


def _from_state(names: list[str], state: dict) -> dict:
    values = {}
    for name in names:
        model_field = Article._meta.get_field(name)
        if name == "tags":
            values[name] = _tag_key(_tag_names(state.get("tagged_items", [])))
        elif model_field.many_to_many:
            values[name] = sorted(state.get(model_field.attname) or [])
        else:
            values[name] = _plain(state.get(model_field.attname))
    return values


def _from_form(form, names: list[str]) -> dict:
    values = {}
    for name in names:
        model_field = Article._meta.get_field(name)
        if name == "tags":
            values[name] = _tag_key(form.cleaned_data.get(name) or [])
        elif model_field.many_to_many:
            chosen = form.cleaned_data.get(name) or []
            values[name] = sorted(obj.pk for obj in chosen)
        else:
            values[name] = _plain(getattr(form.instance, model_field.attname))
    return values


def _plain(value):
    if isinstance(value, FieldFile):
        value = value.name
    value = comparable(value)
    return None if value in ("", None) else value


def _tag_names(items) -> list[str]:
    ids = [item.tag_id for item in items]
    return list(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))


def _tag_key(names) -> list[str]:
    return sorted({str(name).casefold() for name in names})


def _phrase(names) -> str:
    return get_text_list([_label(name) for name in names], gettext("and"))


def _label(name: str) -> str:
    return str(capfirst(Article._meta.get_field(name).verbose_name))
