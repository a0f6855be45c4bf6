"""A meeting by its series and number: "JWG ke-4", "Pertemuan ke-4 JWG",
"The 4th Joint Working Group (JWG) on …", "4th JWG", "JWG keempat"; an
earlier one ("JWG ke-3 pada September 2019", "sejak … JWG ke-3")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import (
    CONNECTORS,
    WORD,
    Document,
    Word,
    content_words,
    is_capitalised,
    words_between,
)

EN_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh"
        " twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
        " nineteenth twentieth".split(),
        start=1,
    )
}
ID_WORDS = {
    word: number
    for number, word in enumerate(
        "pertama kedua ketiga keempat kelima keenam ketujuh kedelapan kesembilan"
        " kesepuluh".split(),
        start=1,
    )
}
# "4th" / "fourth" before the series: "The 4th Joint Working Group", "4th JWG".
# (The lookahead on the first letters only makes the scan faster.)
ORDINAL_BEFORE = re.compile(
    r"(?<![^\W_])(?=[\dfstenFSTEN])"
    r"(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(EN_WORDS) + r"))(?![^\W_])",
    re.IGNORECASE,
)
# "ke-4" / "keempat" after the series ("JWG ke-4") or before it ("Pertemuan
# ke-4 JWG").
ORDINAL_ID = re.compile(
    r"(?<![^\W_])(?:ke[-‐–]\s?(\d{1,3})|(" + "|".join(ID_WORDS) + r"))(?![^\W_])",
    re.IGNORECASE,
)
MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober"
    "|november|desember|january|february|march|may|june|july|august|october"
    "|december|jan|feb|mar|apr|jun|jul|aug|agu|agt|sep|sept|okt|oct|nov|des|dec"
)
# Right after a mention, when it was held ("pada September 2019", "in 2019",
# "(2019)"): a hint only, for the story's own meeting may be dated too.
DATED_AFTER = re.compile(
    r"[\s,]*(?:(?:yang\s+)?(?:digelar|diselenggarakan|dilaksanakan|held)\s+)?"
    r"(?:(?:pada|in|on|di|bulan|tahun)\s+(?:(?:tanggal\s+)?\d{1,2}\s+)?"
    rf"(?:(?:{MONTHS})\b|\d{{4}}\b)|\(\s*\d{{4}}\s*\))",
    re.IGNORECASE,
)
# Words that say a meeting is an earlier one: right after it ("tahun lalu",
# "last year") or shortly before it in its sentence ("sejak pelaksanaan JWG
# ke-3", "since the 3rd JWG").
EARLIER_AFTER = re.compile(
    r"[\s,]*(?:tahun\s+lalu|last\s+year|sebelumnya|previously)\b", re.IGNORECASE
)
EARLIER_BEFORE = re.compile(
    r"\b(?:sejak|since|sebelumnya|previous|prior|last|terakhir|after|setelah"
    r"|following|kelanjutan|lanjutan)\b",
    re.IGNORECASE,
)
EARLIER_WINDOW = 40
PHRASE_WORDS = 14
PHRASE_WINDOW = 250  # characters looked at on either side of an ordinal
# Between the words of a series' name: spaces, Markdown emphasis, and the
# parentheses of "(JWG)".
PHRASE_GAP = " \t\n_*()"
NOT_EARLIER, DATED, EARLIER = 0, 1, 2


@dataclass(frozen=True)
class SeriesKeys:
    """How a series can be written: its short name as words ("JWG PH-ID"),
    its acronyms (the short name's first word when in capitals, "(JWG)" in
    its name), the content words of its name."""

    series: object
    short_words: tuple[str, ...]
    acronyms: frozenset[str]
    name_words: frozenset[str]

    @classmethod
    def of(cls, series) -> SeriesKeys:
        short_words = tuple(WORD.findall(series.short_name or ""))
        acronyms = set(re.findall(r"\(([A-Z][A-Z0-9]{1,9})\)", series.name))
        if short_words and _acronym_shaped(short_words[0]):
            acronyms.add(short_words[0])
        name_words = frozenset(content_words(series.name))
        return cls(series, short_words, frozenset(acronyms), name_words)

    def strength(self, words: list[str]) -> int:
        """2: the phrase holds the short name or nearly all the name's words;
        1: it holds one of the acronyms; 0: it does not name this series."""
        if self.short_words and _contains(words, self.short_words):
            return 2
        said = set(content_words(" ".join(words)))
        if self.name_words and len(self.name_words & said) >= 0.75 * len(
            self.name_words
        ):
            return 2
        return 1 if self.acronyms.intersection(words) else 0


@dataclass(frozen=True)
class MeetingMention:
    series: object
    number: int
    start: int
    end: int
    earlier: int  # NOT_EARLIER, DATED or EARLIER


def _acronym_shaped(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word)


def _contains(words: list[str], sequence: tuple[str, ...]) -> bool:
    size = len(sequence)
    return any(tuple(words[i : i + size]) == sequence for i in range(len(words)))


def _phrase(text: str, words: list[Word], *, backwards: bool) -> list[Word]:
    """The words of a series' name next to an ordinal: capitalised words,
    connectors inside, through "(JWG)" and emphasis; at most PHRASE_WORDS."""
    run: list[Word] = []
    sequence = reversed(words) if backwards else words
    previous = None
    for word in sequence:
        if previous is not None:
            gap = (
                text[word.end : previous.start]
                if backwards
                else text[previous.end : word.start]
            )
            if gap.strip(PHRASE_GAP):
                break
        if len(run) >= PHRASE_WORDS:
            break
        if not (is_capitalised(word.text) or (run and word.text.lower() in CONNECTORS)):
            break
        run.append(word)
        previous = word
    if backwards:
        run.reverse()
    while run and not is_capitalised(run[-1].text):
        run.pop()
    while run and not is_capitalised(run[0].text):
        run.pop(0)
    return run


def _phrase_beside(text: str, match: re.Match, paragraph, side: str) -> list[Word]:
    """The series' name written right before or right after an ordinal."""
    if side == "before":
        edge = match.start()
        while edge > paragraph.start and text[edge - 1] in " \t\n_*":
            edge -= 1
        first = edge
        while first > paragraph.start and (
            text[first - 1].isalnum() or text[first - 1] in "-'’"
        ):
            first -= 1
        if first == edge or not is_capitalised(text[first:edge]):
            return []  # the cheap test first: most ordinals name no series
        low = max(paragraph.start, edge - PHRASE_WINDOW)
        words = words_between(text, low, edge)
        if not words or words[-1].end != edge:
            return []
        phrase = _phrase(text, words, backwards=True)
        return phrase if phrase and phrase[-1] is words[-1] else []
    edge = match.end()
    while edge < paragraph.end and text[edge] in PHRASE_GAP:
        edge += 1
    if edge == paragraph.end or not (text[edge].isupper() or text[edge].isdigit()):
        return []
    words = words_between(text, edge, min(paragraph.end, edge + PHRASE_WINDOW))
    if not words or words[0].start != edge:
        return []
    phrase = _phrase(text, words, backwards=False)
    return phrase if phrase and phrase[0] is words[0] else []


def find_meetings(doc: Document, all_series: list) -> list[MeetingMention]:
    """Every mention of a numbered meeting of a known series, in text order.
    Where two series are written alike ("JWG"), the one the text names
    unmistakably elsewhere is meant; else the mention is left out."""
    text = doc.text
    keys = [SeriesKeys.of(series) for series in all_series]
    if not keys:
        return []
    found = []
    for pattern, sides in (
        (ORDINAL_BEFORE, ("after",)),
        (ORDINAL_ID, ("before", "after")),
    ):
        for match in pattern.finditer(text):
            number = _number(match)
            if not number:
                continue
            paragraph = doc.paragraph_at(match.start())
            for side in sides:
                phrase = _phrase_beside(text, match, paragraph, side)
                if not phrase:
                    continue
                texts = [word.text for word in phrase]
                scored = [(key.strength(texts), key) for key in keys]
                best = max(score for score, _key in scored)
                if best == 0:
                    continue
                tied = [key for score, key in scored if score == best]
                if side == "before":
                    start, end = phrase[0].start, match.end()
                else:
                    start, end = match.start(), phrase[-1].end
                found.append((start, end, number, tied))
                break
    named = {tied[0].series.pk for *_rest, tied in found if len(tied) == 1}
    mentions = []
    for start, end, number, tied in sorted(found, key=lambda f: f[0]):
        if len(tied) > 1:
            tied = [key for key in tied if key.series.pk in named]
            if len(tied) != 1:
                continue  # two series written alike, and nothing tells which
        earlier = _is_earlier(doc, start, end)
        mentions.append(MeetingMention(tied[0].series, number, start, end, earlier))
    return _without_overlaps(mentions)


def _without_overlaps(mentions: list[MeetingMention]) -> list[MeetingMention]:
    kept: list[MeetingMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            if mention.end - mention.start > kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _number(match: re.Match) -> int:
    digits, word = match.group(1), match.group(2)
    if digits:
        return int(digits)
    word = word.lower()
    return EN_WORDS.get(word) or ID_WORDS.get(word) or 0


def _is_earlier(doc: Document, start: int, end: int) -> int:
    """EARLIER when the words around the mention say the meeting was held
    before ("sejak …", "since", "previous", "tahun lalu"), DATED when a date
    follows it, else NOT_EARLIER."""
    sentence = doc.sentence_at(start)
    paragraph = doc.paragraph_at(start)
    window = doc.text[max(sentence.start, start - EARLIER_WINDOW) : start]
    if EARLIER_AFTER.match(doc.text, end, paragraph.end) or EARLIER_BEFORE.search(
        window
    ):
        return EARLIER
    if DATED_AFTER.match(doc.text, end, paragraph.end):
        return DATED
    return NOT_EARLIER
