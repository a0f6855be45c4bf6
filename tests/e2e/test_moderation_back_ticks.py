"""Back to the moderation queue after an action, in Chromium at 390 px: the
list is read again, and the browser had put the ticks back by their place,
onto the rows that had moved up into it (comments nobody chose), with the
action still chosen; one more "Go" rejected them. Nothing is ticked now, and
"Go" without a choice does nothing. A list shown again from the back/forward
cache (pageshow, persisted) is cleared by the queue's script."""

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

QUEUE = "/admin/articles/comment/"
PHONE = {"width": 390, "height": 844}
Status = Comment.Status


@pytest.fixture
def five_waiting(transactional_db, make_staff):
    """Five comments waiting for moderation, oldest first; a moderator."""
    make_staff("Moderator", "moderator")
    article = ArticleFactory(section=SectionFactory(), language="en")
    return [
        CommentFactory(article=article, author_name=f"Pembaca {n}", pending=True)
        for n in range(5)
    ]


def ticked(page) -> list[str]:
    return page.locator("input.action-select").evaluate_all(
        "boxes => boxes.filter(box => box.checked).map(box => box.value)"
    )


def statuses(comments) -> list[str]:
    by_id = dict(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list(
            "pk", "status"
        )
    )
    return [by_id[c.pk] for c in comments]


def test_back_after_rejecting_ticks_nothing_and_go_does_nothing(
    open_page, five_waiting
):
    page = open_page(viewport=PHONE)
    admin_login(page, "moderator")
    page.goto(QUEUE)
    first, second, *rest = five_waiting
    for comment in (first, second):
        page.locator(f'input.action-select[value="{comment.pk}"]').check()
    page.locator('select[name="action"]').first.select_option("reject")
    page.locator('button[name="index"]').first.click()
    expect(page.locator(".messagelist")).to_contain_text("2 comments rejected.")

    page.go_back()

    expect(page.locator("input.action-select")).to_have_count(3)
    page.wait_for_load_state("load")
    assert ticked(page) == []
    assert page.locator('select[name="action"]').first.input_value() == ""
    expect(page.locator(".action-counter").first).to_have_text("0 of 3 selected")

    page.locator('button[name="index"]').first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert statuses(five_waiting) == [Status.REJECTED] * 2 + [Status.PENDING] * 3


def test_a_queue_shown_again_from_the_back_forward_cache_is_cleared(
    open_page, five_waiting
):
    page = open_page(viewport=PHONE)
    admin_login(page, "moderator")
    page.goto(QUEUE)
    first, second, *rest = five_waiting
    for comment in (first, second):
        page.locator(f'input.action-select[value="{comment.pk}"]').check()
    page.locator('select[name="action"]').first.select_option("spam")
    page.locator('input[name="note"]').first.fill("for the earlier ones")
    expect(page.locator(".action-counter").first).to_have_text("2 of 5 selected")

    # What Chromium does when it shows the page from its cache.
    page.evaluate(
        "() => window.dispatchEvent("
        "new PageTransitionEvent('pageshow', {persisted: true}))"
    )

    assert ticked(page) == []
    assert page.locator('select[name="action"]').first.input_value() == ""
    assert page.locator('input[name="note"]').first.input_value() == ""
    expect(page.locator(".action-counter").first).to_have_text("0 of 5 selected")
    expect(page.locator("tr.selected")).to_have_count(0)
    assert statuses(five_waiting) == [Status.PENDING] * 5
