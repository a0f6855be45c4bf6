"""The story page's order: the story, then its aside (the meeting it covers,
more in its section), then share links, related stories and the discussion.
The page's order is what a screen reader reads and what a phone shows in one
column (site.css places the aside beside the story from 60rem only)."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"


def position(page: str, marker: str) -> int:
    assert marker in page, marker
    return page.index(marker)


def test_the_meeting_box_comes_after_the_story_and_before_the_discussion(
    client, jwg4_article
):
    """The meeting box stood after the whole discussion: on a phone, readers
    never reached it."""
    ArticleFactory(
        section=jwg4_article.section, language="en", title="Another in the section"
    )
    page = client.get(ARTICLE_URL).content.decode()

    story_end = position(page, "</article>")
    meeting = position(page, 'id="meeting-box-heading"')
    more = position(page, 'id="more-heading"')
    share = position(page, 'id="share-heading"')
    discussion = position(page, 'id="comments-heading"')

    assert story_end < meeting < more < share < discussion


def test_a_story_with_nothing_beside_it_has_no_empty_aside(client, section):
    """An empty aside would still take its place (and its gaps) in the grid."""
    story = ArticleFactory(section=section, language="en", meeting=None)
    page = client.get(story.get_absolute_url()).content.decode()

    assert 'class="article-aside"' not in page
    assert 'id="comments-heading"' in page
