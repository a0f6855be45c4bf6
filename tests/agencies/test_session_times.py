"""A session's start and end, typed in the venue's time zone as the meeting's
own times are, and checked: an end after the start, on the meeting's days.
Sessions had only a title, so editors typed "09.00–10.30" into it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, translation

from agencies.models import Meeting, MeetingSession
from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.agencies.test_admin import meeting_form
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db

MANILA = ZoneInfo("Asia/Manila")


def ui(text: str, **params) -> str:
    """`text` as the desk shows it (in Indonesian, the site's language)."""
    with translation.override("id"):
        return translation.gettext(text) % params


def day(value: dt.date) -> str:
    with translation.override("id"):
        return formats.date_format(value, "DATE_FORMAT")


@pytest.fixture
def in_manila(jwg_series, agencies, officials):
    """The 4th JWG as typed in the admin, in Manila on 24 March 2022 from
    09:00 to 13:00 there; its first session typed from 09:30 to 10:15."""
    return meeting_form(
        jwg_series,
        agencies,
        officials,
        timezone="Asia/Manila",
        **{"sessions-0-start_0": "2022-03-24", "sessions-0-start_1": "09:30"},
        **{"sessions-0-end_0": "2022-03-24", "sessions-0-end_1": "10:15"},
    )


def session_errors(response, row: int) -> dict:
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "sessions"
    )
    return formset.forms[row].errors


def test_a_sessions_times_are_typed_and_shown_again_in_the_venues_time_zone(
    editor_client, in_manila
):
    response = editor_client.post(admin_url(Meeting, "add"), in_manila)
    assert response.status_code == 302
    session = MeetingSession.objects.get(order=1)
    assert session.start == dt.datetime(2022, 3, 24, 9, 30, tzinfo=MANILA)
    assert session.end == dt.datetime(2022, 3, 24, 10, 15, tzinfo=MANILA)
    assert MeetingSession.objects.filter(start__isnull=True).count() == 6

    page = editor_client.get(admin_url(Meeting, "change", session.meeting_id))
    html = page.content.decode()
    assert 'name="sessions-0-start_0" value="2022-03-24"' in html
    assert 'name="sessions-0-start_1" value="09.30"' in html  # Indonesian
    # Saved again as shown: nothing moves.
    response = editor_client.post(
        admin_url(Meeting, "change", session.meeting_id), admin_form_data(page)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.start == dt.datetime(2022, 3, 24, 9, 30, tzinfo=MANILA)


def test_a_session_ending_before_it_starts_is_sent_back_with_everything_typed(
    editor_client, in_manila
):
    in_manila["sessions-0-end_1"] = "09:00"
    response = editor_client.post(admin_url(Meeting, "add"), in_manila)
    assert response.status_code == 200
    assert session_errors(response, 0)["end"] == [
        ui("A session must end after it starts.")
    ]
    assert not Meeting.objects.exists()
    assert 'value="09:00"' in response.content.decode()  # as typed


def test_a_session_with_an_end_and_no_start_is_sent_back(editor_client, in_manila):
    in_manila |= {"sessions-0-start_0": "", "sessions-0-start_1": ""}
    response = editor_client.post(admin_url(Meeting, "add"), in_manila)
    assert response.status_code == 200
    assert session_errors(response, 0)["start"] == [
        ui("Give the session's start too, or leave its end empty.")
    ]
    assert not Meeting.objects.exists()


def test_a_session_outside_the_meetings_days_is_sent_back_naming_them(
    editor_client, in_manila
):
    in_manila |= {"sessions-1-start_0": "2022-03-23", "sessions-1-start_1": "15:00"}
    in_manila |= {"sessions-2-start_0": "2022-03-25", "sessions-2-start_1": "09:00"}
    response = editor_client.post(admin_url(Meeting, "add"), in_manila)
    assert response.status_code == 200
    first = last = dt.date(2022, 3, 24)
    assert session_errors(response, 1)["start"] == [
        ui(
            "%(day)s is before the meeting's first day, %(first)s.",
            day=day(dt.date(2022, 3, 23)),
            first=day(first),
        )
    ]
    assert session_errors(response, 2)["start"] == [
        ui(
            "%(day)s is after the meeting's last day, %(last)s.",
            day=day(dt.date(2022, 3, 25)),
            last=day(last),
        )
    ]
    assert not Meeting.objects.exists()


def test_the_meetings_days_are_the_venues(jwg4):
    """00:30 on 25 March in Manila is the 24th in Jakarta, yet after a
    meeting held on the 24th in Manila."""
    jwg4.timezone = "Asia/Manila"
    jwg4.start = dt.datetime(2022, 3, 24, 9, 0, tzinfo=MANILA)
    jwg4.end = dt.datetime(2022, 3, 24, 23, 0, tzinfo=MANILA)
    late = MeetingSession(
        meeting=jwg4,
        title="Dinner",
        start=dt.datetime(2022, 3, 25, 0, 30, tzinfo=MANILA),
    )
    with pytest.raises(ValidationError) as refused:
        late.full_clean()
    assert list(refused.value.message_dict) == ["start"]
    late.start = dt.datetime(2022, 3, 24, 22, 0, tzinfo=MANILA)
    late.full_clean()


def test_a_meeting_without_an_end_takes_sessions_from_its_first_day_on():
    meeting = MeetingFactory(
        start=dt.datetime(2022, 3, 24, 9, 0, tzinfo=MANILA),
        end=None,
        timezone="Asia/Manila",
    )
    later = MeetingSessionFactory.build(
        meeting=meeting, start=dt.datetime(2022, 3, 26, 9, 0, tzinfo=MANILA)
    )
    later.full_clean()
    earlier = MeetingSessionFactory.build(
        meeting=meeting, start=dt.datetime(2022, 3, 23, 9, 0, tzinfo=MANILA)
    )
    with pytest.raises(ValidationError):
        earlier.full_clean()
