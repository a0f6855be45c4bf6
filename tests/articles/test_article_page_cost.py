"""What the story page costs, uncached: at most 6 queries with a discussion,
whatever the number of tags, agencies, people, corrections, related stories
and comments; one reply and one report form at most; the body rendered once."""

import pytest

from articles.models import Correction
from articles.rendering import sanitised_markdown
from tests.agencies.factories import AgencyFactory, MeetingFactory, PersonFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

# The article with everything it shows of its own (JSON), related stories,
# more in the section, its translations, navigation, the discussion.
STORY_WITH_DISCUSSION_QUERIES = 6


def story(section, meeting, n: int):
    agencies = AgencyFactory.create_batch(n)
    article = ArticleFactory(
        section=section,
        meeting=meeting,
        tags=[f"topik {i}" for i in range(n)],
        agencies=agencies,
        people=[PersonFactory(agency=agency) for agency in agencies],
        comment_policy="post",
        body="Rapat **koordinasi** di Jakarta.\n\n" * 20,
    )
    for i in range(n):
        Correction.objects.create(article=article, kind="update", text=f"Catatan {i}")
    return article


@pytest.mark.parametrize(("n", "comments"), [(1, 1), (8, 10)])
def test_a_story_with_a_discussion_costs_six_queries_whatever_it_holds(
    client, section, media_root, django_assert_num_queries, n, comments
):
    meeting = MeetingFactory()
    article = story(section, meeting, n)
    article.featured_image = library_image("lead.jpg", size=(640, 400))
    article.save()
    for _ in range(n + 3):  # related (same meeting) and more in the section
        ArticleFactory(section=section, meeting=meeting)
    for _ in range(comments):
        CommentFactory(parent=CommentFactory(article=article))
    sanitised_markdown.cache_clear()
    with django_assert_num_queries(STORY_WITH_DISCUSSION_QUERIES):
        response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<li class="comment') == 2 * comments
    assert html.count('class="tag"') == n
    assert html.count("Catatan ") == n
    assert "related-stories__item" in html
    assert "<picture" in html
    # No form under the comments: links open the one asked for.
    assert html.count("<form") == html.count('<form class="comment-form"') + 1
    assert 'class="flag-form"' not in html


def test_ten_comments_add_little_to_the_page(client, section):
    article = ArticleFactory(section=section, comment_policy="post", meeting=None)
    empty = len(client.get(article.get_absolute_url()).content)
    for _ in range(10):
        CommentFactory(article=article, text="Komentar singkat pembaca.")
    full = len(client.get(article.get_absolute_url()).content)
    assert full - empty < 15_000  # about 1 KB a comment, forms left out
