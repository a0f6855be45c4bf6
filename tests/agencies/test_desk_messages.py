"""Desk messages a tester found unclear: the person merge does not offer the
person to themselves, an agency a meeting lists says why it stays, two
aliases differing only in capitals are one name, and the meeting number's
help reads as a rule, not a computed hint."""

import pytest

from agencies import services
from agencies.models import Agency, AgencyAlias, Meeting, Person
from tests.agencies.factories import PersonFactory
from tests.newsroom.admin_forms import admin_url, opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def duplicate(editor):
    return services.person_save(
        person=PersonFactory(name="Boy Rafli", slug="boy-rafli", agency=None),
        user=editor,
    )


def test_the_merge_pages_search_leaves_out_the_person_being_merged(
    editor_client, duplicate, officials
):
    page = editor_client.get(admin_url(Person, "merge", duplicate.pk)).content.decode()
    url = f"/admin/autocomplete/?leave_out={duplicate.pk}"
    assert f'data-ajax--url="{url}"' in page

    # As select2 asks: its parameters after the widget's.
    answer = editor_client.get(
        "/admin/autocomplete/",
        {
            "leave_out": duplicate.pk,
            "term": "Boy Rafli",
            "app_label": "agencies",
            "model_name": "meetingattendance",
            "field_name": "person",
        },
    )
    assert answer.status_code == 200
    found = [int(result["id"]) for result in answer.json()["results"]]
    assert officials["Amar"].pk in found
    assert duplicate.pk not in found


def test_a_person_posted_as_kept_in_their_own_merge_is_refused_clearly(
    editor_client, duplicate
):
    response = editor_client.post(
        admin_url(Person, "merge", duplicate.pk), {"keep": duplicate.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A person cannot be merged into themselves." in page
    assert "Select a valid choice" not in page
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_an_agency_a_meeting_lists_says_it_cannot_be_deleted_while_they_do(
    editor_client, bnpt, jwg4
):
    page = editor_client.get(admin_url(Agency, "delete", bnpt.pk)).content.decode()
    assert f"The agency “{bnpt}” cannot be deleted while these meetings list it:" in (
        page
    )
    assert "would require deleting the following protected" not in page
    assert f'<a href="{admin_url(Meeting, "change", jwg4.pk)}">' in page
    assert Agency.objects.filter(pk=bnpt.pk).exists()


def _with_aliases(data: dict, *names: str) -> dict:
    data = {k: v for k, v in data.items() if not k.startswith("aliases-0-")}
    data["aliases-TOTAL_FORMS"] = str(len(names))
    data["aliases-INITIAL_FORMS"] = "0"
    for i, name in enumerate(names):
        data[f"aliases-{i}-name"] = name
        data[f"aliases-{i}-id"] = ""
        data[f"aliases-{i}-agency"] = ""
    return {**data, "_save": "Save"}


CASE_MESSAGE = (
    "This agency already has the alias “Imigrasi”: aliases that differ only "
    "in capitals are the same name."
)


def test_two_aliases_sent_together_differing_only_in_capitals_are_refused(
    editor_client, bnpt
):
    data = _with_aliases(opened(editor_client, bnpt), "Imigrasi", "imigrasi")
    response = editor_client.post(admin_url(Agency, "change", bnpt.pk), data)
    assert response.status_code == 200
    assert CASE_MESSAGE in response.content.decode()
    assert not bnpt.aliases.exists()


def test_an_alias_the_agency_has_in_other_capitals_is_refused(
    editor_client, editor, bnpt
):
    services.agency_save(
        agency=bnpt, user=editor, aliases=[AgencyAlias(name="Imigrasi")]
    )
    data = opened(editor_client, bnpt)
    total = int(data["aliases-TOTAL_FORMS"])
    data[f"aliases-{total - 1}-name"] = "imigrasi"
    response = editor_client.post(
        admin_url(Agency, "change", bnpt.pk), {**data, "_save": "Save"}
    )
    assert response.status_code == 200
    assert CASE_MESSAGE in response.content.decode()
    assert list(bnpt.aliases.values_list("name", flat=True)) == ["Imigrasi"]


def test_the_meeting_numbers_help_reads_as_a_rule(editor_client, jwg4):
    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk)).content.decode()
    assert "1 for the first meeting, 2 for the second, and so on." in page
    assert "4 for the 4th meeting." not in page
