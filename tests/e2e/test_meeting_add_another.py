"""In Chromium: sessions and people added to a new meeting with "Add another"
come after those typed in the rows the page opened with, on the public page
too (they were saved with the number 0 the new row carried, and listed
first)."""

import pytest

from agencies.models import Meeting
from tests.agencies.factories import PersonFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e


@pytest.fixture
def editor(transactional_db, e2e_settings, make_staff):
    return make_staff("Editor", "redaktur")


def test_sessions_added_with_add_another_come_after_the_first(open_page, editor):
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "redaktur")
    page.goto("/admin/agencies/meeting/add/")
    page.fill("#id_title", "Rapat Koordinasi Penanggulangan Terorisme")
    page.fill("#id_start_0", "2024-05-14")
    page.fill("#id_start_1", "09:00")
    sessions = page.locator("#sessions-group")
    add = sessions.get_by_role("button", name="Add another Session")
    for _ in range(6):
        add.click()
    # The new rows come with an empty number, as the README says: the next
    # one is given when saved.
    for index in range(7):
        assert page.locator(f"#id_sessions-{index}-order").input_value() == ""
    for index in range(7):
        page.fill(f"#id_sessions-{index}-title", f"Sesi {index + 1}")

    page.get_by_role("button", name="Save", exact=True).first.click()
    page.wait_for_url("**/admin/agencies/meeting/")

    meeting = Meeting.objects.get(title="Rapat Koordinasi Penanggulangan Terorisme")
    assert list(meeting.sessions.values_list("order", "title")) == [
        (number, f"Sesi {number}") for number in range(1, 8)
    ]
    page.goto(meeting.get_absolute_url())
    agenda = page.locator("body").inner_text()
    places = [agenda.index(f"Sesi {number}") for number in range(1, 8)]
    assert places == sorted(places)


def test_a_person_added_with_add_another_comes_after_the_others(open_page, editor):
    meeting_page = open_page(viewport={"width": 1280, "height": 900})
    PersonFactory(name="Siti Rahmawati")
    admin_login(meeting_page, "redaktur")
    meeting_page.goto("/admin/agencies/meeting/add/")
    people = meeting_page.locator("#attendances-group")
    people.get_by_role("button", name="Add another Person at the meeting").click()
    assert meeting_page.locator("#id_attendances-3-order").input_value() == ""
