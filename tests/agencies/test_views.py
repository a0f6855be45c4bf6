import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django_countries.fields import Country

from agencies.models import MeetingAttendance, MeetingParticipant
from newsroom.bilingual import country_in_sentence
from tests.agencies.factories import (
    JWG4_SESSION_TITLES,
    AgencyAliasFactory,
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
    PersonFactory,
)
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

JWG4_URL = "/meetings/4th-jwg-philippines-indonesia/"


def text(response):
    return response.content.decode()


def country_name(code):
    with translation.override("id"):
        return str(Country(code).name)


def label(choice):
    """A choice label as readers see it (the site speaks Indonesian by default)."""
    with translation.override("id"):
        return str(choice.label)


def test_every_public_object_has_a_working_page(client, jwg4_article, jwg_series):
    tag = jwg4_article.tags.first()
    for obj in [
        jwg4_article,
        jwg4_article.section,
        jwg4_article.meeting,
        jwg4_article.meeting.host,
        jwg4_article.people.first(),
        jwg_series,
    ]:
        assert client.get(obj.get_absolute_url()).status_code == 200, obj
    assert client.get(f"/tags/{tag.slug}/").status_code == 200


# Agencies


def test_the_agency_list_groups_agencies_by_country(client, agencies):
    response = client.get("/agencies/")
    assert response.status_code == 200
    groups = {
        country.code: [a.acronym for a in members]
        for country, members in response.context["by_country"]
    }
    assert groups == {
        "ID": ["BIN", "BNPT", "BSSN", "KBRI Manila", "PPATK"],
        "PH": ["AMLC", "NICA"],
    }
    page = text(response)
    assert page.index('id="country-id"') < page.index("/agencies/bnpt/")
    assert page.index("/agencies/bnpt/") < page.index('id="country-ph"')
    assert page.index('id="country-ph"') < page.index("/agencies/nica/")


def test_the_agency_list_opens_while_it_is_empty(client, db):
    assert client.get("/agencies/").status_code == 200


def test_an_agency_page_shows_its_articles_meetings_and_people(
    client, jwg4_article, bnpt, section
):
    ArticleFactory(section=section, draft=True, agencies=[bnpt], title="Unready draft")
    response = client.get("/agencies/bnpt/")
    assert response.status_code == 200
    page = text(response)
    assert "Badan Nasional Penanggulangan Terorisme" in page
    assert jwg4_article.get_absolute_url() in page
    assert JWG4_URL in page
    assert "/people/boy-rafli-amar/" in page
    assert "Unready draft" not in page


def test_an_agency_page_shows_its_aliases_and_its_parent(client, agencies):
    kemlu = AgencyFactory(acronym="Kemlu", name="Kementerian Luar Negeri", slug="kemlu")
    embassy = agencies["KBRI Manila"]
    embassy.parent = kemlu
    embassy.save()
    assert "/agencies/kemlu/" in text(client.get("/agencies/kbri-manila/"))
    assert "/agencies/kbri-manila/" in text(client.get("/agencies/kemlu/"))
    assert "INTRAC" in text(client.get("/agencies/ppatk/"))


def test_an_agency_that_only_took_part_lists_the_meeting(client, jwg4, agencies):
    assert JWG4_URL in text(client.get("/agencies/amlc/"))


def test_an_agency_without_news_or_meetings_still_has_a_page(client, db):
    agency = AgencyFactory(acronym="Bakamla", slug="bakamla")
    assert client.get(agency.get_absolute_url()).status_code == 200


def test_an_unknown_agency_is_not_found(client, db):
    assert client.get("/agencies/no-such-agency/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "99999", "-3"])
def test_agency_and_person_pages_survive_nonsense_page_numbers(
    client, jwg4_article, page
):
    assert client.get("/agencies/bnpt/", {"page": page}).status_code == 200
    assert client.get("/people/boy-rafli-amar/", {"page": page}).status_code == 200


# People


def test_a_person_page_shows_their_meetings_roles_and_articles(client, jwg4_article):
    response = client.get("/people/andhika-chrisnayudhanto/")
    assert response.status_code == 200
    page = text(response)
    assert "Andhika Chrisnayudhanto" in page
    assert JWG4_URL in page
    assert label(MeetingAttendance.Role.OPENING_REMARKS) in page
    assert jwg4_article.get_absolute_url() in page


def test_an_unknown_person_is_not_found(client, db):
    assert client.get("/people/nobody/").status_code == 404


# Meetings


def test_the_meeting_list_separates_upcoming_from_past_by_series(
    client, jwg3, jwg4, jwg_series
):
    upcoming = MeetingFactory(
        title="5th JWG, date to be confirmed",
        start=timezone.now() + dt.timedelta(days=60),
        series=jwg_series,
        number=5,
    )
    lone = MeetingFactory(title="Courtesy call at KBRI Manila", series=None)
    response = client.get("/meetings/")
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [upcoming]
    by_series = response.context["by_series"]
    assert [series for series, _ in by_series] == [jwg_series, None]
    assert by_series[0][1] == [jwg4, jwg3]
    assert by_series[1][1] == [lone]
    page = text(response)
    assert 'id="series-jwg-philippines-indonesia"' in page
    assert page.index(upcoming.title) < page.index(jwg4.title) < page.index(jwg3.title)
    assert page.index(jwg3.title) < page.index(lone.title)


def test_meeting_series_are_listed_alphabetically(client, jwg4):
    asean = MeetingSeriesFactory(
        name="ASEAN Ministerial Meeting on Transnational Crime"
    )
    MeetingFactory(series=asean, number=1)
    series = [s for s, _ in client.get("/meetings/").context["by_series"]]
    assert series == [asean, jwg4.series]


def test_the_meeting_list_opens_while_it_is_empty(client, db):
    assert client.get("/meetings/").status_code == 200


def test_a_meeting_page_shows_the_sessions_in_agenda_order(client, jwg4):
    page = text(client.get(JWG4_URL))
    positions = [page.index(title) for title in JWG4_SESSION_TITLES]
    assert positions == sorted(positions)


def test_a_meeting_page_groups_the_delegations_by_country(client, jwg4):
    response = client.get(JWG4_URL)
    delegations = [
        (country.code, [p.agency.acronym for p in members])
        for country, members in response.context["delegations"]
    ]
    assert delegations == [
        ("ID", ["BNPT", "BIN", "BSSN", "KBRI Manila", "PPATK"]),
        ("PH", ["NICA", "AMLC"]),
    ]
    page = text(response)
    indonesia, philippines = re.findall(
        r'<section class="delegation".*?</section>', page, re.S
    )
    assert country_name("ID") in indonesia
    for slug in ["bnpt", "bin", "ppatk", "bssn", "kbri-manila"]:
        assert f'href="/agencies/{slug}/"' in indonesia, slug
    assert country_name("PH") in philippines
    for slug in ["nica", "amlc"]:
        assert f'href="/agencies/{slug}/"' in philippines, slug
    assert "/agencies/bnpt/" not in philippines
    assert label(MeetingParticipant.Role.HEAD_OF_DELEGATION) in page


def test_the_english_page_names_the_delegation_of_the_philippines(client, jwg4):
    # "Delegation of Philippines": English puts "the" before such names.
    english = text(client.get("/en" + JWG4_URL))
    assert "Delegation of the Philippines" in english
    assert "Delegation of Indonesia" in english
    indonesian = text(client.get(JWG4_URL))
    assert "Delegasi Filipina" in indonesian


@pytest.mark.parametrize(
    ("name", "in_english"),
    [
        ("Philippines", "the Philippines"),
        ("Netherlands", "the Netherlands"),
        ("United States of America", "the United States of America"),
        ("United Kingdom", "the United Kingdom"),
        ("Solomon Islands", "the Solomon Islands"),
        ("Dominican Republic", "the Dominican Republic"),
        ("Indonesia", "Indonesia"),
        ("Malaysia", "Malaysia"),
        ("Timor-Leste", "Timor-Leste"),
    ],
)
def test_a_country_takes_the_in_an_english_sentence_where_it_should(name, in_english):
    assert country_in_sentence(name, "en") == in_english
    assert country_in_sentence(name, "id") == name


def test_a_meeting_page_names_the_people_and_what_they_did(client, jwg4):
    page = text(client.get(JWG4_URL))
    for name, role in [
        ("Boy Rafli Amar", MeetingAttendance.Role.OPENED),
        ("Andhika Chrisnayudhanto", MeetingAttendance.Role.OPENING_REMARKS),
        ("Damian L. Carlos", MeetingAttendance.Role.LED_DELEGATION),
    ]:
        assert name in page
        assert label(role) in page
    assert page.index("Boy Rafli Amar") < page.index("Damian L. Carlos")
    assert "Deputy Director General for Counter-Terrorism" in page


def test_a_meeting_page_links_to_the_previous_meeting_of_the_series(client, jwg3, jwg4):
    response = client.get(JWG4_URL)
    assert response.context["previous_meeting"] == jwg3
    assert response.context["next_meeting"] is None
    assert f'href="{jwg3.get_absolute_url()}" rel="prev"' in text(response)
    assert 'rel="next"' not in text(response)


def test_the_3rd_meeting_page_links_on_to_the_4th(client, jwg3, jwg4):
    response = client.get(jwg3.get_absolute_url())
    assert response.status_code == 200
    assert response.context["next_meeting"] == jwg4
    assert f'href="{JWG4_URL}" rel="next"' in text(response)


def test_a_meeting_page_lists_the_published_coverage(client, jwg4_article, section):
    ArticleFactory(
        section=section,
        meeting=jwg4_article.meeting,
        draft=True,
        title="Notes not yet edited",
    )
    page = text(client.get(JWG4_URL))
    assert jwg4_article.get_absolute_url() in page
    assert "Notes not yet edited" not in page


def test_a_meeting_outside_any_series_has_a_plain_page(client, db):
    meeting = MeetingFactory(series=None, end=None, timezone="Asia/Manila")
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_an_unknown_meeting_is_not_found(client, db):
    assert client.get("/meetings/9th-jwg/").status_code == 404


# meeting (with its sessions, delegations and people), previous and next,
# coverage page with its count, navigation
MEETING_QUERIES = 4
# A page whose edition has few articles (under 6) also lists the other
# edition's, read with its own: no query more, whatever their number.
OTHER_EDITION_QUERIES = 0


@pytest.mark.parametrize("n", [6, 7])
def test_a_meeting_page_costs_the_same_however_big_the_meeting(
    client, jwg_series, django_assert_num_queries, n
):
    meeting = MeetingFactory(series=jwg_series, number=2, host=AgencyFactory())
    MeetingFactory(series=jwg_series, number=1)
    MeetingFactory(series=jwg_series, number=3)
    for i in range(n):
        MeetingSessionFactory(meeting=meeting)
        MeetingParticipantFactory(
            meeting=meeting, agency=AgencyFactory(country="ID" if i % 2 else "PH")
        )
        MeetingAttendanceFactory(meeting=meeting)
        ArticleFactory(meeting=meeting)
    with django_assert_num_queries(MEETING_QUERIES):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["delegations"]) == 2


@pytest.fixture
def busy_agency_with(db):
    """An agency with n aliases, units, people, meetings and articles."""

    def make(n):
        agency = AgencyFactory(parent=AgencyFactory())
        for _ in range(n):
            AgencyAliasFactory(agency=agency)
            AgencyFactory(parent=agency)
            person = PersonFactory(agency=agency)
            meeting = MeetingFactory(
                series=MeetingSeriesFactory(), number=1, host=AgencyFactory()
            )
            MeetingParticipantFactory(meeting=meeting, agency=agency)
            MeetingAttendanceFactory(meeting=meeting, person=person)
            ArticleFactory(agencies=[agency], people=[person])
        return agency

    return make


# Fixed costs, whatever the size (the navigation from the cache, as after any
# first page): agency (with its aliases, units and people), article page with
# its count, meetings
AGENCY_QUERIES = 3
# person, article page with its count, meetings attended, and the other
# edition's articles (each person of busy_agency_with is in one article: few)
PERSON_QUERIES = 3 + OTHER_EDITION_QUERIES
MEETING_LIST_QUERIES = 2  # upcoming, past
AGENCY_LIST_QUERIES = 1  # agencies


@pytest.mark.parametrize("n", [6, 9])
def test_agency_and_people_pages_cost_the_same_however_busy(
    client, busy_agency_with, django_assert_num_queries, n, navigation_read
):
    agency = busy_agency_with(n)
    navigation_read()
    person = agency.people.first()
    for url, queries in [
        (agency.get_absolute_url(), AGENCY_QUERIES),
        (person.get_absolute_url(), PERSON_QUERIES),
        ("/meetings/", MEETING_LIST_QUERIES),
        ("/agencies/", AGENCY_LIST_QUERIES),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_a_meeting_with_a_country_and_no_city_names_it_as_the_country(client, db):
    """An online meeting hosted from the Philippines had "Kota: Filipina"."""
    online = MeetingFactory(city="", country="PH")
    facts = re.sub(
        r"\s+",
        " ",
        re.sub(r"<[^>]+>", " ", text(client.get(online.get_absolute_url()))),
    )
    assert f"Negara {country_name('PH')}" in facts
    assert "Kota" not in facts
    in_jakarta = MeetingFactory(city="Jakarta", country="ID")
    facts = re.sub(
        r"\s+",
        " ",
        re.sub(r"<[^>]+>", " ", text(client.get(in_jakarta.get_absolute_url()))),
    )
    assert f"Kota Jakarta, {country_name('ID')}" in facts
