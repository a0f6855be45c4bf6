"""A comment sent back in Chromium: the error and the text are on the page,
and Back, Forward and reload show them again without sending the form again
(they had shown "Confirm Form Resubmission", ERR_CACHE_MISS, or sent it)."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

TOO_LONG = ("Terlalu panjang. " * 400).strip()  # 6,799 characters
SCRIPTS = pytest.mark.parametrize(
    "scripts", [True, False], ids=["with scripts", "without scripts"]
)


@pytest.fixture
def story(transactional_db, e2e_settings):
    cache.clear()
    return ArticleFactory(language="en", meeting=None, comment_policy="post")


@SCRIPTS
def test_back_forward_and_reload_after_a_refused_comment_send_nothing_again(
    open_page, story, scripts
):
    page = open_page(java_script_enabled=scripts)
    posts = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    page.goto(story.get_absolute_url())
    page.fill("#new-comment-author_name", "Sari")
    page.fill("#new-comment-author_email", "sari@example.org")
    page.fill("#new-comment-text", TOO_LONG)
    page.locator("#new-comment button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/comments/#comment-errors$"))
    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(
        "A comment can have at most 5,000 characters; yours has 6,799."
    )
    expect(page.locator("#new-comment-text")).to_have_value(TOO_LONG)
    assert len(posts) == 1

    page.locator(".site-header a").first.click()  # on to another page
    expect(page).not_to_have_url(re.compile(r"/comments/"))
    page.go_back()
    expect(summary).to_contain_text("yours has 6,799.")
    expect(page.locator("#new-comment-text")).to_have_value(TOO_LONG)
    page.reload()
    expect(summary).to_contain_text("yours has 6,799.")
    expect(page.locator("#new-comment-text")).to_have_value(TOO_LONG)
    page.go_back()  # the story as it was before the comment was sent
    expect(page).to_have_url(re.compile(re.escape(story.get_absolute_url()) + "$"))
    page.go_forward()
    expect(summary).to_contain_text("yours has 6,799.")
    assert len(posts) == 1, posts  # the form was never sent again

    # Shortened, it is posted; Back then leads to the story, not the form.
    page.fill("#new-comment-text", "Sekarang lebih pendek.")
    page.locator("#new-comment button[type=submit]").click()
    expect(page.locator(".comment__text").first).to_have_text("Sekarang lebih pendek.")
    page.go_back()
    expect(page.locator("#comment-errors")).to_have_count(0)
    assert len(posts) == 2, posts


def test_a_comment_from_a_shared_page_without_scripts_comes_back_ready_once(
    open_page, story, e2e_settings
):
    """The page cache's page carries no token: the first press collects it,
    the comment comes back ready to send, and Back or reload send nothing."""
    e2e_settings.NEWSROOM_PAGE_CACHE = True
    page = open_page(java_script_enabled=False)
    posts = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    page.goto(story.get_absolute_url())
    page.fill("#new-comment-author_name", "Sari")
    page.fill("#new-comment-author_email", "sari@example.org")
    page.fill("#new-comment-text", "Tanpa skrip.")
    page.locator("#new-comment button[type=submit]").click()

    summary = page.locator("#comment-errors")
    expect(summary).to_contain_text("Your comment is ready to send")
    expect(page.locator("#new-comment-text")).to_have_value("Tanpa skrip.")
    page.reload()
    expect(summary).to_contain_text("Your comment is ready to send")
    assert len(posts) == 1, posts

    page.locator("#new-comment button[type=submit]").click()
    expect(page.locator(".comment__text").first).to_have_text("Tanpa skrip.")
    page.go_back()
    expect(page.locator("#comment-errors")).to_have_count(0)
    assert len(posts) == 2, posts
