"""What people type, as it is kept: line ends (newsroom.text's one rule),
the invisible characters a reader's text may not hide behind, and no stack
of accents drawn over the lines around it.

No models here: forms, services, checks and template filters all use it.
"""

import unicodedata

from newsroom.text import (
    limit_stacked_marks,
    normalise_newlines,
    strip_invisible,
    without_controls,
)

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
