"""Who else has a form open (newsroom/presence), kept per object: a
story, a meeting and a library image with the same number are three forms,
and whoever has one open is not said to have the others open."""

import sys
import threading
import warnings

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from agencies.models import Meeting
from articles.models import Article
from newsroom import presence
from newsroom.media.models import Image
from tests.newsroom.test_health import redis_down  # noqa: F401

User = get_user_model()

# Unsaved objects and users: presence reads only their model and number.
AYU, BUDI = User(pk=1, username="ayu"), User(pk=2, username="budi")


def names(obj, besides=AYU) -> list[str]:
    return [other.name for other in presence.present_on(obj, besides=besides)]


def test_a_meeting_open_is_not_said_of_the_story_or_image_with_its_number():
    story, meeting, image = Article(pk=7), Meeting(pk=7), Image(pk=7)

    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="b1")

    assert names(meeting) == ["Budi"]
    assert names(story) == []
    assert names(image) == []


def test_the_same_person_on_a_story_and_a_meeting_is_two_marks_each_with_its_time(
    time_machine,
):
    story, meeting = Article(pk=7), Meeting(pk=7)
    time_machine.move_to("2026-05-04 10:02:00+07:00", tick=False)
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page="b1")
    time_machine.move_to("2026-05-04 10:02:40+07:00", tick=False)
    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="b2")

    [on_story] = presence.present_on(story, besides=AYU)
    [on_meeting] = presence.present_on(meeting, besides=AYU)

    assert (on_meeting.since - on_story.since).total_seconds() == 40


def test_leaving_a_meeting_leaves_the_story_with_its_number_open():
    story, meeting = Article(pk=7), Meeting(pk=7)
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page="story-page")
    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="meeting-page")

    # The farewell names the model and number it was given for; a token of
    # the story's page sent to the meeting's address forgets nobody either.
    presence.presence_leave(model=Meeting, pk=7, page="story-page")
    assert names(meeting) == ["Budi"]
    presence.presence_leave(model=Meeting, pk=7, page="meeting-page")

    assert names(meeting) == []
    assert names(story) == ["Budi"]


def test_the_farewell_finds_the_mark_by_the_number_as_its_address_gives_it():
    meeting = Meeting(pk=12)
    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="p")

    presence.presence_leave(
        model=Meeting, pk=Meeting._meta.pk.to_python("12"), page="p"
    )

    assert names(meeting) == []


def test_whoever_asks_is_not_named_to_themselves():
    meeting = Meeting(pk=3)
    presence.presence_mark(user=AYU, name="Ayu", obj=meeting, page="a")
    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="b")

    assert names(meeting, besides=AYU) == ["Budi"]
    assert names(meeting, besides=BUDI) == ["Ayu"]


@pytest.mark.usefixtures("redis_down")
def test_without_a_cache_nobody_is_present_and_nothing_fails():
    meeting = Meeting(pk=3)
    presence.presence_mark(user=BUDI, name="Budi", obj=meeting, page="b")
    presence.presence_leave(model=Meeting, pk=3, page="b")

    assert names(meeting) == []


# Page tokens as PresenceAdmin makes them (secrets.token_urlsafe(12)).
AYU_PAGE, BUDI_PAGE = "ayu-page-0123456", "budi-page-012345"


def test_a_heartbeat_sent_as_the_page_closed_does_not_bring_its_user_back():
    """The beacon overtakes the heartbeat that was on its way as the tab
    closed: the heartbeat arrives second, and its user stays gone."""
    story = Article(pk=5)
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page=BUDI_PAGE)

    presence.presence_leave(model=Article, pk=5, page=BUDI_PAGE)
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page=BUDI_PAGE)

    assert names(story) == []
    # A new page of Budi's is Budi again.
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page="budi-page-999999")
    assert names(story) == ["Budi"]


def test_a_page_shown_again_from_the_back_forward_cache_marks_again():
    story = Article(pk=5)
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page=BUDI_PAGE)
    presence.presence_leave(model=Article, pk=5, page=BUDI_PAGE)

    presence.presence_mark(user=BUDI, name="Budi", obj=story, page=BUDI_PAGE, back=True)
    assert names(story) == ["Budi"]
    # And its heartbeats after that count, as any open page's.
    presence.presence_mark(user=BUDI, name="Budi", obj=story, page=BUDI_PAGE)
    presence.presence_leave(model=Article, pk=5, page="ayu-page-0123456")
    assert names(story) == ["Budi"]


def test_a_farewell_keeps_no_key_for_a_token_no_page_has():
    """The farewell needs no login: what it keeps is a token's our pages
    have, never a key of a stranger's choosing (a 5,000-character one
    would have warned of a key memcached refuses)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        presence.presence_leave(model=Article, pk=5, page="x" * 5000)
    for token in ("short", "budi-page-01234/", "budi-page-0123456"):
        presence.presence_leave(model=Article, pk=5, page=token)
        assert cache.get(f"presence-left:{token}") is None
    presence.presence_leave(model=Article, pk=5, page=BUDI_PAGE)
    assert cache.get(f"presence-left:{BUDI_PAGE}") is True


def ayu_beats(start, story, heartbeats):
    start.wait()
    for _ in range(heartbeats):
        presence.presence_mark(user=AYU, name="Ayu", obj=story, page=AYU_PAGE)


def budi_leaves(start, page):
    start.wait()
    presence.presence_leave(model=Article, pk=9, page=page)


@pytest.fixture
def quick_turns():
    """Threads take turns every microsecond instead of every 5 ms: in local
    memory a change is over within one turn otherwise."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("quick_turns")
def test_heartbeats_at_the_same_time_as_a_farewell_never_write_back_who_left():
    """Ayu's heartbeats read the entry, then write it: one that read it
    before Budi's farewell wrote it would put Budi back, for PRESENCE_TTL,
    unless each change waits for the one before. Real threads, on the test
    run's cache (Redis on PostgreSQL's pass, local memory on SQLite's)."""
    story = Article(pk=9)
    rounds, heartbeats = 30, 20
    came_back = 0
    for number in range(rounds):
        page = f"budi-page-{number:06d}"
        presence.presence_mark(user=BUDI, name="Budi", obj=story, page=page)
        start = threading.Barrier(3)
        threads = [
            threading.Thread(target=ayu_beats, args=(start, story, heartbeats)),
            threading.Thread(target=ayu_beats, args=(start, story, heartbeats)),
            threading.Thread(target=budi_leaves, args=(start, page)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        came_back += names(story) == ["Budi"]

    assert came_back == 0
    assert names(story, besides=BUDI) == ["Ayu"]
