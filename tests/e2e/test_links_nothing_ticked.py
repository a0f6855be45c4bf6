"""Suggest links in Chromium (static/js/links_ticked.js): "Link the ticked
suggestions" had stayed on with nothing ticked, and pressed answered
"Nothing changed: what was ticked is linked or recorded already." It is off,
"Tick a suggestion to link it." beside it, while nothing is ticked: checked
on every change, and on a page shown again by Back. The answer of the server
to such a press, without the script: tests/articles/test_links_nothing_ticked.py."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched

pytestmark = pytest.mark.e2e

HINT = "Tick a suggestion to link it."


@pytest.fixture
def draft(transactional_db, make_staff):
    """A reporter's draft naming BNPT and NICA, linked to neither, and an
    ambiguous BI (two candidates); the reporter."""
    reporter = make_staff("Reporter", "pewarta")
    AgencyFactory(acronym="BNPT", name="Badan BNPT", country="ID", slug="bnpt")
    AgencyFactory(acronym="NICA", name="Badan NICA", country="PH", slug="nica")
    AgencyFactory(acronym="BI", name="Bank Indonesia", country="ID", slug="bi")
    AgencyFactory(
        acronym="BI", name="Bureau of Immigration", country="PH", slug="bi-ph"
    )
    return ArticleFactory(
        title="BNPT dan NICA bertemu",
        body="BNPT dan NICA membahas data perbatasan. Pejabat BI ikut hadir.",
        section=SectionFactory(),
        created_by=reporter,
        status=Article.Status.DRAFT,
        published_at=None,
    )


def links_page(open_page, draft):
    page = watched(open_page(viewport={"width": 1280, "height": 900}))
    admin_login(page, "pewarta")
    page.goto(f"/admin/articles/article/{draft.pk}/links/")
    return page


def button(page):
    return page.locator('input[name="_link"]')


def expect_off(page):
    expect(button(page)).to_be_disabled()
    hint = page.locator("#link-none-ticked")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(HINT)
    expect(button(page)).to_have_accessible_description(HINT)


def expect_on(page):
    expect(button(page)).to_be_enabled()
    expect(page.locator("#link-none-ticked")).to_be_hidden()


def test_the_button_is_off_with_its_hint_while_nothing_is_ticked(open_page, draft):
    page = links_page(open_page, draft)
    boxes = page.locator('input[name="agencies"]')
    expect(boxes).to_have_count(2)
    expect_on(page)  # both offered ticked

    boxes.nth(0).uncheck()
    expect_on(page)
    boxes.nth(1).uncheck()
    expect_off(page)

    boxes.nth(1).check()
    expect_on(page)
    boxes.nth(1).uncheck()
    expect_off(page)

    # A candidate of the ambiguous BI counts; "none of them" does not.
    page.get_by_label("BI: Bureau of Immigration (PH)").check()
    expect_on(page)
    page.get_by_label("none of them").check()
    expect_off(page)
    assert_clean(page)


def test_a_page_shown_again_by_back_is_checked_again(open_page, draft):
    page = links_page(open_page, draft)
    page.locator('input[name="agencies"]').nth(0).uncheck()
    expect_on(page)

    # What the browser does when it shows the page again (Back): the boxes
    # put back as they were left, no change event, then pageshow.
    page.evaluate(
        """() => {
          document.querySelectorAll('input[name="agencies"]')
            .forEach((box) => { box.checked = false; });
          window.dispatchEvent(
            new PageTransitionEvent('pageshow', {persisted: true}));
        }"""
    )
    expect_off(page)
    page.evaluate(
        """() => {
          document.querySelector('input[name="agencies"]').checked = true;
          window.dispatchEvent(
            new PageTransitionEvent('pageshow', {persisted: true}));
        }"""
    )
    expect_on(page)

    # Back for real, nothing ticked when the page was left: the button
    # agrees with the boxes the page comes back with.
    page.locator('input[name="agencies"]').nth(0).uncheck()
    expect_off(page)
    page.get_by_role("link", name="Back to the article").first.click()
    page.wait_for_url(f"**/admin/articles/article/{draft.pk}/change/")
    page.go_back()
    page.wait_for_url(f"**/admin/articles/article/{draft.pk}/links/")
    page.wait_for_load_state("load")
    ticked = page.locator('input[name="agencies"]:checked').count()
    if ticked:
        expect_on(page)
    else:
        expect_off(page)
    assert_clean(page)


def test_a_press_linking_what_is_ticked_still_links_it(open_page, draft):
    page = links_page(open_page, draft)
    page.locator('input[name="agencies"]').nth(1).uncheck()

    button(page).click()

    page.wait_for_url(f"**/admin/articles/article/{draft.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("1 change saved")
    linked = Article.objects.get(pk=draft.pk).agencies.values_list("acronym", flat=True)
    assert list(linked) == ["BNPT"]
