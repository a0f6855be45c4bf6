"""Gaps in the pages' metadata: a desk's byline typed as a person, empty
lists in a story's JSON-LD, a canonical address on the not-found page, and a
story's address with a one-digit month answering 404."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def news_article(client, article) -> dict:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return next(
        data for data in map(json.loads, blocks) if data["@type"] == "NewsArticle"
    )


@pytest.mark.parametrize(
    "byline", ["Tim Redaksi", "Redaksi", "TIM REDAKSI", "Editorial Team", "Newsroom"]
)
def test_a_desks_byline_is_an_organization(client, section, byline):
    article = ArticleFactory(section=section, byline=byline)
    assert news_article(client, article)["author"] == [
        {"@type": "Organization", "name": byline}
    ]


@pytest.mark.parametrize("byline", ["Rina Wulandari", "Tim Cook", "Sari/ANTARA"])
def test_a_persons_byline_stays_a_person(client, section, byline):
    article = ArticleFactory(section=section, byline=byline)
    assert news_article(client, article)["author"] == [
        {"@type": "Person", "name": byline}
    ]


def test_a_story_naming_no_agency_person_or_tag_leaves_those_lists_out(client, section):
    story = news_article(client, ArticleFactory(section=section))
    assert not {"about", "mentions", "keywords"} & story.keys()


def test_a_story_naming_them_keeps_them(client, jwg4_article):
    story = news_article(client, jwg4_article)
    assert story["about"] and story["mentions"] and story["keywords"]


@pytest.mark.parametrize(
    "path", ["/nowhere/", "/en/nowhere/", "/articles/2022/03/no-such-story/"]
)
def test_the_not_found_page_claims_no_address(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'rel="canonical"' not in page
    assert 'property="og:url"' not in page


@pytest.mark.parametrize("path", ["/search/?q=BNPT", "/en/search/?q=BNPT", "/search/"])
def test_the_search_page_is_not_indexed_and_claims_no_address(client, db, path):
    """noindex beside a canonical address and hreflang alternates told
    search engines two opposite things."""
    page = client.get(path).content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page
    assert 'rel="canonical"' not in page
    assert 'property="og:url"' not in page
    assert '<link rel="alternate" hreflang' not in page


def test_a_one_digit_month_moves_to_the_storys_address(client, section):
    article = ArticleFactory(
        section=section,
        slug="bnpt-bertemu",
        language="id",
        published_at=dt.datetime(2022, 3, 24, 19, 0, tzinfo=JAKARTA),
    )
    response = client.get("/articles/2022/3/bnpt-bertemu/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert article.get_absolute_url() == "/articles/2022/03/bnpt-bertemu/"
    assert client.get("/en/articles/2022/3/bnpt-bertemu/")["Location"] == (
        "/articles/2022/03/bnpt-bertemu/"
    )


def test_a_one_digit_month_of_no_story_is_not_found(client, db):
    assert client.get("/articles/2022/3/no-such-story/").status_code == 404
    assert client.get("/articles/2022/13/no-such-story/").status_code == 404
