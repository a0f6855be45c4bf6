"""The desk's and the site's Indonesian word for a meeting is "pertemuan", as
the wire copy says (for instance "Pertemuan ini dibuka oleh Kepala BNPT"), never
"rapat": a tester found the two mixed on the same pages."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

INDONESIAN_PO = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"

# "rapat" and "rapatnya" as words; "merapatkan" or "terapat" are other words.
RAPAT = re.compile(r"\brapat(?:nya)?\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def indonesian_messages():
    with INDONESIAN_PO.open("rb") as po:
        return [message for message in read_po(po) if message.id]


def forms(value):
    """The singular and the plural forms of a message's id or string."""
    return [value] if isinstance(value, str) else list(value)


def says_rapat(message):
    return any(RAPAT.search(text or "") for text in forms(message.string))


def test_every_indonesian_message_about_a_meeting_says_pertemuan():
    about_a_meeting = [
        message
        for message in indonesian_messages()
        # "%(meeting)s" is the meeting's own name, not a word to translate
        if any(
            "meeting" in PLACEHOLDER.sub("", text).lower() for text in forms(message.id)
        )
    ]
    assert len(about_a_meeting) > 50
    saying_rapat = [message.id for message in about_a_meeting if says_rapat(message)]
    without_pertemuan = [
        message.id
        for message in about_a_meeting
        if not all("pertemuan" in text.lower() for text in forms(message.string))
    ]
    assert saying_rapat == []
    assert without_pertemuan == []


def test_no_indonesian_message_says_rapat_even_where_the_english_does_not_say_meeting():
    # "Chaired" reads "Memimpin pertemuan" on a meeting's people.
    assert [
        message.id for message in indonesian_messages() if says_rapat(message)
    ] == []


def test_the_compiled_catalogue_in_use_says_pertemuan_too():
    """The .mo the site serves, not only the .po: compiletranslations was run."""
    with translation.override("id"):
        shown = []
        for message in indonesian_messages():
            if isinstance(message.id, str):
                text = (
                    translation.pgettext(message.context, message.id)
                    if message.context
                    else translation.gettext(message.id)
                )
                shown.append(text)
            else:
                singular, plural = message.id[:2]
                shown.extend(
                    translation.ngettext(singular, plural, count) for count in (1, 2)
                )
        assert [text for text in shown if RAPAT.search(text)] == []
        assert translation.gettext("Agencies and meetings") == "Lembaga dan pertemuan"
        assert translation.gettext("Chaired") == "Memimpin pertemuan"


def test_the_admin_menu_names_agencies_and_meetings_lembaga_dan_pertemuan(
    editor_client,
):
    page = editor_client.get("/admin/").content.decode()
    assert '<html lang="id"' in page
    assert "Lembaga dan pertemuan" in page
    assert "Seri pertemuan" in page
    assert not RAPAT.search(page)


@pytest.mark.parametrize("path", ["/", "/meetings/"])
def test_the_indonesian_site_calls_its_meetings_pertemuan(client, jwg4, path):
    page = client.get(path).content.decode()
    assert '<html lang="id">' in page
    assert ">Pertemuan</a>" in page  # the menu
    assert not RAPAT.search(page)
