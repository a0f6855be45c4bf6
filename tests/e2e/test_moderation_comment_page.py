"""A comment's page in the moderation desk, in a browser: its moderation
buttons are targets a thumb can hit on a phone (they were 19 px high, 8 px
apart, "Remove from the site" beside Spam) and still sit in a row at
1280 px; "Remove from the site" asks first, and the edit goes through."""

import pytest
from playwright.sync_api import expect

from articles.models import Comment, ModerationLog
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_moderation_targets import gap, overlap

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def held(transactional_db, make_staff):
    """A comment waiting for moderation, its page's address."""
    make_staff("Moderator", "moderator")
    article = ArticleFactory(section=SectionFactory(), language="en")
    comment = CommentFactory(article=article, text="Kirim pulsa ke 0812.", pending=True)
    return comment, f"/admin/articles/comment/{comment.pk}/change/"


def moderation_buttons(page) -> list[dict]:
    buttons = page.locator('.moderation-actions button[name="_moderate"]')
    expect(buttons).to_have_count(4)  # approve, reject, spam, remove
    return [buttons.nth(i).bounding_box() for i in range(4)]


def assert_apart(boxes: list[dict]) -> None:
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not overlap(box, other), (box, other)
            assert gap(box, other) >= 8, (box, other)


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("touch", [False, True], ids=["narrow", "touch"])
def test_on_a_phone_the_comment_page_buttons_are_44_px_and_apart(
    open_page, live_server, held, touch, language
):
    page = open_page(**PHONE, has_touch=touch, is_mobile=touch)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    admin_login(page, "moderator")
    page.goto(held[1])
    boxes = moderation_buttons(page)
    for box in boxes:
        assert box["height"] >= 44 and box["width"] >= 44, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert_apart(boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("language", ["en", "id"])
def test_on_a_laptop_the_comment_page_buttons_sit_in_a_row_as_high_as_save(
    open_page, live_server, held, language
):
    page = open_page(**LAPTOP)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    admin_login(page, "moderator")
    page.goto(held[1])
    boxes = moderation_buttons(page)
    save = page.locator('input[name="_save"]').bounding_box()
    for box in boxes:
        assert box["height"] >= save["height"] - 1, (box, save)
        assert box["y"] == boxes[0]["y"], boxes  # one row
    assert_apart(boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_remove_on_the_comment_page_asks_then_removes_with_the_edit(open_page, held):
    comment, address = held
    page = open_page(**PHONE, has_touch=True, is_mobile=True)
    admin_login(page, "moderator")
    page.goto(address)
    page.fill("#id_text", "Kirim pulsa ke [nomor dihapus].")
    page.fill("#id_note", "Nomor telepon")

    page.get_by_role("button", name="Remove from the site").click()

    expect(page.locator("h1")).to_have_text("Remove from the site")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING
    yes = page.get_by_role("button", name="Yes, remove from the site")
    back = page.get_by_role("link", name="No, take me back")
    for target in (yes, back):
        assert target.bounding_box()["height"] >= 44
    assert gap(yes.bounding_box(), back.bounding_box()) >= 8
    expect(page.locator("#id_note")).to_have_value("Nomor telepon")

    yes.click()

    expect(page.locator(".messagelist")).to_contain_text(
        "1 comment removed from the site."
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert comment.text == "Kirim pulsa ke [nomor dihapus]."
    assert ModerationLog.objects.get(comment=comment, action="remove").note == (
        "Nomor telepon"
    )


def changed_since_opened(page, held, make_staff) -> None:
    """The comment's page, sent after another moderator edited the comment:
    the page that says so, with its two buttons."""
    from articles import services

    page.goto(held[1])
    colleague = make_staff("Moderator", "budi")
    services.comment_edit(
        comment=held[0], text="Kirim pulsa ke [dihapus].", moderator=colleague
    )
    page.fill('textarea[name="note"]', "nomor telepon")
    page.click('.moderation-actions button[value="approve"]')
    expect(page.locator(".changed-since")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_changed_since_panel_buttons_are_apart_and_its_text_readable(
    open_page, held, make_staff, viewport
):
    page = open_page(**viewport)
    admin_login(page, "moderator")
    changed_since_opened(page, held, make_staff)
    buttons = page.locator(".changed-since .moderation-buttons .button")
    expect(buttons).to_have_count(2)  # approve as it is now, reload
    boxes = [buttons.nth(i).bounding_box() for i in range(2)]
    width = viewport["viewport"]["width"]
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        if width < 768:
            assert box["height"] >= 44, box
    assert not overlap(*boxes) and gap(*boxes) >= 8, boxes
    stacked = boxes[1]["y"] > boxes[0]["y"]
    assert stacked == (width < 768), boxes
    quote = page.locator(".changed-since blockquote")
    expect(quote).to_contain_text("Kirim pulsa ke [dihapus].")
    size = quote.evaluate("q => parseFloat(getComputedStyle(q).fontSize)")
    paragraph = page.locator(".changed-since p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    assert size >= 13 and size >= paragraph, (size, paragraph)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
