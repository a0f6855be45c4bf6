"""The desk on a phone. A "+" window opens as a page of its own (the picture added from
the writing screen's Featured image, a person or an agency from a meeting):
every field, its help and the file picker fit inside it. Django sized each
field for a page with 15 px margins; a window has 20, and the fields, their
help ("at least 64 × 6…", "Require…") and the file picker were cut 10 px
short at the right. The header's links and buttons (Log out, the desk's
languages, the breadcrumbs) are at least 24 px high (WCAG 2.5.8): Log out
was 14 px high beside the theme button."""

import pytest

from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

CUT_ROWS = """() => [...document.querySelectorAll('.form-row')]
    .filter(row => row.scrollWidth > row.clientWidth + 1)
    .map(row => row.className)"""


@pytest.mark.parametrize(
    "address", ["/admin/media/image/add/", "/admin/agencies/person/add/"]
)
def test_every_field_of_an_add_window_fits_a_phone(open_page, make_staff, address):
    make_staff("Editor", "redaktur")
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    admin_login(page, "redaktur")
    page.goto(f"{address}?_to_field=id&_popup=1")
    assert "popup" in page.locator("body").get_attribute("class").split()

    assert page.evaluate(CUT_ROWS) == []
    upload_or_name = page.locator("#id_upload, #id_name").first
    right = upload_or_name.evaluate("(e) => e.getBoundingClientRect().right")
    assert right <= 370  # inside the window's 20 px margin


HEADER_TARGETS = """() => [...document.querySelectorAll(
    '#user-tools a, #user-tools button, .breadcrumbs a'
)].map(e => [e.textContent.trim(), e.getBoundingClientRect().height])"""


def test_the_headers_links_and_buttons_are_big_enough_to_tap(open_page, make_staff):
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/")

    targets = dict(page.evaluate(HEADER_TARGETS))
    assert {"Log out", "English", "Home"} <= set(targets)
    assert {name: height for name, height in targets.items() if height < 24} == {}
