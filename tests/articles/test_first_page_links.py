"""A list's links to its first page have no `?page=1`: the first page's
address is the list's own (its canonical), and "?page=1" was the same page
at a second address. The other query parameters stay."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_a_page(settings):
    settings.ARTICLES_PER_PAGE = 2
    settings.NEWSROOM_PAGE_CACHE = False


def stories(n: int, title: str, **kwargs):
    now = timezone.now()
    return [
        ArticleFactory(
            title=f"{title} {i}", published_at=now - dt.timedelta(hours=i + 1), **kwargs
        )
        for i in range(n)
    ]


def links(client, address: str) -> dict[str, str]:
    """The page's pagination links: {their text: their href}."""
    response = client.get(address)
    assert response.status_code == 200
    nav = re.search(
        r'<nav class="pagination".*?</nav>', response.content.decode(), re.S
    ).group()
    return {
        re.sub(r"<[^>]+>", "", text).strip(): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', nav)
    }


def test_page_two_of_the_front_page_links_back_to_the_front_page(client):
    stories(20, "Berita", section=SectionFactory())
    assert links(client, "/?page=2")["‹ Lebih baru"] == "/"
    on_page_three = links(client, "/?page=3")
    assert on_page_three["‹ Lebih baru"] == "?page=2"
    assert on_page_three["« Terbaru"] == "/"


def test_a_section_pages_first_page_link_keeps_the_other_parameters(client):
    section = SectionFactory(slug="nasional")
    stories(7, "Berita", section=section)
    stories(3, "News", section=section, language="en")
    on_page_three = links(client, "/sections/nasional/?ref=newsletter&page=3")
    assert on_page_three["« Terbaru"] == "?ref=newsletter"
    assert on_page_three["‹ Lebih baru"] == "?ref=newsletter&page=2"
    assert links(client, "/en/sections/nasional/?page=2")["‹ Newer"] == (
        "/en/sections/nasional/"
    )


def test_page_two_of_a_search_links_back_without_a_page(client):
    made = stories(5, "Pertemuan bilateral")
    update_search_vectors([story.pk for story in made])  # PostgreSQL's index
    on_page_two = links(client, "/search/?q=bilateral&page=2")
    assert on_page_two["‹ Sebelumnya"] == "?q=bilateral"
    assert on_page_two["Berikutnya ›"] == "?q=bilateral&page=3"
