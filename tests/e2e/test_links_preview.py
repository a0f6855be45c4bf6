""" "Linked when you save" on the add page, in Chromium at a phone's width
and a desk's: the copy typed or pasted into Body, the page says under Filing
which agencies, people and meeting the save will link (the save's own rule,
asked of the server a moment after the text stops changing); an agency
chosen in its box leaves the list; saved, the story is linked as it said.
A reporter had been told only after saving."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched
from tests.e2e.test_journeys import pick

pytestmark = pytest.mark.e2e

ADD = "/admin/articles/article/add/"
BODY = (
    "BNPT dan NICA membahas pertukaran data perbatasan di Jakarta.\n\n"
    "Delegasi AMLC hadir sebagai pengamat."
)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_add_page_says_what_saving_links_and_the_save_does_it(
    open_page, make_staff, width
):
    SectionFactory(name="Keamanan", slug="keamanan")
    for acronym, country in (("BNPT", "ID"), ("NICA", "PH"), ("AMLC", "PH")):
        AgencyFactory(acronym=acronym, name=f"Badan {acronym}", country=country)
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": width, "height": 900}))
    admin_login(page, "pewarta")
    page.goto(ADD)
    preview = page.locator("#links-preview")
    expect(preview).to_be_hidden()  # nothing written yet

    page.locator("#id_title").fill("Data perbatasan dibahas")
    page.locator("#id_body").fill(BODY)

    expect(preview).to_be_visible()
    agencies = preview.locator("li", has_text="Agencies:")
    expect(agencies).to_have_text(
        "Agencies: BNPT (Indonesia); NICA, AMLC (Philippines)"
    )
    # Under Filing, after the boxes it fills, and within a phone's width.
    filing = page.locator(".form-row.field-meeting")
    assert preview.evaluate("(p) => p.previousElementSibling.classList.value") == (
        filing.evaluate("(r) => r.classList.value")
    )
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width

    pick(page, "id_agencies", "NICA")
    expect(agencies).to_have_text("Agencies: BNPT (Indonesia); AMLC (Philippines)")

    pick(page, "id_section", "Keamanan")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/$"))
    story = Article.objects.get()
    assert sorted(a.acronym for a in story.agencies.all()) == ["AMLC", "BNPT", "NICA"]
    expect(page.locator("#links-preview")).to_have_count(0)  # the add page's only
    assert_clean(page)


def test_an_answer_for_text_since_deleted_is_not_shown(open_page, make_staff):
    """A tester on a slow line: the body cleared while the question about it
    was on its way, its answer showed agencies for an empty form."""
    AgencyFactory(acronym="BNPT", name="Badan BNPT", country="ID")
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": 390, "height": 900}))
    admin_login(page, "pewarta")
    held = []

    def hold(route):  # answered only when let go
        held.append(route)

    page.route("**/links-preview/", hold)
    page.goto(ADD)
    preview = page.locator("#links-preview")

    page.locator("#id_body").fill("BNPT membuka rapat.")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1  # the question is on its way
    page.locator("#id_body").fill("")
    page.wait_for_timeout(1000)  # past the pause that would ask again
    held[0].continue_()
    page.wait_for_timeout(500)

    expect(preview).to_be_hidden()
    assert len(held) == 1  # an empty form asks nothing
    page.unroute("**/links-preview/")
    page.locator("#id_body").fill("BNPT menutup rapat.")
    expect(preview.locator("li")).to_have_text("Agencies: BNPT (Indonesia)")
    assert_clean(page)
