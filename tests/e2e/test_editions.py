"""The editions in a browser: the first-visit notice, the header's language
switcher on a phone, and the header on a wide screen in either edition."""

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


@pytest.mark.parametrize("width", [320, 390, 1280])
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


# The layout shifts of the page since `since` (performance.now(), ms), none
# of them right after a reader's input, as Cumulative Layout Shift counts them.
LAYOUT_SHIFT = """since => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput && entry.startTime >= since) {
                total += entry.value;
            }
        }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_notice_holds_up_nothing_and_moves_nothing(open_page, stories, width):
    """Its script is deferred: the page is read and drawn while the script
    is still on its way (not deferred, it held up everything under the
    notice), and the notice it shows then moves nothing (shown in the flow
    once the page had loaded, it pushed the page down: a layout shift of
    0.09 on a phone)."""
    page = open_page(viewport={"width": width, "height": 844})
    held = []
    page.route("**/js/edition_notice.js", lambda route: held.append(route))
    page.goto("/", wait_until="commit")
    page.locator(".site-footer").wait_for(state="attached", timeout=3_000)
    # A function, not an expression: the site's CSP forbids eval.
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0"
    )
    notice = page.locator("[data-edition-notice]")
    assert held and notice.is_hidden()
    # From here on (a page being drawn on a busy machine may move a little
    # before: nothing the notice does).
    script_arrives = page.evaluate("performance.now()")
    held[0].continue_()
    expect(notice).to_be_visible()
    assert page.evaluate(LAYOUT_SHIFT, script_arrives) == 0


# How far the page's end is below the notice's top once scrolled to the end.
PAGE_END_UNDER_NOTICE = """() => {
    const end = document.documentElement.scrollHeight;
    window.scrollTo({top: end, behavior: "instant"});
    const notice = document.querySelector("[data-edition-notice]");
    const footer = document.querySelector(".site-footer");
    return footer.getBoundingClientRect().bottom
        - (notice.hidden ? innerHeight : notice.getBoundingClientRect().top);
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_stays_under_the_notice(open_page, stories, width):
    """Standing over the window's foot, the notice leaves the page room to
    scroll its end clear of it, and a link the keyboard reaches there
    scrolls clear of it too; closed, it takes its room away."""
    # No smooth scrolling: where the focus scrolls to is read at once.
    page = open_page(viewport={"width": width, "height": 600}, reduced_motion="reduce")
    page.goto("/")
    notice = page.locator("[data-edition-notice]")
    expect(notice).to_be_visible()
    assert page.evaluate(PAGE_END_UNDER_NOTICE) <= 1
    footer_links = page.locator(".site-footer a")
    footer_links.nth(-2).focus()
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.keyboard.press("Tab")
    expect(footer_links.last).to_be_focused()
    assert footer_links.last.evaluate("a => a.getBoundingClientRect().bottom") <= (
        notice.evaluate("n => n.getBoundingClientRect().top") + 1
    )
    height = page.evaluate("document.documentElement.scrollHeight")
    notice.get_by_role("button", name="Close").click()
    expect(notice).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") < height
    assert abs(page.evaluate(PAGE_END_UNDER_NOTICE)) <= 1


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
