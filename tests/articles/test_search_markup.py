"""A word is found whatever Markdown marks it: right after an italic "_"
("_Joint Working Group_"), bold "**", a link's "[", a bracket or a quote,
on SQLite (word patterns) and PostgreSQL (full text) alike, and the result's
snippet marks it."""

import re

import pytest

from articles.search.index import update_search_vectors
from newsroom.search_terms import Terms
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODIES = {
    "jwg": "BNPT membuka _Joint Working Group (JWG) on Combating Terrorism_ kemarin.",
    "remarks": "Kepala BNPT menyampaikan _opening remarks_ di Jakarta.",
    "extremism": "Program _countering violent extremism_ dibahas panjang.",
    "bold": "Delegasi membahas **deradikalisasi** di lapas.",
    "bold-italic": "Mereka menyebut ***patroli*** laut bersama.",
    "link": "Lihat [siaran pers](https://bnpt.go.id/siaran) lengkapnya.",
    "bracket": "Rapat (hibrida) digelar di Jakarta.",
    "quoted": "Ia menyebut “sinergi” antarlembaga dan 'kolaborasi' daerah.",
    "strong-underscore": "Tema __ketahanan__ masyarakat diangkat.",
}


@pytest.fixture
def stories(db):
    made = {
        name: ArticleFactory(slug=name, title=f"Berita {n}", dek="", body=body)
        for n, (name, body) in enumerate(BODIES.items())
    }
    update_search_vectors([story.pk for story in made.values()])  # PostgreSQL
    return made


def results(client, query: str) -> tuple[list[str], str]:
    """The slugs found on the search page, and the page."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [a.slug for a in response.context["page_obj"]], response.content.decode()


@pytest.mark.parametrize(
    "query, slug",
    [
        ("Joint", "jwg"),
        ("opening", "remarks"),
        ("countering", "extremism"),
        ("Terrorism", "jwg"),  # the last word before the closing "_"
        ("remarks", "remarks"),
        ("deradikalisasi", "bold"),
        ("patroli", "bold-italic"),
        ("siaran", "link"),
        ("hibrida", "bracket"),
        ("sinergi", "quoted"),
        ("kolaborasi", "quoted"),
        ("ketahanan", "strong-underscore"),
        ('"Joint Working Group"', "jwg"),
        ('"opening remarks"', "remarks"),
    ],
)
def test_a_word_inside_markdown_marks_is_found_and_marked(client, stories, query, slug):
    found, page = results(client, query)
    assert found == [slug]
    word = query.strip('"').split()[0]
    assert re.search(rf"<mark>{word}\b", page, re.IGNORECASE), page


def test_a_short_word_inside_italic_marks_is_found_whole(client, stories):
    """Acronyms of three letters or fewer must match whole, "_" or not."""
    story = ArticleFactory(slug="nica", title="Kunjungan", dek="", body="Tim _NICA_.")
    update_search_vectors([story.pk])
    assert results(client, "NICA")[0] == ["nica"]
    assert results(client, "NIC")[0] == []


def test_a_word_pattern_starts_after_an_underscore_but_not_inside_a_word():
    def finds(term: str, text: str) -> bool:
        return re.search(Terms.pattern(term), text, re.IGNORECASE) is not None

    assert finds("Joint", "_Joint Working Group_")
    assert finds("JWG", "(_JWG_)")
    assert finds("Working Group", "_Joint Working_ Group")
    assert not finds("oint", "_Joint_")
    assert not finds("JWG", "_JWGs_")
