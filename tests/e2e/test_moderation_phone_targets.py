"""The moderation queue on a phone: its Action menu, its filters' choices
and each row's ↗ (the story on the site) are targets of 24 px at least
(WCAG 2.2, 2.5.8). A tester measured 20 px, 20 px and 12×16 px: the ↗'s
rule was in a style sheet the queue does not load."""

import pytest

from tests.e2e.conftest import admin_login
from tests.e2e.test_moderation_focus import QUEUE, held_for_links  # noqa: F401

pytestmark = pytest.mark.e2e

SIZES = """(els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return [e.textContent.trim().slice(0, 30), r.width, r.height];
})"""


def test_the_queues_small_controls_are_targets_a_thumb_can_hit(page, held_for_links):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 900})
    admin_login(page, "moderator")
    page.goto(QUEUE)

    targets = {
        "action menu": "#changelist .actions select",
        "filter choices": "#changelist-filter li a",
        "show counts": "#changelist-filter-extra-actions a",
        "story on the site": '.field-article_link a[target="_blank"]',
    }
    for what, selector in targets.items():
        sizes = page.locator(selector).evaluate_all(SIZES)
        assert sizes, what
        for name, width, height in sizes:
            assert width >= 24 and height >= 24, (what, name, width, height)
