"""The search page's order and pages: the most relevant first, or the newest
first on request (?sort=date, kept across pages and filters), pages that say
"next" and "previous" rather than "older" and "newer"; a query with no word
in it, or filters without a query, get the advice page; agency cards in the
edition's language."""

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from articles.pagination import CappedPaginator
from articles.search.index import update_search_vectors
from articles.search.query import find_articles, newest_candidates
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def make_stories(bnpt, language: str) -> dict:
    """Four stories of the `language` edition naming BNPT: the one with it in
    its headline is not the newest, so relevance and date order them apart."""
    now = timezone.now()
    made = {
        slug: ArticleFactory(
            slug=slug,
            title=title,
            body=body,
            language=language,
            published_at=now - dt.timedelta(days=days),
            agencies=[bnpt],
        )
        for slug, title, body, days in [
            ("headline", "BNPT Membuka Pertemuan", "Pertemuan dibuka.", 30),
            ("newest", "Rapat Koordinasi", "Wakil BNPT hadir dalam rapat.", 1),
            ("middle", "Laporan Tahunan", "Menurut BNPT, laporan selesai.", 10),
            ("oldest", "Kunjungan Kerja", "Delegasi BNPT berkunjung.", 60),
        ]
    }
    ArticleFactory(title="Cuaca Jakarta", body="Hujan deras.", language=language)
    update_search_vectors([article.pk for article in made.values()])
    return made


@pytest.fixture
def stories(bnpt):
    """make_stories() in Indonesian, the default edition's language."""
    return make_stories(bnpt, "id")


@pytest.fixture
def english_stories(bnpt):
    """make_stories() in English, for the English edition's texts."""
    return make_stories(bnpt, "en")


def search(client, edition="", **params):
    response = client.get(f"{edition}/search/", params)
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    return [article.slug for article in response.context["page_obj"]]


def page(response):
    return lxml.html.fromstring(response.content.decode())


def css(name: str) -> str:
    """An XPath test for the class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def texts(response, path: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in page(response).xpath(path)]


def links(response, path: str) -> list[str]:
    return [el.get("href") for el in page(response).xpath(path)]


SORT = f"//nav[{css('search-sort')}]"
PAGES = f"//nav[{css('pagination')}]"
FORM = f"//form[{css('search-page-form')}]"


# The order


def test_the_most_relevant_come_first_by_default(client, stories):
    response = search(client, q="BNPT")
    assert found(response) == ["headline", "newest", "middle", "oldest"]


def test_newest_first_lists_the_results_by_date(client, stories):
    response = search(client, q="BNPT", sort="date")
    assert found(response) == ["newest", "middle", "headline", "oldest"]


@pytest.mark.parametrize("sort", ["oldest", "DATE", "", "newest"])
def test_an_unknown_order_is_ignored_for_the_most_relevant(client, stories, sort):
    response = search(client, q="BNPT", sort=sort)
    assert found(response) == ["headline", "newest", "middle", "oldest"]
    assert not page(response).xpath(f"{FORM}//input[@name='sort']")


def test_the_order_control_marks_the_current_order_and_links_the_other(
    client, english_stories
):
    relevant = search(client, edition="/en", q="BNPT", page="2")
    assert texts(relevant, f"{SORT}//*[@aria-current]") == ["Most relevant"]
    assert texts(relevant, f"{SORT}//a") == ["Newest first"]
    # The other order from its first page, the query kept.
    assert links(relevant, f"{SORT}//a") == ["?q=BNPT&sort=date"]

    newest = search(client, edition="/en", q="BNPT", sort="date")
    assert texts(newest, f"{SORT}//*[@aria-current]") == ["Newest first"]
    assert texts(newest, f"{SORT}//a") == ["Most relevant"]
    assert links(newest, f"{SORT}//a") == ["?q=BNPT"]


def test_the_order_is_kept_across_pages_and_filters(client, stories, settings):
    settings.ARTICLES_PER_PAGE = 2
    first = search(client, q="BNPT", sort="date")
    assert found(first) == ["newest", "middle"]
    (next_page,) = links(first, f"{PAGES}//a[@rel='next']")
    assert "sort=date" in next_page
    second = client.get(f"/search/{next_page}")
    assert found(second) == ["headline", "oldest"]
    # The filters and the search box send it again.
    (kept,) = page(first).xpath(f"{FORM}//input[@name='sort']")
    assert kept.get("value") == "date"
    # So does the agency card's "Only stories naming BNPT".
    (narrow,) = links(first, f"//a[{css('agency-card__narrow')}]")
    narrowed = client.get(f"/search/{narrow}")
    assert found(narrowed) == ["newest", "middle"]
    assert narrowed.context["filters"].agency.slug == "bnpt"


def test_search_pages_say_next_and_previous_not_older_and_newer(
    client, stories, settings
):
    settings.ARTICLES_PER_PAGE = 2
    first = search(client, q="BNPT")
    assert texts(first, f"{PAGES}//a") == ["Berikutnya ›"]
    second = search(client, q="BNPT", page="2")
    assert texts(second, f"{PAGES}//a") == ["‹ Sebelumnya"]
    for response in (first, second):
        # The page links say no date word ("Terbaru dahulu", newest first, is
        # the order control's, above the results).
        links = " ".join(texts(response, PAGES))
        for date_word in ("Lebih lama", "Terlama", "Lebih baru", "Terbaru"):
            assert date_word not in links
        content = response.content.decode()
        assert "Lebih lama" not in content and "Terlama" not in content


def test_newest_first_ranks_among_as_many_matches_as_relevance(
    client, english_stories, monkeypatch
):
    """Both orders read the newest matches up to the lists' count, and say
    "more than" past it: newest first reads no further than relevance."""
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    relevant = search(client, edition="/en", q="BNPT")
    newest = search(client, edition="/en", q="BNPT", sort="date")
    assert texts(newest, f"//*[{css('search-count')}]") == ["More than 2 articles"]
    assert texts(relevant, f"//*[{css('search-count')}]") == ["More than 2 articles"]
    assert found(newest) == ["newest", "middle"]


def test_newest_candidates_are_the_newest_matches_newest_first(stories):
    ids, counted = newest_candidates(find_articles("BNPT"), 3)
    slugs = {article.pk: slug for slug, article in stories.items()}
    assert [slugs[pk] for pk in ids] == ["newest", "middle", "headline"]
    assert counted == 3
    assert newest_candidates(find_articles("tidakadakatasemacamini"), 3) == ([], 0)


# Queries with no word, filters without a query


@pytest.mark.parametrize("q", ["-", '""', "--", "- & !!!", "or"])
def test_a_query_with_no_word_gets_the_tips_not_an_empty_result(client, stories, q):
    response = search(client, edition="/en", q=q)
    assert response.context["state"] == "empty"
    content = response.content.decode()
    assert "Tips for searching" in content
    assert "0 articles" not in content
    assert "No articles match" not in content
    assert texts(response, "//title")[0].startswith("Search ·")


SYMBOLS_ALONE = "No words to search for in “{q}”: search finds words and numbers."
OPERATORS_ALONE = (
    "Nothing to search for in “{q}”: “or” and “-” only join or leave out words; "
    "give a word to find."
)


@pytest.mark.parametrize("edition", ["", "/en"])
@pytest.mark.parametrize(
    ("q", "said"),
    [
        ("😀", SYMBOLS_ALONE),
        ("+++", SYMBOLS_ALONE),
        ("&&&", SYMBOLS_ALONE),
        ("- & !!!", SYMBOLS_ALONE),
        ("or", OPERATORS_ALONE),
        ("OR OR", OPERATORS_ALONE),
        ("or -", OPERATORS_ALONE),
    ],
)
def test_a_query_with_no_word_says_why(client, stories, edition, q, said):
    """A tester's "😀", "+++", "&&&" and "or" got the tips, the query in the
    box, and no word of why nothing was searched for."""
    response = search(client, edition=edition, q=q)

    assert response.context["state"] == "empty"
    (notice,) = page(response).xpath(f"//*[{css('message')}]")
    assert f"“{q}”" in notice.text_content()
    if edition:
        assert notice.text_content() == said.format(q=q)
    (form,) = page(response).xpath(FORM)
    assert form.xpath(".//input[@name='q']/@value") == [q]
    assert texts(response, f"//*[{css('search-count')}]") == []


def test_the_no_word_notice_shows_the_query_escaped(client, stories):
    response = search(client, edition="/en", q='<<>>&&"')

    assert "“&lt;&lt;&gt;&gt;&amp;&amp;&quot;”" in response.content.decode()
    assert texts(response, f"//*[{css('message')}]") == [
        'No words to search for in “<<>>&&"”: search finds words and numbers.'
    ]


def test_a_long_query_of_symbols_is_shown_cut_in_its_notice(client, stories):
    """As the filters' notices show a value: its first 40 characters."""
    response = search(client, edition="/en", q="+" * 300)

    assert texts(response, f"//*[{css('message')}]") == [
        "Your search was cut to its first 200 characters.",
        f"No words to search for in “{'+' * 40}”: search finds words and numbers.",
    ]
    (form,) = page(response).xpath(FORM)
    assert form.xpath(".//input[@name='q']/@value") == ["+" * 200]


def test_filters_without_a_query_ask_for_a_word_and_stay_in_the_form(client, stories):
    response = search(client, edition="/en", agency="bnpt", **{"from": "2022-01-01"})
    assert texts(response, f"//*[{css('message')}]") == [
        "Filters narrow a search: type a word, a name or an acronym above to "
        "search for it."
    ]
    (form,) = page(response).xpath(FORM)
    assert form.xpath(f".//details[{css('search-filters')}]/@open") != []
    assert form.xpath(".//select[@name='agency']/option[@selected]/@value") == ["bnpt"]
    assert form.xpath(".//input[@name='from']/@value") == ["2022-01-01"]


def test_without_filters_the_empty_page_asks_for_nothing_more(client, stories):
    assert texts(search(client, edition="/en"), f"//*[{css('message')}]") == []


# The agency cards


def test_agency_cards_name_the_agency_in_the_editions_language(client, stories):
    english = search(client, edition="/en", q="bnpt")
    assert texts(english, f"//*[{css('agency-card__name')}]") == [
        "National Counter Terrorism Agency"
    ]
    (alt,) = page(english).xpath(f"//*[{css('agency-card__alt')}]")
    assert (alt.text_content().strip(), alt.get("lang")) == (
        "Badan Nasional Penanggulangan Terorisme",
        "id",
    )

    indonesian = search(client, q="bnpt")
    assert texts(indonesian, f"//*[{css('agency-card__name')}]") == [
        "Badan Nasional Penanggulangan Terorisme"
    ]
    (alt,) = page(indonesian).xpath(f"//*[{css('agency-card__alt')}]")
    assert (alt.text_content().strip(), alt.get("lang")) == (
        "National Counter Terrorism Agency",
        "en",
    )
