from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.search import update_search_vectors
from newsroom.admin_history import HistoryAdmin

from .models import (
    Agency,
    AgencyAlias,
    Meeting,
    MeetingAttendance,
    MeetingParticipant,
    MeetingSeries,
    MeetingSession,
    Person,
)


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["acronym", "name", "name_en", "country", "kind", "parent"]
    list_display_links = ["acronym", "name"]
    list_filter = ["country", "kind"]
    list_select_related = ["parent"]
    search_fields = ["acronym", "name", "name_en", "aliases__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["parent"]
    inlines = [AgencyAliasInline]
    fieldsets = [
        (None, {"fields": ["acronym", "name", "name_en", "slug", "country", "kind"]}),
        (_("Organisation"), {"fields": ["parent", "website", "logo", "description"]}),
    ]

    # Articles are found by the names, acronyms and aliases of the agencies
    # they mention: a change here changes what finds them.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        update_search_vectors(Article.objects.mentioning(form.instance).values("pk"))

    def delete_model(self, request, obj):
        mentioning = list(Article.objects.mentioning(obj).values_list("pk", flat=True))
        super().delete_model(request, obj)
        update_search_vectors(mentioning)

    def delete_queryset(self, request, queryset):
        mentioning = list(
            Article.objects.filter(agencies__in=queryset).values_list("pk", flat=True)
        )
        super().delete_queryset(request, queryset)
        update_search_vectors(mentioning)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "position", "agency"]
    list_filter = ["agency__country"]
    list_select_related = ["agency"]
    search_fields = ["name", "position", "agency__acronym", "agency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(HistoryAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class MeetingSessionInline(admin.TabularInline):
    model = MeetingSession
    extra = 3
    fields = ["order", "title", "summary"]
    verbose_name_plural = _("Sessions (agenda, in order)")


class MeetingParticipantInline(admin.TabularInline):
    model = MeetingParticipant
    extra = 3
    fields = ["agency", "country", "role"]
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("Delegations: participating agencies")


class MeetingAttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    extra = 3
    fields = ["person", "role", "position_held", "agency", "order"]
    autocomplete_fields = ["person", "agency"]
    verbose_name_plural = _("People: speakers and delegates")


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["title", "series", "number", "format", "start", "city", "host"]
    list_filter = ["format", "series", "country"]
    list_select_related = ["series", "host"]
    search_fields = ["title", "summary", "series__name", "series__short_name", "city"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "host"]
    inlines = [MeetingSessionInline, MeetingParticipantInline, MeetingAttendanceInline]
    fieldsets = [
        (None, {"fields": ["series", "number", "title", "slug", "format"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "start",
                    "end",
                    "timezone",
                    "venue",
                    "city",
                    "country",
                    "host",
                ]
            },
        ),
        (_("Summary"), {"fields": ["summary"]}),
    ]
