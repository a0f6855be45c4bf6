"""What a reader notices on the person, agency and meeting pages and the
meetings list: a meeting once per person whatever their roles, days as the
venue counts them, series links that lead somewhere, text in another
language marked as such, names in right-to-left scripts kept apart."""

import datetime as dt
import json
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import MeetingAttendance
from tests.agencies.factories import (
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

MANILA = ZoneInfo("Asia/Manila")
ROLE = MeetingAttendance.Role


def html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def text(page: str) -> str:
    """What a reader reads of `page`: no tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def box(page: str, heading_id: str) -> str:
    """The part of `page` from the heading with that id to the end of its box."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</aside>", start)]


@pytest.fixture
def kemlu(db):
    return AgencyFactory(
        acronym="KEMLU",
        name="Kementerian Luar Negeri",
        name_en="Ministry of Foreign Affairs",
        slug="kemlu",
        country="ID",
    )


@pytest.fixture
def rudi(kemlu):
    return PersonFactory(name="Rudi Hartono", slug="rudi-hartono", agency=kemlu)


@pytest.fixture
def manila_meeting(kemlu):
    """In Manila on 10 December 2026, 00.30–02.00 there: 23.30 on the 9th to
    01.00 on the 10th in Jakarta."""
    start = dt.datetime(2026, 12, 10, 0, 30, tzinfo=MANILA)
    return MeetingFactory(
        title="Konsultasi Bilateral Manila",
        title_en="Manila Bilateral Consultations",
        slug="manila-consultations",
        start=start,
        end=start + dt.timedelta(hours=1, minutes=30),
        timezone="Asia/Manila",
        city="Manila",
        country="PH",
        host=kemlu,
    )


def attend(meeting, person, *roles, position="", position_en=""):
    """`person` at `meeting` in each of `roles`, the position given on the
    last row only (as an editor adding a second role may leave it empty)."""
    for order, role in enumerate(roles):
        last = order == len(roles) - 1
        MeetingAttendanceFactory(
            meeting=meeting,
            person=person,
            role=role,
            order=order,
            position_held=position if last else "",
            position_held_en=position_en if last else "",
        )


# One entry per meeting, with all its roles


def test_a_person_with_two_roles_at_a_meeting_lists_it_once_with_both(
    client, rudi, manila_meeting
):
    attend(
        manila_meeting,
        rudi,
        ROLE.LED_DELEGATION,
        ROLE.SPOKE,
        position="Direktur Asia Tenggara",
        position_en="Director for Southeast Asia",
    )
    meetings = box(html(client, "/en/people/rudi-hartono/"), "meetings-heading")
    assert meetings.count("Manila Bilateral Consultations") == 1
    assert meetings.count('class="meeting-item"') == 1
    assert "Led a delegation" in meetings and "Spoke" in meetings
    # The position given on either row is shown.
    assert "Director for Southeast Asia" in meetings


def test_the_meeting_page_shows_the_position_a_second_role_gives(
    client, rudi, manila_meeting
):
    attend(
        manila_meeting,
        rudi,
        ROLE.LED_DELEGATION,
        ROLE.SPOKE,
        position_en="Director for Southeast Asia",
    )
    page = html(client, "/en/meetings/manila-consultations/")
    people = page[page.index('id="people-heading"') :]
    assert people.count("Rudi Hartono") == 1
    assert "Director for Southeast Asia" in people


def test_a_person_page_costs_the_same_queries_whatever_the_roles(
    client, rudi, manila_meeting, navigation_read
):
    other = MeetingFactory(title_en="Jakarta Dialogue")
    attend(other, rudi, ROLE.ATTENDED)
    html(client, "/en/people/rudi-hartono/")
    with CaptureQueriesContext(connection) as one_role:
        html(client, "/en/people/rudi-hartono/")
    attend(manila_meeting, rudi, ROLE.CHAIRED, ROLE.OPENED, ROLE.SPOKE)
    with CaptureQueriesContext(connection) as many_roles:
        page = html(client, "/en/people/rudi-hartono/")
    assert box(page, "meetings-heading").count('class="meeting-item"') == 2
    assert len(many_roles) == len(one_role)


# Days as the venue counts them


def test_meeting_lists_give_the_venues_day(client, rudi, kemlu, manila_meeting):
    attend(manila_meeting, rudi, ROLE.ATTENDED)
    for path in ("/meetings/", "/agencies/kemlu/", "/people/rudi-hartono/"):
        page = html(client, path)
        assert "Kamis, 10 Desember 2026" in page, path
        assert "Rabu, 9 Desember 2026" not in page, path
    english = html(client, "/en/meetings/")
    assert "Thursday, 10 December 2026" in english
    assert "Wednesday, 9 December 2026" not in english


def test_a_meeting_over_two_venue_days_lists_both(client):
    # 23.30 in Manila on the 10th to 00.30 on the 11th: one day in Jakarta.
    start = dt.datetime(2026, 12, 10, 23, 30, tzinfo=MANILA)
    MeetingFactory(
        title="Rapat malam",
        start=start,
        end=start + dt.timedelta(hours=1),
        timezone="Asia/Manila",
    )
    page = text(html(client, "/meetings/"))
    assert "Kamis, 10 Desember 2026 – Jumat, 11 Desember 2026" in page


# The series' address leads somewhere


def series_links(page: str, slug: str) -> list[str]:
    """Every address of the series a meeting page gives: breadcrumb, facts
    and the JSON-LD's superEvent."""
    links = re.findall(rf'href="([^"]*#series-{slug})"', page)
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    ):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            if "superEvent" in item:
                links.append(
                    urlsplit(item["superEvent"]["url"]).path + "#series-" + slug
                )
    return links


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_series_with_only_meetings_to_come_has_a_target_on_the_meetings_page(
    client, prefix
):
    series = MeetingSeriesFactory(
        name="Dialog Keamanan Maritim",
        name_en="Maritime Security Dialogue",
        slug="maritime",
        description="Pertemuan tahunan tentang keamanan laut.",
        description_en="A yearly meeting on security at sea.",
    )
    soon = timezone.now() + dt.timedelta(days=5)
    first = MeetingFactory(series=series, number=1, slug="maritime-1", start=soon)
    MeetingFactory(
        series=series, number=2, slug="maritime-2", start=soon + dt.timedelta(days=30)
    )
    links = series_links(html(client, f"{prefix}/meetings/maritime-1/"), "maritime")
    assert len(links) == 3  # breadcrumb, facts, superEvent
    for link in links:
        assert link == f"{prefix}/meetings/#series-maritime"
    listing = html(client, f"{prefix}/meetings/")
    assert listing.count('id="series-maritime"') == 1
    target = listing[listing.index('id="series-maritime"') :]
    assert first.get_absolute_url() in target[: target.index("</li>")]
    description = series.description_en if prefix else series.description
    assert listing.count(description) == 1
    assert description in target[: target.index("</li>")]


def test_a_series_with_past_and_coming_meetings_has_one_target(client):
    series = MeetingSeriesFactory(
        name="Dialog Keamanan Maritim",
        slug="maritime",
        description="Pertemuan tahunan tentang keamanan laut.",
    )
    MeetingFactory(series=series, number=1, slug="maritime-1")  # a month ago
    MeetingFactory(
        series=series,
        number=2,
        slug="maritime-2",
        start=timezone.now() + dt.timedelta(days=5),
    )
    listing = html(client, "/meetings/")
    assert listing.count('id="series-maritime"') == 1
    assert listing.count("Pertemuan tahunan tentang keamanan laut.") == 1
    past = listing[listing.index('id="past-heading"') :]
    assert 'id="series-maritime"' in past


# Text in the other language, names kept apart


def test_indonesian_shown_for_want_of_english_is_marked_as_indonesian(
    client, rudi, manila_meeting
):
    MeetingSessionFactory(meeting=manila_meeting, title="Kerja sama perbatasan")
    MeetingSessionFactory(
        meeting=manila_meeting, title="Pembukaan", title_en="Opening session"
    )
    attend(manila_meeting, rudi, ROLE.SPOKE, position="Direktur Asia Tenggara")
    rudi.position = "Direktur"
    rudi.save()
    untitled = MeetingFactory(title="Dialog Jakarta", slug="dialog-jakarta")
    attend(untitled, rudi, ROLE.ATTENDED)
    page = html(client, "/en/meetings/manila-consultations/")
    assert '<h3 class="session__title" lang="id">Kerja sama perbatasan</h3>' in page
    assert '<h3 class="session__title">Opening session</h3>' in page
    assert ', <bdi lang="id">Direktur Asia Tenggara</bdi>' in page
    person = html(client, "/en/people/rudi-hartono/")
    assert '<bdi lang="id">Direktur</bdi>, <a' in person
    assert '<span dir="auto" lang="id">Direktur Asia Tenggara</span>' in person
    assert 'lang="id">Dialog Jakarta</a>' in person
    assert ">Manila Bilateral Consultations</a>" in person
    assert '<span class="meta" dir="auto" lang="id">Direktur</span>' in html(
        client, "/en/agencies/kemlu/"
    )
    # In its own edition the same text is not marked.
    indonesian = html(client, "/meetings/manila-consultations/")
    assert '<h3 class="session__title">Kerja sama perbatasan</h3>' in indonesian
    assert ", <bdi>Direktur Asia Tenggara</bdi>" in indonesian


def test_english_shown_for_want_of_indonesian_is_marked_as_english(client, rudi):
    rudi.position_en = "Director"
    rudi.save()
    assert '<bdi lang="en">Director</bdi>' in html(client, "/people/rudi-hartono/")


def test_right_to_left_names_and_positions_are_isolated(client, kemlu, manila_meeting):
    person = PersonFactory(
        name="محمد العلي", slug="al-ali", agency=kemlu, position_en="مستشار"
    )
    attend(manila_meeting, person, ROLE.SPOKE, position_en="سفير")
    profile = html(client, "/en/people/al-ali/")
    assert '<bdi lang="en">مستشار</bdi>, <a' not in profile  # English in English
    assert "<bdi>مستشار</bdi>, <a" in profile
    assert '<a href="/en/agencies/kemlu/" dir="auto">' in profile
    assert '<span dir="auto">سفير</span>' in profile
    agency = html(client, "/en/agencies/kemlu/")
    assert '<a href="/en/people/al-ali/" dir="auto">محمد العلي</a>' in agency
    assert '<span class="meta" dir="auto">مستشار</span>' in agency
    meeting = html(client, "/en/meetings/manila-consultations/")
    assert 'dir="auto"><strong>محمد العلي</strong></a>, <bdi>سفير</bdi>' in meeting
    assert '<span class="muted" dir="auto">(KEMLU)</span>' in meeting
    assert '<a href="/en/agencies/kemlu/" dir="auto">' in meeting  # the host
