"""Rows added with "Add another" on the meeting form (sessions, people) come
after the others, as the page sends them: the browser copies the formset's
empty row, with the values it carries."""

import pytest

from agencies.models import Meeting, MeetingAttendance
from tests.agencies.factories import PersonFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, form_data

pytestmark = pytest.mark.django_db


def add_another(data: dict, formset, rows: int) -> list[str]:
    """Press "Add another" `rows` times: each press copies the empty row,
    numbered next (Django's inlines.js), with the values it carries. The
    new rows' prefixes."""
    template = form_data(formset.empty_form)
    total = int(data[f"{formset.prefix}-TOTAL_FORMS"])
    prefixes = []
    for index in range(total, total + rows):
        prefix = f"{formset.prefix}-{index}"
        data |= {
            name.replace(f"{formset.prefix}-__prefix__", prefix): value
            for name, value in template.items()
        }
        prefixes.append(prefix)
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(total + rows)
    return prefixes


def test_the_row_add_another_copies_offers_no_number(editor_client):
    page = editor_client.get(admin_url(Meeting, "add"))
    for inline in page.context["inline_admin_formsets"]:
        if "order" in inline.formset.form.base_fields:
            assert inline.formset.empty_form["order"].value() in (None, "")
    html = page.content.decode()
    assert 'name="sessions-__prefix__-order" value="0"' not in html
    assert 'name="attendances-__prefix__-order" value="0"' not in html


def test_sessions_and_people_added_with_add_another_come_after_the_others(
    editor_client, client, officials
):
    page = editor_client.get(admin_url(Meeting, "add"))
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in page.context["inline_admin_formsets"]
    }
    data = admin_form_data(page)
    data |= {
        "title": "Rapat Koordinasi Penanggulangan Terorisme",
        "slug": "rapat-koordinasi",
        "start_0": "2024-05-14",
        "start_1": "09:00",
        "_save": "Save",
    }
    # Seven sessions: the empty row, then six more with Add another.
    sessions = ["sessions-0"]
    sessions += add_another(data, formsets["sessions"], 6)
    for number, prefix in enumerate(sessions, start=1):
        data[f"{prefix}-title"] = f"Sesi {number}"
    # Five people: the three empty rows, then two more.
    people = [f"attendances-{i}" for i in range(3)]
    people += add_another(data, formsets["attendances"], 2)
    for number, prefix in enumerate(people, start=1):
        person = PersonFactory(name=f"Pejabat {number}")
        data[f"{prefix}-person"] = person.pk
        data[f"{prefix}-role"] = str(MeetingAttendance.Role.SPOKE)

    response = editor_client.post(admin_url(Meeting, "add"), data)

    assert response.status_code == 302, [
        inline.formset.errors for inline in response.context["inline_admin_formsets"]
    ]
    meeting = Meeting.objects.get(slug="rapat-koordinasi")
    assert list(meeting.sessions.values_list("order", "title")) == [
        (number, f"Sesi {number}") for number in range(1, 8)
    ]
    assert list(meeting.attendances.values_list("order", "person__name")) == [
        (number, f"Pejabat {number}") for number in range(1, 6)
    ]
    # The public agenda in the order typed: the first session first.
    public = client.get(meeting.get_absolute_url()).content.decode()
    places = [public.index(f"Sesi {number}<") for number in range(1, 8)]
    assert places == sorted(places)
