"""An editor replaces an image's file in Chromium: the replace page shows the
picture the image has and, as soon as a file is chosen, that file beside it,
before anything is sent (media_replace_preview.js, at a blob: address the
page's policy allows); a file Chromium cannot show says so instead; the very
file the image has changes nothing and says so."""

import pytest
from playwright.sync_api import expect

from newsroom.media import services
from tests.e2e.conftest import admin_login
from tests.e2e.test_paste_cleanup import WATCH_CSP
from tests.newsroom.media.files import BLUE, GREEN, HEIC, encode, halves, upload

pytestmark = pytest.mark.e2e

SAME = "This is the picture the image already has: nothing was changed."


def test_the_chosen_file_is_shown_beside_the_picture_before_it_is_sent(
    open_page, make_staff, tmp_path
):
    editor = make_staff("Editor", "redaktur")
    data = encode(halves((1200, 800)), "JPEG")
    image = services.image_upload(
        file=upload("delegasi.jpg", data),
        user=editor,
        title="Delegasi",
        alt_text="Delegasi di ruang rapat",
    )
    new = tmp_path / "delegasi-tegak.jpg"
    new.write_bytes(encode(halves((600, 900), left=GREEN, right=BLUE), "JPEG"))
    same = tmp_path / "delegasi.jpg"
    same.write_bytes(data)
    heic = tmp_path / "IMG_0042.HEIC"
    heic.write_bytes(HEIC.read_bytes())

    page = open_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    admin_login(page, "redaktur")
    page.goto(f"/admin/media/image/{image.pk}/replace/")

    now = page.locator(".media-replace-picture:not(.media-replace-preview) img")
    expect(now).to_be_visible()
    assert now.evaluate("img => img.complete && img.naturalWidth") > 0
    preview = page.locator(".media-replace-preview")
    expect(preview).to_be_hidden()

    page.set_input_files("#id_upload", str(new))
    chosen = preview.locator("img")
    expect(chosen).to_be_visible()
    assert chosen.get_attribute("src").startswith("blob:")
    assert chosen.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [
        600,
        900,
    ]
    expect(chosen).to_have_attribute("alt", "delegasi-tegak.jpg")
    # Side by side on a desk's screen.
    now_box, chosen_box = now.bounding_box(), chosen.bounding_box()
    assert chosen_box["x"] > now_box["x"] + now_box["width"]
    assert abs(chosen_box["y"] - now_box["y"]) < 5

    # An iPhone's HEIC, which Chromium cannot show: said, not a broken image.
    page.set_input_files("#id_upload", str(heic))
    expect(preview.locator(".media-replace-unreadable")).to_be_visible()
    expect(chosen).to_be_hidden()

    page.set_input_files("#id_upload", [])
    expect(preview).to_be_hidden()

    # The very file the image has: nothing changed, and said so.
    page.set_input_files("#id_upload", str(same))
    expect(chosen).to_be_visible()
    page.click("input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text(SAME)
    assert page.evaluate("window.cspViolations") == []
    assert errors == []
