"""With the keyboard alone, in Chromium: a new story's form opens in Title (it
opened on the top row's Save, which Enter pressed on an empty form), a
story's page opens on no button, and Tab from the top reaches "Skip to main
content" first; an autocomplete's focus is a ring that can be seen; and the
"+" windows' text areas stay inside their form."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

# Tab goes on from the start of the document, as on a page just opened with
# nothing focused.
FROM_THE_TOP = """() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
}"""
ACTIVE = "() => document.activeElement.outerHTML.slice(0, 120)"
OUTLINE = """(element) => {
    const style = getComputedStyle(element);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor];
}"""
LINK_FG = "getComputedStyle(document.documentElement).getPropertyValue('--link-fg')"


def tab_to(page, selector: str, tabs: int = 60) -> None:
    """Press Tab until the element `selector` finds has the focus."""
    target = page.locator(selector)
    for _ in range(tabs):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail(f"{tabs} Tabs never reached {selector}")


def rgb(colour: str) -> str:
    """A CSS colour as Chromium computes it: `rgb(r, g, b)`."""
    colour = colour.strip().lstrip("#")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


@pytest.fixture
def reporter_page(open_page, make_staff):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 1280, "height": 1000})
    admin_login(page, "pewarta")
    return page


def test_a_new_story_opens_in_its_title_and_a_story_on_no_button(
    reporter_page, open_page, make_staff
):
    page = reporter_page
    page.goto("/admin/articles/article/add/")
    page.wait_for_load_state("load")
    expect(page.locator("#id_title")).to_be_focused()

    page.evaluate(FROM_THE_TOP)
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-to-content-link")).to_be_focused()

    # A story's page: nothing focused, as in Django (which focuses add forms
    # only); above all no Save, which Enter would press.
    article = ArticleFactory(draft=True, title="Rapat koordinasi")
    make_staff("Editor", "redaktur")
    story = open_page(viewport={"width": 1280, "height": 1000})
    admin_login(story, "redaktur")
    story.goto(f"/admin/articles/article/{article.pk}/change/")
    story.wait_for_load_state("load")
    assert story.evaluate("document.activeElement === document.body"), story.evaluate(
        ACTIVE
    )


def test_the_keyboards_focus_on_an_autocomplete_is_a_ring_a_click_is_not(
    reporter_page,
):
    page = reporter_page
    page.goto("/admin/articles/article/add/")
    page.wait_for_load_state("load")
    ring = ["solid", "2px", rgb(page.evaluate(LINK_FG))]

    section = "#id_section + .select2 .select2-selection"
    tab_to(page, section)
    assert page.locator(section).evaluate(OUTLINE) == ring

    # Agencies, a field of many: its search box has the focus, its box the ring.
    tab_to(page, "#id_agencies + .select2 .select2-search__field")
    agencies = page.locator("#id_agencies + .select2 .select2-selection")
    assert agencies.evaluate(OUTLINE) == ring
    assert page.locator(section).evaluate(OUTLINE)[0] == "none"

    # Chosen with the mouse: select2 gives the box the focus back, unringed.
    page.click(section)
    page.locator(
        ".select2-container--open .select2-results__option[role=option]",
        has_text="Keamanan",
    ).click()
    expect(page.locator(section)).to_be_focused()
    assert page.locator(section).evaluate(OUTLINE)[0] == "none"


@pytest.mark.parametrize(
    "model, fields",
    [
        ("meetingseries", ["id_description", "id_description_en"]),
        ("person", ["id_bio", "id_bio_en"]),
        ("agency", ["id_description", "id_description_en"]),
    ],
)
def test_a_text_area_fits_its_form_in_an_add_window(
    open_page, make_staff, model, fields
):
    make_staff("Editor", "redaktur")
    # The size of the window the meeting form's "+" opens.
    page = open_page(viewport={"width": 800, "height": 500})
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/{model}/add/?_to_field=id&_popup=1")
    assert "popup" in page.locator("body").get_attribute("class").split()
    for field in fields:
        right, fieldset_right, width = page.locator(f"#{field}").evaluate(
            """(area) => [
                area.getBoundingClientRect().right,
                area.closest('fieldset').getBoundingClientRect().right,
                area.getBoundingClientRect().width,
            ]"""
        )
        assert right <= fieldset_right, (field, right, fieldset_right)
        assert width >= 300, (field, width)  # still a box to write in
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
