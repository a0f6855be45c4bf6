"""Related stories on a story's page (ArticleQuerySet.related_to): the same
meeting first, then more agencies in common, then more tags, then the newest;
never the story itself, only its edition's published stories; one query."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from articles.models import Article
from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


@pytest.fixture
def world():
    """A story about a meeting with two agencies and two tags, and stories
    sharing some of these, each newer than the one it should rank above."""
    meeting = MeetingFactory(title="4th JWG")
    bnpt, ppatk, polri = AgencyFactory.create_batch(3)
    story = ArticleFactory(
        title="The story",
        meeting=meeting,
        agencies=[bnpt, ppatk],
        tags=["terrorism", "philippines"],
        published_at=hours_ago(1),
    )
    s = {"story": story}
    s["same meeting"] = ArticleFactory(meeting=meeting, published_at=hours_ago(90))
    s["both agencies"] = ArticleFactory(
        agencies=[bnpt, ppatk, polri], published_at=hours_ago(80)
    )
    s["one agency, both tags"] = ArticleFactory(
        agencies=[ppatk], tags=["terrorism", "philippines"], published_at=hours_ago(70)
    )
    s["one agency"] = ArticleFactory(agencies=[bnpt], published_at=hours_ago(5))
    s["both tags"] = ArticleFactory(
        tags=["philippines", "terrorism", "bali"], published_at=hours_ago(60)
    )
    s["one tag, older"] = ArticleFactory(tags=["terrorism"], published_at=hours_ago(50))
    s["one tag, newer"] = ArticleFactory(
        tags=["philippines"], published_at=hours_ago(2)
    )
    # Never shown:
    s["nothing shared"] = ArticleFactory(tags=["floods"], agencies=[polri])
    s["english"] = ArticleFactory(
        language="en", meeting=meeting, agencies=[bnpt, ppatk], tags=["terrorism"]
    )
    s["draft"] = ArticleFactory(draft=True, meeting=meeting, agencies=[bnpt])
    s["scheduled"] = ArticleFactory(meeting=meeting, published_at=hours_ago(-5))
    for key, article in s.items():
        if key != "story":
            article.title = key
            article.save()
    return s


def related(story, limit=20):
    loaded = Article.objects.for_detail().get(pk=story.pk)
    return [
        a.title
        for a in Article.objects.published()
        .in_language(story.language)
        .related_to(loaded)[:limit]
    ]


def test_related_stories_rank_meeting_then_agencies_then_tags_then_newest(world):
    assert related(world["story"]) == [
        "same meeting",
        "both agencies",
        "one agency, both tags",
        "one agency",
        "both tags",
        "one tag, newer",
        "one tag, older",
    ]


def test_a_related_story_sees_the_story_it_came_from_and_never_itself(world):
    titles = related(world["same meeting"])
    assert "same meeting" not in titles
    assert titles == ["The story"]  # only the meeting in common


def test_the_other_edition_s_stories_are_related_among_themselves(world):
    english = ArticleFactory(
        language="en", agencies=list(world["story"].agencies.all())
    )
    assert related(english) == ["english"]


def test_a_story_sharing_nothing_has_no_related_stories_and_costs_no_query(
    world, django_assert_num_queries
):
    alone = Article.objects.for_detail().get(pk=ArticleFactory(meeting=None).pk)
    with django_assert_num_queries(0):
        assert list(Article.objects.published().related_to(alone)) == []


@pytest.mark.parametrize("extra", [0, 12])
def test_related_stories_are_one_query_however_many_candidates(
    world, django_assert_num_queries, extra
):
    story = world["story"]
    for _ in range(extra):
        ArticleFactory(meeting=story.meeting, tags=["terrorism"])
    loaded = Article.objects.for_detail().get(pk=story.pk)
    with django_assert_num_queries(1):
        found = list(
            Article.objects.published().in_language("id").related_to(loaded)[:4]
        )
        assert all(a.get_absolute_url() for a in found)
    assert len(found) == 4


def test_the_story_page_lists_related_stories_in_order(client, world):
    html = client.get(world["story"].get_absolute_url()).content.decode()
    section = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'class="related-stories__link" href="[^"]+">([^<]+)<', section)
    assert titles == [
        "same meeting",
        "both agencies",
        "one agency, both tags",
        "one agency",
    ]
    assert "Berita terkait" in html  # the Indonesian edition's words


def test_more_in_the_section_leaves_out_the_related_stories(client, section):
    story = ArticleFactory(section=section, tags=["bali"])
    ArticleFactory(section=section, tags=["bali"], title="Tagged too")
    ArticleFactory(section=section, title="Only the section")
    response = client.get(story.get_absolute_url())
    assert [a.title for a in response.context["related"]] == ["Tagged too"]
    assert [a.title for a in response.context["more_in_section"]] == [
        "Only the section"
    ]


def test_a_story_page_without_related_stories_has_no_empty_block(client):
    story = ArticleFactory(meeting=None)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "related-heading" not in html
