"""The story page in a browser: "Copy link" copies the story's address, and
without scripts the address waits in its field, the button out of sight;
printed, the story without the controls around it."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def story(transactional_db):
    return ArticleFactory(
        title='BNPT & PPATK: "ke-4"?', slug="bnpt-ppatk", meeting=None
    )


def test_copy_link_puts_the_story_s_address_on_the_clipboard(
    open_page, live_server, story
):
    page = open_page(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(story.get_absolute_url())
    button = page.get_by_role("button", name="Salin tautan")
    # Shown by the deferred script, and the copy is asynchronous: wait for
    # both as a reader would see them.
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("status")).to_have_text("Tautan disalin")
    address = f"{live_server.url}{story.get_absolute_url()}"
    assert page.evaluate("navigator.clipboard.readText()") == address
    # Nothing on the page wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_scripts_the_address_is_in_its_labelled_field(
    open_page, live_server, story
):
    page = open_page(java_script_enabled=False)
    page.goto(story.get_absolute_url())
    field = page.get_by_label("Tautan berita ini")
    assert field.input_value() == f"{live_server.url}{story.get_absolute_url()}"
    assert field.get_attribute("readonly") is not None
    assert page.get_by_role("button", name="Salin tautan").count() == 0


def test_a_printed_story_is_the_story_not_the_controls_around_it(open_page, story):
    """Printed, the page carried the header's search box and button, the
    language switcher and the "also in English" notice above the headline."""
    page = open_page(viewport={"width": 800, "height": 1100})
    page.goto(story.get_absolute_url())
    notice = page.locator(".edition-notice")
    expect(notice).to_be_visible()  # a browser in English: the notice is up

    page.emulate_media(media="print")

    for control in (
        page.get_by_role("search").first,
        page.locator(".language-switcher"),
        notice,
        page.locator(".share"),
    ):
        expect(control).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    expect(page.locator(".story__body")).to_be_visible()
