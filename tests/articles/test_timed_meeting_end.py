"""A meeting ending changes the home page with no write: the covered meeting
that just ended becomes its latest meeting. Stored pages and cached lists
end then (articles/timed_changes.py), as they do when a meeting starts."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.timed_changes import next_timed_change, seconds_until_next_change
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Well within the page cache's longest keep (NEWSROOM_PAGE_CACHE_SECONDS, ten
# minutes), so that only the meeting's end can end the stored page by then.
ENDS_IN = dt.timedelta(minutes=4)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def meetings(section):
    """Yesterday's meeting, covered; one under way, covered already, that
    ends in ENDS_IN."""
    now = timezone.now()
    yesterday = MeetingFactory(
        title="Rapat kemarin",
        start=now - dt.timedelta(days=1),
        end=now - dt.timedelta(days=1) + dt.timedelta(hours=2),
    )
    today = MeetingFactory(
        title="Rapat hari ini",
        start=now - dt.timedelta(hours=1),
        end=now + ENDS_IN,
    )
    for meeting in (yesterday, today):
        ArticleFactory(
            section=section,
            meeting=meeting,
            published_at=now - dt.timedelta(minutes=30),
        )
    return yesterday, today


def latest_meeting(page: str) -> str:
    """The home agenda's "Latest meeting" part."""
    return page[page.index("Pertemuan terakhir") :]


def test_the_next_timed_change_is_a_meeting_under_way_ending(meetings):
    _yesterday, today = meetings
    assert next_timed_change() == today.end.timestamp()
    assert seconds_until_next_change(24 * 60 * 60) <= ENDS_IN.total_seconds() + 1


def test_the_home_page_shows_a_covered_meeting_as_latest_once_it_ends(
    client, meetings, time_machine
):
    _yesterday, today = meetings
    client.get("/")
    stored = client.get("/")
    assert stored["X-Page-Cache"] == "hit"
    assert "Rapat kemarin" in latest_meeting(stored.content.decode())

    time_machine.move_to(today.end + dt.timedelta(seconds=1), tick=True)

    after = client.get("/")
    assert after["X-Page-Cache"] == "miss"
    assert "Rapat hari ini" in latest_meeting(after.content.decode())
