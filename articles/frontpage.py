"""The home page's reads, per edition (no writes; the desk's pins are written
by articles.services.frontpage).

    page = front_page("id")
    page.lead, page.second_tier, page.sections, page.upcoming,
    page.concluded, page.coverage, page.most_read

Two queries however many stories, sections, pins and meetings there are (see
front_page()): every story the page may show in one (a union of bounded,
index-ordered lists), the meetings in the other.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import router
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, RowNumber
from django.db.models.lookups import LessThan
from django.utils import timezone

from agencies.models import Meeting

from .loading import reusable
from .models import Article, DailyReads, HomePin, Section
from .querysets import count_of
from .reads import today

SECOND_TIER = 4  # slots 1–4 under the lead (slot 0)
TOP = SECOND_TIER + 1
SECTION_STORIES = 4
SECTION_CANDIDATES = 400  # the newest stories the section blocks are taken from
# The newest stories a featured lead is taken from: read from the edition's
# index (finding the newest featured among all the edition's stories would
# read every story when few or none are featured), the featured ones among
# them from the index of featured stories (articles 0022). An older featured story
# the page reads for another list (the meeting's coverage, most read) may
# still lead.
FEATURED_CANDIDATES = 1000
UPCOMING_MEETINGS = 3
MEETING_COVERAGE = 3
MOST_READ = 5
MOST_READ_DAYS = 2
# The concluded meeting's newest stories read, to leave MEETING_COVERAGE once
# those shown with a card are left out (the top and a dozen sections' blocks).
COVERAGE_CANDIDATES = MEETING_COVERAGE + TOP + 12 * SECTION_STORIES
# The most stories the front shows above the list of earlier news (the top,
# a dozen sections' blocks, the meeting's coverage): the list's count is read
# this much further than asked, to be known once they are taken from it.
SHOWN_AT_MOST = TOP + 12 * SECTION_STORIES + MEETING_COVERAGE


def live_pins(language: str | None = None, now=None):
    """The desk's pins in force on `language`'s home page (None: on either):
    the story published, the expiry (if any) still ahead; by slot, newest
    pin first."""
    now = now or timezone.now()
    stories = Article.objects.published(now)
    if language:
        stories = stories.in_language(language)
    return (
        HomePin.objects.filter(article__in=stories)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .order_by("slot", "-created_at", "-id")
    )


def edition_stories(language: str, now=None):
    """The edition's published stories, newest first, loaded for cards
    (pictures' renditions left to be loaded once for the whole page)."""
    return (
        Article.objects.published(now)
        .in_language(language)
        .for_listing()
        .prefetch_related(None)
        .latest_first()
    )


# What each part of the stories' query carries besides the story (the same
# columns in every part of a union); None where a part has none.
EXTRAS = {
    "part": IntegerField(),
    "list_total": IntegerField(),
    "pin_slot": IntegerField(),
    "pin_created": DateTimeField(),
    "pin_id": IntegerField(),
    "reads": IntegerField(),
}
LATEST, FEATURED, PINNED, SECTIONS, COVERAGE, MOST_READ_PART, OTHER = range(7)
PARTS = range(7)
LISTED = 0  # the union's part of the stories the lists name (PINNED: pins)


def _part(stories, number: int, **extras):
    """One part of the union: `stories` with every EXTRAS column."""
    columns = {"part": Value(number)}
    for name, output in EXTRAS.items():
        if name != "part":
            # NULL typed, so that PostgreSQL unites it with the other parts'.
            columns[name] = extras.get(name, Cast(Value(None), output))
    return stories.annotate(**columns).order_by()


def _ids(stories, limit: int):
    return stories.values("pk")[:limit]


def concluded_meeting(language: str, now=None) -> Coalesce:
    """The id of the concluded meeting to show, as a subquery: the latest to
    end that the edition has covered, else the latest to end (None when none
    has ended). Each the first of a walk of the meetings latest to end first
    (MeetingQuerySet.concluded()), stopping at the first covered one."""
    now = now or timezone.now()
    ended = Meeting.objects.concluded(now)
    stories = Article.objects.published(now).in_language(language)
    covered = ended.filter(Exists(stories.filter(meeting=OuterRef("pk"))))
    return Coalesce(
        Subquery(covered.values("pk")[:1]), Subquery(ended.values("pk")[:1])
    )


def _stories(
    language: str,
    now,
    *,
    latest: int,
    other: str | None = None,
    most_read_days: int = 0,
    sections: bool = False,
    coverage: bool = False,
    meeting: int | None = None,
    base=None,
    count_cap: int | None = None,
    count_other_below: int = 0,
    reuse: bool = False,
):
    """Every story the home page may show, grouped by part: one query.

    The stories are read once, whichever lists they are in: those whose ids
    one of the bounded lists gives (the edition's latest, its featured, the
    sections' newest, the concluded meeting's, the most read, the other
    edition's latest), and the pinned ones with their pins. Each list is
    then found among them: a list of the newest n of some kind is the newest
    n of that kind read (any other story of that kind read is older).
    `meeting`: the concluded meeting's id when already read (agenda()), so
    that the query does not look for it again. `reuse`: the query compiled
    once for its shape and run at `now` (articles.loading.reusable).
    `count_other_below`: the `other` edition's stories are counted too
    (found["other_total"], up to `count_cap` + 1) while `language`'s has
    fewer than that many."""
    since = today() - dt.timedelta(days=most_read_days - 1) if most_read_days else None
    shape = {
        "latest": latest,
        "other": other,
        "most_read_days": most_read_days,
        "sections": sections,
        "coverage": coverage,
        "meeting": meeting,
        "count_cap": count_cap,
        "count_other_below": count_other_below,
    }

    def build(now, since):
        return _stories_query(language, now, since, base=base, **shape)

    query = None
    if reuse and base is None:
        key = ("stories", language, *shape.items(), *_limits())
        query = reusable(key, build)
    stories = query.run(now, since) if query else build(now, since)
    return _found(
        stories, language, latest=latest, sections=sections, coverage=coverage
    )


def _stories_query(
    language: str,
    now,
    since,
    *,
    latest: int,
    other: str | None,
    most_read_days: int,
    sections: bool,
    coverage: bool,
    meeting: int | None,
    base,
    count_cap: int | None,
    count_other_below: int,
):
    """_stories()'s query: the stories' union, each row with its EXTRAS."""
    base = base if base is not None else Article.objects.published(now).for_listing()
    base = base.prefetch_related(None)
    edition = base.in_language(language)
    newest = edition.latest_first()
    recent = newest.filter(pk__in=_ids(newest, FEATURED_CANDIDATES))
    lists = [_ids(newest, latest), _ids(recent.filter(is_featured=True), TOP + 1)]
    if sections:
        navigation = newest.filter(section__in_navigation=True)
        ranked = (
            navigation.filter(pk__in=_ids(navigation, SECTION_CANDIDATES))
            .annotate(
                section_rank=Window(
                    RowNumber(),
                    partition_by=F("section_id"),
                    order_by=[F("published_at").desc(), F("id").desc()],
                )
            )
            .filter(section_rank__lte=SECTION_STORIES + TOP)
        )
        lists.append(ranked.values("pk"))
    if coverage and meeting is None:
        meeting = concluded_meeting(language, now)
    if coverage:
        lists.append(_ids(newest.filter(meeting=meeting), COVERAGE_CANDIDATES))
    reads = {}
    if most_read_days:
        lists.append(_ids(edition.most_read_since(since), MOST_READ))
        summed = (
            DailyReads.objects.filter(article=OuterRef("pk"), day__gte=since)
            .order_by()
            .values("article")
            .annotate(total=Sum("count"))
            .values("total")
        )
        reads["reads"] = Subquery(summed, output_field=IntegerField())
    stories = edition
    if other:
        stories = base.filter(language__in=[language, other])
        others = base.in_language(other)
        lists.append(_ids(others.latest_first(), latest))
    # A union of the lists' ids (each wrapped, SQLite taking no LIMIT in a
    # union's parts).
    ids = [
        Article.objects.filter(pk__in=part).order_by().values("pk") for part in lists
    ]
    counted = Article.objects.published(now).in_language(language)
    count = count_of(counted, count_cap)
    if other and count_other_below:
        # Each edition's rows with its own edition's count: the other's only
        # while this edition's is short (a condition counted once; the other
        # edition is never counted otherwise).
        short = LessThan(count_of(counted, count_other_below), count_other_below)
        theirs = count_of(Article.objects.published(now).in_language(other), count_cap)
        count = Case(
            When(language=language, then=count),
            When(short, then=theirs),
            output_field=IntegerField(),
        )
    listed = _part(
        stories.filter(pk__in=ids[0].union(*ids[1:], all=True)),
        LISTED,
        list_total=count,
        **reads,
    )
    pinned = _part(
        edition.filter(home_pins__in=live_pins(language, now).values("pk")),
        PINNED,
        pin_slot=F("home_pins__slot"),
        pin_created=F("home_pins__created_at"),
        pin_id=F("home_pins__id"),
        **reads,
    )
    return listed.union(pinned, all=True)


def _limits() -> tuple:
    """What else shapes the stories' SQL: the lists' bounds, and the
    database read."""
    return (
        TOP,
        FEATURED_CANDIDATES,
        SECTION_STORIES,
        SECTION_CANDIDATES,
        COVERAGE_CANDIDATES,
        MOST_READ,
        UPCOMING_MEETINGS,
        router.db_for_read(Article),
    )


def _found(stories, language: str, *, latest: int, sections: bool, coverage: bool):
    """The rows of _stories_query() in their lists (by part)."""
    found: dict[int, list[Article]] = {part: [] for part in PARTS}
    rows = {LISTED: [], PINNED: []}
    for story in stories:
        rows[story.part].append(story)
    found[PINNED] = rows[PINNED]
    read = sorted(rows[LISTED], key=lambda s: (s.published_at, s.pk), reverse=True)
    mine = [s for s in read if s.language == language]
    found[LATEST] = mine[:latest]
    found[FEATURED] = [s for s in mine if s.is_featured][: TOP + 1]
    found[SECTIONS] = [s for s in mine if s.section.in_navigation] if sections else []
    found[COVERAGE] = [s for s in mine if s.meeting_id] if coverage else []
    found[MOST_READ_PART] = sorted(
        (s for s in mine if s.reads),
        key=lambda s: (-s.reads, -s.published_at.timestamp(), -s.pk),
    )[:MOST_READ]
    found[OTHER] = [s for s in read if s.language != language][:latest]
    found["total"] = next((s.list_total for s in mine if s.list_total is not None), 0)
    found["other_total"] = next(
        (s.list_total for s in found[OTHER] if s.list_total is not None), 0
    )
    return found


def _place(found) -> tuple[Article | None, list[Article]]:
    """The lead and second tier from the stories' query: the live pins in
    their slots (by slot, the newest pin first; no story twice), a featured
    story leading when no pin does, the latest filling the rest."""
    pins = sorted(
        found[PINNED], key=lambda s: (s.pin_slot, -s.pin_created.timestamp(), -s.pin_id)
    )
    placed: dict[int, Article] = {}
    for story in pins:
        if story.pin_slot not in placed and story.pk not in {
            s.pk for s in placed.values()
        }:
            placed[story.pin_slot] = story
    shown = {story.pk for story in placed.values()}
    if HomePin.Slot.LEAD not in placed:
        featured = next((s for s in found[FEATURED] if s.pk not in shown), None)
        if featured:
            placed[HomePin.Slot.LEAD] = featured
            shown.add(featured.pk)
    latest = iter([s for s in found[LATEST] if s.pk not in shown])
    lead = placed.get(HomePin.Slot.LEAD) or next(latest, None)
    second_tier = []
    for slot in range(1, SECOND_TIER + 1):
        story = placed.get(slot) or next(latest, None)
        if story:
            second_tier.append(story)
    return lead, second_tier


def top_stories(language: str, now=None) -> tuple[Article | None, list[Article]]:
    """The lead and the second tier (up to SECOND_TIER): the live pins in
    their slots, the rest filled with the latest stories (a story marked
    `is_featured` among the newest FEATURED_CANDIDATES leads when no pin
    does); no story twice. One query."""
    now = now or timezone.now()
    found = _stories(language, now, latest=2 * TOP + 1)
    return _place(found)


@dataclass
class SectionBlock:
    section: Section
    stories: list[Article]
    # Whether the section has stories besides these (its page is worth a link).
    more: bool = False


def _blocks(stories, exclude, per_section: int = SECTION_STORIES) -> list[SectionBlock]:
    """Each navigation section with its latest `per_section` of `stories`
    (newest first) not in `exclude`, in navigation order; `more` when
    `stories` hold others of the section, not in `exclude` either (the query
    reads up to SECTION_STORIES + TOP of each: more than a block shows)."""
    blocks: dict[int, SectionBlock] = {}
    held: dict[int, int] = {}
    for story in stories:
        if story.pk in exclude:
            continue  # on the front already: no reason to open the section
        held[story.section_id] = held.get(story.section_id, 0) + 1
        block = blocks.setdefault(story.section_id, SectionBlock(story.section, []))
        if len(block.stories) < per_section:
            block.stories.append(story)
    for block in blocks.values():
        block.more = held[block.section.pk] > len(block.stories)
    return sorted(
        blocks.values(),
        key=lambda b: (b.section.order, b.section.name, b.section.pk),
    )


def upcoming_meetings(now=None, limit: int = UPCOMING_MEETINGS) -> list[Meeting]:
    """The next meetings to start, soonest first."""
    return list(Meeting.objects.upcoming(now).for_listing()[:limit])


def agenda(
    language: str, now=None, *, reuse: bool = False
) -> tuple[list[Meeting], Meeting | None]:
    """The next UPCOMING_MEETINGS meetings, soonest first, and the meeting
    that ended last (one the edition has covered first): one query.
    `reuse`: compiled once and run at `now` (articles.loading.reusable)."""
    now = now or timezone.now()
    query = None
    if reuse:
        query = reusable(
            ("agenda", language, *_limits()), lambda now, _day: _agenda(language, now)
        )
    found = query.run(now) if query else list(_agenda(language, now))
    upcoming = sorted(
        (m for m in found if not m.concluded), key=lambda m: (m.start, m.pk)
    )
    return upcoming, next((m for m in found if m.concluded), None)


def _agenda(language: str, now):
    """agenda()'s query: the upcoming meetings and the concluded one."""
    meetings = Meeting.objects.for_listing()
    parts = [
        meetings.filter(
            pk__in=Meeting.objects.upcoming(now).values("pk")[:UPCOMING_MEETINGS]
        )
        .annotate(concluded=Value(False))
        .order_by(),
        meetings.filter(pk=concluded_meeting(language, now))
        .annotate(concluded=Value(True))
        .order_by(),
    ]
    return parts[0].union(parts[1], all=True)


@dataclass
class FrontPage:
    lead: Article | None = None
    second_tier: list[Article] = field(default_factory=list)
    sections: list[SectionBlock] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    concluded: Meeting | None = None
    coverage: list[Article] = field(default_factory=list)
    most_read: list[Article] = field(default_factory=list)
    # With front_page(listed=n): the edition's latest n, how many stories
    # the edition has, the other edition's latest n (and, while the edition
    # has fewer than count_other_below, how many the other has).
    latest: list[Article] = field(default_factory=list)
    total: int = 0
    other_edition: list[Article] = field(default_factory=list)
    other_total: int = 0
    # The home page's list of earlier news (the edition's stories newest
    # first less those shown above it, self.shown): its first page (the
    # latest n less those shown), the shown stories past it (left out of
    # its later pages, earlier_news()), and how many stories it lists in all
    # (the first page's shown ones counted: the list's pages are n long).
    earlier: list[Article] = field(default_factory=list)
    passed: list[int] = field(default_factory=list)
    listed_total: int = 0

    @property
    def stories(self) -> list[Article]:
        """The stories shown with a card, top to bottom."""
        top = [self.lead] if self.lead else []
        return [*top, *self.second_tier, *(s for b in self.sections for s in b.stories)]

    @property
    def shown(self) -> list[Article]:
        """The stories shown above the list of earlier news: with a card, and
        the meeting's coverage (most read, a ranking, aside)."""
        return [*self.stories, *self.coverage]


def front_page(
    language: str,
    now=None,
    *,
    listed: int = 0,
    other: str | None = None,
    count_cap: int | None = None,
    count_other_below: int = 0,
) -> FrontPage:
    """Everything above the home page's plain list, for `language`'s edition,
    and with `listed`, the edition's latest `listed` stories and their count
    (counted up to `count_cap` + SHOWN_AT_MOST + 1), the first page of the
    list of earlier news (`earlier`) and its count (`listed_total`, see
    FrontPage), with `other`, that edition's latest `listed` (and its count,
    `other_total`, while `language`'s has fewer than `count_other_below`).

    Two queries: the meetings (upcoming and concluded), then the stories
    (pins, featured, latest, sections' latest, the concluded meeting's
    coverage, most read, the other edition's). Pictures' renditions are left to the
    caller (one query for the page). No story has two cards, and the
    meeting's coverage names none of them; most read is a ranking and may
    name a story shown above."""
    now = now or timezone.now()
    upcoming, concluded = agenda(language, now, reuse=True)
    found = _stories(
        language,
        now,
        latest=max(listed, 2 * TOP + 1),
        other=other,
        most_read_days=MOST_READ_DAYS,
        sections=True,
        coverage=concluded is not None,
        meeting=concluded.pk if concluded else None,
        count_cap=None if count_cap is None else count_cap + SHOWN_AT_MOST,
        count_other_below=count_other_below,
        reuse=True,
    )
    lead, second_tier = _place(found)
    page = FrontPage(lead=lead, second_tier=second_tier)
    page.sections = _blocks(found[SECTIONS], {s.pk for s in page.stories})
    page.upcoming, page.concluded = upcoming, concluded
    shown = {s.pk for s in page.stories}
    if page.concluded:
        page.coverage = [
            s
            for s in found[COVERAGE]
            if s.meeting_id == page.concluded.pk and s.pk not in shown
        ][:MEETING_COVERAGE]
    page.most_read = sorted(
        found[MOST_READ_PART],
        key=lambda s: (-s.reads, -s.published_at.timestamp(), -s.pk),
    )
    page.latest = found[LATEST][:listed]
    page.total = found["total"]
    shown = {s.pk for s in page.shown}
    page.earlier = [s for s in page.latest if s.pk not in shown]
    first = {s.pk for s in page.latest}
    page.passed = [pk for pk in shown if pk not in first]
    page.listed_total = page.total - len(page.passed)
    page.other_edition = found[OTHER][:listed]
    page.other_total = found["other_total"]
    return page


def earlier_news(
    language: str, front: FrontPage, number: int, per_page: int, now=None
) -> list[Article]:
    """Page `number` (2 and on) of the home page's list of earlier news,
    `per_page` a page, after `front` (read with listed=per_page): the
    edition's stories newest first less those shown above (front.shown),
    from the first after the first page's (front.earlier). One query
    (pictures' renditions left to the caller)."""
    stories = edition_stories(language, now).exclude(pk__in=front.passed)
    start = (number - 1) * per_page
    window = stories.values("pk")[start : start + per_page]
    return sorted(
        stories.filter(pk__in=window).order_by(),
        key=lambda s: (s.published_at, s.pk),
        reverse=True,
    )


DAY_FALLBACK = 10


def day_top_stories(
    language: str, now=None, *, hours: int = 24, with_most_read: bool = True
) -> list[Article]:
    """The day's top stories of `language`'s edition (the top stories feed,
    the daily digest): the home page's lead and second tier and the most read,
    those published in the last `hours`; with none, the latest DAY_FALLBACK.
    Loaded for feeds (for_feed()), in that order: one query, the tags' and
    the pictures' renditions."""
    now = now or timezone.now()
    since = now - dt.timedelta(hours=hours)
    found = _stories(
        language,
        now,
        latest=max(2 * TOP + 1, DAY_FALLBACK),
        most_read_days=1 if with_most_read else 0,
        base=Article.objects.published(now).for_feed(),
    )
    lead, second_tier = _place(found)
    read = sorted(
        found[MOST_READ_PART],
        key=lambda s: (-s.reads, -s.published_at.timestamp(), -s.pk),
    )
    picked = {}
    for story in [lead, *second_tier, *read]:
        if story and story.published_at >= since:
            picked.setdefault(story.pk, story)
    stories = list(picked.values()) or found[LATEST][:DAY_FALLBACK]
    prefetch_related_objects(stories, "tags", "featured_image__renditions")
    return stories
