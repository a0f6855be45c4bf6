"""The story page's pictures as a reader sees them in Chromium: a small
featured picture is not blown up past its own pixels, a tall one leaves room
for the text on the first screen, and the body's captions look like the
featured picture's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from newsroom.media.services import image_upload
from tests.articles.factories import ArticleFactory
from tests.images import library_image, uploader

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FEATURED_IMG = ".story__figure img"


def png_image(size, **described):
    """A PNG in the library (the smallest accepted are 64 × 64)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    upload = SimpleUploadedFile("small.png", buffer.getvalue(), "image/png")
    return image_upload(file=upload, user=uploader(), **described)


def open_story(open_page, article, viewport):
    """The story's page, its featured picture loaded."""
    page = open_page(viewport=viewport)
    page.goto(article.get_absolute_url())
    page.wait_for_function(
        "(s) => { const i = document.querySelector(s); "
        "return i && i.complete && i.naturalWidth > 0; }",
        arg=FEATURED_IMG,
    )
    return page


def pixel_width(page, selector) -> int:
    """The real pixel width of the file the browser chose (`naturalWidth` is
    scaled by the srcset's `sizes`, so the file is read again without it)."""
    return page.evaluate(
        """async (s) => {
            const shown = new Image();
            shown.src = document.querySelector(s).currentSrc;
            await shown.decode();
            return shown.naturalWidth;
        }""",
        selector,
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_small_featured_picture_is_not_shown_wider_than_its_pixels(
    open_page, viewport
):
    picture = png_image((80, 80), alt_text="Logo kecil")
    story = ArticleFactory(title="Logo kecil", featured_image=picture)
    page = open_story(open_page, story, viewport)
    img = page.locator(FEATURED_IMG)

    box = img.bounding_box()
    assert pixel_width(page, FEATURED_IMG) == 80
    assert box["width"] <= 80
    assert box["height"] <= 80
    # Its place is still kept before it loads.
    assert img.get_attribute("width") == "80"
    assert img.get_attribute("height") == "80"


def test_a_body_picture_s_caption_looks_like_the_featured_picture_s(open_page):
    featured = library_image(
        "depan.jpg", caption="Delegasi di ruang rapat", credit="Foto: Humas"
    )
    inside = library_image(
        "isi.jpg", caption="Peta wilayah patroli", credit="Foto: Redaksi"
    )
    story = ArticleFactory(
        title="Patroli bersama",
        featured_image=featured,
        body=f"Pembuka.\n\n![](image:{inside.pk})\n\nPenutup.",
    )
    page = open_story(open_page, story, DESKTOP)

    def looks(selector):
        return page.evaluate(
            """(s) => {
                const style = getComputedStyle(document.querySelector(s));
                return [style.fontFamily, style.fontSize, style.color];
            }""",
            selector,
        )

    assert looks(".body-image figcaption") == looks(".story__figure figcaption")
    assert looks(".body-image .credit") == looks(".story__figure .credit")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_tall_featured_picture_leaves_the_text_a_quarter_of_the_screen(
    open_page, viewport
):
    portrait = library_image(
        "potret.jpg", size=(1200, 2400), alt_text="Menteri berdiri di podium"
    )
    story = ArticleFactory(title="Potret menteri", featured_image=portrait)
    page = open_story(open_page, story, viewport)

    shown = page.evaluate(
        """(s) => {
            const img = document.querySelector(s);
            const box = img.getBoundingClientRect();
            return {
                width: box.width,
                height: box.height,
                fit: getComputedStyle(img).objectFit,
                ratio: img.naturalWidth / img.naturalHeight,
            };
        }""",
        FEATURED_IMG,
    )
    assert shown["height"] <= 0.75 * viewport["height"] + 0.5
    # The picture is whole and undistorted: drawn inside its box at its own
    # ratio, or in a box of that ratio.
    assert shown["fit"] == "contain" or (
        abs(shown["width"] / shown["height"] - shown["ratio"]) < 0.01
    )
