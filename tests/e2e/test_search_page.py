"""The search page in a browser: one search box, the count, the folded
filters, then the results, on a phone and on a desktop."""

import pytest

from articles.search.index import update_search_vectors
from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

WIDTHS = [390, 1280]


@pytest.fixture
def stories(transactional_db):
    section = SectionFactory(name="Keamanan", slug="keamanan")
    articles = [
        ArticleFactory(
            title=f"BNPT dan mitra membahas patroli perbatasan bagian {n}",
            body="BNPT memimpin pembahasan patroli perbatasan laut.",
            language="id",
            section=section,
        )
        for n in range(3)
    ]
    update_search_vectors([a.pk for a in articles])
    return articles


def visible_search_boxes(page) -> int:
    boxes = page.locator("input[type=search]")
    return sum(boxes.nth(i).is_visible() for i in range(boxes.count()))


def assert_nothing_overflows(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wide = page.evaluate(
        """width => [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > width + 0.5)
            .map(el => el.tagName + '.' + el.className)""",
        width,
    )
    assert not wide, wide


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", ["", "/en"])
def test_one_search_box_then_the_count_then_the_folded_filters(
    open_page, stories, width, edition
):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{edition}/search/?q=BNPT")

    assert visible_search_boxes(page) == 1
    count = page.locator(".search-count")
    filters = page.locator("details.search-filters")
    results = page.locator("#found-articles")
    count_box, filters_box = count.bounding_box(), filters.bounding_box()
    assert count_box["y"] + count_box["height"] <= filters_box["y"]
    assert filters_box["y"] + filters_box["height"] <= results.bounding_box()["y"]
    assert filters.get_attribute("open") is None
    assert page.locator("#id_section").is_hidden()
    summary = filters.locator("summary")
    assert summary.inner_text() == ("Filters" if edition else "Saring")
    assert_nothing_overflows(page, width)

    summary.click()
    assert page.locator("#id_section").is_visible()
    assert_nothing_overflows(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_filters_in_use_are_shown_open(open_page, stories, width):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto("/search/?q=BNPT&section=keamanan")

    assert page.locator("details.search-filters").get_attribute("open") == ""
    assert page.locator("#id_section").is_visible()
    assert page.locator("#id_section").input_value() == "keamanan"
    assert visible_search_boxes(page) == 1
    assert_nothing_overflows(page, width)


def test_other_pages_keep_the_headers_search_box(open_page, stories):
    page = open_page(viewport={"width": 390, "height": 900})
    page.goto("/sections/keamanan/")

    assert visible_search_boxes(page) == 1
    assert page.locator(".site-header input[type=search]").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_agencies_and_meetings_found_sit_apart_on_a_phone_side_by_side_wider(
    open_page, stories, width
):
    """On a phone the meetings found come under the agencies found with room
    between them (their heading's rule once touched the agency's card); on a
    desktop the two stand side by side."""
    AgencyFactory(acronym="BNPT", name="Badan Nasional Penanggulangan Terorisme")
    MeetingFactory(title="JWG ke-4 BNPT dan NICA tentang patroli perbatasan")
    page = open_page(viewport={"width": width, "height": 900})
    page.goto("/search/?q=BNPT")

    card = page.locator(".agency-card").first.bounding_box()
    meetings = page.locator("#found-meetings").bounding_box()
    if width == 390:
        assert meetings["y"] - (card["y"] + card["height"]) >= 24
    else:
        assert meetings["y"] < card["y"] < meetings["y"] + 60
    assert_nothing_overflows(page, width)
