"""The reporter's whole intake journey in Chromium, clicks counted: from the
admin's start page, paste wire copy into a new article, file it and submit
it for review, linked by that save to what the registry recognises as an
import of the copy is; the message points to Suggest links for the rest.
Issue #11 measured 69 clicks for this (42 linking agencies one at a time)."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import pick
from tests.e2e.test_paste_cleanup import PASTE, WATCH_CSP

pytestmark = pytest.mark.e2e

# The sample's shape (one paragraph a line, dateline, emphasis, weekday date,
# trailer), in our own words.
WIRE_COPY = """\
DM – BNPT menerima delegasi NICA dan AMLC dalam _The 4th Joint Working Group on Combating International Terrorism_ yang digelar secara hybrid, Kamis (24/3).
Dari pihak Indonesia hadir pula perwakilan BIN, PPATK dan BSSN.
Kepala BNPT, Boy Rafli Amar, membuka pertemuan dan meminta kedua negara memperkuat _information sharing_.
Pihak Filipina juga mengusulkan agar tim CSIRT kedua negara berlatih bersama.
Sumber : bnpt.go.id
Editor : Redaksi
Discussion about this post
"""  # noqa: E501


class Clicks:
    """Counts what the reporter clicks (keyboard shortcuts like the paste
    are not clicks)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()


def test_paste_link_and_submit_a_wire_story_in_a_handful_of_clicks(
    open_page, make_staff
):
    SectionFactory(name="Keamanan", slug="keamanan")
    for acronym, name, country in [
        ("BNPT", "Badan Nasional Penanggulangan Terorisme", "ID"),
        ("BIN", "Badan Intelijen Negara", "ID"),
        ("PPATK", "Pusat Pelaporan dan Analisis Transaksi Keuangan", "ID"),
        ("BSSN", "Badan Siber dan Sandi Negara", "ID"),
        ("NICA", "National Intelligence Coordinating Agency", "PH"),
        ("AMLC", "Anti-Money Laundering Council", "PH"),
    ]:
        AgencyFactory(acronym=acronym, name=name, country=country, slug=acronym)
    amar = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar", agency=None)
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    admin_login(page, "pewarta")
    clicks = Clicks(page)

    # 1 click: Add article from the start page; the paste is Ctrl+V.
    clicks.click(page.locator("tr.model-article a.addlink"))
    page.wait_for_url("**/admin/articles/article/add/")
    page.evaluate(PASTE, WIRE_COPY)
    expect(page.locator(".paste-cleanup-notice")).to_contain_text("4 paragraphs")
    # 2 clicks: the section; 1 click: Save and submit for review.
    clicks.count += 2
    pick(page, "id_section", "Keam", "Keamanan")
    clicks.click(page.get_by_role("button", name="Submit for review").first)
    expect(page).to_have_url(re.compile(r"/admin/articles/article/\d+/change/$"))

    # What the save linked, said after the step, and where the rest is.
    said = page.locator(".messagelist")
    expect(said).to_contain_text("Submitted for review.")
    expect(said).to_contain_text("6 agencies and 1 person")
    said.get_by_role("link", name="Suggest links").click()  # not a step: uncounted
    expect(page).to_have_url(re.compile(r"/admin/articles/article/\d+/links/$"))
    agencies = page.locator("#suggested-agencies")
    for acronym in ["BNPT", "BIN", "PPATK", "BSSN", "NICA", "AMLC"]:
        expect(agencies).to_contain_text(f"{acronym}:")
    expect(agencies.locator("mark", has_text="NICA").first).to_be_visible()
    expect(page.locator("#suggested-people")).to_contain_text("Boy Rafli Amar")
    expect(page.locator("#unknown-acronyms")).to_contain_text("CSIRT")

    article = Article.objects.get()
    assert article.status == Article.Status.IN_REVIEW
    assert sorted(a.acronym for a in article.agencies.all()) == sorted(
        ["BNPT", "BIN", "PPATK", "BSSN", "NICA", "AMLC"]
    )
    assert list(article.people.all()) == [amar]
    assert "Sumber" not in article.body and article.body.count("\n\n") == 3
    # "DM", the site's initials, is no dateline: left out of the story.
    assert (article.dateline, article.source_name) == ("", "bnpt.go.id")
    assert clicks.count == 4, clicks.count
    assert errors == [] and page.evaluate("window.cspViolations") == []

    # The editor: from the start page's review queue to the published story.
    make_staff("Editor", "redaktur")
    desk = open_page(viewport={"width": 1280, "height": 1000})
    desk.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(desk, "redaktur")
    review = Clicks(desk)
    queue = desk.locator("#desk-review")
    expect(queue).to_contain_text(article.title[:40])
    review.click(queue.get_by_role("link", name=article.title))  # 1 click
    desk.fill("#id_title", "BNPT dan Filipina bertemu lagi di JWG ke-4")  # typing
    review.click(desk.locator("#id_needs_headline"))  # 1 click: the headline is written
    review.click(  # 1 click
        desk.get_by_role("button", name="Save and publish").first
    )
    expect(desk.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert (article.title, article.needs_headline) == (
        "BNPT dan Filipina bertemu lagi di JWG ke-4",
        False,
    )
    assert review.count == 3, review.count
    assert errors == []
