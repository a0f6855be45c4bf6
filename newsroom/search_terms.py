"""A reader's search query read into terms, the same way everywhere.

Shared below both apps: the articles' search (articles/search/) and the
agencies and meetings a query names (`Agency.objects.matching()`,
`Meeting.objects.matching()`) read a query with these rules, so that both
understand "quoted phrases", -excluded words and "or" alike. Text only: no
models, no database.

The articles' search reads a word joined by hyphens, dashes or slashes
("Indonesia-Filipina", "BNPT/NICA") as the phrase of its parts, and finds
letters whatever their accents ("Ano" finds "Año", "Peñafiel" finds
"Penafiel"): `Terms.websearch()` for PostgreSQL (whose text search
configurations take the accents off), `Terms.pattern()` elsewhere.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

# Words and phrases past this many are left out: a reader's query never needs
# more, and PostgreSQL's query parser and SQLite's statement both stay small.
MAX_TERMS = 32

_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>«»"
# Accents, as combining marks after their letter (text stored decomposed).
_ACCENTS = "[\u0300-\u036f]*"
# The scripts whose letters are found whatever their accents, as PostgreSQL's
# unaccent does: in others a mark may make another letter (Cyrillic "й" is
# not "и", Japanese "が" not "か").
_ACCENTED_SCRIPTS = ("LATIN ", "GREEK ")
# The Unicode blocks that hold every precomposed letter of those with accents:
# Latin-1 Supplement to Latin Extended-B, Greek, Latin Extended Additional
# and Greek Extended.
_ACCENTED_BLOCKS = ((0xC0, 0x250), (0x370, 0x400), (0x1E00, 0x2000))
# Where a word starts and ends: next to anything but a letter or a digit.
# Not \b, for which "_" is a letter: a word right after Markdown's italic
# mark ("_Joint Working Group_", "__bold__") would not start a word.
_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"


def normalise_query(text: str) -> str:
    """The query as searched: invisible format characters (Unicode's Cf: zero-
    width spaces and joiners, soft hyphens, bidirectional controls) dropped,
    so that a word they sit in stays one word; the other control characters
    as spaces; in NFKC ("ＪＷＧ" is "JWG", "ﬁ" is "fi"); whitespace
    collapsed. The result is itself normalised."""
    # Cf and the rest go before NFKC, which then composes across what was
    # dropped ("e", U+200B, U+0301 is "é") as it would in the text searched.
    visible = "".join(map(_query_character, text))
    return " ".join(unicodedata.normalize("NFKC", visible).split())


def shortened_query(query: str, limit: int) -> str:
    """A normalised `query` of at most `limit` characters: cut at the end of
    its last word that fits whole (at `limit` when one word is longer)."""
    if len(query) <= limit:
        return query
    cut = query[:limit]
    if query[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()


def _query_character(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    return " " if category.startswith("C") else char


@dataclass
class Terms:
    """A query read as groups of words and phrases: an article matches when it
    holds every term of at least one group and none of the excluded ones."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: str) -> "Terms":
        """Read the query; tokens without a letter or digit (a lone "-", "&",
        "...") are operators or noise and dropped, a term repeated in its
        group (or among the exclusions) is read once, in any case and
        however its words are joined, and terms after the first `MAX_TERMS`
        are left out. Terms are kept as written: `words_of()` reads their
        words."""
        groups: list[list[str]] = [[]]
        excluded: list[str] = []
        kept = 0
        for minus, phrase, word in _TOKENS.findall(query):
            if word and word.lower() == "or":
                groups.append([])
                continue
            if word.startswith("-"):
                minus, word = "-", word.lstrip("-")
            term = " ".join((phrase or word).strip(_EDGE_PUNCTUATION).split())
            if not any(char.isalnum() for char in term):
                continue
            into = excluded if minus else groups[-1]
            if _same(term) in map(_same, into):
                continue  # the same condition again
            into.append(term)
            kept += 1
            if kept == MAX_TERMS:
                break
        return cls([group for group in groups if group], excluded)

    def websearch(self) -> str:
        """The terms in PostgreSQL's web-search syntax, meaning what the
        articles' word search means: each term quoted, so that nothing in it
        reads as an operator, and the exclusions repeated in every group (web
        search binds "-" tighter than "or"). Empty when nothing can match."""

        def quoted(term: str) -> str:
            return '"' + " ".join(Terms.words_of(term.replace('"', " "))) + '"'

        exclusions = [f"-{quoted(term)}" for term in self.excluded]
        return " or ".join(
            " ".join([*map(quoted, group), *exclusions]) for group in self.groups
        )

    @property
    def terms(self) -> list[str]:
        """The wanted terms (not the excluded ones), in the query's order."""
        return [term for group in self.groups for term in group]

    @property
    def words(self) -> list[str]:
        """The wanted terms' single words, phrases split at spaces (a word
        joined by a hyphen kept whole, as acronyms and short names are
        written: "JWG-CT")."""
        return [word for term in self.terms for word in term.split()]

    @staticmethod
    def words_of(term: str) -> list[str]:
        """A term's words: apart at spaces and at the hyphens, dashes and
        slashes that join them, as slugs are ("Indonesia–Filipina",
        "Indonesia/Filipina": "Indonesia", "Filipina"); a word so joined is
        searched as the phrase of its parts."""
        return "".join(" " if _joins(char) else char for char in term).split()

    @staticmethod
    def pattern(term: str) -> str:
        """A regular expression (Python's, as Django's SQLite REGEXP runs it)
        for a term at the start of a word (after a space, punctuation or
        markup such as Markdown's "_", "*" or "["), its words apart by any
        spaces and punctuation, and its Latin and Greek letters with or without accents
        either side ("Pena" finds "Peña", "Peña" finds "Pena"), in any case
        once compiled with IGNORECASE; short terms must match whole."""
        words = [_accent_blind(word) for word in Terms.words_of(term)]
        pattern = _WORD_START + r"[\W_]+".join(words)
        if len(term) <= 3:
            pattern += _WORD_END
        return pattern


def _joins(char: str) -> bool:
    """Whether `char` joins two words into one: a slash or a dash (Unicode's
    Pd: hyphen-minus, hyphen, en and em dashes…), as `newsroom.text.slug_of`
    reads them."""
    return char == "/" or unicodedata.category(char) == "Pd"


def _same(term: str) -> str:
    """What a term searches for: its words, in any case."""
    return " ".join(Terms.words_of(term)).casefold()


def _accent_blind(word: str) -> str:
    """The regular expression of a word whose letters match the same letters
    with or without accents (precomposed, or as combining marks after them)."""
    pieces = []
    after_letter = False
    for char in word:
        if after_letter and unicodedata.combining(char):
            continue  # its letter's accent: the letter's variants hold it
        variants = _letter_variants().get(_bare_letter(char).lower())
        after_letter = variants is not None
        pieces.append(variants + _ACCENTS if variants else re.escape(char))
    return "".join(pieces)


def _bare_letter(char: str) -> str:
    """A Latin or Greek letter without its accents ("ñ": "n", "ά": "α"); any
    other character as it is."""
    letter, *marks = unicodedata.normalize("NFKD", char)
    if (
        marks
        and all(unicodedata.combining(mark) for mark in marks)
        and unicodedata.name(letter, "").startswith(_ACCENTED_SCRIPTS)
    ):
        return letter
    return char


@cache
def _letter_variants() -> dict[str, str]:
    """For each Latin and Greek letter that has accented forms (in lower
    case), a character class of it and them, in both cases."""
    variants: dict[str, set[str]] = {}
    for char in (
        chr(code) for start, end in _ACCENTED_BLOCKS for code in range(start, end)
    ):
        letter = _bare_letter(char)
        if letter != char:
            cases = {letter, char, letter.lower(), letter.upper()}
            # Not a case of two characters ("ǰ" is "J" and a caron upper case).
            cases.update(
                case for case in (char.lower(), char.upper()) if len(case) == 1
            )
            variants.setdefault(letter.lower(), set()).update(cases)
    return {
        letter: "[" + "".join(sorted(chars)) + "]" for letter, chars in variants.items()
    }
