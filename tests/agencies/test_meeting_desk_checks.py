"""A tester's round of the meeting desk, each through the admin as an editor
does it: a meeting numbered 0 (saved, and shown with no number), a series
added again from the meeting's "+" (told only of a slug taken), an agenda
whose numbers kept the gap of a deleted session (the desk's "session 4" was
the public agenda's third), and a person listed for an agency that sent no
delegation (saved without a word)."""

import datetime as dt
import re
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import translation
from lxml import html as lxml_html

from agencies.admin import _agenda_time
from agencies.models import Meeting, MeetingAttendance, MeetingSeries
from tests.agencies.factories import (
    AgencyFactory,
    MeetingFactory,
    MeetingSessionFactory,
    PersonFactory,
)
from tests.newsroom.admin_forms import admin_form_data, admin_url, opened, saves

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")

NUMBER_FROM_1 = "The number starts at 1; leave it empty if the meeting has no number."
SERIES_TAKEN = (
    "A series with this name already exists: “%(series)s”. Choose it instead."
)
BACK_IN_TIME = (
    "Session %(later_number)s, “%(later)s” (%(later_start)s), "
    "starts before session %(earlier_number)s, “%(earlier)s” "
    "(%(earlier_start)s), but the public agenda lists it after: "
    "it follows the numbers. Check the numbers or the times."
)
OUTSIDE_DELEGATIONS = (
    "%(person)s is listed for %(agency)s, which is not among this meeting's "
    "delegations: add it as a delegation if it took part."
)


def ui(text: str, **params) -> str:
    """`text` as the desk shows it (in Indonesian, the site's language)."""
    with translation.override("id"):
        text = translation.gettext(text)
        return text % params if params else text


def warnings(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def form_errors(response, name: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(name, []))


# A meeting's number starts at 1


def test_a_meeting_numbered_0_or_below_is_refused_saying_where_numbers_start(
    editor_client, jwg4, client
):
    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    box = lxml_html.fromstring(page.content).get_element_by_id("id_number")
    assert box.get("min") == "1"  # the browser agrees
    data = admin_form_data(page)

    for typed in ("0", "-1"):
        data["number"] = typed
        response = saves(editor_client, jwg4, data)
        assert response.status_code == 200
        assert form_errors(response, "number") == [ui(NUMBER_FROM_1)]
    jwg4.refresh_from_db()
    assert jwg4.number == 4
    assert "ke-4" in client.get(jwg4.get_absolute_url()).content.decode()

    # Empty, as the message says, is a meeting without a number.
    data["number"] = ""
    assert saves(editor_client, jwg4, data).status_code == 302
    jwg4.refresh_from_db()
    assert jwg4.number is None


def test_the_migration_leaves_a_meeting_saved_as_number_0_without_a_number(
    jwg_series,
):
    zero = MeetingFactory(series=jwg_series, number=0)
    first = MeetingFactory(series=jwg_series, number=1)
    migration = import_module("agencies.migrations.0014_meeting_number_from_1")

    migration.numbers_0_to_none(apps, None)

    zero.refresh_from_db()
    first.refresh_from_db()
    assert (zero.number, first.number) == (None, 1)


# A series added again from the meeting's "+"


def test_a_series_added_again_from_the_meetings_form_is_named_on_its_name(
    editor_client, jwg_series
):
    meeting_page = editor_client.get(admin_url(Meeting, "add"))
    plus = lxml_html.fromstring(meeting_page.content).get_element_by_id("add_id_series")
    popup_url = plus.get("href")
    assert "_popup=1" in popup_url
    popup = editor_client.get(popup_url)
    data = admin_form_data(popup)
    # Typed as the series is named, in other capitals; the page makes the
    # slug from the name, as it made the saved series'.
    data |= {
        "name": jwg_series.name.upper(),
        "short_name": jwg_series.short_name,
        "slug": jwg_series.slug,
        "_save": "Save",
        "_popup": "1",
        "_to_field": "id",
    }

    response = editor_client.post(popup_url, data)

    assert response.status_code == 200
    assert form_errors(response, "name") == [ui(SERIES_TAKEN, series=jwg_series)]
    assert form_errors(response, "slug") == []  # the same clash, told once
    assert MeetingSeries.objects.count() == 1

    # A series of its own name is added, and the popup hands it back.
    data |= {"name": "Indonesia-Malaysia Joint Working Group", "slug": "jwg-id-my"}
    added = editor_client.post(popup_url, data)
    assert added.status_code == 200
    series = MeetingSeries.objects.get(slug="jwg-id-my")
    assert added.context["popup_response_data"]  # the page closes on it
    assert str(series.pk) in added.context["popup_response_data"]


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("name_en", "joint working group on terrorism"),
        # A tester's finding: the English name typed in Nama (as the demo's
        # own series is named) made a second series of the same thing.
        ("name", "Joint Working Group on Terrorism"),
    ],
)
def test_a_series_named_as_another_in_either_language_is_refused_on_it(
    editor_client, jwg_series, field, typed
):
    jwg_series.name_en = "Joint Working Group on Terrorism"
    jwg_series.save()
    other = MeetingSeries.objects.create(name="Konsultasi Bilateral", slug="kb")
    data = opened(editor_client, other)
    data[field] = typed

    response = saves(editor_client, other, data)

    assert form_errors(response, field) == [ui(SERIES_TAKEN, series=jwg_series)]


# The agenda's numbers are the public agenda's


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2024, 5, 14, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def five_sessions():
    """The tester's agenda: five sessions, the fourth starting before the
    second."""
    meeting = MeetingFactory(
        title="Rapat Koordinasi", start=at(9), end=at(16), timezone="Asia/Jakarta"
    )
    for order, (title, start) in enumerate(
        [
            ("Pembukaan", at(9)),
            ("Paparan", at(11)),
            ("Diskusi", at(12)),
            ("Rehat", at(10)),
            ("Penutupan", at(15)),
        ],
        start=1,
    ):
        MeetingSessionFactory(
            meeting=meeting, order=order, title=title, start=start, end=None
        )
    return meeting


def row(data: dict, title: str) -> str:
    """The prefix of the session row titled `title` in the form data."""
    return next(
        key.removesuffix("-title")
        for key, value in data.items()
        if re.fullmatch(r"sessions-\d+-title", key) and value == title
    )


def public_agenda(client, meeting) -> list[str]:
    page = lxml_html.fromstring(client.get(meeting.get_absolute_url()).content)
    return [title.text_content() for title in page.find_class("session__title")]


def test_a_deleted_session_leaves_no_gap_so_desk_and_agenda_number_alike(
    editor_client, five_sessions, client
):
    meeting = five_sessions
    data = opened(editor_client, meeting)
    data[f"{row(data, 'Diskusi')}-DELETE"] = "on"

    response = editor_client.post(
        admin_url(Meeting, "change", meeting.pk), data, follow=True
    )

    assert response.redirect_chain
    assert list(meeting.sessions.values_list("order", "title")) == [
        (1, "Pembukaan"),
        (2, "Paparan"),
        (3, "Rehat"),
        (4, "Penutupan"),
    ]
    agenda = public_agenda(client, meeting)
    assert agenda.index("Rehat") + 1 == 3  # the third, as the desk says
    # The warning names the sessions by the numbers readers see.
    with translation.override("id"):
        times = {
            name: _agenda_time(when, JAKARTA)
            for name, when in [("Paparan", at(11)), ("Rehat", at(10))]
        }
    expected = ui(
        BACK_IN_TIME,
        later_number=3,
        later="Rehat",
        later_start=times["Rehat"],
        earlier_number=2,
        earlier="Paparan",
        earlier_start=times["Paparan"],
    )
    assert expected in warnings(response)

    # A session added next is the fifth, not the sixth.
    data = opened(editor_client, meeting)
    data |= {
        "sessions-TOTAL_FORMS": str(int(data["sessions-TOTAL_FORMS"]) + 1),
        "sessions-4-title": "Konferensi pers",
    }
    assert saves(editor_client, meeting, data).status_code == 302
    assert meeting.sessions.get(title="Konferensi pers").order == 5


def test_the_agendas_history_records_the_numbers_it_was_left_with(
    editor_client, five_sessions
):
    from reversion.models import Version

    meeting = five_sessions
    data = opened(editor_client, meeting)
    data[f"{row(data, 'Paparan')}-DELETE"] = "on"
    assert saves(editor_client, meeting, data).status_code == 302

    revision = Version.objects.get_for_object(meeting).first().revision
    numbers = sorted(
        (version.field_dict["order"], version.field_dict["title"])
        for version in revision.version_set.all()
        if version.content_type.model == "meetingsession"
    )
    assert numbers == [(1, "Pembukaan"), (2, "Diskusi"), (3, "Rehat"), (4, "Penutupan")]


# A person listed for an agency that sent no delegation


@pytest.fixture
def atc_pmc():
    return AgencyFactory(
        acronym="ATC-PMC",
        name="Anti-Terrorism Council Program Management Center",
        country="PH",
    )


def test_a_person_for_an_agency_outside_the_delegations_is_saved_with_a_warning(
    editor_client, jwg4, atc_pmc, agencies, client
):
    santos = PersonFactory(name="Maria Q. Santos", agency=atc_pmc)
    data = opened(editor_client, jwg4)
    data |= {
        "attendances-3-person": str(santos.pk),
        "attendances-3-role": str(MeetingAttendance.Role.SPOKE),
        "attendances-3-agency": str(atc_pmc.pk),
    }
    # Someone for an agency among the delegations is not told of.
    data["attendances-0-agency"] = str(agencies["BNPT"].pk)

    response = editor_client.post(
        admin_url(Meeting, "change", jwg4.pk), data, follow=True
    )

    assert response.redirect_chain  # saved: a speaker may come from it
    assert jwg4.attendances.filter(person=santos, agency=atc_pmc).exists()
    told = [text for text in warnings(response) if "ATC-PMC" in text]
    assert told == [ui(OUTSIDE_DELEGATIONS, person="Maria Q. Santos", agency="ATC-PMC")]
    assert not [text for text in warnings(response) if "Boy Rafli Amar" in text]

    # Added as a delegation, the agency is told of no more.
    data = opened(editor_client, jwg4)
    empty = data["participants-INITIAL_FORMS"]  # the first empty row
    data[f"participants-{empty}-agency"] = str(atc_pmc.pk)
    response = editor_client.post(
        admin_url(Meeting, "change", jwg4.pk), data, follow=True
    )
    assert response.redirect_chain
    assert not [text for text in warnings(response) if "ATC-PMC" in text]
    assert "ATC-PMC" in client.get(jwg4.get_absolute_url()).content.decode()
