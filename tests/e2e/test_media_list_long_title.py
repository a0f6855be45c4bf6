"""In Chromium at 1280 px: the media library's list keeps every column in
view beside a picture whose title (or alt text) is one long word, a file
name of 200 letters without a space. The title made the table 1898 px wide
in a 703 px box, the size, uploader and date out of sight."""

import pytest
from playwright.sync_api import expect

from newsroom.media import services
from tests.e2e.conftest import admin_login
from tests.newsroom.media.files import encode, halves, upload

pytestmark = pytest.mark.e2e

LONG_TITLE = "Foto_sangat_panjang_" * 10  # 200 letters, the most a title holds
LONG_ALT = "Delegasi_Indonesia_dan_Filipina_" * 5


def test_a_title_of_one_long_word_wraps_and_every_column_stays_in_view(
    open_page, make_staff
):
    editor = make_staff("Editor", "redaktur")
    services.image_upload(
        file=upload("panjang.jpg", encode(halves((600, 400)), "JPEG")),
        user=editor,
        title=LONG_TITLE,
        alt_text=LONG_ALT,
    )
    services.image_upload(
        file=upload("pendek.jpg", encode(halves((300, 200)), "JPEG")),
        user=editor,
        title="Delegasi",
        alt_text="Delegasi di ruang rapat",
    )

    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "redaktur")
    page.goto("/admin/media/image/")
    table = page.locator("#result_list")
    expect(table.locator("td.field-title", has_text="Foto_sangat")).to_be_visible()

    widths = table.evaluate(
        "(t) => [t.getBoundingClientRect().width, t.parentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"table {widths[0]} px in a {widths[1]} px box"
    # Every column's header within the screen, the last one too.
    for header in table.locator("thead th").all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= 1280
    # The title wraps onto several lines; a short title keeps its word whole.
    title = table.locator("td.field-title a", has_text="Foto_sangat")
    assert title.evaluate("(a) => a.getClientRects().length") > 1
    short = table.locator("td.field-title a", has_text="Delegasi")
    assert short.evaluate("(a) => a.getClientRects().length") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
