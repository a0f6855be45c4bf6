"""A search result's snippet reads a story's links as its page does (tester
finding F6): a link whose address the page refuses, with parentheses in it
(`[klik](javascript:alert(3))`), is its text alone in both, without the
address's last ")". Where the page starts a new block (a heading, a list
item, a table cell, a paragraph), the snippet ends a sentence (F19)."""

import re
from html import unescape

import pytest
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from articles.rendering import LINK_NESTING_MAX, no_images, render_markdown
from articles.search.index import update_search_vectors
from articles.search.snippets import (
    BLOCK_SEPARATOR,
    MARK_START,
    MARK_STOP,
    headline_html,
)
from tests.articles.factories import ArticleFactory

# Where a block of the page ends.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|td|th)>")


def shown_text(body: str) -> str:
    """The body's text as the story's page shows it, a block that ends
    without its own final punctuation ending with the snippet's separator."""
    html = BLOCK_END.sub("\\g<0>\n\n", render_markdown(body, images=no_images))
    blocks = [
        " ".join(unescape(strip_tags(block)).split()) for block in html.split("\n\n")
    ]
    blocks = [block for block in blocks if block]
    return " ".join(
        [
            block if block[-1] in ".!?…:;,—" else block + BLOCK_SEPARATOR.strip()
            for block in blocks[:-1]
        ]
        + blocks[-1:]
    )


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
# A line's text: words and links, maybe with its own final punctuation.
inline = st.tuples(bodies, st.sampled_from(["", ".", "?", ":", ","])).map("".join)
headings = st.tuples(st.integers(1, 6), inline).map(lambda h: f"{'#' * h[0]} {h[1]}")
paragraphs = st.lists(inline, min_size=1, max_size=2).map("\n".join)
items = st.lists(inline, min_size=1, max_size=3)
lists = st.one_of(
    items.map(lambda i: "\n".join(f"- {item}" for item in i)),
    items.map(lambda i: "\n".join(f"{n}. {item}" for n, item in enumerate(i, 1))),
)
rows = st.lists(inline, min_size=2, max_size=2).map(lambda r: f"| {' | '.join(r)} |")
tables = st.lists(rows, min_size=2, max_size=3).map(
    lambda r: "\n".join([r[0], "| --- | --- |", *r[1:]])
)
documents = st.lists(
    st.one_of(paragraphs, headings, lists, tables), min_size=1, max_size=4
).map("\n\n".join)


@given(bodies)
def test_a_snippet_shows_the_text_of_links_as_the_page_does(body):
    assert snippet_text(body) == shown_text(body)


@given(documents)
def test_a_snippet_breaks_where_the_page_starts_a_new_block(body):
    assert snippet_text(body) == shown_text(body)


def test_a_heading_ends_a_sentence_in_the_snippet():
    body = (
        "BNPT keeps the threat up to date.\n\n## The threat moves online\n\n"
        "BNPT head Boy Rafli Amar opened the meeting."
    )
    assert snippet_text(body) == (
        "BNPT keeps the threat up to date. The threat moves online. "
        "BNPT head Boy Rafli Amar opened the meeting."
    )


def test_a_snippet_of_a_passage_drops_a_refused_links_whole_address():
    raw = f"tidak menekan [klik](javascript:alert(3)) di {MARK_START}pesan{MARK_STOP}"
    snippet = str(headline_html(raw))
    assert snippet == "tidak menekan klik di <mark>pesan</mark>"
    assert not re.search(r"\)", snippet)


@pytest.mark.django_db
def test_a_search_snippet_ends_the_heading_before_the_paragraph(client, section):
    story = ArticleFactory(
        section=section,
        title="BNPT membuka pertemuan",
        body="BNPT keeps the threat up to date.\n\n## The threat moves online\n\n"
        "BNPT head Boy Rafli Amar opened the meeting on radicalisation.",
    )
    update_search_vectors([story.pk])
    response = client.get("/search/", {"q": "radicalisation"})
    (found,) = response.context["page_obj"]
    snippet = unescape(strip_tags(str(found.search_snippet)))
    # PostgreSQL's fragment may start within the heading ("… online. BNPT").
    assert "online. BNPT head" in snippet
    # The reader opens the story: the heading is its own line there.
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<h2>The threat moves online</h2>" in page
