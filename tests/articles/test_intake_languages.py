"""An import's warnings in the reader's language: the report keeps each one
as a message id and its parameters (newsroom.history.messages), so an
editor on the English desk reads a draft imported on the Indonesian desk in
English, and the other way round; reports saved before that keep their
text."""

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.intake.services import article_import
from articles.models import IntakeRecord

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:articles_intakerecord_add")

LONG_BYLINE = "Pewarta " * 30  # longer than a byline's 200 characters
LONG_TAG = "t" * 101  # longer than a tag's 100 characters
COPY = f"""---
section: tidak-ada
byline: {LONG_BYLINE.strip()}
tags: BNPT, {LONG_TAG}
---
DM – Delegasi BNPT tiba di Manila untuk kunjungan kerja lanjutan, Senin (24/3).
Kunjungan ini membahas rencana latihan bersama dengan NICA pada paruh kedua tahun.

Berita terkait:
Delegasi BNPT kembali ke Jakarta
NICA dan BNPT sepakati latihan bersama
""".encode()

# What the report says of COPY, imported on 25 March 2022, in each language.
ENGLISH = [
    "The byline is longer than 200 characters: it is shortened; it read:",
    f"Tags longer than 100 characters are left out: {LONG_TAG}",
    "2 related headlines at the end are left out of the story:",
    "Senin (24/3): 24 March 2022 is a Thursday; no date taken.",
    "No 'Sumber :' line: the source is not known.",
    "Section 'tidak-ada' not found: filed in International cooperation.",
]
INDONESIAN = [
    "Kolom byline lebih panjang dari 200 karakter: dipendekkan; aslinya:",
    f"Tag yang lebih panjang dari 100 karakter tidak diambil: {LONG_TAG}",
    "2 judul berita terkait di akhir tidak dimasukkan ke dalam berita:",
    "Senin (24/3): 24 Maret 2022 jatuh pada hari Kamis; tanggal tidak diambil.",
    "Tidak ada baris 'Sumber :': sumber berita tidak diketahui.",
    "Rubrik 'tidak-ada' tidak ditemukan: disimpan di International cooperation.",
]


@pytest.fixture
def desk(agencies, section):
    return section


def on_desk(user, language: str) -> Client:
    """A client logged in as `user`, the desk in `language` (the admin's
    language link sets the cookie)."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def upload(client: Client):
    return client.post(
        UPLOAD,
        {
            "files": [SimpleUploadedFile("bnpt.txt", COPY, content_type="text/plain")],
            "written_on": "2022-03-25",
        },
    )


def report_on_page(client: Client, record: IntakeRecord) -> str:
    """The import's page's "what was read", as text."""
    response = client.get(
        reverse("admin:articles_intakerecord_change", args=[record.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    report = html[html.index('<div class="intake-report">') :]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", report)).split())


def test_the_warnings_of_an_indonesian_desk_import_read_in_english_on_the_english_desk(
    reporter, desk_editor, desk
):
    uploaded = upload(on_desk(reporter, "id"))
    [row] = uploaded.context["rows"]
    assert row["status"] == "created"
    # The reporter reads them in Indonesian, as they import.
    for warning in INDONESIAN:
        assert any(said.startswith(warning) for said in row["warnings"]), warning

    report = report_on_page(on_desk(desk_editor, "en"), IntakeRecord.objects.get())

    for warning in ENGLISH:
        assert warning in report
    for warning in INDONESIAN:
        assert warning not in report


def test_the_warnings_of_an_english_desk_import_read_in_indonesian_on_that_desk(
    reporter, desk_editor, desk
):
    uploaded = upload(on_desk(reporter, "en"))
    [row] = uploaded.context["rows"]
    for warning in ENGLISH:
        assert any(said.startswith(warning) for said in row["warnings"]), warning

    report = report_on_page(on_desk(desk_editor, "id"), IntakeRecord.objects.get())

    for warning in INDONESIAN:
        assert warning in report
    for warning in ENGLISH:
        assert warning not in report


def test_a_reporters_own_import_page_follows_their_desks_language(reporter, desk):
    upload(on_desk(reporter, "id"))
    record = IntakeRecord.objects.get()

    english = report_on_page(on_desk(reporter, "en"), record)
    indonesian = report_on_page(on_desk(reporter, "id"), record)

    assert "No reporter named" not in english  # the byline is given
    assert ENGLISH[0] in english and INDONESIAN[0] in indonesian


def test_a_missing_reporter_is_said_in_the_readers_language(
    desk_editor, desk, settings
):
    settings.LANGUAGE_CODE = "id"
    result = article_import(
        name="tanpa-reporter.txt",
        data=(
            "DM – Delegasi BNPT tiba di Manila untuk kunjungan kerja lanjutan.\n"
            "Kunjungan ini membahas rencana latihan bersama dengan NICA.\n"
            "Sumber : bnpt.go.id\n"
        ).encode(),
        user=desk_editor,
        today=dt.date(2022, 3, 25),
    )
    assert (
        "Tidak ada reporter yang disebut: tanpa byline; berita mengkreditkan "
        "sumbernya (bnpt.go.id)." in result.warnings
    )

    report = report_on_page(on_desk(desk_editor, "en"), IntakeRecord.objects.get())

    assert (
        "No reporter named: no byline; the story credits its source (bnpt.go.id)."
        in report
    )
    assert "Tidak ada reporter" not in report


def test_a_report_saved_with_warnings_as_text_still_shows_them(
    desk_editor, desk, english
):
    article_import(
        name="bnpt.txt", data=COPY, user=desk_editor, today=dt.date(2022, 3, 25)
    )
    record = IntakeRecord.objects.get()
    # As reports were saved before their warnings were kept as messages.
    record.report["warnings"] = [
        "Tidak ada baris 'Sumber :': sumber tidak diketahui.",
        "The title is longer than 255 characters: it is kept as the summary.",
    ]
    record.report["dates"][0]["problem"] = "Senin (24/3): tanggal tidak diambil."
    record.save()

    report = report_on_page(on_desk(desk_editor, "en"), record)

    assert "Tidak ada baris 'Sumber :': sumber tidak diketahui." in report
    assert "The title is longer than 255 characters: it is kept as the summary." in (
        report
    )


def test_a_duplicate_repeats_the_earlier_reports_warnings_in_the_readers_language(
    reporter, desk
):
    upload(on_desk(reporter, "id"))

    again = upload(on_desk(reporter, "en"))

    [row] = again.context["rows"]
    assert row["status"] == "duplicate"
    assert any(w.startswith(ENGLISH[2]) for w in row["warnings"])


def test_the_stored_report_keeps_each_warnings_code_and_message_id(
    desk_editor, desk, settings
):
    settings.LANGUAGE_CODE = "id"
    article_import(
        name="bnpt.txt", data=COPY, user=desk_editor, today=dt.date(2022, 3, 25)
    )

    stored = IntakeRecord.objects.get().report
    warnings = {warning["code"]: warning["message"] for warning in stored["warnings"]}
    assert warnings["no_source"] == {
        "msgid": "No 'Sumber :' line: the source is not known.",
        "params": {},
    }
    assert warnings["section_not_found"]["params"] == {
        "asked": "tidak-ada",
        "section": "International cooperation",
    }
    assert warnings["related_links"]["plural"].startswith("%(count)d related headlines")
    assert stored["dates"][0]["problem"]["message"]["params"]["date"] == {
        "date": "2022-03-24",
        "format": "j F Y",
    }


def test_the_import_command_says_the_warnings_in_english_and_the_desk_in_its_own(
    desk_editor, desk, tmp_path
):
    copy = tmp_path / "bnpt.txt"
    copy.write_bytes(COPY)
    out = tmp_path / "out.txt"

    with out.open("w") as stdout:
        call_command(
            "import_articles",
            str(copy),
            "--user",
            desk_editor.username,
            "--date",
            "2022-03-25",
            stdout=stdout,
        )

    said = out.read_text()
    for warning in ENGLISH:
        assert f"  ! {warning}" in said
    report = report_on_page(on_desk(desk_editor, "id"), IntakeRecord.objects.get())
    for warning in INDONESIAN:
        assert warning in report
    # --json gives the keys, as before: the warnings are not among them.
    with out.open("w") as stdout:
        call_command(
            "import_articles",
            str(copy),
            "--json",
            "--user",
            desk_editor.username,
            stdout=stdout,
        )
    assert json.loads(out.read_text())["status"] == "duplicate"
