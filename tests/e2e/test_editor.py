"""The writing screen in Chromium (issue #13): Markdown typed in the body is
previewed by the server, the toolbar wraps the selection, words are counted,
Ctrl+S saves, leaving unsaved changes asks first, the browser autosaves and
the copy is offered back; no page error, no CSP violation, no serious axe
finding; the form fits 1280 px and works at 390 px."""

import re

import pytest
from playwright.sync_api import expect

from articles import services
from articles.admin.editor import EditorMixin
from articles.models import Article, ArticleAutosave
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import ARTIFACTS, admin_login, serious_violations
from tests.e2e.test_journeys import pick
from tests.e2e.test_paste_cleanup import WATCH_CSP
from tests.images import library_image

pytestmark = pytest.mark.e2e

ADD = "/admin/articles/article/add/"
SAVE_SHORTCUT = "Control+s"


def watched(page):
    """Collect the page's console errors and uncaught exceptions."""
    page.errors = []

    def console(message):
        if message.type == "error":
            page.errors.append(f"{message.text} ({message.location['url']})")

    page.on("console", console)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    return page


def assert_clean(page):
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


@pytest.fixture
def reporter(make_staff):
    SectionFactory(name="Keamanan", slug="keamanan")
    return make_staff("Reporter", "pewarta")


@pytest.fixture
def reporter_page(open_page, reporter):
    page = watched(open_page(viewport={"width": 1280, "height": 1000}))
    admin_login(page, "pewarta")
    return page


@pytest.fixture
def quick_autosave(monkeypatch):
    """Autosave after 1 second of changes instead of 30."""
    monkeypatch.setattr(EditorMixin, "autosave_seconds", 1)


def select_text(page, selector: str, text: str) -> None:
    page.eval_on_selector(
        selector,
        """(el, text) => {
            const start = el.value.indexOf(text);
            el.focus();
            el.setSelectionRange(start, start + text.length);
        }""",
        text,
    )


def test_a_reporter_writes_with_preview_toolbar_and_word_count_then_ctrl_s_saves(
    reporter_page, e2e_settings
):
    page = reporter_page
    photo = library_image(title="Ruang rapat BNPT")
    page.goto(ADD)
    body, preview = page.locator("#id_body"), page.locator(".desk-preview")

    page.locator("#id_title").fill("BNPT dan NICA bertemu di Jakarta")
    expect(page.locator("#id_title_count")).to_have_text("Characters: 32")
    # Counted as saved: the form drops the spaces around a title.
    page.locator("#id_title").fill(" BNPT dan NICA bertemu di Jakarta  ")
    expect(page.locator("#id_title_count")).to_have_text("Characters: 32")
    page.locator("#id_title").fill("x" * 61)
    expect(page.locator("#id_title_count")).to_contain_text(
        "Longer than the 60 characters search results show"
    )
    page.locator("#id_title").fill("BNPT dan NICA bertemu di Jakarta")

    body.click()
    page.keyboard.type(
        "## Pertemuan\n\nRapat **pertama** membahas Joint Working Group."
    )
    expect(preview.locator("h2")).to_have_text("Pertemuan")
    expect(preview.locator("strong")).to_have_text("pertama")
    expect(page.locator(".desk-words")).to_have_text("Words: 7 · reading time: 1 min")

    # The toolbar wraps the selection: an English phrase, then bold.
    select_text(page, "#id_body", "Joint Working Group")
    # The toolbar's (the desk's language switch has an "English" button too).
    page.locator(".desk-toolbar").get_by_role(
        "button", name="English", exact=True
    ).click()
    expect(body).to_have_value(re.compile(r"membahas _Joint Working Group_\.$"))
    expect(preview.locator('em[lang="en"]')).to_have_text("Joint Working Group")
    select_text(page, "#id_body", "membahas")
    page.get_by_role("button", name="Bold", exact=True).click()
    expect(body).to_have_value(re.compile(r"\*\*membahas\*\* _Joint"))

    # A library image, found by searching, goes in on a line of its own.
    page.locator("#id_body").evaluate(
        "el => el.setSelectionRange(el.value.length, el.value.length)"
    )
    page.get_by_role("button", name="Image", exact=True).click()
    page.get_by_label("Search the media library").fill("rapat")
    page.locator(".desk-picker-choice", has_text="Ruang rapat BNPT").click()
    expect(body).to_have_value(re.compile(rf"Group_\.\n\n!\[\]\(image:{photo.pk}\)$"))
    expect(preview.locator("figure img")).to_have_count(1)

    pick(page, "id_section", "Keamanan")
    page.keyboard.press(SAVE_SHORTCUT)
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    article = Article.objects.get()
    assert article.body.startswith(
        "## Pertemuan\n\nRapat **pertama** **membahas** _Joint"
    )
    assert f"![](image:{photo.pk})" in article.body
    assert_clean(page)


def test_leaving_unsaved_changes_asks_first_and_saving_does_not(reporter_page):
    page = reporter_page
    page.goto(ADD)
    page.locator("#id_title").fill("Judul yang belum disimpan")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.evaluate("() => { window.location.href = '/admin/'; }")
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_title")).to_have_value("Judul yang belum disimpan")

    pick(page, "id_section", "Keamanan")
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert dialogs == ["beforeunload"]  # no question when saving
    page.goto("/admin/")  # nothing changed since: no question either
    assert dialogs == ["beforeunload"]
    assert_clean(page)


def test_the_browser_autosaves_and_the_copy_is_restored_on_reopening(
    reporter_page, reporter, quick_autosave
):
    page = reporter_page
    draft = ArticleFactory(
        title="Draf lama", body="Paragraf pertama.", created_by=reporter, draft=True
    )
    url = f"/admin/articles/article/{draft.pk}/change/"
    page.goto(url)
    page.locator("#id_body").click()
    page.keyboard.press("End")
    # One input event, as a paste is: typed key by key on a loaded machine,
    # the 1-second autosave could keep half of the sentence.
    page.keyboard.insert_text(" Kalimat yang belum disimpan.")
    expect(page.locator(".desk-autosave-status")).to_contain_text("Autosaved at")
    copy = ArticleAutosave.objects.get(user=reporter, article=draft)
    assert copy.data["body"] == ["Paragraf pertama. Kalimat yang belum disimpan."]
    assert copy.base_version == draft.version
    assert Article.objects.get().body == "Paragraf pertama."  # never the article

    page.on("dialog", lambda dialog: dialog.accept())  # leave anyway
    page.goto(url)
    offer = page.locator("#desk-autosave-offer")
    expect(offer).to_contain_text("autosaved at")
    expect(page.locator("#id_body")).to_have_value("Paragraf pertama.")
    page.get_by_role("link", name=re.compile("Restore your unsaved changes of")).click()
    expect(page.locator("#id_body")).to_have_value(
        "Paragraf pertama. Kalimat yang belum disimpan."
    )
    expect(offer).to_contain_text("are back in the form")
    expect(page.locator(".desk-preview")).to_contain_text("Kalimat yang belum")

    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert (
        Article.objects.get().body == "Paragraf pertama. Kalimat yang belum disimpan."
    )
    assert not ArticleAutosave.objects.exists()  # saved: the copy is gone
    expect(page.locator("#desk-autosave-offer")).to_have_count(0)
    assert_clean(page)


def test_an_autosaved_copy_can_be_discarded(reporter_page, reporter, quick_autosave):
    page = reporter_page
    page.goto(ADD)
    page.locator("#id_title").fill("Berita baru")
    expect(page.locator(".desk-autosave-status")).to_contain_text("Autosaved at")
    assert ArticleAutosave.objects.get(user=reporter).article is None

    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(ADD)
    expect(page.locator(".desk-autosave-status")).to_contain_text(
        "Autosave waits until you restore or discard"
    )
    page.get_by_role("button", name="Discard").click()
    expect(page.locator("#desk-autosave-offer")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("")
    assert not ArticleAutosave.objects.exists()
    assert_clean(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_article_form_fits_the_screen_and_axe_finds_nothing_serious(
    open_page, make_staff, e2e_settings, width
):
    SectionFactory(name="Keamanan", slug="keamanan")
    editor = make_staff("Editor", "redaktur")
    photo = library_image(title="Ruang rapat BNPT")
    article = ArticleFactory(
        title="BNPT dan NICA bertemu di Jakarta untuk kelompok kerja bersama",
        body=f"Rapat **pertama**.\n\n![](image:{photo.pk})\n\n- satu\n- dua",
        featured_image=photo,
        created_by=editor,
    )
    # axe is injected: the page's own policy would refuse it.
    page = open_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    admin_login(page, "redaktur")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in [
        ("add", ADD),
        ("change", f"/admin/articles/article/{article.pk}/change/"),
    ]:
        page.goto(url)
        expect(page.locator(".desk-toolbar")).to_be_visible()
        if name == "change":
            expect(page.locator(".desk-preview figure img")).to_have_count(1)
            expect(page.locator(".desk-card-image")).to_be_visible()
            expect(page.locator(".desk-card-noimage")).to_be_hidden()
        else:
            # No picture: the grey "No featured image" box alone, not an
            # empty picture's frame above it as well.
            expect(page.locator(".desk-card-noimage")).to_be_visible()
            expect(page.locator(".desk-card-image")).to_be_hidden()
        page.screenshot(
            path=str(ARTIFACTS / f"editor-{name}-{width}.png"), full_page=True
        )
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        assert serious_violations(page) == []


def test_a_copy_restored_over_someone_elses_later_save_is_refused_with_the_panel(
    reporter_page, reporter, make_staff, quick_autosave
):
    page = reporter_page
    editor = make_staff("Editor", "redaktur")
    draft = ArticleFactory(
        title="Draf", body="Paragraf pertama.", created_by=reporter, draft=True
    )
    url = f"/admin/articles/article/{draft.pk}/change/"
    page.goto(url)
    page.locator("#id_body").click()
    page.keyboard.press("End")
    page.keyboard.insert_text(" Kalimat pewarta.")  # one input, as above
    expect(page.locator(".desk-autosave-status")).to_contain_text("Autosaved at")
    # Meanwhile the editor saves a new headline.
    theirs = Article.objects.get(pk=draft.pk)
    theirs.title = "Judul dari redaktur"
    services.article_save(article=theirs, user=editor, expected_version=1)

    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    expect(page.locator("#desk-autosave-offer")).to_contain_text(
        "saved this article after you made these changes"
    )
    page.get_by_role("link", name=re.compile("Restore your unsaved changes of")).click()
    expect(page.locator("#id_title")).to_have_value("Draf")  # the copy's
    expect(page.locator("#id_expected_version")).to_have_value("1")
    page.get_by_role("button", name="Save and continue editing").first.click()

    expect(page.locator(".conflict-panel")).to_be_visible()
    # Said once, by the panel (no "Please correct the error below.").
    expect(page.locator(".conflict-panel")).to_contain_text(
        "Someone else saved this article while you were editing it"
    )
    expect(page.locator(".errornote")).to_have_count(0)
    saved = Article.objects.get(pk=draft.pk)
    assert (saved.title, saved.body) == ("Judul dari redaktur", "Paragraf pertama.")
    assert ArticleAutosave.objects.filter(user=reporter).exists()
    assert_clean(page)


def test_the_preview_says_which_image_numbers_the_library_lacks(
    reporter_page, e2e_settings
):
    page = reporter_page
    page.goto(ADD)
    page.locator("#id_body").click()
    page.keyboard.type("Foto rapat:\n\n![](image:99999)")

    expect(page.locator(".desk-preview-status")).to_have_text(
        "Image 99999 is not in the library: the page leaves it out."
    )
    page.keyboard.press("Control+a")
    page.keyboard.type("Tanpa foto.")
    expect(page.locator(".desk-preview")).to_contain_text("Tanpa foto.")
    expect(page.locator(".desk-preview-status")).to_have_text("")
    assert_clean(page)


def test_a_pasted_headline_longer_than_the_field_is_kept_whole_and_flagged(
    reporter_page, e2e_settings
):
    """The browser's maxlength had cut a pasted headline at 255 characters
    without a word."""
    page = reporter_page
    page.goto(ADD)
    long_title = ("Delegasi NICA dan BNPT bertemu di Sentul " * 7).strip()
    page.locator("#id_title").click()
    page.keyboard.insert_text(long_title)

    expect(page.locator("#id_title")).to_have_value(long_title)
    expect(page.locator("#id_title_count")).to_have_text(
        f"Characters: {len(long_title)} Too long to save: at most 255 characters."
    )
    assert_clean(page)
