"""newsroom/text.py: control characters as a person meant them (a line end,
or nothing), text that XML can hold, and no tall stack of accents."""

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsroom.text import (
    LINE_BREAK_CONTROLS,
    MAX_STACKED_MARKS,
    closest_name,
    has_controls,
    limit_stacked_marks,
    names,
    slug_of,
    without_controls,
    xml_text,
)

# A page break between a PDF's pages (pdftotext), Word's manual line break,
# a bell and an escape sequence from a terminal, a DEL, a C1 control.
PDF_AND_WORD = "Rapat JWG\x0cke-4 BNPT\x0bdan NICA\x07 di Jakarta\x1b[0m\x7f\x9b."


def test_controls_that_end_a_line_become_line_ends_and_the_rest_go():
    assert (
        without_controls(PDF_AND_WORD)
        == "Rapat JWG\nke-4 BNPT\ndan NICA di Jakarta[0m."
    )
    assert (
        without_controls(PDF_AND_WORD, line_break=" ")
        == "Rapat JWG ke-4 BNPT dan NICA di Jakarta[0m."
    )


def test_tabs_line_ends_and_ordinary_text_are_kept_as_they_are():
    text = (
        "Sumber :\tbnpt.go.id\r\nEditor : Redaksi\n“Kita tidak boleh lengah” – Boy 🇮🇩"
    )
    assert not has_controls(text)
    assert without_controls(text) is text
    assert xml_text(text) == text


def test_xml_text_leaves_out_what_xml_cannot_hold():
    assert xml_text("A\x00B\ufffeC\uffffD\ud800E\x0cF") == "ABCDE F"


# Every character: controls, surrogates, the non-characters XML excludes.
any_text = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))


@given(any_text)
def test_any_text_made_xml_text_is_well_formed_in_an_element(text):
    cleaned = xml_text(text)
    escaped = cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    element = ET.fromstring(
        f"<title>{escaped}</title>".encode("utf-8", "surrogatepass")
    )
    assert (element.text or "") == cleaned.replace("\r\n", "\n").replace("\r", "\n")


@given(any_text)
def test_every_character_but_a_control_is_kept_in_its_place(text):
    # Each character on its own: a line-ending control is a line end, another
    # control nothing, anything else itself.
    one_by_one = "".join(
        "\n" if c in LINE_BREAK_CONTROLS else "" if has_controls(c) else c for c in text
    )
    assert without_controls(text) == one_by_one
    assert not has_controls(one_by_one)


@given(any_text)
def test_a_binary_files_mark_is_a_control_that_does_not_end_a_line(text):
    # The wire import refuses a text file holding one: Unicode's control
    # characters (category Cc) but tab, line ends and those that end a line.
    unicode_rule = any(
        unicodedata.category(c) == "Cc" and c not in f"\t\n\r{LINE_BREAK_CONTROLS}"
        for c in text
    )
    assert has_controls(text, line_breaks=False) == unicode_rule
    assert has_controls(text) == (
        unicode_rule or any(c in LINE_BREAK_CONTROLS for c in text)
    )


def test_other_controls_can_stand_as_spaces():
    # A Word document's text: a control inside a run keeps its words apart.
    assert without_controls("BNPT\x07NICA\x0cJWG", other=" ") == "BNPT NICA\nJWG"


def test_a_dash_or_a_slash_between_words_is_a_break_in_the_slug():
    # Django's slugify dropped them: "indonesiafilipina-sepakat-…".
    assert (
        slug_of("Indonesia–Filipina Sepakat — Kerja Sama “Baru”")
        == "indonesia-filipina-sepakat-kerja-sama-baru"
    )
    assert slug_of("JWG ke-5 Indonesia‒Filipina di Manila") == (
        "jwg-ke-5-indonesia-filipina-di-manila"
    )
    assert slug_of("BNPT/NICA: 2022") == "bnpt-nica-2022"


@given(st.text())
def test_a_slug_is_djangos_slug_of_the_text_with_its_dashes_as_spaces(text):
    spaced = "".join(
        " " if c == "/" or unicodedata.category(c) == "Pd" else c for c in text
    )
    assert slug_of(text) == slug_of(spaced)
    assert "--" not in slug_of(text) and not slug_of(text).startswith("-")


@pytest.mark.parametrize(
    ("byline", "named"),
    [
        ("Sari Wulandari", True),
        ("Oleh SARI WULANDARI/ANTARA", True),
        ("Sári Wulandari dan Tim", True),
        ("Sari", True),
        ("Tim Redaksi", False),
        ("Sarinah Wulandari", False),
        ("", False),
    ],
)
def test_a_byline_names_a_writer_in_whole_words(byline, named):
    assert names(byline, "Sari Wulandari") is named


# Stacks of combining marks


def tallest_stack(text: str) -> int:
    """The most nonspacing or enclosing marks (Mn, Me) drawn on one letter,
    a precomposed letter's own accents counted (NFD): spacing marks (Mc) and
    format characters (a joiner) neither count nor end one."""
    tallest = height = 0
    for char in unicodedata.normalize("NFD", text):
        category = unicodedata.category(char)
        if category in ("Mn", "Me"):
            height += 1
            tallest = max(tallest, height)
        elif category not in ("Mc", "Cf"):
            height = 0
    return tallest


def test_a_tall_stack_of_accents_keeps_its_first_three():
    # The tester's comment: an acute accent 24 times on one "a".
    # Three drawn: "á" (its own accent counted) and two more.
    assert limit_stacked_marks("kombinasi a" + "\u0301" * 24) == (
        "kombinasi \u00e1" + "\u0301" * (MAX_STACKED_MARKS - 1)
    )
    # A precomposed letter's accents count too ("è" and four more: four drawn).
    assert limit_stacked_marks("e\u0300\u0301\u0302\u0303\u0304") == (
        "\u00e8\u0301\u0302"
    )
    # Between the marks: a spacing mark, a joiner, nothing that ends the stack.
    assert limit_stacked_marks("x" + "\u0336\u093e\u200d" * 9 + " y") == (
        "x" + "\u0336\u093e\u200d" * 3 + "\u093e\u200d" * 6 + " y"
    )


@pytest.mark.parametrize(
    "words",
    [
        "Kerja sama ini penting untuk kawasan, kata Pak Bambang.",
        "Tiếng Việt có dấu: người, được, những, Nguyễn Thị Hằng",
        unicodedata.normalize("NFD", "Tiếng Việt: người được những Nguyễn"),
        "ภาษาไทย: น้ำท่วมที่กรุงเทพฯ ผู้ที่ได้รับผลกระทบ ศักดิ์สิทธิ์",
        "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ",
        "हिन्दी: क़ों, स्त्री, कृष्ण, ज़िंदगी",
        "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים",
        "မြန်မာ: ချိုး ကျွန်တော်",
        "བོད་ཡིག་ བསྒྲུབས་ ཧཱུྃ་",
        "Keycap 1\ufe0f\u20e3, family 👨\u200d👩\u200d👧, ❤\ufe0f",
    ],
    ids=[
        "indonesian",
        "vietnamese",
        "vietnamese-decomposed",
        "thai",
        "arabic",
        "devanagari",
        "hebrew",
        "myanmar",
        "tibetan",
        "emoji",
    ],
)
def test_the_accents_of_real_words_are_kept_as_they_are(words):
    assert limit_stacked_marks(words) is words


# Letters, stacking, spacing and enclosing marks, a joiner, a space; and any
# character at all.
marked_text = st.text(
    st.sampled_from(["a", "\u00e1", "e", "\u0301", "\u0323", "\u0e48", "\u093e"])
    | st.sampled_from(["\u20dd", "\u200d", " "])
    | st.characters(codec=None)
)


@given(marked_text)
def test_no_letter_keeps_more_than_the_marks_allowed(text):
    cleaned = limit_stacked_marks(text)
    assert tallest_stack(cleaned) <= MAX_STACKED_MARKS
    assert limit_stacked_marks(cleaned) == cleaned
    if cleaned == text:
        return
    # Only marks are left out, of the text as NFD decomposes it, the rest in
    # order (the result composed again).
    cleaned = unicodedata.normalize("NFD", cleaned)
    composed, kept, left_out = unicodedata.normalize("NFD", text), 0, []
    for char in composed:
        if kept < len(cleaned) and cleaned[kept] == char:
            kept += 1
        else:
            left_out.append(char)
    assert kept == len(cleaned)
    assert {unicodedata.category(char) for char in left_out} <= {"Mn", "Me"}


@given(marked_text)
def test_text_without_a_stack_too_tall_is_left_as_it_is(text):
    assume(tallest_stack(text) <= MAX_STACKED_MARKS)
    assert limit_stacked_marks(text) is text


@pytest.mark.parametrize(
    ("name", "candidates", "closest"),
    [
        ("terorisme", ["Philippines", "terrorism"], "terrorism"),
        ("filipina", ["terrorism", "Philippines"], "Philippines"),
        ("Kerja Sama", ["kerja-sama", "cooperation"], "kerja-sama"),
        ("keamanan", ["terrorism", "Philippines"], None),  # alike to none
        ("ab", ["ac", "ad"], None),  # as alike to both
        ("siber", [], None),
    ],
)
def test_the_closest_name_is_clearly_the_closest_or_none(name, candidates, closest):
    assert closest_name(name, candidates) == closest
