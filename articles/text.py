"""What people type, as it is kept: line ends (newsroom.text's one rule),
and the invisible characters a reader's text may not hide behind.

No models here: forms, services, checks and template filters all use it.
"""

import unicodedata

from newsroom.text import normalise_newlines, without_controls

# Invisible characters that can reorder or hide what a reader sees: the
# bidirectional controls (an U+202E flips the text after it), and zero-width
# characters that hide a word from the word lists or make an empty-looking
# comment. U+200C/U+200D (non-joiner, joiner) are kept only between two
# non-ASCII characters, where emoji sequences and some scripts need them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
JOINERS = frozenset("\u200c\u200d")
# Letters and symbols that are drawn as nothing (Hangul fillers, blank Braille).
BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def strip_invisible(text: str) -> str:
    """Text without bidirectional controls and zero-width characters. Joiners
    stay between two non-ASCII characters (emoji sequences, Persian, Indic)."""
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


def _draws_something(char: str) -> bool:
    return char not in BLANK_GLYPHS and unicodedata.category(char)[0] in "LNPS"


def has_visible_text(text: str) -> bool:
    """Whether any character of text shows on the page (a letter, digit,
    punctuation or symbol, not a blank glyph)."""
    return any(_draws_something(char) for char in text)


def clean_reader_text(text: str) -> str:
    """A reader's text as it is kept and shown: line ends unified, invisible
    direction and zero-width controls removed, control characters too (those
    that end a line as line ends), outer spaces trimmed."""
    return strip_invisible(without_controls(normalise_newlines(text))).strip()
