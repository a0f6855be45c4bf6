from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin_history import HistoryAdmin, WorkflowHistoryAdmin

from .. import services
from ..models import (
    Article,
    ArticleInReview,
    ArticleTransition,
    Correction,
    Section,
)
from ..permissions import can_edit, can_publish, can_share_preview
from ..search import update_search_vectors


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ["name", "slug", "order", "in_navigation"]
    list_editable = ["order", "in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


def https_url_formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ArticleAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_note = forms.CharField(
        label=_("Note for the workflow step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning a story to its reporter."),
    )

    class Meta:
        model = Article
        formfield_callback = https_url_formfield
        # status, version and author change only through the workflow services.
        fields = [
            "title",
            "slug",
            "dek",
            "body",
            "language",
            "dateline",
            "byline",
            "editor_name",
            "source_name",
            "source_url",
            "section",
            "tags",
            "agencies",
            "people",
            "meeting",
            "featured_image",
            "image_alt",
            "image_caption",
            "image_credit",
            "published_at",
            "is_featured",
            "comments_enabled",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def _clean_text(self, name: str) -> str:
        # Browsers send CRLF line endings; store the text as written.
        return self.cleaned_data.get(name, "").replace("\r\n", "\n")

    def clean_body(self) -> str:
        return self._clean_text("body")

    def clean_dek(self) -> str:
        return self._clean_text("dek")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned.get("expected_version"))
        return cleaned

    def _refuse_stale_save(self, expected: int | None) -> None:
        """Optimistic locking: refuse a save based on an older version."""
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if expected is None or current is None or expected == current:
            return
        # Nothing is lost: the form comes back with this editor's text, and
        # a deliberate second save (now based on the current version) goes in.
        self.data = self.data.copy()
        self.data[self.add_prefix("expected_version")] = current
        raise ValidationError(conflict_message(self.instance, expected, current))


def conflict_message(article: Article, expected: int, current: int):
    from newsroom.history import changes_since

    changes = changes_since(article, expected) or []
    summary = ", ".join(str(change.label) for change in changes)
    return format_html(
        "{} {}",
        gettext(
            "Someone else saved this article after you opened it (your version "
            "%(expected)s, now version %(current)s). Your changes are still in the "
            "form below and have not been saved."
        )
        % {"expected": expected, "current": current},
        gettext(
            "They changed: %(fields)s. Compare with the history, then save again "
            "to keep your version."
        )
        % {"fields": summary}
        if summary
        else gettext("Check the history, then save again to keep your version."),
    )


class CorrectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        adding = any(form.has_changed() and not form.instance.pk for form in self.forms)
        if adding and self.instance.published_at is None:
            raise ValidationError(
                _("Corrections and updates go on articles that have been published.")
            )


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
        return can_publish(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False  # notes are never edited once they are published

    def has_delete_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = ArticleTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "publish_at", "by", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("Workflow history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


WORKFLOW_MESSAGES = {
    "submit": _("Submitted for review."),
    "return": _("Returned to the reporter."),
    "publish": _("Published."),
    "unpublish": _("Unpublished: the article is off the site."),
}


@admin.register(Article)
class ArticleAdmin(WorkflowHistoryAdmin):
    form = ArticleAdminForm
    restore_conflicts = (services.EditConflict,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["title", "state", "section", "published_at", "byline", "author"]
    list_filter = ["status", "section", "language", "agencies", "tags"]
    list_select_related = ["section", "created_by"]
    search_fields = ["title", "dek", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "agencies", "people", "meeting"]
    save_on_top = True
    inlines = [CorrectionInline, TransitionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "dek",
                    "body",
                    "language",
                    "expected_version",
                ]
            },
        ),
        (
            _("Credits"),
            {
                "fields": [
                    "dateline",
                    "byline",
                    "editor_name",
                    "source_name",
                    "source_url",
                ]
            },
        ),
        (_("Filing"), {"fields": ["section", "tags", "agencies", "people", "meeting"]}),
        (
            _("Featured image"),
            {
                "fields": [
                    "featured_image",
                    "image_alt",
                    "image_caption",
                    "image_credit",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "state",
                    "author",
                    "published_at",
                    "is_featured",
                    "comments_enabled",
                    "workflow_note",
                ]
            },
        ),
    ]

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        return obj.state_label if obj and obj.pk else gettext("New")

    @admin.display(description=_("author"), ordering="created_by__username")
    def author(self, obj):
        user = obj.created_by if obj else None
        return (user.get_full_name() or user.get_username()) if user else "–"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only view: no note to write.
            fieldsets = [
                (
                    name,
                    {
                        **opts,
                        "fields": [f for f in opts["fields"] if f != "workflow_note"],
                    },
                )
                for name, opts in fieldsets
            ]
        return fieldsets

    def get_inlines(self, request, obj):
        if obj is None or obj.published_at is None:
            return [TransitionInline]  # corrections go on published articles
        return self.inlines

    def get_readonly_fields(self, request, obj=None):
        fields = ["state", "author"]
        if not can_publish(request.user):
            fields += ["published_at", "is_featured"]
        return fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request.user)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["transitions"] = (
            services.allowed_transitions(article=obj, user=request.user)
            if obj is not None
            else []
        )
        context["preview_url"] = (
            reverse("articles:article_preview", args=[obj.pk])
            if obj is not None and obj.pk
            else None
        )
        context["share_page_url"] = (
            reverse("articles:article_share", args=[obj.pk])
            if obj is not None and obj.pk and can_share_preview(request.user)
            else None
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        services.article_save(
            article=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
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
        super().save_related(request, form, formsets, change)
        # Tags and agencies are saved only now, after save_model().
        update_search_vectors([form.instance.pk])
        name = request.POST.get("_transition")
        if name:
            self._take_transition(request, form, name)

    def _take_transition(self, request, form, name: str) -> None:
        article = form.instance
        note = form.cleaned_data.get("workflow_note", "")
        try:
            if name == "submit":
                services.article_submit(article=article, user=request.user, note=note)
            elif name == "return":
                services.article_return(article=article, user=request.user, note=note)
            elif name == "publish":
                at = form.cleaned_data.get("published_at")
                services.article_publish(article=article, user=request.user, at=at)
            elif name == "unpublish":
                services.article_unpublish(
                    article=article, user=request.user, note=note
                )
            else:
                raise PermissionDenied(gettext("Unknown workflow step."))
        except (PermissionDenied, ValidationError) as error:
            detail = "; ".join(getattr(error, "messages", None) or [str(error)])
            messages.error(
                request,
                gettext("Your changes were saved, but the workflow step failed: %s")
                % detail,
            )
        else:
            message = WORKFLOW_MESSAGES[name]
            if name == "publish" and article.is_scheduled:
                message = _("Scheduled: goes live by itself at the publication time.")
            messages.success(request, message)

    def restore_revision(self, request, obj, version):
        return services.article_restore(article=obj, version=version, user=request.user)

    def recover_revision(self, request, version):
        article = super().recover_revision(request, version)
        update_search_vectors([article.pk])  # revisions do not keep the vector
        return article

    def response_change(self, request, obj):
        if request.POST.get("_transition"):
            # Back to the article, to see its new state.
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


@admin.register(ArticleInReview)
class ArticleInReviewAdmin(admin.ModelAdmin):
    """The editors' queue of stories submitted for review, oldest first."""

    list_display = ["review_link", "section", "author", "updated_at"]
    list_select_related = ["section", "created_by"]
    list_filter = ["section"]
    search_fields = ["title"]
    ordering = ["updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).in_review()

    @admin.display(description=_("title"))
    def review_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description=_("author"))
    def author(self, obj):
        user = obj.created_by
        return (user.get_full_name() or user.get_username()) if user else "–"

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
