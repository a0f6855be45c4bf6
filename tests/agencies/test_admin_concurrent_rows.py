"""Two editors on one meeting (or agency): a row one of them removes while
the other has the page open. The other's save had been refused forever
("Please correct the errors below." and no error on the page), one row
shown twice and the last one left off; now the removed row is named on its
row, every row sent comes back as sent, and the save goes through without it.
"""

import re

import pytest
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from agencies.models import Agency, AgencyAlias, Meeting
from tests.newsroom.admin_forms import admin_url, opened

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def densus(agencies, jwg4):
    """Densus 88's delegation at the 4th JWG, the first row of the table
    (the delegations are listed by country, then role)."""
    densus = Agency.objects.create(
        acronym="Densus 88",
        name="Detasemen Khusus 88 Antiteror",
        country="ID",
        slug="densus-88",
    )
    row = jwg4.participants.create(agency=densus, country="")
    assert jwg4.participants.first() == row
    return row


def rows_on_page(response, prefix: str) -> list[str]:
    """The values of the rows of `prefix` the page shows, by their first
    field, in order."""
    tree = lxml_html.fromstring(response.content.decode())
    field = {"participants": "agency", "sessions": "title", "aliases": "name"}[prefix]
    values = []
    for element in tree.xpath(f'//*[starts-with(@name, "{prefix}-")]'):
        name = element.get("name")
        if re.fullmatch(rf"{prefix}-\d+-{field}", name):
            if element.tag == "select":
                chosen = element.xpath("./option[@selected]/@value")
                values.append(chosen[0] if chosen else "")
            elif element.tag == "textarea":
                values.append(element.text or "")
            else:
                values.append(element.get("value") or "")
    return values


def row_notices(response) -> list[str]:
    tree = lxml_html.fromstring(response.content.decode())
    return [
        " ".join(li.text_content().split())
        for li in tree.xpath('//tr[@class="row-form-errors"]//li')
    ]


def agencies_sent(data: dict) -> list[str]:
    """The agency of each delegation row a form sends, in order."""
    rows = range(int(data["participants-INITIAL_FORMS"]))
    return [data[f"participants-{i}-agency"][0] for i in rows]


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_delegation_a_colleague_removed_is_named_and_the_rest_is_saved(
    tabs, jwg4, densus
):
    a, b = tabs
    url = admin_url(Meeting, "change", jwg4.pk)
    sent_by_b = opened(b, jwg4)
    sent_by_a = opened(a, jwg4)
    assert sent_by_a["participants-0-agency"] == [str(densus.agency_id)]
    removed = a.post(url, {**sent_by_a, "participants-0-DELETE": "on"})
    assert removed.status_code == 302
    sent_by_b["venue"] = "Hotel Borobudur"
    rows_sent = agencies_sent(sent_by_b)

    # B's save meets A's (the edit lock): refused, with every row B sent on
    # the page as B sent it, the removed one named on its row.
    refused = b.post(url, sent_by_b)
    assert refused.status_code == 200
    assert rows_on_page(refused, "participants")[: len(rows_sent)] == rows_sent
    notice = (
        "A colleague removed the participating agency “Densus 88 (ID) – Member” "
        "after you opened the page; it is not saved with your changes. Add it "
        "again if it is still needed."
    )
    assert notice in row_notices(refused)
    assert refused.context["adminform"].form["venue"].value() == "Hotel Borobudur"

    # B saves their version: the venue is saved, Densus 88's row stays removed.
    overwrite = refused.context["stale_save"].latest.pk
    saved = b.post(url, {**sent_by_b, "overwrite_revision": overwrite})
    assert saved.status_code == 302
    jwg4.refresh_from_db()
    assert jwg4.venue == "Hotel Borobudur"
    assert not jwg4.participants.filter(agency=densus.agency).exists()
    assert jwg4.participants.count() == len(rows_sent) - 1
    assert notice in said(saved)


def test_a_form_refused_for_another_reason_keeps_every_row_and_saves_once_mended(
    editor_client, jwg4, densus
):
    # The form (without the edit lock's field, as a script would send it) is
    # refused for its dates; the removed row must not keep it refused.
    url = admin_url(Meeting, "change", jwg4.pk)
    data = opened(editor_client, jwg4)
    del data["opened_revision"]
    densus.delete()  # a colleague's removal
    end = data["end_0"]
    refused = editor_client.post(url, {**data, "end_0": "2022-03-23"})
    assert refused.status_code == 200
    sent = agencies_sent(data)
    assert len(sent) == 8
    assert rows_on_page(refused, "participants")[:8] == sent
    assert len(row_notices(refused)) == 1
    assert "Densus 88" in row_notices(refused)[0]
    assert refused.context["adminform"].form.errors.keys() == {"end"}

    saved = editor_client.post(url, {**data, "end_0": end, "venue": "Jakarta"})
    assert saved.status_code == 302
    assert Meeting.objects.get(pk=jwg4.pk).venue == "Jakarta"
    assert jwg4.participants.count() == 7
    assert any("Densus 88" in message for message in said(saved))


def test_a_session_a_colleague_removed_is_left_out_and_the_others_are_saved(
    editor_client, jwg4
):
    url = admin_url(Meeting, "change", jwg4.pk)
    data = opened(editor_client, jwg4)
    del data["opened_revision"]
    first = jwg4.sessions.first()
    first.delete()  # a colleague's removal
    data["sessions-6-title"] = "Capacity building"
    saved = editor_client.post(url, data)
    assert saved.status_code == 302, row_notices(saved)
    assert jwg4.sessions.count() == 6
    assert jwg4.sessions.last().title == "Capacity building"
    assert f"A colleague removed the session “{first.title}”" in said(saved)[0]


def test_a_person_a_colleague_removed_and_this_editor_also_deleted_is_not_told(
    editor_client, jwg4
):
    url = admin_url(Meeting, "change", jwg4.pk)
    data = opened(editor_client, jwg4)
    del data["opened_revision"]
    jwg4.attendances.first().delete()
    saved = editor_client.post(url, {**data, "attendances-0-DELETE": "on"})
    assert saved.status_code == 302
    assert jwg4.attendances.count() == 2
    assert not any("colleague" in message for message in said(saved))


def test_an_alias_a_colleague_removed_is_left_out_of_the_agencys_save(
    editor_client, bnpt
):
    alias = AgencyAlias.objects.create(agency=bnpt, name="BNPT RI")
    url = admin_url(Agency, "change", bnpt.pk)
    data = opened(editor_client, bnpt)
    del data["opened_revision"]
    alias.delete()  # a colleague's removal
    data["description"] = "Lembaga yang menangani terorisme."
    saved = editor_client.post(url, data)
    assert saved.status_code == 302
    bnpt.refresh_from_db()
    assert bnpt.description == "Lembaga yang menangani terorisme."
    assert not bnpt.aliases.exists()
    assert said(saved)[0].startswith("A colleague removed the alias “BNPT RI”")
