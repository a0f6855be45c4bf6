"""In Chromium: a meeting's sessions in the desk show their titles whole
enough to read (in eight equal columns at 1280 px a title showed its first
14 letters, "Penilaian anca"), and fit a phone's screen."""

import pytest

from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

TITLE = "Penilaian ancaman terorisme di tingkat global, regional, dan domestik"


@pytest.fixture
def meeting(transactional_db, e2e_settings, make_staff):
    make_staff("Editor", "redaktur")
    meeting = MeetingFactory()
    for order in range(1, 4):
        MeetingSessionFactory(
            meeting=meeting,
            order=order,
            title=TITLE,
            title_en="Assessment of the terrorist threat at every level",
            summary="Pembahasan. " * 30,
        )
    return meeting


def sessions(page, meeting):
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/meeting/{meeting.pk}/change/")
    return page.locator("#sessions-group")


def test_on_a_laptop_the_session_titles_are_wide_enough_to_read(open_page, meeting):
    page = open_page(viewport={"width": 1280, "height": 900})
    group = sessions(page, meeting)
    em = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector("
        "'#id_sessions-0-title')).fontSize)"
    )
    for name in ("title", "title_en"):
        box = group.locator(f"#id_sessions-0-{name}").bounding_box()
        assert box["width"] >= 20 * em, (name, box)
    # Every field of a session stays in sight: none past the inline's box.
    inline = group.locator(".tabular").bounding_box()
    for name in ("title_en", "summary_en", "end_0", "DELETE"):
        box = group.locator(f"#id_sessions-0-{name}").bounding_box()
        assert box["x"] + box["width"] <= inline["x"] + inline["width"], name
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_on_a_phone_the_sessions_fit_the_screen(open_page, meeting):
    page = open_page(viewport={"width": 390, "height": 844})
    group = sessions(page, meeting)
    box = group.locator("#id_sessions-0-title").bounding_box()
    assert box["width"] >= 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table = group.locator(".tabular")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth")
