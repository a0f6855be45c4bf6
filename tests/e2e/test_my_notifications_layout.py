"""My notifications at 1280 px: the whole e-mail address is in sight."""

import pytest

from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

ADDRESS = "redaktur.pelaksana@newsroom.example"


def test_the_address_box_shows_the_whole_address_at_1280_px(open_page, make_staff):
    editor = make_staff("Editor", "redaktur")
    editor.email = ADDRESS
    editor.save(update_fields=["email"])
    page = open_page(viewport={"width": 1280, "height": 800})
    admin_login(page, "redaktur")
    page.goto("/admin/articles/notificationsetting/mine/")
    box = page.locator("#id_email")
    assert box.input_value() == ADDRESS
    hidden = box.evaluate("(input) => input.scrollWidth - input.clientWidth")
    assert hidden <= 0, f"{hidden}px of the address cut off"
