"""Plain-text helpers that know no app: both apps and newsroom.history use them."""

import difflib
import re
import unicodedata

from django.utils.text import slugify

# Control characters that end a line where text is copied from: a vertical
# tab (Word's manual line break, copied out of some programs), a form feed (a
# page break: pdftotext puts one between a PDF's pages), the file, group and
# record separators and NEL (U+0085), which Unicode counts as line ends too.
LINE_BREAK_CONTROLS = "\x0b\x0c\x1c\x1d\x1e\x85"
_LINE_BREAK_CONTROLS_RE = re.compile(f"[{LINE_BREAK_CONTROLS}]")
# The other control characters (Unicode category Cc, but tab and line ends):
# nothing a person writes, nothing a page shows. XML 1.0 cannot hold the C0
# ones at all, so one in a story's title failed every feed with a 500.
_OTHER_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
# What XML 1.0 cannot hold besides: U+FFFE, U+FFFF and lone surrogates.
_NOT_XML_RE = re.compile("[\ufffe\uffff\ud800-\udfff]")


# Invisible characters that can reorder or hide what a reader sees: the
# bidirectional controls (an U+202E flips the text after it: a summary on the
# public page read backwards), and zero-width characters that hide a word
# from the word lists, make an empty-looking comment or a second "BIN" beside
# the first. U+200C/U+200D (non-joiner, joiner) are kept only between two
# non-ASCII characters, where emoji sequences and some scripts need them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
JOINERS = frozenset("\u200c\u200d")
_INVISIBLE_RE = re.compile(f"[{''.join(sorted(BIDI_CONTROLS | ZERO_WIDTH | JOINERS))}]")


def strip_invisible(text: str) -> str:
    """Text without bidirectional controls and zero-width characters. Joiners
    stay between two non-ASCII characters (emoji sequences, Persian, Indic)."""
    if not _INVISIBLE_RE.search(text):
        return text
    kept: list[str] = []
    for i, char in enumerate(text):
        if char in BIDI_CONTROLS or char in ZERO_WIDTH:
            continue
        if char in JOINERS:
            after = text[i + 1] if i + 1 < len(text) else ""
            before = kept[-1] if kept else ""
            if not (before and after and not before.isascii() and not after.isascii()):
                continue
            if after in BIDI_CONTROLS or after in ZERO_WIDTH or after in JOINERS:
                continue
        kept.append(char)
    return "".join(kept)


# Combining marks stacked on one letter. Scripts stack a few: Vietnamese
# typed decomposed puts two on a vowel ("ệ"), Thai a vowel and a tone mark,
# Devanagari a nukta and a nasal sign, pointed Hebrew three. Dozens ("Zalgo"
# text) draw up and down over the lines around them: over the comment above
# in the moderation queue, through the author's name on the public page.
# Spacing marks (Mc) sit beside their letter and format characters (a
# joiner) draw nothing: neither counts, nor ends a stack.
MAX_STACKED_MARKS = 3
STACKING_MARKS = frozenset({"Mn", "Me"})
_IN_A_STACK = STACKING_MARKS | {"Mc", "Cf"}


def _stack_heights(text: str):
    """Each character with its place in the stack of marks on its letter
    (1 for the first mark, 2 for the next…; 0 for any other character)."""
    stacked = 0
    for char in text:
        category = unicodedata.category(char)
        if category in STACKING_MARKS:
            stacked += 1
            yield char, stacked
        else:
            if category not in _IN_A_STACK:
                stacked = 0
            yield char, 0


def limit_stacked_marks(text: str, limit: int = MAX_STACKED_MARKS) -> str:
    """Text with at most `limit` combining marks stacked on any letter: the
    first ones kept, the rest left out, counted as drawn, a precomposed
    letter's own accents included ("ệ" is "e" + U+0323 + U+0302: two; an
    "á" and 24 more acute accents had kept four). Text with no taller stack
    is returned as it is; otherwise composed again (NFC)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if all(height <= limit for _, height in _stack_heights(decomposed)):
        return text
    kept = "".join(c for c, height in _stack_heights(decomposed) if height <= limit)
    return unicodedata.normalize("NFC", kept)


def normalise_newlines(text: str) -> str:
    """Every line end as "\\n" (browsers send "\\r\\n" from a textarea; a lone
    "\\r" is an old Mac line end)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_controls(text: str, *, line_breaks: bool = True) -> bool:
    """Whether text holds a control character other than tab and line ends;
    with line_breaks=False, one that does not end a line either (what no
    text file holds: the sign of a binary file)."""
    if line_breaks and _LINE_BREAK_CONTROLS_RE.search(text):
        return True
    return bool(_OTHER_CONTROLS_RE.search(text))


def without_controls(text: str, *, line_break: str = "\n", other: str = "") -> str:
    """Text as a person meant it: each control character that ends a line
    (LINE_BREAK_CONTROLS) as `line_break` (a space, for a one-line field),
    the other control characters (but tab and line ends) as `other` (left
    out unless told)."""
    if not has_controls(text):
        return text
    text = _LINE_BREAK_CONTROLS_RE.sub(line_break, text)
    return _OTHER_CONTROLS_RE.sub(other, text)


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold, for feeds and sitemaps: without_controls()
    on one line's terms (a line-ending control becomes a space), and without
    the characters XML excludes (U+FFFE, U+FFFF, lone surrogates)."""
    return _NOT_XML_RE.sub("", without_controls(text, line_break=" "))


def slug_of(text: str) -> str:
    """Django's slugify, with dashes and slashes between words kept as word
    breaks: "Indonesia–Filipina" is "indonesia-filipina" (slugify dropped
    the en dash: "indonesiafilipina"). static/js/admin_slugs.js does the
    same for the slugs the admin fills in as one types."""
    spaced = "".join(
        " " if char == "/" or unicodedata.category(char) == "Pd" else char
        for char in text
    )
    return slugify(spaced)


def _folded(text: str) -> str:
    """Text for comparing names: case and accents aside, words by spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def names(text: str, name: str) -> bool:
    """Whether `text` (a byline) names `name`: holds it, or is part of it,
    in whole words, case and accents aside. "Oleh Sari Wulandari/ANTARA"
    and "Sari" name "Sari Wulandari"; "Tim Redaksi" does not."""
    wanted, given = _folded(name), _folded(text)
    if not wanted or not given:
        return False
    return f" {wanted} " in f" {given} " or f" {given} " in f" {wanted} "


# How alike two names must be (difflib's ratio, case and accents aside) for
# one to be taken as the other's translation: "terorisme" and "terrorism"
# are 0.89, "filipina" and "philippines" 0.63, "filipina" and "terrorism" 0.24.
ALIKE_AT_LEAST = 0.5


def closest_name(name: str, candidates: list[str]) -> str | None:
    """The one of `candidates` whose name is clearly the closest to `name`
    (at least ALIKE_AT_LEAST, and closer than any other), else None."""
    wanted = _folded(name)
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, wanted, _folded(other)).ratio(), other)
            for other in candidates
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not scored or scored[0][0] < ALIKE_AT_LEAST:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]
