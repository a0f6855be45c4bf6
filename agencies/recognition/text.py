"""The shape of a text for recognition: paragraphs, sentences, words, word
boundaries, a lower-cased copy of the same length, snippets around a place.

A word character is a letter or a digit (`str.isalnum`); everything else,
the underscore of Markdown emphasis included, is a boundary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# Small words that may stand inside a name ("Bureau of Immigration", "Badan
# Siber dan Sandi Negara") without starting it.
CONNECTORS = frozenset(
    "dan and of the for on in di untuk serta ke dari & de la du des y".split()
)

# A word, hyphenated or with an apostrophe inside ("Anti-Money", "People's").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
# "Damian L. Carlos", "Dr. Sulaiman": a period that does not end a sentence.
ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Dr|Drs|Ir|Prof|Mr|Mrs|Ms|St|Jr|Sr|No|Jl|Kol|Brigjen|Irjen"
    r"|Komjen|Jend|Pol|H|Hj))\.$"
)
SNIPPET_WIDTH = 60


def is_word_char(char: str) -> bool:
    return char.isalnum()


def bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone: no letter or digit just before or
    just after it."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end >= len(text) or not text[end].isalnum()
    )


def lower_same_length(text: str) -> str:
    """text.lower(), except that a character whose lower case is longer (the
    Turkish "İ") stays as it is: offsets in the copy are offsets in text."""
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() never shortens: nothing grew
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def folded_same_length(text: str) -> str:
    """lower_same_length(), each accented letter its bare letter ("Damián"
    is "damian"): a name is found however the copy writes its accents (a
    tester's "Damián L. Carlos" was not linked, "Damian" was); offsets in the
    copy are still offsets in text."""
    lowered = lower_same_length(text)
    if lowered.isascii():
        return lowered
    return "".join(map(_bare, lowered))


@functools.lru_cache(maxsize=4096)
def _bare(char: str) -> str:
    if char.isascii():
        return char
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    return bare if len(bare) == 1 else char


def content_words(text: str) -> list[str]:
    """The lower-cased words of a name, hyphenated ones split, without the
    connectors."""
    words = []
    for word in WORD.findall(text):
        words += [part for part in re.split(r"[-'’]", word.lower()) if part]
    return [word for word in words if word not in CONNECTORS]


def dice(first: str, second: str) -> float:
    """How alike two names are by their words (0 to 1)."""
    a, b = set(content_words(first)), set(content_words(second))
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Document:
    """A text with its paragraphs and sentences as (start, end) spans.

    Paragraphs are separated by blank lines when the text has any, else one
    paragraph a line (the two shapes wire copy comes in, as the intake parser
    reads them); blank paragraphs are not counted.
    """

    def __init__(self, text: str):
        self.text = text
        separator = BLANK_LINE if BLANK_LINE.search(text) else re.compile(r"\n")
        spans, start = [], 0
        for match in separator.finditer(text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
        self.paragraphs: list[Span] = []
        for start, end in spans:
            chunk = text[start:end]
            stripped = chunk.strip()
            if stripped:
                begin = start + len(chunk) - len(chunk.lstrip())
                self.paragraphs.append(Span(begin, begin + len(stripped)))
        self._paragraph_starts = [p.start for p in self.paragraphs]

    @cached_property
    def lowered(self) -> str:
        return folded_same_length(self.text)

    def paragraph_index(self, offset: int) -> int:
        return max(bisect_right(self._paragraph_starts, offset) - 1, 0)

    def paragraph_at(self, offset: int) -> Span:
        if not self.paragraphs:
            return Span(0, len(self.text))
        return self.paragraphs[self.paragraph_index(offset)]

    @cached_property
    def sentences(self) -> list[Span]:
        found = []
        for paragraph in self.paragraphs:
            start = paragraph.start
            chunk = self.text[paragraph.start : paragraph.end]
            for match in SENTENCE_END.finditer(chunk):
                if ABBREVIATION.search(chunk, max(match.end() - 12, 0), match.end()):
                    continue
                end = paragraph.start + match.end()
                found.append(Span(start, end))
                start = end
            if start < paragraph.end:
                found.append(Span(start, paragraph.end))
        return found

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span:
        if not self.sentences:
            return Span(0, len(self.text))
        return self.sentences[max(bisect_right(self._sentence_starts, offset) - 1, 0)]

    def snippet(self, start: int, end: int) -> str:
        """The paragraph around text[start:end], about SNIPPET_WIDTH characters
        either side, cut at words."""
        paragraph = self.paragraph_at(start)
        text = self.text
        left = max(paragraph.start, start - SNIPPET_WIDTH)
        right = min(max(paragraph.end, end), end + SNIPPET_WIDTH)
        if left > paragraph.start:
            space = text.find(" ", left, start)
            left = space + 1 if space != -1 else left
        if right < paragraph.end:
            space = text.rfind(" ", end, right)
            right = space if space != -1 else right
        prefix = "…" if left > paragraph.start else ""
        suffix = "…" if right < paragraph.end else ""
        return prefix + text[left:right].strip() + suffix


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


def words_between(text: str, start: int, end: int) -> list[Word]:
    found = WORD.finditer(text, start, end)
    return [Word(m.group(), m.start(), m.end()) for m in found]


def name_run_before(text: str, start: int, end: int, limit: int = 12) -> list[Word]:
    """The run of capitalised words (connectors allowed inside) that ends at
    `end`, looking no further back than `start`: the words of a name written
    just before a parenthesis or a comma. Empty when a lower-case word or a
    punctuation mark other than a hyphen comes first."""
    run: list[Word] = []
    words = words_between(text, start, end)
    position = end
    for word in reversed(words):
        gap = text[word.end : position]
        if gap.strip(" \t\n_*") or len(run) >= limit:
            break
        if is_capitalised(word.text):
            run.insert(0, word)
        elif word.text.lower() in CONNECTORS and run:
            run.insert(0, word)
        else:
            break
        position = word.start
    while run and not is_capitalised(run[0].text):
        run.pop(0)
    return run


def name_run_after(text: str, start: int, end: int, limit: int = 12) -> list[Word]:
    """The run of capitalised words (connectors inside) that starts at
    `start` (after spaces), ending before `end`."""
    run: list[Word] = []
    position = start
    for word in words_between(text, start, end):
        gap = text[position : word.start]
        if gap.strip(" \t\n_*") or len(run) >= limit:
            break
        if is_capitalised(word.text):
            run.append(word)
        elif word.text.lower() in CONNECTORS and run:
            run.append(word)
        else:
            break
        position = word.end
    while run and not is_capitalised(run[-1].text):
        run.pop()
    return run
