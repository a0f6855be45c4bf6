"""The home page per edition: the desk's pins and the latest at the top, the
sections' latest, the agenda, most read; no story twice; a constant number
of queries."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.frontpage import front_page
from articles.models import Article, DailyReads, HomePin
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def story(title, *, hours_ago=1, language="id", **kwargs):
    return ArticleFactory(
        title=title,
        language=language,
        published_at=timezone.now() - dt.timedelta(hours=hours_ago),
        **kwargs,
    )


def pin(article, slot, **kwargs):
    return HomePin.objects.create(article=article, slot=slot, **kwargs)


def links_to(page: str, article) -> int:
    return page.count(f'href="{article.get_absolute_url()}"')


@pytest.fixture
def news(section):
    """Eight Indonesian stories, newest first (1 to 8 hours old)."""
    return [story(f"Berita {n}", hours_ago=n + 1, section=section) for n in range(8)]


# Lead and second tier


def test_without_pins_the_latest_story_leads_and_the_next_four_follow(client, news):
    front = client.get("/").context["front"]
    assert front.lead == news[0]
    assert front.second_tier == news[1:5]


def test_the_desks_pins_take_their_places_and_the_latest_fill_the_rest(client, news):
    pin(news[7], HomePin.Slot.LEAD)
    pin(news[6], HomePin.Slot.SECOND_2)
    front = client.get("/").context["front"]
    assert front.lead == news[7]
    assert front.second_tier == [news[0], news[6], news[1], news[2]]
    page = html(client, "/")
    assert page.index("Berita 7") < page.index("Berita 0") < page.index("Berita 6")


def test_an_expired_pin_no_longer_holds_its_place(client, news):
    pin(news[7], HomePin.Slot.LEAD, until=timezone.now() - dt.timedelta(minutes=1))
    pin(news[6], HomePin.Slot.SECOND_1, until=timezone.now() + dt.timedelta(hours=1))
    front = client.get("/").context["front"]
    assert front.lead == news[0]
    assert front.second_tier[0] == news[6]


def test_a_pinned_story_taken_off_the_site_leaves_its_place(client, news):
    pin(news[7], HomePin.Slot.LEAD)
    Article.objects.filter(pk=news[7].pk).update(status=Article.Status.DRAFT)
    page = html(client, "/")
    assert client.get("/").context["front"].lead == news[0]
    assert "Berita 7" not in page


def test_a_pin_leads_only_its_own_edition(client, news, section):
    english = story("English lead", language="en", hours_ago=30, section=section)
    story("Newer English", language="en", section=section)
    pin(english, HomePin.Slot.LEAD)
    assert client.get("/").context["front"].lead == news[0]
    assert client.get("/en/").context["front"].lead == english


def test_a_featured_story_leads_when_no_pin_does(client, news):
    Article.objects.filter(pk=news[5].pk).update(is_featured=True)
    front = client.get("/").context["front"]
    assert front.lead == news[5]
    assert front.second_tier == news[0:4]
    pin(news[7], HomePin.Slot.LEAD)
    assert client.get("/").context["front"].lead == news[7]


def test_a_featured_story_leads_only_while_among_the_newest(
    client, section, monkeypatch
):
    # The featured lead is looked for among the edition's newest
    # FEATURED_CANDIDATES stories (1,000; 5 here): an older one no longer
    # leads, the latest does.
    monkeypatch.setattr("articles.frontpage.FEATURED_CANDIDATES", 5)
    stories = [
        story(f"Berita {n}", hours_ago=n + 1, section=section) for n in range(20)
    ]
    Article.objects.filter(pk=stories[15].pk).update(is_featured=True)
    assert client.get("/").context["front"].lead == stories[0]
    monkeypatch.setattr("articles.frontpage.FEATURED_CANDIDATES", 1000)
    assert client.get("/").context["front"].lead == stories[15]
    monkeypatch.setattr("articles.frontpage.FEATURED_CANDIDATES", 5)
    Article.objects.filter(pk=stories[4].pk).update(is_featured=True)
    front = client.get("/").context["front"]
    assert front.lead == stories[4]
    assert front.second_tier == stories[0:4]


def test_no_story_is_shown_twice_on_the_home_page(client, news, section, jwg4):
    pin(news[3], HomePin.Slot.LEAD)
    pin(news[3], HomePin.Slot.SECOND_1)  # the same story pinned twice
    pin(news[4], HomePin.Slot.SECOND_3)
    Article.objects.filter(pk__in=[s.pk for s in news]).update(meeting=jwg4)
    page = html(client, "/")
    for article in news:
        assert links_to(page, article) == 1, article.title
    front = client.get("/").context["front"]
    ids = [s.pk for s in front.stories] + [s.pk for s in front.coverage]
    assert len(ids) == len(set(ids))


def test_an_empty_edition_still_opens_and_says_so(client, db):
    page = html(client, "/")
    assert "Belum ada berita" in page or "No stories yet" in page


# Sections


@pytest.fixture
def desk(db):
    """Three sections in navigation order (by `order`), one hidden."""
    return {
        "nasional": SectionFactory(name="Nasional", name_en="National", order=1),
        "dunia": SectionFactory(name="Internasional", name_en="World", order=2),
        "kerja": SectionFactory(name="Kerja Sama", name_en="Cooperation", order=3),
        "hidden": SectionFactory(name="Arsip", order=4, in_navigation=False),
    }


def test_each_section_shows_its_latest_four_not_shown_above_in_navigation_order(
    client, desk
):
    stories = {
        key: [
            story(f"{key} {n}", hours_ago=10 * n + i, section=section) for n in range(7)
        ]
        for i, (key, section) in enumerate(desk.items())
    }
    front = client.get("/").context["front"]
    top = {s.pk for s in front.stories[:5]}
    blocks = front.sections
    assert [b.section.name for b in blocks] == [
        "Nasional",
        "Internasional",
        "Kerja Sama",
    ]
    for block in blocks:
        key = next(k for k, s in desk.items() if s == block.section)
        expected = [s for s in stories[key] if s.pk not in top][:4]
        assert block.stories == expected
    page = html(client, "/")
    assert 'id="home-section-' in page
    heading = re.search(
        r'<h2 class="section-heading" id="home-section-[^"]+">'
        r'<a href="([^"]+)">Nasional</a></h2>',
        page,
    )
    assert heading and heading.group(1) == desk["nasional"].get_absolute_url()
    assert (
        "Arsip" not in page.split('class="home__main"')[1].split("stories-heading")[0]
    )


def test_the_english_home_names_its_sections_in_english(client, desk):
    for n, section in enumerate(desk.values()):
        for i in range(6):
            story(f"en {n}-{i}", language="en", hours_ago=n * 10 + i, section=section)
    page = html(client, "/en/")
    assert '">National</a></h2>' in page
    assert '">World</a></h2>' in page
    assert "Nasional</a></h2>" not in page


def test_a_section_without_stories_left_for_it_is_not_shown(client, desk):
    story("Only one", section=desk["dunia"])
    front = client.get("/").context["front"]
    assert front.lead.title == "Only one"
    assert front.sections == []


# Agenda


@pytest.fixture
def meetings(db):
    # 03:00 UTC (10.00 WIB, 11.00 in Manila): the same day in each zone,
    # whatever the time the tests run (at 23.04 WIB, Manila's 00.04 was the
    # next day, and its agenda line rightly named the day too).
    now = timezone.now().replace(hour=3, minute=0, second=0, microsecond=0)
    return {
        "manila": MeetingFactory(
            title="Rapat di Manila",
            title_en="Meeting in Manila",
            start=now + dt.timedelta(days=3),
            end=now + dt.timedelta(days=3, hours=4),
            timezone="Asia/Manila",
            city="Manila",
        ),
        "jakarta": MeetingFactory(
            title="Rapat di Jakarta",
            title_en="Meeting in Jakarta",
            start=now + dt.timedelta(days=1),
            timezone="Asia/Jakarta",
            city="Jakarta",
        ),
        "later": MeetingFactory(
            title="Rapat kemudian", start=now + dt.timedelta(days=9)
        ),
        "latest": MeetingFactory(
            title="Rapat keempat", start=now + dt.timedelta(days=30)
        ),
        "ended": MeetingFactory(
            title="Rapat yang selesai",
            title_en="The concluded meeting",
            start=now - dt.timedelta(days=2),
            end=now - dt.timedelta(days=2) + dt.timedelta(hours=3),
        ),
        "older": MeetingFactory(
            title="Rapat lama", start=now - dt.timedelta(days=40), end=None
        ),
    }


def test_the_agenda_lists_the_next_three_meetings_soonest_first(client, meetings):
    front = client.get("/").context["front"]
    assert front.upcoming == [
        meetings["jakarta"],
        meetings["manila"],
        meetings["later"],
    ]
    agenda = html(client, "/").split('id="agenda-heading"')[1]
    assert agenda.index("Rapat di Jakarta") < agenda.index("Rapat di Manila")
    assert "Rapat keempat" not in agenda


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_agenda_gives_each_meetings_time_in_wib_then_its_venues(
    client, meetings, language
):
    """As the meeting's page does: the newsroom's time first, the venue's
    after it where it differs (the agenda gave the venue's alone)."""
    start = meetings["manila"].start
    manila = start.astimezone(ZoneInfo("Asia/Manila"))
    wib = start.astimezone(JAKARTA)
    jakarta = meetings["jakarta"].start.astimezone(JAKARTA)
    agenda = html(client, "/en/" if language == "en" else "/").split(
        'id="agenda-heading"'
    )[1]
    if language == "id":
        assert re.search(
            rf"{wib:%H\.%M} WIB</time>\s*<span class=\"when__local muted\">"
            rf"\({manila:%H\.%M} waktu Manila\)",
            agenda,
        )
        assert f"{jakarta:%H.%M} WIB" in agenda
        assert "Rapat di Manila" in agenda
    else:
        assert re.search(
            rf"{wib:%H:%M} WIB</time>\s*<span class=\"when__local muted\">"
            rf"\({manila:%H:%M} Manila time\)",
            agenda,
        )
        assert f"{jakarta:%H:%M} WIB" in agenda
        assert "Meeting in Manila" in agenda
    assert f'datetime="{wib.isoformat()}"' in agenda


def test_the_agenda_says_when_as_the_meetings_own_page_does(client, db, clock):
    """An online meeting hosted in the Philippines: the home page said
    "Rabu, 16 Desember 2026 10.00 waktu setempat", its page "09.00–11.00
    WIB (10.00–12.00 waktu setempat)"."""
    start = dt.datetime(2026, 12, 16, 9, tzinfo=JAKARTA)
    meeting = MeetingFactory(
        title="Rapat daring",
        start=start,
        end=start + dt.timedelta(hours=2),
        timezone="Asia/Manila",
        city="",
    )
    clock.now = start - dt.timedelta(days=3)
    agenda = html(client, "/").split('id="agenda-heading"')[1]
    own_page = html(client, meeting.get_absolute_url())
    assert "Rabu, 16 Desember 2026 09.00 WIB" in agenda
    assert '<span class="when__local muted">(10.00 waktu setempat)</span>' in agenda
    assert "Rabu, 16 Desember 2026 09.00" in own_page
    assert "(10.00–12.00 waktu setempat)" in own_page


def test_the_agenda_shows_the_latest_concluded_meeting_with_its_coverage(
    client, meetings, section
):
    # Filed in a section off the navigation: no section block shows them.
    archive = SectionFactory(in_navigation=False)
    covered = [
        story(
            f"Liputan {n}", hours_ago=20 + n, section=archive, meeting=meetings["ended"]
        )
        for n in range(5)
    ]
    story(
        "English coverage",
        language="en",
        hours_ago=20,
        section=archive,
        meeting=meetings["ended"],
    )
    for n in range(5):  # the top of each edition's page
        story(f"Lain {n}", hours_ago=n + 1, section=section)
        story(f"Other {n}", hours_ago=n + 1, section=section, language="en")
    front = client.get("/").context["front"]
    assert front.concluded == meetings["ended"]
    assert front.coverage == covered[:3]
    agenda = html(client, "/").split('id="agenda-heading"')[1].split("</section>")[0]
    assert "Rapat yang selesai" in agenda
    for article in covered[:3]:
        assert links_to(agenda, article) == 1
    assert "English coverage" not in agenda
    english = (
        html(client, "/en/").split('id="agenda-heading"')[1].split("</section>")[0]
    )
    assert "The concluded meeting" in english
    assert "English coverage" in english


def test_a_meeting_the_edition_covered_comes_before_a_later_one_it_did_not(
    client, meetings, section
):
    story("Liputan lama", section=section, meeting=meetings["older"])
    assert client.get("/").context["front"].concluded == meetings["older"]
    assert client.get("/en/").context["front"].concluded == meetings["ended"]


# Most read


def test_most_read_lists_the_editions_most_read_stories(client, news, section):
    today = timezone.localdate()
    english = story("Read in English", language="en", section=section)
    for article, count in [(news[6], 50), (news[2], 30), (english, 99)]:
        DailyReads.objects.create(article=article, day=today, count=count)
    front = client.get("/").context["front"]
    assert front.most_read[:2] == [news[6], news[2]]
    block = html(client, "/").split('id="most-read-heading"')[1].split("</section>")[0]
    assert block.index("Berita 6") < block.index("Berita 2")
    assert "Read in English" not in block
    assert client.get("/en/").context["front"].most_read[0] == english


def test_no_most_read_block_before_anything_is_read(client, news):
    assert 'id="most-read-heading"' not in html(client, "/")


# Later pages


def test_page_two_is_a_plain_list_of_earlier_news(client, section, settings):
    settings.ARTICLES_PER_PAGE = 4
    stories = [
        story(f"Berita {n}", hours_ago=n + 1, section=section) for n in range(14)
    ]
    response = client.get("/", {"page": 2})
    assert response.context["front"] is None
    # The first page shows the lead, four more and the section's four.
    assert response.context["stories"] == stories[9:13]
    page = response.content.decode()
    assert "Berita sebelumnya" in page or "Earlier news" in page
    assert 'id="agenda-heading"' not in page


def test_the_later_pages_list_every_story_the_first_did_not_show_once(
    client, settings, meetings
):
    """Blocks showing older stories (a pin, a quiet section, the meeting's
    coverage): every story once, on the first page or in the list."""
    settings.ARTICLES_PER_PAGE = 4
    busy, quiet = SectionFactory(order=1), SectionFactory(order=2)
    archive = SectionFactory(in_navigation=False)
    stories = [story(f"Baru {n}", hours_ago=n + 1, section=busy) for n in range(9)]
    stories += [
        story(
            f"Liputan {n}", hours_ago=30 + n, section=archive, meeting=meetings["ended"]
        )
        for n in range(4)
    ]
    stories += [story(f"Sepi {n}", hours_ago=50 + n, section=quiet) for n in range(5)]
    stories += [story(f"Lama {n}", hours_ago=80 + n, section=archive) for n in range(7)]
    pin(stories[-1], HomePin.Slot.LEAD)
    story("English", language="en")
    story("Draft", draft=True, section=busy)
    first = client.get("/")
    front = first.context["front"]
    assert front.coverage and any(b.section == quiet for b in front.sections)
    listed = [s.pk for s in front.shown]
    number, pages = 1, first.context["page_obj"].paginator.num_pages
    response = first
    while True:
        assert response.context["page_obj"].number == number
        listed += [s.pk for s in response.context["stories"]]
        if not response.context["page_obj"].has_next():
            break
        number += 1
        response = client.get("/", {"page": number})
    assert number == pages > 2
    assert sorted(listed) == sorted(s.pk for s in stories)


def test_a_page_past_the_end_of_a_one_page_edition_is_the_front_page(client, section):
    english = [story(f"News {n}", language="en", section=section) for n in range(8)]
    response = client.get("/en/", {"page": 2})
    front = response.context["front"]
    assert front is not None and front.lead in english
    assert response.context["page_obj"].number == 1
    assert response.wsgi_request.page_numbers == {"page": "1"}  # not kept as ?page=2
    page = response.content.decode()
    assert "<title>Page 2" not in page and 'id="stories-heading">Earlier' not in page


def test_a_page_past_the_end_is_the_last_page(client, section, settings):
    settings.ARTICLES_PER_PAGE = 2
    stories = [
        story(f"Berita {n}", hours_ago=n + 1, section=section) for n in range(14)
    ]
    response = client.get("/", {"page": 9})
    # 14 stories: 9 above the list, the other 5 on its pages 2 to 4.
    assert response.context["page_obj"].number == 4
    assert response.context["stories"] == stories[13:]
    assert response.wsgi_request.page_numbers == {"page": "4"}


def test_a_section_block_links_to_the_section_only_when_it_has_more(client, desk):
    for n in range(5):
        story(f"Nasional {n}", hours_ago=n + 1, section=desk["nasional"])
    for n in range(6):
        story(f"Dunia {n}", hours_ago=10 + n, section=desk["dunia"])
    story("Kerja sama", hours_ago=20, section=desk["kerja"])
    blocks = {b.section.name: b for b in client.get("/").context["front"].sections}
    assert [len(b.stories) for b in blocks.values()] == [4, 1]  # Nasional: the top
    assert blocks["Internasional"].more and not blocks["Kerja Sama"].more
    page = html(client, "/")
    assert page.count('class="home-section__more"') == 1
    assert f'<a href="{desk["kerja"].get_absolute_url()}">Lainnya' not in page


# Query counts

# Every story the page may show (the list's page and count, pins, featured
# lead, latest, the sections' stories, the concluded meeting's coverage, most
# read, the other edition's latest) in one query; the meetings (upcoming and
# concluded) in one; navigation. (Cards with pictures: one query more for
# every picture's renditions, see test_views.)
FRONT_QUERIES = 3


def build(n_stories: int, n_sections: int, n_meetings: int, media=None) -> None:
    sections = [SectionFactory(order=i) for i in range(n_sections)]
    now = timezone.now()
    ended = MeetingFactory(start=now - dt.timedelta(days=3))
    for i in range(n_meetings):
        MeetingFactory(start=now + dt.timedelta(days=i + 1))
    for i in range(n_stories):
        article = story(
            f"Story {i}",
            hours_ago=i + 1,
            section=sections[i % n_sections],
            meeting=ended if i % 3 == 0 else None,
        )
        DailyReads.objects.create(article=article, day=timezone.localdate(), count=i)
    articles = list(Article.objects.order_by("-published_at")[:3])
    for slot, article in enumerate(articles[1:3], start=1):
        pin(article, slot)


@pytest.mark.parametrize(("stories", "sections", "meetings"), [(20, 2, 1), (200, 6, 6)])
def test_the_home_page_costs_the_same_whatever_it_holds(
    client, django_assert_num_queries, stories, sections, meetings
):
    build(stories, sections, meetings)
    with django_assert_num_queries(FRONT_QUERIES):
        response = client.get("/")
    front = response.context["front"]
    assert len(front.sections) == sections
    assert front.coverage and front.most_read and front.upcoming


def test_a_pinned_or_featured_lead_costs_no_query_more(
    client, django_assert_num_queries
):
    build(20, 2, 1)
    oldest = Article.objects.latest_first().last()
    Article.objects.filter(pk=oldest.pk).update(is_featured=True)
    with django_assert_num_queries(FRONT_QUERIES):
        assert client.get("/").context["front"].lead == oldest
    pin(Article.objects.latest_first()[10], HomePin.Slot.LEAD)
    with django_assert_num_queries(FRONT_QUERIES):
        assert client.get("/").context["front"].lead != oldest


@pytest.mark.parametrize("stories", [30, 200])
def test_a_later_page_costs_the_same_whatever_the_edition_holds(
    client, settings, django_assert_num_queries, stories
):
    settings.ARTICLES_PER_PAGE = 4
    build(stories, 3, 2)
    # + the page of the list (the front's queries: what it leaves out)
    with django_assert_num_queries(FRONT_QUERIES + 1):
        response = client.get("/", {"page": 3})
    assert response.context["page_obj"].number == 3
    assert len(response.context["stories"]) == 4


def test_front_page_reads_and_writes_nothing_else(django_assert_num_queries, news):
    # the stories, the meetings
    with django_assert_num_queries(2):
        front_page("id")


def test_a_section_whose_other_stories_are_on_the_front_gets_no_more_link(client, desk):
    """ "More in Kerja Sama" led to a page with only the stories the front
    showed already (in the lead and the second tier)."""
    story("Kerja sama terbaru", hours_ago=1, section=desk["kerja"])
    for n in range(4):
        story(f"Nasional {n}", hours_ago=2 + n, section=desk["nasional"])
    story("Kerja sama lama", hours_ago=20, section=desk["kerja"])
    blocks = {b.section.name: b for b in client.get("/").context["front"].sections}
    assert [s.title for s in blocks["Kerja Sama"].stories] == ["Kerja sama lama"]
    assert not blocks["Kerja Sama"].more
    assert 'class="home-section__more"' not in html(client, "/")
