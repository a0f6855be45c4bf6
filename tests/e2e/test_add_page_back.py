"""The browser's Back to the add page after Save, in Chromium: the page the
browser loads again has the text typed but a new form token and empty
autocomplete fields (select2's lists hold no options to restore). The page
puts back its own token and the choices sent, says the form was saved
already, naming and linking the story, and Save again makes no second story."""

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
TITLE = "Delegasi Filipina tiba di Jakarta"


@pytest.fixture
def reporter_page(open_page, make_staff):
    SectionFactory(name="Keamanan", slug="keamanan")
    AgencyFactory(acronym="NICA", name="National Intelligence Coordinating Agency")
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": 1280, "height": 900}))
    admin_login(page, "pewarta")
    return page


def test_back_after_saving_a_new_story_says_it_is_saved_and_files_no_second(
    reporter_page,
):
    page = reporter_page
    page.goto(ADD)
    token = page.locator("#id_add_token").input_value()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_body").fill("Rombongan dipimpin wakil direktur jenderal.")
    pick(page, "id_section", "Keamanan")
    pick(page, "id_agencies", "NICA")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/(\d+/links/)?$"))
    story = Article.objects.get()

    page.go_back()

    notice = page.locator("#desk-saved-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(
        f"You saved this form already, as the story “{TITLE}” (Draft)."
    )
    expect(notice.get_by_role("link", name="Open the story")).to_have_attribute(
        "href", f"/admin/articles/article/{story.pk}/change/"
    )
    # The form as it was sent: its token, its autocomplete choices.
    expect(page.locator("#id_add_token")).to_have_value(token)
    expect(page.locator("#id_section + .select2")).to_contain_text("Keamanan")
    expect(page.locator("#id_agencies + .select2")).to_contain_text("NICA")
    expect(page.locator("#id_title_count")).to_have_text("Characters: 33")

    page.locator("input[name=_save]").first.click()

    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text(
        "This form was saved already (Save pressed twice?)"
    )
    assert Article.objects.count() == 1
    assert_clean(page)


def test_back_to_an_add_page_left_unsaved_says_nothing(reporter_page):
    page = reporter_page
    page.goto(ADD)
    page.locator("#id_title").fill(TITLE)
    page.on("dialog", lambda dialog: dialog.accept())  # leave unsaved changes
    page.goto("/admin/")

    page.go_back()

    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_title_count")).to_have_text("Characters: 33")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#desk-saved-notice")).to_be_hidden()
    assert_clean(page)
