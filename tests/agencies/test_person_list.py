"""The people index (/people/, /en/people/): the people the published stories
name, by agency and name, in both editions, paginated, and kept in the page
cache only while nothing it shows changes."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles import services
from articles.views.coverage import PEOPLE_PER_PAGE
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def indonesian(message: str) -> str:
    """`message` as the Indonesian edition gives it."""
    with translation.override("id"):
        return gettext(message)


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def names(page: str) -> list[str]:
    """The people's names in the order the page lists them."""
    return re.findall(r'class="agency-card__name" dir="auto">([^<]+)<', page)


def headings(page: str) -> list[str]:
    """The groups' headings, their tags and spacing left out."""
    found = re.findall(r'<h2 class="section-heading"[^>]*>(.*?)</h2>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", h).split()) for h in found]


@pytest.fixture
def named(section, agencies):
    """People in published stories, one in a draft only, one in a scheduled
    story only, one in none; BNPT's in both editions."""
    bnpt, nica = agencies["BNPT"], agencies["NICA"]
    people = {
        "zulkifli": PersonFactory(name="Zulkifli Hasan", agency=bnpt),
        "amar": PersonFactory(name="Boy Rafli Amar", agency=bnpt),
        "carlos": PersonFactory(name="Damian L. Carlos", agency=nica),
        "lone": PersonFactory(name="Ricardo de Leon", agency=None),
        "draft": PersonFactory(name="Drafted Only", agency=bnpt),
        "scheduled": PersonFactory(name="Scheduled Only", agency=bnpt),
        "nobody": PersonFactory(name="Never Named", agency=bnpt),
    }
    for key in ("zulkifli", "amar", "carlos", "lone"):
        ArticleFactory(section=section, people=[people[key]])
    ArticleFactory(section=section, language="en", people=[people["amar"]])
    ArticleFactory(section=section, draft=True, people=[people["draft"]])
    ArticleFactory(
        section=section,
        published_at=timezone.now() + dt.timedelta(days=1),
        people=[people["scheduled"]],
    )
    return people


# What it lists


def test_the_people_index_lists_the_people_published_stories_name_by_agency(
    client, named
):
    page = text(client.get("/people/"))
    assert names(page) == [
        "Boy Rafli Amar",
        "Zulkifli Hasan",
        "Damian L. Carlos",
        "Ricardo de Leon",
    ]
    assert headings(page) == [
        "BNPT Badan Nasional Penanggulangan Terorisme",
        "NICA National Intelligence Coordinating Agency",
        indonesian("Without an agency"),
    ]
    for left_out in ("Drafted Only", "Scheduled Only", "Never Named"):
        assert left_out not in page
    assert named["amar"].get_absolute_url() in page
    assert '<a href="/agencies/bnpt/">BNPT</a>' in page


def test_both_editions_list_the_same_people_each_in_its_own_words(client, named):
    indonesian = text(client.get("/people/"))
    english = text(client.get("/en/people/"))
    assert names(english) == names(indonesian)
    assert "National Counter Terrorism Agency" in english
    assert "Without an agency" in english
    assert 'href="/en/people/' in english  # the people's English pages


def test_a_position_is_in_the_editions_language_else_marked_as_the_others(
    client, named
):
    for key, position, position_en in [
        ("amar", "Kepala BNPT", "Head of BNPT"),
        ("zulkifli", "Wakil Ketua", ""),
        ("carlos", "", "Deputy Director General"),
    ]:
        named[key].position, named[key].position_en = position, position_en
        named[key].save()
    indonesian_page = text(client.get("/people/"))
    assert 'dir="auto">Kepala BNPT<' in indonesian_page
    assert 'dir="auto">Wakil Ketua<' in indonesian_page
    assert 'dir="auto" lang="en">Deputy Director General<' in indonesian_page
    english_page = text(client.get("/en/people/"))
    assert 'dir="auto">Head of BNPT<' in english_page
    assert 'dir="auto" lang="id">Wakil Ketua<' in english_page
    assert 'dir="auto">Deputy Director General<' in english_page


def test_each_person_shows_the_day_of_their_latest_story_in_either_edition(
    client, section, bnpt
):
    person = PersonFactory(name="Boy Rafli Amar", agency=bnpt)
    for published in ("2022-03-24T12:00:00+07:00", "2023-05-02T12:00:00+07:00"):
        ArticleFactory(
            section=section,
            language="en",
            published_at=dt.datetime.fromisoformat(published),
            people=[person],
        )
    ArticleFactory(
        section=section,
        published_at=dt.datetime.fromisoformat("2022-01-10T12:00:00+07:00"),
        people=[person],
    )
    page = text(client.get("/people/"))
    assert '<time datetime="2023-05-02T12:00:00+07:00">' in page
    assert "2 Mei 2023</time>" in page


def test_the_people_index_opens_while_no_one_is_named(client, db):
    page = text(client.get("/people/"))
    assert indonesian("No one has been named in a story yet.") in page
    assert names(page) == []


# Pages, metadata, navigation


def test_the_people_index_comes_in_pages_in_alphabetical_order(client, section, bnpt):
    people = [
        PersonFactory(name=f"Pejabat {n:02d}", agency=bnpt)
        for n in range(PEOPLE_PER_PAGE + 2)
    ]
    ArticleFactory(section=section, people=people)
    first = text(client.get("/people/"))
    second = text(client.get("/people/", {"page": 2}))
    assert names(first) == [p.name for p in people[:PEOPLE_PER_PAGE]]
    assert names(second) == [p.name for p in people[PEOPLE_PER_PAGE:]]
    # The group goes on under its heading on the next page.
    assert headings(second) == ["BNPT Badan Nasional Penanggulangan Terorisme"]
    assert 'rel="next" href="?page=2"' in first
    assert "Halaman 2 dari 2" in second


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("-3", 1), ("99999", 2)])
def test_a_page_number_out_of_range_shows_the_nearest_page(
    client, section, bnpt, asked, shown
):
    people = [PersonFactory(agency=bnpt) for _n in range(PEOPLE_PER_PAGE + 1)]
    ArticleFactory(section=section, people=people)
    response = client.get("/people/", {"page": asked})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


def test_the_people_index_has_its_metadata_and_both_editions_alternates(client, named):
    page = text(client.get("/people/"))
    assert "<title>Tokoh · " in page
    description = indonesian("The officials named in our stories, by agency.")
    assert f'<meta name="description" content="{description}">' in page
    assert '<link rel="canonical" href="http://testserver/people/">' in page
    for code, path in (("id", "/people/"), ("en", "/en/people/")):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">'
            in page
        )
    assert 'hreflang="x-default" href="http://testserver/people/"' in page
    assert '"name": "Tokoh", "item": "http://testserver/people/"' in page
    english = text(client.get("/en/people/"))
    assert "<title>People · " in english
    assert '<link rel="canonical" href="http://testserver/en/people/">' in english


def test_a_later_page_is_its_own_canonical_address_and_names_its_twin(
    client, section, bnpt
):
    """The people index lists the same people in both editions: its page 2
    is the same place in each, and names the other's page 2 (a story list's
    later page names itself only: the other edition's page 2 holds other
    stories)."""
    people = [PersonFactory(agency=bnpt) for _n in range(PEOPLE_PER_PAGE + 1)]
    ArticleFactory(section=section, people=people)
    page = text(client.get("/en/people/", {"page": 2}))
    assert "<title>People (page 2) · " in page
    assert 'rel="canonical" href="http://testserver/en/people/?page=2"' in page
    alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', page))
    assert alternates["id"] == "http://testserver/people/?page=2"
    assert alternates["en"] == "http://testserver/en/people/?page=2"


def test_every_page_links_the_people_index_in_its_navigation_and_footer(client, named):
    home = text(client.get("/"))
    nav = home.split('class="site-nav"')[1].split("</nav>")[0]
    footer = home.split('<footer class="site-footer">')[1]
    assert '<a href="/people/">Tokoh</a>' in nav
    assert '<a href="/people/">Tokoh</a>' in footer
    assert '<a href="/people/" aria-current="page">Tokoh</a>' in text(
        client.get("/people/")
    )
    assert '<a href="/en/people/">People</a>' in text(client.get("/en/"))


# Cost


def test_the_people_index_costs_the_same_queries_for_more_people_and_agencies(
    client, named, section, django_assert_num_queries, navigation_read
):
    with CaptureQueriesContext(connection) as few:
        text(client.get("/people/"))
    more = []
    for n in range(12):
        agency = AgencyFactory(acronym=f"AG{n}") if n % 3 else None
        more.append(PersonFactory(agency=agency, position=f"Jabatan {n}"))
    ArticleFactory(section=section, people=more)
    with django_assert_num_queries(len(few)):
        page = text(client.get("/people/"))
    assert len(names(page)) == 4 + 12
    assert len(few) == 2  # the count and the page (the navigation is cached)


# The page cache


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed (the test's never does)."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


def cached(client, path="/people/") -> str:
    """The page as readers get it, checked to come from the cache."""
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", path
    return text(response)


def fresh(client, path="/people/") -> str:
    """The page at the next request, checked to be rendered again."""
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss", path
    return text(response)


@pytest.mark.usefixtures("page_cache")
class TestTheStoredPeopleIndex:
    def test_a_person_edited_shows_at_the_next_request(self, client, named, committed):
        assert "Boy Rafli Amar" in cached(client)
        assert "Boy Rafli Amar" in cached(client, "/en/people/")
        named["amar"].name = "Boy R. Amar"
        named["amar"].position_en = "Former head of BNPT"
        committed(named["amar"].save)
        assert "Boy R. Amar" in fresh(client)
        assert "Former head of BNPT" in fresh(client, "/en/people/")

    def test_a_person_removed_leaves_it_at_the_next_request(
        self, client, named, committed
    ):
        assert "Ricardo de Leon" in cached(client)
        committed(named["lone"].delete)
        assert "Ricardo de Leon" not in fresh(client)

    def test_a_person_added_and_named_in_a_published_story_appears(
        self, client, named, section, editor, committed
    ):
        cached(client)
        newcomer = committed(PersonFactory, name="Ahmad Newcomer", agency=None)
        story = ArticleFactory(section=section, draft=True, people=[newcomer])
        # Neither a new person nor a draft naming them is on the page.
        assert "Ahmad Newcomer" not in cached(client)
        committed(services.article_publish, article=story, user=editor)
        assert "Ahmad Newcomer" in fresh(client)

    def test_a_person_named_in_a_published_story_afterwards_appears(
        self, client, named, section, editor, committed
    ):
        story = ArticleFactory(section=section, title="Rapat BNPT")
        cached(client)
        committed(
            services.article_link, article=story, user=editor, people=[named["draft"]]
        )
        assert "Drafted Only" in fresh(client)

    def test_a_story_unpublished_takes_the_people_only_it_named_away(
        self, client, named, editor, committed
    ):
        story = named["lone"].articles.get()
        assert "Ricardo de Leon" in cached(client)
        committed(services.article_unpublish, article=story, user=editor)
        page = fresh(client)
        assert "Ricardo de Leon" not in page
        assert "Damian L. Carlos" in page

    def test_a_scheduled_story_brings_its_people_when_its_time_comes(
        self, client, named, time_machine
    ):
        assert "Scheduled Only" not in cached(client)
        time_machine.move_to(timezone.now() + dt.timedelta(days=1, seconds=1))
        assert "Scheduled Only" in fresh(client)

    def test_an_agency_renamed_shows_in_its_heading(
        self, client, named, editor, committed
    ):
        from agencies.services import agency_save

        cached(client, "/en/people/")
        bnpt = named["amar"].agency
        bnpt.name_en = "National Counter-Terrorism Agency of Indonesia"
        committed(agency_save, agency=bnpt, user=editor)
        assert "National Counter-Terrorism Agency of Indonesia" in fresh(
            client, "/en/people/"
        )

    def test_later_pages_are_stored_under_their_own_number_only(
        self, client, section, bnpt
    ):
        people = [PersonFactory(agency=bnpt) for _n in range(PEOPLE_PER_PAGE + 1)]
        ArticleFactory(section=section, people=people)
        cached(client, "/people/?page=2")
        for made_up in ("/people/?page=02", "/people/?page=junk", "/people/?page=9"):
            client.get(made_up)
            assert client.get(made_up).get("X-Page-Cache", "none") == "none"
