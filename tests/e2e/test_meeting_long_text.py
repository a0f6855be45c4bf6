"""In Chromium: the meeting form keeps a pasted text whole and says at the
field when it is too long to save. The browser's maxlength (500 for a
session's title, 255 for the English title) had cut a tester's paste, and
the save said "changed successfully" without a word."""

import pytest
from playwright.sync_api import expect

from tests.agencies.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
)
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched

pytestmark = pytest.mark.e2e


def pasted(words: str, length: int) -> str:
    """`length` characters of `words` repeated, a full stop last."""
    return (words * length)[: length - 1] + "."


SESSION_TITLE = pasted("Pembahasan kerja sama penanggulangan terorisme ", 600)
TITLE_EN = pasted("Joint Working Group on Combating Terrorism ", 350)


@pytest.fixture
def meeting(transactional_db, e2e_settings, make_staff):
    make_staff("Editor", "redaktur")
    meeting = MeetingFactory(series=MeetingSeriesFactory(), title_en="")
    MeetingSessionFactory(meeting=meeting, order=1, title="Pembukaan")
    return meeting


def paste(page, selector: str, text: str) -> None:
    box = page.locator(selector)
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def test_a_pasted_title_too_long_is_kept_whole_and_said_at_the_field(
    open_page, meeting
):
    page = watched(open_page(viewport={"width": 1280, "height": 1000}))
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/meeting/{meeting.pk}/change/")
    # The series is chosen, changed or added here; not deleted.
    expect(page.locator(".field-series .change-related")).to_have_count(1)
    expect(page.locator(".delete-related")).to_have_count(0)

    paste(page, "#id_title_en", TITLE_EN)
    paste(page, "#id_sessions-0-title", SESSION_TITLE)

    expect(page.locator("#id_title_en")).to_have_value(TITLE_EN)
    expect(page.locator("#id_sessions-0-title")).to_have_value(SESSION_TITLE)
    expect(page.locator("#id_title_en_length")).to_have_text(
        "Too long to save: 350 characters, at most 255."
    )
    expect(page.locator("#id_sessions-0-title_length")).to_have_text(
        "Too long to save: 600 characters, at most 500."
    )
    described = page.locator("#id_title_en").get_attribute("aria-describedby")
    assert "id_title_en_length" in described.split()

    page.locator("input[name=_continue]").click()

    # Refused, nothing lost: the server says it at each field.
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#id_title_en")).to_have_value(TITLE_EN)
    expect(page.locator("#id_sessions-0-title")).to_have_value(SESSION_TITLE)
    expect(page.locator(".field-title_en .errorlist")).to_have_text(
        "Ensure this value has at most 255 characters (it has 350)."
    )
    expect(page.get_by_text("at most 500 characters (it has 600)")).to_be_visible()

    # Cut back to what it can save, the field's note goes.
    paste(page, "#id_title_en", "4th Philippines-Indonesia JWG")
    expect(page.locator("#id_title_en_length")).to_be_hidden()
    assert_clean(page)
