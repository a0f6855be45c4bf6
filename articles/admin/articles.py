import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models
from django.db.models import F, Func, Max, Min, Q, Value
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from agencies.admin import AgendaSplitDateTime, PeopleToldApart, time_to_the_minute
from newsroom import cachetags
from newsroom.admin_delete import rows_not_listed
from newsroom.admin_lists import (
    BoundedCountChangeList,
    ConfirmedSelectAcross,
    PlainActionCheckbox,
)
from newsroom.forms import keep_text_whole
from newsroom.history import find_version
from newsroom.history.admin import (
    HistoryAdmin,
    NothingChanged,
    WorkflowHistoryAdmin,
    changes_sentence,
    unchosen_message,
)
from newsroom.history.combine import own_save
from newsroom.media.widgets import ImageChooserMixin
from newsroom.text import normalise_newlines

from .. import services
from ..intake.services import stories_holding
from ..models import (
    Article,
    ArticleAddition,
    ArticleInReview,
    ArticleTransition,
    Correction,
    Section,
    check_tag_count,
    check_tag_lengths,
)
from ..models.article import ArticleSlugHistory, check_people_count
from ..models.desk import ArticleAutosave
from ..models.intake import CopyFingerprint, CopyShingle
from ..models.reader import DailyReads
from ..pagination import (
    ADMIN_COUNT_CAP,
    AdminCappedPaginator,
    count_cap,
    page_number,
)
from ..permissions import (
    can_correct,
    can_delete,
    can_edit,
    can_publish,
    can_share_preview,
)
from ..preview import preview_address
from ..querysets import REVIEW_ORDER, ArticleQuerySet
from ..rendering import render_markdown
from ..search.index import stores_vectors
from ..search.query import matching
from ..services.slugs import TITLE_SLUG_MAX, slug_made_from
from . import conflicts
from .common import ReadOnlyMixin, display_user
from .editor import EditorMixin
from .gone_links import tolerate_gone_links
from .links import LinkSuggestionsMixin
from .paste import PasteCleanupMixin, earlier_notice, still_to_check
from .state_changed import StateChangedMixin
from .translations import TranslationsMixin


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "slug", "order", "in_navigation"]
    list_editable = ["order", "in_navigation"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    # Each Indonesian text beside its English one (see newsroom.bilingual).
    fields = [
        ("name", "name_en"),
        "slug",
        ("description", "description_en"),
        "order",
        "in_navigation",
    ]


def https_url_formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


# The conflict panel's choices, each a button sending the version whose
# changes the editor was shown: "keep my version anyway" and "combine".
CONFLICT_CHOICES = ("overwrite_version", "merge_version")
# The panel's hidden field: the workflow step the refused save asked for,
# taken once the editor has chosen (the choices' buttons send no step).
CARRIED_STEP = "_conflict_transition"


def conflict_choice(data) -> str | None:
    """The conflict panel's choice a POST of the change form sends, or None."""
    return next((name for name in CONFLICT_CHOICES if data.get(name)), None)


def step_sent(data) -> str:
    """The name of the workflow step a POST of the change form names ("":
    none): its button's, or with a choice of the conflict panel, the step
    the refused save asked for, as the panel carried it."""
    if name := data.get("_transition"):
        return name
    return (data.get(CARRIED_STEP) or "") if conflict_choice(data) else ""


def asked_step(data, *, article=None, editor=None) -> str:
    """The name of the workflow step a POST of the change form asks for ("":
    none): its button's, or with a choice of the conflict panel, the step
    the refused save asked for while the panel's choices may still take it
    on `article` as saved now, for `editor` (conflicts.step_still_carried):
    a POST made by hand takes no step the panel dropped. Without `article`
    (a new one, which no panel refused), a choice takes no step."""
    name = step_sent(data)
    if not name or not conflict_choice(data):
        return name
    if article is None or article.pk is None:
        return ""
    step = conflicts.step_still_carried(
        services.TRANSITIONS.get(name),
        article,
        opened_version=data.get("expected_version"),
        editor=editor,
    )
    return step.name if step is not None else ""


@dataclass(frozen=True)
class Refusal:
    """A refused save as its editor reads it: the revisions it met by the
    numbers History gives them (None: History keeps none), and whether the
    latest save was their own, in another tab or window."""

    base_revision: int | None
    current_revision: int | None
    by_me: bool


# The fields the writing screen counts (desk_editor.js lengthCounter()).
COUNTED_FIELDS = ("title", "seo_title", "seo_description")


class ArticleAdminForm(forms.ModelForm):
    # The version this editor's text starts from. A refused form keeps it:
    # saving it again as it is stays refused while the article is newer.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Sent only by the conflict panel's buttons (CONFLICT_CHOICES).
    overwrite_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    merge_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A new article's form, one token each time it is shown: saved twice
    # (Save pressed twice, a slow answer, the browser's back and Save), it
    # makes one story (services.AlreadyAdded).
    add_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # Set when the form was shown again saying its copy is in another story:
    # Save then files it as asked.
    file_again = forms.BooleanField(widget=forms.HiddenInput, required=False)
    workflow_note = forms.CharField(
        label=_("Note for the workflow step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning a story to its reporter."),
    )

    # Set when the save is refused: what the conflict panel shows.
    conflict: conflicts.Conflict | None = None
    refusal: Refusal | None = None
    # Set when the editor chose to save over (or combine with) a newer save,
    # in time: whether it was their own, in another tab or window (what the
    # save then says, choice_words).
    over_own = False
    # Set when combined: what was done (HistoryAdmin's History entry says
    # "Combined with revision N.").
    combined: conflicts.MergePlan | None = None
    # Set by the admin (ArticleAdmin.get_form): who saves, the request (its
    # inline formsets), and the number History gives the revision saved at
    # a version of an article.
    editor = None
    request = None
    revision_number: Callable[[Article, int], int | None] | None = None
    # Set when a new article's slug was another story's: the one it asked for.
    slug_asked: str | None = None

    class Meta:
        model = Article
        formfield_callback = https_url_formfield
        # status, version and author change only through the workflow services.
        fields = [
            *services.CONTENT_FIELDS,
            "translation_of",
            *services.PUBLICATION_FIELDS,
        ]
        # The meetings' widget: the browser's date picker and a time box to
        # the minute, without the calendar script's note "You are 7 hours
        # behind server time." under Published at, which a browser in
        # another zone showed.
        widgets = {"published_at": AgendaSplitDateTime}

    # Set when a scheduled story's time was cleared to publish it now.
    publish_now = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The edit lock's refusal: its panel says it, nothing else on the
        # page when it is the only error (HistoryAdmin.render_change_form).
        self.lock_errors: list[str] = []
        instance = self.instance
        if "published_at" in self.fields:
            # Typed as meeting times are: "7.5" had gone live at 07:05.
            time_to_the_minute(self.fields["published_at"])
        if instance.pk:
            self.fields["expected_version"].initial = instance.version
        else:
            self.fields["add_token"].initial = secrets.token_urlsafe(24)
        # A link chosen on this form to something deleted since (a colleague
        # deleted the agency): left out, said so, and kept shown.
        tolerate_gone_links(self)
        # The browser's maxlength cuts a pasted headline without a word: the
        # writing screen counts the characters and says when they are too
        # many to save, and the save refuses them, the text kept.
        for name in COUNTED_FIELDS:
            if name in self.fields:
                keep_text_whole(self.fields[name])
        # The article's workflow state as stored (the instance takes the
        # form's values while it is validated): the steps a form sent back
        # with errors offers.
        self.stored = Article(
            pk=instance.pk,
            status=instance.status,
            published_at=instance.published_at,
            created_by_id=instance.created_by_id,
        )

    @cached_property
    def asked(self) -> str:
        """The name of the workflow step this POST asks for (asked_step),
        read once: the save and what follows it take that step, or none."""
        return asked_step(self.data, article=self.instance, editor=self.editor)

    @property
    def step(self):
        """The workflow step the button pressed asks for (None: a plain save
        or an unknown step)."""
        return services.TRANSITIONS.get(self.asked)

    @property
    def step_sent(self):
        """The workflow step this POST names before it is checked (step_sent):
        what a refusal's panel says of it."""
        return services.TRANSITIONS.get(step_sent(self.data))

    @property
    def digest(self) -> str:
        """What the form holds: its values, not its CSRF token or the button
        pressed (names starting with "_"), the same for the same form sent
        twice."""
        values = sorted(
            (name, self.data.getlist(name))
            for name in self.data
            if name != "csrfmiddlewaretoken" and not name.startswith("_")
        )
        return hashlib.sha256(json.dumps(values).encode()).hexdigest()

    def _check_added_before(self, cleaned: dict) -> None:
        """A new article's form that made a story already: sent again as it
        was by the same person, the save finds that story (AlreadyAdded);
        sent with other values, the form says so and takes a new token, so
        that saving it once more makes a second story, as then asked. A
        token whose story was deleted, or another person's (a form is one
        person's: nothing of their story is named), is renewed in silence."""
        token = cleaned.get("add_token")
        if self.instance.pk or not token:
            return
        first = ArticleAddition.objects.of_token(token).first()
        if first is None:
            self._check_copy_elsewhere(cleaned)
            return
        mine = first.user_id == getattr(self.editor, "pk", None)
        if mine and first.article is not None and first.form_digest == self.digest:
            return
        self.data = self.data.copy()
        self.data["add_token"] = cleaned["add_token"] = secrets.token_urlsafe(24)
        if first.article is None or not mine:
            return
        self.add_error(
            None,
            format_html(
                gettext(
                    "This form was saved already, as the story “{title}” "
                    '(<a href="{url}">open it</a> to change it). Your text is '
                    "still below: click Save again to make it a second story."
                ),
                title=first.article.title,
                url=reverse("admin:articles_article_change", args=[first.article.pk]),
            ),
        )

    def _check_copy_elsewhere(self, cleaned: dict) -> None:
        """A new form whose body another story holds (the same copy filed
        before: the browser's back and Save on a form it loaded again, with
        a new token; a second reporter's copy): said before it is saved, as
        the paste's clean-up says it, the text kept; Save again files it."""
        body = cleaned.get("body") or ""
        if not body.strip() or cleaned.get("file_again"):
            return
        holding = stories_holding(body)
        if not holding:
            return
        self.data = self.data.copy()
        self.data["file_again"] = "True"
        self.add_error(
            None,
            format_html(
                '{} (<a href="{}">{}</a>) {}',
                earlier_notice(holding),
                reverse("admin:articles_article_change", args=[holding[0].pk]),
                gettext("Open it"),
                gettext(
                    "Your text is still below: click Save again to file it "
                    "as a second story."
                ),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        self._check_added_before(cleaned)
        step = self.step
        if step is not None and step.note_required:
            if not (cleaned.get("workflow_note") or "").strip():
                # Said at the top, where the banner is: the note's field is
                # at the foot of a long form, the button maybe at its top.
                self.add_error(
                    None,
                    gettext(
                        "“%(step)s” needs a note saying what the reporter should "
                        "change: write it in “Note for the workflow step” "
                        "(under Publication), then click “%(button)s” again."
                    )
                    % {"step": step.label, "button": step.button},
                )
                # And at the field, which the page brings into view and
                # focuses (static/js/admin_first_field.js).
                self.add_error(
                    "workflow_note",
                    gettext(
                        "Write here what the reporter should change, then click "
                        "“%(button)s” again."
                    )
                    % {"button": step.button},
                )
        return cleaned

    def _clean_text(self, name: str) -> str:
        # Browsers send CRLF line endings; store the text as written.
        return normalise_newlines(self.cleaned_data.get(name, ""))

    def clean_body(self) -> str:
        return self._clean_text("body")

    def clean_dek(self) -> str:
        return self._clean_text("dek")

    def clean_tags(self) -> list[str]:
        tags = self.cleaned_data.get("tags") or []
        check_tag_lengths(tags)
        check_tag_count(tags)
        return tags

    def clean_people(self):
        people = self.cleaned_data.get("people")
        if people is not None:
            check_people_count(people)
        return people

    def clean_slug(self) -> str:
        """A slug another story has or had: a new article takes the next
        free one (said after the save); an article changing its slug is told
        which is free. A slug that still follows the headline (the one the
        new title makes, on a story whose stored slug its stored title made:
        Article.slug_follows_headline) is the save service's to make
        (services.workflow._follow_headline), the next free one too."""
        slug = self.cleaned_data.get("slug", "")
        title, stored = self.cleaned_data.get("title"), self.instance
        if (
            stored.pk
            and title is not None
            and stored.slug_follows_headline
            and slug_made_from(stored.slug, stored.title)
            and slug_made_from(slug, title)
        ):
            if services.slug_taken(slug, article=stored):
                self.slug_asked = slug
            return stored.slug
        free = services.free_slug(slug, article=self.instance) if slug else slug
        if free == slug:
            return slug
        if self.instance.pk is None:
            self.slug_asked = slug
            return free
        raise ValidationError(
            _(
                "Another story has this slug, or had it (its old address leads "
                "to it): choose another, such as “%(free)s”."
            ),
            params={"free": free},
        )

    def clean_published_at(self):
        # The form shows the minute; an unchanged time keeps its seconds, or
        # every save would change the publication time.
        value = self.cleaned_data.get("published_at")
        stored = self.instance.published_at if self.instance.pk else None
        if value and stored and value == stored.replace(second=0, microsecond=0):
            return stored
        if value is None and stored and self._time_empty_when_opened():
            # Published or scheduled by someone else since: not this
            # editor's change (the form had no time to show).
            return stored
        if value is None and self.stored.status == Article.Status.PUBLISHED:
            return self._cleared_time(stored)
        if value is None and self.stored.status == Article.Status.UNPUBLISHED:
            # Its first publication time, which publishing again keeps
            # (_default_publication_time): cleared, the save had emptied it,
            # and a story with a correction could no longer go back.
            return stored
        if not self.instance.pk:
            return value
        try:
            return services.publication_time_check(
                current=self.stored,
                published_at=value,
                unpublishing=self.step == services.TRANSITIONS["unpublish"],
            )
        except ValidationError as error:
            raise ValidationError(error.message_dict["published_at"]) from None

    def _time_empty_when_opened(self) -> bool:
        """Whether the story was saved since this form was opened (its
        expected version), and had no publication time then, as its
        revision at that version says (none kept: not known, False)."""
        try:
            opened = self.fields["expected_version"].clean(
                self.data.get(self.add_prefix("expected_version"))
            )
        except ValidationError:
            return False
        if opened is None or opened == self.instance.version:
            return False
        version = find_version(self.instance, opened)
        return version is not None and version.field_dict.get("published_at") is None

    def _cleared_time(self, stored):
        """A published or scheduled story's time, cleared in the form: with
        "publish", publishing without a time publishes now (the step sets
        it; the save keeps the stored one); else the editor is told what to
        do, at the top of the form."""
        publish, unpublish = (services.TRANSITIONS[n] for n in ("publish", "unpublish"))
        if self.step == publish and self.stored.is_scheduled:
            self.publish_now = True
            return stored
        if self.step == unpublish:
            return stored  # kept: publishing again keeps the first time
        if self.stored.is_scheduled:
            message = gettext(
                "A scheduled story keeps a publication time. To publish it now, "
                "clear the time and click “%(publish)s”; to take it off the "
                "schedule, click “%(unpublish)s”; to move it, set another time."
            ) % {
                "publish": publish.button,
                "unpublish": unpublish.button,
            }
        else:
            message = gettext(
                "A published story keeps its publication time: set it again, "
                "or click “%(unpublish)s” to take the story off the site."
            ) % {"unpublish": unpublish.button}
        self.add_error(None, message)
        return stored

    def clean_expected_version(self):
        value = self.cleaned_data.get("expected_version")
        if self.instance.pk and value is None:
            raise ValidationError(
                _(
                    "This form does not say which version it edits: open the "
                    "article again."
                )
            )
        return value

    @property
    def save_version(self) -> int | None:
        """The version the save must still find: the one this editor's text
        starts from, or the newer one they chose to overwrite or combine with."""
        data = self.cleaned_data
        return (
            data.get("overwrite_version")
            or data.get("merge_version")
            or data.get("expected_version")
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now carries this editor's values
        if not self.instance.pk or "expected_version" not in self.cleaned_data:
            return
        try:
            services.article_check_version(
                article=self.instance, expected_version=self.save_version
            )
        except services.EditConflict as conflict:
            if self._sent_again(conflict):
                return
            conflict = self._since_base(conflict)
            if self._untouched(conflict):
                number = self.revision_number or (lambda article, version: None)
                raise NothingChanged(
                    since_by=display_user(conflict.saved_by, gettext("someone")),
                    since_by_me=own_save(conflict.saved_by, self.editor),
                    since_number=number(self.instance, conflict.current_version),
                ) from None
            self.refuse(conflict)
            return
        if self.save_version != self.cleaned_data["expected_version"]:
            chosen = find_version(self.instance, self.save_version)
            self.over_own = own_save(
                chosen.revision.user if chosen else None, self.editor
            )
        if self.cleaned_data.get("merge_version") and not self.errors:
            self._combine()

    def _sent_again(self, conflict) -> bool:
        """The same form sent twice by the same person, whose first save is
        the only one since (its values are the article's now): saved again,
        changing nothing, rather than refused as an edit conflict."""
        base = self.cleaned_data["expected_version"]
        if (
            self.save_version != base
            or conflict.base_version != base
            or conflict.current_version != base + 1
            or not own_save(conflict.saved_by, self.editor)
            or not conflicts.holds_saved(self)
        ):
            return False
        self.cleaned_data["expected_version"] = conflict.current_version
        return True

    def _untouched(self, conflict) -> bool:
        """Whether this form, met by a newer save, changes nothing of the
        version it was opened at (no field, correction or picture) and asks
        for no workflow step: saving it would only put back what was changed
        since, so nothing is saved (NothingChanged), rather than refused."""
        if self.errors or self.files or step_sent(self.data):
            return False
        if not getattr(self.request, "_history_saving", False):
            return False  # not the change form's save (HistoryAdmin.change_view)
        base = self.cleaned_data["expected_version"]
        if conflict.base_version != base:
            return False
        formsets = getattr(self.request, "history_formsets", None) or []
        if any(formset.has_changed() for formset in formsets):
            return False
        return conflicts.untouched(self, base)

    def _since_base(self, conflict):
        """`conflict` told from the version this editor's text starts from:
        if the article was saved again after the panel showed them a newer
        one, they must see everything that differs from their text's start."""
        base = self.cleaned_data["expected_version"]
        if conflict.base_version == base:
            return conflict
        try:
            services.article_check_version(article=self.instance, expected_version=base)
        except services.EditConflict as since_base:
            return since_base
        return conflict

    def refuse(self, conflict) -> None:
        """Turn the service's EditConflict into this form's error and panel."""
        self.conflict = conflicts.describe(self, conflict)
        number = self.revision_number or (lambda article, version: None)
        self.refusal = Refusal(
            base_revision=number(self.instance, conflict.base_version),
            current_revision=number(self.instance, conflict.current_version),
            by_me=own_save(conflict.saved_by, self.editor),
        )
        message = conflict_message(self.conflict, self.refusal)
        self.lock_errors.append(message)
        self.add_error(None, message)

    def _combine(self) -> None:
        base = self.cleaned_data["expected_version"]
        plan = conflicts.combine(self, base)
        if plan is None:
            self.add_error(
                None,
                _(
                    "Your changes here and those you saved in the other tab could "
                    "not be combined: choose which version to keep."
                )
                if self.over_own
                else _(
                    "Your changes and theirs could not be combined: choose "
                    "which version to keep."
                ),
            )
        elif unchosen := plan.unchosen():
            # Refused again, the panel asking for the values left to choose.
            try:
                services.article_check_version(
                    article=self.instance, expected_version=base
                )
            except services.EditConflict as conflict:
                self.refuse(conflict)
            message = unchosen_message(unchosen, by_me=self.over_own)
            if self.conflict is not None:
                self.conflict.unchosen_error = message
            self.lock_errors.append(message)
            self.add_error(None, message)
        else:
            number = self.revision_number or (lambda article, version: None)
            plan.revision = number(self.instance, self.cleaned_data["merge_version"])
            self.combined = plan  # its History entry names the revision


def conflict_message(conflict: conflicts.Conflict, refusal: Refusal) -> str:
    """Why a save was refused: whose save it met and when, the revisions
    by History's numbers, and the fields that differ now."""
    if refusal.by_me:
        sentences = [
            gettext(
                "You saved this article in another tab or window after you "
                "opened it here."
            )
        ]
    else:
        sentences = [gettext("Someone else saved this article after you opened it.")]
    if refusal.current_revision is not None:
        latest = (
            gettext(
                "The latest save is revision %(revision)s in History: yours, in "
                "another tab or window, %(when)s."
            )
            if refusal.by_me
            else gettext(
                "The latest save is revision %(revision)s in History: %(user)s, "
                "%(when)s."
            )
        )
        sentences.append(
            latest
            % {
                "revision": refusal.current_revision,
                "user": display_user(conflict.saved_by, gettext("someone")),
                "when": conflict.saved_at,
            }
        )
    if refusal.base_revision is not None:
        sentences.append(
            gettext("Your text starts from revision %(revision)s.")
            % {"revision": refusal.base_revision}
        )
    sentences.append(
        gettext("Nothing in this form has been saved: your changes are still below.")
    )
    plan = conflict.plan
    sentences.append(
        changes_sentence(
            conflict.changes,
            by_me=refusal.by_me,
            to_choose=plan is not None and bool(plan.clashes),
            combinable=plan is not None,
        )
    )
    return " ".join(sentences)


class CorrectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        adding = any(form.has_changed() and not form.instance.pk for form in self.forms)
        if adding:
            # The article as this form would save it: the service's rule.
            services.correction_check_article(article=self.instance)


class CorrectionInline(admin.TabularInline):
    model = Correction
    formset = CorrectionFormSet
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    can_delete = False
    verbose_name_plural = _(
        "Corrections and updates (shown on the article, never removed)"
    )

    def has_add_permission(self, request, obj=None):
        return can_correct(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # notes are never edited once they are published

    def has_delete_permission(self, request, obj=None):
        return False


class TransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = ArticleTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "publish_at", "by_name", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("Workflow history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=ArticleTransition._meta.get_field("by").verbose_name)
    def by_name(self, obj):
        """Who took the step, named as the rest of the page names people."""
        return display_user(obj.by)


# The article's content fields, by the groups of the form (the service's).
CONTENT = services.CONTENT_GROUPS
# The text group with the language and the story it translates on one row.
TEXT_FIELDS = [
    *(name for name in CONTENT["text"] if name != "language"),
    ("language", "translation_of"),
]
# A saved story's byline with the name readers see beside it (readers_credit()).
WITH_CREDIT = {"byline": ("byline", "readers_see")}
# A read-only page shows the body as the preview renders it, not its Markdown.
SHOWN_INSTEAD = {"body": "rendered_body"}
# And says what a field means, not how to change it: a reporter's submitted
# story was told to type a headline over a title nothing there could change.
READ_ONLY_HELP = {
    "needs_headline": _(
        "Ticked: the title is a working one, and the desk still has to write "
        "the headline before the story can be published."
    ),
    "featured_image": "",
}


def readers_credit(article: Article) -> str:
    """The credit the story's page shows its readers, in the story's
    language (the page's): Article.credited_name, the page's one rule; and,
    when the byline is empty, where the name comes from."""
    credited = article.credited_name
    if not credited:
        return gettext(
            "No name: the Byline is empty and no public author profile "
            "credits the story."
        )
    with override(article.language):
        # The story page's own words (article_detail.html).
        line = gettext("By %(byline)s") % {"byline": credited}
    if article.byline.strip():
        return line
    return gettext(
        "%(credit)s — the writer's public author profile, as the Byline is empty."
    ) % {"credit": line}


class YearsFromBounds(ArticleQuerySet):
    """Articles whose years (the date hierarchy's first level) are those from
    the first to the last publication: two index lookups, not a DISTINCT
    over every article's date (a year without articles may be offered)."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        first, last = (localtime(bounds[end]).year for end in ("first", "last"))
        zone = tzinfo or get_current_timezone()
        years = [datetime(year, 1, 1, tzinfo=zone) for year in range(first, last + 1)]
        return years if order == "ASC" else years[::-1]


class ArticleChangeList(BoundedCountChangeList, ChangeList):
    """The list of articles without their long texts (bodies and search
    vectors, kilobytes a row the list never shows), its years from bounds."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        queryset = queryset.defer("body", *Article.SEARCH_COLUMNS)
        queryset.__class__ = YearsFromBounds
        return queryset


@dataclass(frozen=True)
class ChoiceWords:
    """What a choice of the conflict panel says once saved: alone, with the
    step it carried taken (%(done)s: the step's own message), or not taken
    (%(step)s, %(reason)s)."""

    level: int
    saved: str
    taken: str
    not_taken: str


CHOICE_WORDS = {
    "merge_version": ChoiceWords(
        messages.SUCCESS,
        _("Saved: their changes and yours are combined. Check the article below."),
        _(
            "Saved: their changes and yours are combined. %(done)s Check the "
            "article below."
        ),
        _(
            "Saved: their changes and yours are combined, but the step "
            "“%(step)s” was not taken: %(reason)s"
        ),
    ),
    "overwrite_version": ChoiceWords(
        messages.WARNING,
        _(
            "Saved your version over their changes. Their version is kept in "
            "the history."
        ),
        _(
            "Saved your version over their changes (their version is kept in "
            "the history). %(done)s"
        ),
        _(
            "Saved your version over their changes (their version is kept in "
            "the history), but the step “%(step)s” was not taken: %(reason)s"
        ),
    ),
}
# The same, when the save chosen over was the editor's own, in another tab.
OWN_TAB_CHOICE_WORDS = {
    "merge_version": ChoiceWords(
        messages.SUCCESS,
        _(
            "Saved: your changes here and in the other tab are combined. Check "
            "the article below."
        ),
        _(
            "Saved: your changes here and in the other tab are combined. "
            "%(done)s Check the article below."
        ),
        _(
            "Saved: your changes here and in the other tab are combined, but "
            "the step “%(step)s” was not taken: %(reason)s"
        ),
    ),
    "overwrite_version": ChoiceWords(
        messages.WARNING,
        _(
            "Saved this version over the one from your other tab. That version "
            "is kept in the history."
        ),
        _(
            "Saved this version over the one from your other tab (that version "
            "is kept in the history). %(done)s"
        ),
        _(
            "Saved this version over the one from your other tab (that version "
            "is kept in the history), but the step “%(step)s” was not taken: "
            "%(reason)s"
        ),
    ),
}


def choice_words(choice: str | None, *, by_me: bool) -> ChoiceWords | None:
    """What `choice` of the conflict panel (None: none) says once saved: over
    a colleague's save, or (`by_me`) over the editor's own in another tab."""
    return (OWN_TAB_CHOICE_WORDS if by_me else CHOICE_WORDS).get(choice or "")


# The session's note of a step not taken after its form was saved: shown in
# the form again, for the next try (ArticleAdmin._keep_note).
KEPT_NOTE = "articles.kept_workflow_note"


def _ends_on_story(request) -> bool:
    """Whether a new article's save ends on the story's change page: a
    workflow step's button pressed, outside a popup (which closes)."""
    return bool(asked_step(request.POST)) and IS_POPUP_VAR not in request.POST


def _never_theirs(transition, article, user) -> bool:
    """Whether `article` is someone else's story on which `user` may not take
    `transition` in any state it starts from (a reporter's own step on
    another reporter's story)."""
    if article.created_by_id == user.pk:
        return False
    return not any(
        transition.permitted(
            user,
            Article(
                pk=article.pk,
                status=Article.Status.PUBLISHED
                if state == services.SCHEDULED
                else state,
                created_by_id=article.created_by_id,
            ),
        )
        for state in transition.sources
    )


def _fields_shown(fieldsets, instead: dict) -> list:
    """`fieldsets` with each field named in `instead` shown as what it maps
    to (a field, or a row of fields), or left out (None)."""

    def shown(entry) -> tuple:
        if isinstance(entry, tuple):  # a row: its fields, in one row
            return (tuple(name for field in entry for name in shown(field)),)
        mapped = instead.get(entry, entry)
        return () if mapped is None else (mapped,)

    def rows(fields) -> list:
        return [row for field in fields for row in shown(field) if row]

    return [
        (title, {**opts, "fields": rows(opts["fields"])}) for title, opts in fieldsets
    ]


def _transition_url(article, transition) -> str:
    """Where a workflow step is taken without the form (see get_urls)."""
    return reverse(f"admin:articles_article_{transition.name}", args=[article.pk])


# The agencies the article list's filter offers: the most mentioned.
AGENCY_FILTER_CHOICES = 30


class MentionedAgencyFilter(admin.RelatedFieldListFilter):
    """The agencies filter offers the AGENCY_FILTER_CHOICES agencies the most
    articles mention, and the one chosen, not every agency: 2,000 links were
    a list no editor reads, and a quarter of the list's time at 100,000
    articles. Any other is one click away in the agencies' list (Articles), or
    found by the search box (an acronym)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = gettext("agencies (most mentioned)")

    def field_choices(self, field, request, model_admin):
        most = cachetags.remember(
            "admin-agency-filter",
            (cachetags.REGISTRY, cachetags.ARTICLES),
            lambda: list(Article.objects.most_covered_agencies(AGENCY_FILTER_CHOICES)),
            timeout=10 * 60,  # drafts' mentions bump neither tag
        )
        chosen = [
            int(value)
            for value in self.lookup_val or []
            if value.isdecimal() and len(value) <= 18
        ]
        agencies = field.related_model.objects.filter(pk__in=[*most, *chosen])
        ordered = agencies.alphabetical()
        return [(agency.pk, str(agency)) for agency in ordered]


class DeskSearch:
    """For the desk's lists of articles (all of them, the review queue): the
    search box finds a story in any state by the words of its headline,
    standfirst, body, tags or agencies as the readers' search finds a
    published one (with or without accents, any dash read as a space:
    articles.search.query.matching(), on PostgreSQL the stored vectors'
    index), or by a part of a word of its headline or standfirst as typed
    (Django's search of `search_fields`: each word or "quoted phrase" in one
    of them). A story the services never indexed (PostgreSQL: loaded outside
    them, say as a fixture) is found by its body as typed too.

    Each way finds the list's first rows in its order, as many as the list
    counts for the page asked (AdminCappedPaginator's reach): two bounded
    queries, whose ids the list's count, page and dates then read. A word
    in most stories is found along the list's order, a rare one through the
    index, and no body or vector is read beyond those rows."""

    search_fields = ["title", "dek"]

    def get_search_results(self, request, queryset, search_term):
        # The other mixins' narrowing first (TranslationsMixin's), unsearched.
        queryset, duplicates = super().get_search_results(request, queryset, "")
        if not search_term.strip():
            return queryset, duplicates
        reach = 1 + count_cap(
            page_number(request.GET.get(PAGE_VAR)), self.list_per_page, ADMIN_COUNT_CAP
        )
        found = set()
        for way in (
            matching(search_term, queryset),
            self._as_typed(request, queryset, search_term),
        ):
            found.update(queryset.filter(way).values_list("pk", flat=True)[:reach])
        if not found:
            return queryset.none(), duplicates
        return queryset.filter(_among(queryset, found)), duplicates

    def _as_typed(self, request, queryset, search_term: str) -> Q:
        """Every word (or quoted phrase) of `search_term` in one of the
        search fields, as part of a word, as Django's admin searches."""
        lookups = [f"{name}__icontains" for name in self.get_search_fields(request)]
        unindexed = stores_vectors()  # maybe not every story's yet
        condition = Q()
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            in_fields = Q.create([(lookup, bit) for lookup in lookups], connector=Q.OR)
            if unindexed:
                # In this order: a body is read only if its story has no vector.
                in_fields |= Q(search_vector__isnull=True) & Q(body__icontains=bit)
            condition &= in_fields
        return condition


def _among(queryset, ids) -> Q:
    """The rows of `queryset` with these ids: on PostgreSQL one array, not
    thousands of parameters (100 ms a list of 4,000 ids, read four times)."""
    if connections[queryset.db].vendor != "postgresql":
        return Q(pk__in=ids)
    array = Value(sorted(ids), output_field=ArrayField(models.BigIntegerField()))
    return Q(
        Func(
            F("pk"),
            array,
            template="%(expressions)s)",
            arg_joiner=" = ANY(",
            output_field=models.BooleanField(),
        )
    )


@admin.register(Article)
class ArticleAdmin(
    PeopleToldApart,
    DeskSearch,
    ConfirmedSelectAcross,
    PlainActionCheckbox,
    EditorMixin,
    ImageChooserMixin,
    PasteCleanupMixin,
    TranslationsMixin,
    LinkSuggestionsMixin,
    StateChangedMixin,
    WorkflowHistoryAdmin,
):
    form = ArticleAdminForm
    restore_conflicts = (services.EditConflict,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/articles/article/change_form.html"
    # The edition under the section: seven columns fit a 1280 px screen
    # beside the menu and the filters (the language is a filter too).
    list_display = [
        "title",
        "state",
        "filed_in",
        "author",
        "last_change",
        "publication",
    ]
    list_filter = [
        "status",
        "needs_headline",
        "section",
        "language",
        ("agencies", MentionedAgencyFilter),
        "tags",
    ]
    list_select_related = ["section", "created_by"]
    date_hierarchy = "published_at"
    # No COUNT of every article on each page: the list counts as far as
    # ADMIN_COUNT_CAP, and its default order has an index (articles 0018).
    show_full_result_count = False
    paginator = AdminCappedPaginator

    def get_paginator(self, request, queryset, per_page, *args, **kwargs):
        # Counted as far as the page asked for, when it is beyond the bound.
        return self.paginator(
            queryset, per_page, *args, reach=request.GET.get(PAGE_VAR), **kwargs
        )

    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "agencies", "people", "meeting", "translation_of"]
    save_on_top = True
    inlines = [CorrectionInline, TransitionInline]
    fieldsets = [
        (
            None,
            {"fields": [*TEXT_FIELDS, "expected_version", "add_token", "file_again"]},
        ),
        (_("Credits"), {"fields": [*CONTENT["credits"]]}),
        (_("Filing"), {"fields": [*CONTENT["filing"]]}),
        (_("Featured image"), {"fields": [*CONTENT["image"]]}),
        (_("Search and social"), {"fields": [*CONTENT["seo"]]}),
        (
            _("Publication"),
            {
                "fields": [
                    "state",
                    "author",
                    *services.PUBLICATION_FIELDS,
                    *CONTENT["discussion"],
                    "workflow_note",
                ]
            },
        ),
    ]

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        if not (obj and obj.pk):
            return gettext("New")
        kind = "scheduled" if obj.is_scheduled else obj.status
        return format_html(
            '<span class="status-label status-{}">{}</span>', kind, obj.state_label
        )

    @admin.display(description=_("section"), ordering="section")
    def filed_in(self, obj):
        """The section, and under it the story's language."""
        return format_html(
            '{}<br><small class="edition">{}</small>',
            obj.section,
            obj.get_language_display(),
        )

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, obj):
        return date_format(localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        """When it comes out (scheduled) or came out; empty for a draft."""
        if obj.published_at is None:
            return "–"
        return date_format(localtime(obj.published_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("author"), ordering="created_by__username")
    def author(self, obj):
        return display_user(obj.created_by if obj else None)

    @admin.display(description=_("readers see"))
    def readers_see(self, obj):
        return format_html('<span class="readers-see">{}</span>', readers_credit(obj))

    @admin.display(description=Article._meta.get_field("body").verbose_name)
    def rendered_body(self, obj):
        # render_markdown's HTML is sanitised: safe to put in the page.
        html = render_markdown(obj.body, language=obj.language)
        return format_html('<div class="rendered-body">{}</div>', mark_safe(html))

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets  # no story yet: no credit to tell
        if self.has_change_permission(request, obj):
            return _fields_shown(fieldsets, WITH_CREDIT)
        # Read-only view: no note to write, the body as readers see it.
        return _fields_shown(
            fieldsets, {**WITH_CREDIT, "workflow_note": None, **SHOWN_INSTEAD}
        )

    def get_inlines(self, request, obj):
        if obj is None or not obj.accepts_corrections:
            return [TransitionInline]
        return self.inlines

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = kwargs.get("data")
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            # The page sent had no such rows: its story was published (its
            # corrections shown) after it was opened. Nothing was added to
            # them; Django's "ManagementForm data is missing" had refused
            # every save of that page, its conflict panel's choices too.
            kwargs["data"] = data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
        return kwargs

    def get_readonly_fields(self, request, obj=None):
        fields = ["state", "author", "readers_see"]
        if not can_publish(request.user):
            fields += ["published_at", "is_featured"]
        return fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return can_delete(request.user)

    def get_deleted_objects(self, objs, request):
        """What deleting stories takes along, as their delete page and the
        list's "Delete selected" list and count it: without the rows linking
        them to agencies, people and tags, nor the intake's fingerprints of
        their copy and its sketch ("Hubungan article-agency: Article_agencies
        object (68)", "Wire copy sketch value: -5859…"), nor the records the
        site keeps for itself (its add form's token, autosaved copies, old
        addresses, daily read counts); all still deleted."""
        return rows_not_listed(
            *super().get_deleted_objects(objs, request),
            internal=(
                Article.tags.through,
                CopyFingerprint,
                CopyShingle,
                ArticleAddition,
                ArticleAutosave,
                ArticleSlugHistory,
                DailyReads,
            ),
        )

    def view_on_site(self, obj):
        # Staff look at a story that is not public yet in the preview:
        # its public address would answer 404.
        if obj.is_public:
            return obj.get_absolute_url()
        return preview_address(obj, "articles:article_preview", pk=obj.pk)

    def get_urls(self):
        # Each workflow step also has its own address, for the page of an
        # article the user may not change (nothing to save first).
        return [
            # Before "<path:object_id>/", which "add/saved/" would match.
            path(
                "add/saved/",
                self.admin_site.admin_view(self.add_saved_view),
                name="articles_article_add_saved",
            ),
            *(
                path(
                    f"<path:object_id>/{name}/",
                    self.admin_site.admin_view(self.transition_view),
                    {"name": name},
                    name=f"articles_article_{name}",
                )
                for name in services.TRANSITIONS
            ),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and not self.has_change_permission(request, obj):
            kwargs["help_texts"] = {**READ_ONLY_HELP, **kwargs.get("help_texts", {})}
        form = super().get_form(request, obj, change=change, **kwargs)
        # A refused save speaks to this person (their own save in another
        # tab is theirs, not "someone else's"), in History's numbers.
        form.editor = request.user
        form.request = request  # its inline formsets (HistoryAdmin)
        form.revision_number = staticmethod(self._revision_number)
        return form

    def _revision_number(self, article, version: int) -> int | None:
        """The number History gives the revision saved at `version` (the
        article's counter, which the edit lock compares), or None."""
        found = find_version(article, version)
        return None if found is None else self._number(article, found)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        if obj is not None and not form.is_bound:
            self._restore_note(request, obj, form)
        context["title_slug_max"] = TITLE_SLUG_MAX  # admin_slugs.js follows it
        may_change = obj is None or self.has_change_permission(request, obj)
        # From the state the article is in, not the one the form's values
        # (maybe refused) would give it.
        transitions = services.allowed_transitions(
            article=getattr(form, "stored", None) or obj or Article(),
            user=request.user,
        )
        if not may_change:
            # No form to save and no note to write: each step by its address.
            transitions = [t for t in transitions if not t.note_required]
        context["transitions"] = transitions
        context["may_change"] = may_change
        # Each step with the address that takes it without saving the form
        # (None: its button saves the form first).
        context["steps"] = [
            (t, None if may_change else _transition_url(obj, t)) for t in transitions
        ]
        context["share_page_url"] = (
            reverse("articles:article_share", args=[obj.pk])
            if obj is not None and obj.pk and can_share_preview(request.user)
            else None
        )
        # A published story: the desk may pin it to its edition's home page.
        context["pin_url"] = (
            reverse("admin:articles_homepin_add") + f"?article={obj.pk}"
            if obj is not None and obj.is_public and can_publish(request.user)
            else None
        )
        # Returned by an editor: their note at the top until submitted again.
        context["return_step"] = (
            Article.objects.return_step(obj) if obj is not None and obj.pk else None
        )
        context["conflict"] = form.conflict
        if form.conflict is not None:
            context["conflict_saved_by"] = display_user(form.conflict.saved_by)
            context["refusal"] = form.refusal
        if obj is not None and form.conflict is not None:
            context["history_url"] = reverse(
                "admin:articles_article_history", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflict:
            # Saved by someone else between this form's check and its save
            # (only possible where the database cannot lock the row): show
            # the form again, which now refuses the save and says why.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.AlreadyAdded as added:
            # The same add form saved twice: nothing saved the second time
            # (the admin's transaction rolled back); the story the first
            # save made.
            return self._already_added(request, added.article)

    def _already_added(self, request, article):
        if article is None or not self.has_view_or_change_permission(request, article):
            messages.warning(
                request,
                gettext(
                    "This form was saved already: nothing was saved a second time."
                ),
            )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        messages.info(
            request,
            gettext(
                "This form was saved already (Save pressed twice?): the story "
                "“%(title)s” was saved once, and here it is."
            )
            % {"title": article.title},
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    # The article is saved with its tags, agencies and people in one service
    # call, which keeps what finds it (its search vector) right; save_related
    # then saves only the inlines.
    # A new one is linked, in the same save, to what its text names as an
    # import is (services.article_add), whatever button saved it.
    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.article_save(
                article=obj,
                user=request.user,
                expected_version=form.save_version,
                tags=data.get("tags"),
                agencies=data.get("agencies"),
                people=data.get("people"),
            )
        else:
            self.linked_from_text(
                request,
                services.article_add(
                    article=obj,
                    user=request.user,
                    tags=data.get("tags"),
                    agencies=data.get("agencies") or (),
                    people=data.get("people") or (),
                    add_token=data.get("add_token", ""),
                    form_digest=form.digest,
                ),
            )
        self.say_translation_link(request, form, obj)
        if form.slug_asked:
            messages.info(request, self._slug_taken_notice(request, form, obj))

    def _slug_taken_notice(self, request, form, obj):
        """What the desk is told when the slug asked for is another story's,
        or was: that story by its title and state, with a link to it (a
        story on the same news, maybe: it had not been named)."""
        holder = services.slug_holder(form.slug_asked, article=obj)
        if holder is None:  # gone meanwhile
            return gettext("This story's slug is “%(slug)s”.") % {"slug": obj.slug}
        text = gettext(
            "“%(title)s” (%(state)s) has the slug “%(asked)s”, or had it: this "
            "one's is “%(slug)s”."
        ) % {
            "title": holder.title,
            "state": holder.state_label,
            "asked": form.slug_asked,
            "slug": obj.slug,
        }
        if not self.has_view_permission(request, holder):
            return text
        return format_html(
            '{} <a href="{}">{}</a>',
            text,
            reverse("admin:articles_article_change", args=[holder.pk]),
            gettext("Open it"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            services.correction_add(
                article=form.instance,
                user=request.user,
                kind=correction.kind,
                text=correction.text,
            )

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        # The step as the form read it before the save (what response_change
        # follows): a carried one checked against the story as it was then.
        request.article_step_asked = name = form.asked
        if name:
            if not change and _ends_on_story(request):
                # Said first, then the step's own message: added, published.
                self._say_added(request, form.instance)
            self._take_transition(request, form, name)
        elif conflict_choice(request.POST):
            # A choice of the conflict panel saved without the step the
            # refused save asked for: its note stays, for the step taken
            # knowingly once the story is checked as it is now.
            note = form.cleaned_data.get("workflow_note", "")
            if note.strip():
                self._keep_note(request, form.instance, note)

    def _say_added(self, request, article) -> None:
        """Django's words for a new object (ModelAdmin.response_add's)."""
        self.message_user(
            request,
            format_html(
                gettext("The {name} “{obj}” was added successfully."),
                name=self.opts.verbose_name,
                obj=str(article),
            ),
            messages.SUCCESS,
        )

    def _take_transition(self, request, form, name: str) -> None:
        """The step a button of the change form asked for (or the conflict
        panel carried), after the save; its note, when the step is not
        taken, is kept for the form shown next."""
        note = form.cleaned_data.get("workflow_note", "")
        taken = self._take(
            request,
            services.TRANSITIONS.get(name),
            form.instance,
            note=note,
            # No time: publishing publishes now. The saved one, with a
            # combined save: maybe theirs.
            at=None if form.publish_now else form.instance.published_at,
            after_save=True,
            choice=conflict_choice(request.POST),
        )
        if not taken and note.strip():
            self._keep_note(request, form.instance, note)

    def _take(
        self,
        request,
        transition,
        article,
        *,
        note="",
        at=None,
        after_save=False,
        choice=None,
    ) -> bool:
        """Take `transition` (a record of services.TRANSITIONS) through its
        service and say how it went, in its own words, and after a save what
        the save did: `choice` the conflict panel's (choice_words). Whether
        it was taken."""
        words = choice_words(choice, by_me=self.saved_over_own(request))
        try:
            if transition is None:
                raise PermissionDenied(gettext("Unknown workflow step."))
            transition.take(article=article, user=request.user, note=note, at=at)
        except (PermissionDenied, ValidationError) as error:
            detail = "; ".join(getattr(error, "messages", None) or [str(error)])
            in_words = words is not None and transition is not None
            if in_words:
                detail = str(words.not_taken) % {
                    "step": transition.label,
                    "reason": detail,
                }
            note_kept = ""
            if after_save and note.strip():
                field = ArticleAdminForm.base_fields["workflow_note"].label
                note_kept = gettext("Your note is still in “%(field)s”.") % {
                    "field": field
                }
            on_change_form = getattr(request, "_history_saving", False)
            if not in_words and after_save and on_change_form:
                # A change form's save: said once the save is known to have
                # kept something or nothing (_say_step_failed), "Your changes
                # were saved" not of a save that changed nothing.
                request.article_step_failed = (detail, note_kept)
                return False
            if not in_words and after_save:
                detail = gettext(
                    "Your changes were saved, but the workflow step failed: %s"
                ) % (detail,)
            if note_kept:
                detail = f"{detail} {note_kept}"
            messages.error(request, detail)
            return False
        done = transition.done_message(article)
        level = messages.SUCCESS
        if words is not None:
            level, done = words.level, str(words.taken) % {"done": done}
        if transition.target == Article.Status.PUBLISHED and (
            unchecked := still_to_check(article, done)
        ):
            # Published or scheduled all the same: said, not refused.
            level, done = messages.WARNING, unchecked
        messages.add_message(request, level, done)
        if warning := transition.warning_for(article):
            messages.warning(request, warning)
        return True

    def ends_on_object(self, request) -> bool:
        """A choice of the conflict panel, or a workflow step's button
        (response_change): back to the story."""
        return conflict_choice(request.POST) is not None or bool(
            getattr(request, "article_step_asked", "")
        )

    # A workflow step that failed after its save is said once the save is
    # known to have kept something (log_change) or nothing (nothing_saved).
    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._say_step_failed(request, saved=True)
        return entry

    def nothing_saved(self, request, object_id) -> None:
        super().nothing_saved(request, object_id)
        self._say_step_failed(request, saved=False)

    def _say_step_failed(self, request, *, saved: bool) -> None:
        failed = getattr(request, "article_step_failed", None)
        if failed is None:
            return
        detail, note = failed
        said = (
            gettext("Your changes were saved, but the workflow step failed: %s")
            if saved
            else gettext("The workflow step failed: %s")
        ) % (detail,)
        messages.error(request, f"{said} {note}" if note else said)

    def _keep_note(self, request, article, note: str) -> None:
        request.session[KEPT_NOTE] = [article.pk, note]

    def _restore_note(self, request, article, form) -> None:
        """The note of a step just refused after its save, in the form again."""
        kept = request.session.pop(KEPT_NOTE, None)
        if kept and kept[0] == article.pk:
            form.initial["workflow_note"] = kept[1]

    def restore_revision(self, request, obj, version):
        return services.article_restore(article=obj, version=version, user=request.user)

    def restore_left_out(self, request, obj, version) -> list[str]:
        return services.revision_content(article=obj, version=version).left_out

    def recover_revision(self, request, version):
        return services.article_recover(version=version, user=request.user)

    def transition_view(self, request, object_id, name: str):
        """A step taken from the read-only page of an article (a POST): a
        reporter withdrawing the story that waits for review, to change it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        transition = services.TRANSITIONS[name]
        if not self.has_change_permission(request, article) and _never_theirs(
            transition, article, request.user
        ):
            # Not "…while it is Draft": no state of it would let them.
            return self.refused_as_others(request, article, object_id)
        self._take(
            request,
            transition,
            article,
            note=request.POST.get("workflow_note", ""),
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    def add_saved_view(self, request):
        """GET `token`, an add form's: {"saved": true, "title", "state",
        "url"} of the story that form of this person's made, else {"saved":
        false}. Asked by the add page only when it is shown again from the
        browser's history (desk_editor.js addFormAgain()), to say the form
        was saved already; the save itself is guarded on the server
        (ArticleAdminForm._check_added_before, services.AlreadyAdded)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        token = request.GET.get("token", "")
        addition = ArticleAddition.objects.of_token(token).first() if token else None
        article = (
            addition.article
            # A form is one person's: another's token names nothing of theirs.
            if addition is not None and addition.user_id == request.user.pk
            else None
        )
        if article is None or not self.has_view_or_change_permission(request, article):
            return JsonResponse({"saved": False})
        return JsonResponse(
            {
                "saved": True,
                "title": article.title,
                "state": article.state_label,
                "url": reverse("admin:articles_article_change", args=[article.pk]),
            }
        )

    def response_add(self, request, obj, post_url_continue=None):
        if not _ends_on_story(request):
            return super().response_add(request, obj, post_url_continue)
        # After the step's words: what the text linked, and the rest.
        self.say_linked_from_text(request, obj)
        # A step's button on the add page: on to the new story, as on its
        # change page (response_change), to see its state, its "View on
        # site" once published. The addition and the step are said already
        # (save_related); the list had been the end, the story out of sight.
        url = reverse("admin:articles_article_change", args=[obj.pk])
        filters = {"preserved_filters": self.get_preserved_filters(request)}
        return HttpResponseRedirect(
            add_preserved_filters({**filters, "opts": self.opts}, url)
        )

    def response_change(self, request, obj):
        choice = conflict_choice(request.POST)
        if getattr(request, "article_step_asked", ""):
            # Back to the article, to see its new state (the step's message
            # says what the save was).
            return HttpResponseRedirect(request.path)
        if choice:
            words = choice_words(choice, by_me=self.saved_over_own(request))
            messages.add_message(request, words.level, str(words.saved))
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(ArticleInReview)
class ArticleInReviewAdmin(DeskSearch, ReadOnlyMixin, admin.ModelAdmin):
    """The editors' queue of stories submitted for review, oldest first."""

    list_display = ["review_link", "section", "author", "submitted_at"]
    list_select_related = ["section", "created_by"]
    list_filter = ["section"]

    ordering = REVIEW_ORDER  # the admin's own sorting would override the queue's

    def get_queryset(self, request):
        return super().get_queryset(request).review_queue()

    @admin.display(description=_("title"))
    def review_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=_("author"))
    def author(self, obj):
        return display_user(obj.created_by)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_module_permission(self, request):
        return can_publish(request.user)
