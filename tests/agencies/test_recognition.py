"""Recognition of the registry in wire copy (agencies/recognition): every rule
of issue #11's "Recognition", on texts in the shape of the BNPT sample (one
paragraph a line, a dateline, acronyms, officials with their positions),
written for these tests.

The registry is the conftest's (the sample's agencies, officials and JWG
meetings) plus both agencies called "BI": Bank Indonesia and the Philippine
Bureau of Immigration.
"""

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from agencies.models import Agency, AgencyAlias
from agencies.recognition import (
    Registry,
    State,
    built_registry,
    current_registry,
    forget_registry,
    recognise,
)
from agencies.services import agency_delete, agency_save
from tests.agencies.factories import (
    AgencyFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_registry_from_another_test():
    forget_registry()


@pytest.fixture
def bank_indonesia(db):
    return AgencyFactory(
        acronym="BI",
        name="Bank Indonesia",
        name_en="Bank Indonesia",
        country="ID",
        slug="bi-id",
    )


@pytest.fixture
def immigration(db):
    return AgencyFactory(
        acronym="BI", name="Bureau of Immigration", country="PH", slug="bi-ph"
    )


@pytest.fixture
def registry(agencies, officials, jwg4, bank_indonesia, immigration):
    """The whole registry of these tests, built from the database."""
    return Registry.build()


def found(recognition, state=None):
    """{acronym or name as written: agency} of the agency matches."""
    return {
        match.written: match.agency
        for match in recognition.agencies
        if state is None or match.state == state
    }


def match_for(recognition, agency):
    return next(m for m in recognition.agencies if m.agency == agency)


def unknown(recognition):
    return {u.acronym: u.expansion for u in recognition.unknown_acronyms}


# Acronyms: on word boundaries, case-sensitive ------------------------------


def test_acronyms_of_the_registry_are_linked_where_they_stand_alone(registry, agencies):
    text = (
        "DM – BNPT menggelar rapat koordinasi bersama BIN, PPATK,BSSN dan "
        "_NICA_ di Jakarta, Senin (7/3).\n"
        "Rapat itu membahas pendanaan terorisme (BNPT-PPATK)."
    )
    result = recognise(text, registry=registry)
    assert {m.agency.acronym for m in result.agencies} == {
        "BNPT",
        "BIN",
        "PPATK",
        "BSSN",
        "NICA",
    }
    assert all(m.state == State.LINKED for m in result.agencies)
    bnpt = match_for(result, agencies["BNPT"])
    assert [(m.paragraph, m.written) for m in bnpt.mentions] == [
        (0, "BNPT"),
        (1, "BNPT"),
    ]


def test_bin_never_matches_bi(registry, bank_indonesia, immigration):
    result = recognise("Kepala BIN menerima kunjungan delegasi.", registry=registry)
    assert [m.agency.acronym for m in result.agencies] == ["BIN"]
    candidates = [c for match in result.agencies for c in match.candidates]
    assert bank_indonesia not in candidates and immigration not in candidates


def test_bi_in_other_cases_or_inside_words_never_matches(registry):
    text = (
        "Bi dan bi bukan singkatan. Kerja sama bilateral dan Bisnis digital "
        "dibahas; BIx, xBI dan BI2 juga bukan BI-nya siapa pun"
    )
    result = recognise(text, registry=registry)
    # only the last, "BI-nya": a hyphen is a boundary
    assert [(m.start, m.written) for a in result.agencies for m in a.mentions] == [
        (text.rindex("BI-nya"), "BI")
    ]


def test_official_and_english_names_and_aliases_are_matched_in_any_case(
    registry, agencies
):
    text = (
        "Perwakilan badan intelijen negara dan the National Cyber and Crypto "
        "Agency hadir.\n"
        "Laporan INTRAC dibahas bersama Anti-Money Laundering Council."
    )
    result = recognise(text, registry=registry)
    assert found(result, State.LINKED) == {
        "badan intelijen negara": agencies["BIN"],
        "National Cyber and Crypto Agency": agencies["BSSN"],
        "INTRAC": agencies["PPATK"],
        "Anti-Money Laundering Council": agencies["AMLC"],
    }


def test_an_alias_in_capitals_is_an_acronym_and_matches_only_in_capitals(
    registry, agencies
):
    result = recognise("Data dari Intrac dan intrac tidak cukup.", registry=registry)
    assert result.agencies == []


def test_the_longest_name_wins_where_two_overlap(registry, agencies):
    result = recognise("Staf KBRI Manila ikut hadir.", registry=registry)
    assert [m.agency for m in result.agencies] == [agencies["KBRI Manila"]]


# Two agencies called BI ----------------------------------------------------


def test_bank_indonesia_named_in_full_before_bi_links_bank_indonesia(
    registry, bank_indonesia
):
    text = (
        "JAKARTA – Bank Indonesia (BI) bersama BIN dan PPATK menelusuri aliran "
        "dana kelompok teror, Selasa (8/3).\n"
        "Menurut BI, transaksi mencurigakan meningkat selama pandemi."
    )
    result = recognise(text, registry=registry)
    match = match_for(result, bank_indonesia)
    assert match.state == State.LINKED
    assert "Bank Indonesia" in match.reason
    assert [m.written for m in match.mentions] == [
        "Bank Indonesia",
        "BI",
        "BI",
    ]
    assert bank_indonesia in result.linked_agencies


def test_bi_followed_by_its_name_links_that_agency(registry, immigration):
    text = "Petugas BI (Bureau of Immigration) memeriksa dokumen perjalanan."
    result = recognise(text, registry=registry)
    assert found(result) == {"BI": immigration}
    assert result.agencies[0].state == State.LINKED


def test_bi_is_decided_by_the_full_name_elsewhere_in_the_text(registry, bank_indonesia):
    text = (
        "Gubernur Bank Indonesia membuka forum keuangan syariah.\n"
        "Dalam forum itu BI menekankan pentingnya pengawasan."
    )
    result = recognise(text, registry=registry)
    assert match_for(result, bank_indonesia).state == State.LINKED
    assert len(match_for(result, bank_indonesia).mentions) == 2


def test_bi_listed_with_philippine_agencies_is_suggested_as_the_bureau_of_immigration(
    registry, agencies, immigration
):
    # The sample's last paragraph: a long sentence with many Indonesian
    # agencies, the Philippine ones in a list of their own.
    text = (
        "Turut hadir pejabat dari BNPT, BIN, PPATK dan BSSN serta delegasi "
        "Filipina yang terdiri dari NICA, AMLC, BI, DOG, dan ATCPMC."
    )
    result = recognise(text, registry=registry)
    match = match_for(result, immigration)
    assert match.state == State.SUGGESTED
    assert "Philippines" in match.reason or "Filipina" in match.reason
    assert immigration not in result.linked_agencies
    assert {m.agency.acronym for m in result.agencies if m.state == State.LINKED} == {
        "BNPT",
        "BIN",
        "PPATK",
        "BSSN",
        "NICA",
        "AMLC",
    }


def test_bi_in_a_sentence_of_indonesian_agencies_is_suggested_as_bank_indonesia(
    registry, bank_indonesia
):
    text = (
        "Satgas gabungan BNPT menggandeng BIN untuk menelusuri rekening yang "
        "dilaporkan BI kepada penyidik pekan lalu."
    )
    result = recognise(text, registry=registry)
    match = match_for(result, bank_indonesia)
    assert match.state == State.SUGGESTED
    assert match.reason


def test_bi_is_decided_by_its_paragraph_when_its_sentence_says_nothing(
    registry, immigration
):
    text = (
        "Delegasi Filipina dipimpin NICA dan AMLC. Petugas BI juga ikut.\n"
        "Di paragraf lain BNPT, BIN dan PPATK bertemu."
    )
    result = recognise(text, registry=registry)
    assert found(result, State.SUGGESTED) == {"BI": immigration}


def test_bi_next_to_the_meeting_takes_the_meeting_hosts_country(
    registry, bank_indonesia, jwg4
):
    # The 4th JWG was hosted by BNPT: an Indonesian meeting.
    result = recognise("Pada JWG ke-4 BI memaparkan data.", registry=registry)
    assert found(result, State.SUGGESTED) == {"BI": bank_indonesia}
    assert result.meeting.meeting == jwg4


def test_bi_with_no_context_is_ambiguous_and_never_linked(
    registry, bank_indonesia, immigration
):
    result = recognise("Pejabat BI menolak berkomentar.", registry=registry)
    [match] = result.agencies
    assert match.state == State.AMBIGUOUS
    assert match.agency is None
    assert set(match.candidates) == {bank_indonesia, immigration}
    assert result.linked_agencies == []


def test_bi_with_as_many_agencies_of_each_country_around_it_is_ambiguous(registry):
    text = "Rapat dihadiri BNPT, NICA, BI, BIN dan AMLC."
    result = recognise(text, registry=registry)
    assert [m.state for m in result.agencies if m.written == "BI"] == [State.AMBIGUOUS]


# An expansion that contradicts the registry --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Laporan BI (Badan Intelijen) diserahkan ke BNPT.",
        "Laporan Badan Intelijen (BI) diserahkan ke BNPT. BI menolak berkomentar.",
    ],
)
def test_an_expansion_contradicting_the_registrys_only_bi_is_offered_as_new(
    text, agencies, bank_indonesia
):
    registry = Registry.build()  # Bank Indonesia is the only BI here
    result = recognise(text, registry=registry)
    assert bank_indonesia not in [m.agency for m in result.agencies]
    assert all(c != bank_indonesia for m in result.agencies for c in m.candidates)
    [offered] = [u for u in result.unknown_acronyms if u.acronym == "BI"]
    assert offered.expansion == "Badan Intelijen"
    assert offered.conflicts_with == [bank_indonesia]
    assert [m.written for m in offered.mentions] == ["BI"] * text.count("BI")


def test_an_english_expansion_agreeing_with_the_registry_is_no_contradiction(
    registry, agencies
):
    text = "State Intelligence Agency (BIN) dan National Counter-Terrorism (BNPT)."
    result = recognise(text, registry=registry)
    # BIN by its English name; "(BNPT)" after words that do not spell it
    # but are much like its English name.
    assert result.linked_agencies == [agencies["BIN"], agencies["BNPT"]]
    assert result.unknown_acronyms == []


# Unknown acronyms ----------------------------------------------------------


def test_unknown_acronyms_are_listed_with_their_expansion_when_the_text_gives_one(
    registry,
):
    text = (
        "DM – BNPT dan Otoritas Jasa Keuangan (OJK) membentuk CSIRT bersama.\n"
        "CSIRT (Computer Security Incident Response Team) itu melapor ke OJK.\n"
        "Pelatihan CVE juga digelar."
    )
    result = recognise(text, registry=registry)
    assert unknown(result) == {
        "OJK": "Otoritas Jasa Keuangan",
        "CSIRT": "Computer Security Incident Response Team",
        "CVE": "",
    }
    ojk = result.unknown_acronyms[0]
    assert [(m.paragraph, m.written) for m in ojk.mentions] == [(0, "OJK"), (1, "OJK")]


def test_unknown_acronyms_without_expansion_have_none(registry):
    result = recognise("Tim CSIRT dan OJK hadir.", registry=registry)
    assert unknown(result) == {"CSIRT": "", "OJK": ""}
    assert result.as_dict()["unknown_acronyms"][0]["expansion"] is None


def test_datelines_roman_numerals_urls_series_and_common_capitals_are_not_unknown(
    registry,
):
    text = (
        "JAKARTA – Tahap II program ditayangkan di BNPT TV dan "
        "https://example.org/CSIRT/OJK, dibahas di JWG.\n"
        "KTN dibahas pada sesi XIV."
    )
    result = recognise(text, registry=registry)
    assert unknown(result) == {"KTN": ""}


# People --------------------------------------------------------------------


def test_people_are_found_with_the_position_written_before_or_after_the_name(
    registry, officials
):
    text = (
        "Pertemuan dibuka oleh Kepala BNPT, Boy Rafli Amar, dengan sambutan "
        "Andhika Chrisnayudhanto, Deputi Bidang Kerja Sama Internasional, "
        "dan Kepala Delegasi Filipina, Damian L. Carlos."
    )
    result = recognise(text, registry=registry)
    assert {m.person.name: m.position for m in result.people} == {
        "Boy Rafli Amar": "Kepala BNPT",
        "Andhika Chrisnayudhanto": "Deputi Bidang Kerja Sama Internasional",
        "Damian L. Carlos": "Kepala Delegasi Filipina",
    }
    assert all(m.state == State.LINKED for m in result.people)


def test_a_name_with_no_position_next_to_it_has_none(registry, officials):
    text = (
        "Menurut Boy Rafli Amar pandemi tidak menghentikan propaganda.\n"
        "Boy Rafli Amar, Andhika Chrisnayudhanto dan Damian L. Carlos berfoto."
    )
    result = recognise(text, registry=registry)
    assert {m.person.name: m.position for m in result.people} == {
        "Boy Rafli Amar": "",
        "Andhika Chrisnayudhanto": "",
        "Damian L. Carlos": "",
    }
    assert len(result.people[0].mentions) == 2


def test_names_are_found_however_their_accents_are_written(registry, officials):
    """A tester's copy wrote "Damián": he was neither linked nor offered. The
    registry's "Pérez" is found as "Perez" too; what is shown is as written."""
    PersonFactory(name="José Pérez", slug="jose-perez", agency=None)
    text = (
        "Kepala Delegasi Filipina, Damián L. Carlos, dan DAMIAN L. CARLOS. "
        "Hadir pula Jose Perez."
    )
    result = recognise(text, registry=Registry.build())
    found = {m.person.name: [x.written for x in m.mentions] for m in result.people}
    assert found == {
        "Damian L. Carlos": ["Damián L. Carlos", "DAMIAN L. CARLOS"],
        "José Pérez": ["Jose Perez"],
    }
    assert all(m.state == State.LINKED for m in result.people)


def test_two_people_of_the_same_name_are_ambiguous(registry, officials):
    PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar-2", agency=None)
    result = recognise("Boy Rafli Amar hadir.", registry=Registry.build())
    [match] = result.people
    assert match.state == State.AMBIGUOUS
    assert match.person is None
    assert len(match.candidates) == 2


# Meetings ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "BNPT menggelar JWG ke-4 secara hybrid.",
        "BNPT menyelenggarakan _The 4th Joint Working Group (JWG) on Combating "
        "International Terrorism Philippines-Indonesia_ secara hybrid.",
        "Pertemuan ke-4 JWG PH-ID digelar secara hybrid.",
        "The fourth JWG was held online.",
        "JWG keempat digelar secara hybrid.",
    ],
)
def test_the_meeting_is_found_by_series_and_ordinal(text, registry, jwg4):
    result = recognise(text, registry=registry)
    assert result.meeting is not None
    assert (result.meeting.meeting, result.meeting.number) == (jwg4, 4)
    assert result.meeting.series == jwg4.series


def test_an_earlier_meeting_mentioned_is_offered_as_the_previous_one(
    registry, jwg3, jwg4
):
    text = (
        "BNPT menyelenggarakan The 4th Joint Working Group (JWG) on Combating "
        "International Terrorism Philippines-Indonesia, Kamis (24/3).\n"
        "JWG tersebut digelar sebagai tindak lanjut sejak pelaksanaan JWG ke-3 "
        "pada September 2019."
    )
    result = recognise(text, registry=registry)
    assert result.meeting.meeting == jwg4
    assert [(p.meeting, p.number) for p in result.meeting.previous] == [(jwg3, 3)]
    assert result.previous_meetings == result.meeting.previous
    [mention] = result.meeting.previous[0].mentions
    assert (mention.written, mention.paragraph) == ("JWG ke-3", 1)
    assert "JWG" not in unknown(result)


def test_a_text_about_an_earlier_meeting_only_has_no_meeting_of_its_own(registry, jwg3):
    result = recognise("Hasil JWG ke-3 tahun lalu dievaluasi.", registry=registry)
    assert result.meeting is None
    assert [p.meeting for p in result.previous_meetings] == [jwg3]


def test_a_dated_meeting_is_the_storys_own_unless_another_is_not_dated(
    registry, jwg3, jwg4
):
    # A date after a mention says when it was held, not that it was earlier:
    # it counts only against a mention without one.
    alone = recognise("JWG ke-4 pada 24 Maret 2022 dibuka BNPT.", registry=registry)
    assert alone.meeting.meeting == jwg4
    both = recognise(
        "JWG ke-4 dibuka BNPT. JWG ke-3 pada September 2019 di Manila.",
        registry=registry,
    )
    assert both.meeting.meeting == jwg4
    assert [p.meeting for p in both.meeting.previous] == [jwg3]


def test_a_meeting_the_registry_does_not_have_yet_is_found_without_a_meeting(
    registry, jwg_series
):
    result = recognise("BNPT bersiap menggelar JWG ke-5.", registry=registry)
    assert (result.meeting.series, result.meeting.number) == (jwg_series, 5)
    assert result.meeting.meeting is None


def test_an_ordinal_next_to_words_of_no_series_is_no_meeting(registry):
    result = recognise(
        "Kedua negara menggelar Rapat ke-4 dan the 2nd Bilateral Dialogue.",
        registry=registry,
    )
    assert result.meeting is None and result.previous_meetings == []


def test_a_series_written_alike_is_decided_by_the_one_the_text_names(
    registry, jwg_series, jwg4
):
    other = MeetingSeriesFactory(
        name="Malaysia-Indonesia Joint Working Group on Counter Terrorism",
        short_name="JWG MY-ID",
        slug="jwg-my-id",
    )
    MeetingFactory(series=other, number=4, slug="jwg-my-id-4")
    text = (
        "The 4th Joint Working Group on Combating International Terrorism "
        "Philippines-Indonesia digelar.\nJWG ke-4 berlangsung empat jam."
    )
    result = recognise(text, registry=registry)
    assert result.meeting.meeting == jwg4
    assert len(result.meeting.mentions) == 2
    assert recognise("JWG ke-4 berlangsung.", registry=registry).meeting is None


# Where each was found ------------------------------------------------------


def test_each_mention_tells_its_paragraph_offset_and_context(registry, agencies):
    text = (
        "DM – Pembukaan.\n\n"
        "Paragraf kedua menyebut BNPT di tengah kalimat yang cukup panjang untuk "
        "dipotong pada kedua sisinya oleh cuplikan konteks yang ditampilkan "
        "kepada editor di halaman admin."
    )
    result = recognise(text, registry=registry)
    [mention] = match_for(result, agencies["BNPT"]).mentions
    assert mention.paragraph == 1
    assert mention.offset == text.index("BNPT")
    assert "menyebut BNPT di tengah" in mention.context
    assert mention.context.endswith("…")
    assert len(mention.context) < 140


def test_the_json_shape_gives_agencies_people_meeting_and_unknown_acronyms(
    registry, agencies, officials, jwg4
):
    text = (
        "DM – Kepala BNPT, Boy Rafli Amar, membuka JWG ke-4 bersama NICA, AMLC "
        "dan BI serta Kawasan Terpadu Nusantara (KTN)."
    )
    data = json.loads(json.dumps(recognise(text, registry=registry).as_dict()))
    assert set(data) >= {"agencies", "people", "meeting", "unknown_acronyms"}
    bnpt = data["agencies"][0]
    assert {k: bnpt[k] for k in ("acronym", "name", "country", "state")} == {
        "acronym": "BNPT",
        "name": "Badan Nasional Penanggulangan Terorisme",
        "country": "ID",
        "state": "linked",
    }
    assert bnpt["found"] == [
        {
            "paragraph": 0,
            "offset": text.index("BNPT"),
            "text": "BNPT",
            "context": bnpt["found"][0]["context"],
        }
    ]
    bi = next(a for a in data["agencies"] if a["acronym"] == "BI")
    assert bi["state"] == "suggested" and bi["country"] == "PH"
    assert data["people"][0]["name"] == "Boy Rafli Amar"
    assert data["people"][0]["position"] == "Kepala BNPT"
    assert {k: data["meeting"][k] for k in ("id", "title", "series", "number")} == {
        "id": jwg4.pk,
        "title": jwg4.title,
        "series": "JWG PH-ID",
        "number": 4,
    }
    assert data["unknown_acronyms"] == [
        {
            "acronym": "KTN",
            "expansion": "Kawasan Terpadu Nusantara",
            "conflicts_with": [],
            "found": data["unknown_acronyms"][0]["found"],
        }
    ]


def test_an_empty_text_finds_nothing_and_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert recognise("  \n ").as_dict() == {
            "agencies": [],
            "people": [],
            "meeting": None,
            "previous_meetings": [],
            "unknown_acronyms": [],
        }


# The registry: built once, rebuilt when it changes -------------------------

SAMPLE_SHAPE = (
    "DM – Kepala BNPT, Boy Rafli Amar, membuka The 4th Joint Working Group "
    "(JWG) bersama BIN, PPATK dan BSSN, Kamis (24/3).\n"
    "JWG ini menyusul JWG ke-3 pada September 2019. Delegasi Filipina terdiri "
    "dari NICA, AMLC dan BI; Kawasan Terpadu Nusantara (KTN) juga dibahas."
)


def test_a_warm_registry_costs_three_queries_whatever_the_text_or_registry(
    agencies, officials, jwg4, immigration, django_assert_num_queries
):
    with django_assert_num_queries(4 + 3):  # the build, then the call's own
        recognise(SAMPLE_SHAPE)
    # the registry's version, the meeting series, the meetings by number
    with django_assert_num_queries(3):
        recognise(SAMPLE_SHAPE)
    with django_assert_num_queries(3):
        recognise(SAMPLE_SHAPE * 20 + "\nBank Indonesia, CSIRT, Damian L. Carlos")
    with django_assert_num_queries(2):  # no meeting named: none looked up
        recognise("BNPT dan NICA, Boy Rafli Amar.")


def test_the_agencies_found_are_the_callers_own_copies(agencies):
    first = recognise("BNPT hadir.").linked_agencies[0]
    first.name = "Changed by a caller"
    again = recognise("BNPT hadir.").linked_agencies[0]
    assert again == first and again is not first
    assert again.name == "Badan Nasional Penanggulangan Terorisme"
    assert again._state.adding is False


def test_the_registry_is_built_once_and_reused_while_nothing_changes(agencies):
    first = current_registry()
    assert current_registry() is first
    assert built_registry() is first


def test_saving_an_agency_through_the_service_forgets_the_registry(agencies, editor):
    before = current_registry()
    agency = Agency(acronym="BNN", name="Badan Narkotika Nasional", slug="bnn")
    agency.country = "ID"
    agency_save(agency=agency, user=editor, aliases=[AgencyAlias(name="NNB")])
    assert built_registry() is None  # the signal, in this process at once
    result = recognise("BNN dan NNB bekerja sama.")
    assert current_registry() is not before
    assert [m.agency for m in result.agencies] == [agency]


def test_deleting_an_agency_through_the_service_forgets_the_registry(agencies, editor):
    assert [m.written for m in recognise("NICA hadir.").agencies] == ["NICA"]
    agency_delete(agencies=[agencies["NICA"]], user=editor)
    assert built_registry() is None
    assert recognise("NICA hadir.").agencies == []
    assert unknown(recognise("NICA hadir.")) == {"NICA": ""}


def test_a_change_the_signals_do_not_announce_is_seen_by_the_version(agencies):
    # Another process's save, an edit of a person in the admin: no signal
    # reaches this process, the version query sees it.
    assert recognise("Komjen Rycko Amelza Dahniel hadir.").people == []
    PersonFactory(name="Rycko Amelza Dahniel", slug="rycko")
    assert [m.written for m in recognise("Rycko Amelza Dahniel hadir.").people] == [
        "Rycko Amelza Dahniel"
    ]
    AgencyFactory(acronym="OJK", name="Otoritas Jasa Keuangan", slug="ojk")
    assert [m.written for m in recognise("OJK dan BIN").agencies] == ["OJK", "BIN"]


# Properties ----------------------------------------------------------------

PROPERTIES = hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PIECES = [
    "BI",
    "BIN",
    "Bi",
    "bI",
    "BNPT",
    "KBRI Manila",
    "Bank Indonesia",
    "bank indonesia",
    "Badan Intelijen",
    "Boy Rafli Amar",
    "Kepala BNPT",
    "JWG",
    "ke-3",
    "ke-",
    "4th",
    "The 4th Joint Working Group",
    "pada September 2019",
    "CSIRT",
    "XIV",
    "https://",
    "(",
    ")",
    ", ",
    " ",
    "\n",
    "\n\n",
    "_",
    "–",
    ".",
    "İ",
    "ß",
    "ǅ",
    "\u0301",
]
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40
).map("".join)


def every_mention(result):
    for match in result.agencies:
        yield "agency", match.mentions
    for match in result.people:
        yield "person", match.mentions
    meetings = [result.meeting] if result.meeting else []
    for match in meetings + result.previous_meetings:
        yield "meeting", match.mentions
    for match in result.unknown_acronyms:
        yield "unknown", match.mentions


@PROPERTIES
@given(text=texts)
def test_recognition_never_fails_and_every_mention_points_at_its_text(registry, text):
    result = recognise(text, registry=registry)
    json.dumps(result.as_dict())
    paragraphs = max(text.count("\n") + 1, 1)
    for kind, mentions in every_mention(result):
        assert mentions, kind
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.written
            assert mention.written.strip() == mention.written != ""
            assert 0 <= mention.paragraph < paragraphs
            assert mention.written in mention.context or "\n" in mention.written


@PROPERTIES
@given(text=texts)
def test_an_acronym_match_is_always_bounded_by_non_word_characters(registry, text):
    result = recognise(text, registry=registry)
    acronyms = {entry.acronym for entry in registry.agencies.values()} | {"INTRAC"}
    for match in result.agencies:
        for mention in match.mentions:
            before = text[mention.start - 1] if mention.start else " "
            after = text[mention.end] if mention.end < len(text) else " "
            assert not before.isalnum() and not after.isalnum()
            if mention.written.lower() in {a.lower() for a in acronyms}:
                assert mention.written in acronyms  # same case: never "Bi"
    for acronym in result.unknown_acronyms:
        for mention in acronym.mentions:
            assert not text[mention.start - 1 : mention.start].isalnum()
            assert not text[mention.end : mention.end + 1].isalnum()


# Long lists ----------------------------------------------------------------


class CountingPattern:
    """LIST_GAP, counting how often a gap between two items is read."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.reads = 0

    def fullmatch(self, *args):
        self.reads += 1
        return self.pattern.fullmatch(*args)


def long_philippine_list(count: int) -> str:
    """NICA, then `count` acronyms the registry does not have with BI every
    tenth: one list, as a glossary of wire copy writes it."""
    letters = "ABCDEFGHJKLMNOPRSTUVWY"
    unknown = [f"Q{a}{b}" for a in letters for b in letters][:count]
    items = ["NICA"]
    for i, acronym in enumerate(unknown):
        items += ["BI", acronym] if i % 10 == 0 else [acronym]
    return "Delegasi Filipina: " + ", ".join(items) + "."


def test_every_member_of_a_long_list_takes_the_country_of_the_agencies_in_it(
    registry, immigration
):
    text = long_philippine_list(300)
    result = recognise(text, registry=registry)
    assert len(result.unknown_acronyms) == 300
    assert {u.country for u in result.unknown_acronyms} == {"PH"}
    [bi] = [m for m in result.agencies if m.written == "BI"]
    assert (bi.state, bi.agency) == (State.SUGGESTED, immigration)
    assert len(bi.mentions) == 30


def test_a_list_is_read_once_not_once_for_each_of_its_members(registry, monkeypatch):
    # The work done, not the time taken: each gap between two neighbours is
    # read once, where reading the whole list for each member (each unknown
    # acronym, each undecided BI) made a list of n items cost n² reads.
    from agencies.recognition import matching

    spy = CountingPattern(matching.LIST_GAP)
    monkeypatch.setattr(matching, "LIST_GAP", spy)
    text = long_philippine_list(300)
    items = text.count(", ") + 1  # NICA, 30 BI, 300 unknown acronyms
    result = recognise(text, registry=registry)
    assert len(result.unknown_acronyms) == 300
    assert spy.reads < items
