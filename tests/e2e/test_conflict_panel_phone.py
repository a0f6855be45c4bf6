"""In Chromium: on a phone the conflict panel is focused, the refusal said
once, and its table is a column of cards, the body's lines that differ as
wide as the card; the article's Published at carries no
note about the editor's clock."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import admin_login
from tests.e2e.test_edit_conflict import ADDED, story  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e


def test_on_a_phone_what_they_changed_is_a_card_with_the_diff_at_full_width(
    open_page,
    make_staff,
    story,  # noqa: F811 (the edit conflict tests' fixture)
):
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    pages = []
    for username in ("redaktur-a", "redaktur-b"):
        page = open_page(viewport={"width": 390, "height": 844})
        admin_login(page, username)
        page.goto(f"/admin/articles/article/{story.pk}/change/")
        pages.append(page)
    a, b = pages
    body_a = a.locator("#id_body")
    body_a.fill(body_a.input_value().replace("teror.", f"teror. {ADDED}"))
    a.click("input[name=_save] >> nth=0")
    expect(a.locator(".messagelist")).to_be_visible()
    assert ADDED in Article.objects.get(pk=story.pk).body

    b.fill("#id_title", "Delegasi Filipina tiba, BNPT menyambut")
    b.click("input[name=_save] >> nth=0")
    panel = b.locator(".conflict-panel")
    expect(panel).to_be_visible()
    # Said once, in the panel, focused when the page opens (stale_save.js):
    # no "Please correct the error below." above it.
    expect(panel).to_be_focused()
    expect(b.locator(".errornote")).to_have_count(0)

    # The body's lines that differ, as saved now (the table is a meeting's:
    # admin/history/includes/versions.html).
    diff = panel.locator(".history-changes td.history-diff", has_text=ADDED)
    expect(diff).to_have_count(1)
    # Three columns had left the diff some 150 px beside an empty 12em
    # column of field names: two or three words a line.
    assert diff.bounding_box()["width"] >= 300
    name = panel.locator(".history-changes tbody th[scope='row']").first
    assert name.bounding_box()["y"] < diff.bounding_box()["y"]  # above it
    # Nothing wider than the phone.
    assert b.evaluate("document.documentElement.scrollWidth") <= 390


def test_published_at_carries_no_note_about_the_editors_clock(
    open_page,
    make_staff,
    story,  # noqa: F811 (the edit conflict tests' fixture)
):
    # The editor's computer in London, 7 hours behind the desk's WIB: Django
    # said "Note: You are 7 hours behind server time." under Published at.
    make_staff("Editor", "redaktur")
    page = open_page(timezone_id="Europe/London")
    admin_login(page, "redaktur")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.wait_for_load_state("load")

    expect(page.locator("#id_published_at_0")).to_be_attached()
    assert page.locator(".timezonewarning").count() == 0
