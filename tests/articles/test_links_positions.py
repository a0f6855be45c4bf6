"""Suggest links on the tester's import (articles/admin/links.py): the
"record it as their position at the meeting" boxes, the message saying what
changed, and the country a new agency is offered with."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agencies.models import MeetingAttendance
from agencies.recognition import recognise
from articles.intake.services import article_import

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"
RELEASE = "bnpt-jwg-wire-copy.txt"


@pytest.fixture
def imported(desk_editor, section, agencies, officials, jwg4):
    """The tester's import: its three people and the 4th JWG linked, each
    person recorded at the meeting (the fixture's positions, in English)."""
    # The release as the wire sent it lists a Philippine agency the desk does
    # not know among those it does, and names civil society (OMS) beside
    # Indonesia's agencies.
    text = (SAMPLES / RELEASE).read_text()
    text = text.replace("NICA, AMLC, BI dan ATCPMC", "NICA, AMLC, BI, DOG, dan ATCPMC")
    text = text.replace(
        "Kedua delegasi juga sepakat",
        "BNPT juga melibatkan BIN, PPATK dan OMS dalam program pencegahan. "
        "Kedua delegasi juga sepakat",
    )
    result = article_import(
        name=RELEASE,
        data=text.encode(),
        user=desk_editor,
        today=dt.date(2022, 12, 31),
    )
    article = result.article
    assert article.meeting == jwg4 and article.people.count() == 3
    return article


def links_url(article) -> str:
    return reverse("admin:articles_article_links", args=[article.pk])


def link(client, article, **data) -> list[str]:
    """Press "Link the ticked suggestions"; what the desk is told."""
    response = client.post(
        links_url(article),
        {"expected_version": article.version, "_link": "1", **data},
        headers={"accept-language": "en"},
    )
    return [str(message) for message in get_messages(response.wsgi_request)]


def people_section(html: str) -> str:
    return html[
        html.index('id="suggested-people"') : html.index('id="suggested-meeting"')
    ]


def test_people_recorded_at_the_meeting_get_no_ticked_box_but_both_positions(
    client, desk_editor, imported, jwg4, english
):
    # All three boxes were ticked, and linking answered "Nothing new was
    # linked." with the positions as they were: the service leaves a record.
    client.force_login(desk_editor)

    html = people_section(client.get(links_url(imported)).content.decode())

    assert 'name="positions"' not in html
    assert (
        "Position in the text: <em>Deputi Bidang Kerja Sama Internasional BNPT</em>"
        in html
    )
    assert (
        "At the meeting: recorded as <em>BNPT Deputy for International "
        "Cooperation</em>." in html
    )
    meeting_page = reverse("admin:agencies_meeting_change", args=[jwg4.pk])
    # Two of the three have a position in the text (Damian L. Carlos only
    # leads his delegation): each links to the meeting's page to change it.
    assert html.count(f'href="{meeting_page}#attendances-group"') == 2
    # No box to tick for them: pressed as it is, the button links nothing.
    said = link(client, imported)
    assert said == [
        "Nothing was ticked, so nothing was linked. Tick a suggestion to link it."
    ]


def test_a_ticked_position_of_someone_linked_already_is_recorded_and_counted(
    client, desk_editor, imported, jwg4, officials, english
):
    amar = officials["Amar"]
    MeetingAttendance.objects.filter(meeting=jwg4, person=amar).delete()
    client.force_login(desk_editor)
    html = people_section(client.get(links_url(imported)).content.decode())
    # Boy Rafli Amar is linked already (his box is not sent): his position
    # box, ticked, is still heard.
    assert f'name="positions" value="{amar.pk}" checked' in html
    assert html.count('name="positions"') == 1

    said = link(client, imported, positions=[amar.pk])

    attendance = MeetingAttendance.objects.get(meeting=jwg4, person=amar)
    assert attendance.position_held == "Kepala BNPT"
    assert said == ["1 change saved: positions at the meeting: Boy Rafli Amar."]


def test_the_message_counts_each_link_and_position(
    client, desk_editor, imported, jwg4, officials, agencies, english
):
    amar = officials["Amar"]
    MeetingAttendance.objects.filter(meeting=jwg4, person=amar).delete()
    imported.agencies.remove(agencies["NICA"], agencies["AMLC"])
    client.force_login(desk_editor)

    said = link(
        client,
        imported,
        agencies=[agencies["NICA"].pk, agencies["AMLC"].pk],
        positions=[amar.pk],
    )

    assert said == [
        "3 changes saved: agencies: NICA (PH), AMLC (PH) and positions at the "
        "meeting: Boy Rafli Amar."
    ]


def test_an_unknown_acronym_listed_among_one_countrys_agencies_takes_its_country(
    client, desk_editor, imported, english
):
    # "… seperti NICA, AMLC, BI, DOG, dan ATCPMC": Philippine agencies; "Create
    # agency DOG" was offered with Indonesia, the text's usual country.
    client.force_login(desk_editor)

    html = client.get(links_url(imported)).content.decode()

    unknown = html[html.index('id="unknown-acronyms"') :]
    dog = unknown[unknown.index('name="acronym" value="DOG"') :]
    dog = dog[: dog.index("</form>")]
    assert '<option value="PH" selected>' in dog
    oms = unknown[unknown.index('name="acronym" value="OMS"') :]
    oms = oms[: oms.index("</form>")]
    assert '<option value="ID" selected>' in oms  # among Indonesia's in its sentence


@pytest.mark.parametrize(
    "text, country",
    [
        ("Hadir pejabat NICA, AMLC, DOG, dan BI.", "PH"),
        ("Hadir pejabat BIN, DOG dan PPATK.", "ID"),
        ("Hadir pejabat BIN, DOG dan NICA.", ""),  # a list of two countries
        ("DOG hadir. NICA dan AMLC juga.", ""),  # neither listed nor a sentence
        ("Filipina mengirim DOG bersama NICA dan pejabat AMLC.", "PH"),  # sentence
    ],
)
def test_an_unknown_acronym_has_its_neighbours_country_when_they_agree(
    agencies, text, country
):
    [dog] = [u for u in recognise(text).unknown_acronyms if u.acronym == "DOG"]

    assert dog.country == country
