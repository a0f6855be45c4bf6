"""On an add page, the slug Django fills in from a long title ends at a
whole word (static/js/admin_slugs.js, the server's cut_at_word), for every
model with a prepopulated slug: Django's URLify cut it at the field's length
within a word ("…-tentang-penanggulang"). A story's is the slug the server
makes from a title (title_slug: at most TITLE_SLUG_MAX), which then still
follows the headline on the draft's change page."""

import re

import pytest
from playwright.sync_api import expect

from agencies.models import Meeting, MeetingSeries, Person
from articles.models import Article
from articles.services import title_slug
from articles.services.slugs import SLUG_MAX, TITLE_SLUG_MAX, cut_at_word
from newsroom.text import slug_of
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import pick

pytestmark = pytest.mark.e2e

WORDS = (
    "Pertemuan Tahunan Kelompok Kerja Bersama Indonesia Filipina tentang "
    "Penanggulangan Terorisme Internasional di Manila serta Surabaya Jawa Timur"
)


def cut_within_a_word(title: str, limit: int) -> bool:
    """Whether Django's cut at `limit` falls within a word of `title`'s slug."""
    made = slug_of(title)
    return len(made) > limit and made[limit] != "-" and made[limit - 1] != "-"


@pytest.mark.parametrize(
    ("model", "source"),
    [(Meeting, "title"), (Person, "name"), (MeetingSeries, "name")],
    ids=["meeting", "person", "series"],
)
def test_a_long_titles_slug_ends_at_a_whole_word_on_the_add_page(
    open_page, make_staff, model, source
):
    limit = model._meta.get_field("slug").max_length
    assert cut_within_a_word(WORDS, limit)
    make_staff("Editor", "staff")
    page = open_page()
    admin_login(page, "staff")
    meta = model._meta
    page.goto(f"/admin/{meta.app_label}/{meta.model_name}/add/")
    page.locator(f"#id_{source}").fill(WORDS)
    page.locator(f"#id_{source}").press("Tab")

    expected = cut_at_word(slug_of(WORDS), limit)
    assert expected != slug_of(WORDS)[:limit]
    expect(page.locator("#id_slug")).to_have_value(expected)


def test_a_long_headlines_slug_on_the_add_page_is_the_servers_and_follows_it(
    open_page, make_staff
):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Editor", "penyunting")
    page = open_page(viewport={"width": 1280, "height": 1000})
    admin_login(page, "penyunting")
    headline = f"BNPT Hadiri {WORDS}"
    assert cut_within_a_word(headline, SLUG_MAX)
    assert cut_within_a_word(headline, TITLE_SLUG_MAX)
    page.goto("/admin/articles/article/add/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    title.fill(headline)
    title.press("Tab")

    made = title_slug(headline)
    assert made.endswith("-tentang-penanggulangan")  # not "…-terorisme-teror"
    expect(slug).to_have_value(made)
    page.locator("#id_body").fill("Delegasi dipimpin Deputi Kerja Sama.")
    pick(page, "id_section", "Keamanan")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert Article.objects.get().slug == made

    # The draft's slug is the one its headline made: it follows a new one.
    renamed = f"Kepala BNPT Hadiri {WORDS}"
    page.locator("#id_title").fill(renamed)
    expect(page.locator("#id_slug")).to_have_value(title_slug(renamed))
