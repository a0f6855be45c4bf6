"""A long reader comment on a phone, in Chromium: cut to a few lines with a
"Read more" button that shows it whole and says "Show less" (static/js/
comment_more.js), usable from the keyboard; a short comment has no button;
without scripts every comment shows whole."""

import itertools
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 800}
PARAGRAPH = (
    "I have followed this joint working group since its first meeting, and I "
    "think its outcome needs to be read with some care, item by item. "
)
LINK = "https://example.org/jwg-report"

# The text's box, what it holds, and its line height: the text is cut when
# its box is shorter than what it holds.
TEXT_BOX = """(text) => ({
    shown: text.getBoundingClientRect().height,
    whole: text.scrollHeight,
    line: parseFloat(getComputedStyle(text).lineHeight),
})"""
# Where the text's box ends (`cut`, from its top) and, line by line, where
# the glyphs of each line of text start and end: a line is cut in half when
# it starts above the box's end and ends below it.
TEXT_LINES = """(text) => {
    const box = text.getBoundingClientRect();
    const spans = [];
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(walker.currentNode);
        for (const r of range.getClientRects()) {
            if (r.height > 0) spans.push([r.top - box.top, r.bottom - box.top]);
        }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const lines = [];
    for (const [top, bottom] of spans) {
        const last = lines[lines.length - 1];
        if (last && top < last[1] - 1) last[1] = Math.max(last[1], bottom);
        else lines.push([top, bottom]);
    }
    return {
        cut: box.height,
        line: parseFloat(getComputedStyle(text).lineHeight),
        lines: lines,
    };
}"""
CLAMPED_LINES = 10
# Phone and laptop widths, and the reader's font size: the browser's default,
# then larger and smaller (as a reader's settings or zoom make it).
WIDTHS = [PHONE, {"width": 1280, "height": 800}]
FONT_SIZES = [None, "21px", "13px"]


def whole_lines_shown(box: dict) -> list:
    """The lines above the cut; asserts that no line is cut in half."""
    cut = box["cut"]
    halved = [(top, bottom) for top, bottom in box["lines"] if top < cut - 1 < bottom]
    assert not halved, f"lines cut at {cut:.1f} px: {halved}"
    return [(top, bottom) for top, bottom in box["lines"] if bottom <= cut + 1]


@pytest.fixture
def discussion(transactional_db, e2e_settings):
    """An English story with a comment of the greatest length allowed (in
    paragraphs, an address at its end) and a short one."""
    cache.clear()
    story = ArticleFactory(language="en", meeting=None, comment_policy="post")
    tail = f" More: {LINK}"
    body = "\n\n".join([PARAGRAPH * 3] * 40)[: settings.COMMENTS_MAX_LENGTH - len(tail)]
    long = CommentFactory(article=story, author_name="Maria Reyes", text=body + tail)
    assert len(long.text) == settings.COMMENTS_MAX_LENGTH
    short = CommentFactory(article=story, author_name="Ani", text=PARAGRAPH)
    return story, long, short


def test_a_long_comment_is_cut_short_with_a_button_that_shows_it_whole(
    open_page, discussion
):
    story, long, short = discussion
    page = open_page(viewport=PHONE)
    page.goto(story.get_absolute_url())
    text = page.locator(f"#comment-{long.pk} .comment__text").first
    button = page.locator(f"#comment-{long.pk} > .comment__card .comment__more")

    cut = text.evaluate(TEXT_BOX)
    assert cut["shown"] <= 12 * cut["line"], cut
    expect(button).to_have_text("Read more")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", f"comment-{long.pk}-text")
    expect(text).to_have_attribute("id", f"comment-{long.pk}-text")
    expect(page.locator(f"#comment-{short.pk} .comment__more")).to_have_count(0)

    button.focus()
    page.keyboard.press("Enter")

    expect(button).to_have_text("Show less")
    expect(button).to_have_attribute("aria-expanded", "true")
    whole = text.evaluate(TEXT_BOX)
    assert whole["shown"] == pytest.approx(whole["whole"], abs=1), whole
    assert whole["shown"] > 40 * whole["line"]  # several screens on a phone

    page.keyboard.press("Space")

    expect(button).to_have_text("Read more")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_in_viewport()
    assert text.evaluate(TEXT_BOX)["shown"] == pytest.approx(cut["shown"], abs=1)


@pytest.mark.parametrize("viewport", WIDTHS, ids=["390 px", "1280 px"])
def test_the_cut_ends_under_the_tenth_whole_line_at_any_width_and_font_size(
    open_page, discussion, viewport
):
    """The last line shown, under the fade, is never cut in half: the box is
    ten lines high, paragraph breaks between them included (a height of
    10lh cut the tenth line in half once a paragraph had begun)."""
    story, long, _short = discussion
    page = open_page(viewport=viewport)
    page.goto(story.get_absolute_url())
    text = page.locator(f"#comment-{long.pk} .comment__text").first
    expect(text).to_have_class(re.compile(r"comment__text--clamped"))

    for font_size in FONT_SIZES:
        if font_size:
            page.evaluate(f"document.documentElement.style.fontSize = '{font_size}'")
        box = text.evaluate(TEXT_LINES)
        shown = whole_lines_shown(box)
        assert len(shown) == CLAMPED_LINES, (font_size, box["cut"], shown)
        # Ten whole lines high, the space between paragraphs aside.
        breaks = sum(
            below[0] - above[0] - box["line"]
            for above, below in itertools.pairwise(shown)
        )
        assert box["cut"] - breaks == pytest.approx(
            CLAMPED_LINES * box["line"], abs=1
        ), (font_size, box)


def test_a_link_in_the_hidden_part_shows_the_comment_when_it_takes_the_focus(
    open_page, discussion
):
    story, long, _short = discussion
    page = open_page(viewport=PHONE)
    page.goto(story.get_absolute_url())
    button = page.locator(f"#comment-{long.pk} > .comment__card .comment__more")
    expect(button).to_have_attribute("aria-expanded", "false")

    link = page.locator(f"#comment-{long.pk} .comment__text a[href='{LINK}']")
    # By the keyboard, from the comment's last link before the text.
    page.locator(f"#comment-{long.pk} .comment__card a").first.focus()
    for _ in range(5):
        if link.evaluate("(a) => a === document.activeElement"):
            break
        page.keyboard.press("Tab")

    expect(link).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_text("Show less")
    # Opened, the text pushed the link far below the window: it is brought
    # back into view (a tester found it 932 px below).
    expect(link).to_be_in_viewport()


def test_without_scripts_a_long_comment_shows_whole_with_no_button(
    open_page, discussion
):
    story, long, _short = discussion
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(story.get_absolute_url())
    text = page.locator(f"#comment-{long.pk} .comment__text").first

    box = text.evaluate(TEXT_BOX)

    assert box["shown"] == pytest.approx(box["whole"], abs=1), box
    assert box["shown"] > 40 * box["line"]
    expect(page.locator(".comment__more")).to_have_count(0)


def test_the_discussion_with_a_comment_cut_short_or_shown_whole_passes_axe(
    open_page, discussion
):
    story, long, _short = discussion
    page = open_page(viewport=PHONE, bypass_csp=True)
    page.goto(story.get_absolute_url())
    button = page.locator(f"#comment-{long.pk} > .comment__card .comment__more")
    expect(button).to_have_attribute("aria-expanded", "false")
    discussion_only = "document.querySelector('#comments')"

    assert not serious_violations(page, discussion_only)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    assert not serious_violations(page, discussion_only)


def test_the_page_s_policy_refuses_nothing_the_button_needs(open_page, discussion):
    """No inline script or style: the site's CSP (without 'unsafe-inline')
    lets the button work and reports nothing."""
    story, long, _short = discussion
    page = open_page(viewport=PHONE)
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(story.get_absolute_url())
    button = page.locator(f"#comment-{long.pk} > .comment__card .comment__more")

    button.click()

    expect(button).to_have_attribute("aria-expanded", "true")
    assert not [m for m in refused if "Content Security Policy" in m], refused
