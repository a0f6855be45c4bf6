"""The editions' links on a list's later pages and on the search page.

A later page of a list named page N of the other edition, which shows its
page 1 under another canonical address when that edition's list is shorter:
the pair was not reciprocal. A search's canonical, og:url and hreflang lost
its words, and the switcher's link to the page's own language dropped them."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, AuthorProfile
from articles.search.index import update_search_vectors
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
INDONESIAN = Article.Language.INDONESIAN


class Page(HTMLParser):
    """What a crawler and a reader take from a page: its canonical address,
    og:url, hreflang links, og:locale:alternate and the switcher's links."""

    def __init__(self, response):
        super().__init__()
        assert response.status_code == 200, response
        self.canonical: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self._in_switcher = False
        self.feed(response.content.decode())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.hreflang[attrs["hreflang"]] = attrs["href"]
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def get(client, address: str) -> Page:
    return Page(client.get(address))


def assert_reciprocal(client, address: str) -> None:
    """Every page `address` names in hreflang is that page (its canonical
    address) and names `address`'s page back."""
    page = get(client, address)
    [own] = page.canonical
    assert own in page.hreflang.values(), (address, page.hreflang)
    for code, url in page.hreflang.items():
        other = get(client, url.removeprefix(ORIGIN))
        assert other.canonical == [url], (address, code)
        assert own in other.hreflang.values(), (address, code, other.hreflang)


@pytest.fixture
def indonesian_two_pages(settings, section):
    """A section, a tag, an agency and an author whose Indonesian lists have
    two pages and whose English lists have one story: the English editions'
    page 2 does not exist. Returns their Indonesian paths."""
    settings.ARTICLES_PER_PAGE = 1
    agency = AgencyFactory(acronym="BNPT", slug="bnpt")
    writer = get_user_model().objects.create_user(username="dewi", is_staff=True)
    AuthorProfile.objects.create(user=writer, name="Dewi Lestari", slug="dewi")
    for language, count in (("id", 2), ("en", 1)):
        ArticleFactory.create_batch(
            count,
            language=language,
            section=section,
            tags=["terorisme"],
            agencies=[agency],
            created_by=writer,
        )
    return [
        "/sections/international/",
        "/tags/terorisme/",
        "/agencies/bnpt/",
        "/authors/dewi/",
    ]


def test_a_later_page_of_a_list_names_only_itself(client, indonesian_two_pages):
    for path in indonesian_two_pages:
        page = get(client, f"{path}?page=2")
        own = f"{ORIGIN}{path}?page=2"
        assert page.canonical == [own], path
        assert page.hreflang == {"id": own}, path
        assert "og:locale:alternate" not in page.meta, path


def test_every_edition_link_of_a_list_is_named_back(client, indonesian_two_pages):
    for path in indonesian_two_pages:
        for address in (path, f"{path}?page=2", f"/en{path}", f"/en{path}?page=2"):
            assert_reciprocal(client, address)


def test_the_switcher_on_a_later_page_goes_to_each_editions_first(
    client, indonesian_two_pages
):
    for path in indonesian_two_pages:
        assert get(client, f"{path}?page=2").switcher == {
            "id": path,
            "en": f"/en{path}",
        }


def test_a_first_page_still_names_both_editions(client, indonesian_two_pages):
    for path in indonesian_two_pages:
        assert get(client, path).hreflang == {
            "id": ORIGIN + path,
            "en": f"{ORIGIN}/en{path}",
            "x-default": ORIGIN + path,
        }


# The search page


@pytest.fixture
def two_pages_found(settings, section):
    """Two Indonesian stories naming BNPT (two pages of results), one English."""
    settings.ARTICLES_PER_PAGE = 1
    made = [
        ArticleFactory(title=f"BNPT bertemu {n}", language=language, section=section)
        for n, language in enumerate(["id", "id", "en"])
    ]
    # PostgreSQL finds stories by their search vectors, which the factory
    # leaves empty (the publishing service fills them).
    update_search_vectors([article.pk for article in made])


@pytest.mark.parametrize(
    "path", ["/search/?q=BNPT&page=2&utm_source=newsletter", "/en/search/?q=BNPT"]
)
def test_a_search_page_is_noindex_and_claims_no_address(client, two_pages_found, path):
    """noindex beside a canonical address and alternates (the search's own
    words kept in them) told search engines two opposite things."""
    page = get(client, path)
    assert "noindex" in page.meta["robots"][0]
    assert page.canonical == []
    assert "og:url" not in page.meta
    assert page.hreflang == {}


def test_the_switcher_keeps_the_search_in_both_languages(client, two_pages_found):
    assert get(client, "/search/?q=BNPT&page=2").switcher == {
        "id": "/search/?q=BNPT",
        "en": "/en/search/?q=BNPT",
    }
    assert get(client, "/en/search/?q=BNPT").switcher == {
        "id": "/search/?q=BNPT",
        "en": "/en/search/?q=BNPT",
    }


def test_an_empty_search_is_not_indexed_either(client, db):
    page = get(client, "/search/?q=")
    assert "noindex" in page.meta["robots"][0]
    assert page.canonical == [] and page.hreflang == {}
