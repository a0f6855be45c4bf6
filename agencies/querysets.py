from django.db import models
from django.db.models import Q
from django.utils import timezone


class AgencyQuerySet(models.QuerySet):
    def in_country(self, country: str):
        """Agencies of one country (ISO 3166-1 alpha-2 code)."""
        return self.filter(country=country)

    def for_listing(self):
        """Eager loading for lists and links."""
        return self.select_related("parent")

    def for_detail(self):
        """Eager loading for the agency page."""
        return self.select_related("parent").prefetch_related("children", "aliases")


class PersonQuerySet(models.QuerySet):
    def for_listing(self):
        """Eager loading for lists and links."""
        return self.select_related("agency")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Meetings that have not started yet, soonest first."""
        now = now or timezone.now()
        return self.filter(start__gt=now).order_by("start")

    def past(self, now=None):
        """Meetings that have started, latest first."""
        now = now or timezone.now()
        return self.filter(start__lte=now).order_by("-start")

    def in_series(self, series):
        """Meetings of one series in the series' order."""
        return self.filter(series=series).order_by("number", "start")

    def involving(self, agency):
        """Meetings the agency hosted or took part in."""
        return self.filter(Q(host=agency) | Q(participants__agency=agency)).distinct()

    def attended_by(self, person):
        """Meetings the person attended in any role."""
        return self.filter(attendances__person=person).distinct()

    def for_listing(self):
        """Eager loading for lists of meetings."""
        return self.select_related("series", "host")

    def for_detail(self):
        """Eager loading for the meeting page: sessions, delegations, people."""
        from .models import MeetingAttendance, MeetingParticipant

        return self.select_related("series", "host").prefetch_related(
            "sessions",
            models.Prefetch(
                "participants",
                queryset=MeetingParticipant.objects.select_related("agency").order_by(
                    "country", "role", "agency__acronym"
                ),
            ),
            models.Prefetch(
                "attendances",
                queryset=MeetingAttendance.objects.select_related("person", "agency"),
            ),
        )
