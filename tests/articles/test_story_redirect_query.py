"""A story's address that moves for good (the other edition's prefix, a
wrong year or month, an old slug) keeps its query: a shared Reply or Report
link (?reply=, ?report=) still opens its form. Tracking parameters (utm_*,
fbclid…) are dropped, as from every public address (the page cache's rule)."""

import datetime as dt

import pytest

from articles.services import article_save
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DECEMBER = dt.datetime(2025, 12, 1, 3, tzinfo=dt.UTC)


@pytest.fixture
def indonesian(db):
    return ArticleFactory(slug="bnpt-buka-jwg", language="id", published_at=DECEMBER)


@pytest.fixture
def english(db):
    return ArticleFactory(
        slug="bnpt-opens-jwg",
        language="en",
        published_at=dt.datetime(2022, 3, 24, 3, tzinfo=dt.UTC),
    )


def moved(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 301, address
    return response["Location"]


def test_the_other_editions_prefix_keeps_the_query(client, indonesian):
    assert indonesian.get_absolute_url() == "/articles/2025/12/bnpt-buka-jwg/"
    location = moved(client, "/en/articles/2025/12/bnpt-buka-jwg/?report=2")
    assert location == "/articles/2025/12/bnpt-buka-jwg/?report=2"


def test_a_wrong_year_and_month_keep_the_query(client, indonesian):
    location = moved(client, "/articles/2021/01/bnpt-buka-jwg/?report=2")
    assert location == "/articles/2025/12/bnpt-buka-jwg/?report=2"


def test_an_english_storys_unprefixed_address_keeps_the_query(client, english):
    location = moved(client, "/articles/2022/03/bnpt-opens-jwg/?reply=5&x=1")
    assert location == "/en/articles/2022/03/bnpt-opens-jwg/?reply=5&x=1"


def test_an_old_slug_keeps_the_query(client, english, editor):
    english.slug = "bnpt-opens-fourth-jwg"
    article_save(article=english, user=editor)
    location = moved(client, "/en/articles/2022/03/bnpt-opens-jwg/?comments=2")
    assert location == "/en/articles/2022/03/bnpt-opens-fourth-jwg/?comments=2"


def test_tracking_parameters_are_dropped_on_the_way(client, indonesian):
    location = moved(
        client,
        "/en/articles/2025/12/bnpt-buka-jwg/?utm_source=wa&report=2&fbclid=abc",
    )
    assert location == "/articles/2025/12/bnpt-buka-jwg/?report=2"


def test_a_shared_report_link_opens_its_form_after_the_move(client, indonesian):
    comment = CommentFactory(article=indonesian)
    address = f"/en/articles/2025/12/bnpt-buka-jwg/?report={comment.pk}"
    response = client.get(address, follow=True)
    assert response.redirect_chain[0][1] == 301
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="report-{comment.pk}"' in page  # its report form, open


def test_a_story_without_a_query_moves_without_one(client, english):
    assert moved(client, "/articles/2022/03/bnpt-opens-jwg/") == (
        "/en/articles/2022/03/bnpt-opens-jwg/"
    )
