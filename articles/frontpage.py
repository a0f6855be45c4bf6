"""The home page's reads, per edition (no writes; the desk's pins are written
by articles.services.frontpage).

    page = front_page("id")
    page.lead, page.second_tier, page.sections, page.upcoming,
    page.concluded, page.coverage, page.most_read

A fixed number of queries however many stories, sections and meetings there
are (see front_page()).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from agencies.models import Meeting

from .models import Article, HomePin, Section
from .querysets import LISTING_PREFETCH
from .reads import most_read

SECOND_TIER = 4  # slots 1–4 under the lead (slot 0)
SECTION_STORIES = 4
SECTION_CANDIDATES = 400  # the newest stories the section blocks are taken from
UPCOMING_MEETINGS = 3
MEETING_COVERAGE = 3


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


def top_stories(language: str, now=None) -> tuple[Article | None, list[Article]]:
    """The lead and the second tier (up to SECOND_TIER): the live pins in
    their slots, the rest filled with the latest stories (a story marked
    `is_featured` leads when no pin does); no story twice.

    One query for the pins, one for the featured lead when no pin leads,
    one for the latest."""
    pins = (
        live_pins(language, now)
        .select_related("article__section", "article__featured_image")
        .defer("article__body", "article__search_vector")
    )
    placed: dict[int, Article] = {}
    for pin in pins:
        if pin.slot not in placed and pin.article not in placed.values():
            placed[pin.slot] = pin.article
    shown = {article.pk for article in placed.values()}
    stories = edition_stories(language, now)
    if HomePin.Slot.LEAD not in placed:
        featured = stories.filter(is_featured=True).exclude(pk__in=shown).first()
        if featured:
            placed[HomePin.Slot.LEAD] = featured
            shown.add(featured.pk)
    missing = SECOND_TIER + 1 - len(placed)
    latest = iter(stories.exclude(pk__in=shown)[:missing] if missing else [])
    lead = placed.get(HomePin.Slot.LEAD) or next(latest, None)
    second_tier = []
    for slot in range(1, SECOND_TIER + 1):
        story = placed.get(slot) or next(latest, None)
        if story:
            second_tier.append(story)
    return lead, second_tier


@dataclass
class SectionBlock:
    section: Section
    stories: list[Article]


def section_blocks(
    language: str, *, exclude=(), per_section: int = SECTION_STORIES, now=None
) -> list[SectionBlock]:
    """Each navigation section with its latest `per_section` stories of the
    edition, leaving out `exclude` (ids), in navigation order; sections
    without such stories are left out. One query."""
    stories = (
        edition_stories(language, now)
        .filter(section__in_navigation=True)
        .exclude(pk__in=list(exclude))
    )
    # Ranked among the newest SECTION_CANDIDATES stories only, so that the
    # cost does not grow with the archive (a section with nothing among them
    # is left out: nothing of it is recent).
    newest = stories.values("pk")[:SECTION_CANDIDATES]
    ranked = (
        stories.filter(pk__in=newest)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .order_by("section__order", "section__name", "section_id", "rank")
    )
    blocks: list[SectionBlock] = []
    for story in ranked:
        if not blocks or blocks[-1].section.pk != story.section_id:
            blocks.append(SectionBlock(story.section, []))
        blocks[-1].stories.append(story)
    return blocks


def upcoming_meetings(now=None, limit: int = UPCOMING_MEETINGS) -> list[Meeting]:
    """The next meetings to start, soonest first."""
    return list(Meeting.objects.upcoming(now).for_listing()[:limit])


def latest_concluded_meeting(language: str, now=None) -> Meeting | None:
    """The meeting that ended last (a meeting without an end: once started),
    one the edition has covered before one it has not."""
    now = now or timezone.now()
    covered = Article.objects.published(now).in_language(language)
    return (
        Meeting.objects.annotate(ended=Coalesce("end", "start"))
        .filter(ended__lte=now)
        .annotate(covered=Exists(covered.filter(meeting=OuterRef("pk"))))
        .for_listing()
        .order_by("-covered", "-ended", "-id")
        .first()
    )


def meeting_coverage(
    meeting: Meeting,
    language: str,
    *,
    exclude=(),
    limit: int = MEETING_COVERAGE,
    now=None,
) -> list[Article]:
    """The edition's latest stories about `meeting`, leaving out `exclude`
    (ids)."""
    return list(
        Article.objects.published(now)
        .in_language(language)
        .about_meeting(meeting)
        .exclude(pk__in=list(exclude))
        .for_headlines()
        .latest_first()[:limit]
    )


@dataclass
class FrontPage:
    lead: Article | None = None
    second_tier: list[Article] = field(default_factory=list)
    sections: list[SectionBlock] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    concluded: Meeting | None = None
    coverage: list[Article] = field(default_factory=list)
    most_read: list[Article] = field(default_factory=list)

    @property
    def stories(self) -> list[Article]:
        """The stories shown with a card, top to bottom."""
        top = [self.lead] if self.lead else []
        return [*top, *self.second_tier, *(s for b in self.sections for s in b.stories)]


def front_page(language: str, now=None) -> FrontPage:
    """Everything above the home page's plain list, for `language`'s edition.

    Queries: pins, featured lead (when no pin leads), latest, sections'
    stories, pictures' renditions (all cards at once), upcoming meetings,
    the concluded meeting, its coverage (when there is one), most read.
    No story has two cards, and the meeting's coverage names none of them;
    most read is a ranking and may name a story shown above."""
    now = now or timezone.now()
    lead, second_tier = top_stories(language, now)
    page = FrontPage(lead=lead, second_tier=second_tier)
    page.sections = section_blocks(
        language, exclude=[story.pk for story in page.stories], now=now
    )
    shown = page.stories
    prefetch_related_objects(shown, *LISTING_PREFETCH)
    page.upcoming = upcoming_meetings(now)
    page.concluded = latest_concluded_meeting(language, now)
    if page.concluded:
        page.coverage = meeting_coverage(
            page.concluded, language, exclude=[s.pk for s in shown], now=now
        )
    page.most_read = most_read(language)
    return page


DAY_FALLBACK = 10


def day_top_stories(
    language: str, now=None, *, hours: int = 24, with_most_read: bool = True
) -> list[Article]:
    """The day's top stories of `language`'s edition (the top stories feed,
    the daily digest): the home page's lead and second tier and the most read,
    those published in the last `hours`; with none, the latest DAY_FALLBACK.
    Loaded for feeds (for_feed()), in that order."""
    now = now or timezone.now()
    since = now - dt.timedelta(hours=hours)
    lead, second_tier = top_stories(language, now)
    read = most_read(language, days=1) if with_most_read else []
    picked = list(dict.fromkeys(s.pk for s in [lead, *second_tier, *read] if s))
    stories = Article.objects.published(now).in_language(language).for_feed()
    day = stories.filter(pk__in=picked, published_at__gte=since).in_bulk()
    if day:
        return [day[pk] for pk in picked if pk in day]
    return list(stories.latest_first()[:DAY_FALLBACK])
