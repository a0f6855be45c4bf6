"""Desk screens whose parts stuck out of their box, in Chromium at 390 px (a
phone) and 1280 px (a laptop): the workflow history and the image chooser of
a story, the ban's confirmation, the moderation log and a meeting's inline
tables. Each test measures what a person would have had to scroll sideways
(or could not reach at all) to read."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import ArticleTransition, Comment, ModerationLog
from tests.agencies.factories import (
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSessionFactory,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_desk_layout import LONG, WIDEST
from tests.images import library_image

pytestmark = pytest.mark.e2e

RETURN_NOTE = (
    "Tolong periksa lagi kutipan dari Deputi Bidang Kerjasama Internasional "
    "dan tambahkan sumber kedua sebelum dikirim ulang ke redaksi."
)

# Each element the selector finds: its text and its box's left and right.
BOXES = """(selector) => [...document.querySelectorAll(selector)]
    .filter((e) => e.getClientRects().length)
    .map((e) => {
        const {left, right} = e.getBoundingClientRect();
        return {text: e.textContent.trim().slice(0, 40), left, right};
    })"""


def staff_page(open_page, make_staff, role, width):
    make_staff(role, "staff")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "staff")
    return page


def outside(boxes, left, right):
    """The boxes not wholly between `left` and `right` (a pixel's leeway)."""
    return [box for box in boxes if box["left"] < left - 1 or box["right"] > right + 1]


def assert_page_fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, (scroll, page.evaluate(WIDEST, width))


def test_on_a_phone_the_workflow_history_shows_who_returned_a_story_and_why(
    open_page, make_staff
):
    """At 390 px the history was a table 606 px wide in a 360 px box: who
    returned the story and the note saying why were out of sight. Each step
    is now a card, every value in view under its column's name."""
    editor = get_user_model().objects.create_user(username="redaktur")
    article = ArticleFactory()
    for from_status, to_status, note in [
        ("draft", "in_review", ""),
        ("in_review", "draft", RETURN_NOTE),
    ]:
        ArticleTransition.objects.create(
            article=article,
            from_status=from_status,
            to_status=to_status,
            by=editor,
            note=note,
        )
    page = staff_page(open_page, make_staff, "Editor", 390)

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    group = "#transitions-group"
    notes = page.evaluate(BOXES, f"{group} td.field-note")
    cells = page.evaluate(BOXES, f"{group} td[data-label]")

    assert any(note["text"] and RETURN_NOTE.startswith(note["text"]) for note in notes)
    assert outside(notes, 0, 390) == []
    assert outside(cells, 0, 390) == [], cells
    assert page.get_by_text(RETURN_NOTE).is_visible()
    box = page.locator(f"{group} .tabular")
    assert box.evaluate("(e) => e.scrollWidth <= e.clientWidth")
    assert_page_fits(page, 390)


def test_on_a_phone_the_featured_image_chooser_fits_the_form(
    open_page, make_staff, e2e_settings
):
    """The chooser (the chosen image's thumbnail beside its search box) ended
    at x=409 on a 390 px screen, its box cut at the edge."""
    image = library_image("rapat.jpg", size=(640, 400), title=LONG)
    article = ArticleFactory(featured_image=image)
    page = staff_page(open_page, make_staff, "Editor", 390)

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    parts = page.evaluate(
        BOXES, ".media-chooser, .media-chooser-current, .media-chooser .select2"
    )

    assert len(parts) == 3, parts
    assert outside(parts, 0, 390) == [], parts
    assert page.locator(".media-chooser-current").is_visible()
    assert_page_fits(page, 390)


def test_on_a_phone_the_ban_confirmation_fits_the_screen(open_page, make_staff):
    """The list of comments whose senders are banned (name, email, address,
    text) was 465 px wide: the whole page scrolled sideways. Each comment is
    now a card, as on the queue."""
    CommentFactory(
        pending=True,
        author_email="pembaca.setia.dari.kota.semarang@example0.org",
        ip_address="2001:db8:85a3::8a2e:370:7334",
        text="Cek https://example.com/a https://example.com/b untuk info lanjut",
    )
    page = staff_page(open_page, make_staff, "Moderator", 390)
    page.goto("/admin/articles/comment/")

    comment = Comment.objects.get()
    page.check(f"input.action-select[value='{comment.pk}']")
    page.select_option("#changelist .actions select", "ban_senders")
    page.click("#changelist .actions button[name=index]")
    page.locator("table.selected-comments").wait_for()
    cells = page.evaluate(BOXES, "table.selected-comments td")

    assert len(cells) == 4
    assert outside(cells, 0, 390) == [], cells
    assert_page_fits(page, 390)


def test_on_a_laptop_the_moderation_log_shows_every_note_whole(open_page, make_staff):
    """Beside the menu and the filters, the log was 716 to 722 px wide in a
    703 px box: the note quoting a sender's address was cut
    ("user9@example0.or"). Long notes and addresses wrap now."""
    article = ArticleFactory(title=LONG)
    moderator = get_user_model().objects.create_user(
        username="moderator.senior.redaksi@example0.org"
    )
    for number in range(3):
        comment = CommentFactory(article=article, pending=True)
        ModerationLog.objects.create(
            comment=comment,
            action="posted",
            to_status=Comment.Status.PENDING,
            note=f"blocked_email user{number}@example0.org; links 3",
        )
        ModerationLog.objects.create(
            comment=comment,
            moderator=moderator,
            action="reject",
            from_status=Comment.Status.PENDING,
            to_status=Comment.Status.REJECTED,
            note=f"pengirim.berulang.{number}@example0.organisation.example",
        )
    page = staff_page(open_page, make_staff, "Moderator", 1280)

    page.goto("/admin/articles/moderationlog/")
    results = page.locator("#changelist .results")
    scroll, room = results.evaluate("(box) => [box.scrollWidth, box.clientWidth]")
    box = results.bounding_box()
    notes = page.evaluate(BOXES, "#result_list td.field-note_label")

    assert scroll <= room, (scroll, room)
    assert len(notes) == 6
    assert outside(notes, box["x"], box["x"] + room) == [], notes
    assert_page_fits(page, 1280)


MEETING_INLINES = ["#sessions-group", "#participants-group", "#attendances-group"]


@pytest.fixture
def meeting(transactional_db):
    """A meeting with a row in each inline, its English texts long."""
    meeting = MeetingFactory(title="JWG ke-4 Indonesia–Filipina", title_en=LONG)
    MeetingSessionFactory(
        meeting=meeting, title=LONG, title_en=LONG, summary=LONG, summary_en=LONG
    )
    MeetingParticipantFactory(meeting=meeting)
    MeetingAttendanceFactory(
        meeting=meeting, position_held=LONG, position_held_en=LONG, order=1
    )
    return meeting


@pytest.mark.parametrize("view", ["change", "add"])
def test_on_a_laptop_every_column_of_a_meetings_inlines_is_in_its_box(
    open_page, make_staff, meeting, view
):
    """The people inline was a table 1,465 px wide in a 901 px box (its
    agency, order and English position out of sight) and the sessions hid
    the English summary. Each field now shares the box out."""
    page = staff_page(open_page, make_staff, "Editor", 1280)
    address = f"/admin/agencies/meeting/{meeting.pk}/change/"
    page.goto(address if view == "change" else "/admin/agencies/meeting/add/")

    for group in MEETING_INLINES:
        box = page.locator(f"{group} .tabular").bounding_box()
        headers = page.evaluate(BOXES, f"{group} thead th:not(.original)")
        fields = page.evaluate(
            BOXES,
            f"{group} tr.form-row:not(.empty-form) td:not(.original):not(.hidden)",
        )
        assert headers and fields, group
        right = box["x"] + box["width"]
        assert outside(headers, box["x"], right) == [], (group, headers)
        assert outside(fields, box["x"], right) == [], (group, fields)
    assert_page_fits(page, 1280)


# Each field of an inline row on a phone: its label (the card's) and its box.
CARD_FIELDS = """(group) => [...document.querySelectorAll(
        `${group} tr.form-row:not(.empty-form) td[data-label]:not(.hidden)`)]
    .filter((cell) => cell.getClientRects().length)
    .map((cell) => {
        const field = cell.querySelector('.select2')
            || cell.querySelector('input:not([type=hidden]), select, textarea') || cell;
        const box = field.getBoundingClientRect();
        return {
            text: cell.dataset.label,
            label: getComputedStyle(cell, '::before').content,
            left: box.left, right: box.right, height: box.height,
        };
    })"""


@pytest.mark.parametrize("view", ["change", "add"])
def test_on_a_phone_each_meeting_inline_row_is_a_card_of_named_fields(
    open_page, make_staff, meeting, view
):
    """At 390 px the delegations and people showed their first column only.
    Each row is now a card: every field in view under its column's name."""
    page = staff_page(open_page, make_staff, "Editor", 390)
    address = f"/admin/agencies/meeting/{meeting.pk}/change/"
    page.goto(address if view == "change" else "/admin/agencies/meeting/add/")

    for group in MEETING_INLINES:
        headers = [
            header.strip()
            for header in page.locator(
                f"{group} thead th:not(.hidden)"
            ).all_text_contents()
            if header.strip()
        ]
        fields = page.evaluate(CARD_FIELDS, group)
        first_row = fields[: len(headers)]
        assert outside(fields, 0, 390) == [], (group, fields)
        assert all(field["height"] > 0 for field in fields), (group, fields)
        assert [field["text"] for field in first_row] == headers, (group, fields)
        assert all(field["label"].strip('"') == field["text"] for field in fields)
    assert_page_fits(page, 390)
