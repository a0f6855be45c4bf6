"""A search whose address holds bytes that are not UTF-8 ("?q=abc%ff") is
refused with the site's 400 page, as a form sent with such bytes is (README,
Bad requests): Django read each byte as U+FFFD, and the page searched for
"abc�" and showed it back in its title and heading."""

import pytest

from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def story(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    story = ArticleFactory(title="São Tomé and Indonesia meet", language="en")
    update_search_vectors([story.pk])  # PostgreSQL's index
    return story


@pytest.mark.parametrize(
    "query",
    [
        "q=abc%ff",
        "q=S%E3o+Tom%E9",  # Latin-1, not UTF-8
        "q=abc&section=%ff%fe",  # a filter's value counts too
        "q=%C3",  # a letter cut in half
    ],
)
def test_a_search_that_is_not_utf8_gets_the_400_page(client, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Bad request</title>" in page
    assert "We could not read this search" in page
    assert '<a href="/search/">Search again</a>' in page
    assert "\ufffd" not in page


def test_a_search_in_utf8_is_answered(client):
    response = client.get("/search/?q=S%C3%A3o+Tom%C3%A9")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'Results for <span class="search-query">São Tomé</span>' in page
    assert "São Tomé and Indonesia meet" in page
