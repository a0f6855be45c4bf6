"""Wire copy imports: the "Import wire copy" upload page (the imports' add
page) and the list of imports, for reporters and editors."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.recognition import State
from newsroom.dates import NEWSROOM_DATES, within_newsroom_dates

from ..intake.services import (
    ImportResult,
    Status,
    article_import,
    can_import,
    check_written_on,
    report_in_words,
    size_limit,
    warning_text,
)
from ..intake.similarity import alike_percent
from ..models import IntakeRecord
from .common import display_user


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once, handed over as they are: the import service
    decides, file by file, what it refuses and says why."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list) else [data]) if file]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        widget=MultipleFileInput(
            attrs={
                "accept": ".txt,.md,.docx,text/plain,text/markdown,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        help_text=_(
            "Text files (.txt, .md) up to 1 MB each, in UTF-8, UTF-16 or "
            "Windows-1252, or Word documents (.docx) up to 20 MB. Each file "
            "becomes a draft for an editor to review; nothing is published."
        ),
    )
    # The import command's --date: old copy imported late.
    written_on = forms.DateField(
        label=_("Written on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_newsroom_dates, check_written_on],
        help_text=_(
            "Optional: the day the copy was sent. Weekday dates such as "
            "“Kamis (24/3)” are read as the latest such day on or before it "
            "(default: today)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's calendar offers no day the server would refuse
        # (within_newsroom_dates, check_written_on), and the browser refuses
        # a typed one before sending: the chosen files stay chosen, where a
        # refusal from the server loses them (a browser cannot keep them).
        attrs = self.fields["written_on"].widget.attrs
        attrs["min"] = NEWSROOM_DATES[0].isoformat()
        attrs["max"] = timezone.localdate().isoformat()


class HeadlineWrittenFilter(admin.SimpleListFilter):
    """The column's question, asked the same way: is the headline written
    (not the copy's first sentence proposed as one)?"""

    title = _("headline written")
    parameter_name = "headline_written"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(article__needs_headline=False)
        if self.value() == "no":
            return queryset.filter(article__needs_headline=True)
        return queryset


@admin.register(IntakeRecord)
class IntakeRecordAdmin(admin.ModelAdmin):
    change_list_template = "admin/articles/intake/change_list.html"
    list_display = [
        "file_name",
        "article_link",
        "headline_written",
        "imported_by",
        "created_at",
    ]
    list_filter = [HeadlineWrittenFilter]
    search_fields = ["file_name", "article__title"]
    date_hierarchy = "created_at"
    fields = ["file_name", "article_link", "imported_by", "created_at", "summary"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing().visible_to(request.user)

    # Reporters and editors import; the service writes the records, which
    # are never changed or deleted here.
    def has_module_permission(self, request):
        return can_import(request.user)

    def has_view_permission(self, request, obj=None):
        return can_import(request.user)

    def has_add_permission(self, request):
        return can_import(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("article"))
    def article_link(self, record):
        if record.article is None:
            return gettext("(deleted)")
        url = reverse("admin:articles_article_change", args=[record.article_id])
        return format_html('<a href="{}">{}</a>', url, record.article.title)

    # A tick is good news: the headline is written (the copy's first
    # sentence proposed as one is not).
    @admin.display(description=_("headline written"), boolean=True)
    def headline_written(self, record):
        return not record.article.needs_headline if record.article else None

    def view_on_site(self, record):
        """The imported story's public page, once it has one; no button
        before (the record's own address is the page it would be on)."""
        article = record.article
        return article.get_absolute_url() if article and article.is_public else None

    @admin.display(description=_("imported by"), ordering="created_by__username")
    def imported_by(self, record):
        return display_user(record.created_by)

    @admin.display(description=_("what was read"))
    def summary(self, record):
        # Its warnings and its agencies' states in the reader's language,
        # not the importer's (the report keeps the state's code: "linked").
        report = report_in_words(record.report)
        if report.get("agencies"):
            report["agencies"] = [
                {**agency, "state_label": state_label(agency.get("state"))}
                for agency in report["agencies"]
            ]
        return render_to_string("admin/articles/intake/report.html", {"report": report})

    def add_view(self, request, form_url="", extra_context=None):
        """The upload page: files in, one result row per file."""
        if not can_import(request.user):
            raise PermissionDenied
        results = []
        form = UploadForm()
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                for upload in form.cleaned_data["files"]:
                    results.append(
                        article_import(
                            name=upload.name,
                            # Enough to know a file is over the limit.
                            data=upload.read(size_limit(upload.name) + 1),
                            user=request.user,
                            today=form.cleaned_data["written_on"],
                        )
                    )
                # The next files are likely of the same day.
                form = UploadForm(
                    initial={"written_on": form.cleaned_data["written_on"]}
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import wire copy"),
            "form": form,
            # A browser cannot be given files to keep chosen: a refused form's
            # must be chosen again (its other fields are kept).
            "files_dropped": form.is_bound and bool(request.FILES),
            "rows": [upload_row(result) for result in results],
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/intake/upload.html", context)


def state_label(state: str | None) -> str:
    """A recognised agency's state as the report stores it ("linked"), in
    words; an unknown one as stored."""
    try:
        return State(state).label
    except ValueError:
        return state or ""


def upload_row(result: ImportResult) -> dict:
    """One file's line on the upload page."""
    row = {
        "file": result.file,
        "status": result.status,
        "label": Status(result.status).label,
        "error": result.error,
        # The stories nearly the same are said once, by their lines below
        # (with their links), not again among the warnings.
        "warnings": [
            warning_text(warning)
            for warning in result.stored_warnings
            if warning.get("code") != "similar_copy"
        ]
        if result.stored_warnings
        else result.warnings,
        "by_body": result.by_body,
    }
    if result.article is not None:
        row["title"] = result.article.title
        row["article_url"] = reverse(
            "admin:articles_article_change", args=[result.article.pk]
        )
        row["suggestions_url"] = suggestions_url(result.article)
    # Stories holding nearly the same copy (a corrected re-send): the one
    # to update rather than file this draft as a second story.
    row["similar"] = [
        {
            "title": found.article.title,
            "state": found.article.state_label,
            "percent": alike_percent(found.resemblance),
            "url": reverse("admin:articles_article_change", args=[found.article.pk]),
        }
        for found in result.similar
    ]
    return row


def suggestions_url(article) -> str:
    """The article's link suggestions page (admin/links.py)."""
    return reverse("admin:articles_article_links", args=[article.pk])
