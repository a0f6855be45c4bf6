"""Lists whose cost stays flat as the archive grows (issue 16): counted only
as far as needed, deep pages read by their ids, search ranked among its
newest matches, the admin's long lists counted to a bound."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Comment
from articles.pagination import CappedPaginator, page_number, paginate
from articles.search import query as search_query
from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def make_articles(n, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(published_at=now - dt.timedelta(hours=i + 1), **kwargs)
        for i in range(n)
    ]


def test_a_capped_paginator_counts_no_further_than_its_cap(db):
    make_articles(7)
    rows = Article.objects.published().latest_first()
    paginator = CappedPaginator(rows, 2)
    paginator.cap = 5
    assert paginator.count == 5
    assert paginator.capped
    assert paginator.num_pages == 3
    exact = CappedPaginator(rows, 2)
    assert exact.count == 7 and not exact.capped


def test_pages_read_by_ids_are_the_plain_pages(db):
    make_articles(9)
    rows = Article.objects.published().latest_first()
    capped, plain = CappedPaginator(rows, 2), Paginator(rows, 2)
    for number in range(1, 6):
        assert list(capped.page(number)) == list(plain.page(number))


def test_a_far_page_is_counted_as_far_as_it_needs(db, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    make_articles(12)
    rows = Article.objects.published().latest_first()
    paginator = CappedPaginator(rows, 2, reach="5")
    assert paginator.count == 12  # page 5 and the next: 12 rows counted
    assert [a.pk for a in paginator.page(5)] == [a.pk for a in rows[8:10]]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("abc", 1),
        ("", 1),
        (None, 1),
        ("0", 1),
        ("-4", 1),
        ("3", 3),
        ("9" * 40, 100_000),
    ],
)
def test_page_numbers_from_odd_input(value, expected):
    assert page_number(value) == expected


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "", "1e3", "2.5"])
def test_odd_pages_give_a_valid_page(db, page):
    make_articles(3)
    request = RequestFactory().get("/", {"page": page})
    found = paginate(request, Article.objects.published().latest_first(), per_page=2)
    assert found.number in (1, 2)
    assert len(found.object_list) in (1, 2)


# Search


@pytest.fixture
def many_matches(monkeypatch):
    """15 stories with 'delegasi'; a search ranks the newest 6 and counts to 5."""
    monkeypatch.setattr(search_query, "SEARCH_CANDIDATES", 6)
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    articles = make_articles(
        15, language="id", body="Pertemuan bersama delegasi kedua negara."
    )
    # The oldest says it in its title: it would rank first among all.
    Article.objects.filter(pk=articles[-1].pk).update(title="Delegasi tiba")
    # And one among the newest six.
    Article.objects.filter(pk=articles[3].pk).update(title="Delegasi bertemu")
    update_search_vectors([a.pk for a in articles])
    return articles


def search_page(client, **params):
    response = client.get("/search/", {"q": "delegasi", **params})
    assert response.status_code == 200
    return response


def test_a_search_with_many_matches_ranks_its_newest_and_says_more(
    client, many_matches
):
    response = search_page(client)
    page = response.context["page_obj"]
    assert "More than 5 articles" in response.content.decode() or (
        "Lebih dari 5 artikel" in response.content.decode()
    )
    shown = [a.pk for a in page.object_list]
    assert shown[0] == many_matches[3].pk  # the title match among the newest
    assert many_matches[-1].pk not in shown  # older than the candidates
    assert page.paginator.capped


@pytest.mark.parametrize("page", ["2", "999999", "abc", "-1"])
def test_a_searchs_later_and_odd_pages_answer(client, many_matches, page):
    response = search_page(client, page=page)
    assert response.context["page_obj"].object_list


@pytest.mark.parametrize("page", ["0", "-1"])
def test_a_search_asked_for_a_page_below_one_shows_its_first_page(
    client, many_matches, settings, page
):
    # It showed the last page, as Django's Paginator.get_page() does.
    settings.ARTICLES_PER_PAGE = 2
    assert search_page(client, page=page).context["page_obj"].number == 1


def test_a_search_costs_the_same_queries_for_few_or_many_matches(client, db):
    counts = []
    # At least FEW (6) in the edition: no other edition's block either time.
    for added in (7, 20):
        make_articles(added, language="id", body="Delegasi dari kedua negara.")
        update_search_vectors(Article.objects.values("pk"))
        search_page(client)  # the filters' lists and navigation, as cached
        with CaptureQueriesContext(connection) as captured:
            search_page(client)
        counts.append(len(captured))
    assert counts[0] == counts[1]


# The admin's long lists


def test_the_admin_article_list_counts_to_a_bound(admin_client, db, monkeypatch):
    from articles.pagination import AdminCappedPaginator

    monkeypatch.setattr(AdminCappedPaginator, "cap", 3)
    make_articles(5)
    response = admin_client.get("/admin/articles/article/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3


def test_the_admin_article_list_costs_the_same_for_few_or_many(admin_client, db):
    counts = []
    for added in (2, 25):
        make_articles(added)
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/admin/articles/article/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_admin_date_hierarchy_offers_the_years_between_first_and_last(
    admin_client, db
):
    ArticleFactory(published_at=timezone.now().replace(year=2019))
    ArticleFactory(published_at=timezone.now().replace(year=2021))
    content = admin_client.get("/admin/articles/article/").content.decode()
    for year in (2019, 2020, 2021):
        assert f"published_at__year={year}" in content


def test_the_moderation_queue_lists_the_oldest_waiting_articles(admin_client, db):
    article = ArticleFactory(title="Ditunggu moderator")
    Comment.objects.create(
        article=article, author_name="A", text="Menunggu", status="pending"
    )
    response = admin_client.get("/admin/articles/comment/")
    assert response.status_code == 200
    assert "Ditunggu moderator" in response.content.decode()
    assert len(response.context["cl"].result_list) == 1
