"""Fixtures shared by the articles tests (the project's own are in
tests/conftest.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.templatetags import comments_tags
from tests.articles.factories import ArticleFactory


@pytest.fixture
def no_remembered_threads():
    """No comment thread remembered from another test, nor left for one
    (comments_tags.comment_thread keeps them in the process)."""
    comments_tags._threads.clear()
    yield
    comments_tags._threads.clear()


@pytest.fixture
def story(section):
    """An English story, published an hour ago, whose comments are posted at
    once (no moderator first), with no meeting: the reader comment and report
    tests' story. A module's own `story` fixture takes its place there."""
    return ArticleFactory(
        section=section,
        language="en",
        meeting=None,
        comment_policy="post",
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


@pytest.fixture
def people(staff_in):
    """A reporter, two editors and a moderator, all with e-mail addresses
    (the notification and review-wait tests)."""
    found = {}
    for group, name in [
        ("Reporter", "wartawan"),
        ("Editor", "redaktur"),
        ("Editor", "redaktur2"),
        ("Moderator", "moderator"),
    ]:
        user = staff_in(group, name)
        user.email = f"{name}@newsroom.example"
        user.save(update_fields=["email"])
        found[name] = user
    return found


@pytest.fixture
def two_editors(client, desk_editor, staff_in):
    """Editor A and editor B, each logged in in their own browser."""
    client.force_login(desk_editor)
    other = client.__class__()
    other.force_login(staff_in("Editor", "editor-b"))
    return client, other
