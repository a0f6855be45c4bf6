"""Deep pages of the edition's list and the home's concluded meeting, read
with bounded walks (issue 16): the same stories, counts and meeting as the
plain queries give."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
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
    client, settings, monkeypatch
):
    monkeypatch.setattr(pagination, "PUBLIC_COUNT_CAP", 5)
    settings.NEWSROOM_PAGE_CACHE = False
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    for i in range(11):
        ArticleFactory(language="id", published_at=now - dt.timedelta(hours=i + 1))
    ArticleFactory(language="en", published_at=now - dt.timedelta(minutes=5))
    plain = Paginator(Article.objects.in_language("id").latest_first(), 2)
    for number in range(2, 7):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/", {"page": number}).context["page_obj"]
        assert [a.pk for a in page] == [a.pk for a in plain.page(number)]
        reach = min(11, (number + 1) * 2)  # counted as far as the next page
        assert page.paginator.count == reach
        assert page.paginator.capped == (reach < 11)
        assert page.has_next() == (number < 6)
        assert len(queries) <= 2  # the page with its count; the navigation


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
