"""The search page's heading and its "no match" line show the query as the
reader typed it, set apart by its look, not by quotes of the page's own:
a quoted phrase had been headed "Results for “"Joint Working Group"”",
its quotes doubled; and a phrase must still read as a phrase (it finds
what the words apart may not)."""

import pytest

from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

QUERY = '<span class="search-query">{}</span>'


@pytest.fixture(autouse=True)
def story(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    story = ArticleFactory(
        title="BNPT and NICA hold the Joint Working Group", language="en"
    )
    update_search_vectors([story.pk])  # PostgreSQL's index
    return story


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ('"Joint Working Group"', "&quot;Joint Working Group&quot;"),
        ("“Joint Working”", "“Joint Working”"),
        ("Joint Working", "Joint Working"),
        ('"Joint Working" BNPT', "&quot;Joint Working&quot; BNPT"),
        ("<b>NICA</b>", "&lt;b&gt;NICA&lt;/b&gt;"),
    ],
)
def test_the_heading_shows_the_query_as_typed_without_quotes_of_its_own(
    client, query, shown
):
    page = client.get("/search/", {"q": query}).content.decode()
    assert f"<h1>Results for {QUERY.format(shown)}</h1>" in page
    assert "“&quot;" not in page and "Results for “" not in page


def test_a_search_finding_nothing_says_so_with_the_query_as_typed(client):
    page = client.get("/search/", {"q": '"zamboanga"'}).content.decode()
    assert f"No articles match {QUERY.format('&quot;zamboanga&quot;')}." in page
