"""The slugs the admin fills in as one types keep a dash between words as a
break (static/js/admin_slugs.js), as the server's slugs do
(newsroom/text.py slug_of); on an add page sent back with errors, the slug
still follows the title while it is the one the title made."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.services import title_slug
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import pick

pytestmark = pytest.mark.e2e

TITLE = "JWG ke-5 Indonesia–Filipina di Manila"


def test_a_meetings_slug_typed_from_its_title_keeps_the_dash_as_a_break(
    open_page, make_staff
):
    make_staff("Editor", "staff")
    page = open_page()
    admin_login(page, "staff")
    page.goto("/admin/agencies/meeting/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(
        "jwg-ke-5-indonesia-filipina-di-manila"
    )


def test_a_storys_slug_typed_from_its_headline_is_the_servers_slug(
    open_page, make_staff
):
    make_staff("Editor", "staff")
    page = open_page()
    admin_login(page, "staff")
    page.goto("/admin/articles/article/add/")
    headline = "Indonesia–Filipina Sepakat — Kerja Sama “Baru” di Manila/Jakarta"
    page.locator("#id_title").fill(headline)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(title_slug(headline))
    assert (
        title_slug(headline)
        == "indonesia-filipina-sepakat-kerja-sama-baru-di-manila-jakarta"
    )


LONG_TITLE = (
    "BNPT melalui Deputi Bidang Kerja Sama Internasional menghadiri The 4th Joint "
    "Working Group on Counter Terrorism bersama delegasi Filipina di Manila "
) * 4  # pasted copy's first paragraph, far past the 255 a title may hold
HEADLINE = "BNPT dan Filipina Perkuat Kerja Sama Kontra-Terorisme"


def test_a_new_storys_slug_follows_the_title_corrected_after_a_refused_save(
    open_page, make_staff
):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page()
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    # As pasted, past the field's length (the field takes it, the server
    # refuses it).
    title.fill(LONG_TITLE)
    title.press("Tab")
    page.locator("#id_body").fill("Delegasi dipimpin Deputi Kerja Sama.")
    pick(page, "id_section", "Keamanan")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".errornote")).to_be_visible()
    assert not Article.objects.exists()
    # The slug Django's script made from the refused title.
    expect(slug).to_have_value(re.compile(r"^bnpt-melalui-deputi-bidang-kerja-sama-"))

    title.fill(HEADLINE)
    title.press("Tab")
    expect(slug).to_have_value("bnpt-dan-filipina-perkuat-kerja-sama-kontra-terorisme")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert Article.objects.get().slug == (
        "bnpt-dan-filipina-perkuat-kerja-sama-kontra-terorisme"
    )


def test_a_slug_typed_by_hand_on_a_refused_add_page_is_kept(open_page, make_staff):
    make_staff("Reporter", "pewarta")
    page = open_page()
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    title.fill("Usulan dari kalimat pertama")
    title.press("Tab")
    slug.fill("bnpt-filipina")
    page.locator("input[name=_continue]").first.click()  # no body: refused
    expect(page.locator(".errornote")).to_be_visible()

    title.fill(HEADLINE)
    title.press("Tab")
    expect(slug).to_have_value("bnpt-filipina")
