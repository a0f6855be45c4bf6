"""Restoring a meeting's revision (its History) whose attendance rows name a
person merged since (agencies person_merge) puts the rows back naming the
person kept, as a story's restore does (newsroom.history.successors); a
row naming a person deleted since, with nothing merged into, is left out
and named. The restore had dropped the merged duplicate's rows silently."""

import html

import pytest
from reversion.models import Version

from agencies.models import Meeting, MeetingAttendance, Person
from agencies.services import person_merge
from tests.agencies.factories import MeetingAttendanceFactory, PersonFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

said = MeetingAttendance.Role
LEFT_OUT = "Not restored, as they no longer exist: Person: Rizal Salah Ketik (deleted)."


def attendance(meeting) -> set[tuple[str, int]]:
    return set(meeting.attendances.values_list("person__name", "role"))


@pytest.fixture
def merged_since(editor_client, editor, jwg4, officials):
    """jwg4's revision whose rows name a duplicate of Boy Rafli Amar (who
    spoke, and opened the meeting as Amar's own row says) and a stranger;
    since, the duplicate merged into Amar, the stranger deleted, and the
    rows saved without them: (that revision, Amar)."""
    amar = officials["Amar"]
    duplicate = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar-2")
    stranger = PersonFactory(name="Rizal Salah Ketik", slug="rizal-salah-ketik")
    save_in_admin(editor_client, stranger)  # its History keeps its name
    for person, role in [
        (duplicate, said.SPOKE),
        (duplicate, said.OPENED),
        (stranger, said.ATTENDED),
    ]:
        MeetingAttendanceFactory(meeting=jwg4, person=person, role=role, order=9)
    save_in_admin(editor_client, jwg4)
    revision = Version.objects.get_for_object(jwg4).order_by("pk").last()
    person_merge(keep=amar, duplicate=duplicate, user=editor)
    jwg4.attendances.filter(role__in=[said.SPOKE, said.ATTENDED]).delete()
    Person.objects.filter(pk=stranger.pk).delete()
    save_in_admin(editor_client, jwg4, venue="Jakarta")
    assert (amar.name, said.SPOKE) not in attendance(jwg4)
    return revision, amar


def test_a_meetings_restore_keeps_the_merged_persons_rows_as_the_kept_person(
    editor_client, jwg4, merged_since
):
    revision, amar = merged_since
    url = admin_url(Meeting, "revision", jwg4.pk, revision.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    assert LEFT_OUT in html.unescape(page.content.decode())

    response = editor_client.post(url, admin_form_data(page))

    assert response.status_code == 302
    jwg4.refresh_from_db()
    assert jwg4.venue == ""
    assert attendance(jwg4) == {
        (amar.name, said.OPENED),  # once: his own row and the duplicate's
        (amar.name, said.SPOKE),
        ("Andhika Chrisnayudhanto", said.OPENING_REMARKS),
        ("Damian L. Carlos", said.LED_DELEGATION),
    }
