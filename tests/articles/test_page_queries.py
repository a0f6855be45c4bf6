"""Every public page but the story's costs at most five queries, the same
whether it shows a little or a lot: tags, agencies, people, comments,
stories, pictures, pins, meetings (issue 16). The story's page is counted in
test_comment_views and test_views."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, AuthorProfile, DailyReads, HomePin
from tests.agencies.factories import (
    AgencyAliasFactory,
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
    PersonFactory,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

MAX_QUERIES = 5
# Each page's queries, the navigation's included, for a newsroom of any size
# (the pictures' renditions counted: every story has one).
QUERIES = {
    # Pages with the navigation read it from the cache (newsroom/cachetags.py)
    # once any page has: counted after a first page, as readers get them.
    # stories (one union: list page and count, pins, featured, latest,
    # sections, coverage, most read, other edition), meetings, renditions
    "home": 3,
    "home en": 3,
    # These worlds' stories all fit on the front (later pages leave out what
    # it shows): the nearest page is the first. A later page costs the
    # front's two, its page and renditions: test_home.
    "home page 2": 3,
    "home page 99": 3,
    # the section/tag/author, page with its count and the other edition's,
    # renditions (an author's photo with the stories')
    "section": 3,
    "tag": 3,
    "tag en": 3,
    "author": 3,
    # the object with its short lists as JSON, page, renditions (logo or
    # portrait with the stories'), one list of its own
    "agency": 4,  # + its meetings
    "person": 4,  # + the meetings attended
    "meeting": 4,  # + previous and next in the series
    "meeting en": 4,
    "agencies": 2,
    "meetings": 2,
    # no navigation: items, tags, renditions (enclosures)
    "feed": 3,
    "feed atom": 3,
    "top stories feed": 3,
    "section feed": 4,  # + the section
    "tag feed": 4,
    "agency feed": 4,
}

SMALL = {"stories": 7, "links": 1, "comments": 0, "sections": 1, "meetings": 1}
LARGE = {"stories": 15, "links": 4, "comments": 3, "sections": 4, "meetings": 4}


def build(size: dict) -> dict:
    """A newsroom of `size`: stories in both editions (each with a picture,
    `links` tags, agencies and people and `comments` comments) in `sections`
    sections, about one meeting of a series, by one author; pins, reads,
    meetings to come."""
    now = timezone.now()
    user = get_user_model().objects.create_user(username="dewi", password="x")
    AuthorProfile.objects.create(
        user=user,
        name="Dewi Lestari",
        slug="dewi-lestari",
        photo=library_image("dewi.jpg", size=(48, 48)),
    )
    series = MeetingSeriesFactory()
    meeting = MeetingFactory(
        series=series, number=2, start=now - dt.timedelta(days=3), host=AgencyFactory()
    )
    MeetingFactory(series=series, number=1, start=now - dt.timedelta(days=90))
    MeetingFactory(series=series, number=3, start=now + dt.timedelta(days=60))
    for i in range(size["meetings"]):
        MeetingFactory(start=now + dt.timedelta(days=i + 1))
    agency = AgencyFactory(
        parent=AgencyFactory(), logo=library_image("logo.jpg", size=(48, 48))
    )
    agencies = [agency, *AgencyFactory.create_batch(size["links"] - 1)]
    people = [
        PersonFactory(agency=agency, portrait=library_image(f"p{i}.jpg", size=(40, 40)))
        for i in range(size["links"])
    ]
    for i in range(size["links"]):
        AgencyAliasFactory(agency=agency)
        AgencyFactory(parent=agency)
        MeetingSessionFactory(meeting=meeting)
        MeetingParticipantFactory(meeting=meeting, agency=agencies[i])
        MeetingAttendanceFactory(meeting=meeting, person=people[i], agency=agency)
    sections = [SectionFactory(order=i) for i in range(size["sections"])]
    picture = library_image("cover.jpg", size=(64, 40))
    for language in ("id", "en"):
        for i in range(size["stories"]):
            story = ArticleFactory(
                language=language,
                section=sections[i % len(sections)],
                created_by=user,
                meeting=meeting,
                published_at=now - dt.timedelta(hours=i + 1),
                featured_image=picture,
                tags=[f"tag {n}" for n in range(size["links"])],
                agencies=agencies,
                people=people,
            )
            for _ in range(size["comments"]):
                CommentFactory(article=story)
            DailyReads.objects.create(article=story, day=timezone.localdate(), count=i)
    stories = Article.objects.in_language("id").latest_first()
    HomePin.objects.create(article=stories.last(), slot=HomePin.Slot.LEAD)
    HomePin.objects.create(article=stories[1], slot=HomePin.Slot.SECOND_2)
    return {
        "section": sections[0],
        "agency": agency,
        "person": people[0],
        "meeting": meeting,
    }


def pages(world) -> dict[str, str]:
    section, agency = world["section"].slug, world["agency"].slug
    meeting, person = world["meeting"].slug, world["person"].slug
    return {
        "home": "/",
        "home en": "/en/",
        "home page 2": "/?page=2",
        "home page 99": "/?page=99",
        "section": f"/sections/{section}/",
        "tag": "/tags/tag-0/",
        "tag en": "/en/tags/tag-0/",
        "author": "/authors/dewi-lestari/",
        "agency": f"/agencies/{agency}/",
        "person": f"/people/{person}/",
        "meeting": f"/meetings/{meeting}/",
        "meeting en": f"/en/meetings/{meeting}/",
        "agencies": "/agencies/",
        "meetings": "/meetings/",
        "feed": "/feeds/rss/",
        "feed atom": "/feeds/atom/",
        "top stories feed": "/feeds/top/rss/",
        "section feed": f"/sections/{section}/feed/rss/",
        "tag feed": "/tags/tag-0/feed/rss/",
        "agency feed": f"/agencies/{agency}/feed/rss/",
    }


def costs(client, world) -> dict[str, int]:
    client.get("/")  # the navigation read once, as by any first page
    counted = {}
    for name, path in pages(world).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counted[name] = len(queries)
    return counted


@pytest.fixture
def uncached(settings, media_root):
    settings.NEWSROOM_PAGE_CACHE = False
    settings.ARTICLES_PER_PAGE = 6


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_every_public_page_costs_at_most_five_queries_whatever_it_shows(
    client, uncached, size
):
    counted = costs(client, build(size))
    assert counted == QUERIES
    assert max(counted.values()) <= MAX_QUERIES


def test_the_large_newsroom_shows_what_it_holds(client, uncached):
    """The pages counted above show their lists in full (no query saved by
    leaving something out)."""
    world = build(LARGE)
    front = client.get("/").context["front"]
    assert front.lead == Article.objects.in_language("id").latest_first().last()
    assert len(front.second_tier) == 4
    assert len(front.sections) == LARGE["sections"]
    assert len(front.upcoming) == 3
    assert front.concluded == world["meeting"]
    assert front.most_read
    page = client.get(world["agency"].get_absolute_url()).content.decode()
    for child in world["agency"].children.all():
        assert child.get_absolute_url() in page
    for alias in world["agency"].aliases.all():
        assert alias.name in page
    for person in world["agency"].people.all():
        assert person.get_absolute_url() in page
    response = client.get(world["meeting"].get_absolute_url())
    meeting_page = response.content.decode()
    for session in world["meeting"].sessions.all():
        assert session.title in meeting_page
    for attendance in world["meeting"].attendances.all():
        assert attendance.person.get_absolute_url() in meeting_page
    assert response.context["previous_meeting"].number == 1
    assert response.context["next_meeting"].number == 3
    assert len(response.context["delegations"]) >= 1
    assert response.context["page_obj"].paginator.count == LARGE["stories"]


def test_a_long_list_is_counted_only_as_far_as_its_pages_need(
    client, section, settings, monkeypatch
):
    """Counting stops past a bound (PUBLIC_COUNT_CAP, or the page asked and
    the next): its cost stops growing with the archive; such a page gives no
    total, the last pages theirs."""
    from articles import pagination

    monkeypatch.setattr(pagination, "PUBLIC_COUNT_CAP", 5)
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    for i in range(12):
        ArticleFactory(section=section, published_at=now - dt.timedelta(hours=i + 1))
    # The home page counts further by the most its front can show above the
    # list (frontpage.SHOWN_AT_MOST; its later pages: tests/articles/test_home.py).
    for path in (section.get_absolute_url(),):
        first = client.get(path).context["page_obj"]
        assert first.paginator.capped and first.has_next()
        assert len(first.object_list) == 2
        last = client.get(path, {"page": 6}).context["page_obj"]
        assert not last.paginator.capped
        assert last.paginator.num_pages == 6 and not last.has_next()
        beyond = client.get(path, {"page": 40}).context["page_obj"]
        assert beyond.number == 6
