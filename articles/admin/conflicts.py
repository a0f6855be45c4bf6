"""An editor's refused save (someone else saved first): what the others
changed, and how the two sets of changes combine.

Three states of the article meet here, each read as the change form's
fields: the version the editor opened (*base*, from its revision), the one
saved now (*theirs*) and the editor's form (*mine*).

A save that got in the way may have moved the story in the workflow
(withdrawn to draft, submitted, published…): the panel says so, and its
choices take the step the refused save asked for only where it still makes
sense (Conflict.step): never over a story taken back, returned, published
or unpublished since, which its editor has not seen.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from newsroom.history import (
    FieldChange,
    comparable,
    current_field_dict,
    find_version,
    local_datetime,
    merge_choices,
    merge_text,
    steps_since,
    version_field_dict,
)
from newsroom.history.admin import PanelRow, panel_rows
from newsroom.history.changes import values_shown
from newsroom.history.combine import (
    CHOICE_PREFIX,
    KEEPS_ADDED,
    KEEPS_BOTH,
    KEEPS_CLASH,
    KEEPS_MINE,
    KEEPS_THEIRS,
    MINE,
    THEIRS,
    Clash,
    Difference,
    field_changes_shown,
    own_save,
    paragraphs_apart,
)
from newsroom.history.states import savers_since

from .. import services
from ..models import Article, Correction
from .common import display_user


@dataclass
class MergePlan:
    """Field by field, whose change a combined save keeps. A field both
    changed differently is a clash the editor decides (`choices`, a meeting
    form's newsroom.history.combine.Clash, its choice sent with the form);
    the rest combine."""

    theirs: list[str] = field(default_factory=list)  # changed by them only
    mine: list[str] = field(default_factory=list)  # changed by this editor only
    combined: dict[str, str] = field(default_factory=dict)  # both, merged text
    clashes: list[str] = field(default_factory=list)  # both, differently
    choices: list[Clash] = field(default_factory=list)  # the clashes' choices
    # A text both changed in the same paragraphs: (keeping mine there,
    # keeping theirs there), both sides' other changes merged in each.
    clash_texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The History number of the revision combined with (set once combined:
    # the save's History entry says "Combined with revision N.").
    revision: int | None = None

    @property
    def possible(self) -> bool:
        """Whether the changes combine (once each clash is chosen)."""
        return True

    def unchosen(self) -> list[Clash]:
        return [clash for clash in self.choices if clash.chosen not in (MINE, THEIRS)]

    def chosen_theirs(self) -> list[str]:
        """The clashing fields the editor chose to keep as saved now."""
        return [
            clash.key.removeprefix("field-")
            for clash in self.choices
            if clash.chosen == THEIRS
        ]

    # Field labels as a phrase ("Title, Summary and Body"), for the panel.

    # Rows added since the form was opened, by them and in this form
    # (corrections, never changed once added: combining keeps both).
    their_rows: list[str] = field(default_factory=list)  # labels
    my_rows: list[str] = field(default_factory=list)

    @property
    def their_fields(self) -> str:
        return _phrase(self.theirs, self.their_rows)

    @property
    def my_fields(self) -> str:
        return _phrase(self.mine, self.my_rows)

    @property
    def combined_fields(self) -> str:
        return _phrase(self.combined)

    @property
    def partly_combined_fields(self) -> str:
        """The texts combined but for the paragraphs both changed (the
        panel's list had left them out: a tester's)."""
        return _phrase(self.clash_texts)

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
    # The workflow steps taken since the editor opened the story, in words
    # ("Rina took this story back to draft to change it."), and its state
    # now ("It is now “Draft”."; "" when it did not move).
    moves: list[str] = field(default_factory=list)
    state_now: str = ""
    # The step the refused save asked for that the panel's choices take
    # after saving (a services.TRANSITIONS record; None: they only save),
    # or why they no longer take it ("": none was asked for, or it is).
    step: services.Transition | None = None
    step_left: str = ""
    # Whether a note for the step was written (the panel says it goes with
    # the step only then), and whether a choice that does not take the step
    # leaves it in the form.
    note_sent: bool = False
    note_left: bool = False
    # Set when a combined save was refused for values left to choose: why.
    unchosen_error: str = ""
    # The table of the panel, as a meeting's (admin/history/includes/
    # versions.html): every field either changed, in this editor's form and
    # saved now, and what combining keeps; empty when `plan` is None. Its
    # column of the version saved now is named for the latest saver only
    # when every value saved since is theirs (`one_saver`).
    rows: list[PanelRow] = field(default_factory=list)
    one_saver: bool = True

    @property
    def lines(self) -> bool:
        """Whether a row shows only the lines that differ (its legend)."""
        return any(row.lines for row in self.rows)


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
    differences, one_saver = [], True
    if states is not None:
        base, theirs, mine, raw = states
        plan = _plan(form, base, theirs, mine, raw)
        their_texts = [
            (name, _label(name), theirs[name])
            for name in plan.clashes
            if isinstance(Article._meta.get_field(name), models.TextField)
        ]
        differences, one_saver = _differences(
            form, plan, conflict, base=base, theirs=theirs, mine=mine, raw=raw
        )
        differences += _corrections_added(form, plan, conflict)
    saved = Article._base_manager.get(pk=form.instance.pk)
    moves = _moves(saved, conflict.base_version, editor=form.editor)
    step, step_left = _step_carried(form.step_sent, saved, moves, editor=form.editor)
    note_sent = bool((form.cleaned_data.get("workflow_note") or "").strip())
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
        moves=[move.words for move in moves],
        state_now=(
            gettext("It is now “%(state)s”.") % {"state": saved.state_label}
            if moves
            else ""
        ),
        step=step,
        step_left=step_left,
        note_sent=note_sent,
        note_left=bool(step_left) and note_sent,
        rows=panel_rows(differences),
        one_saver=one_saver,
    )


def _differences(form, plan: MergePlan, conflict, *, base, theirs, mine, raw):
    """The panel's table (a meeting's combine.Difference each): every field
    this editor or a later save changed, in the form's order, its value in
    the form and saved now, and what combining keeps; with whether every
    value saved since is the latest save's."""
    keeps = {
        **dict.fromkeys(plan.mine, KEEPS_MINE),
        **dict.fromkeys(plan.theirs, KEEPS_THEIRS),
        **dict.fromkeys(plan.combined, KEEPS_BOTH),
        **dict.fromkeys(plan.clashes, KEEPS_CLASH),
    }
    saved = Article._base_manager.get(pk=form.instance.pk)
    version = find_version(form.instance, conflict.base_version)
    savers = savers_since(saved, version) if version is not None else {}
    differences, one_saver = [], True
    for name in merge_fields(form):
        if mine.get(name) == theirs.get(name):
            continue  # nobody's change, or the same change made by both
        key = "tagged_items" if name == "tags" else _state_key(name)
        changed_now = theirs.get(name) != base.get(name)
        saved_by = savers.get(key) if changed_now else None
        mine_shown, now_shown = _shown(form, name, mine[name], theirs[name], raw)
        differences.append(
            Difference(
                label=_label(name),
                mine=mine_shown,
                now=now_shown,
                # Both made the same change: theirs is this editor's too.
                keeps=keeps.get(name, KEEPS_MINE),
                changed_now=changed_now,
                saved_by=saved_by,
                saved_by_me=own_save(saved_by, form.editor),
            )
        )
        if changed_now and saved_by != conflict.saved_by:
            one_saver = False
    return differences, one_saver


def _corrections_added(form, plan: MergePlan, conflict) -> list[Difference]:
    """The table's line for corrections added since the form was opened, by
    a later save and in this form (never changed nor removed once added:
    combining keeps both); none when neither added one. The plan's lists
    name them too."""
    formset = next(
        (
            formset
            for formset in getattr(form.request, "history_formsets", None) or []
            if formset.model is Correction
        ),
        None,
    )
    if formset is None:
        return []
    shown = {row.instance.pk for row in formset.initial_forms}
    theirs = [
        _correction_line(correction)
        for correction in Correction.objects.filter(article_id=form.instance.pk)
        .exclude(pk__in=[pk for pk in shown if pk is not None])
        .order_by("pk")
    ]
    mine = [
        _correction_line(row.instance)
        for row in formset.extra_forms
        if row.has_changed() and row.is_valid()
    ]
    if not theirs and not mine:
        return []
    label = str(capfirst(Correction._meta.verbose_name_plural))
    if theirs:
        plan.their_rows.append(label)
    if mine:
        plan.my_rows.append(label)
    return [
        Difference(
            label=label,
            mine="\n".join(mine) or "—",
            now="\n".join(theirs) or "—",
            keeps=(KEEPS_ADDED if theirs else KEEPS_MINE) if mine else KEEPS_THEIRS,
            changed_now=bool(theirs),
            saved_by=conflict.saved_by if theirs else None,
            saved_by_me=own_save(conflict.saved_by, form.editor) if theirs else False,
        )
    ]


def _correction_line(correction) -> str:
    """A correction as the table shows it: "Correction: the text"."""
    return f"{correction.get_kind_display()}: {correction.text}"


def _state_key(name: str) -> str:
    return Article._meta.get_field(name).attname


def _shown(form, name: str, mine, theirs, raw: dict) -> tuple[str, str]:
    """A field's value in the form and saved now, as History shows them
    (read alike: two times both to the minute or both with seconds); tags
    and other lists one name a line."""
    if name == "tags":
        return tuple(
            "\n".join(sorted(names, key=str.casefold))
            for names in (form.cleaned_data.get("tags") or [], raw["tags"])
        )
    model_field = Article._meta.get_field(name)
    key = model_field.attname
    if model_field.many_to_many:
        values = (mine or [], theirs or [])
    else:
        values = (getattr(form.instance, key), raw.get(key))
    shown = values_shown(Article, [{key: value} for value in values], [key])
    return tuple(shown[key]) if key in shown else tuple(map(str, values))


# What a workflow step taken since the editor opened the story says: by a
# colleague (%(user)s), or by the editor in another tab or window.
MOVE_WORDS = {
    "submit": (
        _("%(user)s submitted this story for review."),
        _("You submitted this story for review in the other tab or window."),
    ),
    "withdraw": (
        _("%(user)s took this story back to draft to change it."),
        _("You took this story back to draft in the other tab or window."),
    ),
    "return": (
        _("%(user)s returned this story to its reporter."),
        _("You returned this story to its reporter in the other tab or window."),
    ),
    "publish": (
        _("%(user)s published this story."),
        _("You published this story in the other tab or window."),
    ),
    "schedule": (
        _("%(user)s scheduled this story."),
        _("You scheduled this story in the other tab or window."),
    ),
    "unpublish": (
        _("%(user)s took this story off the site."),
        _("You took this story off the site in the other tab or window."),
    ),
}
# The steps after which, the latest taken, the one the refused save asked
# for is still taken (when the new state allows it): the story handed to the
# desk (again). After any other, its editor first sees the story as it is
# now: taken back or returned (unfinished), published or unpublished.
STEPS_KEEPING_THE_ASKED_ONE = frozenset({"submit"})


@dataclass(frozen=True)
class Move:
    """A workflow step someone took on the article after the editor opened
    it, read from its revision."""

    transition: services.Transition
    scheduled: bool  # a publication with its time ahead
    by: object  # a user, or None when the revision does not say
    by_me: bool  # the editor's own, in another tab or window

    @property
    def words(self) -> str:
        key = "schedule" if self.scheduled else self.transition.name
        theirs, mine = MOVE_WORDS[key]
        if self.by_me:
            return str(mine)
        user = display_user(self.by, gettext("someone"))
        return capfirst(str(theirs) % {"user": user})


def _moves(saved: Article, base_version: int, *, editor) -> list[Move]:
    """The workflow steps taken on `saved` after its version `base_version`,
    oldest first."""
    with translation.override(None):  # as the revisions store them
        by_label = {str(t.label): t for t in services.TRANSITIONS.values()}
        scheduled = str(_("Scheduled"))
    return [
        Move(
            transition=by_label[step.label],
            scheduled=step.state == scheduled,
            by=step.user,
            by_me=own_save(step.user, editor),
        )
        for step in steps_since(saved, base_version)
        if step.label in by_label  # not a workflow step (linked, imported)
    ]


def _step_carried(step, saved: Article, moves: list[Move], *, editor):
    """The step the refused save asked for (`step`), when the panel's
    choices may still take it after saving, and otherwise why not: (step,
    "") or (None, why); (None, "") when none was asked for."""
    if step is None:
        return None, ""
    if step not in services.allowed_transitions(article=saved, user=editor):
        return None, gettext(
            "“%(step)s” cannot be taken now that the story is “%(state)s”: the "
            "choices below only save."
        ) % {"step": step.label, "state": saved.state_label}
    if moves and moves[-1].transition.name not in STEPS_KEEPING_THE_ASKED_ONE:
        return None, gettext(
            "The choices below only save, without “%(step)s”: the story moved "
            "in the workflow after you opened it. Check it as it is now, then "
            "take the step yourself if it still applies."
        ) % {"step": step.label}
    return step, ""


def step_still_carried(step, article: Article, *, opened_version, editor):
    """`step` (a services.TRANSITIONS record, or None), sent with a choice of
    the panel of a form opened at `opened_version` (as the POST gives it),
    when the panel carries it on `article` as saved now (_step_carried);
    else None: the server takes no step the panel dropped."""
    try:
        base = int(opened_version)
    except (TypeError, ValueError):
        return None
    saved = Article._base_manager.filter(pk=article.pk).first()
    if step is None or saved is None:
        return None
    moves = _moves(saved, base, editor=editor)
    return _step_carried(step, saved, moves, editor=editor)[0]


def combine(form, base_version: int) -> MergePlan | None:
    """Put into `form` (a valid form) the changes saved since `base_version`
    that this editor did not make, merge texts both changed, and for each
    field both changed differently, the value the editor chose (sent with
    the form as a meeting's are: "combine-field-<name>").

    Returns the plan; when a clash is left unchosen (plan.unchosen()), or
    the base revision is not kept (None), `form` is left as it was.
    """
    states = _states(form, base_version)
    if states is None:
        return None
    base, theirs, mine, raw = states
    plan = _plan(form, base, theirs, mine, raw)
    if plan.unchosen():
        return plan
    for name in [*plan.theirs, *plan.chosen_theirs()]:
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
    for clash in plan.choices:
        name = clash.key.removeprefix("field-")
        if name in plan.clash_texts:
            keeps_mine, keeps_theirs = plan.clash_texts[name]
            chosen = keeps_mine if clash.chosen == MINE else keeps_theirs
            setattr(form.instance, name, chosen)
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


def untouched(form, base_version: int) -> bool:
    """Whether `form` (a valid form) holds its article's fields as they were
    at `base_version` (False when no revision of it is kept)."""
    states = _states(form, base_version)
    return states is not None and states[0] == states[2]


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
    raw = {**their_state, "tags": tag_names(their_state.get("tagged_items", []))}
    return base, theirs, mine, raw


def _plan(form, base: dict, theirs: dict, mine: dict, raw: dict) -> MergePlan:
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
            texts = (old or "", now or "", edited or "")
            merged = merge_text(*texts)
            if merged is None:
                plan.clashes.append(name)
                plan.clash_texts[name] = merge_choices(*texts)
            else:
                plan.combined[name] = merged
        else:
            plan.clashes.append(name)
    plan.choices = [
        _clash(form, name, *plan.clash_texts.get(name, (mine[name], theirs[name])), raw)
        for name in plan.clashes
    ]
    return plan


def _clash(form, name: str, mine, theirs, raw: dict) -> Clash:
    """A field both changed differently, as a meeting form's clash: the
    editor's value and the one saved now, the choice read from the form's
    data."""
    model_field = Article._meta.get_field(name)
    if name == "tags":
        shown = (", ".join(mine or []), ", ".join(sorted(raw["tags"])))
    elif isinstance(model_field, models.TextField):
        shown = paragraphs_apart(mine or "", theirs or "")
    elif model_field.many_to_many:
        shown = field_changes_shown(model_field, mine, theirs)
    else:
        key = model_field.attname
        shown = field_changes_shown(
            model_field, getattr(form.instance, key), raw.get(key)
        )
    key = f"field-{name}"
    return Clash(
        key=key,
        label=_label(name),
        mine=shown[0],
        theirs=shown[1],
        chosen=form.data.get(f"{CHOICE_PREFIX}{key}", ""),
        target=(None, name, None),  # applied by combine()
        in_paragraphs=isinstance(model_field, models.TextField),
    )


def _from_state(names: list[str], state: dict) -> dict:
    values = {}
    for name in names:
        model_field = Article._meta.get_field(name)
        if name == "tags":
            values[name] = tag_key(tag_names(state.get("tagged_items", [])))
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
            values[name] = tag_key(form.cleaned_data.get(name) or [])
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


def tag_names(items) -> list[str]:
    """The names of the tags of a state's `tagged_items`."""
    ids = [item.tag_id for item in items]
    return list(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))


def tag_key(names) -> list[str]:
    """Tag names as the article keeps them (TAGGIT_CASE_INSENSITIVE): one of
    each, whatever the case, in order; two lists of tags compare by it."""
    return sorted({str(name).casefold() for name in names})


def _phrase(names, labels=()) -> str:
    return get_text_list([*(_label(name) for name in names), *labels], gettext("and"))


def _label(name: str) -> str:
    return str(capfirst(Article._meta.get_field(name).verbose_name))
