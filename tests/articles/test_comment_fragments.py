"""Comment threads remembered by what they show (comments_tags.comment_thread):
the same HTML as the thread's include, a thread whose comment or replies
changed is new on the next request, and what is not the same for every
reader (a reader's own pending comment, an open form) is never remembered."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Comment
from articles.templatetags import comments_tags
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_remembered_threads")]


@pytest.fixture
def story(section):
    return ArticleFactory(section=section)


@pytest.fixture
def thread(story):
    top = CommentFactory(article=story, text="Rapatnya penting.")
    reply = CommentFactory(parent=top, text="Setuju, https://example.org/a")
    return top, reply


def comments_on(client, story, query: str = "") -> str:
    page = client.get(story.get_absolute_url() + query).content.decode()
    return page.split('<ol class="comment-list">', 1)[1].split("</section>")[0]


def test_a_remembered_thread_is_the_html_its_include_renders(
    client, story, thread, monkeypatch
):
    with monkeypatch.context() as patched:
        patched.setattr(comments_tags, "thread_key", lambda comment: None)
        included = comments_on(client, story)
    assert not comments_tags._threads
    assert comments_on(client, story) == included  # rendered, remembered
    assert len(comments_tags._threads) == 1
    assert comments_on(client, story) == included  # read back


def change_text(top, reply):
    Comment.objects.filter(pk=reply.pk).update(text="Tidak setuju.")
    return "Tidak setuju."


def change_author(top, reply):
    Comment.objects.filter(pk=top.pk).update(author_name="Warga Bekasi")
    return "Warga Bekasi"


def edit_by_moderator(top, reply):
    Comment.objects.filter(pk=top.pk).update(edited_at=timezone.now())
    return "comment__edited"


def add_reply(top, reply):
    CommentFactory(
        parent=top,
        text="Balasan baru.",
        created_at=timezone.now() + dt.timedelta(seconds=1),
    )
    return "Balasan baru."


@pytest.mark.parametrize(
    "change", [change_text, change_author, edit_by_moderator, add_reply]
)
def test_a_thread_shows_a_change_on_the_next_request(client, story, thread, change):
    before = comments_on(client, story)
    shown = change(*thread)
    after = comments_on(client, story)
    assert shown not in before
    assert shown in after


def test_a_readers_own_pending_reply_is_never_remembered(story, thread):
    top, reply = thread
    pending = CommentFactory(parent=top, pending=True)
    for comment in (top, reply, pending):
        comment.notices = []
    top.thread, reply.thread, pending.thread = [reply, pending], [], []
    assert comments_tags.thread_key(top) is None
    top.thread = [reply]
    assert comments_tags.thread_key(top) is not None
    top.notices = ["Komentar Anda sudah terkirim."]
    assert comments_tags.thread_key(top) is None


def test_a_thread_with_its_reply_form_open_is_rendered_for_the_reader(
    client, story, thread
):
    top, _reply = thread
    comments_on(client, story)
    remembered = dict(comments_tags._threads)
    opened = comments_on(client, story, f"?reply={top.pk}")
    assert 'comment__action--reply" open' in opened
    assert comments_tags._threads == remembered
