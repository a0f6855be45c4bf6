"""What a meeting's restore (or recovery) could not put back is named in its
History entry, in the language of whoever reads it: a person deleted since
is "Person: …" in English and "Tokoh: …" on the Indonesian desk, whichever
desk restored. The restore had only warned its editor, in their language."""

import pytest
from django.conf import settings
from reversion.models import Version

from agencies.models import Meeting, MeetingAttendance, Person
from tests.agencies.factories import MeetingAttendanceFactory, PersonFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

SAID = {
    "en": "Not restored, as they no longer exist: Person: Rizal Salah Ketik (deleted).",
    "id": "Tidak dipulihkan karena sudah tidak ada: Tokoh: Rizal Salah Ketik "
    "(dihapus).",
}
BOTH = [("id", "en"), ("en", "id")]


@pytest.fixture
def stranger(editor_client, jwg4):
    """A stranger attended jwg4, as its latest revision says."""
    stranger = PersonFactory(name="Rizal Salah Ketik", slug="rizal-salah-ketik")
    save_in_admin(editor_client, stranger)  # its History keeps its name
    MeetingAttendanceFactory(
        meeting=jwg4, person=stranger, role=MeetingAttendance.Role.ATTENDED, order=9
    )
    save_in_admin(editor_client, jwg4)
    return stranger


@pytest.fixture
def stranger_deleted(editor_client, jwg4, stranger):
    """The stranger deleted since (the meeting saved again without their
    row): the revision naming them."""
    revision = Version.objects.get_for_object(jwg4).order_by("pk").last()
    jwg4.attendances.filter(person=stranger).delete()
    Person.objects.filter(pk=stranger.pk).delete()
    save_in_admin(editor_client, jwg4, venue="Jakarta")
    return revision


def in_language(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def saved(client, url: str):
    """The form at `url` saved as shown; the page it leads to read (and its
    messages to the one who saved with it)."""
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(("saved_in", "read_in"), BOTH)
def test_a_meetings_restore_names_what_it_left_out_in_the_readers_language(
    editor_client, jwg4, stranger_deleted, saved_in, read_in
):
    url = admin_url(Meeting, "revision", jwg4.pk, stranger_deleted.pk)
    saved(in_language(editor_client, saved_in), url)

    page = history_page(editor_client, jwg4, read_in)

    assert SAID[read_in] in page
    assert SAID[saved_in] not in page


@pytest.mark.parametrize(("saved_in", "read_in"), BOTH)
def test_a_meetings_recovery_names_what_it_left_out_in_the_readers_language(
    editor_client, jwg4, stranger, saved_in, read_in
):
    pk = jwg4.pk
    editor_client.post(admin_url(Meeting, "delete", pk), {"post": "yes"})
    Person.objects.filter(pk=stranger.pk).delete()
    deleted = Version.objects.get_deleted(Meeting).get()
    url = admin_url(Meeting, "recover", deleted.pk)
    saved(in_language(editor_client, saved_in), url)

    page = history_page(editor_client, Meeting.objects.get(pk=pk), read_in)

    assert SAID[read_in] in page
    assert SAID[saved_in] not in page
