"""Details of the writing screen in Chromium: the body's Image button puts
the image after the paragraph the caret is in, and looks a typed number up
(never offering an image that does not exist); the edit and view links of
the image choosers (a story's picture, an agency's logo) follow the choice;
the search result preview shows an English story's /en/ address; on a
phone the paste notice is brought into view; on a story never published
the slug follows the headline as it is typed."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.services import title_slug
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.test_paste_cleanup import WIRE_COPY
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched
from tests.e2e.test_paste_cleanup import PASTE
from tests.images import library_image

pytestmark = pytest.mark.e2e

ADD = "/admin/articles/article/add/"


@pytest.fixture
def reporter_page(open_page, make_staff):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": 1280, "height": 1000}))
    admin_login(page, "pewarta")
    return page


@pytest.fixture
def editor_page(open_page, make_staff):
    """An editor: may change any story, published ones too."""
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Editor", "penyunting")
    page = watched(open_page(viewport={"width": 1280, "height": 1000}))
    admin_login(page, "penyunting")
    return page


def caret_after(page, text: str) -> None:
    page.locator("#id_body").evaluate(
        """(el, text) => {
            const at = el.value.indexOf(text) + text.length;
            el.focus();
            el.setSelectionRange(at, at);
        }""",
        text,
    )


def choose_by_number(page, number) -> None:
    page.get_by_role("button", name="Image", exact=True).click()
    search = page.get_by_label("Search the media library")
    search.fill(str(number))
    expect(page.locator(".desk-picker-choice").first).to_have_attribute(
        "data-id", str(number)
    )
    search.press("Enter")


def test_an_image_goes_in_after_the_paragraph_the_caret_is_in(reporter_page):
    page = reporter_page
    photo = library_image(title="Ruang rapat BNPT")
    page.goto(ADD)
    body = page.locator("#id_body")
    body.fill("Kalimat pertama yang panjang. Kalimat kedua.\n\nParagraf kedua.")

    caret_after(page, "pertam")
    choose_by_number(page, photo.pk)
    image = f"![](image:{photo.pk})"
    expect(body).to_have_value(
        f"Kalimat pertama yang panjang. Kalimat kedua.\n\n{image}\n\nParagraf kedua."
    )
    # The caret after the image: what is typed next follows it.
    caret = body.evaluate("el => el.selectionStart")
    assert body.input_value()[:caret].endswith(image)

    # In the last paragraph: at the end of the body.
    caret_after(page, "Paragraf")
    choose_by_number(page, photo.pk)
    expect(body).to_have_value(
        re.compile(rf"Paragraf kedua\.\n\n!\[\]\(image:{photo.pk}\)$")
    )
    assert_clean(page)


def test_a_number_typed_in_the_image_search_is_looked_up(reporter_page):
    page = reporter_page
    photo = library_image(title="Ruang rapat BNPT")
    page.goto(ADD)
    body = page.locator("#id_body")
    body.fill("Kalimat pertama.")
    page.get_by_role("button", name="Image", exact=True).click()
    search = page.get_by_label("Search the media library")

    # An image's number finds it, with its title and thumbnail.
    search.fill(str(photo.pk))
    choice = page.locator(".desk-picker-choice")
    expect(choice).to_have_count(1)
    expect(choice.locator(".media-chooser-title")).to_have_text("Ruang rapat BNPT")
    expect(choice.locator("img")).to_have_attribute("src", re.compile(r"\.webp$"))

    # A number no image has is not offered, and said so.
    missing = photo.pk + 9999
    search.fill(str(missing))
    expect(page.locator(".desk-picker-none")).to_have_text(
        f"There is no image number {missing}."
    )
    expect(choice).to_have_count(0)
    search.press("Enter")
    expect(body).to_have_value("Kalimat pertama.")
    assert_clean(page)


def related_links(page, name: str):
    return [page.locator(f"#{kind}_id_{name}") for kind in ("change", "delete", "view")]


def test_the_featured_images_edit_and_view_links_follow_the_choice(
    editor_page, live_server
):
    page = editor_page
    first = library_image("satu.jpg", title="Ruang rapat BNPT")
    second = library_image("dua.jpg", title="Bandara Soekarno-Hatta")
    article = ArticleFactory(
        draft=True, title="Delegasi tiba", slug="delegasi-tiba", featured_image=first
    )
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    change, delete, view = related_links(page, "featured_image")
    expect(change).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{first.pk}/change/\?")
    )
    expect(view).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{first.pk}/change/\?")
    )
    expect(view).not_to_have_attribute("aria-disabled", "true")

    # Another image chosen: the links open it.
    page.click("#id_featured_image + .select2 .select2-selection")
    page.locator(".select2-container--open .select2-search__field").fill("Bandara")
    page.locator(
        ".select2-results__option[role=option]", has_text="Bandara Soekarno-Hatta"
    ).click()
    expect(change).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{second.pk}/change/\?")
    )
    expect(view).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{second.pk}/change/\?")
    )
    # The chosen image's thumbnail still shows.
    expect(page.locator(".media-chooser-current")).to_be_visible()
    assert_clean(page)


def test_an_agencys_logo_links_work_when_a_logo_is_chosen(editor_page):
    page = editor_page
    logo = library_image("logo.png", title="Logo BNPT")
    agency = AgencyFactory(acronym="BNPT", logo=logo)
    page.goto(f"/admin/agencies/agency/{agency.pk}/change/")
    change, _delete, view = related_links(page, "logo")
    expect(change).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{logo.pk}/change/\?")
    )
    expect(view).to_have_attribute(
        "href", re.compile(rf"/admin/media/image/{logo.pk}/change/\?")
    )
    expect(page.locator(".field-logo .media-chooser-current")).to_be_visible()
    assert_clean(page)


def test_the_search_result_preview_shows_an_english_storys_address(editor_page):
    page = editor_page
    article = ArticleFactory(
        draft=True, language="en", title="Delegates arrive", slug="delegates-arrive"
    )
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    address = article.get_absolute_url().strip("/").split("/")
    assert address[0] == "en"
    expect(page.locator(".desk-serp-url")).to_have_text(
        re.compile(r" › " + " › ".join(address) + "$")
    )

    # A new story's preview follows the language chosen.
    page.goto(ADD)
    serp = page.locator(".desk-serp-url")
    page.locator("#id_slug").fill("delegasi-tiba")
    page.locator("#id_language").select_option("id")
    expect(serp).to_have_text(
        re.compile(r" › articles › \d{4} › \d{2} › delegasi-tiba$")
    )
    page.locator("#id_language").select_option("en")
    expect(serp).to_have_text(
        re.compile(r" › en › articles › \d{4} › \d{2} › delegasi-tiba$")
    )
    assert_clean(page)


def test_the_english_phrase_button_is_offered_in_indonesian_stories_only(
    editor_page,
):
    """In an English story `_phrase_` is plain emphasis (articles/rendering.py):
    a tester's English story offered "English phrase: _phrase_", and the
    phrase it marked was no English one."""
    page = editor_page
    english = page.locator('.desk-toolbar [data-action="english"]')
    page.goto(ADD)
    page.locator("#id_language").select_option("id")
    expect(english).to_be_visible()
    page.locator("#id_language").select_option("en")
    expect(english).to_be_hidden()
    article = ArticleFactory(draft=True, language="en", title="Delegates arrive")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator('.desk-toolbar [data-action="bold"]')).to_be_visible()
    expect(english).to_be_hidden()
    assert_clean(page)


def test_on_a_phone_the_paste_notice_is_brought_into_view(open_page, make_staff):
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = watched(open_page(viewport={"width": 390, "height": 844}))
    admin_login(page, "pewarta")
    page.goto(ADD)
    page.evaluate(PASTE, WIRE_COPY)
    notice = page.locator(".paste-cleanup-notice")
    expect(notice).to_contain_text("Pasted copy cleaned up")
    expect(notice).to_be_in_viewport()
    # A live region; the caret stays in the body, at its top (the clean-up
    # rewrote it: it is read from the lede), where typing goes on.
    expect(notice).to_have_attribute("aria-live", "polite")
    assert page.evaluate("document.activeElement.id") == "id_body"
    page.keyboard.press("Control+End")
    page.keyboard.type(" Tambahan.")
    expect(page.locator("#id_body")).to_have_value(re.compile(r" Tambahan\.$"))
    assert_clean(page)


OLD = "Usulan dari kalimat pertama siaran pers"
NEW = "BNPT dan Filipina Perkuat Kerja Sama"


def test_a_drafts_slug_follows_its_headline_as_it_is_typed(editor_page):
    page = editor_page
    article = ArticleFactory(draft=True, title=OLD, slug=title_slug(OLD))
    taken = ArticleFactory(
        draft=True, status=Article.Status.IN_REVIEW, title=OLD, slug=title_slug(OLD)
    )
    assert taken.slug == f"{article.slug}-2"
    title, slug = page.locator("#id_title"), page.locator("#id_slug")

    for story in (article, taken):  # "-2" too: the title made it
        page.goto(f"/admin/articles/article/{story.pk}/change/")
        title.fill(NEW)
        expect(slug).to_have_value(title_slug(NEW))

    # Saved, the server keeps it.
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    title.fill(NEW)
    expect(slug).to_have_value(title_slug(NEW))
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert (article.title, article.slug) == (
        NEW,
        "bnpt-dan-filipina-perkuat-kerja-sama",
    )

    # Typed by hand: kept.
    page.locator("#id_slug").fill("bnpt-filipina")
    page.locator("#id_slug").press("Tab")
    title.fill("Judul lain sama sekali")
    expect(slug).to_have_value("bnpt-filipina")
    assert_clean(page)


def test_a_long_headlines_slug_ends_at_a_whole_word_as_it_is_typed(editor_page):
    """The slug a long title makes is cut at its last whole word (the
    server's title_slug); the page's follows the headline under that rule."""
    page = editor_page
    meeting = "dalam Pertemuan Tahunan Kelompok Kerja Bersama di"
    long_old = f"{OLD} {meeting} Manila untuk Penanggulangan Terorisme"
    long_new = f"{NEW} {meeting} Surabaya untuk Penanggulangan Terorisme"
    article = ArticleFactory(draft=True, title=long_old, slug=title_slug(long_old))
    title, slug = page.locator("#id_title"), page.locator("#id_slug")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    title.fill(long_new)

    made = title_slug(long_new)
    assert made.endswith("-di-surabaya")  # not "-di-surabaya-un"
    expect(slug).to_have_value(made)
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.slug == made
    assert_clean(page)


def test_a_published_storys_slug_never_follows_its_headline(editor_page):
    page = editor_page
    for story in (
        ArticleFactory(title=OLD, slug=title_slug(OLD)),
        ArticleFactory(draft=True, title=OLD, slug="dibuat-tangan"),
    ):
        page.goto(f"/admin/articles/article/{story.pk}/change/")
        page.locator("#id_title").fill(NEW)
        page.locator("#id_title").press("Tab")
        expect(page.locator("#id_slug")).to_have_value(story.slug)
    assert Article.objects.filter(title=NEW).count() == 0
