"""A tag's list counts what it lists: the edition's published stories with
the tag, counted up to the lists' bound (articles.pagination.count_cap), which
articles 0021's indexes let PostgreSQL count from two index walks."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import pagination
from articles.models import Article
from articles.pagination import CappedPaginator, count_cap
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def tagged_stories(n: int, tag: str = "Terorisme") -> list[Article]:
    now = timezone.now()
    return [
        ArticleFactory(tags=[tag], published_at=now - dt.timedelta(hours=i + 1))
        for i in range(n)
    ]


def test_a_tag_list_counts_only_the_editions_published_stories_with_the_tag(
    client, settings
):
    settings.ARTICLES_PER_PAGE = 2
    stories = tagged_stories(5)
    ArticleFactory(tags=["Terorisme"], draft=True)
    ArticleFactory(
        tags=["Terorisme"], published_at=timezone.now() + dt.timedelta(hours=2)
    )
    ArticleFactory(tags=["Terorisme"], language=Article.Language.ENGLISH)
    ArticleFactory(tags=["Ekonomi"])
    ArticleFactory()

    response = client.get("/tags/terorisme/")

    page = response.context["page_obj"]
    assert page.paginator.count == 5 and not page.paginator.capped
    assert page.paginator.num_pages == 3
    assert list(page.object_list) == stories[:2]
    assert "Halaman 1 dari 3" in response.content.decode()  # "Page 1 of 3"


def test_a_tag_list_longer_than_the_bound_says_no_total(client, settings, monkeypatch):
    monkeypatch.setattr(pagination, "PUBLIC_COUNT_CAP", 3)
    settings.ARTICLES_PER_PAGE = 1
    stories = tagged_stories(5)

    first = client.get("/tags/terorisme/").context["page_obj"]
    assert first.paginator.capped and first.has_next()
    assert list(first.object_list) == stories[:1]
    last = client.get("/tags/terorisme/", {"page": 5}).context["page_obj"]
    assert not last.paginator.capped and not last.has_next()
    assert list(last.object_list) == stories[4:]


def test_the_edition_lists_and_the_capped_paginator_count_as_far(monkeypatch):
    """One rule for how far a list is counted: the bound, or the page asked
    and the next."""
    monkeypatch.setattr(pagination, "PUBLIC_COUNT_CAP", 10)
    assert count_cap(1, 4) == 10
    assert count_cap(3, 4) == 16
    assert count_cap(1, 4, cap=2) == 8
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    rows = Article.objects.published().latest_first()
    assert CappedPaginator(rows, 4, reach="1").cap == 10
    assert CappedPaginator(rows, 4, reach="3").cap == 16
