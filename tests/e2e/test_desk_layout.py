"""The desk's screens in Chromium at 1280 px and 390 px, in Indonesian: no
page scrolls sideways, and axe finds no serious accessibility problem."""

from pprint import pformat

import pytest
import reversion

from articles.models import Article, Comment, ModerationLog
from tests.agencies.factories import (
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSessionFactory,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login, serious_violations

pytestmark = pytest.mark.e2e

LONG = (
    "Updates on intelligence and information sharing mechanisms between "
    "security and intelligence agencies of both countries"
)


# What sticks out past the screen's right edge (to say what to fix).
WIDEST = """(width) => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .slice(-3).map((e) => `${e.tagName}.${e.className}`)"""


# Each column of a change list: its header and width (to say what to fix).
COLUMN_WIDTHS = """() => [...document.querySelectorAll('#result_list thead th')]
    .map((th) => `${th.textContent.trim()}: ${Math.round(th.offsetWidth)}`)"""


@pytest.fixture
def desk(transactional_db):
    """A story and its English version, a meeting with long English texts, a
    comment waiting in the moderation queue."""
    section = SectionFactory(name="Keamanan", slug="keamanan")
    article = ArticleFactory(
        section=section,
        title="BNPT dan NICA menggelar JWG ke-4 tentang penanggulangan terorisme",
    )
    # The story in English too: the article's page lists it (Translations).
    translation = ArticleFactory(
        section=section,
        language="en",
        translation_of=article,
        title="BNPT and NICA hold the 4th JWG on counter-terrorism",
    )
    meeting = MeetingFactory(title="JWG ke-4 Indonesia–Filipina", title_en=LONG)
    for order in range(1, 4):
        MeetingSessionFactory(
            meeting=meeting,
            order=order,
            title=LONG,
            summary=LONG,
            title_en=LONG,
            summary_en=LONG,
        )
    MeetingParticipantFactory(meeting=meeting)
    CommentFactory(article=article, pending=True, text=LONG)
    # Two revisions for its history page.
    for title in (article.title, article.title + "."):
        with reversion.create_revision():
            Article.objects.filter(pk=article.pk).update(title=title)
            reversion.add_to_revision(Article.objects.get(pk=article.pk))
            reversion.set_comment(LONG)
    return {"article": article.pk, "translation": translation.pk, "meeting": meeting.pk}


# The desk's screens in three groups, each a test of its own (so that the
# test processes share them out): whose screens they are, and the addresses.
SCREENS = {
    "stories": (
        "Editor",
        [
            "/admin/",
            "/admin/articles/article/",
            "/admin/articles/article/{article}/change/",
            "/admin/articles/article/{article}/links/",
            "/admin/articles/intakerecord/add/",
            "/admin/articles/intakerecord/",
            "/admin/articles/homepin/",
            "/admin/articles/article/{translation}/change/",
            "/admin/articles/article/add/?translation_of={article}",
            "/admin/articles/articleinreview/",
            "/admin/articles/article/{article}/history/",
        ],
    ),
    # The registry and the library: names beside their English ones.
    "registry": (
        "Editor",
        [
            "/admin/agencies/meeting/{meeting}/change/",
            "/admin/agencies/meeting/",
            "/admin/agencies/agency/",
            "/admin/agencies/agency/add/",
            "/admin/agencies/person/add/",
            "/admin/agencies/meetingseries/add/",
            "/admin/articles/section/add/",
            "/admin/media/image/",
        ],
    ),
    # The moderator's screens, with a comment waiting in the queue.
    "moderation": (
        "Moderator",
        [
            "/admin/",
            "/admin/articles/comment/",
            "/admin/articles/moderationlog/",
            "/admin/articles/ban/",
        ],
    ),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("group", list(SCREENS))
def test_the_desk_screens_fit_the_screen_and_pass_axe(
    open_page, make_staff, desk, group, width
):
    role, addresses = SCREENS[group]
    make_staff(role, "staff")
    page = open_page(
        viewport={"width": width, "height": 900},
        bypass_csp=True,  # axe is injected
    )
    admin_login(page, "staff")
    screens = [address.format(**desk) for address in addresses]
    too_wide, problems = [], {}
    check(page, screens, width, too_wide, problems)

    assert too_wide == []
    assert problems == {}, pformat(problems)


# A change list's table: how wide it is, and the box it scrolls in.
RESULTS = """() => {
    const box = document.querySelector('#changelist .results');
    return box ? [box.scrollWidth, box.clientWidth] : [0, 0];
}"""


def check(page, screens, width, too_wide, problems) -> None:
    for screen in screens:
        page.goto(screen)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide.append((screen, scroll, page.evaluate(WIDEST, width)))
        # Every column of a list in view: on a laptop, Django's dates and
        # foreign keys on one line hid the last ones in the table's box; on a
        # phone, each row is a card.
        table, room = page.evaluate(RESULTS)
        if table > room:
            too_wide.append((screen, table, page.evaluate(COLUMN_WIDTHS)))
        if width == 1280 and (found := serious_violations(page)):
            problems[screen] = found


# Each field of a change list's action bar: its label's text and its box.
ACTION_FIELDS = """() => [...document.querySelectorAll('#changelist .actions label')]
    .map((label) => {
        const box = label.querySelector('select, input').getBoundingClientRect();
        return {label: label.textContent.trim(), top: box.top, width: box.width};
    })"""


def test_the_queues_action_and_note_each_take_a_phones_width(
    open_page, make_staff, desk
):
    """On a phone the action (a select) and the note for the log sat side by
    side, the select squeezed to its arrow, its action unreadable: now each
    is a row of its own, as wide as the bar, under its label."""
    make_staff("Moderator", "staff")
    page = open_page(viewport={"width": 390, "height": 900})
    admin_login(page, "staff")
    page.goto("/admin/articles/comment/")
    action, note = page.evaluate(ACTION_FIELDS)
    bar = page.locator("#changelist .actions").bounding_box()
    assert action["label"].startswith("Action") and note["label"].startswith("Note")
    for field in (action, note):
        assert field["width"] >= bar["width"] * 0.9, field
    assert note["top"] > action["top"] + 20  # the note below the action
    page.select_option("#changelist .actions select", "approve")
    assert page.locator("#changelist .actions select").evaluate(
        "(select) => select.scrollWidth <= select.clientWidth + 1"
    )
    # What the moderator does next, on the phone: tick, note, Go.
    comment = Comment.objects.get()
    page.check(f"input.action-select[value='{comment.pk}']")
    page.fill("#changelist .actions input[name=note]", "Dicek dari ponsel")
    page.click("#changelist .actions button[name=index]")
    page.locator(".messagelist").wait_for()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert ModerationLog.objects.get(comment=comment).note == "Dicek dari ponsel"


# The boxes of a change form's subtitle (the object's name) and its tools.
SUBTITLE_AND_TOOLS = """() => [
    document.querySelector('#content > h2'),
    document.querySelector('#content-main > .object-tools'),
].map((e) => e.getBoundingClientRect().toJSON())"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_headline_is_not_hidden_under_the_change_forms_tools(
    open_page, make_staff, width
):
    """Django floats History, Preview and Suggest links up beside the
    object's name: over a headline proposed from wire copy (116 characters)
    they hid its middle. They now sit under it."""
    article = ArticleFactory(
        title=(
            "BNPT melalui Deputi Bidang Kerjasama Internasional bersama dengan "
            "Delegasi Philipina menyelenggarakan The 4th Joint…"
        )
    )
    make_staff("Editor", "staff")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "staff")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    subtitle, tools = page.evaluate(SUBTITLE_AND_TOOLS)

    assert "Suggest links" in page.locator(".object-tools").text_content()
    assert tools["top"] >= subtitle["bottom"], (subtitle, tools)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_a_headline_of_one_long_word_wraps_on_every_page_of_the_story(
    open_page, make_staff, width
):
    """A headline with no space in it (a pasted address, a hashtag run, 255
    letters) made the change form 1,533 px wide on a phone: its breadcrumb
    and its heading would not wrap. So too the pages an editor goes on to:
    its history, and the question before deleting it."""
    article = ArticleFactory(title="#BNPT" + "J" * 250)
    make_staff("Editor", "staff")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "staff")
    for view in ["change", "history", "delete"]:
        page.goto(f"/admin/articles/article/{article.pk}/{view}/")
        assert page.get_by_text("#BNPTJJJ", exact=False).first.is_visible(), view
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (view, scroll)


def flagged_queue(open_page, make_staff, width):
    """The moderation queue at `width` px, its one comment reported twice."""
    Comment.objects.update(flag_count=2)
    make_staff("Moderator", "staff")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "staff")
    page.goto("/admin/articles/comment/")
    return page


def test_the_whole_queue_row_fits_a_laptop_screen(open_page, make_staff, desk):
    """At 1280 px, beside the menu and the filters, the queue's table showed
    the text, buttons, sender, article and status; why a comment waits, its
    flags and when it was posted were scrolled out of sight in the table's
    box. Now every column is in view."""
    page = flagged_queue(open_page, make_staff, 1280)

    table = page.locator("#changelist .results")
    scroll, width = table.evaluate("(box) => [box.scrollWidth, box.clientWidth]")
    row = page.locator("#result_list tbody tr").first

    assert scroll <= width, (scroll, width, page.evaluate(COLUMN_WIDTHS))
    assert row.locator("time.posted").is_visible()
    assert row.locator(".field-state").get_by_text("2 reports").is_visible()
    status = row.locator(".field-state").bounding_box()
    assert status["x"] + status["width"] <= table.bounding_box()["x"] + width + 1


# A card's values: each one's label (its column's name) and its box.
CARD = """(row) => [...row.querySelectorAll('td[data-label]')].map((cell) => ({
    label: getComputedStyle(cell, '::before').content,
    right: cell.getBoundingClientRect().right,
    visible: cell.getBoundingClientRect().height > 0,
}))"""


def test_on_a_phone_each_queued_comment_is_a_card_the_moderator_can_act_on(
    open_page, make_staff, desk
):
    """At 390 px the queue was a table wider than the phone: the article's
    headline a letter a line and why the comment waits out of sight. Now a
    comment is a card: its text, the buttons, the sender, the article and
    the status with its reasons, each under its column's name."""
    page = flagged_queue(open_page, make_staff, 390)

    row = page.locator("#result_list tbody tr").first
    cells = row.evaluate(CARD)
    labels = [cell["label"].strip('"') for cell in cells]

    assert page.evaluate(RESULTS)[0] <= page.evaluate(RESULTS)[1]
    assert labels == [
        header.strip()
        for header in page.locator("#result_list thead th").all_text_contents()[2:]
    ]
    assert all(cell["visible"] and cell["right"] <= 390 for cell in cells), cells
    assert row.locator(".field-state").get_by_text("2 reports").is_visible()
    assert row.locator("time.posted").is_visible()
    # What the moderator does next: approve it from the card.
    row.locator("button[value=approve]").click()
    page.locator(".messagelist").wait_for()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
