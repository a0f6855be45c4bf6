"""Headlines keep tokens such as "ke-4" on one line: `keep_tokens` escapes
the title and wraps each word-and-number token in a no-break span."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from newsroom.templatetags.typography import keep_tokens
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def nobr(text: str) -> str:
    return f'<span class="nobr">{text}</span>'


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Pertemuan JWG ke-4 digelar", f"Pertemuan JWG {nobr('ke-4')} digelar"),
        ("JWG-4 opens", f"{nobr('JWG-4')} opens"),
        ("A 4-nation meeting", f"A {nobr('4-nation')} meeting"),
        ("COVID-19 dan 2021-2022", f"{nobr('COVID-19')} dan {nobr('2021-2022')}"),
        ("(ke-4).", f"({nobr('ke-4')})."),
        ("ke-4-nya", nobr("ke-4-nya")),
        # Compounds of words may break at their hyphen.
        ("Indonesia-Filipina bertemu", "Indonesia-Filipina bertemu"),
        ("Police-to-police cooperation", "Police-to-police cooperation"),
        ("No tokens at all", "No tokens at all"),
        ("", ""),
    ],
)
def test_tokens_with_a_number_are_kept_together(title, expected):
    assert keep_tokens(title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "<script>alert('ke-4')</script>",
            "&lt;script&gt;alert(&#x27;" + nobr("ke-4") + "&#x27;)&lt;/script&gt;",
        ),
        (
            '<span class="nobr">x</span> JWG-4',
            "&lt;span class=&quot;nobr&quot;&gt;x&lt;/span&gt; " + nobr("JWG-4"),
        ),
        ('A&B-4 "x-1"', "A&amp;" + nobr("B-4") + " &quot;" + nobr("x-1") + "&quot;"),
        ("<img src=x onerror=alert(1)>-4", "&lt;img src=x onerror=alert(1)&gt;-4"),
    ],
)
def test_hostile_titles_are_escaped_before_tokens_are_wrapped(title, expected):
    assert keep_tokens(title) == expected


def test_a_token_longer_than_a_number_s_name_may_break():
    # Part of an address, not "ke-4": kept on one line it made a phone's
    # page wider than the screen.
    title = "Rilis di bnpt.go.id/pertemuan-jwg-ke-4-indonesia-filipina, JWG ke-4"
    assert keep_tokens(title) == (
        "Rilis di bnpt.go.id/pertemuan-jwg-ke-4-indonesia-filipina, JWG "
        '<span class="nobr">ke-4</span>'
    )


def test_markup_already_safe_is_left_as_it_is():
    html = mark_safe("<em>ke-4</em>")
    assert keep_tokens(html) is html


def test_the_template_escapes_once_and_keeps_the_span():
    rendered = Template("{% load typography %}{{ title|keep_tokens }}").render(
        Context({"title": "Tom & Jerry ke-4 <b>"})
    )
    assert rendered == "Tom &amp; Jerry " + nobr("ke-4") + " &lt;b&gt;"


def test_cards_keep_the_token_together_and_copy_an_ordinary_hyphen(client, section):
    ArticleFactory(title="Pertemuan JWG ke-4 <dibuka>", section=section)

    html = client.get(section.get_absolute_url()).content.decode()

    assert "Pertemuan JWG " + nobr("ke-4") + " &lt;dibuka&gt;" in html
    assert "\u2011" not in html
