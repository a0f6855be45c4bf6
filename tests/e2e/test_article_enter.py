"""Enter in a one-line field of a story's form, or on one of its
checkboxes, goes on to the next field instead of saving
(static/js/article_form_enter.js): the browser sent the form with its first
button, the top row's Save, so a reporter ending a
headline with Enter saved a half-written story and left it, and an editor's
Enter in a published story's Title put the headline live. The buttons still
save what was typed."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched
from tests.e2e.test_journeys import pick

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [390, 1280])
def test_enter_in_the_title_of_a_new_story_goes_on_and_saves_nothing(
    open_page, make_staff, width
):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": width, "height": 900}))
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")

    page.locator("#id_title").fill("Delegasi Filipina tiba")
    page.locator("#id_title").press("Enter")

    headline = page.locator("#id_needs_headline")
    expect(headline).to_be_focused()  # the next field
    page.keyboard.press("Enter")  # on the checkbox: a tester's Enter, Enter
    expect(page.locator("#id_slug")).to_be_focused()
    expect(headline).not_to_be_checked()
    page.locator("#id_slug").press("Enter")
    expect(page.locator("#id_dek")).to_be_focused()
    assert page.url.endswith("/admin/articles/article/add/")
    assert not Article.objects.exists()
    # Then written on and saved by its button, as typed.
    page.locator("#id_body").fill("Rombongan tiba di Jakarta.\nPertemuan dimulai.")
    pick(page, "id_section", "Keamanan")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/$"))
    story = Article.objects.get()
    assert story.title == "Delegasi Filipina tiba"
    assert story.body == "Rombongan tiba di Jakarta.\nPertemuan dimulai."
    assert_clean(page)


def test_enter_in_a_published_storys_title_does_not_put_it_live(
    open_page, make_staff, section
):
    make_staff("Editor", "redaktur")
    story = ArticleFactory(section=section, title="BNPT dan NICA bertemu")
    page = watched(open_page(viewport={"width": 1280, "height": 900}))
    admin_login(page, "redaktur")
    page.goto(f"/admin/articles/article/{story.pk}/change/")

    title = page.locator("#id_title")
    title.fill("BNPT dan NICA bert")  # half typed
    title.press("Enter")
    page.keyboard.press("Enter")  # on "Needs a headline", then Slug

    page.wait_for_timeout(300)  # a submit would have left the page by now
    assert page.url.endswith(f"/admin/articles/article/{story.pk}/change/")
    story.refresh_from_db()
    assert story.title == "BNPT dan NICA bertemu"
    expect(title).to_have_value("BNPT dan NICA bert")
    title.fill("BNPT dan NICA bertemu di Jakarta")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert story.title == "BNPT dan NICA bertemu di Jakarta"
    assert_clean(page)


def test_ctrl_enter_saves_as_ctrl_s_does_and_shift_or_alt_enter_saves_nothing(
    open_page, make_staff, section
):
    """Ctrl+Enter in Title had the browser send the form with its first
    button, the top row's Save: the story was saved and left for the list.
    Now it is Ctrl+S's save (Save and continue editing); Shift+Enter and
    Alt+Enter, which the browser also sent the form on, send nothing."""
    make_staff("Editor", "redaktur")
    story = ArticleFactory(section=section, title="BNPT dan NICA bertemu")
    page = watched(open_page(viewport={"width": 1280, "height": 900}))
    admin_login(page, "redaktur")
    change = f"/admin/articles/article/{story.pk}/change/"
    page.goto(change)

    title = page.locator("#id_title")
    title.fill("BNPT dan NICA bert")
    for chord in ("Shift+Enter", "Alt+Enter"):
        title.press(chord)
    page.wait_for_timeout(300)  # a submit would have left the page by now
    assert page.url.endswith(change)
    story.refresh_from_db()
    assert story.title == "BNPT dan NICA bertemu"
    expect(title).to_have_value("BNPT dan NICA bert")

    title.fill("BNPT dan NICA bertemu di Manila")
    title.press("Control+Enter")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.url.endswith(change)  # still writing, as after Ctrl+S
    story.refresh_from_db()
    assert story.title == "BNPT dan NICA bertemu di Manila"
    expect(page.locator("#id_title")).to_have_value("BNPT dan NICA bertemu di Manila")
    assert_clean(page)
