"""What readers type is shown as plain text: nothing they write runs in a page."""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from articles.templatetags.comments_tags import comment_text
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

REL = 'rel="nofollow ugc noopener"'


def link(url, shown=None):
    return f'<a href="{url}" {REL}>{shown or url}</a>'


# The filter


def test_plain_text_becomes_one_paragraph():
    assert comment_text("BNPT should publish the minutes.") == (
        "<p>BNPT should publish the minutes.</p>"
    )


def test_line_breaks_and_paragraphs_are_kept():
    html = comment_text("First line\nsecond line\n\n\nNew paragraph\r\nand more")
    assert html == (
        "<p>First line<br>\nsecond line</p>\n<p>New paragraph<br>\nand more</p>"
    )


def test_markup_is_escaped_not_interpreted():
    html = comment_text('<b>bold</b> & <script>alert("x")</script>')
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html


def test_markdown_stays_as_typed():
    html = comment_text("**strong** _emphasis_ [a link](https://bnpt.go.id/)")
    assert "<strong>" not in html and "<em>" not in html
    assert "**strong** _emphasis_ [a link](" in html
    assert link("https://bnpt.go.id/") in html


def test_an_image_in_markdown_is_not_shown():
    html = comment_text("![logo](https://evil.example/pixel.png)")
    assert "<img" not in html
    assert link("https://evil.example/pixel.png") in html


@pytest.mark.parametrize("scheme", ["http", "https", "HTTPS"])
def test_web_addresses_become_links_nobody_follows(scheme):
    html = comment_text(f"See {scheme}://bnpt.go.id/news?id=4&lang=en for more")
    assert html == (
        f"<p>See {link(f'{scheme}://bnpt.go.id/news?id=4&amp;lang=en')} for more</p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "ftp://files.example/",
        "www.example.com",
        "example.com",
        "mailto:redaksi@example.com",
        "redaksi@example.com",
        "//evil.example/",
    ],
)
def test_nothing_but_http_and_https_becomes_a_link(text):
    html = comment_text(text)
    assert "<a" not in html


def test_a_javascript_link_before_an_address_stays_text():
    html = comment_text("javascript:alert(1)//https://bnpt.go.id/")
    assert 'href="javascript' not in html
    assert "<a" not in html


def test_punctuation_after_an_address_is_left_out_of_the_link():
    html = comment_text("Read https://bnpt.go.id/report. Or (https://ppatk.go.id/)!")
    assert f"Read {link('https://bnpt.go.id/report')}." in html
    assert f"Or ({link('https://ppatk.go.id/')})!" in html


def test_brackets_that_belong_to_the_address_are_kept():
    url = "https://en.wikipedia.org/wiki/BNPT_(Indonesia)"
    assert link(url) in comment_text(f"See {url}.")


def test_a_quote_cannot_break_out_of_the_link():
    html = comment_text('https://x.example/"onmouseover="alert(1)" style="x')
    assert html.startswith(f"<p>{link('https://x.example/')}&quot;onmouseover=")
    assert 'onmouseover="' not in html and '"alert' not in html


def test_an_angle_bracket_ends_the_address():
    html = comment_text("https://x.example/<script>alert(1)</script>")
    assert link("https://x.example/") in html
    assert "<script>" not in html


def test_a_long_address_is_shortened_in_the_text_not_in_the_link():
    url = "https://bnpt.go.id/" + "a" * 100
    html = comment_text(url)
    assert f'href="{url}"' in html
    assert ">https://bnpt.go.id/aaaa" in html and "…</a>" in html


def test_an_empty_comment_renders_nothing():
    assert comment_text("") == ""
    assert comment_text(None) == ""


def test_the_filter_is_safe_in_templates():
    html = Template("{% load comments_tags %}{{ text|comment_text }}").render(
        Context({"text": "<i>x</i>\nhttps://bnpt.go.id/"})
    )
    assert html == f"<p>&lt;i&gt;x&lt;/i&gt;<br>\n{link('https://bnpt.go.id/')}</p>"


# On the page

PAYLOADS = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(2)',
    "' onfocus='alert(3)' autofocus='",
    '<img src=x onerror="alert(4)">',
    '<a href="javascript:alert(5)">click</a> javascript:alert(6)',
    "</textarea><script>alert(7)</script>",
    '<svg onload="alert(8)">',
    "--></li><iframe src=//evil.example></iframe>",
]


class TagCollector(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(page):
    parser = TagCollector()
    parser.feed(page)
    return parser.tags


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_and_text_render_harmless(client, payload):
    article = ArticleFactory(meeting=None)
    parent = CommentFactory(article=article, author_name=payload, text=payload)
    CommentFactory(parent=parent, author_name=f"x{payload}", text=f"y {payload}")
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{parent.pk}-by"' in page
    assert payload not in page
    tags = elements(page)
    # The page's own JSON-LD and its own script files (the edition notice,
    # the copy-link button, "Read more" under a long comment) are the only
    # scripts allowed.
    assert not {"script", "svg", "iframe"} & {
        tag
        for tag, attrs in tags
        if not (
            tag == "script"
            and (
                attrs.get("type") == "application/ld+json"
                or attrs.get("src")
                in {
                    "/static/js/edition_notice.js",
                    "/static/js/copy_link.js",
                    "/static/js/comment_more.js",
                }
            )
        )
    }
    assert [attrs["src"] for tag, attrs in tags if tag == "img"] == [
        "/static/img/logo.svg"
    ]
    for tag, attrs in tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, attrs)
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)


@pytest.mark.django_db
def test_links_in_comments_on_the_page_are_nofollow(client):
    comment = CommentFactory(text="Minutes: https://bnpt.go.id/jwg4")
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert link("https://bnpt.go.id/jwg4") in page


@pytest.mark.django_db
def test_a_name_cannot_reverse_the_text_around_it(client):
    comment = CommentFactory(author_name="\u202eevil")
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert "<bdi>\u202eevil</bdi>" in page


# Look-alike and invisible characters


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("https://p\u0430ypal.com/login", "https://xn--pypal-4ve.com/login"),  # а
        ("https://\u0430\u0440\u0440\u04cf\u0435.com/", "https://xn--80ak6aa92e.com/"),
        ("https://m\u00fcnchen.de:8080/x", "https://xn--mnchen-3ya.de:8080/x"),
    ],
    ids=["mixed scripts", "all Cyrillic", "Latin with umlaut"],
)
def test_a_non_ascii_host_is_shown_and_linked_in_punycode(typed, shown):
    html = comment_text(f"Login di {typed} sekarang")
    assert html == f"<p>Login di {link(shown)} sekarang</p>"
    assert typed not in html


def test_a_host_that_is_no_valid_name_is_not_linked():
    html = comment_text("https://\u0430" + "x" * 70 + ".example/")
    assert "<a" not in html


@pytest.mark.parametrize(
    "typed",
    [
        "https://bnpt.go.id@evil.example/masuk",
        "http://javascript:alert(1)@evil.example/",
        "https://user:sandi@bnpt.go.id/",
        "https://p\u0430ypal.com@evil.example/",
    ],
)
def test_an_address_with_a_user_name_before_its_host_stays_text(typed):
    # It read as the name before the @ (bnpt.go.id) and led to the host after
    # it (evil.example): a link must show where it leads.
    html = comment_text(f"Lihat {typed} ya")
    assert "<a" not in html
    assert "Lihat https://" in html or "Lihat http://" in html


def test_direction_controls_inside_a_link_cannot_flip_it():
    html = comment_text("Unduh https://bnpt.go.id/\u202egpj.exe\u202c sekarang")
    assert html == f"<p>Unduh {link('https://bnpt.go.id/gpj.exe')} sekarang</p>"


def test_invisible_controls_kept_from_before_are_left_out_of_the_page():
    html = comment_text("a\u2066b\u200bc\u061cd\ufeff\u200ee")
    assert html == "<p>abcde</p>"
