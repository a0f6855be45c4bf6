"""The moderation desk's words for what it does: approving a comment that is
published already keeps it and dismisses readers' reports (its button and
message say so), the comment's page names its sections apart and shows one
sign for an empty value, the queue's controls are not restored by Back, and
the comment form promises links only for the addresses that become links."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_admin import (
    act,
    row_buttons,
    row_seen,
    save_comment_page,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
KEEP = "Keep (dismiss reports)"
KEPT = "Reports on 1 comment dismissed; it stays published."


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


@pytest.fixture
def reported(article):
    """Published, and reported by readers since."""
    return CommentFactory(article=article, author_name="Dedi", flag_count=2)


@pytest.fixture
def waiting(article):
    return CommentFactory(article=article, author_name="Sari", pending=True)


def page_of(comment) -> str:
    return reverse("admin:articles_comment_change", args=[comment.pk])


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page_buttons(html: str) -> list[str]:
    """The moderation buttons of a comment's page, as they read."""
    return re.findall(r'<button type="submit" name="_moderate" [^>]*>([^<]*)<', html)


def row_labels(html: str, comment) -> list[str]:
    """The words of the buttons on the comment's queue row."""
    url = reverse("admin:articles_comment_moderate", args=[comment.pk])
    return re.findall(rf'formaction="{url}"[^>]*>([^<]*)</button>', html)


def messages_after(client) -> list[str]:
    return [str(m) for m in client.get(QUEUE).context["messages"]]


# An approved comment readers reported: Keep, not Approve


@pytest.mark.usefixtures("english")
def test_a_reported_published_comment_offers_keep_on_its_page_and_its_row(
    moderator_client, reported, waiting
):
    own_page = moderator_client.get(page_of(reported)).content.decode()
    assert page_buttons(own_page)[0] == KEEP
    assert "Approve" not in page_buttons(own_page)

    for query in ("", "?status=flagged"):
        queue = moderator_client.get(QUEUE + query).content.decode()
        assert row_buttons(queue, reported)[0] == "approve"  # the same action
        assert row_labels(queue, reported)[0] == KEEP
        assert f'aria-label="{KEEP} comment {reported.pk} by Dedi"' in queue

    # A comment waiting is approved: its buttons say so.
    waiting_page = moderator_client.get(page_of(waiting)).content.decode()
    assert page_buttons(waiting_page)[0] == "Approve"
    assert row_labels(moderator_client.get(QUEUE).content.decode(), waiting) == [
        "Approve",
        "Reject",
    ]


@pytest.mark.usefixtures("english")
def test_keep_on_a_comments_page_says_its_reports_were_dismissed(
    moderator_client, reported
):
    response = save_comment_page(moderator_client, reported, _moderate="approve")

    assert response.status_code == 302
    reported.refresh_from_db()
    assert (reported.status, reported.flag_count) == (Status.APPROVED, 0)
    assert messages_after(moderator_client) == [KEPT]


@pytest.mark.usefixtures("english")
def test_keep_on_a_queue_row_says_its_reports_were_dismissed(
    moderator_client, reported
):
    url = reverse("admin:articles_comment_moderate", args=[reported.pk])
    response = moderator_client.post(url, {"moderate": "approve", **row_seen(reported)})

    assert response.status_code == 302
    assert messages_after(moderator_client) == [KEPT]
    assert Comment.objects.get(pk=reported.pk).flag_count == 0


@pytest.mark.usefixtures("english")
def test_approving_a_selection_says_apart_what_it_approved_and_what_it_kept(
    moderator_client, article, reported, waiting
):
    also_waiting = CommentFactory(article=article, pending=True)

    act(moderator_client, "approve", [reported, waiting, also_waiting])

    assert messages_after(moderator_client) == [
        "2 comments approved. " + KEPT,
    ]
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.APPROVED}


# The comment's page, on the Indonesian desk


def fieldset_titles(html: str) -> list[str]:
    return [
        text_of(title)
        for title in re.findall(
            r'<fieldset class="module aligned[^"]*"[^>]*>\s*<h2[^>]*>(.*?)</h2>',
            html,
            re.S,
        )
    ]


def test_the_comment_page_names_its_status_and_its_buttons_apart(
    moderator_client, waiting
):
    html = moderator_client.get(page_of(waiting)).content.decode()
    titles = fieldset_titles(html)
    assert "Moderasi" in titles  # the buttons
    assert len(titles) == len(set(titles)), titles


def readonly_values(html: str) -> dict[str, str]:
    return {
        name: text_of(value)
        for name, value in re.findall(
            r'<div class="form-row[^"]*field-(\w+)[^"]*">.*?'
            r'<div class="readonly">(.*?)</div>',
            html,
            re.S,
        )
    }


def test_the_comment_page_shows_every_empty_value_alike(moderator_client, article):
    bare = CommentFactory(
        article=article, pending=True, ip_address=None, ip_network="", user_agent=""
    )
    html = moderator_client.get(page_of(bare)).content.decode()
    values = readonly_values(html)

    empty = {
        name: values[name]
        for name in (
            "original_text",
            "reason_list",
            "staff_author",
            "ip_address",
            "ip_network",
            "user_agent",
            "reply_to",
        )
    }
    assert set(empty.values()) == {"–"}, empty


# The queue's controls are not restored by Back onto other rows


@pytest.mark.usefixtures("english")
def test_the_queues_boxes_and_action_menu_are_not_restored_by_the_browser(
    moderator_client, waiting
):
    html = moderator_client.get(QUEUE).content.decode()
    box = re.search(
        rf'<input [^>]*value="{waiting.pk}" class="action-select"[^>]*>', html
    )
    assert box and 'autocomplete="off"' in box[0]
    menu = re.search(r'<select name="action"[^>]*>', html)
    assert menu and 'autocomplete="off"' in menu[0]
    across = re.findall(r'<input [^>]*class="select-across"[^>]*>', html)
    assert across and all('autocomplete="off"' in tag for tag in across)
    assert "/static/js/comment_queue.js" in html


# The public comment form's help


@pytest.fixture
def published(section):
    def make(language: str):
        return ArticleFactory(
            section=section,
            language=language,
            meeting=None,
            comment_policy="post",
            published_at=timezone.now() - dt.timedelta(hours=1),
        )

    return make


def help_of_text(html: str) -> str:
    found = re.search(r'<p class="field__help" id="[\w-]*-text-help">(.*?)</p>', html)
    assert found, "no help under the comment box"
    return text_of(found[1])


@pytest.mark.usefixtures("english")
def test_the_comment_forms_help_promises_links_only_for_http_addresses(
    client, published
):
    story = published("en")
    help_text = help_of_text(client.get(story.get_absolute_url()).content.decode())

    assert "http:// or https://" in help_text
    assert "Web addresses become links" not in help_text


def test_the_indonesian_comment_forms_help_no_longer_promises_every_address(
    client, published
):
    story = published("id")
    help_text = help_of_text(client.get(story.get_absolute_url()).content.decode())

    assert "Alamat web menjadi tautan" not in help_text
    assert "http://" in help_text and "https://" in help_text
