"""Back after answering a moderation question, in Chromium: the question is a
page of its own address (Post/Redirect/Get), so Back shows it again, saying
it is done, not Chromium's "Confirm Form Resubmission" (ERR_CACHE_MISS)."""

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

QUEUE = "/admin/articles/comment/"
DONE = "Done: you have answered this already."


@pytest.fixture
def flagged(transactional_db, make_staff):
    """A comment readers see, flagged by them: in the moderation queue."""
    make_staff("Moderator", "moderator")
    article = ArticleFactory(section=SectionFactory(), language="en")
    return CommentFactory(
        article=article,
        author_name="Dedi",
        text="Pejabat itu korup.",
        status=Comment.Status.APPROVED,
        flag_count=2,
    )


def test_back_after_removing_from_the_queue_shows_it_done(page, flagged):
    admin_login(page, "moderator")
    page.goto(QUEUE)
    page.locator(f'input.action-select[value="{flagged.pk}"]').check()
    page.locator('select[name="action"]').first.select_option("remove")
    page.locator('button[name="index"]').first.click()
    expect(page.locator("h1")).to_have_text("Remove from the site")
    question = page.url

    page.get_by_role("button", name="Yes, remove from the site").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "1 comment removed from the site."
    )

    response = page.go_back()

    assert response is not None and response.status == 200
    assert page.url == question
    expect(page.locator("#content")).to_contain_text(DONE)
    expect(page.get_by_role("button", name="Yes, remove from the site")).to_have_count(
        0
    )
    assert Comment.objects.get(pk=flagged.pk).status == Comment.Status.REMOVED


def test_reject_on_a_shown_comments_row_asks_and_back_shows_it_done(page, flagged):
    admin_login(page, "moderator")
    page.goto(QUEUE)

    page.get_by_role("button", name=f"Reject comment {flagged.pk} by Dedi").click()

    expect(page.locator("h1")).to_have_text("Reject and take off the site")
    assert Comment.objects.get(pk=flagged.pk).status == Comment.Status.APPROVED
    page.get_by_role("button", name="Yes, reject and take off the site").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment rejected.")

    response = page.go_back()

    assert response is not None and response.status == 200
    expect(page.locator("#content")).to_contain_text(DONE)
    assert Comment.objects.get(pk=flagged.pk).status == Comment.Status.REJECTED
