"""Admin history built on django-reversion: every revision listed, any two
compared field by field, any one restored, deleted objects recovered.

HistoryAdmin restores through reversion's own form (the old values in the
change form, saved as a new revision), and its change form carries an edit
lock: a save made on a form opened before someone else's save is refused.
WorkflowHistoryAdmin is for models whose saves carry rules: restore and
recover call a service instead.
"""

from contextlib import nullcontext
from dataclasses import dataclass, replace

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version, _safe_revert
from reversion.utils import mute_signals

from . import (
    FieldChange,
    blank_state,
    change_message,
    combine_messages,
    current_field_dict,
    field_changes,
    history_message,
    local_datetime,
    message_text,
    revision_comment,
    revision_date,
    revision_dates,
    revision_moment,
    version_field_dict,
    version_recover,
)
from .combine import Combine, display_user, own_save, plan, same_value
from .relations import followed_relations
from .signals import recovered_also
from .states import restore_rows, revision_dates_alike
from .successors import left_out_text, not_restored
from .summaries import row_label
from .textdiff import lines_that_differ_html

HISTORY_PAGE_SIZE = 100

# Version ids are database integers; anything longer is not one of ours.
MAX_VERSION_ID = 2**31 - 1

# The edit lock's fields: the object's latest revision when its form was
# opened (0: it had none), and the one an editor chose to save over.
OPENED_REVISION = "opened_revision"
OVERWRITE_REVISION = "overwrite_revision"
# The refusal's other choice: combine this editor's changes with theirs.
COMBINE_REVISION = "combine_revision"


def latest_revision(obj) -> Version | None:
    """`obj`'s latest saved version: every save through the admin or a
    service makes one, its inlines' changes included."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .order_by("-pk")
        .first()
    )


class NothingChanged(Exception):
    """A change form's save changed nothing: undo it (HistoryAdmin). Raised
    too by the edit lock for a form that changes nothing of the version it
    was opened at, when someone saved since (`since`: who, their revision):
    refusing it would offer to "combine" nothing, or to put back what the
    colleague changed."""

    def __init__(self, *, since_by: str = "", since_by_me=False, since_number=None):
        super().__init__()
        self.since_by = since_by
        self.since_by_me = since_by_me
        self.since_number = since_number

    def message(self) -> str:
        """What the page says: nothing saved, and the save met, if any."""
        said = _("Nothing changed: nothing was saved.")
        if self.since_by_me:
            since = _(
                "You had saved it in another tab or window after you opened it "
                "here (revision %(number)s in History)."
            )
        elif self.since_by:
            since = _(
                "%(user)s had saved it after you opened it (revision %(number)s "
                "in History)."
            )
        else:
            return said
        return f"{said} {since % {'user': self.since_by, 'number': self.since_number}}"


@dataclass(frozen=True)
class StaleSave:
    """A save refused by the edit lock: the save it met (the latest, by its
    number in History), who made it and when, and what changed since the
    form was opened (None: the history has no copy of that state)."""

    latest: Version
    number: int
    saved_by: object  # a user, or None when the revision does not say
    saved_by_name: str
    saved_at: str
    by_me: bool
    changes: list[FieldChange] | None
    # The editor's form beside the saved version, and what combining them
    # keeps (None: the history has no copy of the version opened).
    combine: Combine | None = None


class RevisionLockForm(forms.Form):
    """The edit lock of a HistoryAdmin change form, mixed into its form: the
    form carries the object's latest revision as it was opened, and a save
    finding a newer one is refused with the form kept as typed, saying who
    saved, when and what, until the editor saves over it on purpose
    (OVERWRITE_REVISION, the refusal's button). A form that does not carry
    the revision (a hand-made POST) is not checked.

    The refusal's other choice (COMBINE_REVISION) keeps their changes where
    this editor changed nothing, in the fields and the inline rows
    (combine.py); where both changed one value, the editor's choice."""

    opened_revision = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0
    )

    editor = None  # set by HistoryAdmin.get_form: who saves
    request = None  # set by HistoryAdmin.get_form: its inline formsets
    stale: StaleSave | None = None  # set when the save is refused
    combining = False  # set when the editor chose to combine, in time
    combined: Combine | None = None  # set when combined: what was done
    # Set when the editor chose to save over (or combine with) a save, in
    # time: whether that save was their own, in another tab or window.
    over_own = False
    # Set when a combined save is refused for values left to choose: why,
    # said in the refusal's panel (stale_save.html).
    unchosen_error = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The lock's own errors: the panel says them, nothing else on the page.
        self.lock_errors: list[str] = []
        latest = latest_revision(self.instance)
        self.fields[OPENED_REVISION].initial = latest.pk if latest else 0

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get(OPENED_REVISION)
        if opened is None or self.instance.pk is None:
            return cleaned
        # Sent only by the refusal's buttons, "Combine" and "Save my version
        # anyway" (not fields of the form, which would send them empty too).
        combine = self.data.get(COMBINE_REVISION, "")
        chosen = combine or self.data.get(OVERWRITE_REVISION, "")
        expected = int(chosen) if chosen.isdecimal() else opened
        latest = self._latest_locked()
        if (latest.pk if latest else 0) != expected:
            # Said in _post_clean(), with what combining would do.
            self.stale = stale_save(self.instance, opened, latest, self.editor)
            return cleaned
        if chosen.isdecimal() and latest is not None:
            self.over_own = own_save(latest.revision.user, self.editor)
        if combine and expected != opened:
            self.combining = True
            self._latest = latest
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # the instance now holds this editor's values
        if self.stale is not None:
            combine = self._plan()
            if (
                # A save of the change form (not a restore, which means to put
                # the old version back: refused as before).
                getattr(self.request, "_history_saving", False)
                and combine is not None
                and combine.untouched
                and not self.errors
                and self._rows_valid
                and not self.files
            ):
                stale = self.stale
                raise NothingChanged(
                    since_by=stale.saved_by_name,
                    since_by_me=stale.by_me,
                    since_number=stale.number,
                )
            self._refuse(self.stale, combine)
        elif self.combining:
            self._combine()

    def _refuse(self, stale: StaleSave, combine: Combine | None) -> None:
        """Refuse the save met `stale`, saying why and what combining
        (`combine`; None: not possible) would do."""
        self.stale = replace(stale, combine=combine)
        self._lock_error(stale_message(self.stale, self.instance))

    def _plan(self) -> Combine | None:
        """How this form combines with the version saved now; None when the
        history has no (readable) copy of the version it was opened at."""
        opened = self.cleaned_data.get(OPENED_REVISION)
        base = (
            Version.objects.get_for_object(self.instance).filter(pk=opened).first()
            if opened
            else None
        )
        if base is None:
            return None
        formsets = self._formsets()
        # Every formset validated (its rows' values read), not the first few.
        valid = [formset.is_valid() for formset in formsets]
        self._rows_valid = all(valid)
        try:
            return plan(self, formsets, base, self.data)
        except RevertError:  # that revision no longer reads as this model
            return None

    def _combine(self) -> None:
        """Combine this form with the version saved now, as its editor chose
        (in time: the save they chose to combine with is still the latest),
        or show the refusal again with the choices left to make."""
        opened = self.cleaned_data.get(OPENED_REVISION)
        combine = self._plan()
        if combine is None:  # the history lost it since the refusal
            self._refuse(
                stale_save(self.instance, opened, self._latest, self.editor), None
            )
            return
        unchosen = combine.unchosen()
        if unchosen or self.errors or not self._rows_valid:
            # Shown again, with the choices left to make.
            self.stale = replace(
                stale_save(self.instance, opened, self._latest, self.editor),
                combine=combine,
            )
        if unchosen:
            self.unchosen_error = unchosen_message(unchosen, by_me=combine.by_me)
            self._lock_error(self.unchosen_error)
        if self.stale is None:
            combine.apply(self)
            combine.revision = (
                Version.objects.get_for_object(self.instance)
                .filter(pk__lte=self._latest.pk)
                .count()
            )
            self.combined = combine

    def _lock_error(self, message: str) -> None:
        """Refuse the save with `message`, one of the lock's own errors."""
        self.lock_errors.append(message)
        self.add_error(None, message)

    def _formsets(self) -> list:
        """The change form's inline formsets (HistoryAdmin._create_formsets)."""
        return list(getattr(self.request, "history_formsets", None) or [])

    def _latest_locked(self) -> Version | None:
        """The latest revision, read with the object's row locked until the
        save's transaction ends (where the database locks rows): a save
        made at the same moment waits, then meets this one's revision."""
        model = type(self.instance)
        if transaction.get_connection().in_atomic_block:
            model._base_manager.select_for_update().filter(pk=self.instance.pk).exists()
        return latest_revision(self.instance)


def stale_save(obj, opened: int, latest: Version | None, editor) -> StaleSave:
    """What refused a save of `obj` whose form was opened at revision
    `opened` (a Version id, 0: none) and finds `latest`."""
    if latest is None:  # the revision it was opened at is gone: rare
        raise ValidationError(_("Open the page again: its history has changed."))
    versions = Version.objects.get_for_object(obj)
    base = versions.filter(pk=opened).first() if opened else None
    changes = None
    if base is not None:
        saved = type(obj)._base_manager.get(pk=obj.pk)
        changes = field_changes(
            type(obj), version_field_dict(base), current_field_dict(saved)
        )
    saved_by = latest.revision.user
    return StaleSave(
        latest=latest,
        number=versions.filter(pk__lte=latest.pk).count(),
        saved_by=saved_by,
        saved_by_name=display_user(saved_by),
        saved_at=local_datetime(latest.revision.date_created, seconds=True),
        by_me=own_save(saved_by, editor),
        changes=changes,
    )


def stale_message(stale: StaleSave, obj) -> str:
    """Why the save was refused, said at the top of the form: whose save it
    met and when, by History's number, and the fields changed since."""
    name = obj._meta.verbose_name
    combine = stale.combine
    if stale.by_me:
        first = _(
            "You saved this %(name)s in another tab or window after you opened it here."
        )
    else:
        first = _("Someone else saved this %(name)s after you opened it.")
    latest = (
        _(
            "The latest save is revision %(revision)s in History: yours, in "
            "another tab or window, %(when)s."
        )
        if stale.by_me
        else _(
            "The latest save is revision %(revision)s in History: %(user)s, %(when)s."
        )
    )
    sentences = [
        first % {"name": name},
        latest
        % {
            "revision": stale.number,
            "user": stale.saved_by_name,
            "when": stale.saved_at,
        },
        _("Nothing in this form has been saved: your changes are still below."),
        changes_sentence(
            stale.changes,
            # Not "they changed" when some of it was this editor's own.
            by_me=stale.by_me or (combine is not None and not combine.one_saver),
            to_choose=bool(combine and combine.clashes),
            combinable=combine is not None,
        ),
    ]
    return " ".join(sentences)


def errors_besides_lock(form, errors) -> list[list[str]] | None:
    """The page's `errors` (the admin's list of the form's and its
    formsets' error lists) without `form`'s edit lock's refusal: the
    messages in its `lock_errors`, which its panel says (RevisionLockForm's,
    or a form with a lock of its own, such as an article's); each list left
    empty dropped. None when the lock refused nothing."""
    said = set(getattr(form, "lock_errors", ()))
    if not said:
        return None
    kept = ([message for message in found if message not in said] for found in errors)
    return [found for found in kept if found]


@dataclass(frozen=True)
class PanelRow:
    """A line of the refusal's table (stale_save.html): a difference, with
    its value in the editor's form and saved now as shown; `lines` when
    their words that differ are marked (of several lines, the lines that
    differ only)."""

    difference: object  # combine.Difference
    mine: str
    now: str
    lines: bool = False


def panel_rows(differences) -> list[PanelRow]:
    """The refusal's table (a meeting's, an article's): each of
    `differences` (combine.Difference), a value of several lines (a
    meeting's sessions, a text's paragraphs) by the lines that differ only.
    The one changed title of nine sessions had to be found by eye in twice
    nine rows, in both languages, on a phone."""
    rows = []
    for difference in differences:
        mine, now = difference.mine, difference.now
        if mine != now and ("\n" in mine or "\n" in now):
            rows.append(PanelRow(difference, *lines_that_differ_html(mine, now), True))
        elif mine != now and mine and now:
            # One line each: its words that differ marked too (a tester
            # found a summary's added words unmarked beside a marked body).
            rows.append(PanelRow(difference, *lines_that_differ_html(mine, now), True))
        else:
            rows.append(PanelRow(difference, mine, now))
    return rows


def unchosen_message(clashes, *, by_me: bool) -> str:
    """Why a combined save was refused: values both saves changed (both
    editors', or `by_me`, this editor's here and in another tab), for which
    this one has not chosen which to keep."""
    fields = get_text_list([str(clash.label) for clash in clashes], _("and"))
    return (
        _(
            "Nothing has been saved: you changed %(fields)s both here and in the "
            "other tab. Choose below which to keep for each, then combine again."
        )
        if by_me
        else _(
            "Nothing has been saved: you both changed %(fields)s. Choose below "
            "whose to keep for each, then combine again."
        )
    ) % {"fields": fields}


def changes_sentence(changes, *, by_me: bool, to_choose: bool, combinable: bool) -> str:
    """The refusal's last sentence: the fields changed since the form was
    opened (each change has a `label`), by the same person in another tab
    or by someone else (`by_me`: said without "they"); then what the panel
    below offers: a choice between values both changed (`to_choose`), else
    a combined save that keeps every change (`combinable`), else nothing
    more to say. Where to look when no field is named."""
    if not changes:
        return (
            _("See the history for what changed.")
            if by_me
            else _("See the history for what they changed.")
        )
    fields = get_text_list([str(change.label) for change in changes], _("and"))
    if to_choose:
        sentence = (
            _("Changed since then: %(fields)s. Choose below what to keep.")
            if by_me
            else _("They changed: %(fields)s. Choose below what to keep.")
        )
    elif combinable:
        sentence = (
            _(
                "Changed since then: %(fields)s. Combining keeps those changes "
                "and adds the ones in this form."
            )
            if by_me
            else _(
                "They changed: %(fields)s. Combining keeps their changes and "
                "adds yours."
            )
        )
    else:
        sentence = (
            _("Changed since then: %(fields)s.")
            if by_me
            else _("They changed: %(fields)s.")
        )
    return sentence % {"fields": fields}


class HistoryAdmin(VersionAdmin):
    """A ModelAdmin whose history page lists revisions, compares any two and
    restores any one; its change list links to the deleted objects. Its
    change form has an edit lock (RevisionLockForm) unless `edit_lock` is
    off.

    The model must be registered with reversion (in its app's ready()).
    """

    object_history_template = "admin/history/object_history.html"
    compare_template = "admin/history/compare.html"
    history_latest_first = True
    edit_lock = True

    def reversion_register(self, model, **kwargs):
        # VersionAdmin registers the model and its inlines' models here as the
        # admin loads, before the apps' ready() registers them with what they
        # follow. Registration lives in ready() only.
        return None

    @property
    def change_list_template(self):
        opts = self.model._meta
        return [
            f"admin/{opts.app_label}/{opts.model_name}/change_list.html",
            f"admin/{opts.app_label}/change_list.html",
            "admin/history/change_list.html",
        ]

    @property
    def change_form_template(self):
        opts = self.model._meta
        return [
            f"admin/{opts.app_label}/{opts.model_name}/change_form.html",
            f"admin/{opts.app_label}/change_form.html",
            "admin/history/change_form.html",
        ]

    # The edit lock (RevisionLockForm)

    def _locks(self, request, obj) -> bool:
        """Whether the change form of `obj` carries the edit lock: a saved
        object, for someone who may change it."""
        return (
            self.edit_lock
            and obj is not None
            and self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._locks(request, obj) or not fieldsets:
            return fieldsets
        if OPENED_REVISION in flatten_fieldsets(fieldsets):
            return fieldsets
        # The hidden field goes in the first fieldset: the page sends it back.
        (name, options), *rest = fieldsets
        fields = [*options["fields"], OPENED_REVISION]
        return [(name, {**options, "fields": fields}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._locks(request, obj) and "form" not in kwargs:
            # As ModelAdmin.get_form makes its form, with the lock mixed in.
            readonly = self.get_readonly_fields(request, obj)
            attrs = dict.fromkeys(f for f in readonly if f in self.form.declared_fields)
            attrs["editor"] = request.user
            attrs["request"] = request
            kwargs["form"] = type(
                self.form.__name__, (RevisionLockForm, self.form), attrs
            )
        return super().get_form(request, obj, change, **kwargs)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        stale = getattr(form, "stale", None)
        if stale is not None:
            context["stale_save"] = stale
            context["stale_save_rows"] = rows = panel_rows(
                stale.combine.differences if stale.combine else []
            )
            context["stale_save_lines"] = any(row.lines for row in rows)
            if obj is not None:
                context["history_url"] = self._url("history", quote(obj.pk))
        besides = errors_besides_lock(form, context.get("errors") or [])
        if besides is not None:
            # The refusal is said once, in its panel: not again in red above
            # it, nor counted in a "Please correct the errors below." (with
            # no field in error, the note had named none). Django's note and
            # the form's other errors are said for the others only, by
            # admin/history/includes/errornote.html; the panel is focused
            # (static/js/stale_save.js). Every edit lock's, an article's too.
            context["errors"] = []
            context["errors_besides_lock"] = besides
            context["non_field_errors_besides_lock"] = form.error_class(
                [m for m in form.non_field_errors() if m not in form.lock_errors],
                error_class="nonfield",
                renderer=form.renderer,
            )
        response = super().render_change_form(
            request, context, add, change, form_url, obj
        )
        if stale is not None:
            # The buttons on top too: the form's first button, which Enter
            # presses, is then a plain save (refused again), never the
            # refusal's "Save my version anyway".
            response.context_data["save_on_top"] = True
        return response

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # For the edit lock: combining takes their rows into account.
        request.history_formsets = formsets
        return formsets, inline_instances

    def response_change(self, request, obj):
        combined = getattr(request, "_history_combined", None)
        if combined is not None:
            self.message_user(
                request,
                _(
                    "Saved: your changes here and in the other tab are combined. "
                    "The other tab's version is kept in the history."
                )
                if combined.by_me
                else _(
                    "Saved: your changes and theirs are combined. Their version "
                    "is kept in the history."
                ),
                messages.SUCCESS,
            )
            for moved in combined.moved:
                self.message_user(request, moved, messages.INFO)
        elif request.POST.get(OVERWRITE_REVISION):
            self.message_user(
                request,
                _(
                    "Saved this version over the one from your other tab. That "
                    "version is kept in the history."
                )
                if self.saved_over_own(request)
                else _(
                    "Saved your version over their changes. Their version is "
                    "kept in the history."
                ),
                messages.WARNING,
            )
        else:
            done = getattr(request, "_history_done", None)
            if done is not None:
                # A restore or a recovery says so, not "… was changed
                # successfully" (message_user).
                request._history_success = done(obj)
            return super().response_change(request, obj)
        if IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        # Back to the object saved, whichever button the refused save was
        # (its "Save and continue editing" is not sent again by the panel's
        # buttons): the editor checks what combining, or saving over, made.
        return HttpResponseRedirect(
            add_preserved_filters(
                {
                    "preserved_filters": self.get_preserved_filters(request),
                    "opts": self.opts,
                },
                self._url("change", quote(obj.pk)),
            )
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        instead = getattr(request, "_history_success", None)
        if instead is not None and level == messages.SUCCESS:
            request._history_success = None
            message = instead
        super().message_user(request, message, level, *args, **kwargs)

    # What a save changed, told from the values stored before and after it
    # (not from the form: a body sent with other line endings, or a time
    # the form rounds, is no change), for every reader in their language.

    def save_form(self, request, form, change):
        if change:
            saved = self.model._base_manager.get(pk=form.instance.pk)
            request._history_before = current_field_dict(saved)
            request._history_combined = getattr(form, "combined", None)
            request._history_over_own = getattr(form, "over_own", False)
        return super().save_form(request, form, change)

    def saved_over_own(self, request) -> bool:
        """Whether the change form just saved went over (or combined with),
        on its editor's choice, a save of their own in another tab or window:
        the form's `over_own`."""
        return getattr(request, "_history_over_own", False)

    def construct_change_message(self, request, form, formsets, add=False):
        before = getattr(request, "_history_before", None)
        if not add and before is not None:
            _rows_changed_by_this_save(self.model, formsets, before)
        message = super().construct_change_message(request, form, formsets, add)
        if add or before is None:
            return _for_readers(message, formsets)
        saved = self.model._base_manager.get(pk=form.instance.pk)
        inline_models = {formset.model for formset in formsets}
        inline_relations = {
            name
            for name, relation in followed_relations(self.model).items()
            if relation.related_model in inline_models
        }
        changes = [
            change
            for change in field_changes(self.model, before, current_field_dict(saved))
            # the inlines' own messages say what changed in them
            if change.name not in inline_relations
        ]
        inlines = [
            entry
            for entry in message
            if "changed" not in entry or "name" in entry["changed"]
        ]
        said = change_message(self.model, changes) + _for_readers(inlines, formsets)
        combined = getattr(request, "_history_combined", None)
        # Combined with nothing of this editor's (theirs kept): nothing saved.
        if said and combined is not None and combined.revision is not None:
            said += history_message(
                gettext_noop("Combined with revision %(number)s."),
                number=combined.revision,
            )
        return said

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        step = reversion.get_comment() if reversion.is_active() else ""
        if (
            not message
            and not step
            and getattr(request, "_history_saving", False)
            # The first copy History keeps of an object (made outside the
            # admin) is kept: restores and the edit lock start from it.
            and latest_revision(obj) is not None
        ):
            # Nothing changed (construct_change_message: the values stored
            # before and after) and no workflow step spoke: change_view
            # undoes the save, its revision and its version with it.
            raise NothingChanged
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            # A workflow step taken in the same save keeps its words.
            reversion.set_comment(combine_messages(step, entry.change_message))
        return entry

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The change form. Saved with nothing changed (no field, inline row
        or related object; the form opened again with Back, Save pressed),
        it keeps nothing: no revision, no log entry (and no new version of
        an article, whose edit lock would refuse a colleague's form for
        it), and says so. A restore or a recovery (_form_as_in) is always
        kept."""
        request._history_saving = request.method == "POST"
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except NothingChanged as nothing:
            # Raised inside the revision's transaction: all it wrote is undone.
            self.nothing_saved(request, object_id)
            self.message_user(request, nothing.message(), messages.INFO)
            return HttpResponseRedirect(self._after_nothing_saved(request))

    def nothing_saved(self, request, object_id) -> None:
        """Called after a save that kept nothing (its writes undone), as
        log_change is after one that kept something: for what a save ends
        besides its own rows (the writing screen's autosaved copy)."""

    def _after_nothing_saved(self, request) -> str:
        """Where the button pressed leads, as after a save: the form again
        (Save and continue, or a button that leads back to the object:
        ends_on_object), a new one (Save and add another), else the list,
        its filters kept."""
        if "_continue" in request.POST or self.ends_on_object(request):
            return request.get_full_path()
        opts = self.opts
        name = "add" if "_addanother" in request.POST else "changelist"
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{name}",
            current_app=self.admin_site.name,
        )
        return add_preserved_filters(
            {"preserved_filters": self.get_preserved_filters(request), "opts": opts},
            url,
        )

    def ends_on_object(self, request) -> bool:
        """Whether the button pressed leads back to the object after a save:
        a choice of the edit lock's refusal (Combine, Save my version
        anyway)."""
        return bool(
            request.POST.get(OVERWRITE_REVISION) or request.POST.get(COMBINE_REVISION)
        )

    # Permissions

    def has_recover_permission(self, request) -> bool:
        """Who may bring back deleted objects of this model."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    # URLs and lookups

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def _url(self, view: str, *args) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}",
            args=args,
        )

    def _versions(self, obj):
        """The object's versions, newest first."""
        return (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-pk")
        )

    def _number(self, obj, version) -> int:
        """The revision's number among the object's own, the first save 1."""
        return self._versions(obj).filter(pk__lte=version.pk).count()

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(
                _("There is no %(name)s with the ID “%(key)s”.")
                % {"name": self.model._meta.verbose_name, "key": unquote(object_id)}
            )
        return obj

    def _version_or_404(self, obj, version_id) -> Version:
        return get_object_or_404(self._versions(obj), pk=_version_pk(version_id))

    def _restorable(self, request, object_id, version_id):
        """The object and one of its versions, for a user who may change it."""
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj, self._version_or_404(obj, version_id)

    def _deleted_version_or_404(self, request, version_id) -> Version:
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            Version.objects.get_deleted(self.model), pk=_version_pk(version_id)
        )

    def _context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "module_name": str(capfirst(self.model._meta.verbose_name_plural)),
            "subtitle": None,
            **context,
        }

    def _render(self, request, template, context):
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context)

    # Views

    def changelist_view(self, request, extra_context=None):
        context = {"has_recover_permission": self.has_recover_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(
                request, self.model._meta, object_id
            )
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self._versions(obj)
        paginator = self.get_paginator(request, versions, HISTORY_PAGE_SIZE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        shown = list(page.object_list)
        rows = list(shown)
        if rows:
            # The row before the next page's first, for "compare with previous".
            rows.append(versions.filter(pk__lt=rows[-1].pk).first())
        may_restore = self.has_change_permission(request, obj)
        key = quote(obj.pk)
        compare_url = self._url("compare", key)
        # The page's times read alike (all to the minute, or all with seconds).
        dates = revision_dates(shown)
        # Revisions are numbered per object, the first save 1 (the versions'
        # ids count every object's saves: a story's two revisions were "92"
        # and "94").
        newest = paginator.count - page.start_index() + 1
        action_list = [
            {
                "number": newest - index,
                "version": version,
                "revision": version.revision,
                "when": dates[version.pk],
                "comment": revision_comment(version.revision.comment),
                "restore_url": (
                    self._url("revision", key, version.pk) if may_restore else ""
                ),
                "previous_url": (
                    f"{compare_url}?from={previous.pk}&to={version.pk}"
                    if previous
                    else ""
                ),
            }
            for index, (version, previous) in enumerate(
                zip(rows, rows[1:], strict=False)
            )
        ]
        context = self._context(
            request,
            title=_("Change history: %s") % obj,
            object=obj,
            action_list=action_list,
            compare_url=compare_url,
            page=page,
            page_range=paginator.get_elided_page_range(page.number),
            page_var=PAGE_VAR,
            pagination_required=paginator.num_pages > 1,
            preserved_filters=self.get_preserved_filters(request),
            **(extra_context or {}),
        )
        return self._render(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        """Two revisions of one object side by side: what changed, field by
        field. ?from=<version id>&to=<version id>, in either order."""
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        chosen = {
            self._version_or_404(obj, request.GET.get(name)) for name in ("from", "to")
        }
        old, new = min(chosen, key=_pk), max(chosen, key=_pk)
        try:
            changes = field_changes(
                self.model, version_field_dict(old), version_field_dict(new)
            )
        except RevertError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self._url("history", quote(obj.pk)))
        may_restore = self.has_change_permission(request, obj)
        old_date, new_date = revision_dates_alike(old, new)
        context = self._context(
            request,
            title=_("Compare revisions of %(object)s") % {"object": obj},
            object=obj,
            old=old,
            new=new,
            old_number=self._number(obj, old),
            new_number=self._number(obj, new),
            old_date=old_date,
            new_date=new_date,
            changes=changes,
            old_restore_url=(
                self._url("revision", quote(obj.pk), old.pk) if may_restore else ""
            ),
            new_restore_url=(
                self._url("revision", quote(obj.pk), new.pk) if may_restore else ""
            ),
            history_url=self._url("history", quote(obj.pk)),
        )
        return self._render(request, self.compare_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """The restore: the change form filled with the revision's values and
        rows (a meeting's sessions, an agency's aliases); saving it saves
        them as a new revision, as any save does. The object itself is not
        written before its save (get_object gives the form the revision's
        values), so its save reads the object as saved until then, as any
        save: a slug it leaves becomes an old address (agencies/services.py),
        and a value another object took since is refused at its field with
        the form kept. Reversion's restore wrote the revision over the object
        first: the slug left was taken for the one kept, and a taken acronym
        ended the restore with "missing dependency"."""
        obj, version = self._restorable(request, object_id, version_id)
        request.history_restoring = version
        context = {
            "title": _("Revert %(name)s") % {"name": version.object_repr},
            "revert": True,
            **(extra_context or {}),
        }
        return self._form_as_in(
            request,
            version,
            lambda: obj,
            context,
            self.revision_form_template
            or self._reversion_get_template_list("revision_form.html"),
            history_message(
                gettext_noop("Reverted to previous version, saved on %(datetime)s"),
                datetime=revision_moment(version),
            ),
            done=lambda obj: (
                _("Restored “%(object)s” to the revision of %(date)s.")
                % {"object": obj, "date": revision_date(version)}
            ),
        )

    def _form_as_in(
        self,
        request,
        version,
        written,
        context,
        template,
        said,
        *,
        done,
        recovering=False,
    ):
        """The change form of the object `written()` writes (or finds), with
        the rows `version` keeps written back (restore_rows(): rows naming
        an object merged since name the one kept, those naming one deleted
        since are left out and named). Saved, all is kept as a new revision
        that says `said`, and what was left out; else nothing written is
        kept. `recovering` (a deleted object back): what the apps do besides
        (`object_recovered`: its stories linked again) is said on the form
        and done, in the same revision, as it is saved. `done(obj)` is
        the message of a save that kept it."""
        request._history_done = done
        # Opening the form writes the rows, then takes them back: quietly.
        quiet = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        try:
            with (
                transaction.atomic(),
                quiet if request.method == "GET" else nullcontext(),
            ):
                obj = written()
                left_out = not_restored(restore_rows(obj, version))
                if left_out:
                    messages.warning(request, message_text(left_out))
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(str(obj.pk)), request.path, context
                    )
                    saved = request.method == "POST" and response.status_code == 302
                    also = (
                        recovered_also(obj, request.user, save=saved)
                        if recovering and (saved or response.status_code == 200)
                        else []
                    )
                    if saved:
                        if also:
                            messages.info(request, message_text(also))
                        reversion.set_comment(combine_messages(said, left_out, also))
                if not saved:
                    if response.status_code == 200:
                        response.template_name = template
                        # What saving will do besides, above the fields
                        # (templates/reversion/recover_form.html): not a
                        # message, which reads as done.
                        response.context_data["recovering_also"] = message_text(also)
                        response.render()  # with the rows as restored
                    transaction.set_rollback(True)
        except (RevertError, ProtectedError) as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self._url("changelist"))
        return response

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        restoring = getattr(request, "history_restoring", None)
        if obj is not None and restoring and restoring.object_id == str(obj.pk):
            _take_values(obj, restoring)
        return obj

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """The recovery: the deleted object written back as `version` has it,
        in its change form, with its rows as a restore puts them back
        (_form_as_in); saving the form keeps it. Reversion's recovery wrote
        the whole revision back: a row naming a person merged since named
        nobody, and the page answered 500."""
        version = self._deleted_version_or_404(request, version_id)

        def written():
            _safe_revert([version])  # RevertError when it clashes now
            return self.model._base_manager.get(pk=version.object_id)

        context = {
            "title": _("Recover %(name)s") % {"name": version.object_repr},
            "recover": True,
            **(extra_context or {}),
        }
        return self._form_as_in(
            request,
            version,
            written,
            context,
            self.recover_form_template
            or self._reversion_get_template_list("recover_form.html"),
            history_message(
                gettext_noop("Recovered the revision of %(date)s."),
                date=revision_moment(version),
            ),
            done=lambda obj: _("Recovered “%(object)s”.") % {"object": obj},
            recovering=True,
        )


class WorkflowHistoryAdmin(HistoryAdmin):
    """HistoryAdmin for models whose saves carry rules (permissions, workflow,
    an edit lock). Restoring shows what it would change and, once confirmed,
    calls `restore_revision()`, which the subclass writes with its service.
    Recovering shows the deleted object and brings it back with
    `recover_revision()`; only users who may delete may recover.
    """

    restore_template = "admin/history/restore_confirm.html"
    recover_template = "admin/history/recover_confirm.html"
    # Their models keep their own edit lock (an article's version counter).
    edit_lock = False
    # Exceptions the restore service raises when someone else saved first.
    restore_conflicts: tuple[type[Exception], ...] = ()

    def restore_revision(self, request, obj, version):
        """Save `version`'s content onto `obj` through the model's service;
        return the saved object. Raise ValidationError (shown to the user),
        PermissionDenied, or one of `restore_conflicts`."""
        raise NotImplementedError(
            f"{type(self).__name__} must say how a revision is restored."
        )

    def restore_left_out(self, request, obj, version) -> list:
        """What restoring `version` onto `obj` cannot put back, as the editor
        is told before and after ("Related meeting: JWG 4 (deleted)": each a
        successors.left_out_said(), or words); the subclass says, from the
        same rules as its `restore_revision()`."""
        return []

    def recover_revision(self, request, version):
        """Bring back the deleted object of `version`; return it."""
        return version_recover(version=version, user=request.user)

    def has_recover_permission(self, request) -> bool:
        return super().has_recover_permission(request) and self.has_delete_permission(
            request
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj, version = self._restorable(request, object_id, version_id)
        latest = self._versions(obj).values_list("pk", flat=True).first()
        if request.method == "POST":
            return self._restore(request, obj, version, latest)
        before = current_field_dict(obj)
        changes, problems, left_out = None, [], []
        try:
            left_out = left_out_text(self.restore_left_out(request, obj, version))
            # A trial run, undone: shows exactly what restoring would change,
            # or why it cannot.
            with transaction.atomic():
                trial = self.get_object(request, unquote(object_id))
                self.restore_revision(request, trial, version)
                after = current_field_dict(self.model._base_manager.get(pk=obj.pk))
                transaction.set_rollback(True)
            changes = field_changes(self.model, before, after)
        except ValidationError as error:
            problems = error.messages
        except RevertError as error:
            problems = [str(error)]
        except self.restore_conflicts:
            problems = [self._conflict_message()]
        context = self._context(
            request,
            title=_("Restore %(object)s as it was on %(date)s")
            % {"object": obj, "date": revision_date(version)},
            object=obj,
            version=version,
            version_date=revision_date(version),
            changes=changes,
            problems=problems,
            left_out=left_out,
            latest=latest,
            compare_url=(
                f"{self._url('compare', quote(obj.pk))}?from={version.pk}&to={latest}"
            ),
            history_url=self._url("history", quote(obj.pk)),
            **(extra_context or {}),
        )
        return self._render(request, self.restore_template, context)

    def _restore(self, request, obj, version, latest):
        if request.POST.get("latest") != str(latest):
            return self._refuse(request, self._conflict_message())
        try:
            with transaction.atomic():
                left_out = self.restore_left_out(request, obj, version)
                self.restore_revision(request, obj, version)
        except ValidationError as error:
            return self._refuse(request, " ".join(error.messages))
        except RevertError as error:
            return self._refuse(request, str(error))
        except self.restore_conflicts:
            return self._refuse(request, self._conflict_message())
        self.message_user(
            request,
            _("Restored the revision of %(date)s.") % {"date": revision_date(version)},
            messages.SUCCESS,
        )
        if left_out:
            self.message_user(
                request, message_text(not_restored(left_out)), messages.WARNING
            )
        return HttpResponseRedirect(self._url("change", quote(obj.pk)))

    def _conflict_message(self) -> str:
        return _(
            "Someone saved this %(name)s while you were looking at it. Check "
            "what restoring would change now, then restore again."
        ) % {"name": self.model._meta.verbose_name}

    def _refuse(self, request, message: str):
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def recover_view(self, request, version_id, extra_context=None):
        version = self._deleted_version_or_404(request, version_id)
        if request.method == "POST":
            try:
                obj = self.recover_revision(request, version)
            except ValidationError as error:
                return self._refuse(request, " ".join(error.messages))
            except RevertError as error:
                return self._refuse(request, str(error))
            self.message_user(
                request,
                _("Recovered “%(object)s”.") % {"object": obj},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._url("change", quote(obj.pk)))
        try:
            state = version_field_dict(version)
            changes, problems = field_changes(self.model, blank_state(state), state), []
        except RevertError as error:
            changes, problems = None, [str(error)]
        context = self._context(
            request,
            title=_("Recover %(object)s") % {"object": version.object_repr},
            version=version,
            version_date=revision_date(version),
            changes=changes,
            problems=problems,
            **(extra_context or {}),
        )
        return self._render(request, self.recover_template, context)


def _rows_changed_by_this_save(model, formsets, before: dict) -> None:
    """Leave in each formset's changed rows (what Django's change message
    names) only the fields whose stored value this save changed, and the
    rows left any: `before` holds the rows as stored before it. A row's
    form tells its changes from the rows as the form was built, so in a
    save combined with a colleague's (combine.py), a value the colleague
    saved and the form took over read as this editor's change."""
    relations = followed_relations(model)
    for formset in formsets:
        stored = {
            row.pk: row
            for name, relation in relations.items()
            if relation.related_model is formset.model
            and isinstance(before.get(name), list)
            for row in before[name]
        }
        if not stored:
            continue
        kept = []
        for row, fields in formset.changed_objects:
            old = stored.get(row.pk)
            if old is not None:
                fields = [name for name in fields if not _unchanged(old, row, name)]
            if fields:
                kept.append((row, fields))
        formset.changed_objects = kept


def _unchanged(old, row, name: str) -> bool:
    """Whether the row's field `name` holds the value stored in `old`; a
    form field that is no value of the row's own counts as changed."""
    try:
        model_field = row._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not model_field.concrete or model_field.many_to_many:
        return False
    attname = model_field.attname
    return same_value(model_field, getattr(old, attname), getattr(row, attname))


def _for_readers(message: list, formsets) -> list:
    """A change message with its inlines' entries as every reader reads
    them (_untranslated_fields()); a row whose only change was a formset's
    box, ticked and taken back, is left out."""
    entries = (_untranslated_fields(entry, formsets) for entry in message)
    return [entry for entry in entries if entry]


def _untranslated_fields(entry: dict, formsets) -> dict:
    """An inline's change message for the history: its fields named by their
    untranslated verbose names (Django names them by form label, which
    gettext does not find), without the formset's own "Delete" and "Order"
    boxes, and its row named so that each reader reads its choices in their
    language (row_label())."""
    kind, inner = next(iter(entry.items()), (None, None))
    if kind not in {"added", "changed", "deleted"} or "name" not in (inner or {}):
        return entry  # not a row's: the object's own
    names, boxes, labels = {}, set(), {}
    with translation.override(None):
        for formset in formsets:
            for field in formset.model._meta.get_fields():
                verbose_name = getattr(field, "verbose_name", None)
                if verbose_name:
                    names[str(capfirst(verbose_name))] = str(verbose_name)
            form = formset.forms[0] if formset.forms else formset.empty_form
            for box in (DELETION_FIELD_NAME, ORDERING_FIELD_NAME):
                if box in form.fields:
                    boxes.add(str(form.fields[box].label or box))
            rows = [
                *formset.new_objects,
                *(row for row, _fields in formset.changed_objects),
                *formset.deleted_objects,
            ]
            for row in rows:
                labels.setdefault(str(row), row_label(row))
    inner = dict(inner)
    if "fields" in inner:
        inner["fields"] = [
            names.get(field, field) for field in inner["fields"] if field not in boxes
        ]
        if not inner["fields"] and kind == "changed" and "name" in inner:
            return {}  # only a box ticked and taken back: nothing changed
    label = labels.get(inner.get("object"))
    if label is not None:
        inner["label"] = label
    return {kind: inner}


def _take_values(obj, version: Version) -> None:
    """`obj` (in memory) with `version`'s values of its own fields."""
    state = version.field_dict
    for field in obj._meta.concrete_fields:
        if field.attname in state and not field.primary_key:
            setattr(obj, field.attname, state[field.attname])


def _version_pk(value) -> int:
    """A version id from a URL or a query string; 404 for anything else."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        pk = 0
    if not 0 < pk <= MAX_VERSION_ID:
        raise Http404(_("“%(id)s” is not a revision number.") % {"id": value})
    return pk


def _pk(version: Version) -> int:
    return version.pk
