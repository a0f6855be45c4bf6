"""Pasted or imported copy whose text Markdown would read otherwise than
typed: "__init__" (bold "init"), "*penting*" (italic) and "<script>…"
(dropped by the page's sanitiser) are kept as typed in the body, escaped,
and the report names them; the wire's own `_phrases_`, snake_case words,
links, accents and quotes read as before. The page's renderer
(articles.rendering) says what readers see."""

import datetime as dt
from html import unescape

import pytest
from django.utils.html import strip_tags

from articles.intake.paste import clean_pasted_copy
from articles.intake.services import article_import
from articles.rendering import render_markdown
from tests.articles.test_paste_cleanup import CLEAN_COPY

# These tests read the English wording of the report.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PASTED_ON = dt.date(2022, 3, 25)
# The tester's line, with what must keep reading as it does.
LINE = (
    "Peretas memanggil __init__ dan menyisipkan <script>alert(1)</script> ke "
    "berkas config_server_utama di https://bnpt.go.id/siaran_pers, kata "
    "“Pak Andi” dalam _information sharing_ di Jakarta, Kamis (24/3)."
)
SEEN = (
    "Peretas memanggil __init__ dan menyisipkan <script>alert(1)</script> ke "
    "berkas config_server_utama di https://bnpt.go.id/siaran_pers, kata "
    "“Pak Andi” dalam information sharing di Jakarta, Kamis (24/3)."
)
PIECES = "“__init__”, “<script>”, “</script>”"


def readers_see(body: str, language: str = "id") -> tuple[str, str]:
    """(the page's HTML of `body`, its text as readers read it)."""
    html = render_markdown(body, language=language, images=lambda ids: {})
    return html, unescape(strip_tags(html))


def kept_as_typed(warnings: list[str], codes: list[str]) -> str:
    return dict(zip(codes, warnings, strict=True))["kept_as_typed"]


def test_pasted_double_underscores_and_a_tag_read_as_pasted_and_are_named(
    client, reporter, english
):
    client.force_login(reporter)

    answer = client.post(CLEAN_COPY, {"text": LINE}).json()

    html, text = readers_see(answer["values"]["body"])
    assert text == SEEN
    assert "<strong>" not in html
    assert '<em lang="en">information sharing</em>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert kept_as_typed(answer["warnings"], answer["warning_codes"]) == (
        f"3 pieces of text are kept as typed, not read as formatting or HTML: "
        f"{PIECES}. In the Body, a \\ before a mark and &lt; for < keep them "
        f"so: readers see them as written."
    )


def test_cleaning_up_the_cleaned_body_again_changes_nothing(reporter):
    body = clean_pasted_copy(LINE, today=PASTED_ON).values["body"]

    again = clean_pasted_copy(body, today=PASTED_ON)

    assert again.values["body"] == body
    assert "kept_as_typed" not in again.warning_codes
    assert readers_see(body)[1] == SEEN


def test_the_proposed_headline_keeps_the_double_underscores(reporter):
    pasted = clean_pasted_copy(LINE, today=PASTED_ON)

    assert pasted.values["title"].startswith(
        "Peretas memanggil __init__ dan menyisipkan <script>alert(1)</script> "
        "ke berkas config_server_utama"
    )


@pytest.mark.parametrize(
    ("pasted", "seen", "named"),
    [
        ("Hal *penting* dan **tebal**.", "Hal *penting* dan **tebal**.", 2),
        ("Hasil 2*3 = 6 dan 4*5 = 20.", "Hasil 2*3 = 6 dan 4*5 = 20.", 1),
        ("Komentar <!-- catatan --> dan <b>tebal</b>.", None, 3),
    ],
)
def test_asterisks_and_other_markup_read_as_pasted(reporter, pasted, seen, named):
    cleaned = clean_pasted_copy(pasted, today=PASTED_ON)

    html, text = readers_see(cleaned.values["body"])
    assert text == (seen or pasted)
    assert "<em>" not in html and "<strong>" not in html
    assert kept_as_typed(cleaned.warnings, cleaned.warning_codes).startswith(
        f"{named} piece"
    )


def test_what_markdown_reads_as_the_writer_meant_is_left_as_it_is(reporter):
    pasted = (
        "* Poin `__init__` dan *satu*\n"
        "* Lihat <https://bnpt.go.id> dan [laman](https://bnpt.go.id/a__b__c)"
    )

    cleaned = clean_pasted_copy(pasted, today=PASTED_ON)

    assert cleaned.values["body"] == (
        "* Poin `__init__` dan \\*satu\\*\n\n"
        "* Lihat <https://bnpt.go.id> dan [laman](https://bnpt.go.id/a__b__c)"
    )
    html, _ = readers_see(cleaned.values["body"])
    assert "<p>Poin <code>__init__</code> dan *satu*</p>" in html
    assert 'href="https://bnpt.go.id/a__b__c"' in html


def test_an_import_of_the_same_copy_keeps_it_as_typed_too(reporter, section):
    data = (LINE + "\nSumber : bnpt.go.id\n").encode()

    result = article_import(
        name="siaran.txt", data=data, user=reporter, today=PASTED_ON
    )

    assert readers_see(result.article.body, result.article.language)[1] == SEEN
    assert any(PIECES in warning["message"] for warning in result.warnings_said())
