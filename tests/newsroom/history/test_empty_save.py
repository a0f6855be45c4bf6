"""A change form saved with nothing changed (opened again with Back, Save
pressed) keeps nothing: History lists no revision "No fields changed.", the
admin's log no entry, and the page says nothing was saved. A save that
changes only a meeting's sessions is a change, recorded as before."""

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from agencies.models import Meeting
from newsroom.history import revision_comment
from tests.newsroom.admin_forms import admin_url, as_sent, opened, saves
from tests.newsroom.admin_forms import messages_of as said

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTHING_SAVED = "Nothing changed: nothing was saved."


@pytest.fixture
def meeting(editor, jwg4):
    """The 4th JWG with its first revision."""
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
        reversion.set_user(editor)
    return jwg4


def revisions(obj):
    return Version.objects.get_for_object(obj).order_by("pk")


def test_a_meeting_saved_unchanged_keeps_no_revision(editor_client, meeting):
    logged = LogEntry.objects.count()

    response = saves(editor_client, meeting, as_sent(opened(editor_client, meeting)))

    assert response.status_code == 302
    assert NOTHING_SAVED in said(response)
    assert revisions(meeting).count() == 1
    assert LogEntry.objects.count() == logged


@pytest.mark.parametrize(
    ("button", "lands_on"), [("_continue", "change"), ("_save", "changelist")]
)
def test_the_button_pressed_leads_where_a_save_would_with_the_words(
    editor_client, meeting, button, lands_on
):
    data = as_sent(opened(editor_client, meeting))
    for name in ("_save", "_continue", "_addanother"):
        data.pop(name, None)
    data[button] = "1"

    response = saves(editor_client, meeting, data)

    args = [meeting.pk] if lands_on == "change" else []
    assert response.url == admin_url(Meeting, lands_on, *args)
    page = editor_client.get(response.url)
    assert page.status_code == 200
    assert NOTHING_SAVED in page.content.decode()


def test_a_change_to_its_sessions_only_is_recorded(editor_client, meeting):
    session = meeting.sessions.order_by("order").first()
    data = opened(editor_client, meeting)
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("sessions-")
        and key.endswith("-id")
        and str(value) == str(session.pk)
    )
    data[f"{row}-title_en"] = "Opening, moved to the main hall"

    response = saves(editor_client, meeting, as_sent(data))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert NOTHING_SAVED not in said(response)
    assert revisions(meeting).count() == 2
    latest = revisions(meeting).last().revision
    assert "session" in revision_comment(latest.comment)
