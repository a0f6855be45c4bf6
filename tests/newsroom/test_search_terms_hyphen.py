"""A word joined by a hyphen, a dash or a slash ("Indonesia-Filipina",
"BNPT/NICA") is searched as the phrase of its parts: it finds the words
side by side however the story joins them (hyphen, dash, slash or space),
on PostgreSQL and on SQLite alike."""

import pytest

from articles.search.index import update_search_vectors
from articles.search.query import find_articles
from newsroom.search_terms import Terms
from tests.articles.factories import ArticleFactory

# How a query is read


def test_a_joined_word_is_searched_as_the_phrase_of_its_parts():
    assert Terms.parse("Indonesia-Filipina").websearch() == '"Indonesia Filipina"'
    assert Terms.parse("BNPT/NICA JWG").websearch() == '"BNPT NICA" "JWG"'
    assert Terms.parse('"JWG ke-4" -Indonesia–Filipina').websearch() == (
        '"JWG ke 4" -"Indonesia Filipina"'
    )
    assert Terms.words_of("Indonesia—Filipina/Malaysia") == [
        "Indonesia",
        "Filipina",
        "Malaysia",
    ]


def test_a_word_joined_two_ways_is_one_term():
    terms = Terms.parse("Indonesia-Filipina indonesia/filipina")
    assert terms.websearch() == '"Indonesia Filipina"'


def test_the_words_of_a_query_keep_a_joined_word_whole_for_names():
    """Acronyms and short names are written joined ("ATC-PMC", "JWG-CT"):
    the agencies and meetings a query names are looked up by them."""
    assert Terms.parse("JWG-CT Indonesia").words == ["JWG-CT", "Indonesia"]


# What a search finds (both databases)

STORIES = {
    "hyphen": "Kerja Sama Indonesia-Filipina Diperkuat",
    "en-dash": "JWG Indonesia–Filipina Dibuka",
    "slash": "Patroli Bersama Indonesia/Filipina di Laut Sulawesi",
    "space": "Delegasi Indonesia Filipina Bertemu di Manila",
    "apart": "Indonesia dan Filipina Bahas Perbatasan",
    "acronyms": "BNPT-NICA Tukar Data Intelijen",
    "ordinal": "Hasil JWG ke-4 Diumumkan",
    "pandemic": "Pertemuan Selama COVID-19 Digelar Daring",
}
SIDE_BY_SIDE = {"hyphen", "en-dash", "slash", "space"}


@pytest.fixture
def stories(section):
    made = [
        ArticleFactory(section=section, slug=slug, title=title)
        for slug, title in STORIES.items()
    ]
    update_search_vectors([article.pk for article in made])


def searchable(query: str) -> set[str]:
    return set(find_articles(query).values_list("slug", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "Indonesia-Filipina",
        "Indonesia/Filipina",
        "Indonesia–Filipina",
        "Indonesia Filipina -dan",
        '"Indonesia Filipina"',
    ],
)
def test_a_joined_word_finds_its_parts_side_by_side_however_joined(stories, query):
    assert searchable(query) == SIDE_BY_SIDE


@pytest.mark.django_db
def test_a_joined_query_word_still_finds_what_it_found_written_joined(stories):
    assert searchable("BNPT-NICA") == {"acronyms"}
    assert searchable("BNPT/NICA") == {"acronyms"}
    assert searchable("ke-4") == {"ordinal"}
    assert searchable("COVID-19") == {"pandemic"}
    assert searchable("NICA") == {"acronyms"}  # a part alone, as before


@pytest.mark.django_db
def test_the_search_page_finds_and_marks_a_hyphenated_query(client, section):
    article = ArticleFactory(
        section=section,
        title="Kerja sama dua negara",
        body="Forum Indonesia/Filipina menyepakati patroli bersama di laut.",
    )
    update_search_vectors([article.pk])
    response = client.get("/search/", {"q": "Indonesia-Filipina"})
    assert [found.pk for found in response.context["page_obj"]] == [article.pk]
    snippet = str(response.context["page_obj"][0].search_snippet)
    # The slash as written, the two words marked.
    assert "Indonesia</mark>/<mark>Filipina" in snippet or (
        "<mark>Indonesia/Filipina</mark>" in snippet
    )
