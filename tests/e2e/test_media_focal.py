"""A reporter adds a photo to the media library in Chromium, is refused for a
missing alt text without losing the file, then sets the focal point by
clicking the picture: the square crop follows it."""

import io
import re

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from newsroom.media.models import Image
from tests.e2e.conftest import admin_login
from tests.e2e.test_paste_cleanup import WATCH_CSP
from tests.newsroom.media.files import BLUE, RED, encode, halves

pytestmark = pytest.mark.e2e


def left_edge_colour(rendition) -> tuple:
    with rendition.file.open("rb") as stored:
        picture = PILImage.open(io.BytesIO(stored.read())).convert("RGB")
    return picture.getpixel((4, picture.height // 2))


def near(colour, target) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, target, strict=True))


def test_a_refused_upload_is_kept_and_the_focal_point_is_set_by_a_click(
    open_page, make_staff, tmp_path
):
    make_staff("Reporter", "pewarta")
    photo = tmp_path / "IMG_2041.jpg"  # left half red, right half blue
    photo.write_bytes(encode(halves((1200, 600), left=RED, right=BLUE), "JPEG"))
    page = open_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    admin_login(page, "pewarta")

    page.goto("/admin/media/image/add/")
    page.set_input_files("#id_upload", str(photo))
    page.fill("#id_title", "Ruang rapat")
    page.click("input[name=_save]")
    # Refused for the alt text; the file is kept: no need to choose it again.
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text("IMG_2041.jpg")
    page.fill("#id_alt_text", "Meja rapat dengan bendera dua negara")
    page.click("input[name=_continue]")
    expect(page).to_have_url(re.compile(r"/admin/media/image/\d+/change/$"))
    image = Image.objects.get()
    assert image.original_filename == "IMG_2041.jpg"
    square = image.renditions.get(spec="square", format="jpeg")
    assert near(left_edge_colour(square), RED)  # centred: red on the left

    # A click at 90 % across and half-way down the preview.
    preview = page.locator(".media-focal-image")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    expect(page.locator("#id_focal_x")).to_have_value("0.900")
    expect(page.locator(".media-focal-marker")).to_be_visible()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()

    image.refresh_from_db()
    assert (round(image.focal_x, 2), round(image.focal_y, 2)) == (0.9, 0.5)
    square = image.renditions.get(spec="square", format="jpeg")
    assert near(left_edge_colour(square), BLUE)  # moved to the right half
    assert errors == [] and page.evaluate("window.cspViolations") == []
