"""What readers see around a story: comment counts as numbers are written in
the page's language, right-to-left comments laid out as such, and the
story's address on paper."""

import re

import pytest
from django.utils import translation

from articles.models import Article
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def with_comment_count(article, count):
    """`article` as the services keep it with `count` approved comments."""
    Article.objects.filter(pk=article.pk).update(approved_comment_count=count)
    return article


@pytest.fixture
def discussed(section):
    """A story in each edition, each with 1,234 approved comments."""
    return {
        language: with_comment_count(
            ArticleFactory(section=section, language=language), 1234
        )
        for language in ("id", "en")
    }


@pytest.mark.parametrize(
    ("home", "language", "count"),
    [("/", "id", "1.234 komentar"), ("/en/", "en", "1,234 comments")],
)
def test_comment_counts_are_written_with_thousands_separators(
    client, discussed, section, home, language, count
):
    article = discussed[language]
    pages = {
        "home": client.get(home).content.decode(),
        "section": client.get(
            section.get_absolute_url()
            if language == "id"
            else "/en" + section.get_absolute_url()
        ).content.decode(),
        "story": client.get(article.get_absolute_url()).content.decode(),
    }
    for name, html in pages.items():
        assert count in html, name
        assert "1234" not in re.sub(r'(href|id|src|content)="[^"]*"', "", html), name


def test_a_comment_and_the_comment_box_follow_the_texts_direction(client, section):
    article = ArticleFactory(section=section)
    CommentFactory(article=article, text="هذا تعليق باللغة العربية")
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<div class="comment__text" dir="auto"><p>هذا تعليق', html), (
        "the comment text is laid out by its own direction"
    )
    assert re.search(r'<textarea[^>]*name="text"[^>]*dir="auto"', html)


def test_the_story_says_its_address_for_print_and_marks_its_comments_link(
    client, section
):
    article = with_comment_count(ArticleFactory(section=section), 3)
    html = client.get(article.get_absolute_url()).content.decode()
    address = f"http://testserver{article.get_absolute_url()}"
    with translation.override("id"):
        said = translation.gettext("Story address:")  # "Alamat berita:"
    assert re.search(
        rf'<p class="story__address" hidden>{re.escape(said)} '
        rf'<span class="story__address-url">{re.escape(address)}</span></p>',
        html,
    )
    assert '<span class="comment-count"><a href="#comments">3 komentar</a>' in html


def test_the_moderation_queue_lays_a_comment_out_by_its_direction(
    moderator_client, section
):
    comment = CommentFactory(
        article=ArticleFactory(section=section), text="هذا تعليق", pending=True
    )
    listing = moderator_client.get("/admin/articles/comment/").content.decode()
    assert '<span dir="auto">هذا تعليق</span>' in listing
    form = moderator_client.get(
        f"/admin/articles/comment/{comment.pk}/change/"
    ).content.decode()
    assert re.search(r'<textarea[^>]*name="text"[^>]*dir="auto"', form) or re.search(
        r'<textarea[^>]*dir="auto"[^>]*name="text"', form
    )
