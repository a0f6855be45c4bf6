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
from itertools import repeat

from django.contrib.postgres.search import SearchHeadline
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe

from newsroom.search_terms import Terms

from ..rendering import LINK_NESTING_MAX
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
        else:
            terms = terms or Terms.parse(query)
            article.search_snippet = excerpt(terms, article.body)


def headline_html(raw: str, source: str = "") -> SafeString:
    """A raw headline (Markdown with the marks) as escaped HTML with <mark>;
    with an ellipsis where it starts or ends inside `source`, its text."""
    plain = _plain(raw.translate(_JOINERS_BACK))
    if source:
        bare = plain.replace(MARK_START, "").replace(MARK_STOP, "")
        whole = _plain(source)
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
    text = _plain(markdown_text)
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


# A link's or image's "(address)" with the parentheses it holds, paired up to
# LINK_NESTING_MAX deep, as the page reads it (rendering._whole_brackets):
# `[klik](javascript:alert(3))` is "klik" there, and was "klik)" here.
# Unrolled (a run of other characters between nested pairs), so it never
# backtracks; an address whose parentheses do not pair ends at its first ")".
_PAIRED = r"\([^()]*\)"
for _level in range(LINK_NESTING_MAX - 1):
    _PAIRED = rf"\([^()]*(?:{_PAIRED}[^()]*)*\)"
_ADDRESS = rf"(?:{_PAIRED}|\([^)]*\))"

_LINKS = re.compile(rf"!?\[([^\]]*)\]{_ADDRESS}")  # links and images: their text
# Emphasis and code marks. Both branches start at a mark: the lookahead says
# so first, which lets the other positions fail at once (three times faster
# on a story's body: 0.14 -> 0.05 ms for 3.9 KB; each search result's snippet
# reads its whole body, headline_html()).
_EMPHASIS = re.compile(r"(?=[*_`~])(?:(?<!\w)[*_`~]+|[*_`~]+(?!\w))")
# A table: its head row, the row of dashes under it, its other rows.
_TABLE = re.compile(
    r"(?m)^[^\n]*\|[^\n]*\n[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?"
    r"[ \t]*$((?:\n[^\n]*\|[^\n]*)*)"
)
_CELL_BORDER = re.compile(r"(?<!\\)\|")
# Each the start or the whole of a line that begins a block of its own
# (a quote's marks go, its text is a paragraph's). Each starts with the line's
# "\n" (the text is read with one before it), which the engine looks for
# first: four times faster than "^" in multiline mode.
_BLOCK_MARKERS = [
    (re.compile(r"\n[ \t]{0,3}(?:>[ \t]?)+"), "\n"),
    (
        re.compile(r"(?m)\n[ \t]{0,3}#{1,6}(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$"),
        r"\n\n\1\n",
    ),
    # A setext heading's underline, or a rule: no text, the end of a block.
    (re.compile(r"(?m)\n[ \t]{0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$"), "\n"),
    (re.compile(r"\n[ \t]*(?:[-*+]|\d+\.)[ \t]+"), "\n\n"),
]
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# A block whose text ends so reads as ended already: no separator added.
_ENDED = re.compile(r"[.!?…:;,—][\"'”’»)\]]*$")
# Between a heading, a list item, a table cell or a paragraph and what
# follows, where the page starts a new line (BLOCK_SEPARATOR after text
# without its own final punctuation).
BLOCK_SEPARATOR = ". "


def _cells(table: re.Match) -> str:
    rows = [table[0].split("\n", 1)[0], *table[1].split("\n")]
    cells = (cell for row in rows for cell in _CELL_BORDER.split(row.strip(" \t|")))
    return "\n\n".join(["", *cells, ""])


def _plain(markdown_text: str) -> str:
    """The text of a Markdown body (or a passage of one) on one line, each
    block ended as a sentence: "## The threat moves online" followed by a
    paragraph reads "The threat moves online. BNPT head…", not as one run."""
    text = "\n" + _LINKS.sub(r"\1", markdown_text)
    if "|" in text:
        text = _TABLE.sub(_cells, text)
    for pattern, replacement in _BLOCK_MARKERS:
        text = pattern.sub(replacement, text)
    blocks = (" ".join(block.split()) for block in _BLOCK_BREAK.split(text))
    texts = [block for block in map(_EMPHASIS.sub, repeat(""), blocks) if block]
    ends = [
        text if _ENDED.search(text) else text + BLOCK_SEPARATOR.rstrip()
        for text in texts[:-1]
    ]
    return " ".join([*ends, *texts[-1:]])
