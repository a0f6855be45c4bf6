"""The meeting page: no empty "Coverage" heading over the other edition's
stories, the facts before the agenda, and each session's times as the
meeting's are written."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article
from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

MANILA = ZoneInfo("Asia/Manila")


def html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def indonesian_story(jwg4, section):
    return ArticleFactory(
        title="BNPT dan Filipina gelar JWG ke-4",
        language=Article.Language.INDONESIAN,
        section=section,
        meeting=jwg4,
    )


def test_stories_in_the_other_edition_only_stand_under_their_own_heading(
    client, jwg4, indonesian_story, section
):
    # "COVERAGE" sat empty right above "LATEST IN INDONESIAN".
    english = html(client, f"/en{jwg4.get_absolute_url()}")
    assert 'id="articles-heading"' not in english
    assert '<h2 class="section-heading" id="other-edition-heading">' in english
    assert indonesian_story.get_absolute_url() in english
    # In its own edition the story is the page's coverage, under its heading.
    indonesian = html(client, jwg4.get_absolute_url())
    assert '<h2 class="section-heading" id="articles-heading">' in indonesian
    assert indonesian_story.get_absolute_url() in indonesian
    # An English story: the heading stands over it, the other edition's below.
    english_story = ArticleFactory(
        language=Article.Language.ENGLISH, section=section, meeting=jwg4
    )
    english = html(client, f"/en{jwg4.get_absolute_url()}")
    heading = english.index('<h2 class="section-heading" id="articles-heading">')
    assert heading < english.index(english_story.get_absolute_url())
    assert '<h3 class="section-heading" id="other-edition-heading">' in english


def test_an_agencys_and_a_persons_pages_have_no_empty_heading_either(
    client, bnpt, officials, section
):
    amar = officials["Amar"]
    story = ArticleFactory(
        language=Article.Language.INDONESIAN,
        section=section,
        agencies=[bnpt],
        people=[amar],
    )
    for obj in (bnpt, amar):
        english = html(client, f"/en{obj.get_absolute_url()}")
        assert 'id="articles-heading"' not in english
        assert '<h2 class="section-heading" id="other-edition-heading">' in english
        assert story.get_absolute_url() in english


def test_the_facts_come_before_the_agenda_in_the_page(client, jwg4):
    # On a phone the one column showed the facts after the whole agenda,
    # delegations, people and coverage.
    page = html(client, jwg4.get_absolute_url())
    assert page.index('id="facts-heading"') < page.index('id="sessions-heading"')
    assert page.index('id="facts-heading"') < page.index('id="summary-heading"')


def test_each_sessions_times_are_shown_as_the_meetings_are(client):
    start = dt.datetime(2026, 12, 10, 9, 0, tzinfo=MANILA)
    meeting = MeetingFactory(
        slug="manila",
        start=start,
        end=start + dt.timedelta(days=1, hours=8),
        timezone="Asia/Manila",
        city="Manila",
    )
    MeetingSessionFactory(
        meeting=meeting,
        order=1,
        title="Opening",
        start=start + dt.timedelta(hours=1),
        end=start + dt.timedelta(hours=2, minutes=30),
    )
    MeetingSessionFactory(
        meeting=meeting,
        order=2,
        title="Dinner",
        start=start + dt.timedelta(hours=15, minutes=30),
    )
    MeetingSessionFactory(meeting=meeting, order=3, title="Closing")
    page = html(client, "/en/meetings/manila/")
    at = page.index('class="sessions"')
    sessions = page[at : page.index("</ol>", at)]
    assert (
        '<time datetime="2026-12-10T09:00:00+07:00">Thursday, 10 December 2026, '
        '09:00</time>–<time datetime="2026-12-10T10:30:00+07:00">10:30</time>'
        '&nbsp;WIB <span class="when__local muted">(10:00–11:30 Manila time)</span>'
    ) in sessions
    # 00.30 on the 11th in Manila is 23.30 on the 10th in Jakarta.
    assert (
        "Thursday, 10 December 2026, 23:30 WIB</time> "
        '<span class="when__local muted">(Friday, 11 December 2026, 00:30 Manila '
        "time)</span>"
    ) in sessions
    assert sessions.count('class="session__when"') == 2  # none for "Closing"
    indonesian = html(client, "/meetings/manila/")
    assert "Kamis, 10 Desember 2026 09.00</time>–" in indonesian
    assert "(10.00–11.30 waktu Manila)" in indonesian
