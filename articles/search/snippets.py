"""The passages shown under each search result, matched words in <mark>.

On PostgreSQL the database cuts them from the body (`headline()`, an
annotation `find_articles()` adds); elsewhere `excerpt()` takes about 240
characters around the first match. Either way the text is escaped before the
marks become tags, and a word is marked whether or not the query wrote its
accents ("Ano" marks "Año").
"""

import re
from collections.abc import Iterable
from html import escape

from django.contrib.postgres.search import SearchHeadline
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe

from newsroom.search_terms import Terms

from ..text import BLOCK_SEPARATOR, body_text  # noqa: F401 - snippets end blocks so
from .index import JOINER_STAND_INS, stemmed_config, words_apart

# Matched words in a headline come between these (Unicode private-use
# characters, never in copy), so that the text can be escaped before they
# become <mark> tags.
MARK_START, MARK_STOP = "\ue000", "\ue001"
_EXCERPT_CHARS = 240
# A headline is cut from the body with its hyphens and slashes in stand-ins
# (index.words_apart(), as the vectors read it): they are put back.
_JOINERS_BACK = str.maketrans({v: k for k, v in JOINER_STAND_INS.items()})


def headline(search_query):
    """The body's best passages with the words `search_query` (a PostgreSQL
    SearchQuery) matches between the marks; render it with `headline_html()`."""
    return SearchHeadline(
        words_apart(F("body")),
        search_query,
        config=stemmed_config(),
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_fragments=2,
        max_words=22,
        min_words=12,
        short_word=2,
        fragment_delimiter=" … ",
    )


def add_snippets(articles: Iterable, query: str) -> None:
    """Give each article a `search_snippet`: escaped HTML, matched words in <mark>.

    Uses the `search_headline` annotation where the query made one
    (PostgreSQL), otherwise an excerpt around the first match in the body.
    """
    terms = None
    for article in articles:
        found = getattr(article, "search_headline", None)
        if found is not None:
            article.search_snippet = headline_html(found, article.body)
            if _cut_inside_markup(found, article.body):
                article.search_snippet = excerpt(_marked_terms(found), article.body)
        else:
            terms = terms or Terms.parse(query)
            article.search_snippet = excerpt(terms, article.body)


def _cut_inside_markup(raw: str, source: str) -> bool:
    """Whether a passage of a raw headline (cut from the Markdown) starts or
    ends inside markup, so that its text is not the text the page shows (a
    link's text cut from its "[" shows "](address)")."""
    whole = body_text(source)
    plain = raw.translate(_JOINERS_BACK).replace(MARK_START, "")
    plain = plain.replace(MARK_STOP, "")
    return any(
        body_text(passage) not in whole for passage in plain.split(" … ") if passage
    )


def _marked_terms(raw: str) -> Terms:
    """The words PostgreSQL marked in a raw headline (its readings of the
    query: "cegah" marks "pencegahan"), as terms to mark in an excerpt."""
    words = set(re.findall(f"{MARK_START}([^{MARK_STOP}]*){MARK_STOP}", raw))
    quoted = [f'"{word}"' for word in sorted(words) if word and '"' not in word]
    return Terms.parse(" ".join(quoted))


def headline_html(raw: str, source: str = "") -> SafeString:
    """A raw headline (Markdown with the marks) as escaped HTML with <mark>;
    with an ellipsis where it starts or ends inside `source`, its text."""
    plain = body_text(raw.translate(_JOINERS_BACK))
    if source:
        bare = plain.replace(MARK_START, "").replace(MARK_STOP, "")
        whole = body_text(source)
        if not whole.startswith(bare.split(" … ")[0][:40]):
            plain = "… " + plain
        if not whole.endswith(bare.split(" … ")[-1][-40:]):
            plain += " …"
    text = escape(plain, quote=False)
    text = re.sub(
        f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}",
        r"<mark>\1</mark>",
        text,
    )
    return mark_safe(  # noqa: S308 - escaped above; only <mark> added
        text.replace(MARK_START, "").replace(MARK_STOP, "").strip()
    )


def excerpt(terms: Terms, markdown_text: str) -> SafeString:
    """About 240 characters of the text around the first match, escaped,
    matched terms in <mark> (the start of the text when nothing matches)."""
    text = body_text(markdown_text)
    if not terms.terms:
        return mark_safe(escape(text[:_EXCERPT_CHARS], quote=False))  # noqa: S308
    finder = re.compile(
        "|".join(f"(?:{terms.pattern(term)})" for term in terms.terms), re.IGNORECASE
    )
    first = finder.search(text)
    start = 0
    if first and first.start() > _EXCERPT_CHARS // 3:
        start = text.rfind(" ", 0, first.start() - _EXCERPT_CHARS // 3) + 1
    end = len(text)
    if end - start > _EXCERPT_CHARS:
        end = text.rfind(" ", start, start + _EXCERPT_CHARS)
        end = end if end > start else start + _EXCERPT_CHARS
    window = text[start:end]
    pieces, position = [], 0
    for match in finder.finditer(window):
        pieces.append(escape(window[position : match.start()], quote=False))
        pieces.append(f"<mark>{escape(match.group(), quote=False)}</mark>")
        position = match.end()
    pieces.append(escape(window[position:], quote=False))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - escaped
