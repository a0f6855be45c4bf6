"""Who else has a form open (newsroom/presence), kept per object: a
story, a meeting and a library image with the same number are three forms,
and whoever has one open is not said to have the others open."""

import pytest
from django.contrib.auth import get_user_model

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
