"""A meeting's sessions as a tester edited them at 390 px: times to the minute
in the desk's language (they showed "09.30.00"), one empty session row, new
sessions numbered in the order typed with no gap (a session typed in the
third of three empty rows, numbered 8, 9 and 10, was saved as 10), and titles
in a box of two lines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from agencies.models import Meeting, MeetingSession
from tests.agencies.factories import MeetingSessionFactory
from tests.agencies.test_admin import existing_meeting_form
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def timed(jwg4):
    """The 4th JWG, its first session from 09.30 to 10.15 in Jakarta."""
    first = jwg4.sessions.get(order=1)
    first.start = dt.datetime(2022, 3, 24, 9, 30, tzinfo=JAKARTA)
    first.end = dt.datetime(2022, 3, 24, 10, 15, tzinfo=JAKARTA)
    first.save()
    return jwg4


@pytest.fixture
def english_desk(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return editor_client


def sessions_formset(page):
    return next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "sessions"
    )


def test_the_indonesian_desk_shows_the_times_to_the_minute(editor_client, timed):
    page = editor_client.get(admin_url(Meeting, "change", timed.pk))
    html = page.content.decode()
    assert 'name="start_1" value="09.00"' in html
    assert 'name="end_1" value="13.00"' in html
    assert 'name="sessions-0-start_1" value="09.30"' in html
    assert 'name="sessions-0-end_1" value="10.15"' in html
    assert ".00.00" not in html and "09.30.00" not in html
    # Saved again as shown: nothing moves.
    response = editor_client.post(
        admin_url(Meeting, "change", timed.pk), admin_form_data(page)
    )
    assert response.status_code == 302
    timed.refresh_from_db()
    assert timed.start == dt.datetime(2022, 3, 24, 9, 0, tzinfo=JAKARTA)
    assert timed.sessions.get(order=1).end == dt.datetime(
        2022, 3, 24, 10, 15, tzinfo=JAKARTA
    )


def test_the_english_desk_shows_the_times_to_the_minute(english_desk, timed):
    html = english_desk.get(admin_url(Meeting, "change", timed.pk)).content.decode()
    assert 'name="start_1" value="09:00"' in html
    assert 'name="sessions-0-start_1" value="09:30"' in html
    assert "09:30:00" not in html


def test_either_desk_takes_a_time_with_either_separator_seconds_or_not(
    editor_client, timed
):
    # An Indonesian agenda's 09.30 typed on the English desk was refused.
    at = dt.datetime(2022, 3, 24, 9, 30, tzinfo=JAKARTA)
    for desk in ("id", "en"):
        editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk
        for typed in ("09.30", "09:30", "09:30:00", "09.30.00"):
            data = existing_meeting_form(timed) | {
                "start_1": typed,
                "sessions-0-start_0": "2022-03-24",
                "sessions-0-start_1": typed,
            }
            response = editor_client.post(admin_url(Meeting, "change", timed.pk), data)
            assert response.status_code == 302, (desk, typed)
            timed.refresh_from_db()
            assert timed.start == at, (desk, typed)
            assert timed.sessions.get(order=1).start == at, (desk, typed)


def test_the_sessions_open_with_one_empty_row_unnumbered(editor_client, jwg4):
    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    formset = sessions_formset(page)
    assert len(formset.extra_forms) == 1
    assert formset.extra_forms[0]["order"].value() is None
    html = page.content.decode()
    assert 'name="sessions-7-title"' in html
    assert 'name="sessions-8-title"' not in html


def test_a_session_typed_in_the_third_empty_row_takes_the_next_number(
    editor_client, jwg4
):
    # A page with three empty rows numbered 8, 9 and 10, as the desk showed
    # them: the editor types in the third.
    data = existing_meeting_form(jwg4) | {
        "sessions-TOTAL_FORMS": "10",
        "sessions-7-order": "8",
        "sessions-8-order": "9",
        "sessions-9-order": "10",
        "sessions-9-title": "Penutupan",
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302
    assert list(jwg4.sessions.values_list("order", flat=True)) == list(range(1, 9))
    assert jwg4.sessions.get(title="Penutupan").order == 8


def test_new_sessions_are_numbered_in_the_order_of_their_rows_whatever_is_sent(
    editor_client, jwg4
):
    data = existing_meeting_form(jwg4) | {
        "sessions-TOTAL_FORMS": "11",
        "sessions-7-order": "12",
        "sessions-7-title": "Penutupan",
        "sessions-8-order": "",
        "sessions-9-order": "3",
        "sessions-9-title": "Konferensi pers",
        "sessions-10-order": "0",
        "sessions-10-title": "Makan malam",
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302
    assert list(jwg4.sessions.values_list("order", "title"))[-3:] == [
        (8, "Penutupan"),
        (9, "Konferensi pers"),
        (10, "Makan malam"),
    ]


def test_a_new_session_goes_after_one_a_colleague_saved_since(editor_client, jwg4):
    data = existing_meeting_form(jwg4) | {
        "sessions-TOTAL_FORMS": "8",
        "sessions-7-order": "8",
        "sessions-7-title": "Penutupan",
    }
    MeetingSessionFactory(meeting=jwg4, order=8, title="Kunjungan lapangan")
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302
    assert list(jwg4.sessions.values_list("order", "title"))[-2:] == [
        (8, "Kunjungan lapangan"),
        (9, "Penutupan"),
    ]


def test_a_new_sessions_number_is_not_typed(editor_client, jwg4):
    html = editor_client.get(admin_url(Meeting, "change", jwg4.pk)).content.decode()
    new_row = html.split('name="sessions-7-order"')[1].split(">")[0]
    saved_row = html.split('name="sessions-0-order"')[1].split(">")[0]
    assert "readonly" in new_row and "readonly" not in saved_row


def test_a_session_title_wraps_on_two_lines_and_is_saved_on_one(editor_client, jwg4):
    html = editor_client.get(admin_url(Meeting, "change", jwg4.pk)).content.decode()
    assert '<textarea name="sessions-0-title" cols="40" rows="2"' in html
    assert '<textarea name="sessions-0-title_en" cols="40" rows="2"' in html
    data = existing_meeting_form(jwg4) | {
        "sessions-0-title": "Penilaian ancaman\r\n  terorisme  \r\n\r\nglobal",
        "sessions-0-title_en": "Threat\nassessment",
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302
    first = MeetingSession.objects.get(meeting=jwg4, order=1)
    assert first.title == "Penilaian ancaman terorisme global"
    assert first.title_en == "Threat assessment"
