import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.models import MeetingAttendance, MeetingParticipant
from tests.agencies.factories import (
    AgencyAliasFactory,
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_an_agency_reads_as_its_acronym_and_country(bnpt, agencies):
    assert str(bnpt) == "BNPT (ID)"
    assert str(agencies["NICA"]) == "NICA (PH)"


def test_an_agency_without_acronym_reads_as_its_name():
    agency = AgencyFactory(acronym="", name="Kementerian Luar Negeri", slug="kemlu")
    assert str(agency) == "Kementerian Luar Negeri"
    assert agency.display_name == "Kementerian Luar Negeri"


def test_an_agency_display_name_carries_the_acronym(bnpt):
    assert bnpt.display_name == "Badan Nasional Penanggulangan Terorisme (BNPT)"


def test_an_agency_page_lives_under_its_slug(bnpt):
    assert bnpt.get_absolute_url() == "/agencies/bnpt/"


def test_an_alias_reads_as_itself(agencies):
    assert str(agencies["PPATK"].aliases.get()) == "INTRAC"


def test_the_same_alias_cannot_be_given_twice_to_one_agency(agencies):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyAliasFactory(agency=agencies["PPATK"], name="INTRAC")


def test_two_countries_may_use_the_same_acronym_but_one_country_may_not():
    AgencyFactory(acronym="BI", country="ID", slug="bi-id")
    AgencyFactory(acronym="BI", country="PH", slug="bi-ph")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyFactory(acronym="BI", country="ID", slug="bi-id-2")


def test_an_agency_cannot_be_its_own_parent(bnpt):
    bnpt.parent = bnpt
    with pytest.raises(ValidationError) as error:
        bnpt.full_clean()
    assert "parent" in error.value.message_dict


def test_an_agency_cannot_be_the_parent_of_its_own_parent(agencies):
    bnpt, bin_ = agencies["BNPT"], agencies["BIN"]
    bin_.parent = bnpt
    bin_.save()
    bnpt.parent = bin_
    with pytest.raises(ValidationError) as error:
        bnpt.full_clean()
    assert "parent" in error.value.message_dict


def test_a_longer_cycle_of_parents_is_refused_too(agencies):
    bnpt, bin_, bssn = agencies["BNPT"], agencies["BIN"], agencies["BSSN"]
    bin_.parent = bnpt
    bin_.save()
    bssn.parent = bin_
    bssn.save()
    bnpt.parent = bssn
    with pytest.raises(ValidationError):
        bnpt.full_clean()


def test_an_embassy_may_belong_to_its_foreign_ministry(agencies):
    kemlu = AgencyFactory(
        acronym="Kemlu", name="Kementerian Luar Negeri", kind="ministry", slug="kemlu"
    )
    embassy = agencies["KBRI Manila"]
    embassy.parent = kemlu
    embassy.full_clean()
    embassy.save()
    assert list(kemlu.children.all()) == [embassy]


def test_a_person_reads_as_their_name_and_has_a_page(officials):
    boy = officials["Amar"]
    assert str(boy) == "Boy Rafli Amar"
    assert boy.get_absolute_url() == "/people/boy-rafli-amar/"


def test_a_meeting_series_reads_as_its_name_and_links_to_its_place_in_the_list(
    jwg_series,
):
    assert str(jwg_series) == (
        "Philippines-Indonesia Joint Working Group on Combating International Terrorism"
    )
    assert (
        jwg_series.get_absolute_url() == "/meetings/#series-jwg-philippines-indonesia"
    )


def test_a_meeting_reads_as_its_title_and_has_a_page(jwg4):
    assert str(jwg4) == (
        "4th Philippines-Indonesia JWG on Combating International Terrorism"
    )
    assert jwg4.get_absolute_url() == "/meetings/4th-jwg-philippines-indonesia/"


def test_the_4th_jwg_lasted_four_hours(jwg4):
    assert jwg4.duration == dt.timedelta(hours=4)


def test_a_meeting_without_an_end_has_no_duration(jwg3):
    assert jwg3.duration is None


def test_sessions_participants_and_attendances_read_sensibly(jwg4, officials, english):
    session = jwg4.sessions.first()
    assert str(session) == session.title
    host = jwg4.participants.get(agency__acronym="BNPT")
    assert str(host) == "BNPT (ID) – Host"
    opening = jwg4.attendances.get(person=officials["Amar"])
    assert str(opening) == "Boy Rafli Amar – Opened the meeting"


def test_the_4th_jwg_has_its_seven_sessions_in_agenda_order(jwg4):
    titles = list(jwg4.sessions.values_list("title", flat=True))
    assert len(titles) == 7
    assert titles[0].startswith("Threat assessments")
    assert titles[-1] == "Building capacity and capability"


def test_sessions_follow_their_order_not_the_order_they_were_typed_in():
    meeting = MeetingFactory()
    MeetingSessionFactory(meeting=meeting, order=2, title="Border control")
    MeetingSessionFactory(meeting=meeting, order=1, title="Threat assessments")
    assert [s.title for s in meeting.sessions.all()] == [
        "Threat assessments",
        "Border control",
    ]


# Meeting.clean


def test_a_meeting_must_end_after_it_starts(jwg4):
    jwg4.end = jwg4.start - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        jwg4.full_clean()
    assert "end" in error.value.message_dict


def test_a_meeting_may_not_end_the_moment_it_starts(jwg4):
    jwg4.end = jwg4.start
    with pytest.raises(ValidationError) as error:
        jwg4.full_clean()
    assert "end" in error.value.message_dict


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(jwg4):
    jwg4.end = jwg4.start - dt.timedelta(hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        jwg4.save()


def test_a_meeting_number_needs_a_series():
    meeting = MeetingFactory.build(number=4, series=None)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "number" in error.value.message_dict


def test_a_complete_meeting_is_valid(jwg4):
    jwg4.full_clean()


def test_a_meeting_time_zone_must_be_a_real_one(jwg4):
    jwg4.timezone = "Asia/Atlantis"
    with pytest.raises(ValidationError) as error:
        jwg4.full_clean()
    assert "timezone" in error.value.message_dict


def test_two_meetings_of_one_series_cannot_share_a_number(jwg4, jwg_series):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(series=jwg_series, number=4)


# Neighbours in a series


def test_the_4th_jwg_follows_the_3rd(jwg3, jwg4):
    assert jwg4.previous_in_series() == jwg3
    assert jwg3.next_in_series() == jwg4


def test_the_latest_meeting_has_no_next_and_the_first_no_previous(jwg3, jwg4):
    assert jwg4.next_in_series() is None
    assert jwg3.previous_in_series() is None


def test_neighbours_skip_gaps_in_the_numbering(jwg_series, jwg3, jwg4):
    # The archive lacks the 2nd meeting: the 3rd links back to the 1st.
    first = MeetingFactory(series=jwg_series, number=1)
    assert jwg3.previous_in_series() == first
    assert first.next_in_series() == jwg3


def test_neighbours_come_from_the_number_not_the_date(jwg_series, jwg3, jwg4):
    # A 5th meeting entered with an earlier date is still the next one.
    fifth = MeetingFactory(series=jwg_series, number=5, start=jwg3.start)
    assert jwg4.next_in_series() == fifth


def test_neighbours_never_come_from_another_series(jwg3, jwg4):
    other = MeetingSeriesFactory()
    MeetingFactory(series=other, number=3)
    MeetingFactory(series=other, number=5)
    assert jwg4.previous_in_series() == jwg3
    assert jwg4.next_in_series() is None


def test_a_meeting_outside_any_series_has_no_neighbours(jwg4):
    lone = MeetingFactory(series=None, number=None)
    assert lone.previous_in_series() is None
    assert lone.next_in_series() is None


def test_an_unnumbered_meeting_in_a_series_has_no_neighbours(jwg_series, jwg4):
    unnumbered = MeetingFactory(series=jwg_series, number=None)
    assert unnumbered.previous_in_series() is None
    assert unnumbered.next_in_series() is None


# Participants and attendances


def test_a_participant_without_delegation_joins_its_agency_country(jwg4):
    participant = MeetingParticipant(
        meeting=MeetingFactory(), agency=jwg4.host, country=""
    )
    participant.full_clean()
    assert participant.country == "ID"


def test_an_agency_takes_part_in_a_meeting_once(jwg4, bnpt):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingParticipantFactory(meeting=jwg4, agency=bnpt)


def test_a_person_holds_each_role_at_a_meeting_once(jwg4, officials):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingAttendanceFactory(
            meeting=jwg4, person=officials["Amar"], role=MeetingAttendance.Role.OPENED
        )
