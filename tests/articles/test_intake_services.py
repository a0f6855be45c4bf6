"""Wire copy in (articles/intake/services.py): each fixture of
tests/articles/intake_samples/ becomes a draft with every part read and every
link recognised; bad files are refused with nothing saved; the same text
twice is a duplicate."""

import codecs
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from reversion.models import Version

from agencies.models import Agency
from articles.intake import services
from articles.intake.parser import parse_copy
from articles.intake.paste import clean_pasted_copy
from articles.intake.services import (
    MAX_FILE_BYTES,
    REPORT_KEYS,
    RESULT_KEYS,
    RESULT_MORE_KEYS,
    article_import,
    intake_section,
    text_sha256,
)
from articles.models import Article, IntakeRecord, Section
from articles.permissions import can_edit
from articles.services import article_publish, article_save
from newsroom.history import revision_comment
from tests.agencies.factories import AgencyFactory
from tests.articles.documents import assert_draft_of
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.search_fixture import postgres_only
from tests.newsroom.admin_forms import save_in_admin

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"
IMPORT_DAY = dt.date(2022, 12, 31)  # every weekday date of the fixtures is of 2022


def import_sample(name: str, user, today=IMPORT_DAY):
    return article_import(
        name=name, data=(SAMPLES / name).read_bytes(), user=user, today=today
    )


def linked(article) -> list[str]:
    return sorted(agency.acronym for agency in article.agencies.all())


def found(result, acronym: str) -> dict:
    [agency] = [a for a in result.as_json()["agencies"] if a["acronym"] == acronym]
    return agency


@pytest.fixture
def bank_indonesia(db):
    return AgencyFactory(
        acronym="BI",
        name="Bank Indonesia",
        name_en="",
        country="ID",
        slug="bank-indonesia",
    )


@pytest.fixture
def immigration(db):
    return AgencyFactory(
        acronym="BI",
        name="Bureau of Immigration",
        name_en="",
        country="PH",
        slug="bureau-of-immigration",
    )


@pytest.fixture
def registry(agencies, officials, jwg4, bank_indonesia, immigration, section):
    """The conftest's registry (the JWG's agencies, officials and meetings)
    with both agencies written "BI"."""
    return agencies


def nothing_saved(before_articles: int, before_records: int) -> bool:
    return (
        Article.objects.count() == before_articles
        and IntakeRecord.objects.count() == before_records
    )


# The fixtures, one by one.


def test_the_jwg_copy_becomes_a_draft_with_its_parts_agencies_people_and_meeting(
    editor, registry, officials, jwg4, jwg3, section
):
    result = import_sample("jwg-hybrid-meeting.txt", editor)

    assert result.status == "created" and result.error == ""
    article = Article.objects.get(pk=result.article.pk)
    parsed = parse_copy(
        (SAMPLES / "jwg-hybrid-meeting.txt").read_text(), today=IMPORT_DAY
    )
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    # No reporter line: a release, which credits its source, not the editor
    # who imported it (the record says who did).
    assert article.created_by is None
    assert article.title == parsed.title
    assert article.needs_headline is True
    assert article.slug.startswith("bnpt-dan-delegasi-filipina-kembali-bertemu")
    assert article.body == parsed.body
    assert "Sumber" not in article.body and "Discussion" not in article.body
    assert article.body.startswith("BNPT dan delegasi Filipina")  # no dateline
    assert article.dateline == ""  # "DM", its site's initials: left out
    assert (article.source_name, article.source_url) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
    )
    assert article.editor_name == "Redaksi"
    assert article.language == "id"
    assert article.section == section
    assert linked(article) == [
        "AMLC",
        "BIN",
        "BNPT",
        "BSSN",
        "KBRI Manila",
        "NICA",
        "PPATK",
    ]
    assert set(article.people.all()) == set(officials.values())
    assert article.meeting == jwg4
    report = result.as_json()
    assert report["published_date"] == "2022-03-24"
    assert report["meeting"]["id"] == jwg4.pk
    assert report["meeting"]["number"] == 4
    assert [m["id"] for m in report["meeting"]["previous"]] == [jwg3.pk]
    assert {p["name"]: p["position"] for p in report["people"]} == {
        "Boy Rafli Amar": "Kepala BNPT",
        "Andhika Chrisnayudhanto": "Deputi Bidang Kerja Sama Internasional",
        "Damian L. Carlos": "",
    }
    assert found(result, "BNPT")["found"][0]["paragraph"] == 0
    assert {a["state"] for a in report["agencies"]} == {"linked"}
    record = IntakeRecord.objects.get()
    assert record.file_name == "jwg-hybrid-meeting.txt"
    assert record.article == article
    assert record.status == IntakeRecord.Status.CREATED
    assert record.created_by == editor
    assert record.sha256 == text_sha256(
        (SAMPLES / "jwg-hybrid-meeting.txt").read_text()
    )
    assert record.report["agencies"] == report["agencies"]
    assert record.report["dropped"] == ["Discussion about this post"]


def test_bi_written_out_as_bank_indonesia_is_linked_to_bank_indonesia(
    editor, registry, bank_indonesia
):
    result = import_sample("bi-bank-indonesia.txt", editor)

    assert linked(result.article) == ["BI", "PPATK"]
    assert list(result.article.agencies.filter(acronym="BI")) == [bank_indonesia]
    bi = found(result, "BI")
    assert (bi["name"], bi["country"], bi["state"]) == (
        "Bank Indonesia",
        "ID",
        "linked",
    )
    assert len(bi["found"]) == 4  # the name once, the acronym three times
    assert result.as_json()["source"] == {"name": "Humas PPATK", "url": None}
    assert result.as_json()["dateline"] == "JAKARTA"


def test_bi_among_philippine_agencies_is_the_bureau_of_immigration_suggested_not_linked(
    editor, registry, immigration
):
    result = import_sample("bi-philippine-immigration.txt", editor)

    bi = found(result, "BI")
    assert (bi["name"], bi["country"], bi["state"]) == (
        "Bureau of Immigration",
        "PH",
        "suggested",
    )
    assert bi["id"] == immigration.pk
    # Decided by context only: offered to the editor, never linked by intake.
    assert linked(result.article) == ["AMLC", "NICA"]
    assert result.as_json()["source"] == {
        "name": "pna.gov.ph",
        "url": "https://www.pna.gov.ph/articles/immigration-arrest",
    }


def test_bi_with_nothing_to_decide_it_is_ambiguous_and_not_linked(
    editor, registry, bank_indonesia, immigration
):
    result = article_import(
        name="bi.txt",
        data=b"Pejabat BI menghadiri rapat itu.\nSumber : Antara",
        user=editor,
        today=IMPORT_DAY,
    )

    bi = found(result, "BI")
    assert bi["state"] == "ambiguous"
    assert {c["id"] for c in bi["candidates"]} == {bank_indonesia.pk, immigration.pk}
    assert linked(result.article) == []


def test_an_expansion_contradicting_the_registrys_only_bi_is_never_linked(
    editor, agencies, bank_indonesia, section
):
    result = import_sample("bi-contradicting-expansion.txt", editor)

    assert linked(result.article) == []
    assert result.as_json()["agencies"] == []
    [unknown] = result.as_json()["unknown_acronyms"]
    assert (unknown["acronym"], unknown["expansion"]) == ("BI", "Badan Intelijen")
    assert [a["id"] for a in unknown["conflicts_with"]] == [bank_indonesia.pk]
    assert len(unknown["found"]) == 3


def test_acronyms_the_registry_lacks_are_listed_with_the_expansion_the_text_gives(
    editor, registry
):
    result = import_sample("unknown-acronyms.txt", editor)

    unknown = {
        u["acronym"]: (u["expansion"], len(u["found"]))
        for u in result.as_json()["unknown_acronyms"]
    }
    assert unknown == {"CSIRT": (None, 2), "OJK": ("Otoritas Jasa Keuangan", 2)}
    assert linked(result.article) == ["BSSN", "PPATK"]
    assert result.article.source_url == "https://bssn.go.id/"
    assert "Baca juga" not in result.article.body


def test_copy_without_a_sumber_line_is_imported_and_the_editor_is_told(
    editor, registry, english
):
    result = import_sample("no-source-line.txt", editor)

    assert result.status == "created"
    assert result.as_json()["source"] is None
    assert result.article.source_name == ""
    assert "No 'Sumber :' line: the source is not known." in result.warnings
    assert result.article.body.count("\n\n") == 2  # three paragraphs
    assert linked(result.article) == ["BNPT"]


def test_a_headline_too_long_for_one_is_imported_as_the_summary(
    editor, registry, english
):
    # Its whole lede as the "headline": the import was refused ("at most 255
    # characters"), the reporter left with nothing.
    lede = (
        "BNPT dan delegasi Filipina sepakat memperkuat pertukaran informasi, " * 5
    ).strip()
    text = f"# {lede}\nDM – BNPT bertemu NICA, Kamis (24/3).\nSumber : bnpt.go.id\n"

    result = article_import(
        name="rilis.txt", data=text.encode(), user=editor, today=IMPORT_DAY
    )

    assert result.status == "created", result.error
    article = result.article
    assert article.dek == lede
    assert article.title == (  # its first words, cut at a word
        "BNPT dan delegasi Filipina sepakat memperkuat pertukaran informasi, "
        "BNPT dan delegasi Filipina sepakat memperkuat…"
    )
    assert article.needs_headline is True
    assert article.body == "BNPT bertemu NICA, Kamis (24/3)."
    assert result.warnings[1].startswith("The title is longer than 255 characters")


def test_a_wrong_weekday_is_reported_and_no_date_is_taken_from_it(
    editor, registry, english
):
    result = import_sample("wrong-weekday.txt", editor)

    assert "Senin (24/3): 24 March 2022 is a Thursday; no date taken." in (
        result.warnings
    )
    # The front matter's date stands; the article is not dated by the import.
    assert result.as_json()["published_date"] == "2022-03-25"
    assert result.report["dates"] == [
        {
            "text": "Senin (24/3)",
            "paragraph": 0,
            "date": None,
            "problem": "Senin (24/3): 24 March 2022 is a Thursday; no date taken.",
        }
    ]
    assert result.article.published_at is None
    assert linked(result.article) == ["BNPT", "NICA"]


def test_front_matter_gives_the_draft_its_title_section_tags_language_and_summary(
    editor, registry, jwg4
):
    SectionFactory(name="Home", slug="home", order=0)  # first in navigation

    result = import_sample("front-matter.md", editor)

    article = result.article
    assert (
        article.title == "Philippine and Indonesian agencies agree to share watch lists"
    )
    assert article.needs_headline is False
    assert article.section.slug == "international"
    assert sorted(article.tags.names()) == [
        "Philippines",
        "counter-terrorism",
        "watch lists",
    ]
    assert article.language == "en"
    assert article.dek == "BNPT and NICA will exchange names of suspects before travel."
    assert article.byline == "Wire desk"
    assert article.editor_name == "Wire desk"
    assert article.meeting == jwg4  # "the 4th JWG"
    assert linked(article) == ["AMLC", "BNPT", "NICA", "PPATK"]
    assert result.as_json()["published_date"] == "2022-03-24"
    assert result.warnings == []


# Filing.


def test_a_section_is_found_by_slug_or_name_else_the_first_in_navigation(db):
    hidden = SectionFactory(
        name="Archive", slug="archive", order=0, in_navigation=False
    )
    news = SectionFactory(name="Berita Utama", slug="berita", order=2)
    first = SectionFactory(name="Nasional", slug="nasional", order=1)

    assert intake_section("berita") == (news, True)
    assert intake_section("berita utama") == (news, True)
    assert intake_section("ARCHIVE") == (hidden, True)
    assert intake_section("") == (first, True)
    assert intake_section("sport") == (first, False)


def test_an_unknown_section_files_the_draft_in_the_default_and_says_so(
    editor, registry, section, english
):
    data = b"---\nsection: Sport\n---\nDM - BNPT bertemu.\nSumber : bnpt.go.id"

    result = article_import(name="s.txt", data=data, user=editor, today=IMPORT_DAY)

    assert result.article.section == section
    assert "Section 'Sport' not found: filed in International cooperation." in (
        result.warnings
    )


def test_with_no_section_at_all_the_file_is_refused(editor, english):
    result = article_import(name="x.txt", data=b"Teks.", user=editor)

    assert result.status == "refused"
    assert result.error == (
        "x.txt: there is no section to file the draft in; create one first."
    )
    assert not Article.objects.exists() and not IntakeRecord.objects.exists()


# Refusals: nothing saved, the message names the file.


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("empty.txt", b"", "empty.txt: the file is empty."),
        ("blank.txt", b" \n\t\r\n", "blank.txt: the file is empty."),
        (
            # 0x81 is no character in Windows-1252 (tests/articles/intake/
            # test_encodings.py: what is read as it).
            "other.txt",
            b"Kepala BNPT, Boy Rafli Amar, menyampaikan sambutan. Caf\x81",
            "other.txt: the text is neither UTF-8 nor Windows-1252 (byte 56); "
            "save it as UTF-8 and import it again.",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "photo.txt: this is not a text file (it holds binary data).",
        ),
        (
            "controls.txt",
            b"DM - BNPT\x07 bertemu.\x1b[0m",
            "controls.txt: this is not a text file (it holds binary data).",
        ),
        (
            # Notepad's "Unicode" with its last byte lost: not guessed at.
            "cut.txt",
            "DM - BNPT bertemu.".encode("utf-16")[:-1],
            "cut.txt: the text is not UTF-16 (byte 37); save it as UTF-8 and "
            "import it again.",
        ),
        (
            # Some Windows tools write UTF-16 without its mark: how to save it.
            "utf16-no-mark.txt",
            "DM - BNPT bertemu.".encode("utf-16-le"),
            "utf16-no-mark.txt: the text is in UTF-16 without the mark that "
            "says so; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8) "
            "and import it again.",
        ),
        (
            "utf16-be-no-mark.txt",
            "Kamis (24/3), BNPT bertemu NICA.".encode("utf-16-be"),
            "utf16-be-no-mark.txt: the text is in UTF-16 without the mark that "
            "says so; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8) "
            "and import it again.",
        ),
        (
            # Zero bytes, but no text in either order: binary still.
            "zeros.txt",
            b"\x89PNG\x00\x00\x00\rIHDR\x00\x01\x07\x00",
            "zeros.txt: this is not a text file (it holds binary data).",
        ),
        (
            "big.txt",
            b"DM - BNPT bertemu.\n" * (MAX_FILE_BYTES // 19 + 1),
            "big.txt: the file is larger than 1.0\xa0MB.",
        ),
        (
            "copy.pdf",
            b"DM - BNPT bertemu.",
            "copy.pdf: only .txt, .md and .docx files are imported; save it as one "
            "of them, or paste its text into a new article.",
        ),
        (
            "only-trailer.txt",
            b"---\ntitle: Judul\n---\nSumber : bnpt.go.id\nEditor : Redaksi\n",
            "only-trailer.txt: there is no article text in it.",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_it_and_nothing_of_it_is_saved(
    editor, registry, english, name, data, error
):
    articles, records = Article.objects.count(), IntakeRecord.objects.count()

    result = article_import(name=name, data=data, user=editor, today=IMPORT_DAY)

    assert (result.status, result.error, result.article) == ("refused", error, None)
    assert result.as_json()["error"] == error
    assert nothing_saved(articles, records)


TWO_STORIES = {
    # The wire file twice, as `cat a a` joins it (its boilerplate line glued
    # to the second story's dateline, on its last line, 10).
    "two.txt": (
        (SAMPLES / "jwg-hybrid-meeting.txt").read_text().rstrip("\n") * 2,
        "another begins at line 10, glued to the last line of the one before: "
        "'Discussion about this postDM – BNPT dan delegasi Filipina kembali "
        "bertemu dalam…'",
    ),
    # Two stories of two agencies.
    "two-agencies.txt": (
        (SAMPLES / "bi-bank-indonesia.txt").read_text()
        + (SAMPLES / "unknown-acronyms.txt").read_text(),
        "another begins at line "
        f"{len((SAMPLES / 'bi-bank-indonesia.txt').read_text().splitlines()) + 1}, "
        "after the line 'Editor : Redaksi' that ends the one before",
    ),
    "two.md": (
        "---\ntitle: One\n---\nFirst story BNPT.\n\n"
        "---\ntitle: Two\n---\nSecond story NICA.",
        "another begins at line 6 with a front matter block of its own (the "
        "header between '---' lines)",
    ),
}


@pytest.mark.parametrize("name", sorted(TWO_STORIES))
def test_a_file_of_two_stories_is_refused_saying_why_and_nothing_is_saved(
    editor, registry, english, name
):
    # The refusal had listed every reason there may be ("after a 'Sumber :'
    # or 'Editor :' line or in front matter of its own") whatever it was.
    text, why = TWO_STORIES[name]
    articles, records = Article.objects.count(), IntakeRecord.objects.count()

    result = article_import(
        name=name, data=text.encode(), user=editor, today=IMPORT_DAY
    )

    assert (result.status, result.article) == ("refused", None)
    assert result.error == (
        f"{name}: it seems to hold 2 stories: {why}. Split it, one story a file, "
        "and import each."
    )
    assert nothing_saved(articles, records)


def test_each_later_story_of_a_file_is_named_with_its_own_reason(
    editor, registry, english
):
    text = (
        "DM – Satu berita pertama.\nEditor : Dewi\nJudul Kedua\n"
        "DM – Berita kedua dimulai di sini.\n\n"
        "---\ntitle: Tiga\n---\nBerita ketiga."
    )

    result = article_import(
        name="three.txt", data=text.encode(), user=editor, today=IMPORT_DAY
    )

    assert result.error == (
        "three.txt: it seems to hold 3 stories: another begins at line 3, after "
        "the line 'Editor : Dewi' that ends the one before; another begins at "
        "line 6 with a front matter block of its own (the header between '---' "
        "lines). Split it, one story a file, and import each."
    )


def test_a_word_document_of_two_stories_is_refused(editor, registry, english):
    document = Document()
    for line in TWO_STORIES["two-agencies.txt"][0].splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)

    result = article_import(
        name="two.docx", data=data.getvalue(), user=editor, today=IMPORT_DAY
    )

    assert result.status == "refused"
    assert result.error.startswith("two.docx: it seems to hold 2 stories")
    assert not Article.objects.exists()


def test_the_trailer_after_a_story_leaves_the_draft_and_the_reporter_signs_it(
    editor, registry, english
):
    # The photo credit, the reporter and the related headlines had been the
    # draft's last paragraphs.
    text = (
        "DM – Petugas imigrasi di Bitung memeriksa dokumen awak kapal ikan "
        "asing, Rabu (14/9).\n"
        "Pemeriksaan berlangsung sepanjang hari.\n"
        "Sumber : imigrasi.go.id\nEditor : Redaksi\n"
        "Foto : Humas Imigrasi\nReporter : Yohanes\n"
        "Berita terkait:\nImigrasi Perketat Pengawasan Pelabuhan\n"
        "Kapal Asing Ditahan di Bitung\n"
    )

    result = article_import(
        name="bitung.txt", data=text.encode(), user=editor, today=IMPORT_DAY
    )

    article = result.article
    assert article.body == (
        "Petugas imigrasi di Bitung memeriksa dokumen awak kapal ikan asing, "
        "Rabu (14/9).\n\nPemeriksaan berlangsung sepanjang hari."
    )
    assert (article.byline, article.editor_name) == ("Yohanes", "Redaksi")
    assert "Berita terkait:" in result.report["dropped"]
    assert (
        "2 related headlines at the end are left out of the story: Imigrasi "
        "Perketat Pengawasan Pelabuhan; Kapal Asing Ditahan di Bitung"
    ) in result.warnings
    assert any("Foto : Humas Imigrasi" in warning for warning in result.warnings)


def test_a_paste_of_two_stories_says_so(editor, registry, english):
    pasted = clean_pasted_copy(TWO_STORIES["two.txt"][0], today=IMPORT_DAY)

    assert "several_stories" in pasted.warning_codes
    assert (
        "This copy seems to hold 2 stories: another begins at line 10. Paste "
        "or import one story at a time."
    ) in pasted.warnings


def test_parts_longer_than_the_article_holds_are_fitted_and_quoted_in_the_report(
    editor, registry, english
):
    # (A title too long is kept as the summary: test_intake_parser.py.) A
    # byline, a tag or a source address the article cannot hold was a refusal
    # naming the field ("byline: Ensure this value has at most 200
    # characters"), or a server error for a tag on PostgreSQL.
    byline = "Pewarta " * 30 + "Jakarta"
    tag = "JWG " * 30
    data = (
        f"---\nbyline: {byline}\ntags: BNPT, {tag}, NICA\n---\n"
        "DM – BNPT dan NICA bertemu di Jakarta.\n"
        "Sumber : bnpt.go.id\nEditor : Dewi"
    ).encode()

    result = article_import(name="long.md", data=data, user=editor)

    assert result.status == "created"
    article = Article.objects.get()
    assert len(article.byline) <= 200 and article.byline.endswith("Pewarta…")
    assert byline.startswith(article.byline.removesuffix("…"))
    assert sorted(article.tags.names()) == ["BNPT", "NICA"]
    assert article.source_name == "bnpt.go.id"
    assert article.editor_name == "Dewi"
    warnings = result.report["warnings"]
    assert (
        "The byline is longer than 200 characters: it is shortened; it read: "
        f"{byline}" in warnings
    )
    assert f"Tags longer than 100 characters are left out: {tag.strip()}" in warnings


def test_a_draft_with_fitted_parts_is_saved_in_the_admin_as_it_came(
    editor, editor_client, registry, english
):
    # The next step: the editor opens the draft and saves it. A byline past
    # its field would have been refused again here.
    data = f"---\nbyline: {'Pewarta ' * 30}\n---\nDM – BNPT dan NICA bertemu.".encode()
    article = article_import(name="long.md", data=data, user=editor).article

    save_in_admin(editor_client, article, title="BNPT dan NICA bertemu di Jakarta")

    article.refresh_from_db()
    assert article.title == "BNPT dan NICA bertemu di Jakarta"
    assert article.byline.endswith("Pewarta…") and len(article.byline) <= 200


def test_a_file_of_exactly_the_limit_is_read(editor, registry):
    """Read, not refused for its size: its text is then longer than a
    story's body holds (BODY_MAX_CHARS), and that is what the desk is told."""
    line = b"DM - BNPT bertemu lagi dengan NICA.\n"
    data = line * (MAX_FILE_BYTES // len(line))
    data += b"x" * (MAX_FILE_BYTES - len(data))

    result = article_import(name="edge.txt", data=data, user=editor)

    assert len(data) == MAX_FILE_BYTES
    assert result.status == "refused"
    # In the desk's language, the site's default.
    assert result.error.startswith(
        "edge.txt: Isi berita paling banyak 100.000 karakter; yang ini 1.077.698."
    )


@pytest.mark.parametrize(
    "first, dateline",
    [
        ("DM", ""),  # the sample's: its site's initials
        ("Jakarta", "Jakarta"),
        ("Zamboanga City", "Zamboanga City"),
    ],
)
def test_an_imported_dateline_is_filled_only_when_it_names_a_place(
    editor, registry, english, first, dateline
):
    """The site's initials ("DM") filled the imported draft's Dateline, and
    the published story read "DM · Oleh …"; left out, the report offers it."""
    data = f"{first} – BNPT bertemu NICA.\nSumber : bnpt.go.id\n".encode()

    result = article_import(name="wire.txt", data=data, user=editor)

    assert result.status == "created", result.error
    assert result.article.dateline == dateline
    assert result.article.body == "BNPT bertemu NICA."
    assert result.as_json()["dateline"] == (dateline or None)
    offered = (
        "Dateline “DM” is not a place we know (the site's or writer's initials?): "
        "it was left out; type it in Dateline if it names where the story was "
        "reported."
    )
    assert (offered in result.report["warnings"]) is not dateline


@pytest.mark.parametrize(
    "first, dateline, left_out, source",
    [
        ("(DM)", "", "(DM)", "bnpt.go.id"),
        ("[DM]", "", "[DM]", "bnpt.go.id"),
        ("Dm", "", "Dm", "bnpt.go.id"),
        ("DM/RED", "", "DM/RED", "bnpt.go.id"),
        ("D.M.", "", "D.M.", "bnpt.go.id"),
        ("ÉM", "", "ÉM", "bnpt.go.id"),
        ("BNPT", "", "BNPT", "bnpt.go.id"),  # the registry's agency
        ("INTRAC", "", "INTRAC", "bnpt.go.id"),  # an agency's alias
        ("KOMPAS.com", "", "", "kompas.com"),
        ("JAKARTA, KOMPAS.com", "JAKARTA", "", "kompas.com"),
        ("Liputan6.com, Jakarta", "Jakarta", "", "liputan6.com"),
        ("NTT", "NTT", "", "bnpt.go.id"),
    ],
)
def test_an_imported_dateline_holds_only_a_place(
    editor, registry, english, first, dateline, left_out, source
):
    """A tester's openings ("(DM) –", "BNPT –", "JAKARTA, KOMPAS.com –"…)
    filled the draft's Dateline, which readers saw as "BNPT · Oleh …":
    initials and an agency are offered, a news site is the source."""
    sumber = "" if source != "bnpt.go.id" else "Sumber : bnpt.go.id\n"
    data = f"{first} – BNPT bertemu NICA.\n{sumber}".encode()

    result = article_import(name="wire.txt", data=data, user=editor)

    assert result.status == "created", result.error
    assert (result.article.dateline, result.article.body) == (
        dateline,
        "BNPT bertemu NICA.",
    )
    assert result.article.source_name == source
    assert result.as_json()["dateline"] == (dateline or None)
    if left_out:
        assert any(f"“{left_out}”" in w for w in result.report["warnings"])


@pytest.mark.parametrize(
    "first, dateline",
    [
        ("KBRI Manila", "Manila"),
        ("KJRI Davao, Rabu (2/3)", "Davao"),
        ("KBRI Manila (DM)", "Manila"),
    ],
)
def test_an_imported_embassys_dateline_holds_only_its_place(
    editor, registry, english, first, dateline
):
    """ "KBRI Manila –" filled the draft's Dateline whole; readers saw
    "KBRI Manila · Oleh …"."""
    data = f"{first} – KBRI bertemu NICA.\nSumber : kemlu.go.id\n".encode()

    result = article_import(name="wire.txt", data=data, user=editor)

    assert (result.article.dateline, result.article.body) == (
        dateline,
        "KBRI bertemu NICA.",
    )
    agency = first.split()[0]
    assert (
        f"“{agency}” in the dateline names an agency, not a place: it was left "
        f"out; the dateline keeps the place, “{dateline}”."
    ) in result.report["warnings"]


def test_an_imported_datelines_weekday_date_dates_the_story_not_its_place(
    editor, registry, english
):
    """ "KJRI Davao, Rabu (2/3) –" put "Davao, Rabu (2/3)" in the draft's
    Dateline; readers saw "Davao, Rabu (2/3) · Oleh …"."""
    data = "KJRI Davao, Rabu (2/3/2022) – KJRI bertemu NICA.\nSumber : kemlu.go.id\n"

    result = article_import(name="wire.txt", data=data.encode(), user=editor)

    assert (result.article.dateline, result.article.body) == (
        "Davao",
        "KJRI bertemu NICA.",
    )
    assert result.as_json()["published_date"] == "2022-03-02"
    assert (
        "“Rabu (2/3/2022)” in the dateline is the story's date, not a place: it "
        "was left out of the dateline and taken as Wednesday 2 March 2022."
    ) in result.report["warnings"]


def test_a_utf8_byte_order_mark_is_not_part_of_the_text(editor, registry):
    data = "\ufeffDM – BNPT bertemu.\nSumber : bnpt.go.id".encode()

    result = article_import(name="bom.txt", data=data, user=editor)

    assert result.article.dateline == ""  # "DM": initials, left out
    assert result.article.body == "BNPT bertemu."


# Duplicates.


# Windows' Notepad and Word save "Unicode" text as UTF-16 with a byte order
# mark; it was refused as "binary data".
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_text_with_a_byte_order_mark_is_imported_as_its_utf8_twin(
    editor, registry, encoding
):
    text = (SAMPLES / "jwg-hybrid-meeting.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data

    result = article_import(
        name="notepad.txt", data=data, user=editor, today=IMPORT_DAY
    )

    assert_draft_of(result, text, IMPORT_DAY)
    article = result.article
    assert any(ord(char) > 127 for char in article.body)  # “…”, – read right
    assert linked(article) == sorted(
        {a["acronym"] for a in result.as_json()["agencies"] if a["state"] == "linked"}
    )
    # The same copy in UTF-8 afterwards is the same text.
    again = article_import(name="utf8.txt", data=text.encode(), user=editor)
    assert (again.status, again.article) == ("duplicate", article)


def test_a_pdfs_text_with_page_breaks_is_imported_as_its_plain_twin(editor, registry):
    # pdftotext puts a form feed between a PDF's pages, and Word's copied
    # text can hold a vertical tab for a line break: both were refused as
    # "binary data". They end lines, as the plain text's line ends do.
    text = (SAMPLES / "jwg-hybrid-meeting.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    paged = "\n".join(lines[:3]) + "\x0c" + "\n".join(lines[3:5]) + "\x0b"
    paged += "\n".join(lines[5:])

    result = article_import(
        name="siaran-pers.txt", data=paged.encode(), user=editor, today=IMPORT_DAY
    )

    assert_draft_of(result, text, IMPORT_DAY)
    assert "\x0c" not in result.article.body and "\x0b" not in result.article.body


def test_the_same_file_imported_again_is_a_duplicate_of_the_first_draft(
    editor, registry
):
    first = import_sample("jwg-hybrid-meeting.txt", editor)

    again = import_sample("jwg-hybrid-meeting.txt", editor)

    assert again.status == "duplicate"
    assert again.article == first.article
    assert again.as_json()["article"] == first.article.pk
    assert again.as_json()["agencies"] == first.as_json()["agencies"]
    assert Article.objects.count() == 1
    assert IntakeRecord.objects.count() == 1


def test_the_same_text_with_other_line_ends_spaces_or_a_bom_is_a_duplicate(
    editor, registry
):
    text = (SAMPLES / "unknown-acronyms.txt").read_text()
    first = article_import(name="a.txt", data=text.encode(), user=editor)
    variants = [
        text.replace("\n", "\r\n").encode(),
        ("\ufeff" + text.replace("\n", "  \n") + "\n\n").encode(),
        ("\n" + text).encode("utf-8"),
    ]

    results = [
        article_import(name="b.md", data=variant, user=editor) for variant in variants
    ]

    assert [r.status for r in results] == ["duplicate"] * 3
    assert {r.article for r in results} == {first.article}
    assert Article.objects.count() == 1


def test_copy_pasted_into_a_story_before_is_a_duplicate_of_that_story(editor, registry):
    """A reporter pasted the wire story and saved it; the desk then imports
    the file: no second draft, the import names the story."""
    text = (SAMPLES / "jwg-hybrid-meeting.txt").read_text()
    body = parse_copy(text, today=IMPORT_DAY).body
    story = ArticleFactory(title="Ditempel reporter", body=body, status="draft")

    result = import_sample("jwg-hybrid-meeting.txt", editor)

    assert (result.status, result.article, result.by_body) == (
        "duplicate",
        story,
        True,
    )
    assert result.as_json()["article"] == story.pk
    assert Article.objects.count() == 1
    assert not IntakeRecord.objects.exists()


def test_a_story_saved_long_ago_is_not_looked_at_for_its_body(editor, registry):
    """Only the last EARLIER_COPY_DAYS of stories are read for their body
    (a story known to hold the copy, by its fingerprint, is found whenever)."""
    text = (SAMPLES / "jwg-hybrid-meeting.txt").read_text()
    body = parse_copy(text, today=IMPORT_DAY).body
    story = ArticleFactory(title="Ditempel reporter", body=body, status="draft")
    Article.objects.filter(pk=story.pk).update(
        updated_at=story.updated_at - dt.timedelta(days=services.EARLIER_COPY_DAYS + 1)
    )

    assert import_sample("jwg-hybrid-meeting.txt", editor).status == "created"


# The copy as it came in: found again however its story was edited.
WIRE_SAMPLE = "bnpt-jwg-wire-copy.txt"  # wire copy as it comes, in our words


def edit_and_publish(article, editor, **changes):
    """An editor edits the story (through the admin's service) and publishes."""
    for name, value in changes.items():
        setattr(article, name, value)
    article.needs_headline = False
    article_save(article=article, user=editor, expected_version=article.version)
    article_publish(article=article, user=editor)
    article.refresh_from_db()
    return article


def test_a_pasted_story_is_still_the_copys_after_it_is_edited_and_published(
    editor, registry
):
    """A reporter pasted the copy; its import is a duplicate of that story;
    an editor then edits the story and publishes it: importing the file again
    is still a duplicate of it, not a second draft, and a paste names it."""
    text = (SAMPLES / WIRE_SAMPLE).read_text()
    body = parse_copy(text, today=IMPORT_DAY).body
    story = ArticleFactory(
        title="BNPT dan Filipina", body=body, status="draft", published_at=None
    )
    assert import_sample(WIRE_SAMPLE, editor).article == story
    edited = body.replace("Kamis (24/3)", "Kamis (24/3/2022)")
    assert edited != body
    story = edit_and_publish(story, editor, body=edited)

    again = import_sample(WIRE_SAMPLE, editor)

    assert (again.status, again.article, again.by_body) == ("duplicate", story, True)
    assert Article.objects.count() == 1
    assert not IntakeRecord.objects.exists()
    assert clean_pasted_copy(text, today=IMPORT_DAY).holding == [story]


def test_an_imported_story_is_the_copys_whatever_front_matter_came_with_it(
    editor, registry
):
    """The fingerprint kept by an import is of the copy's body: the same
    copy with other front matter, after the draft was edited, is a duplicate."""
    text = (SAMPLES / WIRE_SAMPLE).read_text()
    first = article_import(
        name="a.md",
        data=f"---\ntitle: BNPT dan NICA bertemu\n---\n{text}".encode(),
        user=editor,
        today=IMPORT_DAY,
    ).article
    first.body = first.body.replace("Kamis (24/3)", "Kamis (24/3/2022)")
    article_save(article=first, user=editor, expected_version=first.version)

    again = import_sample(WIRE_SAMPLE, editor)

    assert (again.status, again.article) == ("duplicate", first)
    assert Article.objects.count() == 1


def test_a_paste_names_every_story_holding_the_copy_the_published_first(
    editor, registry
):
    """An import's draft, edited and published, and a reporter's later draft
    of the same copy: both are named, the published story first."""
    text = (SAMPLES / WIRE_SAMPLE).read_text()
    imported = import_sample(WIRE_SAMPLE, editor).article
    body = imported.body
    published = edit_and_publish(
        imported, editor, body=body.replace("Kamis (24/3)", "Kamis (24/3/2022)")
    )
    draft = ArticleFactory(
        title="Salinan", body=body, status="draft", published_at=None
    )
    # The draft is the older story: the published one is still named first.
    Article.objects.filter(pk=draft.pk).update(
        created_at=published.created_at - dt.timedelta(hours=1)
    )

    pasted = clean_pasted_copy(text, today=IMPORT_DAY)

    assert pasted.holding == [published, draft]
    assert pasted.earlier == published


def test_a_changed_text_is_a_new_draft(editor, registry):
    text = (SAMPLES / "unknown-acronyms.txt").read_text()
    first = article_import(name="a.txt", data=text.encode(), user=editor)

    changed = article_import(
        name="a.txt",
        data=text.replace("akhir tahun", "awal tahun").encode(),
        user=editor,
    )

    assert changed.status == "created"
    assert changed.article != first.article
    assert changed.article.slug != first.article.slug
    assert IntakeRecord.objects.count() == 2


def test_a_text_whose_draft_was_deleted_is_imported_again(editor, registry):
    first = import_sample("no-source-line.txt", editor)
    first.article.delete()

    again = import_sample("no-source-line.txt", editor)

    assert again.status == "created"
    record = IntakeRecord.objects.get()
    assert record.article == again.article


def test_an_import_overtaken_by_another_of_the_same_text_is_a_duplicate(
    editor, registry, monkeypatch
):
    first = import_sample("no-source-line.txt", editor)
    # The other import finishes between this one's look for the text and its
    # own write: the look finds nothing, the write must not make a second draft.
    monkeypatch.setattr(services, "_earlier_import", lambda sha256: None)

    again = import_sample("no-source-line.txt", editor)

    assert (again.status, again.article) == ("duplicate", first.article)
    assert Article.objects.count() == 1
    assert IntakeRecord.objects.get().article == first.article


# Who imports, and what the import may not do.


def test_a_reporter_imports_and_owns_the_draft(reporter, registry):
    result = import_sample("bi-bank-indonesia.txt", reporter)

    assert result.article.created_by == reporter
    assert can_edit(reporter, result.article)
    assert IntakeRecord.objects.get().created_by == reporter


def test_who_may_not_write_articles_may_not_import(moderator, registry):
    with pytest.raises(PermissionDenied):
        import_sample("bi-bank-indonesia.txt", moderator)

    assert not Article.objects.exists() and not IntakeRecord.objects.exists()


def test_an_import_never_publishes_even_for_an_editor(editor, registry):
    results = [import_sample(path.name, editor) for path in sorted(SAMPLES.iterdir())]

    assert [r.status for r in results] == ["created"] * len(results)
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert not Article.objects.filter(published_at__isnull=False).exists()
    assert not Article.objects.published().exists()


def test_an_import_is_kept_as_a_revision_saying_where_the_draft_came_from(
    editor, registry, english
):
    result = import_sample("wrong-weekday.txt", editor)

    [version] = Version.objects.get_for_object(result.article)
    assert version.revision.user == editor
    assert revision_comment(version.revision.comment) == (
        "Imported from wire copy: Draft. wrong-weekday.txt"
    )


def test_a_slug_taken_before_gets_a_number(editor, registry):
    ArticleFactory(slug="delegasi-bnpt-tiba-di-manila-untuk-kunjungan-kerja-lanjutan")

    result = import_sample("wrong-weekday.txt", editor)

    assert result.article.slug == (
        "delegasi-bnpt-tiba-di-manila-untuk-kunjungan-kerja-lanjutan-2"
    )


def test_a_long_titles_slug_is_cut_at_its_last_whole_word(editor, registry):
    """A long Indonesian title's slug ended in half a word ("…-pertemua")."""
    title = (
        "Delegasi BNPT dan Filipina Sepakat Memperkuat Kerja Sama Penanggulangan "
        "Terorisme dalam Pertemuan Tahunan di Manila"
    )
    data = f"# {title}\n\nDM – BNPT bertemu.\nSumber : bnpt.go.id\n".encode()

    first = article_import(name="one.txt", data=data, user=editor).article
    second = article_import(
        name="two.txt", data=data.replace(b"bertemu", b"tiba"), user=editor
    ).article

    whole = (
        "delegasi-bnpt-dan-filipina-sepakat-memperkuat-kerja-sama-"
        "penanggulangan-terorisme-dalam-pertemuan"
    )
    assert first.title == title
    assert first.slug == whole  # not "…-dalam-pertemuan-ta"
    assert second.slug == f"{whole}-2"


def test_a_result_in_json_has_exactly_the_issues_keys(editor, registry):
    result = import_sample("front-matter.md", editor)

    data = result.as_json()

    assert list(data) == [*RESULT_KEYS, *REPORT_KEYS, *RESULT_MORE_KEYS]
    assert list(data) == [
        "file",
        "status",
        "article",
        "error",
        "title",
        "dateline",
        "source",
        "editor",
        "published_date",
        "agencies",
        "people",
        "meeting",
        "unknown_acronyms",
        "article_title",
        "duplicate",
        "similar",
        "warnings",
        "dropped",
    ]
    agency = data["agencies"][0]
    assert {"acronym", "name", "country", "state", "found"} <= set(agency)
    assert {"paragraph", "offset", "text"} <= set(agency["found"][0])
    assert {"title", "series", "number", "id"} <= set(data["meeting"])


@postgres_only
def test_an_imported_draft_is_found_by_the_names_of_its_agencies(editor, registry):
    result = import_sample("bi-bank-indonesia.txt", editor)

    vector = Article.objects.values_list("search_vector", flat=True).get(
        pk=result.article.pk
    )
    # PPATK's alias, written nowhere in the copy: the service refreshed it.
    assert "intrac" in str(vector)


def test_the_sections_and_agencies_of_the_registry_are_left_as_they_were(
    editor, registry
):
    agencies, sections = Agency.objects.count(), Section.objects.count()

    import_sample("unknown-acronyms.txt", editor)
    import_sample("bi-contradicting-expansion.txt", editor)

    assert (Agency.objects.count(), Section.objects.count()) == (agencies, sections)
