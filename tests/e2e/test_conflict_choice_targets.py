"""In Chromium on a phone (390 px): the conflict panel's choice of whose
value to keep ("Yours" / "Saved now", when both editors changed the same
field) is a pair of 24 px targets at least (WCAG 2.2, 2.5.8), as the desk's
other boxes on a phone: the radio buttons were 13 px, their labels 19 px
high, one right above the other."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import admin_login
from tests.e2e.test_edit_conflict import story  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_whose_value_to_keep_is_a_24px_target(
    open_page,
    make_staff,
    story,  # noqa: F811 (the edit conflict tests' fixture)
):
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    a, b = (open_page(viewport=PHONE) for _ in range(2))
    for page, username in ((a, "redaktur-a"), (b, "redaktur-b")):
        admin_login(page, username)
        page.goto(f"/admin/articles/article/{story.pk}/change/")

    a.fill("#id_dateline", "Manila")
    a.click("input[name=_save] >> nth=0")
    expect(a.locator(".messagelist")).to_be_visible()
    b.fill("#id_dateline", "Bandung")
    b.click("input[name=_save] >> nth=0")

    clash = b.locator(".conflict-panel fieldset.stale-save-clash", has_text="Dateline")
    expect(clash).to_be_visible()
    radios = clash.locator("input[type=radio]")
    expect(radios).to_have_count(2)
    boxes = []
    for radio in radios.all():
        box = radio.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        label = radio.locator("xpath=..").bounding_box()
        assert label["height"] >= 24, label
        boxes.append(label)
    # The two labels do not overlap.
    first, second = boxes
    assert first["y"] + first["height"] <= second["y"]
    # Nothing wider than the phone.
    assert b.evaluate("document.documentElement.scrollWidth") <= 390

    # A tap on the label's words still chooses it.
    clash.get_by_text("Saved now:").click()
    expect(radios.nth(1)).to_be_checked()
