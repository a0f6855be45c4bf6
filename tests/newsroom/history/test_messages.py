"""A revision's comment kept as a message id and its parameters
(newsroom/history/messages.py): each reader reads it in their own language,
not in the language of the editor who saved; comments stored as words
before keep showing as they are."""

import datetime as dt

import pytest
import reversion
from django.utils.translation import gettext_noop

from agencies.models import Agency
from newsroom.history import combine_messages, history_message, moment
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 12, 6, 8, 30, tzinfo=dt.UTC)  # 15.30 in Jakarta


def saved_with(obj, comment: str):
    with reversion.create_revision():
        obj.save()
        reversion.set_comment(comment)


def test_a_comment_stored_as_words_still_shows_as_it_was_written(editor_client, bnpt):
    saved_with(bnpt, "Nama lembaga dirapikan oleh redaksi.")

    for language in ("id", "en"):
        page = history_page(editor_client, bnpt, language)
        assert "Nama lembaga dirapikan oleh redaksi." in page


def test_names_stay_as_typed_and_numbers_fill_the_readers_sentence(editor_client, bnpt):
    saved_with(
        bnpt,
        combine_messages(
            history_message(
                gettext_noop(
                    "Tags longer than %(limit)d characters are left out: %(tags)s"
                ),
                limit=100,
                tags="Teror & <b>bom</b>",
            )
        ),
    )

    assert (
        "Tag yang lebih panjang dari 100 karakter tidak diambil: Teror & <b>bom</b>"
        in history_page(editor_client, bnpt, "id")
    )
    assert (
        "Tags longer than 100 characters are left out: Teror & <b>bom</b>"
        in history_page(editor_client, bnpt, "en")
    )
    # Shown as text, never as markup.
    raw = editor_client.get(admin_url(Agency, "history", bnpt.pk)).content.decode()
    assert "&lt;b&gt;bom&lt;/b&gt;" in raw and "<b>bom" not in raw


def test_a_time_reads_in_the_readers_format_and_local_time(editor_client, bnpt):
    saved_with(
        bnpt,
        combine_messages(
            history_message(
                gettext_noop("Recovered the revision of %(date)s"), date=moment(WHEN)
            )
        ),
    )

    indonesian = history_page(editor_client, bnpt, "id")
    english = history_page(editor_client, bnpt, "en")

    assert "Mengembalikan revisi Minggu, 6 Desember 2026 15.30 WIB" in indonesian
    assert "Recovered the revision of Sunday, 6 December 2026, 15:30 WIB" in english


def test_a_message_stored_wrong_shows_its_words_not_an_error(editor_client, bnpt):
    saved_with(
        bnpt,
        '[{"message": {"msgid": "Merged the tags %(tags)s into “%(kept)s”.", '
        '"params": {"tags": "“Teror”"}}}, {"message": {"msgid": 5}}]',
    )

    page = history_page(editor_client, bnpt, "id")

    assert "Merged the tags %(tags)s into “%(kept)s”." in page
