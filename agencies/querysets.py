import operator
from functools import reduce

from django.db import models
from django.db.models import Q
from django.utils import timezone

from newsroom.search_terms import Terms


class AgencyQuerySet(models.QuerySet):
    def in_country(self, country: str):
        """Agencies of one country (ISO 3166-1 alpha-2 code)."""
        return self.filter(country=country)

    def matching(self, query: str):
        """Agencies a reader's query names, by acronym and name: a word of it
        is their acronym or an alias, or the whole query is part of a name
        (queries of four characters or more)."""
        words = Terms.parse(query).words
        if not words:
            return self.none()
        whole = " ".join(words)
        condition = Q(acronym__iexact=whole) | Q(aliases__name__iexact=whole)
        for word in words:
            condition |= Q(acronym__iexact=word) | Q(aliases__name__iexact=word)
        if len(whole) >= 4:
            condition |= (
                Q(name__icontains=whole)
                | Q(name_en__icontains=whole)
                | Q(aliases__name__icontains=whole)
            )
        # Through a subquery: an agency with two matching aliases comes once.
        named = self.model._default_manager.filter(condition).values("pk")
        return self.filter(pk__in=named).order_by("acronym", "name")

    def for_listing(self):
        """Eager loading for lists and links, logos with their renditions."""
        return self.select_related("parent", "logo").prefetch_related(
            "logo__renditions"
        )

    def for_detail(self):
        """Eager loading for the agency page."""
        return self.select_related("parent", "logo").prefetch_related(
            "logo__renditions", "children", "aliases"
        )


class PersonQuerySet(models.QuerySet):
    def for_listing(self):
        """Eager loading for lists and links, portraits with their renditions."""
        return self.select_related("agency", "portrait").prefetch_related(
            "portrait__renditions"
        )


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

    def matching(self, query: str):
        """Meetings whose title or series name holds every word of a reader's
        query, latest first."""
        words = Terms.parse(query).words
        if not words:
            return self.none()
        condition = reduce(
            operator.and_,
            [
                Q(title__icontains=word)
                | Q(series__name__icontains=word)
                | Q(series__short_name__iexact=word)
                for word in words
            ],
        )
        return self.filter(condition).order_by("-start")

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
        participants = self.model._meta.get_field("participants").related_model
        attendances = self.model._meta.get_field("attendances").related_model
        return self.select_related("series", "host").prefetch_related(
            "sessions",
            models.Prefetch(
                "participants",
                queryset=participants.objects.select_related("agency").order_by(
                    "country", "role", "agency__acronym"
                ),
            ),
            models.Prefetch(
                "attendances",
                queryset=attendances.objects.select_related("person", "agency"),
            ),
        )


class AgencyProposalQuerySet(models.QuerySet):
    def undecided(self):
        """Proposals no editor has accepted or dismissed yet, oldest first."""
        return self.filter(status="proposed").order_by("created_at", "id")

    def same_as(self, acronym: str, expansion: str):
        """Proposals of this acronym with this expansion (in any case)."""
        return self.filter(acronym=acronym, expansion__iexact=expansion)

    def for_listing(self):
        """Eager loading for the admin's list."""
        return self.select_related("proposed_by", "decided_by", "agency")
