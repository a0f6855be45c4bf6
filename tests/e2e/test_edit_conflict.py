"""Two editors, one article, two browsers: A saves first, B is refused, a
plain second save of B's form is refused again, and B's choice decides."""

import re

import pytest
import reversion
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login, require_axe, serious_violations

pytestmark = pytest.mark.e2e

BODY = (
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.\n\n"
    "Pertemuan dibuka oleh Kepala BNPT.\n\n"
    "Tujuh sesi membahas ancaman teror."
)
ADDED = "Pertemuan berikutnya digelar di Manila."


@pytest.fixture
def story(transactional_db):
    article = ArticleFactory(
        title="Delegasi Filipina tiba di Jakarta",
        body=BODY,
        section=SectionFactory(name="Keamanan", slug="keamanan"),
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


@pytest.fixture
def editors(open_page, make_staff, story):
    """Editor A and editor B, each in their own browser, on the story's page."""
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    pages = []
    for username in ("redaktur-a", "redaktur-b"):
        # bypass_csp: axe is injected into the page in one test.
        page = open_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        admin_login(page, username)
        page.goto(f"/admin/articles/article/{story.pk}/change/")
        pages.append(page)
    return pages


def body(story):
    return Article.objects.get(pk=story.pk).body


def a_saves_first_and_b_is_refused(a, b, story):
    body_a = a.locator("#id_body")
    body_a.fill(body_a.input_value().replace("teror.", f"teror. {ADDED}"))
    a.click("input[name=_save]")
    expect(a.locator(".messagelist")).to_be_visible()
    assert ADDED in body(story)

    b.fill("#id_title", "Delegasi Filipina tiba, BNPT menyambut")
    b.click("input[name=_save] >> nth=0")
    panel = b.locator(".conflict-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(ADDED)  # what A changed, as a diff
    expect(b.locator("#id_title")).to_have_value(
        "Delegasi Filipina tiba, BNPT menyambut"
    )
    # The form as it stands, saved again: refused again, A's text intact.
    b.click("input[name=_save] >> nth=0")
    expect(b.locator(".conflict-panel")).to_be_visible()
    assert ADDED in body(story)
    assert Article.objects.get(pk=story.pk).title == "Delegasi Filipina tiba di Jakarta"
    return panel


def test_b_combines_the_other_editors_changes_with_their_own(editors, story):
    a, b = editors
    panel = a_saves_first_and_b_is_refused(a, b, story)

    panel.get_by_role("button", name="Combine their changes and mine").click()

    expect(b.locator(".messagelist")).to_contain_text("combined")
    article = Article.objects.get(pk=story.pk)
    assert article.title == "Delegasi Filipina tiba, BNPT menyambut"
    assert ADDED in article.body
    expect(b.locator("#id_body")).to_have_value(article.body)


def test_b_keeps_their_own_version_deliberately(editors, story):
    a, b = editors
    panel = a_saves_first_and_b_is_refused(a, b, story)

    panel.get_by_role("button", name="Save my version anyway").click()

    expect(b.locator(".messagelist")).to_contain_text("Saved your version")
    article = Article.objects.get(pk=story.pk)
    assert article.title == "Delegasi Filipina tiba, BNPT menyambut"
    assert ADDED not in article.body


def test_b_takes_the_other_editors_version(editors, story):
    a, b = editors
    panel = a_saves_first_and_b_is_refused(a, b, story)

    panel.get_by_role("link", name="Discard my changes").click()

    expect(b.locator(".conflict-panel")).to_have_count(0)
    expect(b.locator("#id_title")).to_have_value("Delegasi Filipina tiba di Jakarta")
    assert ADDED in b.locator("#id_body").input_value()


def test_the_conflict_panel_has_no_serious_accessibility_problem(editors, story):
    require_axe()  # before the editors' steps, not after them
    a, b = editors
    a_saves_first_and_b_is_refused(a, b, story)

    panel = "document.querySelector('.conflict-panel')"
    assert serious_violations(b, panel) == []


def b_is_refused_and_goes_back(a, b, **back):
    """A saves first, B's save of their own sentence is refused, B presses
    Back: the page loaded again shows B's typed body."""
    body_a = a.locator("#id_body")
    body_a.fill(body_a.input_value().replace("teror.", f"teror. {ADDED}"))
    a.click("input[name=_save]")
    expect(a.locator(".messagelist")).to_be_visible()

    body_b = b.locator("#id_body")
    body_b.fill(body_b.input_value() + "\n\nKalimat dari redaktur B.")
    b.click("input[name=_save] >> nth=0")
    expect(b.locator(".conflict-panel")).to_be_visible()

    b.go_back(**back)
    expect(b.locator("#id_body")).to_have_value(re.compile("Kalimat dari redaktur B"))


def saving_again_is_refused(b, story):
    b.click("input[name=_save] >> nth=0")
    expect(b.locator(".conflict-panel")).to_be_visible()
    expect(b.locator(".conflict-panel")).to_contain_text(ADDED)
    assert ADDED in body(story)
    assert "Kalimat dari redaktur B" not in body(story)


def test_back_from_the_refusal_and_save_again_keeps_the_other_editors_words(
    editors, story
):
    """B, refused, presses Back: the browser puts B's typed body back into
    the page it loads again, which carries A's newer version. Saving it had
    replaced A's sentence unseen; the form keeps the version B's text
    started from, so the save is refused again and A's words stay."""
    a, b = editors
    b_is_refused_and_goes_back(a, b)
    saving_again_is_refused(b, story)


def test_saved_again_before_the_page_has_loaded_is_still_refused(editors, story):
    """The same, but B saves while a picture of the page is still loading
    (a slow line): the version B's text started from was put back only at
    the page's `load`, so such a save replaced A's sentence unseen."""
    a, b = editors
    held = []
    b.route("**/still-loading.png", lambda route: held.append(route))  # never answered
    b.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const picture = new Image(); picture.src = '/still-loading.png';"
        " document.body.append(picture); });"
    )
    try:
        b_is_refused_and_goes_back(a, b, wait_until="domcontentloaded")
        assert b.evaluate("document.readyState") != "complete"
        saving_again_is_refused(b, story)
    finally:
        for route in held:
            try:
                route.abort()
            except Exception:  # noqa: BLE001 - the page may have gone on
                pass


def test_back_after_my_own_save_and_save_again_is_not_a_conflict(editors, story):
    """B saves, A then changes the dateline, B goes Back to the form and
    saves it again: the browser puts back B's saved body, the story's as it
    is, so the save goes through, A's dateline kept; a refusal had named
    B's own save as A's changes."""
    a, b = editors
    body_b = b.locator("#id_body")
    body_b.fill(body_b.input_value() + "\n\nKalimat dari redaktur B.")
    b.click("input[name=_save] >> nth=0")
    expect(b.locator(".messagelist")).to_be_visible()

    a.reload()
    a.fill("#id_dateline", "MANILA")
    a.click("input[name=_save]")
    expect(a.locator(".messagelist")).to_be_visible()

    b.go_back()
    expect(b.locator("#id_body")).to_have_value(re.compile("Kalimat dari redaktur B"))
    b.click("input[name=_save] >> nth=0")

    expect(b.locator(".messagelist")).to_be_visible()
    expect(b.locator(".conflict-panel")).to_have_count(0)
    article = Article.objects.get(pk=story.pk)
    assert article.dateline == "MANILA"
    assert "Kalimat dari redaktur B" in article.body
