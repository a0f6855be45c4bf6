"""A reporter saves a large photo in Chromium: while the server works, the
status beside the buttons says to wait, and pressing Save again sends
nothing more; one image is added."""

import json
import re
import threading

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from newsroom.media import services
from newsroom.media.models import Image
from tests.e2e.conftest import admin_login
from tests.e2e.test_paste_cleanup import WATCH_CSP
from tests.newsroom.media.files import encode

pytestmark = pytest.mark.e2e

image_upload = services.image_upload
WAIT = "Saving the picture: large photos take a few seconds…"
# While the browser waits for the answer to its post, Playwright reads
# nothing from the page: the page reports what it shows on the console.
REPORT = """document.addEventListener("DOMContentLoaded", () => {
    const status = document.querySelector(".submit-row .media-saving");
    if (!status) return;
    new MutationObserver(() => {
        const save = document.querySelector("input[name=_save]");
        console.log(JSON.stringify({
            status: status.textContent,
            save: save.getAttribute("aria-disabled"),
            shown: status.getBoundingClientRect().width > 0,
        }));
    }).observe(status, {childList: true, characterData: true, subtree: true});
});"""


def test_saving_a_large_photo_says_to_wait_and_is_sent_once(
    open_page, make_staff, tmp_path, monkeypatch
):
    make_staff("Reporter", "pewarta")
    photo = tmp_path / "IMG_5000.jpg"
    # Noise compresses badly: 1800 × 1200 is over 2 MB, a "large" file.
    noise = PILImage.effect_noise((1800, 1200), 80).convert("RGB")
    photo.write_bytes(encode(noise, "JPEG", quality=98))
    assert photo.stat().st_size > 2 * 1024 * 1024
    page = open_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    page.add_init_script(REPORT)
    admin_login(page, "pewarta")
    page.goto("/admin/media/image/add/")
    status = page.locator(".submit-row .media-saving")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")
    page.set_input_files("#id_upload", str(photo))
    page.fill("#id_alt_text", "Pasir berbisik di pantai")

    # The server is held up, as by a 50 MP photo, until the page is checked.
    held, posts = [], []
    page.on(
        "request",
        lambda request: posts.append(request) if request.method == "POST" else None,
    )
    release = threading.Event()

    def held_upload(**kwargs):
        held.append(kwargs["file"].name)
        release.wait(timeout=20)
        return image_upload(**kwargs)

    monkeypatch.setattr(services, "image_upload", held_upload)
    page.locator(".submit-row").scroll_into_view_if_needed()
    again = page.locator("input[name=_continue]").bounding_box()
    # no_wait_after: the page is left waiting for the held answer.
    with page.expect_console_message(lambda m: m.text.startswith("{")) as said:
        page.click("input[name=_save]", no_wait_after=True)
    assert json.loads(said.value.text) == {
        "status": WAIT,
        "save": "true",
        "shown": True,
    }
    # A second press, by the mouse: locators wait for the pending page.
    page.mouse.click(again["x"] + again["width"] / 2, again["y"] + again["height"] / 2)
    # The first post reaches the server (on CI's loaded machine it took more
    # than the 500 ms once given), then time for a second one to show.
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    assert len(held) == 1 and len(posts) == 1

    release.set()
    expect(page).to_have_url(re.compile(r"/admin/media/image/$"))
    assert Image.objects.count() == 1
    assert errors == [] and page.evaluate("window.cspViolations") == []
