"""In Chromium: the edit lock's choices on a meeting (Combine, Save mine,
Discard) look like the desk's buttons, as big as the Save buttons, at a
desk's 1280 px and a phone's 390 px; they had been chips of text."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e


@pytest.fixture
def meeting(transactional_db, e2e_settings):
    start = dt.datetime(2022, 3, 24, 9, 0, tzinfo=dt.UTC)
    return MeetingFactory(
        title="JWG ke-4 Penanggulangan Terorisme",
        slug="jwg-4",
        start=start,
        end=start + dt.timedelta(hours=4),
        host=AgencyFactory(acronym="BNPT", name="Badan Nasional", slug="bnpt"),
        summary="Pertemuan tahunan.",
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_the_edit_locks_choices_are_buttons(open_page, make_staff, meeting, width):
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    a = open_page(viewport={"width": width, "height": 900})
    admin_login(a, "redaktur-a")
    url = f"/admin/agencies/meeting/{meeting.pk}/change/"
    a.goto(url)
    a.click("input[name=_save] >> nth=0")  # a first revision in the history
    expect(a.locator(".messagelist")).to_be_visible()
    b = open_page(viewport={"width": width, "height": 900})
    admin_login(b, "redaktur-b")
    b.goto(url)
    a.goto(url)
    a.fill("#id_summary", "Pertemuan tahunan kedua negara.")
    a.click("input[name=_save] >> nth=0")
    expect(a.locator(".messagelist")).to_be_visible()

    b.fill("#id_title", "JWG ke-4: terorisme")
    b.click("input[name=_save] >> nth=0")
    choices = b.locator(".stale-save .submit-row .button")
    expect(choices).to_have_count(3)
    save = b.locator("input[name=_save]").first.bounding_box()
    for i in range(3):
        choice = choices.nth(i)
        box = choice.bounding_box()
        # As high as the Save button at least (a chip was some 20 px), its
        # text off the edges as a button's is.
        assert box["height"] >= save["height"] - 1, (i, box, save)
        padding = choice.evaluate("e => getComputedStyle(e).paddingLeft")
        assert padding == "15px", (i, padding)
        assert box["x"] + box["width"] <= width
    assert b.evaluate("document.documentElement.scrollWidth") <= width
    choices.first.scroll_into_view_if_needed()
    b.locator(".stale-save").screenshot(path=f"/tmp/stale_save_{width}.png")
