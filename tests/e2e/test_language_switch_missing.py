"""The language switch on a page the other edition does not have, in a
browser: its note and its link to the other edition's home fit a phone and
keep a wide screen's header on one row, and the link is found by its name."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.e2e

HEADER_BOXES = """() => [...document.querySelector('.site-header__inner').children]
    .map(el => el.getBoundingClientRect())
    .map(r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right}))"""


@pytest.fixture
def untranslated(transactional_db):
    """An Indonesian story with no English version and an English one with
    a tag no Indonesian story carries: their addresses."""
    indonesian = ArticleFactory(title="Mengenal JWG Indonesia-Filipina", language="id")
    ArticleFactory(
        title="Indonesia, the Philippines review border control",
        language="en",
        tags=["border control"],
    )
    return {
        "article": (indonesian.get_absolute_url(), "English home", "/en/"),
        "tag": ("/en/tags/border-control/", "Beranda edisi bahasa Indonesia", "/"),
    }


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", ["article", "tag"])
def test_the_note_and_the_home_link_fit_the_header(
    open_page, untranslated, width, kind
):
    path, name, home = untranslated[kind]
    page = open_page(viewport={"width": width, "height": 800})
    page.goto(path)
    switcher = page.locator("nav.language-switcher")
    note = switcher.locator(".language-switcher__note")
    expect(note).to_be_visible()
    link = switcher.get_by_role("link", name=name)
    expect(link).to_be_visible()
    assert link.get_attribute("href") == home
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = switcher.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    if width >= 1024:
        # One row, side by side, as without the note; the tagline is not
        # squeezed to a word a line (it had 11 lines).
        boxes = page.evaluate(HEADER_BOXES)
        for before, after in zip(boxes, boxes[1:], strict=False):
            assert before["right"] <= after["left"]
            assert after["top"] < before["bottom"] and before["top"] < after["bottom"]
        tagline = page.locator(".site-tagline").bounding_box()
        assert tagline["height"] < 80
    link.click()
    page.wait_for_url(f"**{home}")
