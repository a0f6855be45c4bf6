"""In Chromium: a body longer than a story can keep (BODY_MAX_CHARS) is said
under it as it is typed, as a title too long is (js/admin_lengths.js); only
"Words: 28800" had been there. The preview's refusal reads as a sentence of
its own: it had said "…could not be updated: The body is too long…"."""

import pytest
from playwright.sync_api import expect

from articles.models import BODY_MAX_CHARS
from tests.e2e.test_editor import ADD, reporter, reporter_page  # noqa: F401

pytestmark = pytest.mark.e2e


def test_a_body_past_what_a_story_keeps_is_said_under_it_and_goes_when_trimmed(
    reporter_page,  # noqa: F811
    e2e_settings,
):
    page = reporter_page
    page.goto(ADD)
    body = page.locator("#id_body")
    warning = page.locator("#id_body_length")
    page.fill("#id_body", "kata " * (BODY_MAX_CHARS // 5) + "x")

    expect(warning).to_have_text(
        "Too long to save: 100,001 characters, at most 100,000."
    )
    # Under the body, before the word count.
    assert body.bounding_box()["y"] < warning.bounding_box()["y"]
    words = page.locator(".desk-words").bounding_box()
    assert warning.bounding_box()["y"] < words["y"]
    expect(page.locator(".desk-preview-status")).to_have_text(
        "The preview could not be updated. The body is too long to preview here."
    )

    body.press("End")
    body.press("Backspace")
    expect(warning).to_be_hidden()
    expect(page.locator(".desk-preview-status")).to_have_text("")
