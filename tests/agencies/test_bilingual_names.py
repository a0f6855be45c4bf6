"""Names on the agencies', people's and meetings' pages in the page's
language (issue 14): series, meetings, sessions, positions and agencies in
English on /en/, in Indonesian at the root, each falling back to the other
language where its own is empty."""

import pytest

from tests.agencies.factories import (
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def bnpt(db):
    return AgencyFactory(
        acronym="BNPT",
        name="Badan Nasional Penanggulangan Terorisme",
        name_en="National Counter Terrorism Agency",
        slug="bnpt",
        country="ID",
    )


@pytest.fixture
def kemlu(db):
    """An agency known by its name only (no acronym)."""
    return AgencyFactory(
        acronym="",
        name="Kementerian Luar Negeri",
        name_en="Ministry of Foreign Affairs",
        slug="kemlu",
        country="ID",
    )


@pytest.fixture
def meeting(bnpt, kemlu):
    """A meeting named in both languages, with a session, a delegation and an
    official, each named in both languages."""
    series = MeetingSeriesFactory(
        name="Kelompok Kerja Bersama Filipina-Indonesia",
        name_en="Philippines-Indonesia Joint Working Group",
        short_name="KKB PH-ID",
        short_name_en="JWG PH-ID",
        slug="jwg",
    )
    meeting = MeetingFactory(
        series=series,
        number=4,
        title="KKB ke-4 Filipina-Indonesia",
        title_en="4th Philippines-Indonesia JWG",
        summary="Pertemuan tahunan untuk berbagi intelijen.",
        summary_en="A yearly meeting to share intelligence.",
        slug="jwg-4",
        host=kemlu,
    )
    MeetingSessionFactory(
        meeting=meeting,
        title="Kontrol perbatasan",
        title_en="Border control",
        summary="Patroli bersama di laut.",
        summary_en="Joint patrols at sea.",
    )
    MeetingParticipantFactory(meeting=meeting, agency=bnpt)
    MeetingParticipantFactory(meeting=meeting, agency=kemlu)
    official = PersonFactory(
        name="Boy Rafli Amar",
        slug="boy-rafli-amar",
        position="Kepala BNPT",
        position_en="Head of BNPT",
        agency=bnpt,
    )
    MeetingAttendanceFactory(
        meeting=meeting,
        person=official,
        position_held="Kepala BNPT",
        position_held_en="Head of BNPT",
        agency=kemlu,  # shown by name: kemlu has no acronym
    )
    return meeting


@pytest.mark.parametrize(
    ("prefix", "shown", "hidden"),
    [
        (
            "/en",
            [
                "<h1>4th Philippines-Indonesia JWG</h1>",
                "Philippines-Indonesia Joint Working Group",
                ">JWG PH-ID</a>",  # breadcrumb: the series' short name
                "Border control</h3>",
                "Joint patrols at sea.",
                "A yearly meeting to share intelligence.",
                ", <bdi>Head of BNPT</bdi>",
                "(Ministry of Foreign Affairs)",
                "National Counter Terrorism Agency</a>",  # delegation
                ">Ministry of Foreign Affairs</a>",  # host
            ],
            ["KKB ke-4", "Kontrol perbatasan", "Patroli bersama", "Kepala BNPT"],
        ),
        (
            "",
            [
                "<h1>KKB ke-4 Filipina-Indonesia</h1>",
                "Kelompok Kerja Bersama Filipina-Indonesia",
                ">KKB PH-ID</a>",
                "Kontrol perbatasan</h3>",
                "Patroli bersama di laut.",
                "Pertemuan tahunan untuk berbagi intelijen.",
                ", <bdi>Kepala BNPT</bdi>",
                "(Kementerian Luar Negeri)",
                "Badan Nasional Penanggulangan Terorisme</a>",
                ">Kementerian Luar Negeri</a>",
            ],
            ["4th Philippines", "Border control", "Joint patrols", "Head of BNPT"],
        ),
    ],
)
def test_a_meeting_page_names_everything_in_its_editions_language(
    client, meeting, prefix, shown, hidden
):
    page = html(client, prefix + meeting.get_absolute_url())
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page.split("<main")[1], text


def test_an_empty_english_name_falls_back_to_the_indonesian_on_english_pages(
    client, db
):
    series = MeetingSeriesFactory(name="Dialog Keamanan", name_en="", slug="dialog")
    meeting = MeetingFactory(
        series=series,
        title="Dialog Keamanan ke-2",
        title_en="",
        summary="Ringkasan saja.",
        summary_en="",
        slug="dialog-2",
    )
    MeetingSessionFactory(meeting=meeting, title="Pembukaan", title_en="")
    page = html(client, "/en" + meeting.get_absolute_url())
    assert '<h1 lang="id">Dialog Keamanan ke-2</h1>' in page
    assert "Dialog Keamanan</a>" in page
    assert "Pembukaan</h3>" in page
    assert "Ringkasan saja." in page


def test_an_empty_indonesian_summary_falls_back_to_the_english(client, db):
    meeting = MeetingFactory(
        title="Rapat koordinasi",
        summary="",
        summary_en="Only written in English so far.",
        slug="rapat",
    )
    page = html(client, meeting.get_absolute_url())
    assert "Only written in English so far." in page


def test_the_meeting_list_names_series_and_meetings_in_the_editions_language(
    client, meeting
):
    english = html(client, "/en/meetings/")
    assert "Philippines-Indonesia Joint Working Group" in english
    assert ">4th Philippines-Indonesia JWG</a>" in english
    assert "4th meeting of JWG PH-ID" in english
    indonesian = html(client, "/meetings/")
    assert "Kelompok Kerja Bersama Filipina-Indonesia" in indonesian
    assert ">KKB ke-4 Filipina-Indonesia</a>" in indonesian


def test_the_meeting_list_orders_series_by_their_names_in_the_editions_language(
    client, db
):
    for indonesian, english, slug in [
        ("Anggaran", "Budget", "budget"),
        ("Zona perbatasan", "Border zones", "zones"),
    ]:
        series = MeetingSeriesFactory(name=indonesian, name_en=english, slug=slug)
        MeetingFactory(series=series, number=1)

    def order(path):
        return [s.slug for s, _ in client.get(path).context["by_series"]]

    assert order("/meetings/") == ["budget", "zones"]  # Anggaran, Zona
    assert order("/en/meetings/") == ["zones", "budget"]  # Border, Budget


def test_a_person_page_gives_the_position_and_meetings_in_the_editions_language(
    client, meeting
):
    english = html(client, "/en/people/boy-rafli-amar/")
    assert "<bdi>Head of BNPT</bdi>, <a" in english
    assert ">4th Philippines-Indonesia JWG</a>" in english
    assert '<span dir="auto">Head of BNPT</span>' in english
    assert "National Counter Terrorism Agency (BNPT)</a>" in english
    indonesian = html(client, "/people/boy-rafli-amar/")
    assert "<bdi>Kepala BNPT</bdi>, <a" in indonesian
    assert ">KKB ke-4 Filipina-Indonesia</a>" in indonesian
    assert "Badan Nasional Penanggulangan Terorisme (BNPT)</a>" in indonesian


def test_an_agency_page_shows_the_official_and_english_names_and_uses_the_english_alone_in_english(  # noqa: E501
    client, meeting, kemlu
):
    english = html(client, "/en/agencies/kemlu/")
    # Both names in the header, as in the Indonesian edition.
    assert '<h1 lang="id">Kementerian Luar Negeri</h1>' in english
    assert '<p class="page-header__intro" lang="en">Ministry of Foreign Affairs' in (
        english
    )
    # Where one name is shown, the English one.
    assert "<title>Ministry of Foreign Affairs ·" in english
    assert ">4th Philippines-Indonesia JWG</a>" in english
    indonesian = html(client, "/agencies/kemlu/")
    assert "<title>Kementerian Luar Negeri ·" in indonesian


def test_an_agency_list_names_the_parent_in_the_editions_language(client, kemlu):
    AgencyFactory(acronym="KBRI Manila", parent=kemlu, slug="kbri", country="ID")
    assert "Part of Ministry of Foreign Affairs" in html(client, "/en/agencies/")
    assert "Bagian dari Kementerian Luar Negeri" in html(client, "/agencies/")


def test_meetings_by_a_host_without_acronym_name_it_in_the_editions_language(
    client, meeting
):
    assert "Hosted by Ministry of Foreign Affairs" in html(client, "/en/meetings/")


def test_an_indonesian_official_name_is_marked_indonesian_on_english_pages(
    client, bnpt, kemlu
):
    nica = AgencyFactory(
        acronym="NICA",
        name="National Intelligence Coordinating Agency",
        slug="nica",
        country="PH",
    )
    index = html(client, "/en/agencies/")
    assert (
        '<span class="agency-card__name" lang="id">'
        "Badan Nasional Penanggulangan Terorisme</span>" in index
    )
    # Another country's official name: its language is not known, not marked.
    assert (
        '<span class="agency-card__name">National Intelligence Coordinating Agency'
        in index
    )
    page = html(client, "/en/agencies/bnpt/")
    assert 'lang="id">Badan Nasional Penanggulangan Terorisme</span></h1>' in page
    assert '<dd lang="id">Badan Nasional Penanggulangan Terorisme</dd>' in page
    assert '<h1 lang="id">Kementerian Luar Negeri</h1>' in html(
        client, "/en/agencies/kemlu/"
    )
    # On the Indonesian pages the Indonesian name is in the page's language.
    assert 'lang="id"' not in html(client, "/agencies/bnpt/").split("<main")[1]
    assert nica.name_language == ""
