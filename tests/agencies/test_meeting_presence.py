"""Who else has a meeting's change form open (newsroom/presence,
PresenceAdmin), as a story's writing screen says it: two editors changing
the same meeting had found out only when the second save was refused by the
edit lock. Only who may change the meeting is told, and counted."""

import datetime as dt

import pytest
import reversion
from django.test import Client

from agencies.models import Meeting
from newsroom import presence
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.presence_pages import (
    heartbeat,
    leave,
    logged_in,
    notice,
    open_form,
    page_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def meeting(jwg4):
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
    return jwg4


def test_the_second_editor_of_a_meeting_sees_the_first_who_hears_at_once(
    meeting, ayu, budi, at_ten_past
):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, meeting)
    assert 'id="desk-presence"' in page_a and notice(page_a) == ""
    assert "js/desk_presence.js" in page_a
    at_ten_past.shift(dt.timedelta(minutes=1))

    page_b = open_form(b, meeting)

    assert notice(page_b) == (
        "Also open now: Ayu Lestari (since 10:02). If you both change it, "
        "whoever saves second has to combine the two versions: agree who "
        "writes first."
    )
    answer = heartbeat(a, meeting, page_token(page_a)).json()
    assert answer["others"] == [{"name": "Budi Santoso", "since": "10:03"}]
    assert answer["text"].startswith("Also open now: Budi Santoso (since 10:03).")


def test_a_meeting_closed_is_forgotten_at_the_others_next_heartbeat(meeting, ayu, budi):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, meeting)
    page_b = open_form(b, meeting)

    assert (
        Client()
        .post(  # the beacon: the page's token, no login
            admin_url(Meeting, "presence_leave", meeting.pk),
            {"page": page_token(page_b)},
        )
        .status_code
        == 204
    )

    assert heartbeat(a, meeting, page_token(page_a)).json() == {
        "others": [],
        "text": "",
    }


def test_the_meeting_open_is_not_said_on_the_story_with_its_number(
    meeting, section, ayu, budi
):
    story = ArticleFactory(id=meeting.pk, section=section, body="Teks.")
    with reversion.create_revision():
        reversion.add_to_revision(story)
    open_form(logged_in(budi), meeting)

    assert notice(open_form(logged_in(ayu), story)) == ""
    assert "Budi Santoso" in notice(open_form(logged_in(ayu), meeting))


def test_who_may_only_view_meetings_is_refused_and_never_counted(
    meeting, ayu, reporter
):
    """A reporter sees meetings but may not change them."""
    client = logged_in(reporter)

    page = open_form(client, meeting)
    assert heartbeat(client, meeting).status_code == 403

    assert 'id="desk-presence"' not in page
    assert presence.present_on(meeting, besides=ayu) == []
    assert notice(open_form(logged_in(ayu), meeting)) == ""


def test_the_endpoints_answer_post_only_for_a_meeting_that_exists(meeting, ayu):
    client = logged_in(ayu)
    assert client.get(admin_url(Meeting, "presence", meeting.pk)).status_code == 405
    assert leave(client, meeting).status_code == 204
    missing = admin_url(Meeting, "presence", 999_999)
    assert client.post(missing).status_code == 404
    # A new meeting has no colleague yet.
    assert client.post("/admin/agencies/meeting/add/presence/").status_code == 404
    assert client.post("/admin/agencies/meeting/add/presence/leave/").status_code == 404
    add = client.get(admin_url(Meeting, "add")).content.decode()
    assert 'id="desk-presence"' not in add
