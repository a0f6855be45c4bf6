"""A reader's search query read into terms, the same way everywhere.

Shared below both apps: the articles' search (articles/search/) and the
agencies and meetings a query names (`Agency.objects.matching()`,
`Meeting.objects.matching()`) read a query with these rules, so that both
understand "quoted phrases", -excluded words and "or" alike. Text only: no
models, no database.
"""

import re
import unicodedata
from dataclasses import dataclass, field

# Words and phrases past this many are left out: a reader's query never needs
# more, and PostgreSQL's query parser and SQLite's statement both stay small.
MAX_TERMS = 32

_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>«»"


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
        group (or among the exclusions) is read once, in any case, and terms
        after the first `MAX_TERMS` are left out."""
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
            if term.casefold() in (kept_term.casefold() for kept_term in into):
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
            return '"' + term.replace('"', " ") + '"'

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
        """The wanted terms' single words, phrases split."""
        return [word for term in self.terms for word in term.split()]

    @staticmethod
    def pattern(term: str) -> str:
        """A regular expression (Python's, as Django's SQLite REGEXP runs it)
        for a term at the start of a word; short terms must match whole."""
        words = [re.escape(word) for word in term.split()]
        pattern = r"\b" + r"[\W_]+".join(words)
        if len(term) <= 3:
            pattern += r"\b"
        return pattern
