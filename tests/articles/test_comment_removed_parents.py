"""Public replies of a comment no longer shown: they stay on the story, in
their thread, under a placeholder for the comment they answer, and the
story's comment count is the number of comments a reader sees."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from articles import services
from articles.forms import sign_rendered_at
from articles.models import Comment
from tests.articles.comment_factories import CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
REMOVED = "This comment was removed."


@pytest.fixture(autouse=True)
def page_cache(settings, no_remembered_threads):
    """As on the site: pages shared by the page cache, threads remembered."""
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def thread(story):
    """A thread of approved comments: the top, a reply, a reply to the reply."""
    start = timezone.now() - dt.timedelta(minutes=30)
    top = CommentFactory(article=story, text="Induk diskusi.", created_at=start)
    reply = CommentFactory(
        parent=top,
        text="Balasan pertama.",
        created_at=start + dt.timedelta(minutes=1),
    )
    deeper = CommentFactory(
        parent=reply,
        text="Balasan atas balasan.",
        created_at=start + dt.timedelta(minutes=2),
    )
    return top, reply, deeper


def page(client, story, **params) -> str:
    response = client.get(story.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def discussion(html: str) -> str:
    return html.split('id="comments"', 1)[1].split("</section>", 1)[0]


def shown_comments(html: str) -> list[int]:
    """The ids of the comments whose text a reader sees (no placeholder)."""
    return [
        int(pk)
        for classes, pk in re.findall(
            r'<li class="(comment[^"]*)" id="comment-(\d+)"', discussion(html)
        )
        if "comment--removed" not in classes
    ]


def count_said(html: str) -> int:
    return int(re.search(r'<span class="count">\s*(\d+) comments?', html).group(1))


def moderate(committed, moderator, comment, action):
    committed(
        services.comment_moderate,
        comments=[comment],
        action=action,
        moderator=moderator,
    )


def test_replies_of_a_removed_comment_stay_under_a_placeholder_and_are_counted(
    client, story, thread, moderator, committed
):
    top, reply, deeper = thread
    later = CommentFactory(parent=top, pending=True, text="Balasan yang menunggu.")
    before = page(client, story)
    assert count_said(before) == 3
    assert page(client, story) == before  # shared, threads remembered

    moderate(committed, moderator, top, "remove")
    html = page(client, story)
    assert "Induk diskusi." not in html
    assert top.author_name not in html
    assert REMOVED in discussion(html)
    assert "Balasan pertama." in html and "Balasan atas balasan." in html
    assert shown_comments(html) == [reply.pk, deeper.pk]
    assert count_said(html) == len(shown_comments(html)) == 2
    # In their thread: the reply inside the placeholder's item, the reply to
    # the reply inside the reply's.
    assert re.search(
        rf'id="comment-{top.pk}".*?{REMOVED}.*?<ol class="comment-list '
        rf'comment-list--replies">\s*<li[^>]*id="comment-{reply.pk}".*?'
        rf'comment-list--replies">\s*<li[^>]*id="comment-{deeper.pk}"',
        discussion(html),
        re.DOTALL,
    )
    home = client.get("/").content.decode()
    assert re.search(r"\b2 (comments|komentar)<", home)

    moderate(committed, moderator, later, "approve")
    html = page(client, story)
    assert "Balasan yang menunggu." in html
    assert count_said(html) == len(shown_comments(html)) == 3
    assert REMOVED in discussion(html)

    moderate(committed, moderator, top, "restore")
    html = page(client, story)
    assert "Induk diskusi." in html and REMOVED not in html
    assert count_said(html) == len(shown_comments(html)) == 4


def test_a_removed_reply_keeps_its_place_while_a_shown_reply_answers_it(
    client, story, thread, moderator, committed
):
    top, reply, deeper = thread
    moderate(committed, moderator, reply, "remove")
    html = page(client, story)
    assert "Balasan pertama." not in html
    assert shown_comments(html) == [top.pk, deeper.pk]
    assert count_said(html) == 2
    assert re.search(
        rf'id="comment-{reply.pk}".*?{REMOVED}.*?<li[^>]*id="comment-{deeper.pk}"',
        discussion(html),
        re.DOTALL,
    )
    # Its last shown reply gone, so is its place.
    moderate(committed, moderator, deeper, "remove")
    html = page(client, story)
    assert REMOVED not in html
    assert f'id="comment-{reply.pk}"' not in html
    assert shown_comments(html) == [top.pk]
    assert count_said(html) == 1
    moderate(committed, moderator, top, "spam")
    html = page(client, story)
    assert REMOVED not in html
    assert "comment-list" not in discussion(html)


def test_a_comment_hidden_by_reports_says_a_moderator_reviews_it(client, story, thread):
    top, reply, _deeper = thread
    Comment.objects.filter(pk=top.pk).update(status=Status.PENDING)
    html = page(client, story)
    assert "This comment is hidden while a moderator reviews it." in html
    assert "Induk diskusi." not in html
    assert "Balasan pertama." in html


def test_the_reply_form_of_a_reply_under_a_placeholder_opens(
    client, story, thread, moderator, committed
):
    top, reply, _deeper = thread
    moderate(committed, moderator, top, "remove")
    html = page(client, story, reply=reply.pk)
    assert "no longer shown" not in html
    assert 'comment__action--reply" open' in html
    assert f'name="parent" value="{reply.pk}"' in html
    # The placeholder's own form is not offered: said where it would be.
    html = page(client, story, reply=top.pk)
    assert f'id="reply-{top.pk}"' in html
    assert "The comment you are replying to is no longer shown." in html
    assert 'comment__action--reply" open' not in html


def post_reply(client, story, parent, text):
    return client.post(
        f"/articles/{story.pk}/comments/",
        {
            "author_name": "Dewi",
            "author_email": "dewi@example.org",
            "text": text,
            "parent": parent.pk,
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
        },
        REMOTE_ADDR="198.51.100.9",
    )


def test_a_reply_to_a_removed_comment_is_refused_and_its_text_kept(
    client, story, thread, moderator, committed
):
    top, _reply, _deeper = thread
    moderate(committed, moderator, top, "remove")
    response = post_reply(client, story, top, "Saya tidak setuju dengan induknya.")
    assert response.status_code == 303  # to the form's address, which shows it
    html = client.get(response["Location"]).content.decode()
    assert (
        "The comment you are replying to is no longer shown. Your text is kept "
        "below: send it as a new comment."
    ) in html
    # Kept in the form for a new comment (no parent), to send as it is.
    form = html.split('id="new-comment"', 1)[1].split("</form>", 1)[0]
    assert "Saya tidak setuju dengan induknya.</textarea>" in form
    assert 'name="parent"' not in form
    assert not Comment.objects.filter(parent=top).exclude(pk=_reply.pk).exists()


def test_a_reply_at_the_deepest_level_joins_it_under_a_placeholder(
    client, story, thread, moderator, committed
):
    top, reply, deeper = thread
    moderate(committed, moderator, reply, "remove")
    response = post_reply(client, story, deeper, "Setuju dengan balasan itu.")
    assert response.status_code == 303
    sent = Comment.objects.get(text="Setuju dengan balasan itu.")
    assert (sent.parent_id, sent.depth) == (deeper.pk, deeper.depth)
    html = page(client, story)
    assert shown_comments(html) == [top.pk, deeper.pk, sent.pk]
    assert count_said(html) == 3
    assert (
        f'<a class="comment__in-reply-to" href="#comment-{deeper.pk}">'
        f"in reply to {deeper.author_name}</a>"
    ) in discussion(html)
