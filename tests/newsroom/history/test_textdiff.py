"""The line diffs History and the edit lock's refusal show
(newsroom/history/textdiff.py). The refusal's table stacked its "… N
unchanged lines …" rows: two in a row in the column of a text a paragraph
was deleted from (one for the lines before it, one for the lines after),
and a row for a single unchanged line, longer to read than the line."""

import pytest
from django.utils import translation
from lxml import html as lxml_html

from newsroom.history import text_diff_html
from newsroom.history.textdiff import lines_that_differ_html


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def shown(html) -> list[str]:
    """The lines a reader sees in a diff's cell (white-space: pre-wrap)."""
    return (
        lxml_html.fragment_fromstring(str(html), create_parent="td")
        .text_content()
        .split("\n")
    )


def paragraphs(*texts: str) -> str:
    """A body as typed: paragraphs with a blank line between them."""
    return "\n\n".join(texts) + "\n"


BODY = [f"Paragraph {n}." for n in range(1, 13)]


def test_a_text_a_paragraph_was_deleted_from_says_its_unchanged_stretch_once():
    # The version saved now lost paragraph 5 and changed the last one.
    mine = paragraphs(*BODY)
    now = paragraphs(*BODY[:4], *BODY[5:11], "Paragraph 12, rewritten.")

    mine_html, now_html = lines_that_differ_html(mine, now)

    # One row for the 20 lines before the change (paragraphs 1-4 and 6-11,
    # blank lines between), not one for the 7 above where paragraph 5 was,
    # then one for the 13 under it.
    assert shown(now_html) == [
        "… 20 unchanged lines …",
        "Paragraph 12, rewritten.",
        "",
    ]
    # The column that has paragraph 5 shows it between its two stretches.
    assert shown(mine_html) == [
        "… 7 unchanged lines …",
        "",
        "Paragraph 5.",
        "… 13 unchanged lines …",
        "Paragraph 12.",
        "",
    ]


def test_one_or_two_unchanged_lines_between_changes_are_shown_not_counted():
    mine = "Title one\nVenue\nCity\nEnds at ten\n"
    now = "Title two\nVenue\nCity\nEnds at noon\n"

    mine_html, now_html = lines_that_differ_html(mine, now)

    assert shown(mine_html) == ["Title one", "Venue", "City", "Ends at ten", ""]
    assert shown(now_html) == ["Title two", "Venue", "City", "Ends at noon", ""]
    assert "unchanged" not in str(mine_html) + str(now_html)
    # Only the words that differ marked: the lines shown as they are, not.
    marked = lxml_html.fragment_fromstring(str(now_html), create_parent="td")
    assert [mark.text for mark in marked.iter("mark")] == ["two", "noon"]


def test_a_single_unchanged_line_before_or_after_the_changes_is_shown():
    mine_html, now_html = lines_that_differ_html(
        "Opening\nSession A\nClosing\n", "Opening\nSession B\nClosing\n"
    )

    assert shown(now_html) == ["Opening", "Session B", "Closing", ""]


def test_a_history_diff_shows_two_unchanged_lines_rather_than_counting_them():
    old = "".join(f"Line {n}.\n" for n in range(1, 11))
    new = old.replace("Line 1.", "Line one.").replace("Line 8.", "Line eight.")

    html = text_diff_html(old, new)

    # Two lines of context after the first change and before the second:
    # the two between them shown too, not "… 2 unchanged lines …".
    assert "unchanged line" not in html.split("eight")[0]
    assert all(f"Line {n}." in html for n in range(2, 8))
