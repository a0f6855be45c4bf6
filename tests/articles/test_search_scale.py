"""The search page at scale (issue 16): its agency filter costs the same for
2,000 agencies as for 20, and on PostgreSQL its results are ranked among the
newest matches found by windows of the newest stories, then ranked once."""

import datetime as dt
import html
import importlib
import re
import time
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from agencies.models import Agency
from articles.models import Article
from articles.pagination import CappedPaginator
from articles.search import query as search_query
from articles.search.index import update_search_vectors
from articles.search.query import among_newest, find_articles, ranked_candidates
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory
from tests.articles.search_fixture import build_archive, postgres_only

pytestmark = pytest.mark.django_db
# The module (articles.views exports its view under the same name).
search_view = importlib.import_module("articles.views.search")


@pytest.fixture
def archive(agencies):
    return build_archive(agencies)


def page_of(client, q, edition="", **params):
    response = client.get(f"{edition}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def agency_select(page: str) -> str:
    select = page[page.index('<select name="agency"') :]
    return select[: select.index("</select>")]


def agency_options(page: str) -> list[str]:
    """The agency filter's option values, in order (the first: all agencies)."""
    return re.findall(r'<option value="([^"]*)"', agency_select(page))


def named_by_published(language: str) -> Counter:
    """How many of the edition's published stories name each agency (slug),
    counted in Python."""
    counts = Counter()
    for article in Article.objects.published().filter(language=language):
        counts.update(agency.slug for agency in article.agencies.all())
    return counts


def test_the_agency_filter_offers_the_agencies_the_editions_stories_name(
    client, archive
):
    AgencyFactory(acronym="AAA", name="Badan Tanpa Berita", slug="aaa-id")
    for edition, language in (("", "id"), ("/en", "en")):
        page = page_of(client, "terorisme", edition=edition).content.decode()
        offered = agency_options(page)
        expected = set(named_by_published(language))
        assert offered[0] == "" and set(offered[1:]) == expected, language
        assert "aaa-id" not in offered  # no story names it
        by_label = Agency.objects.filter(slug__in=expected).alphabetical()
        assert offered[1:] == [agency.slug for agency in by_label]


def test_only_the_most_named_agencies_are_offered_and_a_chosen_one_besides(
    client, archive, monkeypatch
):
    monkeypatch.setattr(search_view, "AGENCY_OPTIONS", 2)
    counts = named_by_published("id").most_common()
    assert counts[1][1] > counts[2][1], "the fixture needs a clear top two"
    top = {slug for slug, _count in counts[:2]}
    page = page_of(client, "terorisme").content.decode()
    assert set(agency_options(page)[1:]) == top
    rare = counts[-1][0]
    page = page_of(client, "terorisme", agency=rare).content.decode()
    assert agency_options(page)[1:] == [rare, *agency_options(page)[2:]]
    assert set(agency_options(page)[2:]) == top
    assert f'<option value="{rare}" selected>' in page
    assert agency_select(page).count(" selected>") == 1


def test_a_scheduled_storys_agency_is_offered_once_the_story_is_out(client, archive):
    newcomer = AgencyFactory(acronym="ZZZ", name="Badan Baru", slug="zzz-id")
    ArticleFactory(
        language="id",
        published_at=timezone.now() + dt.timedelta(seconds=1.5),
        agencies=[newcomer],
    )
    assert "zzz-id" not in agency_options(page_of(client, "BNPT").content.decode())
    time.sleep(2)  # the story goes out: no write tells the cache
    assert "zzz-id" in agency_options(page_of(client, "BNPT").content.decode())


def test_an_agency_card_narrows_the_search_to_its_stories(client, archive):
    page = page_of(client, "BNPT").content.decode()
    links = re.findall(r'class="agency-card__narrow" href="([^"]+)"', page)
    narrow = next(link for link in map(html.unescape, links) if "agency=bnpt" in link)
    assert parse_qs(urlsplit(narrow).query) == {"q": ["BNPT"], "agency": ["bnpt"]}
    narrowed = page_of(client, "BNPT", agency="bnpt")
    assert narrowed.context["filters"].agency.slug == "bnpt"
    assert 'href="?q=BNPT&amp;agency=bnpt"' not in narrowed.content.decode()
    found = narrowed.context["page_obj"]
    assert found and all(a.agencies.filter(slug="bnpt").exists() for a in found)


def test_an_agency_no_published_story_names_has_no_narrowing_link(client, archive):
    """It could only lead to no stories (a tester's "Kemlu"); its card still
    leads to its page. A story naming it, once published, brings it back."""
    kemlu = AgencyFactory(acronym="Kemlu", name="Kementerian Luar Negeri")
    ArticleFactory(agencies=[kemlu], status=Article.Status.DRAFT, published_at=None)

    page = page_of(client, "Kemlu").content.decode()

    assert kemlu.get_absolute_url() in page
    assert "agency=kemlu" not in page.lower()
    ArticleFactory(agencies=[kemlu], published_at=timezone.now())
    assert "agency=kemlu" in page_of(client, "Kemlu").content.decode().lower()


def test_an_unknown_agency_is_marked_invalid_and_none_is_chosen(client, archive):
    page = page_of(client, "BNPT", agency="fbi\x00<").content.decode()
    select = page[page.index('<select name="agency"') :]
    select = select[: select.index("</select>")]
    assert 'aria-invalid="true"' in select
    assert " selected>" not in select
    assert '<option value="bnpt">' in select


def test_the_agency_filter_reads_one_agency_not_all_of_them(
    client, archive, django_assert_max_num_queries
):
    page_of(client, "warm")  # the filters' lists and navigation, as cached
    page_of(client, "BNPT", agency="bnpt")  # the chosen agency, as cached
    with django_assert_max_num_queries(5):
        response = page_of(client, "BNPT", agency="bnpt")
    assert response.context["filters"].agency.slug == "bnpt"


def stories(words_by_age: list[str], where: str = "body") -> list[Article]:
    """Published stories, newest first, one a hour, each with its words in
    its body (or `where`: "dek", the lead)."""
    now = timezone.now()
    made = [
        ArticleFactory(
            language="id",
            title=f"Berita {number}",
            published_at=now - dt.timedelta(hours=number + 1),
            **{"body": "Laporan harian.", where: f"Laporan harian. {words}"},
        )
        for number, words in enumerate(words_by_age)
    ]
    update_search_vectors([a.pk for a in made])
    return made


@pytest.fixture
def small_windows(monkeypatch):
    """Rank the newest 4 (found among the newest 3, then 6 stories) and
    count to 4, as the search ranks and counts to 1,000."""
    monkeypatch.setattr(search_query, "SEARCH_CANDIDATES", 4)
    monkeypatch.setattr(search_query, "CANDIDATE_WINDOWS", (3, 6))
    monkeypatch.setattr(CappedPaginator, "cap", 4)


@postgres_only
@pytest.mark.parametrize(
    "pattern",
    [
        "every story",  # the newest 6 in the second window
        "every second",  # not there: the whole archive
        "two oldest",
        "none",
    ],
)
def test_the_newest_matches_are_those_of_the_whole_archive(db, small_windows, pattern):
    chosen = {
        "every story": lambda n: True,
        "every second": lambda n: n % 2 == 1,
        "two oldest": lambda n: n >= 10,
        "none": lambda n: False,
    }[pattern]
    made = stories(["zamboanga" if chosen(n) else "manila" for n in range(12)])
    matching = [a.pk for n, a in enumerate(made) if chosen(n)]
    results = find_articles("zamboanga").in_language("id")
    candidates, counted = ranked_candidates("zamboanga", results, 6)
    assert candidates == matching[:4]
    assert counted == min(len(matching), 6)
    assert set(among_newest(results).values_list("pk", flat=True)) == set(matching[:4])


@postgres_only
def test_the_pages_rank_the_newest_matches_as_among_newest_does(
    client, small_windows, settings
):
    settings.ARTICLES_PER_PAGE = 2
    # Older stories name the word more often in their lead (they would rank
    # first).
    made = stories([" ".join(["delegasi"] * (n + 1)) for n in range(8)], "dek")
    expected = [a.pk for a in among_newest(find_articles("delegasi").in_language("id"))]
    assert set(expected) == {a.pk for a in made[:4]}
    first = page_of(client, "delegasi").context["page_obj"]
    second = page_of(client, "delegasi", page="2").context["page_obj"]
    assert [a.pk for a in [*first, *second]] == expected
    assert first.paginator.count == 4 and first.paginator.capped
    last = page_of(client, "delegasi", page="99").context["page_obj"]
    assert last.number == 2 and list(last) == list(second)


# The windows start at cached dates; the planner sees each reading of the
# query once (articles/search/query.py, _newest_matches()).


@postgres_only
@pytest.mark.parametrize("start", ["newer than all", "older than all", "none"])
def test_a_stale_window_start_changes_no_result(db, small_windows, monkeypatch, start):
    made = stories(["zamboanga" if n % 3 else "manila" for n in range(12)])
    matching = [a.pk for n, a in enumerate(made) if n % 3]
    now = timezone.now()
    stale = {
        "newer than all": now + dt.timedelta(days=1),
        "older than all": now - dt.timedelta(days=365),
        "none": None,
    }[start]
    monkeypatch.setattr(search_query, "window_start", lambda window: stale)
    results = find_articles("zamboanga").in_language("id")
    candidates, counted = ranked_candidates("zamboanga", results, 6)
    assert candidates == matching[:4]
    assert counted == 6


@postgres_only
def test_a_window_start_is_cached_until_a_story_changes(
    db, small_windows, django_assert_num_queries
):
    made = stories(["zamboanga"] * 4)
    assert search_query.window_start(3) == made[2].published_at
    with django_assert_num_queries(0):
        assert search_query.window_start(3) == made[2].published_at
    ArticleFactory(language="id", published_at=timezone.now())
    assert search_query.window_start(3) == made[1].published_at
    assert search_query.window_start(99) is None


@postgres_only
@pytest.mark.parametrize(
    ("query", "planned"),
    [
        ("zamboanga", "'zamboanga'"),  # the same in the three configurations
        ("meetings", "'etings' | 'meet' | 'meetings'"),  # id, en, as written
        ('"kerja sama" -bnpt', "'kerja' <-> 'sama' & !'bnpt'"),
    ],
)
def test_the_planner_estimates_each_reading_of_the_query_once(db, query, planned):
    """A word read alike in the three configurations is matched once: the
    planner estimates `a | a | a` as three words (a word in 10 % of stories
    as one in 27 %) and walked 10,000 stories' vectors for it (README)."""
    sql, params = find_articles(query).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    quoted = planned.replace("'", "''")
    assert f"search_vector @@ '{quoted}'::tsquery" in plan, plan


@postgres_only
def test_a_thin_editions_search_shows_the_other_editions_best_ranked_alike(
    client, django_assert_max_num_queries
):
    """The English edition has one match: the Indonesian edition's best six
    below it, ranked as their own edition's page ranks them."""
    english = ArticleFactory(
        language="en", title="Zamboanga talks", published_at=timezone.now()
    )
    made = stories([" ".join(["zamboanga"] * (n % 4 + 1)) for n in range(9)], "dek")
    update_search_vectors([english.pk])
    expected = [a.pk for a in page_of(client, "zamboanga").context["page_obj"]][:6]
    assert len(expected) == 6 and set(expected) <= {a.pk for a in made}
    page_of(client, "warm", "/en")  # the filters and navigation, as cached
    with django_assert_max_num_queries(5):
        response = page_of(client, "zamboanga", "/en")
    assert [a.pk for a in response.context["page_obj"]] == [english.pk]
    other = response.context["other_edition"]
    assert other["language"] == "id"
    assert [a.pk for a in other["articles"]] == expected
