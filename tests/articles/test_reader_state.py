"""What the site keeps for a reader without an account (articles/reader_state.py):
their session lasts while a comment of theirs waits for a moderator, and
then ends, so that their pages are shared (the page cache) again; the key
that tells their reports apart is a signed cookie no page depends on."""

import datetime as dt

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from articles import services
from articles.forms import sign_rendered_at
from articles.models import Comment, CommentFlag
from articles.reader_state import (
    LEGACY_READER_SESSION_KEY,
    PENDING_SESSION_KEY,
    READER_COOKIE,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def held_story(section, title):
    """A pre-moderated story: readers' comments wait for a moderator."""
    return ArticleFactory(
        title=title,
        section=section,
        comment_policy="pre",
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


@pytest.fixture
def story(section):
    return held_story(section, "Delegasi Filipina tiba di Jakarta")


@pytest.fixture
def reader():
    return Client(REMOTE_ADDR="198.51.100.7")


def comment_on(client, article, text, email="sari@example.org") -> Comment:
    response = browse(
        client,
        client.post(
            f"/articles/{article.pk}/comments/",
            {
                "author_name": "Sari",
                "author_email": email,
                "text": text,
                "rendered_at": sign_rendered_at(
                    timezone.now() - dt.timedelta(seconds=20)
                ),
                "website": "",
            },
        ),
    )
    assert response.status_code == 303
    return Comment.objects.get(text=text)


def browse(client, response):
    """Drop the cookies the answer deletes, as a browser does (Django's test
    client keeps them, empty)."""
    for name, morsel in response.cookies.items():
        if str(morsel["max-age"]) == "0":
            client.cookies.pop(name, None)
    return response


def page(client, path="/"):
    response = browse(client, client.get(path))
    assert response.status_code == 200
    return response


def shared(client, path="/") -> bool:
    """Whether the reader now gets `path` from the page cache (the first
    request may store it; the second must be a hit)."""
    page(client, path)
    return page(client, path).get("X-Page-Cache") == "hit"


def has_session(client) -> bool:
    return bool(client.cookies.get("sessionid") and client.cookies["sessionid"].value)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_readers_pages_are_shared_again_once_their_comment_is_decided(
    reader, story, moderator, decision
):
    assert shared(reader)
    comment = comment_on(reader, story, "Semoga kerja sama berlanjut.")
    assert comment.status == Comment.Status.PENDING
    assert has_session(reader)
    mine = page(reader, story.get_absolute_url()).content.decode()
    assert "Semoga kerja sama berlanjut." in mine  # shown to its writer
    assert "X-Page-Cache" not in page(reader, "/")  # fresh while it waits

    services.comment_moderate(comments=[comment], action=decision, moderator=moderator)

    ended = page(reader, "/")
    assert str(ended.cookies["sessionid"]["max-age"]) == "0"  # the browser drops it
    assert not has_session(reader)
    assert shared(reader)
    on_story = page(reader, story.get_absolute_url()).content.decode()
    assert ("Semoga kerja sama berlanjut." in on_story) is (decision == "approve")
    assert shared(reader, story.get_absolute_url())


def test_the_session_lasts_while_any_of_the_readers_comments_waits(
    reader, section, moderator
):
    first = held_story(section, "BNPT dan NICA bertemu di Jakarta")
    second = held_story(section, "PPATK dan AMLC bertukar data")
    one = comment_on(reader, first, "Komentar pertama.")
    two = comment_on(reader, second, "Komentar kedua.", "sari@example.net")

    services.comment_moderate(comments=[one], action="approve", moderator=moderator)
    assert "X-Page-Cache" not in page(reader, "/")
    assert has_session(reader)
    assert reader.session[PENDING_SESSION_KEY] == {str(second.pk): [two.pk]}
    waiting = page(reader, second.get_absolute_url()).content.decode()
    assert "Komentar kedua." in waiting

    services.comment_moderate(comments=[two], action="approve", moderator=moderator)
    page(reader, first.get_absolute_url())  # any page ends it
    assert not has_session(reader)
    assert shared(reader)


def test_a_reader_who_opens_the_story_first_sees_the_decision_and_loses_the_session(
    reader, story, moderator
):
    comment = comment_on(reader, story, "Langsung ke berita.")
    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)
    html = page(reader, story.get_absolute_url()).content.decode()
    assert "Langsung ke berita." in html
    assert not has_session(reader)


def test_a_session_holding_anything_else_is_kept(reader, story, moderator):
    comment = comment_on(reader, story, "Dengan data lain.")
    session = reader.session
    session["something.else"] = "kept"
    session.save()
    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)
    page(reader, "/")
    assert has_session(reader)
    assert dict(reader.session) == {"something.else": "kept"}


def test_staff_sessions_are_never_ended(client, story, moderator, editor):
    client.force_login(editor)
    comment = CommentFactory(article=story, status=Comment.Status.APPROVED)
    session = client.session
    session[PENDING_SESSION_KEY] = {str(story.pk): [comment.pk]}
    session.save()
    page(client, "/")
    assert has_session(client)
    assert client.get("/admin/").status_code == 200  # still logged in


def test_no_session_is_read_for_a_reader_without_one(
    reader, story, django_assert_num_queries
):
    page(reader, story.get_absolute_url())  # stored
    with django_assert_num_queries(0):
        assert page(reader, story.get_absolute_url())["X-Page-Cache"] == "hit"


# Reports


def report(client, comment, reason="spam"):
    response = client.post(
        f"/comments/{comment.pk}/flag/", {"reason": reason, "text": ""}
    )
    assert response.status_code == 303
    told = page(client, response["Location"])  # where the reader is told
    response.told = told.content.decode()
    return response


@pytest.fixture
def approved(story):
    return CommentFactory(article=story, status=Comment.Status.APPROVED)


def test_reporting_a_comment_leaves_the_readers_pages_shared(reader, story, approved):
    response = report(reader, approved)
    assert "sessionid" not in response.cookies
    kept = response.cookies[READER_COOKIE]
    assert kept["httponly"] and kept["samesite"] == "Lax"
    assert int(kept["max-age"]) == 90 * 24 * 3600
    assert shared(reader)
    assert shared(reader, story.get_absolute_url())

    again = report(reader, approved, reason="abusive")  # the same reader
    assert CommentFlag.objects.filter(comment=approved).count() == 1
    assert "Anda sudah melaporkan komentar ini." in again.told


def test_a_reader_cannot_choose_their_report_key(reader, story, approved):
    reader.cookies[READER_COOKIE] = "someone-else"
    report(reader, approved)
    assert CommentFlag.objects.get().reader_key != "reader:someone-else"
    reader.cookies[READER_COOKIE] = signing.get_cookie_signer(salt="another.salt").sign(
        "someone-else"
    )
    report(reader, approved)
    keys = set(CommentFlag.objects.values_list("reader_key", flat=True))
    assert "reader:someone-else" not in keys


def test_a_key_kept_in_the_session_before_moves_to_the_cookie(reader, story, approved):
    earlier = CommentFactory(article=story, status=Comment.Status.APPROVED)
    session = reader.session
    session[LEGACY_READER_SESSION_KEY] = "kept-before"
    session.save()
    CommentFlag.objects.create(
        comment=earlier,
        reason="spam",
        reader_key="reader:kept-before",
        ip_network="198.51.100.0/24",
        source="net:198.51.100.0/24",
        created_at=timezone.now(),
    )

    report(reader, approved)
    assert CommentFlag.objects.get(comment=approved).reader_key == "reader:kept-before"
    assert not has_session(reader)  # it held nothing else
    report(reader, earlier)  # the same reader, known by the cookie now
    assert CommentFlag.objects.filter(comment=earlier).count() == 1
    assert shared(reader)
