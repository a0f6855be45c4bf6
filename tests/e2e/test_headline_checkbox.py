"""The writing screen in Chromium: a headline typed over the one proposed
from pasted or imported copy unticks "needs a headline" as it is typed
(static/js/admin_slugs.js, mirroring the server's rule), and a headline whose
slug another story has is saved at the next free one on the change form as
on the add form."""

import re

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.test_paste_cleanup import TITLE, WIRE_COPY
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import pick
from tests.e2e.test_paste_cleanup import NOTICE, PASTE

pytestmark = pytest.mark.e2e

HEADLINE = "BNPT dan Malaysia Perkuat Kerja Sama Lawan Terorisme Siber"
HEADLINE_SLUG = "bnpt-dan-malaysia-perkuat-kerja-sama-lawan-terorisme-siber"


@pytest.fixture
def reporter(make_staff):
    return make_staff("Reporter", "pewarta")


@pytest.fixture
def section():
    return SectionFactory(name="Keamanan", slug="keamanan")


def test_a_headline_typed_over_a_pasted_proposal_unticks_needs_a_headline(
    open_page, reporter, section
):
    page = open_page()
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    title, flag = page.locator("#id_title"), page.locator("#id_needs_headline")

    page.evaluate(PASTE, WIRE_COPY)
    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(title).to_have_value(TITLE)
    expect(flag).to_be_checked()

    title.fill(HEADLINE)
    expect(flag).not_to_be_checked()
    pick(page, "id_section", "Keam", "Keamanan")
    page.locator("input[name=_continue]").first.click()

    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/"))
    story = Article.objects.get()
    assert (story.title, story.needs_headline) == (HEADLINE, False)


def test_an_imported_drafts_headline_clashing_with_a_slug_is_saved_at_the_next(
    open_page, reporter, section
):
    ArticleFactory(section=section, title=HEADLINE, slug=HEADLINE_SLUG)
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title=TITLE,
        slug=slugify(TITLE),
        needs_headline=True,
        tags=["terorisme"],
    )
    page = open_page()
    admin_login(page, "pewarta")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    flag = page.locator("#id_needs_headline")
    expect(flag).to_be_checked()

    title.fill(HEADLINE)

    # The box follows the headline, and so does the slug: another story's.
    expect(flag).not_to_be_checked()
    expect(slug).to_have_value(HEADLINE_SLUG)
    page.get_by_role("button", name="Save and submit for review").first.click()

    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("Submitted for review.")
    expect(messages).to_contain_text(
        f"“{HEADLINE}” (Published) has the slug “{HEADLINE_SLUG}”, or had it: "
        f"this one's is “{HEADLINE_SLUG}-2”. Open it"
    )
    expect(page.locator(".errornote")).to_have_count(0)
    story.refresh_from_db()
    assert (story.status, story.slug, story.needs_headline) == (
        Article.Status.IN_REVIEW,
        f"{HEADLINE_SLUG}-2",
        False,
    )


def test_a_slug_with_a_number_stays_while_the_headline_is_unchanged(
    open_page, reporter, section
):
    ArticleFactory(section=section, title="Gempa di Bogor", slug="gempa-di-bogor")
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title="Gempa di Bogor",
        slug="gempa-di-bogor-2",
    )
    page = open_page()
    admin_login(page, "pewarta")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")

    title.focus()
    title.press("End")
    title.press_sequentially(" Barat")
    expect(slug).to_have_value("gempa-di-bogor-barat")
    for _ in " Barat":
        title.press("Backspace")

    # The headline as saved: its own slug back, not the bare one another
    # story has.
    expect(title).to_have_value("Gempa di Bogor")
    expect(slug).to_have_value("gempa-di-bogor-2")
