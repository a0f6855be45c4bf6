"""A reader's report of a comment, in Chromium: details longer than a report
keeps are said under their box as they are typed ("Too long to send: 600
characters, at most 500."), under a story the page cache shares as on the
page of a report sent back; sending them is still refused, the text kept."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from articles.models import CommentFlag
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.test_editor import assert_clean, watched

pytestmark = pytest.mark.e2e

DETAILS = ("Komentar ini menyerang pembaca lain. " * 17)[:600]  # "…Komentar"


@pytest.fixture
def comment(transactional_db, e2e_settings):
    e2e_settings.NEWSROOM_PAGE_CACHE = True  # the live server runs in this process
    e2e_settings.READER_RATES = {"comment": ["100/m"], "flag": ["100/m"]}
    cache.clear()
    story = ArticleFactory(language="en", meeting=None, comment_policy="post")
    return CommentFactory(article=story)


def test_report_details_too_long_are_counted_as_typed_and_refused_when_sent(
    open_page, comment
):
    details = DETAILS
    url = comment.article.get_absolute_url()
    assert open_page().goto(url).headers["x-page-cache"] == "miss"
    page = watched(open_page())
    assert page.goto(url).headers["x-page-cache"] == "hit"
    # "Report" opens the story's page with the form (an address of its own,
    # which the page cache does not share: it carries the form's token).
    page.locator(f"#comment-{comment.pk} .comment__action--report").click()
    expect(page.locator(f"form#report-{comment.pk}")).to_be_focused()

    box = page.locator(f"#flag-{comment.pk}-text")
    count = page.locator(f"#flag-{comment.pk}-text_length")
    page.select_option(f"#flag-{comment.pk}-reason", "other")
    box.fill(details[:500])
    box.press("End")
    expect(count).to_have_count(0)  # nothing said while it fits
    box.press_sequentially(details[500:503])
    expect(count).to_have_text("Too long to send: 503 characters, at most 500.")
    box.fill(details)
    expect(count).to_have_text("Too long to send: 600 characters, at most 500.")
    expect(count).to_be_visible()
    expect(count).to_have_attribute("aria-live", "polite")
    described = box.get_attribute("aria-describedby").split()
    assert described == [
        f"flag-{comment.pk}-{id_}" for id_ in ("text-help", "text_length")
    ]
    box.fill(details[:480])
    expect(count).to_be_hidden()
    # Counted as the server counts: the spaces around the text are dropped.
    box.fill(details[:500] + "   ")
    expect(count).to_be_hidden()
    box.fill(details)
    expect(count).to_be_visible()

    # Sent all the same: refused, the text kept whole, and said as typed there.
    page.locator(f"form#report-{comment.pk} button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/flag/#report-problem$"))
    expect(page.locator("#report-problem")).to_contain_text(
        "The details can have at most 500 characters; yours have 600."
    )
    box = page.locator(f"#flag-{comment.pk}-text")
    expect(box).to_have_value(details)
    box.press("End")
    box.press_sequentially("!")
    expect(page.locator(f"#flag-{comment.pk}-text_length")).to_have_text(
        "Too long to send: 601 characters, at most 500."
    )
    assert not CommentFlag.objects.exists()
    assert_clean(page)
