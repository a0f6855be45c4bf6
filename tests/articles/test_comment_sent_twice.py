"""The same comment form sent twice at once (a double press, two parallel
requests, the browser's own retry): one comment, and both answers say so."""

import datetime as dt

import pytest
from django.test import Client

from articles import ratelimits
from articles.forms import sign_rendered_at
from articles.models import Comment
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TEXT = "Kerja sama ini penting untuk kawasan."
POSTED_ONCE = "You sent this comment a moment ago; it is posted once."
WAITS_ONCE = (
    "You sent this comment a moment ago; it is posted once and is waiting for "
    "moderation."
)
TOO_FAST = "You are sending comments faster than we allow."


IP = "198.51.100.7"
EMAIL = "sari@example.org"


@pytest.fixture(autouse=True)
def window_begun(clock):
    """The reader's 30-second window ("1/30s", READER_RATES) just begun.
    django-ratelimit's windows are fixed, each key's with its own phase, and
    the clock starts at the real time: a second post a second or two later
    fell in the next window about one run in fifteen, and was counted as a
    first post (two comments, or another text not told to wait)."""
    clock.start_of_window(ratelimits.reader(ratelimits.ip_network(IP), EMAIL), 30)


def the_form(clock, **overrides):
    """One form as the reader filled it in: sent twice, it is the same form."""
    return {
        "author_name": "Sari",
        "author_email": EMAIL,
        "text": TEXT,
        "rendered_at": sign_rendered_at(clock.now - dt.timedelta(seconds=20)),
        "website": "",
        **overrides,
    }


def send(client, article, form):
    return client.post(f"/articles/{article.pk}/comments/", form, REMOTE_ADDR=IP)


def shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_same_form_sent_twice_at_once_is_one_comment_said_posted_once(
    client, story, clock
):
    form = the_form(clock)
    first = send(client, story, form)
    clock.advance(seconds=1)  # well within the 30 s the reader's limit allows
    second = send(client, story, form)
    (comment,) = Comment.objects.all()
    assert comment.status == Comment.Status.APPROVED
    # Answered as the first copy was: to the comment, not back to the form.
    assert second.status_code == 303
    assert second["Location"] == first["Location"] == comment.get_absolute_url()
    html = shown(client, second["Location"])
    assert POSTED_ONCE in html
    assert TOO_FAST not in html and "Your text is kept below" not in html
    assert html.count(f'id="comment-{comment.pk}"') == 1
    # The reader reloads: their comment once, the notice gone.
    html = shown(client, second["Location"])
    assert html.count(TEXT) == 1
    assert POSTED_ONCE not in html


def test_a_held_comment_sent_twice_at_once_waits_once_and_its_reader_sees_it(
    client, section, clock
):
    article = ArticleFactory(
        section=section,
        language="en",
        meeting=None,
        comment_policy="pre",
        published_at=clock.now - dt.timedelta(hours=1),
    )
    form = the_form(clock)
    send(client, article, form)
    clock.advance(seconds=2)
    second = send(client, article, form)
    (comment,) = Comment.objects.all()
    assert comment.status == Comment.Status.PENDING
    assert second.status_code == 303
    html = shown(client, second["Location"])
    assert WAITS_ONCE in html
    # The next page the reader opens still shows their waiting comment, once.
    html = shown(client, article.get_absolute_url())
    assert html.count(f'id="comment-{comment.pk}"') == 1
    assert html.count(TEXT) == 1
    assert "waiting for moderation" in html.lower()
    # Someone else does not see it.
    assert TEXT not in shown(Client(), article.get_absolute_url())


def test_another_text_within_the_limit_is_still_told_to_wait(client, story, clock):
    send(client, story, the_form(clock))
    clock.advance(seconds=1)
    again = send(client, story, the_form(clock, text="Dan satu hal lagi."))
    assert again.status_code == 303
    assert again["Location"].endswith("#comment-errors")
    html = shown(client, again["Location"])
    assert TOO_FAST in html
    assert ">Dan satu hal lagi.</textarea>" in html
    assert Comment.objects.count() == 1
