"""Deep pages of the edition's list and the home's concluded meeting, read
with bounded walks (issue 16): the same stories, counts and meeting as the
plain queries give."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import pagination
from articles.frontpage import agenda
from articles.models import Article
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_every_page_of_the_home_list_holds_the_plain_lists_stories(
    client, settings, monkeypatch, section
):
    """Page 2 and on continue the first page's list of earlier news: the
    edition's stories newest first, less those the front shows above it,
    each once; a later page costs the same few queries."""
    monkeypatch.setattr(pagination, "PUBLIC_COUNT_CAP", 5)
    settings.NEWSROOM_PAGE_CACHE = False
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    for i in range(21):
        ArticleFactory(
            section=section, language="id", published_at=now - dt.timedelta(hours=i + 1)
        )
    ArticleFactory(language="en", published_at=now - dt.timedelta(minutes=5))
    first = client.get("/").context
    shown = {a.pk for a in first["front"].shown}
    listed = [a.pk for a in first["stories"]]
    plain = [
        a.pk
        for a in Article.objects.in_language("id").latest_first()
        if a.pk not in shown
    ]
    number = 2
    while True:
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/", {"page": number}).context["page_obj"]
        assert page.number == number
        assert len(queries) <= 4  # the front, the agenda, the page, pictures
        listed += [a.pk for a in page]
        if not page.has_next():
            break
        number += 1
    assert number > 3
    assert listed == plain


def test_the_concluded_meeting_is_none_before_any_meeting_ends(db):
    now = timezone.now()
    MeetingFactory(start=now + dt.timedelta(days=1))
    upcoming, concluded = agenda("id", now)
    assert len(upcoming) == 1 and concluded is None


def test_the_latest_meeting_to_end_is_concluded_when_none_is_covered(db):
    now = timezone.now()
    MeetingFactory(start=now - dt.timedelta(days=9), end=now - dt.timedelta(days=1))
    latest = MeetingFactory(start=now - dt.timedelta(hours=12), end=None)
    MeetingFactory(start=now - dt.timedelta(hours=2), end=now + dt.timedelta(hours=1))
    assert agenda("id", now)[1] == latest
