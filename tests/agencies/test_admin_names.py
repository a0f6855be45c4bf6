"""Translated names in the admin (issue 14): each Indonesian text on one row
with its English one, saved through the admin's forms."""

import re

import pytest

from agencies.models import Agency, Meeting, MeetingSeries, Person
from articles.models import Section
from tests.agencies.test_admin import admin_url, existing_meeting_form

pytestmark = pytest.mark.django_db


def form_rows(html: str) -> list[str]:
    """The admin form's rows (div.form-row), each as its HTML."""
    starts = [m.start() for m in re.finditer(r'<div class="form-row', html)]
    return [html[a:b] for a, b in zip(starts, [*starts[1:], len(html)], strict=True)]


def row_holding(html: str, field: str) -> str:
    """The form row holding the input named `field`."""
    found = [row for row in form_rows(html) if f'name="{field}"' in row]
    assert len(found) == 1, f"{field}: {len(found)} rows"
    return found[0]


@pytest.mark.parametrize(
    ("model", "pairs"),
    [
        (Section, [("name", "name_en"), ("description", "description_en")]),
        (Agency, [("name", "name_en"), ("description", "description_en")]),
        (Person, [("position", "position_en")]),
        (
            MeetingSeries,
            [
                ("name", "name_en"),
                ("short_name", "short_name_en"),
                ("description", "description_en"),
            ],
        ),
        (Meeting, [("title", "title_en"), ("summary", "summary_en")]),
    ],
    ids=["section", "agency", "person", "series", "meeting"],
)
def test_each_name_sits_beside_its_english_one(admin_client, model, pairs):
    html = admin_client.get(
        admin_url(model, "add"), headers={"accept-language": "en"}
    ).content.decode()
    for field, english in pairs:
        row = row_holding(html, field)
        assert f'name="{english}"' in row, f"{english} is not beside {field}"
        label = re.search(rf'<label[^>]*for="id_{english}"[^>]*>([^<]*)<', row)
        assert label and "English" in label.group(1), label


def test_the_meetings_tables_show_the_english_column_beside_each_text(
    admin_client, jwg4
):
    html = admin_client.get(admin_url(Meeting, "change", jwg4.pk)).content.decode()
    sessions = html[html.index('id="sessions-group"') :]
    sessions = sessions[: sessions.index("</table>")]
    headers = re.findall(r'<th class="column-([a-z_]+)', sessions)
    assert headers == [
        "order",
        "title",
        "title_en",
        "start",
        "end",
        "summary",
        "summary_en",
    ]
    attendances = html[html.index('id="attendances-group"') :]
    attendances = attendances[: attendances.index("</table>")]
    headers = re.findall(r'<th class="column-([a-z_]+)', attendances)
    assert headers[2:4] == ["position_held", "position_held_en"]


def test_an_editor_gives_a_meeting_and_its_agenda_english_names(editor_client, jwg4):
    data = existing_meeting_form(jwg4)
    data["title_en"] = "4th Philippines–Indonesia JWG on Combating Terrorism"
    data["summary_en"] = "The yearly meeting, back after the pandemic."
    data["sessions-0-title_en"] = "Threat assessment"
    data["attendances-0-position_held_en"] = "Head of BNPT"
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    jwg4.refresh_from_db()
    assert jwg4.title_en == "4th Philippines–Indonesia JWG on Combating Terrorism"
    assert jwg4.summary_en == "The yearly meeting, back after the pandemic."
    assert jwg4.sessions.first().title_en == "Threat assessment"
    assert jwg4.attendances.first().position_held_en == "Head of BNPT"
    # The Indonesian texts stay as they were.
    assert jwg4.sessions.first().title == data["sessions-0-title"]


def test_an_editor_gives_a_section_its_english_name(editor_client, section):
    response = editor_client.post(
        admin_url(Section, "change", section.pk),
        {
            "name": "Kerja Sama Internasional",
            "name_en": "International cooperation",
            "slug": section.slug,
            "description": "Hubungan antarnegara.",
            "description_en": "Relations between countries.",
            "order": "1",
            "in_navigation": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    section.refresh_from_db()
    assert (section.name, section.name_en) == (
        "Kerja Sama Internasional",
        "International cooperation",
    )
    assert section.description_en == "Relations between countries."


def test_people_are_found_by_their_position_in_english(admin_client, officials):
    person = officials["Amar"]
    person.position_en = "Head of the National Counter Terrorism Agency"
    person.save()
    response = admin_client.get(admin_url(Person, "changelist"), {"q": "Head of the"})
    assert [str(p) for p in response.context["cl"].result_list] == [person.name]
