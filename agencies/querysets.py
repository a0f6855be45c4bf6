import functools
import operator
from functools import reduce

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from newsroom.related_rows import RelatedRows, RelatedRowsIterable
from newsroom.search_terms import Terms

# The fields of an agency or a person a page links to (the pages' lists).
LINKED_AGENCY = ("acronym", "name", "name_en", "slug", "country")
LINKED_PERSON = ("name", "slug", "position", "position_en")


@functools.cache
def _agency_lists(model) -> tuple[RelatedRows, ...]:
    """What AgencyQuerySet.for_page() reads with an agency, as JSON."""
    mine = {"agency": models.OuterRef("pk")}
    return (
        RelatedRows(
            "aliases",
            model.aliases.rel.related_model.objects.filter(**mine),
            fields={"": ("name",)},
        ),
        RelatedRows(
            "children",
            model.objects.filter(parent=models.OuterRef("pk")),
            fields={"": LINKED_AGENCY},
        ),
        RelatedRows(
            "people",
            model.people.rel.related_model.objects.filter(**mine),
            fields={"": LINKED_PERSON},
        ),
    )


class _AgencyPage(RelatedRowsIterable):
    def related_rows(self):
        return _agency_lists(self.queryset.model)


@functools.cache
def _meeting_lists(model) -> tuple[RelatedRows, ...]:
    """What MeetingQuerySet.for_page() reads with a meeting, as JSON."""
    related = {
        name: model._meta.get_field(name).related_model.objects.filter(
            meeting=models.OuterRef("pk")
        )
        for name in ("sessions", "participants", "attendances")
    }
    return (
        RelatedRows("sessions", related["sessions"]),
        RelatedRows(
            "participants",
            related["participants"],
            with_related=("agency",),
            order=("country", "role", "agency__acronym"),
            fields={"agency": LINKED_AGENCY},
        ),
        RelatedRows(
            "attendances",
            related["attendances"],
            with_related=("person", "agency"),
            fields={"person": LINKED_PERSON, "agency": LINKED_AGENCY},
        ),
    )


class _MeetingPage(RelatedRowsIterable):
    def related_rows(self):
        return _meeting_lists(self.queryset.model)


class Names(models.Func):
    """A name and its English form (an agency's names, a meeting's titles,
    a series' names) as one text, a line break between them: a reader's
    query holds no control character (normalise_query), so it matches
    within one name, never across both. Upper-cased as `icontains`
    compares, an agency's is what the trigram index of migration 0008
    holds, so that a name is found by the index, not by reading every
    agency (the SQL here and there must stay the same)."""

    arg_joiner = " || CHR(10) || "
    template = "(%(expressions)s)"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, arg_joiner=" || CHAR(10) || ", **extra_context
        )


# Agencies in alphabetical order whatever the case of their letters
# ("Bakamla" before "BSSN"; byte order had put every capital first).
ALPHABETICAL = (Lower("acronym"), Lower("name"), "id")


class AgencyQuerySet(models.QuerySet):
    def alphabetical(self):
        """By acronym, then name, ignoring case (ALPHABETICAL)."""
        return self.order_by(*ALPHABETICAL)

    def in_country(self, country: str):
        """Agencies of one country (ISO 3166-1 alpha-2 code)."""
        return self.filter(country=country)

    def countries(self) -> set[str]:
        """The codes of the countries these agencies are in."""
        return set(self.order_by().values_list("country", flat=True).distinct())

    def matching(self, query: str):
        """Agencies a reader's query names, by acronym and name: a word of it
        is their acronym or an alias, or the whole query is part of a name
        (queries of four characters or more)."""
        words = Terms.parse(query).words
        if not words:
            return self.none()
        whole = " ".join(words)
        names = dict.fromkeys([whole, *words])  # once each, in the query's order
        condition = reduce(operator.or_, [Q(acronym__iexact=name) for name in names])
        alias = reduce(operator.or_, [Q(name__iexact=name) for name in names])
        if len(whole) >= 4:
            condition |= Q(names__icontains=whole)
            alias |= Q(name__icontains=whole)
        # The agencies found by their own names and those found by an alias,
        # one list of ids: each half is an index scan on PostgreSQL (the
        # indexes of migration 0008), where one condition with the aliases
        # in an OR read every agency (2,000: 2.4 ms against 0.2 in EXPLAIN).
        by_name = self.model.objects.alias(names=Names("name", "name_en"))
        by_alias = self.model.aliases.rel.related_model.objects
        found = (
            by_name.filter(condition)
            .order_by()
            .values("pk")
            .union(by_alias.filter(alias).order_by().values("agency"), all=True)
        )
        return self.filter(pk__in=found).alphabetical()

    def called(self, name: str):
        """Agencies whose acronym or one of whose aliases is `name`, in any
        case (what recognition and the lists' searches take it for)."""
        name = name.strip()
        if not name:
            return self.none()
        aliases = self.model.aliases.rel.related_model.objects
        return self.filter(
            Q(acronym__iexact=name)
            | Q(pk__in=aliases.filter(name__iexact=name).values("agency"))
        )

    def for_listing(self):
        """Eager loading for lists and links, logos with their renditions."""
        return self.select_related("parent", "logo").prefetch_related(
            "logo__renditions"
        )

    def for_page(self):
        """The agency page's agency in one query: its parent and logo (the
        logo's renditions left to the page's one query for pictures), and its
        aliases, units and people read with it as JSON, ready where
        prefetch_related() would have put them (`agency.people.all()`)."""
        lists = _agency_lists(self.model)
        queryset = self.select_related("parent", "logo").annotate(
            **{rows.annotation: rows.sql_for(self) for rows in lists}
        )
        queryset._iterable_class = _AgencyPage
        return queryset

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

    def for_choices(self):
        """Eager loading for choosing people (autocompletes, choice fields):
        what Person.described reads."""
        return self.select_related("agency")

    def in_the_news(self, latest_story):
        """The people index: people with a `latest_story`, the caller's
        query of when the newest story naming the person (OuterRef("pk"))
        that readers may see came out (agencies know nothing of articles);
        by agency (its acronym, then its name; people of none last), then
        by name; with their agencies."""
        return (
            self.annotate(latest_story=models.Subquery(latest_story))
            .filter(latest_story__isnull=False)
            .select_related("agency")
            .order_by(
                models.F("agency__acronym").asc(nulls_last=True),
                "agency__name",
                "agency_id",
                Lower("name"),
                "pk",
            )
        )


class MeetingQuerySet(models.QuerySet):
    def numbered(self, series, number: int):
        """The meetings that are number `number` of `series`."""
        return self.filter(series=series, number=number)

    def titled_first(self, words: list[str]):
        """These meetings, those whose title (in either language) holds every
        word, or whose series' short name is one of them, first; then the
        latest. The desk's meeting search: a word found only in a summary
        ("JWG" in a consultation's) had put that meeting first, and the
        story's meeting box took it."""
        if not words:
            return self
        titled = reduce(
            operator.and_,
            [
                Q(title__icontains=word)
                | Q(title_en__icontains=word)
                | Q(series__short_name__iexact=word)
                for word in words
            ],
        )
        return self.annotate(
            title_rank=models.Case(
                models.When(titled, then=models.Value(0)),
                default=models.Value(1),
            )
        ).order_by("title_rank", "-start", "-pk")

    def upcoming(self, now=None):
        """Meetings that have not started yet, soonest first."""
        now = now or timezone.now()
        return self.filter(start__gt=now).order_by("start")

    def past(self, now=None):
        """Meetings that have started, latest first."""
        now = now or timezone.now()
        return self.filter(start__lte=now).order_by("-start")

    def concluded(self, now=None):
        """Meetings that have ended (one without an end: once started), the
        latest to end first, each with `ended`. In the order of the index on
        (COALESCE(end, start), id) (agencies 0007): the first few are read
        without sorting every meeting."""
        now = now or timezone.now()
        return (
            self.annotate(ended=Coalesce("end", "start"))
            .filter(ended__lte=now)
            .order_by("-ended", "-id")
        )

    def ending(self, now=None):
        """Meetings that have not ended (one without an end: not started yet),
        the next to end first, each with `ended`: concluded()'s others, in
        the order of its index (agencies 0007) read backwards: the first is
        found without sorting every meeting."""
        now = now or timezone.now()
        return (
            self.annotate(ended=Coalesce("end", "start"))
            .filter(ended__gt=now)
            .order_by("ended", "id")
        )

    def in_series(self, series):
        """Meetings of one series in the series' order."""
        return self.filter(series=series).order_by("number", "start")

    def matching(self, query: str):
        """Meetings that hold every word of a reader's query in their title
        or their series' name (in either language), or have it as their
        series' short name (in either language); latest first."""
        words = Terms.parse(query).words
        if not words:
            return self.none()
        condition = reduce(
            operator.and_,
            [
                Q(titles__icontains=word)
                | Q(series_names__icontains=word)
                | Q(series__short_name__iexact=word)
                | Q(series__short_name_en__iexact=word)
                for word in dict.fromkeys(words)
            ],
        )
        # One read of the meetings and their series: a newsroom's few
        # hundred meetings are a few table pages (500: 0.4 ms), which the
        # planner reads whole rather than through a trigram index.
        return (
            self.alias(
                titles=Names("title", "title_en"),
                series_names=Names("series__name", "series__name_en"),
            )
            .filter(condition)
            .order_by("-start")
        )

    def involving(self, agency):
        """Meetings the agency hosted or took part in."""
        return self.filter(Q(host=agency) | Q(participants__agency=agency)).distinct()

    def attended_by(self, person):
        """Meetings the person attended in any role."""
        return self.filter(attendances__person=person).distinct()

    def for_listing(self):
        """Eager loading for lists of meetings."""
        return self.select_related("series", "host")

    def for_page(self):
        """The meeting page's meeting in one query: its series and host, and
        its agenda, delegations (with their agencies, in the delegations'
        order) and people (with their people and agencies) read with it as
        JSON, ready where prefetch_related() would have put them
        (`meeting.sessions.all()`)."""
        lists = _meeting_lists(self.model)
        queryset = self.select_related("series", "host").annotate(
            **{rows.annotation: rows.sql_for(self) for rows in lists}
        )
        queryset._iterable_class = _MeetingPage
        return queryset

    def neighbours_of(self, meeting):
        """The meetings before and after `meeting` in its series (by number),
        in one query: at most two, the earlier first."""
        if not meeting.series_id or meeting.number is None:
            return self.none()
        siblings = self.model.objects.filter(series_id=meeting.series_id)
        before = siblings.filter(number__lt=meeting.number).order_by("-number")
        after = siblings.filter(number__gt=meeting.number).order_by("number")
        return siblings.filter(
            Q(pk__in=before.values("pk")[:1]) | Q(pk__in=after.values("pk")[:1])
        ).order_by("number")

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
