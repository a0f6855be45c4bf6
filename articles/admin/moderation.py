"""Moderation records: the append-only log (with CSV export), bans and word lists.

Every status change goes through the comment services (comment_moderate,
comment_edit, ban_create), which log it and keep the approved-comment counts.
Nothing here hard-deletes a comment or a log entry.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.forms import DeskForm

from .. import services
from ..models import (
    Ban,
    Comment,
    ModerationLog,
    ModerationWord,
)
from ..services.moderation import new_ban_value
from .common import (
    DURATION_CHOICES,
    DURATIONS,
    ReadOnlyMixin,
    display_user,
    status_label,
)

Status = Comment.Status


def short_time(value) -> str:
    """A time as the desk's lists show it (the articles' list too): "25 Dec
    2026, 15:45", one line."""
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class StatusFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class ModeratorFilter(admin.RelatedOnlyFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = gettext("moderator")

    def field_choices(self, field, request, model_admin):
        """The moderators in the log, named as everywhere in the admin."""
        ids = [pk for pk, _name in super().field_choices(field, request, model_admin)]
        users = field.related_model.objects.in_bulk(ids)
        return [(pk, display_user(users[pk])) for pk in ids]


class FromStatusFilter(StatusFilter):
    title = _("from")
    parameter_name = "from_status"


class ToStatusFilter(StatusFilter):
    title = _("to")
    parameter_name = "to_status"


# After the time, whose header names the time zone (see csv_header).
CSV_COLUMNS = [
    _("moderator"),
    _("comment id"),
    _("article"),
    _("action"),
    _("from"),
    _("to"),
    _("note"),
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_header() -> list[str]:
    zone = timezone.localtime().tzname()
    time = gettext("time (%(zone)s)") % {"zone": zone}
    return [time, *(str(column) for column in CSV_COLUMNS)]


def csv_time(value) -> str:
    """A time in the desk's time zone, as a spreadsheet takes it for one
    ("2026-12-05 22:11:31")."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def log_csv_response(entries) -> StreamingHttpResponse:
    """The log entries as a CSV download, written row by row as it is sent:
    each value as the log's list shows it (the action and statuses by their
    names in the moderator's language, the notes in words), the time in a
    form a spreadsheet takes as one."""
    writer = csv.writer(_Echo())
    # A byte-order mark first: Excel reads a CSV without one in the machine's
    # own code page ("Indonesia–Filipina" as "Indonesiaâ€“Filipina").
    header = "\ufeff" + writer.writerow(csv_header())
    # The rows are written as the response is sent, after the request has
    # left the thread's language as it found it: in the moderator's.
    language = translation.get_language()

    def row(entry) -> str:
        with translation.override(language):
            return writer.writerow(
                csv_cell(value)
                for value in (
                    csv_time(entry.at),
                    display_user(entry.moderator, empty=gettext("automatic")),
                    entry.comment_id,
                    entry.comment.article.title,
                    entry.get_action_display(),
                    status_label(entry.from_status) if entry.from_status else "",
                    status_label(entry.to_status),
                    entry.note_text(),
                )
            )

    def lines():
        yield header
        for entry in entries.select_related("moderator", "comment__article").iterator(
            chunk_size=1000
        ):
            yield row(entry)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return StreamingHttpResponse(
        lines(),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="moderation-log-{stamp}.csv"'
        },
    )


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: entries are written by the services and never changed."""

    list_display = [
        "at_label",
        "by",
        "comment_link",
        "article",
        "action",
        "from_label",
        "to_label",
        "note_label",
    ]
    list_select_related = ["moderator", "comment__article"]
    list_filter = [
        "action",
        FromStatusFilter,
        ToStatusFilter,
        ("moderator", ModeratorFilter),
    ]
    date_hierarchy = "at"
    search_fields = [
        "note",
        "comment__text",
        "comment__author_name",
        "comment__author_email",
    ]
    list_per_page = 100
    actions = ["export_csv"]
    fields = [
        "at",
        "by",
        "comment_link",
        "article",
        "action",
        "from_label",
        "to_label",
        "note_label",
    ]
    readonly_fields = fields

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="articles_moderationlog_export",
        )
        return [export, *super().get_urls()]

    @admin.display(description=_("at"), ordering="at")
    def at_label(self, obj):
        return short_time(obj.at)

    @admin.display(description=_("by"), ordering="moderator__username")
    def by(self, obj):
        return display_user(obj.moderator, empty=_("automatic"))

    @admin.display(description=_("note"))
    def note_label(self, obj):
        return obj.note_text()

    @admin.display(description=_("comment"), ordering="comment")
    def comment_link(self, obj):
        url = reverse("admin:articles_comment_change", args=[obj.comment_id])
        return format_html(
            '<a href="{}">#{} {}</a>', url, obj.comment_id, obj.comment.author_name
        )

    @admin.display(description=_("article"))
    def article(self, obj):
        return obj.comment.article.title

    @admin.display(description=_("from"), ordering="from_status")
    def from_label(self, obj):
        return status_label(obj.from_status)

    @admin.display(description=_("to"), ordering="to_status")
    def to_label(self, obj):
        return status_label(obj.to_status)

    @admin.action(description=_("Export the selected entries as CSV"))
    def export_csv(self, request, queryset):
        return log_csv_response(queryset)

    def export_view(self, request):
        """The whole list as it is filtered and searched now, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            url = reverse("admin:articles_moderationlog_changelist")
            return HttpResponseRedirect(f"{url}?e=1")
        return log_csv_response(changelist.queryset)


# Bans


class BanStateFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("In force")), ("expired", _("Lifted or expired"))]

    def queryset(self, request, queryset):
        active = Ban.objects.active()
        if self.value() == "active":
            return queryset.filter(pk__in=active.values("pk"))
        if self.value() == "expired":
            return queryset.exclude(pk__in=active.values("pk"))
        return queryset


class BanAddForm(DeskForm, forms.ModelForm):
    duration = forms.ChoiceField(
        label=_("For"), choices=DURATION_CHOICES, initial="7", widget=forms.RadioSelect
    )
    reject_pending = forms.BooleanField(
        label=_("Also reject this sender's comments waiting for moderation"),
        required=False,
    )

    class Meta:
        model = Ban
        fields = ["kind", "value", "duration", "reason", "reject_pending"]
        help_texts = {
            "value": _("name@example.com, example.com, 203.0.113.7 or 203.0.113.0/24.")
        }

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind and value:
            try:
                cleaned["value"] = new_ban_value(kind, value)
            except ValidationError as error:
                self.add_error("value", error)
        return cleaned


class BanChangeForm(DeskForm, forms.ModelForm):
    class Meta:
        model = Ban
        fields = ["until", "reason"]


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = [
        "value",
        "kind",
        "in_force",
        "until_label",
        "reason",
        "by",
        "created_label",
    ]
    list_filter = [BanStateFilter, "kind"]
    list_select_related = ["created_by"]
    search_fields = ["value", "reason"]
    actions = ["lift"]

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = BanAddForm if obj is None else BanChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["kind", "value", "by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return BanAddForm._meta.fields
        return ["kind", "value", "until", "reason", "by", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # a ban is lifted, so that its record stays

    @admin.display(description=_("in force"), boolean=True)
    def in_force(self, obj):
        return obj.is_active

    @admin.display(description=_("until"), ordering="until")
    def until_label(self, obj):
        return short_time(obj.until) if obj.until else gettext("for good")

    @admin.display(description=_("created"), ordering="created_at")
    def created_label(self, obj):
        return short_time(obj.created_at)

    @admin.display(description=_("by"), ordering="created_by__username")
    def by(self, obj):
        return display_user(obj.created_by)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        ban = services.ban_create(
            kind=data["kind"],
            value=data["value"],
            moderator=request.user,
            until=DURATIONS[data["duration"]][1],
            reason=data["reason"],
            reject_pending=data["reject_pending"],
        )
        # The admin goes on with the form's instance (its log entry, the
        # redirect): make it the ban the service created.
        for field in Ban._meta.concrete_fields:
            setattr(obj, field.attname, getattr(ban, field.attname))
        obj._state.adding = False
        obj._state.db = ban._state.db

    @admin.action(description=_("Lift the selected bans now"), permissions=["change"])
    def lift(self, request, queryset):
        lifted = services.ban_lift(bans=queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%(count)d ban lifted.", "%(count)d bans lifted.", lifted)
            % {"count": lifted},
            messages.SUCCESS if lifted else messages.WARNING,
        )


class ModerationWordForm(DeskForm, forms.ModelForm):
    class Meta:
        model = ModerationWord
        fields = ["word", "kind"]

    def clean(self):
        """A word already on its list in another case is refused at its
        field (the list's constraint ignores case, as matching does)."""
        cleaned = super().clean()
        word, kind = cleaned.get("word"), cleaned.get("kind")
        if word and kind:
            listed = (
                ModerationWord.objects.spelled(word, kind)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if listed is not None:
                self.add_error(
                    "word",
                    ValidationError(
                        gettext(
                            "“%(word)s” is on this list already, as “%(listed)s”: "
                            "case does not matter when comments are checked."
                        )
                        % {"word": word, "listed": listed.word},
                        code="unique",
                    ),
                )
        return cleaned


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    """The banned and suspect word lists the comment checks read."""

    form = ModerationWordForm
    list_display = ["word", "kind", "added"]
    list_filter = ["kind"]
    search_fields = ["word"]
    fields = ["word", "kind"]

    @admin.display(description=_("added"), ordering="created_at")
    def added(self, obj):
        return short_time(obj.created_at)
