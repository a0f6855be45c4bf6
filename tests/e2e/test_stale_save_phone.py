"""In Chromium: on a phone (390 px) the edit lock's table of a meeting (its
form beside the version saved now, and what combining keeps) is a column of
cards inside its panel, as the article's conflict table is; its four
columns had been cut at the panel's edge."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import admin_login
from tests.e2e.test_stale_save_buttons import meeting  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_edit_locks_table_fits_its_panel(
    open_page,
    make_staff,
    meeting,  # noqa: F811 (the edit lock's buttons tests' fixture)
):
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    url = f"/admin/agencies/meeting/{meeting.pk}/change/"
    a = open_page(viewport=PHONE)
    admin_login(a, "redaktur-a")
    a.goto(url)
    a.click("input[name=_save] >> nth=0")  # a first revision in the history
    expect(a.locator(".messagelist")).to_be_visible()
    b = open_page(viewport=PHONE)
    admin_login(b, "redaktur-b")
    b.goto(url)
    a.goto(url)
    a.fill("#id_summary", "Pertemuan tahunan kedua negara, dengan gugus tugas.")
    a.click("input[name=_save] >> nth=0")
    expect(a.locator(".messagelist")).to_be_visible()

    b.fill("#id_title", "JWG ke-4: penanggulangan terorisme internasional")
    b.click("input[name=_save] >> nth=0")
    table = b.locator(".stale-save table.stale-save-versions")
    expect(table).to_be_visible()

    # Nothing of the table beyond its box, nor its box beyond the panel.
    fits = table.evaluate("t => t.scrollWidth <= t.clientWidth")
    assert fits, table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    panel = b.locator(".stale-save").bounding_box()
    for row in range(table.locator("tbody tr").count()):
        for cell in table.locator("tbody tr").nth(row).locator("th, td").all():
            box = cell.bounding_box()
            assert box["x"] >= panel["x"] - 1, (row, box, panel)
            assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 1, (
                row,
                box,
                panel,
            )
    # Each value under its column's name, the field's name above them.
    first = table.locator("tbody tr").first
    name, mine = first.locator("th"), first.locator("td").first
    assert name.bounding_box()["y"] < mine.bounding_box()["y"]
    assert mine.evaluate("e => getComputedStyle(e, '::before').content") != "none"
    assert b.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
