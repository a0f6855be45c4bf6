"""The top row of a story's buttons on a phone is two buttons a line
(submit_line.html, admin_article.css): Django stacks them full width, four
on a reporter's new story (Save, Save and add another, Save and continue
editing, Save and submit for review), so that Title began 530 px down a
390 px phone; at a desk's width the row is one line, as before."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

TOPS = """(row) => Array.from(row.children)
  .filter((b) => b.offsetParent !== null)
  .map((b) => {
    const r = b.getBoundingClientRect();
    return [b.textContent.trim() || b.value, r.top, r.left, r.right, r.height];
  })"""


@pytest.mark.parametrize(("width", "lines"), [(390, 2), (1280, 1)])
def test_the_top_buttons_leave_the_title_near_the_top(
    open_page, make_staff, width, lines
):
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")

    row = page.locator(".submit-row-top")
    buttons = row.evaluate(TOPS)
    assert [name for name, *_ in buttons] == [
        "Save",
        "Save and add another",
        "Save and continue editing",
        "Save and submit for review",
    ]
    assert len({round(top) for _, top, *_ in buttons}) == lines
    for name, _, left, right, height in buttons:
        assert 0 <= left and right <= width, name
        assert height >= (40 if width == 390 else 24), name  # a thumb's, a pointer's
    title = page.locator("#id_title")
    expect(title).to_be_in_viewport()
    if width == 390:
        assert title.bounding_box()["y"] < 450
