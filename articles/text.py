"""What people type, as it is kept: line ends (newsroom.text's one rule),
the invisible characters a reader's text may not hide behind, and no stack
of accents drawn over the lines around it; and a story body's text as a
reader sees it (`body_text()`: what the search index reads and its snippets
show); and the addresses in a reader's text that readers get as links
(`reader_links()`, the one rule readers' pages and moderators' follow).

No models here: forms, services, checks and template filters all use it.
"""

import re
import unicodedata
from collections.abc import Iterator
from html import unescape
from itertools import repeat
from urllib.parse import urlsplit, urlunsplit

from newsroom.text import (
    limit_stacked_marks,
    normalise_newlines,
    strip_invisible,
    without_controls,
)

from .rendering import LINK_NESTING_MAX

# Letters and symbols that are drawn as nothing (Hangul fillers, blank Braille).
BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _draws_something(char: str) -> bool:
    return char not in BLANK_GLYPHS and unicodedata.category(char)[0] in "LNPS"


def has_visible_text(text: str) -> bool:
    """Whether any character of text shows on the page (a letter, digit,
    punctuation or symbol, not a blank glyph)."""
    return any(_draws_something(char) for char in text)


def clean_reader_text(text: str) -> str:
    """A reader's text as it is kept and shown: line ends unified, invisible
    direction and zero-width controls removed, control characters too (those
    that end a line as line ends), no more than MAX_STACKED_MARKS combining
    marks on a letter, outer spaces trimmed."""
    text = strip_invisible(without_controls(normalise_newlines(text)))
    return limit_stacked_marks(text).strip()


# An http(s) address up to the next space, quote or angle bracket. Only these two
# schemes ever become links: no www., no bare domains, no mailto:, no javascript:.
URL = re.compile(r"(?<![\w@/.:])https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?*_~"  # punctuation that ends a sentence, not the address
PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim(url: str) -> str:
    """The address without what the sentence around it added at its end."""
    while url:
        last = url[-1]
        if last in TRAILING:
            url = url[:-1]
        elif last in PAIRS and url.count(last) > url.count(PAIRS[last]):
            url = url[:-1]
        else:
            break
    return url


def ascii_host(url: str) -> str | None:
    """The address with a non-ASCII host name written in punycode (IDNA), as
    the browser will request it; None when the host is not a valid name, or
    when the address carries a user name before it (`user@host`), with which
    `https://bank.example@evil.example/` reads as the bank and leads
    elsewhere: such an address stays plain text.

    Any non-ASCII host is converted, not only one that mixes scripts: a host
    written wholly in Cyrillic can look exactly like a Latin one (аррӏе.com),
    and telling look-alikes apart needs confusable tables we do not keep.
    Names in other scripts are rare in an Indonesian newsroom's comments;
    a reader can still follow the link.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return None
    if "@" in parts.netloc:
        return None
    if host.isascii():
        return url
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return urlunsplit(parts._replace(netloc=f"{encoded}{port}"))


def reader_links(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, target) of each address in `text` that readers get as a
    link: its place in the text and the address it leads to (ascii_host()).
    The one rule for what a link is, for readers' pages and moderators'."""
    for match in URL.finditer(text):
        url = _trim(match.group())
        if "://" not in url or url.endswith("://"):
            continue
        target = ascii_host(url)
        if target is None:  # not a host name a browser would go to: plain text
            continue
        yield match.start(), match.start() + len(url), target


def with_reader_links(text: str) -> str:
    """`text` with each address readers get as a link (reader_links())
    written as it leads: a non-ASCII host in punycode. Plain text, for a
    comment named in one line (its __str__: the desk's titles and labels)."""
    parts, position = [], 0
    for start, end, target in reader_links(text):
        parts += [text[position:start], target]
        position = end
    return "".join(parts) + text[position:]


# A link's or image's "(address)" with the parentheses it holds, paired up to
# LINK_NESTING_MAX deep, as the page reads it (rendering._whole_brackets):
# `[klik](javascript:alert(3))` is "klik" there, and was "klik)" here.
# Unrolled (a run of other characters between nested pairs), so it never
# backtracks; an address whose parentheses do not pair ends at its first ")".
_PAIRED = r"\([^()]*\)"
for _level in range(LINK_NESTING_MAX - 1):
    _PAIRED = rf"\([^()]*(?:{_PAIRED}[^()]*)*\)"
_ADDRESS = rf"(?:{_PAIRED}|\([^)]*\))"

# A mark written as text: `\_`, `\*`, `\<` (pasted copy's "__init__", kept as
# typed by intake.parser.kept_as_typed), read as the character, as the page
# shows it: held as a private-use character while the marks are removed.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HELD = 0xF0000  # Supplementary Private Use Area-A
_HELD_BACK = {_HELD + code: code for code in range(0x21, 0x7F)}


def _held(escape: re.Match) -> str:
    return chr(_HELD + ord(escape[1]))


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


def body_text(markdown_text: str) -> str:
    """The text a reader sees of a Markdown body (or a passage of one): no
    markup, a link or image its text alone (not its address), on one line,
    each block ended as a sentence: "## The threat moves online" followed by a
    paragraph reads "The threat moves online. BNPT head…", not as one run."""
    text = "\n" + _LINKS.sub(r"\1", _ESCAPE.sub(_held, markdown_text))
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
    # "&lt;" is "<" on the page (pasted copy's "<script>" kept as typed).
    return unescape(" ".join([*ends, *texts[-1:]]).translate(_HELD_BACK))
