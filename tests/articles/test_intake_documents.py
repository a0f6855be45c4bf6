"""Wire copy as a Word document (.docx), as agencies' press offices send it:
read into the same draft as its text, italics as `_phrases_`, what is left
out reported, and every odd file refused with its reason."""

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image

from articles.intake.documents import (
    MAX_ELEMENTS,
    MAX_PARAGRAPHS,
    MAX_RUNS,
    MAX_UNPACKED_BYTES,
)
from articles.intake.services import MAX_FILE_BYTES, article_import
from articles.models import Article, IntakeRecord
from articles.rendering import render_markdown
from tests.articles.documents import (
    assert_draft_of,
    with_damaged_member,
    with_member,
    word_document,
    word_xml,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SAMPLES = Path(__file__).parent / "intake_samples"
IMPORT_DAY = dt.date(2022, 12, 31)
COPY = (SAMPLES / "jwg-hybrid-meeting.txt").read_text(encoding="utf-8")


@pytest.fixture
def desk(agencies, officials, jwg4, section):
    return section


def imported(data: bytes, editor, name="siaran-pers.docx"):
    return article_import(name=name, data=data, user=editor, today=IMPORT_DAY)


def imported_document(document, editor):
    """Import a python-docx Document, saved as Word saves it."""
    out = io.BytesIO()
    document.save(out)
    return imported(out.getvalue(), editor)


def photo(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


def test_a_press_release_in_word_is_the_same_draft_as_its_text(editor, desk):
    result = imported(word_document(COPY), editor)

    assert_draft_of(result, COPY, IMPORT_DAY)
    draft = result.article
    # Italic runs, split as Word splits them, are the copy's `_phrases_`.
    assert (
        "_The 4th Joint Working Group (JWG) on Combating International Terrorism_"
        in (draft.body)
    )
    assert "_threat assessment_" in draft.body and "_Police to Police_" in draft.body
    # The trailer, two lines of one paragraph, is read, not left in the body.
    assert (draft.source_name, draft.editor_name) == ("bnpt.go.id", "Redaksi")
    assert "Sumber" not in draft.body and "Discussion" not in draft.body
    assert {"BNPT", "NICA", "PPATK"} <= {a.acronym for a in draft.agencies.all()}
    assert draft.status == Article.Status.DRAFT
    # The same copy as text afterwards is a duplicate of it.
    again = article_import(
        name="copy.txt", data=COPY.encode(), user=editor, today=IMPORT_DAY
    )
    assert (again.status, again.article) == ("duplicate", draft)


def test_the_documents_heading_is_the_headline_and_later_ones_subheadings(editor, desk):
    result = imported(
        word_document(
            COPY,
            heading="BNPT dan Filipina Gelar JWG ke-4",
            subheading="Ancaman di ruang siber",
        ),
        editor,
    )

    draft = result.article
    assert draft.title == "BNPT dan Filipina Gelar JWG ke-4"
    assert not draft.needs_headline
    assert "## Ancaman di ruang siber" in draft.body


def test_italics_from_a_style_are_phrases_in_every_paragraph(editor, desk):
    # Styles are looked up once a document; each paragraph still reads its own.
    document = Document()
    document.add_heading("Delegasi BNPT di Manila", level=1)
    for place in ("Manila", "Zamboanga"):
        paragraph = document.add_paragraph(f"Delegasi BNPT di {place} membahas ")
        paragraph.add_run("threat assessment", style="Emphasis")
        paragraph.add_run(" dan ")
        paragraph.add_run("Police to Police", style="Emphasis").italic = False
        paragraph.add_run(" bersama NICA.")
    out = io.BytesIO()
    document.save(out)

    body = imported(out.getvalue(), editor).article.body
    assert body.count("_threat assessment_ dan Police to Police bersama") == 2


def test_tables_and_pictures_are_left_out_and_the_report_says_so(editor, desk):
    result = imported(word_document(COPY, table=True, picture=photo()), editor)

    assert result.status == "created", result.error
    assert "Agenda rahasia tabel" not in result.article.body
    assert "1 table left out: copy what it says into the story." in result.warnings
    assert "1 picture left out: add it from the media library." in result.warnings


W = nsdecls("w")
TRACKED = 'w:author="Humas BNPT" w:date="2022-03-24T10:00:00Z"'


def test_a_documents_dateline_of_initials_is_left_out_and_a_place_kept(editor, desk):
    for first, dateline, day in (("DM", "", "Kamis"), ("MANILA", "MANILA", "Jumat")):
        document = Document()
        document.add_paragraph(f"{first} – Delegasi BNPT bertemu NICA, {day}.")
        document.add_paragraph("Sumber : bnpt.go.id")

        result = imported_document(document, editor)

        assert result.status == "created", result.error
        assert result.article.dateline == dateline
        assert result.article.body.startswith("Delegasi BNPT")
        assert any("“DM”" in warning for warning in result.warnings) is (not dateline)


def test_text_in_tracked_changes_content_controls_and_fields_is_read(editor, desk):
    # A release edited with Track Changes, from a template of content
    # controls: python-docx's paragraphs give only their direct runs, so the
    # inserted words, the control's paragraph, a smart tag's and a field's
    # text were left out of the draft without a word.
    document = Document()
    paragraph = document.add_paragraph("DM – Delegasi BNPT ")
    # The paragraph's mark inserted too, as Word marks an inserted paragraph:
    # part of the same change, not counted again.
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr {W}><w:ins w:id="9" {TRACKED}/></w:rPr>')
    )
    for fragment in (
        f'<w:ins {W} w:id="1" {TRACKED}><w:r><w:t xml:space="preserve">'
        "dan NICA </w:t></w:r></w:ins>",
        f'<w:del {W} w:id="2" {TRACKED}><w:r><w:delText xml:space="preserve">'
        "rahasia </w:delText></w:r></w:del>",
        f'<w:smartTag {W} w:uri="urn:x" w:element="place"><w:r><w:t '
        'xml:space="preserve">di Jakarta </w:t></w:r></w:smartTag>',
        f'<w:fldSimple {W} w:instr="DATE"><w:r><w:t xml:space="preserve">'
        "Kamis (24/3) </w:t></w:r></w:fldSimple>",
        f'<w:ins {W} w:id="3" {TRACKED}><w:r><w:rPr><w:i/></w:rPr><w:t>'
        "Joint Working Group</w:t></w:r></w:ins>",
    ):
        paragraph._p.append(parse_xml(fragment))
    paragraph.add_run(".")
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Pertemuan berlangsung "
            'empat jam.</w:t></w:r><w:commentReference w:id="0"/><w:r>'
            '<w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference '
            'w:id="1"/></w:r></w:p></w:sdtContent></w:sdt>'
        ),
    )
    document.add_paragraph("Sumber : bnpt.go.id")

    result = imported_document(document, editor)

    assert result.status == "created", result.error
    assert result.article.dateline == ""  # "DM": initials, left out
    assert result.article.body == (
        "Delegasi BNPT dan NICA di Jakarta Kamis (24/3) _Joint Working Group_.\n\n"
        "Pertemuan berlangsung empat jam."
    )
    assert result.article.source_name == "bnpt.go.id"
    assert (
        "3 tracked changes accepted (insertions kept, deletions left out): check "
        "the text against the release." in result.warnings
    )
    assert (
        "1 Word comment left out (a reviewer's note, not the story)." in result.warnings
    )
    assert "2 footnotes left out: copy what they say into the story." in result.warnings


def test_numbered_and_bulleted_lists_keep_their_kind(editor, desk):
    # An agenda numbered by Word came out as "- " items, and one numbered on
    # ordinary paragraphs (Word's numbering button) as plain paragraphs.
    document = Document()
    document.add_paragraph("DM – Kedua delegasi membahas tujuh agenda:")
    for item in ("Penilaian ancaman", "Keamanan perbatasan"):
        document.add_paragraph(item, style="List Number")
    own = document.add_paragraph("Kerja sama siber")  # Normal, numbered itself
    own._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>')
    )
    document.add_paragraph("Hadir pula:")
    document.add_paragraph("Kemlu", style="List Bullet")
    odd = document.add_paragraph("Sesi tanya jawab", style="List Number")
    odd._p.get_or_add_pPr().append(  # a hostile number: no list, no error
        parse_xml(f'<w:numPr {W}><w:numId w:val="5&quot;]|//x"/></w:numPr>')
    )
    # A numbering pointing at a definition that is no number: an item.
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {W} w:numId="99"><w:abstractNumId w:val="1&quot;]"/></w:num>'
        )
    )
    closing = document.add_paragraph("Penutupan")
    closing._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:numId w:val="99"/></w:numPr>')
    )

    result = imported_document(document, editor)

    assert result.status == "created", result.error
    assert result.article.body.split("\n\n") == [
        "Kedua delegasi membahas tujuh agenda:",
        "1. Penilaian ancaman",
        "1. Keamanan perbatasan",
        "1. Kerja sama siber",
        "Hadir pula:",
        "- Kemlu",
        "Sesi tanya jawab",
        "- Penutupan",
    ]
    page = render_markdown(result.article.body)
    assert "<ol>" in page and page.count("<li>") == 5


def text_box(paragraph, text: str) -> None:
    """A text box as Word writes it: a drawing holding the box's paragraphs,
    and the same box again as an old-style shape for older readers."""
    namespaces = (
        f"{nsdecls('w', 'wp', 'a')} "
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    paragraph._p.append(
        parse_xml(
            f"<w:r {namespaces}><mc:AlternateContent>"
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            f'wordprocessingShape"><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>'
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape>"
            "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )


def test_a_text_box_is_read_once_after_its_paragraph_and_is_no_picture(editor, desk):
    # Its text was left out and the report said "2 pictures left out" (the
    # box and its copy for older readers).
    document = Document()
    paragraph = document.add_paragraph("DM – Delegasi BNPT bertemu NICA. ")
    text_box(paragraph, "Kontak media: Humas BNPT.")
    paragraph.add_run("Pertemuan berlangsung empat jam.")
    document.add_paragraph("Kedua delegasi sepakat bertemu lagi.")
    document.add_picture(io.BytesIO(photo()))

    result = imported_document(document, editor)

    assert result.status == "created", result.error
    assert result.article.body == (
        "Delegasi BNPT bertemu NICA. Pertemuan berlangsung empat jam.\n\n"
        "Kontak media: Humas BNPT.\n\n"
        "Kedua delegasi sepakat bertemu lagi."
    )
    assert "1 picture left out: add it from the media library." in result.warnings


def hyperlink(paragraph, text: str, url: str = "", anchor: str = "") -> None:
    """A hyperlink as Word writes it: to an address (a relationship of the
    document's part) or to a bookmark in the document."""
    target = ""
    if url:
        rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        target = f' r:id="{rel}"'
    if anchor:
        target += f' w:anchor="{anchor}"'
    paragraph._p.append(
        parse_xml(
            f"<w:hyperlink {nsdecls('w', 'r')}{target}><w:r><w:t "
            f'xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
        )
    )


def test_hyperlinks_to_web_addresses_are_kept_as_links(editor, desk):
    # The address of a linked phrase was left out without a word.
    document = Document()
    paragraph = document.add_paragraph("DM – Siaran lengkapnya ada di ")
    hyperlink(paragraph, "situs BNPT", "https://bnpt.go.id/berita?id=7&l=id")
    paragraph.add_run(", jadwalnya di ")
    hyperlink(paragraph, "bagian jadwal", anchor="_Jadwal")  # within the document
    paragraph.add_run("; tanya ")
    hyperlink(paragraph, "Humas [BNPT]", "mailto:humas@bnpt.go.id")
    paragraph._p.append(  # a link to a relationship the document lacks
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="rId999"><w:r><w:t '
            'xml:space="preserve"> segera</w:t></w:r></w:hyperlink>'
        )
    )
    paragraph.add_run(".")
    trailer = document.add_paragraph("Sumber : ")
    hyperlink(trailer, "BNPT", "https://www.bnpt.go.id/")
    second = document.add_paragraph("Alamat: ")
    hyperlink(second, "https://bnpt.go.id", "https://bnpt.go.id/")  # typed out

    result = imported_document(document, editor)

    assert result.status == "created", result.error
    article = result.article
    assert article.body == (
        "Siaran lengkapnya ada di [situs BNPT](https://bnpt.go.id/berita?id=7&l=id), "
        "jadwalnya di bagian jadwal; tanya [Humas \\[BNPT\\]](mailto:humas@bnpt.go.id)"
        " segera."
        "\n\nAlamat: https://bnpt.go.id"
    )
    assert (article.source_name, article.source_url) == (
        "BNPT",
        "https://www.bnpt.go.id/",
    )
    page = render_markdown(article.body)
    assert '<a href="https://bnpt.go.id/berita?id=7&amp;l=id"' in page
    assert ">Humas [BNPT]</a>" in page


def test_a_release_laid_out_in_a_table_is_read_from_it(editor, desk):
    # Its text is all in a table (a letterhead cell, then the release): it
    # was refused as holding "no article text".
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "SIARAN PERS"
    table.cell(0, 1).text = "Nomor: 12/HUMAS/III/2022"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "DM – Delegasi BNPT bertemu NICA di Jakarta."
    merged.add_paragraph("Sumber : bnpt.go.id")

    result = imported_document(document, editor)

    assert result.status == "created", result.error
    assert result.article.body == (
        "SIARAN PERS\n\nNomor: 12/HUMAS/III/2022\n\n"
        "DM – Delegasi BNPT bertemu NICA di Jakarta."
    )
    assert result.article.source_name == "bnpt.go.id"
    assert (
        "The text was all in a table: read cell by cell, row by row; check its "
        "order." in result.warnings
    )
    assert not any("table left out" in warning for warning in result.warnings)


def test_a_document_with_a_large_photo_is_read_past_the_text_files_limit(editor, desk):
    data = word_document(COPY, picture=photo((2400, 1800)))
    assert len(data) > MAX_FILE_BYTES

    assert imported(data, editor).status == "created"


@pytest.mark.parametrize(
    "name, data, error",
    [
        (
            "rilis.doc",
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
            "rilis.doc: an old Word document (.doc); save it as .docx or as text "
            "and import it again.",
        ),
        (
            "renamed.docx",
            COPY.encode,
            "renamed.docx: this is not a Word document (.docx).",
        ),
        (
            "cut.docx",
            lambda: word_document(COPY)[:4000],
            "cut.docx: this is not a Word document (.docx).",
        ),
        (
            "broken.docx",
            lambda: with_member(
                word_document(COPY), "word/document.xml", b"<w:document"
            ),
            "broken.docx: the document is damaged and cannot be read.",
        ),
        (
            "bomb.docx",
            # 50 MB of zeros, 50 KB packed.
            lambda: with_member(
                word_document(COPY),
                "word/media/zeros.bin",
                b"\0" * (MAX_UNPACKED_BYTES + 1),
            ),
            "bomb.docx: the document unpacks to more than 50.0\xa0MB.",
        ),
        (
            "scratched.docx",
            lambda: with_damaged_member(word_document(COPY * 20), "word/document.xml"),
            "scratched.docx: the document is damaged and cannot be read.",
        ),
        (
            # 70 KB that held a worker for minutes: eight million paragraphs
            # (here one past the limit, written with another prefix).
            "blank-pages.docx",
            lambda: with_member(
                word_document(COPY),
                "word/document.xml",
                word_xml([[]] * (MAX_PARAGRAPHS + 1), prefix="x"),
            ),
            "blank-pages.docx: the document is longer than a story can be; import "
            "the story's part of it (copy it into a new document, or paste it into "
            "a new article).",
        ),
        (
            "runs.docx",
            lambda: with_member(
                word_document(COPY),
                "word/document.xml",
                word_xml([["BNPT "] * (MAX_RUNS + 1)]),
            ),
            "runs.docx: the document is longer than a story can be; import the "
            "story's part of it (copy it into a new document, or paste it into a "
            "new article).",
        ),
        (
            # 116 KB that python-docx held as 1.4 GB: empty bookmarks.
            "bookmarks.docx",
            lambda: with_member(
                word_document(COPY),
                "word/document.xml",
                word_xml([["BNPT"]]).replace(
                    b"<w:p>", b"<w:p>" + b'<w:bookmarkEnd w:id="1"/>' * MAX_ELEMENTS
                ),
            ),
            "bookmarks.docx: the document is longer than a story can be; import "
            "the story's part of it (copy it into a new document, or paste it into "
            "a new article).",
        ),
        (
            # A text file's limit: a draft's body too long to autosave or preview.
            "annual-report.docx",
            lambda: with_member(
                word_document(COPY),
                "word/document.xml",
                word_xml([["Delegasi BNPT bertemu NICA di Manila. " * 7]] * 4000),
            ),
            "annual-report.docx: the document's text is longer than 1.0\xa0MB.",
        ),
        (
            "empty.docx",
            lambda: word_document(""),
            "empty.docx: there is no article text in it.",
        ),
        (
            "huge.docx",
            lambda: b"PK" + b"\0" * (20 * 1024 * 1024),
            "huge.docx: the file is larger than 20.0\xa0MB.",
        ),
    ],
)
def test_a_file_that_is_no_readable_document_is_refused_saying_why(
    editor, desk, name, data, error
):
    result = imported(data(), editor, name=name)

    assert (result.status, result.error) == ("refused", error)
    assert not Article.objects.exists() and not IntakeRecord.objects.exists()


def test_a_document_naming_an_outside_entity_does_not_read_it(editor, desk):
    """An XML external entity in the document's text is never fetched: Word
    writes no document type, so a text declaring one is refused."""
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
        b'"file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxml'
        b'formats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>DM - '
        b"BNPT &x; bertemu NICA.</w:t></w:r></w:p></w:body></w:document>"
    )
    result = imported(
        with_member(word_document(COPY), "word/document.xml", hostile), editor
    )

    assert result.status == "refused"
    assert (
        result.error == "siaran-pers.docx: the document is damaged and cannot be read."
    )


def test_a_reporter_uploads_a_word_document_in_the_admin(client, reporter, desk):
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_intakerecord_add")).content.decode()
    assert ".docx" in page  # offered by the file picker and said in the help

    response = client.post(
        reverse("admin:articles_intakerecord_add"),
        {
            "files": [
                SimpleUploadedFile(
                    "siaran-pers.docx",
                    word_document(COPY, table=True),
                    content_type="application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document",
                )
            ]
        },
    )

    rows = response.context["rows"]
    assert [(row["file"], row["status"]) for row in rows] == [
        ("siaran-pers.docx", "created")
    ]
    assert "1 table left out" in response.content.decode()
    assert Article.objects.get().created_by == reporter


def test_a_style_based_on_itself_is_read_not_walked_round_for_ever(tmp_path):
    # A style's chain of "based on" was followed until it ended: a damaged
    # or hostile document whose style is based on itself held the worker
    # until it was killed. Read in another process, so that the old loop
    # fails this test instead of hanging the run.
    document = Document()
    style = document.styles.add_style("Siaran", WD_STYLE_TYPE.PARAGRAPH)
    style.element.append(parse_xml(f'<w:basedOn {W} w:val="Siaran"/>'))
    document.add_paragraph("DM – Delegasi BNPT bertemu NICA.", style="Siaran")
    path = tmp_path / "lingkar.docx"
    document.save(path)
    code = (
        "import django, pathlib, sys; django.setup(); "
        "from articles.intake.documents import read_document; "
        "print(read_document(pathlib.Path(sys.argv[1]).read_bytes()).text)"
    )

    read = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )

    assert read.stdout.strip() == "DM – Delegasi BNPT bertemu NICA."


def test_serving_pages_does_not_load_the_word_reader():
    """python-docx and lxml are 16 MB of a worker's memory: they load when a
    document is imported, not with the site."""
    code = (
        "import django, sys; django.setup(); "
        "from django.urls import resolve; resolve('/'); "
        "from django.contrib import admin; admin.autodiscover(); "
        "import articles.intake.services; "
        "print(sorted({'docx', 'lxml'} & set(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    ).stdout.strip()

    assert loaded == "[]"
