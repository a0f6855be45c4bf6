"""Recovering a deleted meeting (its recover page) whose last revision's
attendance rows name a person merged since (agencies person_merge) brings
the rows back naming the person kept, as the meeting's restore does
(newsroom.history.successors); a row naming a person deleted since, with
nothing merged into, is left out and named. The recovery had left out the
merged duplicate's rows, the speakers among them."""

import html

import pytest
from reversion.models import Version

from agencies.models import Meeting, MeetingAttendance, Person
from agencies.services import person_merge
from newsroom.history import revision_comment
from tests.agencies.factories import MeetingAttendanceFactory, PersonFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

said = MeetingAttendance.Role
LEFT_OUT = "Not restored, as they no longer exist: Person: Rizal Salah Ketik (deleted)."


def test_a_recovered_meeting_keeps_the_merged_persons_rows_as_the_kept_person(
    editor_client, editor, jwg4, officials
):
    amar = officials["Amar"]
    duplicate = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar-2")
    stranger = PersonFactory(name="Rizal Salah Ketik", slug="rizal-salah-ketik")
    save_in_admin(editor_client, stranger)  # its History keeps its name
    for person, role in [
        (duplicate, said.SPOKE),
        (duplicate, said.OPENED),  # Amar's own row says so too
        (stranger, said.ATTENDED),
    ]:
        MeetingAttendanceFactory(meeting=jwg4, person=person, role=role, order=9)
    save_in_admin(editor_client, jwg4)
    pk = jwg4.pk
    editor_client.post(admin_url(Meeting, "delete", pk), {"post": "yes"})
    assert not Meeting.objects.filter(pk=pk).exists()
    person_merge(keep=amar, duplicate=duplicate, user=editor)
    Person.objects.filter(pk=stranger.pk).delete()

    deleted = Version.objects.get_deleted(Meeting).get()
    url = admin_url(Meeting, "recover", deleted.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    assert LEFT_OUT in html.unescape(page.content.decode())
    response = editor_client.post(url, admin_form_data(page))

    assert response.status_code == 302
    recovered = Meeting.objects.get(pk=pk)
    assert set(recovered.attendances.values_list("person__name", "role")) == {
        (amar.name, said.OPENED),  # once: his own row and the duplicate's
        (amar.name, said.SPOKE),
        ("Andhika Chrisnayudhanto", said.OPENING_REMARKS),
        ("Damian L. Carlos", said.LED_DELEGATION),
    }
    assert recovered.sessions.count() == 7
    assert recovered.participants.count() == 7
    latest = Version.objects.get_for_object(recovered).order_by("pk").last()
    assert revision_comment(latest.revision.comment).startswith(
        "Recovered the revision of "
    )
