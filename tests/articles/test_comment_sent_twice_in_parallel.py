"""The same comment form sent twice in parallel (a double tap on a slow
network: two requests at the same instant, on two app server processes):
one comment, and the second answer says so, as when the two come one after
the other (test_comment_sent_twice.py). Two threads, each with its own
connection to PostgreSQL, post together."""

import time

import pytest
from django.db import connection
from django.test import Client

from articles import comment_checks
from articles.models import Comment
from tests.articles.test_comment_sent_twice import POSTED_ONCE, TEXT, the_form
from tests.parallel import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english"),
]

PUBLISHED = "Thank you — your comment is published."


@pytest.fixture(autouse=True)
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("two connections saving at once: PostgreSQL")


@pytest.fixture(autouse=True)
def slow_checks(monkeypatch):
    """Checks that take a moment (a busy server): a post is still being saved
    when its twin arrives, whichever comes first."""

    def take_a_moment(sub, findings):
        time.sleep(0.5)

    checks = [*comment_checks.CHECKS, take_a_moment]
    monkeypatch.setattr(comment_checks, "CHECKS", checks)


def send_together(article, form) -> list[tuple[Client, object]]:
    """Post `form` twice at the same instant, from two threads, each with its
    own client (the reader's two requests) and database connection: each
    client with its answer."""
    clients = [Client(), Client()]
    answers = at_once(
        *(
            lambda client=client: client.post(
                f"/articles/{article.pk}/comments/", form, REMOTE_ADDR="198.51.100.7"
            )
            for client in clients
        )
    )
    return list(zip(clients, answers, strict=True))


def told(client, answer) -> str:
    """The page the reader is sent to, as they see it."""
    assert answer.status_code == 303, answer.status_code
    page = client.get(answer["Location"])
    assert page.status_code == 200
    return page.content.decode()


def saying(pages: list[str], *messages: str) -> list[str]:
    """Which of `messages` each page tells its reader (one each)."""
    said = [[m for m in messages if m in page] for page in pages]
    assert all(len(found) == 1 for found in said), said
    return [found[0] for found in said]


def test_a_form_sent_twice_at_the_same_instant_is_one_comment_said_posted_once(
    story, clock
):
    answers = send_together(story, the_form(clock))
    (comment,) = Comment.objects.all()
    assert comment.status == Comment.Status.APPROVED
    pages = [told(client, answer) for client, answer in answers]
    assert sorted(saying(pages, PUBLISHED, POSTED_ONCE)) == [PUBLISHED, POSTED_ONCE]
    for (_client, answer), page in zip(answers, pages, strict=True):
        assert answer["Location"] == comment.get_absolute_url()
        assert page.count(f'id="comment-{comment.pk}"') == 1
        assert "faster than we allow" not in page


def test_twins_the_rate_limits_do_not_tell_apart_are_still_posted_once(
    story, clock, settings
):
    """Limits that do not see the other post (each app process counting its
    own, as without a shared cache): the second finds the first copy saved,
    whatever the limits say, and is that comment."""
    settings.READER_RATES = {}
    answers = send_together(story, the_form(clock))
    (comment,) = Comment.objects.all()
    assert comment.text == TEXT
    pages = [told(client, answer) for client, answer in answers]
    assert sorted(saying(pages, PUBLISHED, POSTED_ONCE)) == [PUBLISHED, POSTED_ONCE]
