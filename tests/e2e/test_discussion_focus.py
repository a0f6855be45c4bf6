"""The discussion hands the keyboard's focus to what its addresses name, with
or without scripts: a form sent back, its error summary; "Reply" or "Report",
the form it opened, on the page its comment is now on."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

SCRIPTS = pytest.mark.parametrize(
    "scripts", [True, False], ids=["with scripts", "without scripts"]
)


@pytest.fixture
def discussion(transactional_db, settings):
    """Five threads, two a page (newest first: 5 4 | 3 2 | 1), from many
    readers: one reader may send and report several times in a test."""
    settings.COMMENTS_PER_PAGE = 2
    settings.READER_RATES = {"comment": ["100/m"], "flag": ["100/m"]}
    cache.clear()
    story = ArticleFactory(meeting=None, comment_policy="post")
    comments = [CommentFactory(article=story) for _ in range(5)]
    return story, comments


@SCRIPTS
def test_an_old_reply_link_opens_its_comment_s_page_with_the_form_focused(
    open_page, discussion, scripts
):
    story, comments = discussion
    oldest = comments[0]  # on page 1 when the link was made, now on page 3
    page = open_page(java_script_enabled=scripts)
    page.goto(f"{story.get_absolute_url()}?reply={oldest.pk}#reply-{oldest.pk}")
    form = page.locator(f"#reply-{oldest.pk}")
    expect(form).to_be_focused()
    expect(page.locator(".pagination__current")).to_contain_text("3")
    page.keyboard.press("Tab")
    expect(page.locator(f"#reply-{oldest.pk}-author_name")).to_be_focused()


@SCRIPTS
def test_a_comment_sent_back_focuses_its_error_summary(open_page, discussion, scripts):
    story, _comments = discussion
    page = open_page(java_script_enabled=scripts)
    page.goto(story.get_absolute_url())
    page.fill("#new-comment-author_email", "bukan-email")
    page.fill("#new-comment-text", "Teks saya.")
    page.locator("#new-comment button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/comments/#comment-errors$"))
    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")


@SCRIPTS
def test_reply_and_report_hand_the_focus_to_their_forms(open_page, discussion, scripts):
    story, comments = discussion
    newest = comments[-1]
    page = open_page(java_script_enabled=scripts)
    page.goto(story.get_absolute_url())

    page.locator(f"#comment-{newest.pk} .comment__action--reply").click()
    expect(page.locator(f"#reply-{newest.pk}")).to_be_focused()
    page.keyboard.press("Tab")
    name = page.locator(f"#reply-{newest.pk}-author_name")
    expect(name).to_be_focused()
    # Sent back with a mistake: its summary, in the reply form, has the focus.
    page.fill(f"#reply-{newest.pk}-author_email", "bukan-email")
    page.fill(f"#reply-{newest.pk}-text", "Balasan saya.")
    page.locator(f"#reply-{newest.pk} button[type=submit]").click()
    summary = page.locator(f"#reply-{newest.pk} #comment-errors")
    expect(summary).to_be_focused()

    page.goto(story.get_absolute_url())
    page.locator(f"#comment-{newest.pk} .comment__action--report").click()
    expect(page.locator(f"form#report-{newest.pk}")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(f"#flag-{newest.pk}-reason")).to_be_focused()
    # "Other" without a word: sent back, why it was not sent focused.
    page.select_option(f"#flag-{newest.pk}-reason", "other")
    page.locator(f"#comment-{newest.pk} .flag-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/flag/#report-problem$"))
    expect(page.locator("#report-problem")).to_be_focused()


def test_a_reply_link_to_a_comment_taken_down_focuses_the_notice(page, discussion):
    story, comments = discussion
    gone = comments[0]
    gone.status = gone.Status.REMOVED
    gone.save(update_fields=["status"])
    page.goto(f"{story.get_absolute_url()}?reply={gone.pk}#reply-{gone.pk}")
    notice = page.locator(f"#reply-{gone.pk}")
    expect(notice).to_be_focused()
    expect(notice).to_have_attribute("role", "status")
