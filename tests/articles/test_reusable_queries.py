"""Queries compiled once and run with each request's moment and values
(articles.loading.reusable: the home page's two, the story page's story):
the same SQL and parameters as a query built then, the time moving on
between requests, and a query that derives another value from what it is
given built afresh each time."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import loading
from articles.frontpage import _agenda, _stories_query, front_page
from articles.models import Article, HomePin
from articles.views.articles import (
    _story_at,
    more_in_section,
    published_story,
    published_translations,
    related_stories,
)
from articles.views.discussion import COMPILED_PAGES
from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHAPE = {
    "latest": 12,
    "other": "en",
    "most_read_days": 2,
    "sections": True,
    "coverage": True,
    "meeting": None,
    "count_cap": 1000,
    "count_other_below": 6,
}


@pytest.fixture(autouse=True)
def nothing_compiled():
    loading._reusable.clear()
    yield
    loading._reusable.clear()


def compiled(queryset):
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, tuple(params)


def stories_at(now, day):
    return _stories_query("id", now, day, base=None, **SHAPE)


def test_a_reused_query_is_the_query_built_at_the_moment_it_runs():
    query = loading.reusable(("test", "stories"), stories_at)
    assert query is not None
    now = timezone.now()
    day = timezone.localdate() - dt.timedelta(days=1)
    assert (query.sql, query.params_at(now, day)) == compiled(stories_at(now, day))
    agenda = loading.reusable(("test", "agenda"), lambda now, _d: _agenda("id", now))
    assert agenda is not None
    assert (agenda.sql, agenda.params_at(now)) == compiled(_agenda("id", now))


def test_a_query_that_derives_another_moment_is_built_each_time():
    def yesterday_on(now, day):
        return Article.objects.filter(published_at__gte=now - dt.timedelta(days=1))

    assert loading.reusable(("test", "derived"), yesterday_on) is None


def test_the_home_page_reads_at_the_time_of_each_request(section):
    now = timezone.now()
    soon = ArticleFactory(section=section, published_at=now + dt.timedelta(hours=1))
    earlier = ArticleFactory(section=section, published_at=now - dt.timedelta(hours=2))
    HomePin.objects.create(
        article=earlier, slot=HomePin.Slot.LEAD, until=now + dt.timedelta(minutes=30)
    )
    front = front_page("id", now, listed=10)
    assert front.lead == earlier
    assert soon not in front.latest
    assert loading._reusable and all(loading._reusable.values())  # run again:
    later = front_page("id", now + dt.timedelta(hours=2), listed=10)
    assert later.lead == soon  # the pin has lapsed, the scheduled story is out
    assert [story.pk for story in later.latest] == [soon.pk, earlier.pk]


def test_the_story_query_is_the_query_built_for_that_slug_at_that_moment():
    query = loading.reusable(("test", "story"), _story_at, slug=str)
    assert query is not None
    now = timezone.now()
    expected = compiled(_story_at(now, None, "rapat-jwg-4"))
    assert (query.sql, query.params_at(now, slug="rapat-jwg-4")) == expected


def test_a_query_that_changes_a_value_it_is_given_is_built_each_time():
    def by_upper_slug(now, day, slug):
        return Article.objects.filter(slug=slug.upper())

    assert loading.reusable(("test", "upper"), by_upper_slug, slug=str) is None


def test_each_story_page_reads_its_own_story_as_published_at_the_request(
    client, section
):
    first = ArticleFactory(section=section, title="Rapat pertama")
    second = ArticleFactory(section=section, title="Rapat kedua")
    scheduled = ArticleFactory(
        section=section, published_at=timezone.now() + dt.timedelta(hours=1)
    )
    for story in (first, second):
        response = client.get(story.get_absolute_url())
        assert response.context["article"] == story
    assert published_story(first.slug) == first
    assert published_story(scheduled.slug) is None
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert published_story(scheduled.slug) == scheduled
    assert all(loading._reusable.values())


def test_more_in_section_leaves_out_the_story_and_those_shown(section):
    stories = [
        ArticleFactory(section=section, published_at=timezone.now() - dt.timedelta(n))
        for n in range(1, 9)
    ]
    other_section = ArticleFactory(published_at=timezone.now())
    english = ArticleFactory(section=section, language="en")
    assert more_in_section(stories[0], []) == stories[1:5]
    assert more_in_section(stories[1], [stories[0], stories[3]]) == [
        stories[2],
        *stories[4:7],
    ]
    assert other_section not in more_in_section(stories[0], [])
    assert more_in_section(english, []) == []


def test_a_story_lists_its_published_translations(section):
    original = ArticleFactory(section=section)
    english = ArticleFactory(section=section, language="en", translation_of=original)
    assert published_translations(original) == [english]
    assert published_translations(english) == [original]
    Article.objects.filter(pk=english.pk).update(
        published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert published_translations(original) == []
    assert ArticleFactory(section=section).pk not in {
        story.pk for story in published_translations(english)
    }


def test_a_reused_query_takes_only_values_of_the_types_it_was_built_with():
    query = loading.reusable(("test", "story"), _story_at, slug=str)
    with pytest.raises(TypeError):
        query.run(timezone.now(), slug=None)


@pytest.mark.django_db(transaction=True)
def test_a_story_shows_its_tags_after_the_database_is_flushed(client):
    """Ids a query holds as constants (the tags' content type in the story's
    own query) change only when the database is migrated or flushed, as
    transactional tests do: what was compiled before is forgotten then."""
    from django.core.management import call_command

    first = ArticleFactory(title="Sebelum", tags=["terorisme"])
    assert 'class="tag"' in client.get(first.get_absolute_url()).content.decode()
    call_command("flush", interactive=False, verbosity=0)  # content types anew
    story = ArticleFactory(title="Sesudah", tags=["perbatasan"])
    page = client.get(story.get_absolute_url()).content.decode()
    assert ">perbatasan</a>" in page


def related_by_queryset(story):
    loaded = Article.objects.for_detail().get(pk=story.pk)
    edition = Article.objects.published().in_language(story.language)
    return list(edition.related_to(loaded).for_headlines()[:4])


def test_related_stories_are_compiled_once_for_stories_with_as_many_links(section):
    """The story page's related stories: what related_to() ranks, from one
    query compiled once for every story with a meeting, two agencies and two
    tags, run with each story's own ids."""
    bnpt, ppatk, bin_, polri = AgencyFactory.create_batch(4)
    jwg, other_meeting = MeetingFactory(), MeetingFactory()
    for hours, agencies, tags in [
        (5, [bnpt], ["terorisme"]),
        (4, [ppatk, bnpt], []),
        (3, [bin_], ["perbatasan"]),
        (2, [polri, bin_], ["perbatasan", "siber"]),
    ]:
        ArticleFactory(
            section=section,
            agencies=agencies,
            tags=tags,
            published_at=timezone.now() - dt.timedelta(hours=hours),
        )
    ArticleFactory(section=section, meeting=jwg, published_at=timezone.now())
    first = ArticleFactory(
        section=section, meeting=jwg, agencies=[bnpt, ppatk], tags=["terorisme", "x"]
    )
    second = ArticleFactory(
        section=section,
        meeting=other_meeting,
        agencies=[bin_, polri],
        tags=["perbatasan", "siber"],
    )
    for story in (first, second):
        loaded = Article.objects.for_detail().get(pk=story.pk)
        found = related_stories(loaded)
        assert found == related_by_queryset(story)
        assert found and story not in found
    keys = [key for key in loading._reusable if key[0] == "related"]
    assert len(keys) == 1  # the same shape: one compiled query
    assert loading._reusable[keys[0]] is not None
    # A story with another shape gets its own, and its own results.
    third = ArticleFactory(section=section, meeting=None, agencies=[bnpt], tags=[])
    loaded = Article.objects.for_detail().get(pk=third.pk)
    assert related_stories(loaded) == related_by_queryset(third)
    assert len([key for key in loading._reusable if key[0] == "related"]) == 2


def test_a_story_sharing_nothing_compiles_nothing_and_lists_nothing():
    alone = ArticleFactory(meeting=None)
    loaded = Article.objects.for_detail().get(pk=alone.pk)
    assert related_stories(loaded) == []
    assert loading._reusable == {}


def test_each_page_of_a_discussion_shows_its_own_threads(client, settings):
    """The first pages' queries are compiled once and run with each story's
    id; deeper pages are built each time; each page shows its own threads."""
    settings.COMMENTS_PER_PAGE = 2
    story, other = ArticleFactory(), ArticleFactory()
    pages = COMPILED_PAGES + 1
    start = timezone.now() - dt.timedelta(days=1)
    texts = []
    for n in range(2 * pages):  # the newest first on page 1
        text = f"Komentar nomor {n}"
        root = CommentFactory(
            article=story, text=text, created_at=start + dt.timedelta(minutes=n)
        )
        CommentFactory(article=story, parent=root, text=f"Balasan untuk {n}")
        texts.append(text)
    CommentFactory(article=other, text="Komentar di berita lain")
    for number in range(1, pages + 1):
        response = client.get(story.get_absolute_url(), {"comments": number})
        html = response.content.decode()
        newest = 2 * pages - 1 - 2 * (number - 1)
        assert [t for t in texts if t in html] == [
            f"Komentar nomor {newest - 1}",
            f"Komentar nomor {newest}",
        ]
        assert f"Balasan untuk {newest}" in html
        assert "Komentar di berita lain" not in html
    html = client.get(other.get_absolute_url()).content.decode()
    assert "Komentar di berita lain" in html and "Komentar nomor" not in html
    threads = sorted(key[1] for key in loading._reusable if key[0] == "threads")
    assert threads == list(range(1, COMPILED_PAGES + 1))
    assert all(loading._reusable.values())


def test_past_the_bound_the_least_recently_used_query_is_forgotten(monkeypatch):
    """Many shapes (related stories: one per number of agencies and tags) keep
    the ones in use compiled: only the one used longest ago is forgotten."""
    monkeypatch.setattr(loading, "REMEMBERED_QUERIES", 3)
    for n in range(3):
        loading.reusable(("test", n), _story_at, slug=str)
    first = loading._reusable[("test", 0)]
    assert loading.reusable(("test", 0), _story_at, slug=str) is first  # used
    loading.reusable(("test", 3), _story_at, slug=str)
    assert set(loading._reusable) == {("test", 0), ("test", 2), ("test", 3)}
    assert loading._reusable[("test", 0)] is first
