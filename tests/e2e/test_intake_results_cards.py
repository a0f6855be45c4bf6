"""The wire import's results on a phone: a card per file (table.stacks), each
cell under its column's name. Side by side, the details had 40% of a 390 px
screen, warnings wrapped two or three words a line and ten files made a
7,700 px page."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

BOXES = """table => [...table.querySelectorAll('tbody tr')].map(row =>
    [...row.cells].map(cell => {
        const box = cell.getBoundingClientRect();
        return {left: box.left, top: box.top, bottom: box.bottom, width: box.width,
                label: getComputedStyle(cell, '::before').content};
    }))"""


def import_two_files(page, tmp_path):
    copy = (
        "DM – Delegasi BNPT bertemu NICA di Jakarta untuk membahas kerja sama "
        "penanggulangan terorisme.\n"
    )
    names = ["Siaran_Pers_BNPT_JWG_ke-4.md", "Lampiran_delegasi_BNPT_NICA.md"]
    (tmp_path / names[0]).write_text(copy, encoding="utf-8")
    (tmp_path / names[1]).write_text(copy.replace("NICA", "AMLC"), encoding="utf-8")
    page.goto("/admin/articles/intakerecord/add/")
    page.set_input_files("#id_files", [str(tmp_path / name) for name in names])
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#intake-results tbody tr")).to_have_count(2)


def test_on_a_phone_each_imported_file_is_a_card_with_its_details_full_width(
    open_page, make_staff, tmp_path
):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 390, "height": 800})
    admin_login(page, "pewarta")

    import_two_files(page, tmp_path)

    table = page.locator("#intake-results")
    width = table.evaluate("t => t.getBoundingClientRect().width")
    assert width <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for file, result, details in table.evaluate(BOXES):
        # Stacked: one cell under the other, the details as wide as the table.
        assert file["bottom"] <= result["top"] <= result["bottom"] <= details["top"]
        assert details["width"] >= width - 2
        # Each under its column's name.
        assert [file["label"], result["label"], details["label"]] == [
            '"File"',
            '"Result"',
            '"Details"',
        ]


def test_on_a_wide_screen_the_results_stay_a_table(open_page, make_staff, tmp_path):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "pewarta")

    import_two_files(page, tmp_path)

    expect(page.locator("#intake-results thead")).to_be_visible()
    for file, result, details in page.locator("#intake-results").evaluate(BOXES):
        assert file["top"] == result["top"] == details["top"]
        assert file["left"] < result["left"] < details["left"]
        assert details["label"] == "none"
