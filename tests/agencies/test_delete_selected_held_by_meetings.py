"""The list's "Delete selected" of agencies or people that meetings list says
what their own delete pages say: they cannot be deleted while these meetings
list them, each meeting linked. It kept Django's "would require deleting the
following protected related objects", which read as if the meetings would be
deleted too."""

import re

import pytest

from agencies.models import Agency, Meeting, Person
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DJANGOS = "would require deleting the following protected"


def delete_selected(client, model, *objs) -> str:
    """The confirmation page of the list's "Delete selected" for `objs`."""
    page = client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk for obj in objs]},
    )
    assert page.status_code == 200
    return page.content.decode()


def why(html: str) -> str:
    """The paragraph saying why nothing can be deleted."""
    return re.search(r"<p>([^<]*cannot be deleted while[^<]*)</p>", html)[1]


def test_deleting_a_selected_person_a_meeting_lists_says_what_their_delete_page_says(
    editor_client, officials, jwg4
):
    amar = officials["Amar"]

    html = delete_selected(editor_client, Person, amar)

    sentence = f"The person “{amar}” cannot be deleted while these meetings list them:"
    assert why(html) == sentence
    one = editor_client.get(admin_url(Person, "delete", amar.pk)).content.decode()
    assert why(one) == sentence
    assert DJANGOS not in html
    assert f'<a href="{admin_url(Meeting, "change", jwg4.pk)}">' in html
    assert "Take the person out of each meeting’s people" in html
    assert Person.objects.filter(pk=amar.pk).exists()


def test_deleting_selected_people_names_only_those_meetings_list(
    editor_client, officials, jwg4
):
    unlisted = PersonFactory(name="Budi Santoso")

    html = delete_selected(editor_client, Person, officials["Amar"], unlisted)
    assert why(html) == (
        f"The person “{officials['Amar']}” cannot be deleted while these meetings "
        "list them:"
    )

    html = delete_selected(
        editor_client, Person, officials["Amar"], officials["Carlos"], unlisted
    )
    assert why(html) == (
        f"The people “{officials['Amar']}” and “{officials['Carlos']}” cannot be "
        "deleted while these meetings list them:"
    )
    assert DJANGOS not in html
    assert Person.objects.count() == 4


def test_deleting_selected_agencies_a_meeting_lists_says_what_their_delete_page_says(
    editor_client, agencies, jwg4
):
    bnpt, unlisted = agencies["BNPT"], AgencyFactory(acronym="ULS")

    html = delete_selected(editor_client, Agency, bnpt, unlisted)

    sentence = f"The agency “{bnpt}” cannot be deleted while these meetings list it:"
    assert why(html) == sentence
    one = editor_client.get(admin_url(Agency, "delete", bnpt.pk)).content.decode()
    assert why(one) == sentence
    assert f'<a href="{admin_url(Meeting, "change", jwg4.pk)}">' in html
    assert "Take the agency out of each meeting’s delegations" in html
    assert DJANGOS not in html
    assert Agency.objects.filter(pk__in=[bnpt.pk, unlisted.pk]).count() == 2
