"""A one-click decision in the moderation queue brings the moderator back to
their place: the same filters and page, the next row focused."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Comment, CommentReason
from tests.articles.comment_factories import CommentFactory, CommentReasonFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

QUEUE = "/admin/articles/comment/?reason=links"


@pytest.fixture
def held_for_links(transactional_db, make_staff):
    """Eight comments held for their links, and one held for another reason."""
    make_staff("Moderator", "moderator")
    article = ArticleFactory(section=SectionFactory(), language="en")
    held = [
        CommentReasonFactory(
            comment=CommentFactory(article=article, pending=True),
            code=CommentReason.Code.LINKS,
        ).comment
        for _ in range(8)
    ]
    CommentReasonFactory(
        comment=CommentFactory(article=article, pending=True),
        code=CommentReason.Code.BANNED_WORD,
    )
    return held


def row_box(page, index):
    row = page.locator("#result_list tbody tr").nth(index)
    return row.locator("input.action-select")


def test_after_a_row_decision_the_next_row_has_the_focus(page, held_for_links):
    page.set_viewport_size({"width": 1280, "height": 900})
    admin_login(page, "moderator")
    page.goto(QUEUE)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(8)
    decided = row_box(page, 5).get_attribute("value")
    following = row_box(page, 6).get_attribute("value")

    # By keyboard: Enter on the sixth row's Reject.
    rows.nth(5).locator('button[value="reject"]').focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"\?reason=links#comment-{following}$"))
    expect(rows).to_have_count(7)
    next_box = page.locator(f'#result_list input.action-select[value="{following}"]')
    expect(next_box).to_be_focused()
    expect(next_box.locator("xpath=ancestor::tr")).to_be_in_viewport(ratio=1)
    # Two Tabs on (past the comment's link), that row's Approve.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(
        page.locator(f'button[formaction$="/{following}/moderate/"][value="approve"]')
    ).to_be_focused()
    assert Comment.objects.get(pk=decided).status == Comment.Status.REJECTED

    # On the last row, the one before it is next.
    last = row_box(page, 6).get_attribute("value")
    before = row_box(page, 5).get_attribute("value")
    with page.expect_navigation():
        rows.nth(6).locator('button[value="approve"]').click()
    expect(page).to_have_url(re.compile(rf"\?reason=links#comment-{before}$"))
    expect(
        page.locator(f'#result_list input.action-select[value="{before}"]')
    ).to_be_focused()
    assert Comment.objects.get(pk=last).status == Comment.Status.APPROVED


def test_a_decision_near_the_top_leaves_its_message_in_view(page, held_for_links):
    """Centred on the next row, the page had scrolled the "1 comment
    rejected." half above the window (a tester, at 1280 px)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    admin_login(page, "moderator")
    page.goto(QUEUE)
    following = row_box(page, 2).get_attribute("value")

    with page.expect_navigation():
        page.locator("#result_list tbody tr").nth(1).locator(
            'button[value="reject"]'
        ).click()

    expect(page).to_have_url(re.compile(rf"\?reason=links#comment-{following}$"))
    expect(page.locator(".messagelist")).to_be_in_viewport(ratio=1)
    expect(page.locator(".messagelist")).to_contain_text("1 comment rejected")
    expect(
        page.locator(f'#result_list input.action-select[value="{following}"]')
    ).to_be_focused()
    assert page.evaluate("() => window.scrollY") == 0


def test_on_a_phone_the_message_stays_in_view_above_the_next_row(page, held_for_links):
    """A phone's cards put the next row a screen down: the page scrolls to
    it, and "1 comment approved." had been left above the window."""
    page.set_viewport_size({"width": 390, "height": 844})
    admin_login(page, "moderator")
    page.goto(QUEUE)
    following = row_box(page, 1).get_attribute("value")

    with page.expect_navigation():
        page.locator("#result_list tbody tr").first.locator(
            'button[value="approve"]'
        ).click()

    next_box = page.locator(f'#result_list input.action-select[value="{following}"]')
    expect(next_box).to_be_focused()
    assert page.evaluate("() => window.scrollY") > 0  # a screen down
    said = page.locator(".messagelist")
    expect(said).to_contain_text("1 comment approved")
    expect(said).to_be_in_viewport(ratio=1)
    # Not over the row it brought the moderator to.
    row = next_box.locator("xpath=ancestor::tr")
    assert (
        said.bounding_box()["y"] + said.bounding_box()["height"]
        <= (row.bounding_box()["y"])
    )
