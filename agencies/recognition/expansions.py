"""An acronym spelled out by the text itself: "Bank Indonesia (BI)",
"BI (Bank Indonesia)", "Kawasan Terpadu Nusantara (KTN)"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import CONNECTORS, content_words, dice, name_run_after, name_run_before

# A name in the text agrees with a name in the registry from this likeness of
# their words on (0 to 1): "Indonesian National Counter-Terrorism Agency"
# agrees with "National Counter Terrorism Agency", "Badan Intelijen" does not
# agree with "Bank Indonesia".
AGREEMENT = 0.5
CLOSE = re.compile(r"[ \t]*\)")
PARENTHESIS_AFTER = re.compile(r"[ \t]*\(([^()\n]{1,160})\)")


@dataclass(frozen=True)
class Expansion:
    """Around one mention of an acronym: `spelled`, the name whose words give
    the acronym's letters (empty when none does), and `names`, every name the
    text puts in that place (to compare with the registry's names)."""

    spelled: str
    names: tuple[str, ...]


def spells(acronym: str, words: list[str]) -> bool:
    """Whether the words spell the acronym: each word gives its first letter
    ("Kawasan Terpadu Nusantara" → KTN; connectors may give none), or, when
    no such reading exists, the first letters of a word ("Badan Keamanan
    Laut" → BAKAMLA)."""
    letters = "".join(c for c in acronym.lower() if c.isalnum())
    parts: list[str] = []
    for word in words:
        parts += [p for p in re.split(r"[-'’]", word.lower()) if p]
    if not letters or not parts or parts[0] in CONNECTORS:
        return False
    key = (letters, tuple(parts))
    return _spells(*key, loose=False) or _spells(*key, loose=True)


@lru_cache(maxsize=4096)
def _spells(letters: str, parts: tuple[str, ...], *, loose: bool) -> bool:
    def reads(i: int, j: int) -> bool:
        if j == len(parts):
            return i == len(letters)
        part = parts[j]
        if part in CONNECTORS and reads(i, j + 1):
            return True
        longest = min(len(part), len(letters) - i) if loose else 1
        return any(
            i + k <= len(letters)
            and part[:k] == letters[i : i + k]
            and reads(i + k, j + 1)
            for k in range(1, longest + 1)
        )

    return reads(0, 0)


def expansion_at(
    text: str, start: int, end: int, bounds: tuple[int, int]
) -> Expansion | None:
    """The expansion written around the acronym at text[start:end] (within
    the paragraph `bounds`), in either form; None when there is none."""
    acronym = text[start:end]
    low, high = bounds
    opening = start - 1
    while opening >= low and text[opening] in " \t":
        opening -= 1
    if opening >= low and text[opening] == "(" and CLOSE.match(text, end, high):
        run = name_run_before(text, low, opening)
        suffixes = [run[i:] for i in range(len(run) - 1, -1, -1)]  # shortest first
        names = tuple(
            text[suffix[0].start : suffix[-1].end]
            for suffix in suffixes
            if len(content_words(" ".join(w.text for w in suffix))) >= 1
        )
        spelled = next(
            (
                text[suffix[0].start : suffix[-1].end]
                for suffix in suffixes
                if spells(acronym, [w.text for w in suffix])
            ),
            "",
        )
        return Expansion(spelled, names) if names else None
    after = PARENTHESIS_AFTER.match(text, end, high)
    if after:
        inside_start, inside_end = after.span(1)
        run = name_run_after(text, inside_start, inside_end)
        if not run or run[-1].end != inside_end - _trailing(text, inside_end):
            return None  # "(bilateral)", "(2019)", "(Indonesia, 2022)"
        name = text[run[0].start : run[-1].end]
        spelled = name if spells(acronym, [w.text for w in run]) else ""
        return Expansion(spelled, (name,))
    return None


def _trailing(text: str, end: int) -> int:
    """How many spaces stand before `end`."""
    count = 0
    while end - count - 1 >= 0 and text[end - count - 1].isspace():
        count += 1
    return count


def agreeing(expansion: Expansion, names_by_candidate: dict[int, tuple[str, ...]]):
    """The candidates (ids) one of whose registry names the expansion agrees
    with. A name the text gives that does not spell the acronym counts only
    with two words or more ("Indonesia (BI)" says nothing)."""
    written = [expansion.spelled] if expansion.spelled else []
    written += [n for n in expansion.names if len(content_words(n)) >= 2]
    return {
        candidate
        for candidate, names in names_by_candidate.items()
        if any(dice(w, name) >= AGREEMENT for w in written for name in names)
    }
