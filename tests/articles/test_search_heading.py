"""The search page's heading puts the query between its own quotes: a query
that is one quoted phrase is shown without its quotes, as typed or as a
keyboard makes them ("Results for “"Joint Working Group"”" doubled them);
anything else is shown whole."""

import pytest

from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def story(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    story = ArticleFactory(
        title="BNPT and NICA hold the Joint Working Group", language="en"
    )
    update_search_vectors([story.pk])  # PostgreSQL's index
    return story


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ('"Joint Working Group"', "Results for “Joint Working Group”"),
        ("“Joint Working”", "Results for “Joint Working”"),
        ("'Joint Working'", "Results for “Joint Working”"),
        ("Joint Working", "Results for “Joint Working”"),
        # Not one phrase: shown as typed.
        ('"Joint Working" BNPT', "Results for “&quot;Joint Working&quot; BNPT”"),
        ('"Joint" "Working"', "Results for “&quot;Joint&quot; &quot;Working&quot;”"),
        ('"zamboanga"', "Results for “zamboanga”"),  # and nothing found
    ],
)
def test_the_heading_quotes_the_query_once(client, query, heading):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    if "zamboanga" in query:
        assert "No articles match “zamboanga”." in page
