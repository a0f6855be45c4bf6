from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.history.admin import HistoryAdmin

from . import services
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

    # An agency and its aliases are saved together by the service, which
    # tells the articles mentioning it (their search finds them by these
    # names): nothing is saved in save_model, everything in save_related.
    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        aliases, removed = [], []
        for formset in formsets:  # the aliases inline, the only one
            formset.save(commit=False)  # what changed, for the service
            aliases += formset.new_objects
            aliases += [alias for alias, _fields in formset.changed_objects]
            removed += formset.deleted_objects
        services.agency_save(
            agency=form.instance,
            user=request.user,
            aliases=aliases,
            removed_aliases=removed,
        )
        form.save_m2m()

    def delete_model(self, request, obj):
        services.agency_delete(agencies=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.agency_delete(agencies=queryset, user=request.user)


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
