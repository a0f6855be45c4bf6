"""In Chromium at 390 px: a meeting's long session titles are read whole in
their boxes of two lines (a one-line box showed a title's first 30 letters),
the times to the minute, and one empty session row."""

import datetime as dt

import pytest

from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

TITLE = "Penilaian ancaman terorisme di tingkat global, regional, dan domestik"
TITLE_EN = "Assessment of the terrorist threat at global and regional level"

# Whether all of a field's text is in sight: nothing scrolled out of its box.
WHOLE = "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"


@pytest.fixture
def meeting(transactional_db, e2e_settings, make_staff):
    make_staff("Editor", "redaktur")
    start = dt.datetime(2022, 3, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    meeting = MeetingFactory(start=start, end=start + dt.timedelta(hours=4))
    MeetingSessionFactory(
        meeting=meeting,
        order=1,
        title=TITLE,
        title_en=TITLE_EN,
        start=start,
        end=start + dt.timedelta(hours=1),
    )
    return meeting


def test_on_a_phone_a_long_session_title_is_read_whole(open_page, meeting):
    page = open_page(viewport={"width": 390, "height": 844})
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/meeting/{meeting.pk}/change/")
    group = page.locator("#sessions-group")
    for name in ("title", "title_en"):
        field = group.locator(f"#id_sessions-0-{name}")
        assert field.evaluate(WHOLE), name
        assert field.bounding_box()["width"] >= 300, name
    # To the minute, in the desk's language (the browser's: 09:30 in English).
    for time in (page.locator("#id_start_1"), group.locator("#id_sessions-0-start_1")):
        assert time.input_value() in ("09.30", "09:30")
    # One empty row for a new session; "Add another" adds the next.
    assert group.locator("#id_sessions-1-title").count() == 1
    assert group.locator("#id_sessions-2-title").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
