"""A meeting's change page and two slips a tester made: a session's start
typed badly ("11.5") beside its end was also told "Give the session's start
too", as if none were typed; and "asia/manila" was refused as no time zone."""

from html import escape

import pytest
from django.conf import settings
from django.utils import translation

from agencies.models import Meeting
from tests.agencies.test_admin import existing_meeting_form
from tests.agencies.test_meeting_times_typed import EXPECTED, session_errors
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

DESKS = [
    ("id", {"example": "09.30", "separator": "."}),
    ("en", {"example": "09:30", "separator": ":"}),
]


@pytest.mark.parametrize(("desk", "expected"), DESKS)
def test_a_session_start_typed_badly_beside_its_end_is_told_only_how_to_type_it(
    editor_client, jwg4, desk, expected
):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk
    data = existing_meeting_form(jwg4) | {
        "sessions-0-start_0": "2022-03-24",
        "sessions-0-start_1": "11.5",
        "sessions-0-end_0": "2022-03-24",
        "sessions-0-end_1": "12.00",
    }

    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)

    assert response.status_code == 200
    with translation.override(desk):
        typed_badly = translation.gettext(EXPECTED) % expected
        no_start = translation.gettext(
            "Give the session's start too, or leave its end empty."
        )
        # The errors as the page rendered them, in the desk's language.
        errors = session_errors(response, 0)
        assert errors["start"] == [typed_badly]
        assert "end" not in errors
    page = response.content.decode()
    assert escape(no_start) not in page
    assert escape(typed_badly) in page
    assert jwg4.sessions.get(order=1).start is None


@pytest.mark.parametrize(("desk", "expected"), DESKS)
def test_an_end_without_a_start_is_still_told_to_give_the_start(
    editor_client, jwg4, desk, expected
):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk
    data = existing_meeting_form(jwg4) | {
        "sessions-0-end_0": "2022-03-24",
        "sessions-0-end_1": "12.00",
    }

    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)

    assert response.status_code == 200
    with translation.override(desk):
        no_start = translation.gettext(
            "Give the session's start too, or leave its end empty."
        )
        assert session_errors(response, 0)["start"] == [no_start]
    assert escape(no_start) in response.content.decode()


@pytest.mark.parametrize("typed", ["asia/manila", "ASIA/MANILA", "Asia/manila"])
def test_a_time_zone_typed_in_another_case_is_saved_as_its_name(
    editor_client, jwg4, typed
):
    data = existing_meeting_form(jwg4) | {"timezone": typed}

    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)

    assert response.status_code == 302
    jwg4.refresh_from_db()
    assert jwg4.timezone == "Asia/Manila"


@pytest.mark.parametrize("desk", ["id", "en"])
def test_a_time_zone_no_case_makes_a_name_is_still_refused(editor_client, jwg4, desk):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = desk
    data = existing_meeting_form(jwg4) | {"timezone": "asia/nowhere"}

    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)

    assert response.status_code == 200
    with translation.override(desk):
        refused = translation.gettext(
            "“%(value)s” is not a time zone name such as Asia/Manila."
        ) % {"value": "asia/nowhere"}
        assert response.context["adminform"].form.errors["timezone"] == [refused]
    jwg4.refresh_from_db()
    assert jwg4.timezone == "Asia/Jakarta"
