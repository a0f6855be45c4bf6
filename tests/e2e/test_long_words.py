"""Words longer than a line (a hashtag headline, a web address in a summary,
a tag or an agency's name written as one word) break on every public page:
no page is wider than a 390 px phone. The story page was 911 px wide, a
tag page 766 px, the whole page scrolling sideways."""

import datetime as dt

import pytest

from tests.agencies.factories import (
    AgencyFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSessionFactory,
    PersonFactory,
)
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.conftest import JAKARTA

pytestmark = pytest.mark.e2e

HASHTAG = "#JWGIndonesiaFilipinaPenanggulanganTerorismeInternasional2022"
ADDRESS = (
    "https://bnpt.go.id/siaran-pers/2022/03/24/pertemuan-jwg-ke-4-indonesia-filipina"
)
ONE_WORD = "PenanggulanganTerorismeInternasionalIndonesiaFilipina"


@pytest.fixture
def long_words(transactional_db):
    section = SectionFactory(name="Kerja Sama", slug="kerja-sama")
    agency = AgencyFactory(
        acronym="BNPTRI", name=f"Badan{ONE_WORD}", slug="bnpt-panjang"
    )
    person = PersonFactory(
        name=f"Andhika{ONE_WORD}", slug="andhika-panjang", agency=agency
    )
    # Over two days: "Kamis, 5 November 2026 – Jumat, 6 November 2026" in
    # a card was kept on one line, wider than a phone.
    meeting = MeetingFactory(
        title=f"JWG {HASHTAG}",
        slug="jwg-panjang",
        start=dt.datetime(2026, 11, 5, 9, 0, tzinfo=JAKARTA),
        end=dt.datetime(2026, 11, 6, 12, 0, tzinfo=JAKARTA),
    )
    MeetingSessionFactory(meeting=meeting, title=f"Sesi {ADDRESS}")
    MeetingParticipantFactory(meeting=meeting, agency=agency)
    story = ArticleFactory(
        title=f"{HASHTAG} dan {ADDRESS}",
        slug="tagar-panjang",
        dek=f"Tautan {ADDRESS}/{ONE_WORD}",
        body=f"Paragraf dengan {ADDRESS}/{ONE_WORD} di tengah.",
        byline=f"Redaksi{ONE_WORD}",
        source_name=ADDRESS.removeprefix("https://"),
        section=section,
        meeting=meeting,
        tags=[ONE_WORD],
        agencies=[agency],
        people=[person],
    )
    return {
        "home": "/",
        "story": story.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": f"/tags/{ONE_WORD.lower()}/",
        "search": f"/search/?q={ONE_WORD}",
        "agency": agency.get_absolute_url(),
        "agencies": "/agencies/",
        "person": person.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "meetings": "/meetings/",
    }


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_is_wider_than_the_screen(open_page, long_words, width):
    page = open_page(viewport={"width": width, "height": 900})
    wider = {}
    for name, path in long_words.items():
        response = page.goto(path)
        assert response.status == 200, path
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wider[name] = scroll
    assert wider == {}
    # The headline is on the page whole, broken only where it meets the edge.
    page.goto(long_words["story"])
    assert page.locator("h1").inner_text().replace("\n", "") == (
        f"{HASHTAG} dan {ADDRESS}"
    )
