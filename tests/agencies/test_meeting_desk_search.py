"""The desk finds a meeting by its title first, whichever dash is typed:
the article form's "Related meeting" autocomplete takes its first choice on
Enter, and a consultation that named "JWG" only in its summary had come
first, so a story went live with the wrong meeting box."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.agencies.factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def choices(client, term: str) -> list[str]:
    """The meetings the article form's autocomplete offers, in order."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "meeting",
            "term": term,
        },
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def meetings(db):
    jwg = MeetingFactory(
        title="JWG ke-4 Indonesia–Filipina tentang Penanggulangan Terorisme",
        start=dt.datetime(2022, 3, 24, 2, 0, tzinfo=dt.UTC),
    )
    # Newer, so first by date, naming the JWG only in its summary.
    consultation = MeetingFactory(
        title="Konsultasi bilateral BSSN–NICA tentang ancaman siber",
        summary="Menindaklanjuti JWG ke-4 di bidang siber.",
        start=dt.datetime(2023, 5, 10, 2, 0, tzinfo=dt.UTC),
    )
    return jwg, consultation


def test_a_meeting_named_in_its_title_comes_before_one_named_in_its_summary(
    client, desk_editor, meetings
):
    jwg, consultation = meetings
    client.force_login(desk_editor)

    assert choices(client, "JWG") == [str(jwg), str(consultation)]
    assert choices(client, "JWG ke-4")[0] == str(jwg)


@pytest.mark.parametrize(
    "typed", ["Indonesia-Filipina", "Indonesia–Filipina", "indonesia/filipina"]
)
def test_any_dash_finds_a_title_written_with_an_en_dash(
    client, desk_editor, meetings, typed
):
    jwg, _consultation = meetings
    client.force_login(desk_editor)

    assert choices(client, typed) == [str(jwg)]
    changelist = client.get(reverse("admin:agencies_meeting_changelist"), {"q": typed})
    assert list(changelist.context["cl"].result_list) == [jwg]
