"""A reply to a comment at the deepest level (COMMENTS_MAX_DEPTH) is shown
beside it and says whom it answers ("in reply to Dedi", a link to that
comment), on the story page and in the moderation queue, at no query more;
it had come out as one more sibling, answering nobody in particular. Such a
comment offers "Reply" like any other (it had none: only a hand-made POST
could answer it), and a reply whose comment is no longer shown says it
answers "a comment that was removed" (it had passed for an answer to the
comment it hangs under)."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import services
from articles.forms import sign_rendered_at
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


@pytest.mark.parametrize("answered", ["shown", "removed"])
def test_whom_a_reply_answers_joins_the_remembered_threads_key(story, thread, answered):
    top, reply, deepest = thread
    for comment in (top, reply, deepest):
        comment.thread, comment.notices = [], []
    top.thread = [reply]
    reply.thread = [deepest]
    without = comments_tags.thread_key(top)
    if answered == "shown":
        deepest.answers = reply
    else:  # "in reply to a comment that was removed"
        deepest.answers, deepest.answers_removed = None, True
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


ANSWERS_REMOVED = (
    '<span class="comment__in-reply-to">in reply to a comment that was removed</span>'
)


def discussion(html: str) -> str:
    return html.split('id="comments"', 1)[1].split("</section>", 1)[0]


def post_reply(client, story, parent, text):
    """A reply sent from the form under `parent`, as a browser without
    JavaScript sends it; the page it lands on."""
    response = client.post(
        f"/articles/{story.pk}/comments/",
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": text,
            "parent": parent.pk,
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
        },
        REMOTE_ADDR="198.51.100.9",
    )
    if response.status_code == 303:
        response = client.get(response["Location"])
    return response.content.decode()


def test_a_comment_at_the_deepest_level_offers_reply_and_opens_its_form_there(
    client, story, thread
):
    _top, _reply, deepest = thread
    url = story.get_absolute_url()
    html = client.get(url).content.decode()
    assert (
        f'<a class="comment__action comment__action--reply comment__toggle" '
        f'href="{url}?reply={deepest.pk}#reply-{deepest.pk}" rel="nofollow">Reply'
    ) in item(html, deepest)

    html = client.get(url, {"reply": deepest.pk}).content.decode()
    card = item(html, deepest)
    assert '<details class="comment__action comment__action--reply" open>' in card
    assert f'<summary id="reply-{deepest.pk}-heading">Reply' in card
    # Where the link's fragment lands, taking the keyboard's focus.
    assert (
        f'<form class="comment-form" id="reply-{deepest.pk}" tabindex="-1" '
        f'aria-labelledby="reply-{deepest.pk}-heading"'
    ) in card
    assert f'name="parent" value="{deepest.pk}"' in card
    assert discussion(html).count('name="parent"') == 1


def test_a_reply_to_the_deepest_level_works_without_javascript(client, story, thread):
    _top, reply, deepest = thread
    # Sent back with a mistake: its form open again under that comment.
    card = item(post_reply(client, story, deepest, ""), deepest)
    assert '<details class="comment__action comment__action--reply" open>' in card
    assert 'id="comment-errors"' in card
    assert f'name="parent" value="{deepest.pk}"' in card

    html = post_reply(client, story, deepest, "Dari APBN, tertulis di artikel.")
    sent = Comment.objects.get(text="Dari APBN, tertulis di artikel.")
    assert (sent.parent, sent.depth, sent.status) == (
        deepest,
        deepest.depth,
        Comment.Status.APPROVED,
    )
    assert in_reply_to(deepest) in item(html, sent)
    replies_of_reply = html.split(f'id="comment-{reply.pk}"', 1)[1]
    assert replies_of_reply.index(f'id="comment-{deepest.pk}"') < (
        replies_of_reply.index(f'id="comment-{sent.pk}"')
    )


@pytest.mark.parametrize(
    "gone",
    ["remove", Comment.Status.PENDING, Comment.Status.REJECTED],
    ids=["removed", "hidden-by-reports", "rejected"],
)
def test_a_reply_whose_comment_is_no_longer_shown_says_it_was_removed(
    client, story, thread, moderator, django_capture_on_commit_callbacks, gone
):
    _top, reply, deepest = thread
    sent = CommentFactory(
        parent=deepest, depth=deepest.depth, author_name="Sari", text="Dari APBN."
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert in_reply_to(deepest) in item(html, sent)

    if gone == "remove":
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_moderate(
                comments=[deepest], action="remove", moderator=moderator
            )
    else:
        Comment.objects.filter(pk=deepest.pk).update(status=gone)
    html = client.get(story.get_absolute_url()).content.decode()
    assert ANSWERS_REMOVED in item(html, sent)
    # Nothing of the comment it answered: no link, author, text or place.
    shown = discussion(html)
    assert f"comment-{deepest.pk}" not in shown
    assert "Dedi" not in shown
    assert "anggarannya" not in shown
    assert "Dari APBN." in shown
    assert "comment__in-reply-to" not in item(html, reply)
    assert f'id="comment-{sent.pk}"' in html.split(f'id="comment-{reply.pk}"', 1)[1]


@pytest.mark.parametrize("count", [1, 25])
def test_replies_to_removed_comments_and_reply_links_cost_no_query_more(
    client, story, thread, django_assert_num_queries, count
):
    _top, reply, _deepest = thread
    for n in range(count):
        removed = CommentFactory(parent=reply, status=Comment.Status.REJECTED)
        CommentFactory(
            parent=removed,
            depth=removed.depth,
            created_at=timezone.now() - dt.timedelta(seconds=count - n),
        )
    with django_assert_num_queries(COMMENTED_ARTICLE_QUERIES):
        html = client.get(story.get_absolute_url()).content.decode()
    assert html.count(ANSWERS_REMOVED) == count
    assert html.count("comment__action--reply comment__toggle") == 3 + count
