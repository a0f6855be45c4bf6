"""A reader finds a name with or without its accents, on PostgreSQL (the
newsroom's text search configurations with `unaccent`, migration 0028) and
on SQLite (accent-blind patterns): Filipino names are often typed without
them ("Ano" for "Año", "Penafiel" for "Peñafiel"), and some stories are
written without them too."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from articles.search.index import update_search_vectors
from articles.search.query import find_articles
from tests.articles.factories import ArticleFactory
from tests.articles.search_fixture import postgres_only

pytestmark = pytest.mark.django_db

STORIES = {
    "wali-kota-ano": ("Wali Kota Año Bertemu Delegasi", "id"),
    "kapten-penafiel": ("Kapten Peñafiel Memimpin Patroli", "id"),
    "kedai-kopi-cafe": ("Delegasi Singgah di Café Binondo", "id"),
    "naive-plan": ("A Naïve Plan for the Border", "en"),
    "munoz-briefing": ("Muñoz Briefs the Delegation", "en"),
    "cafe-talks": ("Talks Over Coffee at the Cafe", "en"),  # written without
}


@pytest.fixture
def stories(section):
    made = {
        slug: ArticleFactory(section=section, slug=slug, title=title, language=lang)
        for slug, (title, lang) in STORIES.items()
    }
    update_search_vectors([article.pk for article in made.values()])
    return made


def searchable(query: str) -> set[str]:
    return set(find_articles(query).values_list("slug", flat=True))


def page_finds(client, query: str, edition: str = "") -> set[str]:
    """Every story a search page shows: its edition's results and the other
    edition's below them."""
    response = client.get(f"{edition}/search/", {"q": query})
    assert response.status_code == 200
    other = response.context["other_edition"]
    listed = [*response.context["page_obj"], *(other["articles"] if other else [])]
    return {article.slug for article in listed}


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Ano", "wali-kota-ano"),
        ("Penafiel", "kapten-penafiel"),
        ("naive", "naive-plan"),
        ("Munoz", "munoz-briefing"),
        ("MUNOZ", "munoz-briefing"),
    ],
)
def test_a_name_typed_without_its_accents_finds_the_story(stories, query, slug):
    assert searchable(query) == {slug}


def test_a_query_with_accents_finds_text_written_with_or_without_them(stories):
    assert searchable("café") == {"kedai-kopi-cafe", "cafe-talks"}
    assert searchable("cafe") == {"kedai-kopi-cafe", "cafe-talks"}
    assert searchable("Añó") == {"wali-kota-ano"}
    assert searchable('"Kapten Peñafiel"') == {"kapten-penafiel"}
    assert searchable("-café delegasi") == {"wali-kota-ano"}


def test_both_editions_search_pages_find_the_names_without_accents(client, stories):
    assert page_finds(client, "Penafiel") == {"kapten-penafiel"}
    assert page_finds(client, "Munoz", edition="/en") == {"munoz-briefing"}
    assert page_finds(client, "cafe", edition="/en") == {
        "kedai-kopi-cafe",
        "cafe-talks",
    }


def test_the_snippet_marks_the_accented_word_the_query_wrote_without(client, section):
    article = ArticleFactory(
        section=section,
        title="Pertemuan di balai kota",
        body="Wali kota Año dan kapten Peñafiel menyambut delegasi di balai kota.",
    )
    update_search_vectors([article.pk])
    response = client.get("/search/", {"q": "Ano Penafiel"})
    (found,) = response.context["page_obj"]
    snippet = str(found.search_snippet)
    assert "<mark>Año</mark>" in snippet
    assert "<mark>Peñafiel</mark>" in snippet


@pytest.mark.parametrize(
    ("text", "found_by", "not_found_by"),
    [
        ("Ελλάδα και Φιλιππίνες", "Ελλαδα", None),  # Greek: accents aside
        ("Москва принимает йога-фестиваль", "йога", "иога"),  # й is not и
        ("हिन्दी समाचार", "हिन्दी", "हिनदी"),  # its marks are letters' parts
        ("東京で会議", "東京で会議", None),
    ],
)
def test_other_scripts_are_found_as_written_and_their_letters_kept_apart(
    section, text, found_by, not_found_by
):
    article = ArticleFactory(section=section, slug="lain", title=text)
    update_search_vectors([article.pk])
    assert searchable(found_by) == {"lain"}
    if not_found_by:
        assert searchable(not_found_by) == set()


# The migration: the vectors stored before it are read again.


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@postgres_only
def test_the_migration_recomputes_the_stored_vectors(transactional_db, section):
    # Made with today's model (its later columns, submitted_at…), before the
    # schema goes back to the migration's.
    article = ArticleFactory(section=section, title="Wali Kota Año")
    migrate([("articles", "0027_article_byline_names_writer")])
    try:
        with connection.cursor() as cursor:
            # A vector as the configurations before it stored it: "año".
            cursor.execute(
                "UPDATE articles_article SET search_vector = "
                "to_tsvector('simple', title), rank_vector = "
                "to_tsvector('simple', title) WHERE id = %s",
                [article.pk],
            )
    finally:
        migrate()
    assert "'ano'" in Article.objects.get(pk=article.pk).search_vector
    assert searchable("Ano") == {article.slug}
