"""The desk's search box (the article list, the review queue) finds a story in
any state by the words of its headline, standfirst and body as readers find a
published one: with or without accents, a dash read as a space (the public
search's own matching: articles.search.query.matching()). It still finds a
story by a part of a word of its headline or standfirst, as typed.

The stories are written and moved through the workflow by the services, which
keep their search vectors current in every state: the same tests run on
PostgreSQL (the vectors) and on SQLite (the accent-blind patterns)."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles import services
from articles.admin import articles as article_admin
from articles.models import Article
from articles.pagination import AdminCappedPaginator
from articles.search.index import update_search_vectors
from articles.search.query import find_articles
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
QUEUE = "/admin/articles/articleinreview/"


def write(editor, section, title: str, body: str, dek: str = "") -> Article:
    article = Article(
        title=title,
        slug=slugify(title),
        dek=dek,
        body=body,
        section=section,
        language=Article.Language.ENGLISH,
    )
    return services.article_save(article=article, user=editor)


@pytest.fixture
def stories(editor, section):
    """One story in each state the desk sees, each naming Muñoz in its body."""
    draft = write(
        editor,
        section,
        "Pérez meets the delegation",
        "Deputy Muñoz sat in.",
        dek="A first meeting on the border patrols.",
    )
    in_review = write(
        editor,
        section,
        "Patrol boats for the southern islands",
        "The boats will sail from Basilan twice a week, Muñoz said.",
    )
    services.article_submit(article=in_review, user=editor)
    scheduled = write(
        editor,
        section,
        "Next week's talks",
        "Muñoz will chair; José Ramos Horta will attend.",
    )
    services.article_publish(
        article=scheduled, user=editor, at=timezone.now() + dt.timedelta(days=7)
    )
    published = write(
        editor,
        section,
        "A former president on the talks",
        "José Ramos-Horta welcomed the agreement; Muñoz thanked him.",
    )
    services.article_publish(article=published, user=editor)
    unpublished = write(editor, section, "A story taken down", "Muñoz, again.")
    services.article_publish(article=unpublished, user=editor)
    services.article_unpublish(article=unpublished, user=editor)
    return {
        "draft": draft,
        "in review": in_review,
        "scheduled": scheduled,
        "published": published,
        "unpublished": unpublished,
    }


def named(stories, articles) -> set[str]:
    names = {article.pk: name for name, article in stories.items()}
    return {names[article.pk] for article in articles}


def desk_finds(client, stories, query: str, page: str = ARTICLES) -> set[str]:
    response = client.get(page, {"q": query})
    assert response.status_code == 200
    return named(stories, response.context["cl"].result_list)


def readers_find(stories, query: str) -> set[str]:
    return named(stories, find_articles(query))


@pytest.mark.parametrize("query", ["perez", "Pérez", "PEREZ", "Perez meets"])
def test_a_draft_titled_with_an_accent_is_found_with_or_without_it(
    editor_client, stories, query
):
    assert desk_finds(editor_client, stories, query) == {"draft"}


@pytest.mark.parametrize("query", ["Ramos Horta", "Ramos-Horta", "ramos–horta"])
def test_a_name_written_with_a_dash_or_a_space_is_found_with_a_space_or_any_dash(
    editor_client, stories, query
):
    # "Ramos-Horta" in the published story's body, "Ramos Horta" in the other.
    assert desk_finds(editor_client, stories, query) == {"published", "scheduled"}


def test_a_word_of_the_body_of_a_story_in_review_is_found_in_the_list_and_queue(
    editor_client, stories
):
    assert desk_finds(editor_client, stories, "basilan") == {"in review"}
    assert desk_finds(editor_client, stories, "Basilan", QUEUE) == {"in review"}
    # The queue holds only the story in review.
    assert desk_finds(editor_client, stories, "Munoz", QUEUE) == {"in review"}


def test_the_desk_finds_stories_in_every_state_where_readers_find_the_published(
    editor_client, stories
):
    assert stories["draft"].status == Article.Status.DRAFT
    assert stories["in review"].status == Article.Status.IN_REVIEW
    assert stories["scheduled"].is_scheduled
    assert stories["published"].is_public
    assert stories["unpublished"].status == Article.Status.UNPUBLISHED
    assert desk_finds(editor_client, stories, "Munoz") == set(stories)
    assert desk_finds(editor_client, stories, "Muñoz") == set(stories)
    assert readers_find(stories, "Munoz") == {"published"}


@pytest.mark.parametrize(
    ("query", "published"),
    [
        ("perez", set()),
        ("Pérez", set()),
        ("Ramos Horta", {"published"}),
        ("Ramos-Horta", {"published"}),
        ("basilan", set()),
        ("Muñoz", {"published"}),
        ("Munoz -Ramos", set()),
    ],
)
def test_the_public_search_finds_what_it_found_for_the_same_words(
    stories, query, published
):
    assert readers_find(stories, query) == published


def test_a_part_of_a_word_of_a_headline_or_standfirst_still_finds_the_story(
    editor_client, stories
):
    assert desk_finds(editor_client, stories, "delegat") == {"draft"}
    # Inside a word: "Patrol boats", "the border patrols".
    assert desk_finds(editor_client, stories, "atrol") == {"draft", "in review"}


def test_the_translation_of_chooser_finds_an_original_without_its_accents(
    editor_client, stories, editor
):
    """The chooser searches as the list does, still offering only originals."""
    translation = write(editor, stories["draft"].section, "Pérez bertemu", "Isi.")
    translation.translation_of = stories["draft"]
    translation.language = Article.Language.INDONESIAN
    services.article_save(article=translation, user=editor)
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "translation_of",
            "term": "perez",
        },
    )
    offered = {int(row["id"]) for row in response.json()["results"]}
    assert offered == {stories["draft"].pk}


def test_a_story_loaded_without_its_search_vector_is_found_by_its_body(
    editor_client, stories, section
):
    """Loaded outside the services (a fixture, a copy by SQL): no vector on
    PostgreSQL, still found by a word of its body as typed."""
    loaded = ArticleFactory(section=section, draft=True, body="Filed from Jolo.")
    found = editor_client.get(ARTICLES, {"q": "Jolo"}).context["cl"].result_list
    assert [article.pk for article in found] == [loaded.pk]


def test_the_list_opens_with_every_story_on_an_empty_search(editor_client, stories):
    assert desk_finds(editor_client, stories, "") == set(stories)
    assert desk_finds(editor_client, stories, "  ") == set(stories)


def test_a_word_in_more_stories_than_the_list_counts_pages_through_them_in_order(
    editor_client, section, monkeypatch
):
    """Each way finds as many of the list's first stories as the page asked
    needs: the count says "more", and a deeper page finds further."""
    monkeypatch.setattr(AdminCappedPaginator, "cap", 3)
    monkeypatch.setattr(article_admin, "ADMIN_COUNT_CAP", 3)
    monkeypatch.setattr(admin.site._registry[Article], "list_per_page", 2)
    now = timezone.now()
    made = [
        ArticleFactory(
            section=section,
            title=f"Story {number}",
            body="Mayor Muñoz spoke.",
            published_at=now - dt.timedelta(hours=number),
        )
        for number in range(1, 9)
    ]
    update_search_vectors([article.pk for article in made])

    def page(number: int):
        response = editor_client.get(ARTICLES, {"q": "munoz", "p": number})
        cl = response.context["cl"]
        return [article.title for article in cl.result_list], cl.paginator.capped

    assert page(1) == (["Story 1", "Story 2"], True)
    assert page(4) == (["Story 7", "Story 8"], False)


def test_a_search_costs_the_list_two_queries_whatever_it_finds(editor_client, stories):
    """One query for each way of finding (the words, the parts of words as
    typed), however many stories either finds."""
    editor_client.get(ARTICLES)  # the agencies filter's choices, cached
    counts = []
    for query in ("", "Pérez", "Munoz"):  # every story; one, five found
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(ARTICLES, {"q": query}).status_code == 200
        counts.append(len(captured))
    assert counts[1] == counts[2] == counts[0] + 2
