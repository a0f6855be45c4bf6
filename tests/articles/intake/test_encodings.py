"""Wire copy saved on a Windows desk as Windows-1252 ("ANSI"), not UTF-8, is
read as such, its report warning to check the characters it reads
differently: on the upload page, in the service and in `import_articles`
(--json) alike. UTF-8 with a stray byte, bytes Windows-1252 leaves
undefined, and binary data are still refused."""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.intake.services import article_import
from articles.models import Article, IntakeRecord

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:articles_intakerecord_add")
IMPORT_DAY = dt.date(2022, 3, 25)
# Indonesian copy with what Windows-1252 writes differently from UTF-8: a
# dash, single and double quotes, an accent and the euro sign.
COPY = (
    "DM – Kepala BNPT, Boy Rafli Amar, membuka pertemuan ‘Joint Working Group’ "
    "di Jakarta, Kamis (24/3).\n"
    "“Kerja sama ini penting,” kata Boy kepada wartawan di Café Batavia.\n"
    "Program bersama itu didanai €2 juta dari kedua negara.\n"
    "Sumber : bnpt.go.id\n"
    "Editor : Redaksi\n"
)
CP1252 = COPY.encode("cp1252")
READ_AS = (
    "Read as Windows-1252, not UTF-8: check the special characters (quotes, "
    "dashes, accents)."
)


@pytest.fixture
def desk(agencies, officials, jwg4, section, english):
    """The registry, a section to file drafts in, the desk in English."""
    return section


def test_copy_saved_as_windows_1252_becomes_a_draft_with_its_characters(editor, desk):
    assert b"\x96" in CP1252 and b"\x93" in CP1252  # not UTF-8

    result = article_import(
        name="04-jwg-cp1252.txt", data=CP1252, user=editor, today=IMPORT_DAY
    )

    assert result.status == "created", result.error
    body = result.article.body
    assert "“Kerja sama ini penting,” kata Boy" in body
    assert "‘Joint Working Group’" in body
    assert "Café Batavia" in body and "€2 juta" in body
    assert READ_AS in result.warnings
    stored = IntakeRecord.objects.get().report["warnings"]
    assert "encoding" in [warning["code"] for warning in stored]


def test_the_same_copy_saved_as_windows_1252_is_the_same_text(editor, desk):
    first = article_import(
        name="utf8.txt", data=COPY.encode(), user=editor, today=IMPORT_DAY
    )

    again = article_import(
        name="cp1252.txt", data=CP1252, user=editor, today=IMPORT_DAY
    )

    assert READ_AS not in first.warnings  # UTF-8 is read as it always was
    assert (again.status, again.article) == ("duplicate", first.article)


@pytest.mark.parametrize(
    "name, data, error",
    [
        (
            # UTF-8 with one stray byte: read as Windows-1252, each of its
            # dashes and quotes would become "â€“".
            "stray.txt",
            COPY.encode().replace("Café".encode(), b"Caf\xe9"),
            "stray.txt: the text is UTF-8 but for byte {position}, which is not; "
            "save it as UTF-8 and import it again.",
        ),
        (
            # 0x81 is no character in Windows-1252: another encoding's text.
            "undefined.txt",
            CP1252.replace(b"Caf\xe9", b"Caf\x81"),
            "undefined.txt: the text is neither UTF-8 nor Windows-1252 (byte "
            "{position}); save it as UTF-8 and import it again.",
        ),
        (
            # Control characters no text holds: binary, whatever the encoding.
            "controls.txt",
            b"DM \x96 BNPT\x07 bertemu.\x1b[0m",
            "controls.txt: this is not a text file (it holds binary data).",
        ),
    ],
)
def test_text_neither_utf8_nor_windows_1252_is_still_refused(
    editor, desk, name, data, error
):
    position = data.find(b"Caf") + 4

    result = article_import(name=name, data=data, user=editor, today=IMPORT_DAY)

    assert (result.status, result.error) == (
        "refused",
        error.format(position=position),
    )
    assert not Article.objects.exists() and not IntakeRecord.objects.exists()


def test_the_upload_page_imports_windows_1252_and_warns_to_check_it(
    client, reporter, desk
):
    client.force_login(reporter)

    response = client.post(
        UPLOAD,
        {
            "files": [
                SimpleUploadedFile(
                    "04-jwg-cp1252.txt", CP1252, content_type="text/plain"
                )
            ]
        },
    )

    [row] = response.context["rows"]
    assert (row["file"], row["status"]) == ("04-jwg-cp1252.txt", "created")
    assert READ_AS in row["warnings"]
    html = response.content.decode()
    assert READ_AS in html
    assert "“Kerja sama ini penting,” kata Boy" in Article.objects.get().body


def test_the_upload_page_says_which_encodings_it_reads(client, reporter, desk):
    client.force_login(reporter)

    html = client.get(UPLOAD).content.decode()

    assert "in UTF-8, UTF-16 or Windows-1252" in html


def test_the_import_command_reads_windows_1252_and_its_json_warns(
    editor, desk, tmp_path
):
    path = tmp_path / "04-jwg-cp1252.txt"
    path.write_bytes(CP1252)
    out = io.StringIO()

    call_command(
        "import_articles",
        str(path),
        "--json",
        "--user",
        editor.username,
        "--date",
        IMPORT_DAY.isoformat(),
        stdout=out,
    )

    [line] = out.getvalue().splitlines()
    said = json.loads(line)
    assert said["status"] == "created"
    assert {"code": "encoding", "message": READ_AS} in said["warnings"]
    assert "€2 juta" in Article.objects.get(pk=said["article"]).body
