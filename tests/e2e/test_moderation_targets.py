"""The moderation queue on a phone: each row's Approve and Reject, and its
checkbox, are targets a thumb can hit (WCAG 2.2, 2.5.8: 24×24 px at least;
44 px high under a finger), apart from each other. They were 60×19 and
46×19 px, 4 px apart, and the checkboxes 13×13."""

import pytest
from playwright.sync_api import expect

from articles.models import CommentReason
from tests.articles.comment_factories import CommentFactory, CommentReasonFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

QUEUE = "/admin/articles/comment/?reason=links"
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def held_for_links(transactional_db, make_staff):
    """Three comments held for their links."""
    make_staff("Moderator", "moderator")
    article = ArticleFactory(section=SectionFactory(), language="en")
    for _ in range(3):
        CommentReasonFactory(
            comment=CommentFactory(article=article, pending=True),
            code=CommentReason.Code.LINKS,
        )


def overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def gap(a, b) -> float:
    """The distance between two boxes, one above the other or side by side."""
    upper, lower = sorted([a, b], key=lambda box: box["y"])
    left, right = sorted([a, b], key=lambda box: box["x"])
    return max(
        lower["y"] - (upper["y"] + upper["height"]),
        right["x"] - (left["x"] + left["width"]),
    )


def row_targets(page):
    """Each row's buttons and checkbox, with their boxes."""
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    found = []
    for i in range(3):
        row = rows.nth(i)
        buttons = row.locator('button[name="moderate"]')
        expect(buttons).to_have_count(2)
        boxes = [buttons.nth(j).bounding_box() for j in range(2)]
        found.append((boxes, row.locator("input.action-select").bounding_box()))
    return found


@pytest.mark.parametrize("touch", [False, True], ids=["narrow", "touch"])
def test_on_a_phone_the_row_buttons_are_targets_apart(open_page, held_for_links, touch):
    page = open_page(**PHONE, has_touch=touch, is_mobile=touch)
    admin_login(page, "moderator")
    page.goto(QUEUE)
    least_height = 44 if touch else 24
    everything = []
    for (approve, reject), checkbox in row_targets(page):
        for box in (approve, reject):
            assert box["width"] >= 24 and box["height"] >= least_height, box
        assert checkbox["width"] >= 24 and checkbox["height"] >= 24, checkbox
        assert not overlap(approve, reject)
        assert gap(approve, reject) >= 8, (approve, reject)
        everything += [approve, reject, checkbox]
    for i, box in enumerate(everything):
        for other in everything[i + 1 :]:
            assert not overlap(box, other), (box, other)


def test_on_a_laptop_the_row_buttons_are_24_px_and_the_queue_fits(
    open_page, held_for_links
):
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "moderator")
    page.goto(QUEUE)
    for (approve, reject), _checkbox in row_targets(page):
        for box in (approve, reject):
            assert box["width"] >= 24 and box["height"] >= 24, box
        assert gap(approve, reject) >= 8, (approve, reject)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
