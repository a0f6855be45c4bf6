"""The editions in a browser: the first-visit notice, the header's language
switcher on a phone, and the header on a wide screen in either edition."""

import time

import pytest
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def stories(transactional_db):
    ArticleFactory(title="Indonesia dan Filipina bertemu lagi", language="id")
    ArticleFactory(title="Indonesia and the Philippines meet again", language="en")


def test_an_english_browser_is_offered_the_english_edition_until_it_says_no(
    open_page, stories
):
    page = open_page(viewport=PHONE)  # the browser prefers en-GB
    page.goto("/")
    notice = page.locator("[data-edition-notice]")
    notice.wait_for(state="visible")
    assert notice.get_attribute("lang") == "en"
    assert (
        notice.get_by_role("link", name="Read in English").get_attribute("href")
        == "/en/"
    )
    notice.get_by_role("button", name="Close").click()
    expect(notice).to_be_hidden()
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("[data-edition-notice]").is_hidden()
    # No redirect: the Indonesian page stayed Indonesian.
    assert page.locator("html").get_attribute("lang") == "id"


def test_the_english_edition_offers_nothing_to_an_english_browser(open_page, stories):
    page = open_page(viewport=PHONE)
    page.goto("/en/")
    page.wait_for_load_state("load")
    assert page.locator("[data-edition-notice]").is_hidden()


def test_the_switcher_fits_a_phone_and_switches_edition(open_page, stories):
    page = open_page(viewport=PHONE)
    page.goto("/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    switcher = page.get_by_role("navigation", name="Bahasa")
    box = switcher.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    switcher.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"


# The width of a text in an element's own font, measured by the browser.
PLACEHOLDER_FITS = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    return [context.measureText(input.placeholder).width, room];
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("edition", ["", "/en"])
def test_the_search_placeholder_fits_its_box(open_page, stories, width, edition):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{edition}/")
    box = page.locator("input[name=q]").first
    text, room = box.evaluate(PLACEHOLDER_FITS)
    assert text <= room, (
        f"{box.get_attribute('placeholder')!r}: {text:.0f} > {room:.0f}"
    )


@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("edition", ["", "/en"])
@pytest.mark.parametrize("path", ["/", "/search/?q=Filipina"])
def test_the_header_is_one_row_on_a_wide_screen_in_either_edition(
    open_page, stories, width, edition, path
):
    """The name, the tagline, the search box (the search page has its own)
    and the language switcher side by side: in English the switcher used to
    wrap alone onto a second row under the name."""
    page = open_page(viewport={"width": width, "height": 800})
    page.goto(edition + path)
    boxes = page.evaluate(
        """() => [...document.querySelector('.site-header__inner').children]
            .map(el => el.getBoundingClientRect())
            .map(r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right}))"""
    )
    assert len(boxes) == (3 if "search" in path else 4)
    for before, after in zip(boxes, boxes[1:], strict=False):
        assert before["right"] <= after["left"]  # left to right, no overlap
        # On one row: each overlaps the next vertically.
        assert after["top"] < before["bottom"] and before["top"] < after["bottom"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# The layout shifts of the page so far (none of them right after a reader's
# input), as Cumulative Layout Shift counts them.
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) total += entry.value;
        }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def arrives_late(route):
    time.sleep(0.3)  # a slow network: the page is drawn before the script runs
    route.continue_()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_notice_moves_nothing_when_it_appears(open_page, stories, width):
    """Shown once the page had loaded, it pushed the page down: a layout
    shift of 0.09 on a phone."""
    page = open_page(viewport={"width": width, "height": 844})
    page.route("**/js/edition_notice.js", arrives_late)
    page.goto("/")
    expect(page.locator("[data-edition-notice]")).to_be_visible()
    assert page.evaluate(LAYOUT_SHIFT) == 0


def test_closing_the_notice_by_keyboard_moves_the_focus_to_the_content(
    open_page, stories
):
    """The focus had stayed on the hidden button."""
    page = open_page(viewport=PHONE)
    page.goto("/")
    page.get_by_role("button", name="Close").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-edition-notice]")).to_be_hidden()
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    in_main = "document.querySelector('main').contains(document.activeElement)"
    assert page.evaluate(in_main)
