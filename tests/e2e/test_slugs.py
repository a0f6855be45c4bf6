"""The slugs the admin fills in as one types keep a dash between words as a
break (static/js/admin_slugs.js), as the server's slugs do
(newsroom/text.py slug_of)."""

import pytest
from playwright.sync_api import expect

from articles.services import title_slug
from tests.e2e.conftest import admin_login

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
