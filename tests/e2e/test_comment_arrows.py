"""The arrows drawn before "Reply" and "Report" under a comment, and before
the open form's summary, are not read: a screen reader named the link
"▸ Balas kepada Joel"."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

ARROWS = ("▸", "▾")


def accessible_names(page) -> list[str]:
    """Every name in Chromium's accessibility tree, as a screen reader gets it."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    names = (node.get("name", {}).get("value") for node in nodes)
    return [name for name in names if name]


@pytest.fixture
def comment(transactional_db):
    cache.clear()
    story = ArticleFactory(meeting=None, comment_policy="post", language="id")
    return CommentFactory(article=story, author_name="Joel")


def test_reply_and_report_are_named_by_their_words_alone(page, comment):
    page.goto(comment.article.get_absolute_url())
    for name in ("Balas kepada Joel", "Laporkan komentar dari Joel"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    # Drawn all the same.
    arrow = page.locator(".comment__toggle").first.evaluate(
        "link => getComputedStyle(link, '::before').content"
    )
    assert "▸" in arrow
    assert not [name for name in accessible_names(page) if name.startswith(ARROWS)]


def test_the_open_form_s_summary_is_named_by_its_words_alone(page, comment):
    pk = comment.pk
    page.goto(f"{comment.article.get_absolute_url()}?reply={pk}#reply-{pk}")
    expect(page.locator(f"#reply-{pk}-heading")).to_be_visible()
    names = accessible_names(page)
    assert "Balas kepada Joel" in names
    assert not [name for name in names if name.startswith(ARROWS)]
