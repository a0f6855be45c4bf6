"""A query longer than the search box takes (a link, a script: the box's
maxlength binds only the box) is cut to its first MAX_QUERY_LENGTH
characters, at a word's end, before it is searched or shown again: the box,
the heading, canonical and hreflang links and the switcher hold the cut
query, and the page says it was cut."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from articles.search.index import update_search_vectors
from articles.search.query import MAX_QUERY_LENGTH
from newsroom.search_terms import shortened_query
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CUT_NOTICE = "Your search was cut to its first 200 characters."


@pytest.fixture
def story(db):
    made = ArticleFactory(slug="bnpt-jwg", title="BNPT membuka JWG", language="en")
    update_search_vectors([made.pk])
    return made


def queries_shown(page: str) -> list[str]:
    """Every query the page holds: the box's value and each link's ?q=."""
    shown = re.findall(r'name="q"[^>]*value="([^"]*)"', page)
    shown += re.findall(r'<input[^>]*value="([^"]*)"[^>]*name="q"', page)
    for href in re.findall(r'href="([^"]*)"', page):
        shown += parse_qs(urlsplit(unescape(href)).query).get("q", [])
    return [unescape(query) for query in shown]


def test_a_5000_character_query_is_cut_before_it_is_shown_or_searched(client, story):
    query = "BNPT " + "x" * 4995
    response = client.get("/en/search/", {"q": query})
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["state"] == "results"
    assert [a.slug for a in response.context["page_obj"]] == ["bnpt-jwg"]
    assert CUT_NOTICE in page
    assert len(page) < 40_000
    # The box and the switcher: the cut query only.
    shown = queries_shown(page)
    assert len(shown) >= 2
    assert set(shown) == {"BNPT"}
    assert "x" * 10 not in page


def test_a_long_query_is_cut_after_its_last_whole_word(client, story):
    query = "BNPT " + " ".join(["JWG"] * 80)  # 324 characters
    response = client.get("/en/search/", {"q": query})
    kept = response.context["query"]
    assert len(kept) <= MAX_QUERY_LENGTH
    assert kept.split() == ["BNPT"] + ["JWG"] * (len(kept.split()) - 1)
    assert f'value="{kept}"' in response.content.decode()
    assert CUT_NOTICE in response.content.decode()


def test_a_query_long_only_in_its_spaces_is_shown_without_them(client, story):
    response = client.get("/en/search/", {"q": "BNPT" + " " * 300 + "JWG"})
    page = response.content.decode()
    assert response.context["query"] == "BNPT JWG"
    assert set(queries_shown(page)) == {"BNPT JWG"}
    assert CUT_NOTICE not in page  # no word was cut


def test_a_query_within_the_limit_is_left_as_it_is(client, story):
    response = client.get("/en/search/", {"q": "BNPT " * 40})
    assert CUT_NOTICE not in response.content.decode()
    assert response.context["state"] == "results"


def test_a_query_is_cut_at_its_last_whole_word_or_at_the_limit():
    assert shortened_query("one two three", 9) == "one two"
    assert shortened_query("one two three", 7) == "one two"
    assert shortened_query("abcdefghij", 4) == "abcd"
    assert shortened_query("short", 200) == "short"
