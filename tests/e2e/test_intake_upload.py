"""A reporter imports wire copy in the admin, in a real browser: the files go
up as one multipart form (with its CSRF token), a row comes back per file,
and axe finds no serious problem on the page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login, serious_violations

pytestmark = pytest.mark.e2e

SAMPLES = Path(__file__).resolve().parents[1] / "articles" / "intake_samples"


def test_a_reporter_uploads_wire_copy_and_reads_a_row_per_file(
    open_page, make_staff, tmp_path
):
    SectionFactory(name="Keamanan", slug="keamanan")
    reporter = make_staff("Reporter", "pewarta")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Berita dari Bogot\x81")  # nor Windows-1252
    page = open_page(bypass_csp=True)  # axe is injected below
    admin_login(page, "pewarta")

    page.goto("/admin/articles/")
    page.get_by_role("link", name="Wire copy imports").click()
    page.get_by_role("link", name="Import wire copy").click()
    page.set_input_files(
        "#id_files", [str(SAMPLES / "jwg-hybrid-meeting.txt"), str(latin)]
    )
    page.get_by_role("button", name="Import").click()

    rows = page.locator("#intake-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("jwg-hybrid-meeting.txt")
    expect(rows.nth(0)).to_contain_text("Created")
    expect(rows.nth(1)).to_contain_text(
        "latin.txt: the text is neither UTF-8 nor Windows-1252"
    )
    draft = Article.objects.get()
    assert (draft.created_by, draft.status) == (reporter, Article.Status.DRAFT)
    assert draft.dateline == ""  # "DM" is the site's initials, no place

    assert serious_violations(page) == []

    page.get_by_role("link", name=draft.title).click()
    expect(page.locator("#id_title")).to_have_value(draft.title)


def test_the_results_fit_a_phone_with_long_names_and_quoted_lines(
    open_page, make_staff, tmp_path
):
    # A long file name, and a report quoting a byline and a source address
    # it could not keep: the table was 420 px wide on a 390 px phone.
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    copy = tmp_path / "Siaran_Pers_BNPT_JWG_ke-4_Indonesia_Filipina_final_revisi.md"
    copy.write_text(
        f"---\nbyline: {'Tim Liputan Khusus ' * 12}\n---\n"
        "DM – Delegasi BNPT bertemu NICA di Jakarta.\n"
        "Sumber : https://bnpt.go.id:abc/berita-lengkap-jwg-ke-4\n",
        encoding="utf-8",
    )
    page = open_page(viewport={"width": 390, "height": 800})
    admin_login(page, "pewarta")
    page.goto("/admin/articles/intakerecord/add/")
    page.set_input_files("#id_files", [str(copy)])
    page.get_by_role("button", name="Import").click()

    row = page.locator("#intake-results tbody tr")
    expect(row).to_contain_text("The byline is longer than 200 characters")
    expect(row).to_contain_text("https://bnpt.go.id:abc/berita-lengkap-jwg-ke-4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


LINES_OF_RESULTS = """els => els.map(el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return [el.textContent.trim(), range.getClientRects().length];
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_each_result_reads_as_one_word_beside_long_names(
    open_page, make_staff, tmp_path, width
):
    # Breaking long names anywhere broke the results too: "Refuse/d" and
    # "Create/d" at 1280 px, "Dupli/cate" at 390 px.
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    names = [
        "Siaran_Pers_BNPT_JWG_ke-4_Indonesia_Filipina_final_revisi_2.md",
        "Siaran_Pers_BNPT_JWG_ke-4_Indonesia_Filipina_salinan_kedua.md",
        "Lampiran_foto_delegasi_BNPT_NICA_AMLC_Manila_Kamis.md",
    ]
    copy = "DM – Delegasi BNPT bertemu NICA di Jakarta untuk membahas kerja sama.\n"
    (tmp_path / names[0]).write_text(copy, encoding="utf-8")
    (tmp_path / names[1]).write_text(copy, encoding="utf-8")
    (tmp_path / names[2]).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "pewarta")
    page.goto("/admin/articles/intakerecord/add/")
    page.set_input_files("#id_files", [str(tmp_path / name) for name in names])
    page.get_by_role("button", name="Import").click()

    results = page.locator("#intake-results tbody td:nth-child(2)")
    expect(results).to_have_count(3)
    lines = results.evaluate_all(LINES_OF_RESULTS)
    assert lines == [["Created", 1], ["Duplicate", 1], ["Refused", 1]]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("day", ["1899-12-31", "2999-01-01"], ids=["early", "future"])
def test_a_written_on_day_out_of_range_is_refused_before_the_files_are_lost(
    open_page, make_staff, day
):
    """The server's refusal of the day came back with the files gone (a
    browser cannot be given them again): the browser now refuses the day
    itself, the files stay chosen, and the corrected form imports them."""
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page()
    admin_login(page, "pewarta")
    page.goto("/admin/articles/intakerecord/add/")
    page.set_input_files("#id_files", str(SAMPLES / "jwg-hybrid-meeting.txt"))
    written_on = page.locator("#id_written_on")
    written_on.fill(day)
    sent = []
    page.on("request", lambda r: sent.append(r) if r.method == "POST" else None)

    page.get_by_role("button", name="Import").click()

    page.wait_for_timeout(300)
    assert sent == []  # nothing went to the server
    assert written_on.evaluate("input => input.validationMessage") != ""
    assert page.locator("#id_files").evaluate("input => input.files.length") == 1
    assert not Article.objects.exists()

    written_on.fill("2016-03-25")
    page.get_by_role("button", name="Import").click()

    expect(page.locator("#intake-results tbody tr")).to_contain_text("Created")
    assert Article.objects.count() == 1
