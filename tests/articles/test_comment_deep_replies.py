"""A reply to a comment at the deepest level (COMMENTS_MAX_DEPTH) is shown
beside it and says whom it answers ("in reply to Dedi", a link to that
comment), on the story page and in the moderation queue, at no query more;
it had come out as one more sibling, answering nobody in particular."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import services
from articles.models import Comment
from articles.templatetags import comments_tags
from tests.articles.comment_factories import CommentFactory
from tests.articles.test_comment_views import COMMENTED_ARTICLE_QUERIES
from tests.articles.test_moderation_admin import QUEUE, QUEUE_QUERIES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english", "no_remembered_threads"),
]

ANSWERS_DEDI = (
    'In reply to Dedi: “<span dir="auto">Setuju, tapi anggarannya dari mana?</span>”'
)


@pytest.fixture
def thread(story):
    """A thread two levels deep: the top, a reply, Dedi's reply to it."""
    start = timezone.now() - dt.timedelta(minutes=30)
    top = CommentFactory(article=story, created_at=start)
    reply = CommentFactory(parent=top, created_at=start + dt.timedelta(minutes=1))
    deepest = CommentFactory(
        parent=reply,
        author_name="Dedi",
        text="Setuju, tapi anggarannya dari mana?",
        created_at=start + dt.timedelta(minutes=2),
    )
    return top, reply, deepest


def answer(story, parent, text="Dari APBN, tertulis di artikel.", **kwargs):
    return services.comment_create(
        article=story,
        author_name="Sari",
        author_email="sari@example.org",
        text=text,
        parent=parent,
        ip="198.51.100.9",
        user_agent="test",
        form_token=None,
        **kwargs,
    ).comment


def in_reply_to(comment) -> str:
    return (
        f'<a class="comment__in-reply-to" href="#comment-{comment.pk}">'
        f"in reply to {comment.author_name}</a>"
    )


def item(html: str, comment) -> str:
    """The comment's own card on the page (without its replies)."""
    return html.split(f'id="comment-{comment.pk}"', 1)[1].split("</article>", 1)[0]


def test_a_reply_to_the_deepest_level_says_whom_it_answers(client, story, thread):
    top, reply, deepest = thread
    sent = answer(story, deepest)
    assert (sent.parent, sent.depth, sent.root) == (deepest, deepest.depth, top)
    # Held for its form's missing stamp: published, as a moderator would.
    Comment.objects.filter(pk=sent.pk).update(status=Comment.Status.APPROVED)
    html = client.get(story.get_absolute_url()).content.decode()
    assert in_reply_to(deepest) in item(html, sent)
    # Shown beside it, in the reply's list of replies, not under it.
    replies_of_reply = html.split(f'id="comment-{reply.pk}"', 1)[1]
    assert replies_of_reply.index(f'id="comment-{deepest.pk}"') < (
        replies_of_reply.index(f'id="comment-{sent.pk}"')
    )
    assert (
        '<ol class="comment-list comment-list--replies">'
        not in item(html, deepest)
        + html.split(f'id="comment-{deepest.pk}"', 1)[1].split("</li>", 1)[0]
    )
    # A reply shown under the comment it answers names nobody.
    for comment in (reply, deepest):
        assert "comment__in-reply-to" not in item(html, comment)


def test_in_reply_to_joins_the_remembered_threads_key(story, thread):
    top, reply, deepest = thread
    for comment in (top, reply, deepest):
        comment.thread, comment.notices = [], []
    top.thread = [reply]
    reply.thread = [deepest]
    without = comments_tags.thread_key(top)
    deepest.answers = reply
    assert comments_tags.thread_key(top) != without


@pytest.mark.parametrize("count", [1, 25])
def test_a_page_of_replies_saying_whom_they_answer_costs_no_query_more(
    client, story, thread, django_assert_num_queries, count
):
    _top, _reply, deepest = thread
    sent = [
        CommentFactory(
            parent=deepest,
            depth=deepest.depth,
            created_at=timezone.now() - dt.timedelta(seconds=count - n),
        )
        for n in range(count)
    ]
    with django_assert_num_queries(COMMENTED_ARTICLE_QUERIES):
        html = client.get(story.get_absolute_url()).content.decode()
    assert html.count(in_reply_to(deepest)) == count
    assert all(f'id="comment-{c.pk}"' in html for c in sent)


@pytest.mark.parametrize("count", [5, 60])
def test_the_queue_says_which_comment_each_reply_answers_at_no_query_more(
    moderator_client, thread, django_assert_num_queries, count
):
    _top, _reply, deepest = thread
    for _ in range(count):
        CommentFactory(parent=deepest, depth=deepest.depth, pending=True)
    moderator_client.get(QUEUE)  # warm the session and content-type caches

    with django_assert_num_queries(QUEUE_QUERIES):
        html = moderator_client.get(QUEUE).content.decode()
    assert html.count(ANSWERS_DEDI) == count


def test_a_comments_page_names_the_comment_it_answers(moderator_client, thread):
    _top, _reply, deepest = thread
    sent = CommentFactory(
        parent=deepest, depth=deepest.depth, pending=True, text="Cek https://x.example"
    )
    html = moderator_client.get(
        f"/admin/articles/comment/{sent.pk}/change/"
    ).content.decode()
    field = html.split("field-reply_to", 1)[1].split('class="readonly">', 1)[1]
    assert field.split("</div>", 1)[0] == (
        f'<a href="/admin/articles/comment/{deepest.pk}/change/">#{deepest.pk}</a> '
        f"{ANSWERS_DEDI}"
    )
    assert Comment.objects.get(pk=sent.pk).parent_id == deepest.pk
