"""A search result's snippet reads a story's links as its page does (tester
finding F6): a link whose address the page refuses, with parentheses in it
(`[klik](javascript:alert(3))`), is its text alone in both, without the
address's last ")"."""

import re
from html import unescape

import pytest
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from articles.rendering import LINK_NESTING_MAX, no_images, render_markdown
from articles.search.index import update_search_vectors
from articles.search.snippets import MARK_START, MARK_STOP, headline_html
from tests.articles.factories import ArticleFactory


def shown_text(body: str) -> str:
    """The body's text as the story's page shows it."""
    html = render_markdown(body, images=no_images)
    return " ".join(unescape(strip_tags(html)).split())


def snippet_text(body: str) -> str:
    """The body's text as a snippet of all of it shows it."""
    return unescape(strip_tags(str(headline_html(body, body))))


@pytest.mark.django_db
def test_a_refused_link_leaves_no_stray_parenthesis_in_the_snippet(client, section):
    story = ArticleFactory(
        section=section,
        title="Peringatan phishing dari BSSN",
        body="BSSN meminta warga tidak menekan [klik](javascript:alert(3)) di "
        "pesan yang mencurigakan.",
    )
    update_search_vectors([story.pk])
    response = client.get("/search/", {"q": "phishing"})
    assert response.status_code == 200
    (found,) = response.context["page_obj"]
    snippet = unescape(strip_tags(str(found.search_snippet)))
    assert "menekan klik di pesan" in snippet
    assert ")" not in snippet
    # The reader opens the story: its page says the same.
    page = client.get(story.get_absolute_url()).content.decode()
    assert "menekan klik di pesan" in " ".join(strip_tags(page).split())


def paired(levels: int):
    """An address's run of characters and (…) pairs, nested `levels` deep."""
    part = st.text(alphabet="abc12:/.=&", max_size=4)
    if levels == 0:
        return part
    inner = st.one_of(part, paired(levels - 1))
    return st.lists(inner, max_size=2).map(lambda parts: f"({''.join(parts)})")


words = st.text(alphabet="abcdeé", min_size=1, max_size=6)
# Inside the link's own "(…)": at most LINK_NESTING_MAX deep in all.
addresses = st.tuples(
    st.sampled_from(["https://example.org/", "javascript:", "data:", "mailto:", ""]),
    st.lists(paired(LINK_NESTING_MAX - 1), max_size=2).map("".join),
).map("".join)
links = st.tuples(st.sampled_from(["", "!"]), words, addresses).map(
    lambda link: f"{link[0]}[{link[1]}]({link[2]})"
)
bodies = st.lists(st.one_of(words, links), min_size=1, max_size=5).map(" ".join)


@given(bodies)
def test_a_snippet_shows_the_text_of_links_as_the_page_does(body):
    assert snippet_text(body) == shown_text(body)


def test_a_snippet_of_a_passage_drops_a_refused_links_whole_address():
    raw = f"tidak menekan [klik](javascript:alert(3)) di {MARK_START}pesan{MARK_STOP}"
    snippet = str(headline_html(raw))
    assert snippet == "tidak menekan klik di <mark>pesan</mark>"
    assert not re.search(r"\)", snippet)
