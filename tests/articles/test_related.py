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


@pytest.fixture
def few_candidates(monkeypatch):
    """Candidate lists of four stories shared among a story's links (two
    each for two links), so that a handful of stories shows how they are
    bounded."""
    monkeypatch.setattr("articles.querysets.RELATED_CANDIDATES", 4)
    monkeypatch.setattr("articles.querysets.RELATED_PER_LINK_MIN", 1)


def test_only_the_newest_stories_of_each_link_are_ranked(few_candidates):
    agency = AgencyFactory()
    oldest = ArticleFactory(
        title="oldest", agencies=[agency], published_at=hours_ago(9)
    )
    for hours in (4, 3, 2, 1):  # written in the order they were published
        ArticleFactory(
            title=f"{hours} hours ago", agencies=[agency], published_at=hours_ago(hours)
        )
    story = ArticleFactory(agencies=[agency], tags=["floods"])
    assert oldest.title not in related(story)
    assert related(story) == ["1 hours ago", "2 hours ago"]


def test_a_rare_link_s_stories_are_not_crowded_out_by_a_busy_link(few_candidates):
    busy = AgencyFactory()
    ArticleFactory(
        title="busy agency and rare tag",
        agencies=[busy],
        tags=["rare"],
        published_at=hours_ago(50),
    )
    for n in range(6):
        ArticleFactory(title=f"busy {n}", agencies=[busy], published_at=hours_ago(n))
    story = ArticleFactory(agencies=[busy], tags=["rare"])
    assert related(story)[0] == "busy agency and rare tag"


def test_the_meeting_s_list_holds_only_the_edition_s_published_stories(
    few_candidates,
):
    meeting = MeetingFactory()
    ArticleFactory(title="older", meeting=meeting, published_at=hours_ago(30))
    for n in range(3):
        ArticleFactory(language="en", meeting=meeting, published_at=hours_ago(n))
        ArticleFactory(draft=True, meeting=meeting)
        ArticleFactory(meeting=meeting, published_at=hours_ago(-n - 1))  # scheduled
    story = ArticleFactory(meeting=meeting)
    assert related(story) == ["older"]


def test_a_busy_meeting_s_list_is_no_deeper_than_an_agency_s(monkeypatch):
    """Each link's newest stories are ranked, the meeting's no more of them
    than an agency's: a meeting covered by hundreds of stories made each of
    their pages rank twice as many candidates as a new meeting's."""
    monkeypatch.setattr("articles.querysets.RELATED_CANDIDATES", 6)
    monkeypatch.setattr("articles.querysets.RELATED_PER_LINK_MIN", 1)
    meeting = MeetingFactory()
    first, second = AgencyFactory.create_batch(2)
    for hours in range(2, 7):
        ArticleFactory(meeting=meeting, published_at=hours_ago(hours))
        ArticleFactory(meeting=None, agencies=[first], published_at=hours_ago(hours))
        ArticleFactory(meeting=None, agencies=[second], published_at=hours_ago(hours))
    story = ArticleFactory(meeting=meeting, agencies=[first, second], tags=[])
    story = Article.objects.for_detail().get(pk=story.pk)
    candidates = Article.objects.filter(
        pk__in=Article.objects.all()._related_candidates(
            story.pk, story.meeting_id, [first.pk, second.pk], []
        )
    )
    assert candidates.filter(meeting=meeting).count() == 2  # 6 among 3 links
    assert candidates.filter(agencies=first).count() == 2
    assert candidates.count() == 6


def test_stories_with_as_many_links_share_one_statement(world):
    """Ids are parameters, not written into the SQL: PostgreSQL keeps one
    prepared statement for every story with as many links."""
    story = world["story"]
    other = ArticleFactory(
        meeting=MeetingFactory(),
        agencies=AgencyFactory.create_batch(2),
        tags=["floods", "bali"],
    )

    def statement(article):
        loaded = Article.objects.for_detail().get(pk=article.pk)
        related = Article.objects.published().in_language("id").related_to(loaded)
        return related[:4].query.sql_with_params()

    (sql, params), (other_sql, other_params) = statement(story), statement(other)
    assert sql == other_sql
    assert story.pk in params and other.pk in other_params
