import datetime as dt

import pytest
from django.db import connection

from agencies.models import Agency, Meeting
from tests.agencies.factories import (
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
)

pytestmark = pytest.mark.django_db


def test_agencies_in_a_country_leave_out_the_other_delegation(agencies):
    philippine = Agency.objects.in_country("PH")
    assert {a.acronym for a in philippine} == {"NICA", "AMLC"}


def test_upcoming_meetings_are_those_not_started_yet_soonest_first(jwg3, jwg4):
    now = jwg4.start - dt.timedelta(days=1)
    later = MeetingFactory(start=jwg4.start + dt.timedelta(days=30))
    assert list(Meeting.objects.upcoming(now=now)) == [jwg4, later]


def test_past_meetings_are_those_started_latest_first(jwg3, jwg4):
    now = jwg4.start + dt.timedelta(hours=1)
    assert list(Meeting.objects.past(now=now)) == [jwg4, jwg3]


def test_a_meeting_starting_right_now_counts_as_past(jwg4):
    assert jwg4 in Meeting.objects.past(now=jwg4.start)
    assert jwg4 not in Meeting.objects.upcoming(now=jwg4.start)


def test_upcoming_and_past_default_to_the_current_time(jwg3, jwg4):
    tomorrow = MeetingFactory(start=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    assert list(Meeting.objects.upcoming()) == [tomorrow]
    assert list(Meeting.objects.past()) == [jwg4, jwg3]


def test_a_series_lists_its_meetings_by_number(jwg_series, jwg3, jwg4):
    MeetingFactory(series=MeetingSeriesFactory(), number=1)
    assert list(Meeting.objects.in_series(jwg_series)) == [jwg3, jwg4]


def test_a_meeting_involves_its_host_and_every_delegation_member(jwg4, agencies):
    for agency in agencies.values():
        assert list(Meeting.objects.involving(agency)) == [jwg4], agency


def test_a_host_that_also_sits_at_the_table_gets_the_meeting_once(jwg4, bnpt):
    assert jwg4.host == bnpt
    assert jwg4.participants.filter(agency=bnpt).exists()
    assert Meeting.objects.involving(bnpt).count() == 1


def test_a_meeting_hosted_but_not_attended_still_involves_the_host(bnpt):
    hosted = MeetingFactory(host=bnpt)
    assert hosted in Meeting.objects.involving(bnpt)


def test_meetings_of_other_agencies_are_not_involving(jwg4):
    outsider = AgencyFactory(acronym="Bakamla", slug="bakamla")
    assert list(Meeting.objects.involving(outsider)) == []


def test_meetings_attended_by_a_person_count_each_meeting_once(jwg4, officials):
    boy = officials["Amar"]
    MeetingAttendanceFactory(meeting=jwg4, person=boy, role=4)  # also led it
    assert list(Meeting.objects.attended_by(boy)) == [jwg4]


def test_a_meeting_page_loads_everything_in_a_fixed_number_of_queries(
    jwg4, django_assert_num_queries
):
    with django_assert_num_queries(4):  # meeting, sessions, delegations, people
        meeting = Meeting.objects.for_detail().get(pk=jwg4.pk)
        sessions = list(meeting.sessions.all())
        delegations = [
            (p.country, p.agency.acronym) for p in meeting.participants.all()
        ]
        people = [(a.person.name, a.agency) for a in meeting.attendances.all()]
        assert meeting.series.name and meeting.host.acronym == "BNPT"
    assert len(sessions) == 7
    assert [code for code, _ in delegations] == ["ID"] * 5 + ["PH"] * 2
    assert people[0][0] == "Boy Rafli Amar"


def test_delegations_list_the_host_first_then_by_role(jwg4):
    meeting = Meeting.objects.for_detail().get(pk=jwg4.pk)
    acronyms = [p.agency.acronym for p in meeting.participants.all()]
    assert acronyms == ["BNPT", "BIN", "BSSN", "KBRI Manila", "PPATK", "NICA", "AMLC"]


def test_a_participant_listed_with_another_delegation_sits_with_it(jwg4, agencies):
    # An Indonesian official seconded to the Philippine side, say.
    observer = AgencyFactory(acronym="Kejagung", slug="kejagung", country="ID")
    MeetingParticipantFactory(meeting=jwg4, agency=observer, country="PH", role=4)
    meeting = Meeting.objects.for_detail().get(pk=jwg4.pk)
    philippine = [
        p.agency.acronym for p in meeting.participants.all() if p.country == "PH"
    ]
    assert philippine == ["NICA", "AMLC", "Kejagung"]


# The agencies and meetings a reader's query names (shown above the search
# results): the query is read as the articles' search reads it.


def acronyms(agencies) -> list[str]:
    return [agency.acronym for agency in agencies]


def test_a_query_names_an_agency_by_acronym_or_alias_whatever_the_case(agencies):
    assert acronyms(Agency.objects.matching("nica")) == ["NICA"]
    assert acronyms(Agency.objects.matching("intrac")) == ["PPATK"]
    assert acronyms(Agency.objects.matching("BNPT dan NICA")) == ["BNPT", "NICA"]


def test_a_query_of_four_characters_or_more_may_be_part_of_a_name(agencies):
    assert acronyms(Agency.objects.matching("badan siber")) == ["BSSN"]
    assert acronyms(Agency.objects.matching("Money Laundering")) == ["AMLC"]
    assert acronyms(Agency.objects.matching("Cyber")) == ["BSSN"]  # English name
    # Three letters are an acronym or nothing: "Neg" is in two names.
    assert acronyms(Agency.objects.matching("Neg")) == []


def test_an_agency_with_two_matching_aliases_is_named_once(bnpt):
    bnpt.aliases.create(name="NCTA")
    bnpt.aliases.create(name="NCTA Indonesia")
    assert acronyms(Agency.objects.matching("NCTA")) == ["BNPT"]


def test_a_name_never_matches_across_an_agencys_two_names(bnpt):
    """The two names are searched as one text, a line apart (the indexed
    expression): the end of one and the start of the other are not a name."""
    bnpt.name_en = "National Counter Terrorism Agency"
    bnpt.save()
    assert acronyms(Agency.objects.matching("Terorisme National")) == []
    assert acronyms(Agency.objects.matching("Counter Terrorism")) == ["BNPT"]


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's indexes (CI runs it)"
)
def test_the_agencies_a_query_names_are_found_by_index(agencies):
    """The agencies' half of the search is one the indexes of migration 0008
    answer: with sequential scans priced out, none is left (a condition with
    the aliases' subquery in an OR read every agency whatever the indexes).
    (The few aliases of a test may be read through another index.)"""
    for query in ("nica", "badan siber", "Money Laundering"):
        sql, params = Agency.objects.matching(query).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row for (row,) in cursor.fetchall())
        assert "Seq Scan" not in plan, plan
        assert "agency_acronym_upper_idx" in plan, plan
        assert "agency_names_trgm_idx" in plan, plan


def test_operators_and_excluded_words_name_no_agency(agencies):
    assert acronyms(Agency.objects.matching("-NICA")) == []
    assert acronyms(Agency.objects.matching('"" - or &')) == []
    assert acronyms(Agency.objects.matching("   ")) == []


def test_a_query_names_the_meetings_holding_all_its_words_latest_first(jwg3, jwg4):
    MeetingFactory(title="ASEAN Ministerial Meeting on Transnational Crime")
    assert list(Meeting.objects.matching("Joint Working Group")) == [jwg4, jwg3]
    assert list(Meeting.objects.matching("JWG PH-ID")) == []  # not one word
    assert list(Meeting.objects.matching("4th terrorism")) == [jwg4]
    assert list(Meeting.objects.matching("ASEAN terrorism")) == []


def test_a_series_short_name_names_its_meetings(jwg3, jwg4):
    jwg4.series.short_name = "JWG"
    jwg4.series.save()
    assert list(Meeting.objects.matching("jwg")) == [jwg4, jwg3]


def test_a_meeting_is_named_by_its_english_title_and_series_names(jwg3, jwg4):
    """An English reader searches in English: the meeting's English title,
    its series' English name and English short name name it too."""
    jwg4.title = "Kelompok Kerja Bersama RI-Filipina ke-4"
    jwg4.title_en = "4th Indonesia-Philippines Joint Working Group"
    jwg4.save()
    jwg4.series.name = "Kelompok Kerja Bersama Penanggulangan Terorisme"
    jwg4.series.name_en = "Joint Working Group on Counter-Terrorism"
    jwg4.series.short_name = "KKB RI-PH"
    jwg4.series.short_name_en = "JWG-CT"
    jwg4.series.save()
    assert list(Meeting.objects.matching("Indonesia-Philippines")) == [jwg4]
    assert list(Meeting.objects.matching("counter-terrorism")) == [jwg4, jwg3]
    assert list(Meeting.objects.matching("jwg-ct")) == [jwg4, jwg3]
    # Each word anywhere: one in the title, one in the series' name.
    assert list(Meeting.objects.matching("ke-4 penanggulangan")) == [jwg4]


def test_an_empty_query_names_no_meeting(jwg4):
    assert list(Meeting.objects.matching(" - ")) == []
