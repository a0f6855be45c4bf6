"""Meetings' and sessions' times as a tester typed them: seconds ("10:45:30")
were kept but shown as 10.45, so the next save moved the time and History
said "Changed ends for session …" that nobody made; "9.5" was taken as 09:05,
and a bad time was refused with "Enter a valid time." naming no form."""

import datetime as dt
import json
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.utils import translation

from agencies.models import Meeting
from tests.agencies.test_admin import existing_meeting_form
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
EXPECTED = "Enter a time as %(example)s (hours%(separator)sminutes)."


def at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2022, 3, 24, hour, minute, second, tzinfo=JAKARTA)


def session_errors(response, row: int) -> dict:
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "sessions"
    )
    return formset.forms[row].errors


def last_change(meeting) -> list:
    entry = LogEntry.objects.filter(object_id=str(meeting.pk)).latest("pk")
    return json.loads(entry.change_message)


def test_seconds_typed_are_dropped_so_saving_the_form_again_changes_nothing(
    editor_client, jwg4
):
    data = existing_meeting_form(jwg4) | {
        "start_1": "09:00:30",
        "sessions-0-start_0": "2022-03-24",
        "sessions-0-start_1": "10.00.15",
        "sessions-0-end_0": "2022-03-24",
        "sessions-0-end_1": "10:45:30",
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302
    jwg4.refresh_from_db()
    first = jwg4.sessions.get(order=1)
    assert (jwg4.start, first.start, first.end) == (at(9, 0), at(10, 0), at(10, 45))

    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    assert 'name="sessions-0-end_1" value="10.45"' in page.content.decode()
    logged = LogEntry.objects.filter(object_id=str(jwg4.pk)).count()
    response = editor_client.post(
        admin_url(Meeting, "change", jwg4.pk), admin_form_data(page)
    )
    assert response.status_code == 302
    # Nothing changed: nothing kept (no entry "No fields changed." either).
    assert LogEntry.objects.filter(object_id=str(jwg4.pk)).count() == logged
    first.refresh_from_db()
    assert (first.start, first.end) == (at(10, 0), at(10, 45))


def test_a_session_saved_with_seconds_is_not_changed_by_a_save_as_shown(
    editor_client, jwg4
):
    first = jwg4.sessions.get(order=1)
    first.start, first.end = at(10, 0), at(10, 45, 30)
    first.save()
    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    response = editor_client.post(
        admin_url(Meeting, "change", jwg4.pk), admin_form_data(page)
    )
    assert response.status_code == 302
    assert last_change(jwg4) == []  # not "Changed end for session …"


@pytest.mark.parametrize(
    ("desk", "expected"),
    [
        ("id", {"example": "09.30", "separator": "."}),
        ("en", {"example": "09:30", "separator": ":"}),
    ],
)
@pytest.mark.parametrize("typed", ["9.5", "9:5", "25.99", "09.305", "half nine"])
def test_a_bad_time_is_refused_naming_the_form_the_desk_expects(
    editor_client, jwg4, desk, expected, typed
):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk
    data = existing_meeting_form(jwg4) | {
        "start_1": typed,
        "sessions-0-start_0": "2022-03-24",
        "sessions-0-start_1": typed,
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 200
    with translation.override(desk):
        message = translation.gettext(EXPECTED) % expected
        # The errors as the page rendered them, in the desk's language.
        assert response.context["adminform"].form.errors["start"] == [message]
        assert session_errors(response, 0)["start"] == [message]
    if desk == "en":
        assert message == "Enter a time as 09:30 (hours:minutes)."
    page = response.content.decode()
    assert escape(message) in page
    assert f'value="{typed}"' in page  # as typed
    jwg4.refresh_from_db()
    assert jwg4.start == at(9, 0)
    assert jwg4.sessions.get(order=1).start is None


def test_an_hour_of_one_digit_is_still_taken(editor_client, jwg4):
    """Only the minute needs two digits: 9.30 is 09:30, while 9.5 is refused."""
    for typed, taken in (("9.30", True), ("9.5", False)):
        data = existing_meeting_form(jwg4) | {
            "sessions-0-start_0": "2022-03-24",
            "sessions-0-start_1": typed,
        }
        response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
        assert (response.status_code == 302) is taken, typed
    assert jwg4.sessions.get(order=1).start == at(9, 30)
