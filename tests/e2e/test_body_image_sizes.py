"""A body figure's `sizes` states the width it is laid out at, so a browser
downloads the rendition that fills it and no wider (in Chromium: the old
"(min-width: 48rem) 45rem, 100vw" made a phone at 2x fetch the 1,024-px file
for a 278-px figure)."""

import re

import pytest

from tests.articles.factories import ArticleFactory
from tests.images import library_image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIGURE_IMG = "figure.body-image img"


@pytest.fixture
def story():
    photo = library_image("rapat.jpg", size=(1800, 1200), alt_text="Meja rapat")
    return ArticleFactory(
        title="Rapat kerja sama",
        body=f"Pembuka.\n\n![](image:{photo.pk})\n\nPenutup.",
    )


def stated_width(page) -> float:
    """The width the figure's `sizes` states at this viewport, in CSS px: its
    media conditions read by matchMedia, the length by an element as wide."""
    return page.evaluate(
        """(selector) => {
            const img = document.querySelector(selector);
            for (const part of img.sizes.split(/,(?![^(]*\\))/)) {
                const text = part.trim();
                const match = text.match(/^(\\(.*?\\))\\s+(.*)$/);
                if (match && !matchMedia(match[1]).matches) continue;
                const probe = document.createElement("div");
                probe.style.width = match ? match[2] : text;
                document.body.append(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                return width;
            }
        }""",
        FIGURE_IMG,
    )


@pytest.mark.parametrize(
    "width, scale, laid_out, chosen",
    [(390, 2, 278, 640), (1280, 1, 592, 640), (600, 1, 484, 640)],
)
def test_a_body_figure_states_its_width_and_gets_the_file_that_fills_it(
    open_page,
    story,
    width,
    scale,
    laid_out,
    chosen,
):
    page = open_page(
        viewport={"width": width, "height": 900}, device_scale_factor=scale
    )
    page.goto(story.get_absolute_url())
    img = page.locator(FIGURE_IMG)
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "(s) => { const i = document.querySelector(s); "
        "return i.complete && i.currentSrc; }",
        arg=FIGURE_IMG,
    )
    measured = img.evaluate("(i) => i.getBoundingClientRect().width")
    assert abs(measured - laid_out) <= 1
    assert abs(stated_width(page) - measured) <= 4
    # The narrowest rendition (320, 640, 1024, 1600) at least as wide as the
    # figure's device pixels.
    current = img.evaluate("(i) => i.currentSrc")
    assert int(re.search(r"/w(\d+)-\w+\.(webp|jpg)$", current)[1]) == chosen
    assert chosen == min(w for w in (320, 640, 1024, 1600) if w >= measured * scale)
