"""Readers on pages shared by the page cache, in Chromium: the comment form
fetches its tokens, and an approved comment is on the next reader's page."""

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import (  # noqa: F401 (fixtures)
    generous_comment_limits,
    send_comment,
    story_with_discussion,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True  # the live server runs in this process


def test_a_reader_comments_from_a_shared_page_and_others_see_it_approved(
    open_page,
    make_staff,
    story_with_discussion,  # noqa: F811 (the journeys' fixture)
    generous_comment_limits,  # noqa: F811
    page_cache,
):
    story, _first, _second = story_with_discussion
    url = story.get_absolute_url()
    assert open_page().goto(url).headers["x-page-cache"] == "miss"

    reader = open_page()
    assert reader.goto(url).headers["x-page-cache"] == "hit"
    assert reader.input_value("#new-comment input[name=csrfmiddlewaretoken]") == ""
    send_comment(
        reader, "new-comment", "Sari", "sari@example.com", "Patroli harus rutin."
    )
    expect(reader.locator(".comment--pending")).to_contain_text("Patroli harus rutin.")
    comment = Comment.objects.get(text="Patroli harus rutin.")

    moderator = open_page()
    make_staff("Moderator", "moderator")
    admin_login(moderator, "moderator")
    moderator.goto("/admin/articles/comment/")
    moderator.check(f"input.action-select[value='{comment.pk}']")
    moderator.select_option("select[name=action]", "approve")
    moderator.click("button[name=index]")
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved")

    stranger = open_page()
    assert stranger.goto(url).headers["x-page-cache"] == "miss"
    expect(stranger.locator(f"#comment-{comment.pk}")).to_contain_text(
        "Patroli harus rutin."
    )

    # The reader's next page, whichever it is, ends their session (its
    # cookie gone); the story is then shared with them too, comment approved.
    reader.goto("/")
    assert "sessionid" not in {cookie["name"] for cookie in reader.context.cookies()}
    assert reader.goto(url).headers["x-page-cache"] == "hit"
    expect(reader.locator(f"#comment-{comment.pk}")).to_contain_text(
        "Patroli harus rutin."
    )
    expect(reader.locator(".comment--pending")).to_have_count(0)
