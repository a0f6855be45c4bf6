"""Combining an editor's refused save (a HistoryAdmin form opened before a
colleague's save) with what the colleague saved, field by field and row by
row.

Three states meet here: the version the editor opened (*base*, its
revision), the one saved now (*theirs*) and the editor's form (*mine*). A
field the editor left as it was takes theirs; a field only the editor
changed keeps the editor's value; a field both changed is a clash the editor
decides (each clash a choice sent with the form), unless both texts merge
line by line. Rows follow the same rule field by field; rows they added
stay, rows the editor added are added (after theirs when both took the same
place in the order).

The save met may be the editor's own, in another tab or window
(`Combine.by_me`, `own_save`): what is said of it then says so, and names
no colleague.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.formsets import BaseFormSet
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from reversion.models import Version

from .changes import _entries, comparable, field_changes, values_shown
from .merge import MINE, THEIRS, merge_choices, merge_text
from .relations import followed_relations
from .states import current_field_dict, savers_since, version_field_dict

# The name of a clash's choice in the form: "combine-<key>", "mine"/"theirs".
CHOICE_PREFIX = "combine-"

# What combining keeps of a field either side changed.
KEEPS_MINE = "mine"
KEEPS_THEIRS = "theirs"
KEEPS_BOTH = "both"  # both changed a text, in different lines: merged
KEEPS_ROWS = "rows"  # rows: combined row by row
# Rows only ever added (never changed once saved), by both: all kept.
KEEPS_ADDED = "added"
# Rows combined row by row but for values both changed: the editor's choice.
KEEPS_ROWS_CLASH = "rows-clash"
KEEPS_CLASH = "clash"  # both changed it differently: the editor's choice


@dataclass
class Clash:
    """One value both changed, differently: the editor chooses whose."""

    key: str
    label: str
    mine: str
    theirs: str
    chosen: str  # MINE, THEIRS or "" (not chosen yet)
    # What choosing theirs sets: (object, attname, value) or, for a field of
    # many-to-many, (None, name, objects); a list of them for a row the
    # editor removed and a colleague changed, kept as saved now (its values,
    # then (formset, row form, None))
    target: tuple | list
    # What choosing mine sets, when not the form's value as sent: a text's
    # changes merged but where both changed it, mine there (merge_text).
    mine_target: tuple | None = None
    # A text both changed in some of its paragraphs: the choice is theirs
    # alone, the rest of both kept (the panel says so).
    in_paragraphs: bool = False

    @property
    def choice_name(self) -> str:
        return f"{CHOICE_PREFIX}{self.key}"


@dataclass
class Difference:
    """A line of the refusal's table: a field (or a list of rows) either
    editor changed, as the editor's form holds it and as saved now, and
    what combining keeps."""

    label: str
    mine: str
    now: str
    keeps: str
    # Whether the value saved now was saved after the form was opened, and
    # by whom (a user, None when the revision does not say): the latest
    # save's author or not (savers_since()).
    changed_now: bool = False
    saved_by: object = None
    saved_by_me: bool = False

    @property
    def saved_by_name(self) -> str:
        return display_user(self.saved_by)


@dataclass
class Combine:
    """What combining the editor's form with the saved version does."""

    differences: list[Difference] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # rows put after theirs
    # The version saved now is this editor's own (another tab or window).
    by_me: bool = False
    # Every value saved since the form was opened is the latest save's (its
    # author's, `by_me` or a colleague's): the table's column is then theirs.
    one_saver: bool = True
    # The History number of the save combined with (set when combined).
    revision: int | None = None
    # The editor's form changes nothing of the version it was opened at.
    untouched: bool = False
    # (object, attname, value): theirs, or merged texts, put into the form's
    # objects; (None, name, objects): a many-to-many field's theirs.
    _takes: list[tuple] = field(default_factory=list)
    _orders: list[tuple] = field(default_factory=list)  # (row, attname, order)

    def unchosen(self) -> list[Clash]:
        return [clash for clash in self.clashes if clash.chosen not in (MINE, THEIRS)]

    def apply(self, form) -> None:
        """Put theirs into `form` (a valid ModelForm) and its rows where the
        editor changed nothing, merged texts, the clashes' choices, and the
        new rows' places."""
        chosen = []
        for clash in self.clashes:
            if clash.chosen == THEIRS:
                targets = clash.target
                chosen += targets if isinstance(targets, list) else [targets]
            elif clash.chosen == MINE and clash.mine_target is not None:
                chosen.append(clash.mine_target)
        for target, attname, value in [*self._takes, *chosen, *self._orders]:
            if target is None:
                form.cleaned_data[attname] = value
            elif isinstance(target, BaseFormSet):  # `attname`: a row kept
                _keep_row(target, attname)
            else:
                setattr(target, attname, value)


def plan(form, formsets, base: Version, data) -> Combine:
    """How `form` (a ModelForm whose instance holds the editor's values) and
    its inline `formsets` combine with the object saved now, the form being
    opened at revision `base`; `data` holds the clashes' choices."""
    model = type(form.instance)
    saved = model._base_manager.get(pk=form.instance.pk)
    base_state = version_field_dict(base)
    now_state = current_field_dict(saved)
    mine_state = dict(base_state)
    editor = getattr(form, "editor", None)
    latest_by = _saved_by(saved)
    result = Combine(by_me=own_save(latest_by, editor))
    savers = savers_since(saved, base)
    shown_rows: dict[str, list] = {}
    clashed_rows: set[str] = set()  # rows with values both changed

    # The object's own fields, in the form.
    for name in form.fields:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # the form's own fields: the edit lock's
        key = model_field.attname
        if key not in base_state or key not in now_state:
            continue  # not kept in the history
        if model_field.many_to_many:
            chosen = form.cleaned_data.get(name)
            if chosen is None:
                continue
            mine = sorted(obj.pk for obj in chosen)
            mine_state[key] = mine
            theirs_value = model_field.related_model._base_manager.filter(
                pk__in=now_state[key]
            )
            take = (None, name, theirs_value)
        elif name in form.cleaned_data:
            mine = getattr(form.instance, key)
            mine_state[key] = mine
            take = (form.instance, key, now_state[key])
        else:
            continue  # refused for its value: the form says why
        _combine_value(
            result,
            model_field,
            key=f"field-{name}",
            label=str(capfirst(model_field.verbose_name)),
            old=base_state[key],
            now=now_state[key],
            mine=mine,
            take=take,
        )

    # The rows of the inlines kept in the history.
    relations = followed_relations(model)
    for formset in formsets:
        name = next(
            (
                relation_name
                for relation_name, relation in relations.items()
                if relation.related_model is formset.model
                and formset.fk.attname in relation.back
            ),
            None,
        )
        if name is None or name not in base_state:
            continue
        clashes_before = len(result.clashes)
        mine_state[name] = _rows(result, formset, base_state[name], now_state[name])
        shown_rows[name] = mine_state[name]
        if len(result.clashes) > clashes_before:
            clashed_rows.add(name)

    # The table: every field either side changed.
    mine_changes = {c.name: c for c in field_changes(model, base_state, mine_state)}
    result.untouched = not mine_changes
    their_changes = {c.name: c for c in field_changes(model, base_state, now_state)}
    clash_keys = {clash.key for clash in result.clashes}
    changed = [
        entry.key
        for entry in _entries(model)
        if entry.key in mine_changes or entry.key in their_changes
    ]
    # A line's two values read alike (a time both to the minute or both
    # with seconds): shown together, not each from its own change.
    shown = values_shown(model, [mine_state, now_state], changed)
    for name in changed:
        mine_change, their_change = mine_changes.get(name), their_changes.get(name)
        mine_shown, now_shown = shown.get(name) or (
            mine_change.new if mine_change else their_change.old,
            their_change.new if their_change else mine_change.old,
        )
        if name in shown_rows:
            if not (mine_change and their_change):
                keeps = None
            elif name in clashed_rows:
                keeps = KEEPS_ROWS_CLASH
            else:
                keeps = KEEPS_ROWS
        elif f"field-{_form_name(model, name)}" in clash_keys:
            keeps = KEEPS_CLASH
        elif mine_change and their_change and mine_shown != now_shown:
            keeps = KEEPS_BOTH
        else:
            keeps = None
        if keeps is None:
            keeps = KEEPS_MINE if mine_change else KEEPS_THEIRS
        saved_by = savers.get(name) if their_change else None
        result.differences.append(
            Difference(
                label=(mine_change or their_change).label,
                mine=mine_shown,
                now=now_shown,
                keeps=keeps,
                changed_now=their_change is not None,
                saved_by=saved_by,
                saved_by_me=own_save(saved_by, editor),
            )
        )
        if their_change is not None and saved_by != latest_by:
            result.one_saver = False
    for clash in result.clashes:
        clash.chosen = data.get(clash.choice_name, "")
    return result


def own_save(saved_by, editor) -> bool:
    """Whether a save made by `saved_by` (a user, None when its revision
    does not say) is `editor`'s own, in another tab or window."""
    return saved_by is not None and editor is not None and saved_by == editor


def display_user(user) -> str:
    """A user as the history names them: full name, else username."""
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def _saved_by(obj):
    """Who made `obj`'s latest save (None when its revision does not say)."""
    latest = (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .order_by("-pk")
        .first()
    )
    return latest.revision.user if latest else None


def _rows(result: Combine, formset, base_rows: list, now_rows: list) -> list:
    """Combine the rows of an inline `formset`; return the rows its form
    holds (for the table)."""
    model = formset.model
    base_by_pk = {row.pk: row for row in base_rows}
    now_by_pk = {row.pk: row for row in now_rows}
    relation_label = str(capfirst(model._meta.verbose_name_plural))
    held, sent_pks = [], set()
    for form in formset.initial_forms:
        row = form.instance
        if row.pk is not None:
            sent_pks.add(row.pk)
        if getattr(form, "removed_by_colleague", False):
            held.append(row)
            continue
        old, now = base_by_pk.get(row.pk), now_by_pk.get(row.pk)
        if formset.can_delete and formset._should_delete_form(form):
            # The editor removed it: theirs to decide if a colleague changed it.
            _removal_clash(result, formset, form, old, now, relation_label)
            continue
        held.append(row)
        if old is None or now is None or not form.is_valid():
            continue
        for name, model_field in _row_fields(formset, form):
            key = model_field.attname
            _combine_value(
                result,
                model_field,
                key=f"{formset.prefix}-{row.pk}-{name}",
                label=_("%(rows)s: “%(row)s”, %(field)s")
                % {
                    "rows": relation_label,
                    "row": _name(now),
                    "field": capfirst(model_field.verbose_name),
                },
                old=getattr(old, key),
                now=getattr(now, key),
                mine=getattr(row, key),
                take=(row, key, getattr(now, key)),
            )
    added = [
        form.instance
        for form in formset.extra_forms
        if form.has_changed()
        and form.is_valid()
        and not (formset.can_delete and formset._should_delete_form(form))
    ]
    held += added
    _place_after_theirs(result, formset, added, now_rows, sent_pks)
    return held


def _row_fields(formset, form):
    """(name, model field) of the values a row's form edits: not its id nor
    its parent."""
    model = formset.model
    for name in form.fields:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.primary_key or name == formset.fk.name:
            continue
        if not model_field.concrete or model_field.many_to_many:
            continue
        yield name, model_field


def _removal_clash(result, formset, form, old, now, relation_label) -> None:
    """A row the editor removed that a colleague changed since: a clash
    (removed, or kept as saved now). Removed before, the colleague's change
    went without a word. A row nobody changed stays removed."""
    if old is None or now is None or not form.is_valid():
        return
    changed, keep = [], []
    for _field_name, model_field in _row_fields(formset, form):
        key = model_field.attname
        if _plain(model_field, getattr(old, key)) != _plain(
            model_field, getattr(now, key)
        ):
            changed.append(str(capfirst(model_field.verbose_name)))
        keep.append((form.instance, key, getattr(now, key)))
    if not changed:
        return
    keep.append((formset, form, None))
    kept = (
        _("kept, with your change to %(fields)s")
        if result.by_me
        else _("kept, with their change to %(fields)s")
    )
    result.clashes.append(
        Clash(
            key=f"{formset.prefix}-{now.pk}-removed",
            label=_("%(rows)s: “%(row)s”")
            % {"rows": relation_label, "row": _name(now)},
            mine=_("removed"),
            theirs=kept % {"fields": get_text_list(changed, _("and"))},
            chosen="",
            target=keep,
        )
    )


def _keep_row(formset, form) -> None:
    """Save `form`'s row rather than delete it: the formset's deleted forms,
    worked out once when it was validated, are worked out again."""
    form.cleaned_data["DELETE"] = False
    formset.__dict__.pop("_deleted_form_indexes", None)


def _place_after_theirs(result, formset, added, now_rows, sent_pks) -> None:
    """Rows the editor added in the place (order) of a row a colleague added
    since go after every row, in the editor's order."""
    order_name = _order_field(formset)
    if order_name is None or not added:
        return
    theirs_added = {
        getattr(row, order_name) for row in now_rows if row.pk not in sent_pks
    }
    taken = {getattr(row, order_name) for row in now_rows} | {
        getattr(row, order_name) for row in added
    }
    last = max(value for value in taken if value is not None) if taken else 0
    moved = (
        _(
            "Your new %(row)s “%(name)s” goes last (%(order)s): the new %(row)s "
            "you saved in the other tab has its place (%(was)s)."
        )
        if result.by_me
        else _(
            "Your new %(row)s “%(name)s” goes last (%(order)s): their new "
            "%(row)s has its place (%(was)s)."
        )
    )
    for row in sorted(added, key=lambda row: getattr(row, order_name) or 0):
        if getattr(row, order_name) in theirs_added:
            last += 1
            result._orders.append((row, order_name, last))
            result.moved.append(
                moved
                % {
                    "row": formset.model._meta.verbose_name,
                    "name": _name(row),
                    "order": last,
                    "was": getattr(row, order_name),
                }
            )


def _order_field(formset) -> str | None:
    """The integer field the rows are ordered by, when the form edits it."""
    for name in formset.model._meta.ordering:
        if not isinstance(name, str):
            continue
        try:
            model_field = formset.model._meta.get_field(name.lstrip("-"))
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, models.IntegerField) and (
            not model_field.primary_key and model_field.name in formset.form.base_fields
        ):
            return model_field.attname
    return None


def _combine_value(result, model_field, *, key, label, old, now, mine, take):
    """Decide one value: theirs where the editor left it, mine where only
    the editor changed it, merged texts, else a clash."""
    old_key, now_key, mine_key = (
        _plain(model_field, value) for value in (old, now, mine)
    )
    if mine_key == old_key:
        if now_key != old_key:
            result._takes.append(take)
        return
    if now_key in (old_key, mine_key):
        return
    target, attname, _value = take
    choices: dict = {"target": take}
    if isinstance(model_field, models.TextField) and target is not None:
        texts = (old or "", now or "", mine or "")
        merged = merge_text(*texts)
        if merged is not None:
            result._takes.append((target, attname, merged))
            return
        # The choice is theirs only where both changed the text.
        mine, now = merge_choices(*texts)
        choices = {
            "target": (target, attname, now),
            "mine_target": (target, attname, mine),
            "in_paragraphs": True,
        }
    if choices.get("in_paragraphs"):
        shown_mine, shown_theirs = paragraphs_apart(mine, now)
    else:
        shown_mine, shown_theirs = field_changes_shown(model_field, mine, now)
    result.clashes.append(
        Clash(key, label, shown_mine, shown_theirs, chosen="", **choices)
    )


def paragraphs_apart(mine: str, theirs: str) -> tuple[str, str]:
    """Of two texts, the paragraphs each has and the other not ("…" between
    them): a body's clash is read at its paragraph, not in full."""
    mine_lines, their_lines = (
        [line.strip() for line in text.splitlines() if line.strip()]
        for text in (mine, theirs)
    )
    return (
        " … ".join(line for line in mine_lines if line not in their_lines),
        " … ".join(line for line in their_lines if line not in mine_lines),
    )


def field_changes_shown(model_field, mine, now) -> tuple[str, str]:
    """Two values of `model_field` as the history shows them."""
    model = model_field.model
    key = model_field.attname
    changes = field_changes(model, {key: mine}, {key: now})
    if changes:
        return changes[0].old, changes[0].new
    return str(mine or ""), str(now or "")


def same_value(model_field, one, other) -> bool:
    """Whether two values of `model_field` are the same as two states
    compare them (a time to the second, text without its line endings)."""
    return _plain(model_field, one) == _plain(model_field, other)


def _plain(model_field, value):
    """`value` as two states compare it."""
    if model_field.many_to_many:
        return sorted(value or [])
    if isinstance(value, models.Model):
        value = value.pk
    try:
        value = model_field.get_prep_value(value)
    except (TypeError, ValueError, ValidationError):
        pass
    value = comparable(value)
    return None if value in ("", None) else value


def _name(row) -> str:
    try:
        return str(row)
    except Exception:  # a foreign key not set: the row by its number
        return f"#{row.pk}"


def _form_name(model, key: str) -> str:
    """The form field's name of the state's `key` (an attname)."""
    for model_field in model._meta.concrete_fields:
        if model_field.attname == key:
            return model_field.name
    return key
