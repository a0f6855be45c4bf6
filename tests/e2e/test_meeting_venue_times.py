"""In Chromium: a meeting's times typed in the venue's zone carry no note
about the editor's clock, and the meeting page puts its facts (when, where,
host) near the top of a phone's screen."""

import datetime as dt

import pytest

from tests.agencies.factories import (
    AgencyFactory,
    MeetingFactory,
    MeetingSessionFactory,
)
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

MANILA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def meeting(transactional_db, e2e_settings):
    start = dt.datetime(2022, 3, 24, 9, 0, tzinfo=MANILA)
    meeting = MeetingFactory(
        title="JWG ke-4 Penanggulangan Terorisme",
        slug="jwg-4",
        start=start,
        end=start + dt.timedelta(hours=4),
        timezone="Asia/Manila",
        city="Manila",
        country="PH",
        host=AgencyFactory(acronym="BNPT", name="Badan Nasional", slug="bnpt"),
        summary="Pertemuan tahunan. " * 40,
    )
    for order in range(1, 8):
        MeetingSessionFactory(
            meeting=meeting,
            order=order,
            title=f"Sesi {order}: kerja sama perbatasan dan pertukaran informasi",
            summary="Pembahasan. " * 30,
        )
    return meeting


def test_the_venues_times_carry_no_note_about_the_editors_clock(
    open_page, make_staff, meeting
):
    # The editor's computer in London, 7 hours behind the server's WIB: Django
    # said "Note: You are 7 hours behind server time." under times typed in
    # Manila's, and its "Now" and "Today" filled in the desk's clock.
    make_staff("Editor", "redaktur")
    page = open_page(timezone_id="Europe/London")
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/meeting/{meeting.pk}/change/")
    page.wait_for_load_state("load")

    assert page.locator(".timezonewarning").count() == 0
    for field in ("#id_start_0", "#id_start_1", "#id_sessions-0-start_1"):
        shortcuts = (
            page.locator(field).locator("xpath=..").locator(".datetimeshortcuts")
        )
        assert shortcuts.count() == 0, field
    assert page.locator("#id_start_0").input_value() == "2022-03-24"
    assert page.locator("#id_start_1").input_value()[:5] in ("09:00", "09.00")


def test_the_facts_come_first_on_a_phone_and_beside_the_agenda_on_a_wide_screen(
    open_page, meeting
):
    phone = open_page(viewport={"width": 390, "height": 844})
    phone.goto(meeting.get_absolute_url())
    facts = phone.locator("#facts-heading").bounding_box()
    summary = phone.locator("#summary-heading").bounding_box()
    agenda = phone.locator("#sessions-heading").bounding_box()
    assert facts["y"] < summary["y"] < agenda["y"]
    assert facts["y"] < 844  # on the first screen

    wide = open_page(viewport={"width": 1280, "height": 900})
    wide.goto(meeting.get_absolute_url())
    facts = wide.locator(".meeting-layout__facts").bounding_box()
    main = wide.locator(".two-column__main").bounding_box()
    assert facts["x"] > main["x"] + main["width"]  # the side column
    assert abs(facts["y"] - main["y"]) < 2  # level with the summary
