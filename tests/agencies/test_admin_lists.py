"""The desk's lists and choices of agencies, people, series and meetings:
found whichever dash joins the words typed, filtered by the countries in
use, a meeting's page light enough to open, a duplicate meeting named."""

import re

import pytest
from django.urls import reverse

from agencies.models import Agency, Meeting, MeetingSeries, Person
from tests.agencies.factories import (
    AgencyFactory,
    MeetingSeriesFactory,
    PersonFactory,
)
from tests.agencies.test_admin import existing_meeting_form, meeting_form
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

SERIES_NAME = (
    "Philippines–Indonesia Joint Working Group on Counter-Terrorism"  # en dash
)


def listed(client, model, query) -> list[str]:
    response = client.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    return [str(obj) for obj in response.context["cl"].result_list]


def chosen(client, field, term) -> list[str]:
    """What the meeting form's autocomplete for `field` offers for `term`."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agencies",
            "model_name": "meeting",
            "field_name": field,
            "term": term,
        },
    )
    assert response.status_code == 200, response.content
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    "typed",
    ["Philippines-Indonesia", "Philippines–Indonesia", "Philippines—Indonesia"],
)
def test_the_series_is_found_whichever_dash_the_wire_writes(editor_client, typed):
    MeetingSeriesFactory(name=SERIES_NAME)
    assert chosen(editor_client, "series", typed) == [SERIES_NAME]
    assert listed(editor_client, MeetingSeries, typed) == [SERIES_NAME]


@pytest.mark.parametrize(
    ("acronym", "typed"),
    [("KBRI Manila", "KBRI-Manila"), ("ATC-PMC", "ATC–PMC"), ("ATC–PMC", "ATC-PMC")],
)
def test_an_agency_is_found_whichever_dash_joins_its_words(
    editor_client, acronym, typed
):
    AgencyFactory(acronym=acronym, name="Kantor", slug="kantor")
    found = f"{acronym} (ID)"
    assert listed(editor_client, Agency, typed) == [found]
    assert chosen(editor_client, "host", typed) == [found]


def test_a_person_is_found_whichever_dash_joins_their_name(editor_client):
    PersonFactory(name="Jean-Paul Dela Cruz")
    assert listed(editor_client, Person, "Jean–Paul") == ["Jean-Paul Dela Cruz"]


def test_the_people_list_offers_only_the_countries_of_their_agencies(
    editor_client, agencies, officials
):
    santos = PersonFactory(name="Maria Santos", agency=agencies["NICA"])
    page = editor_client.get(admin_url(Person, "changelist"))
    offered = re.findall(r"\?agency__country=([A-Z]{2})\b", page.content.decode())
    assert sorted(offered) == ["ID", "PH"]
    filtered = editor_client.get(
        admin_url(Person, "changelist"), {"agency__country": "PH"}
    )
    assert list(filtered.context["cl"].result_list) == [santos]


def test_a_meeting_number_taken_in_the_series_names_and_links_the_meeting(
    editor_client, jwg_series, agencies, officials, jwg3
):
    data = meeting_form(jwg_series, agencies, officials, number="3")
    response = editor_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 200
    link = admin_url(Meeting, "change", jwg3.pk)
    (error,) = response.context["adminform"].form.errors["number"]
    assert jwg3.title in error and link in error
    assert f'<a href="{link}">{jwg3.title}</a>' in response.content.decode()
    assert Meeting.objects.count() == 1


def test_the_meeting_page_is_light_its_delegations_offering_the_countries_in_use(
    editor_client, jwg4
):
    response = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    page = response.content.decode()
    # 11 delegation rows (7 saved, 3 empty, "Add another"'s) had 249
    # countries each.
    assert page.count("<option") < 600, page.count("<option")
    assert len(response.content) < 250_000, len(response.content)
    delegation = response.context["inline_admin_formsets"][1].formset.forms[0]
    codes = [code for code, _name in delegation.fields["country"].choices]
    assert codes[0] == "" and sorted(codes[1:]) == ["ID", "PH"]


def test_a_delegation_keeps_a_country_no_agency_is_in(editor_client, jwg4):
    # A delegation saved with a country of none of the registry's agencies
    # keeps it when the meeting is saved again.
    row = jwg4.participants.order_by("pk").first()
    row.country = "SG"
    row.save()
    data = existing_meeting_form(jwg4)
    data["venue"] = "Sentul"
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302, response.context["errors"]
    row.refresh_from_db()
    assert row.country.code == "SG"
    # A new delegation may take the agency's own country or one in use.
    assert jwg4.participants.filter(country="ID").exists()
