"""A tag is a page once a published story carries it: in the edition of that
story it is listed in the tag sitemap and indexed; in the other edition it
shows that edition's filler ("Latest in Indonesian") but is kept out of
search engines; a tag only scheduled or draft stories carry, or none, is no
page at all (its name would tell of an embargoed story)."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from newsroom import sitemaps
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NOINDEX = '<meta name="robots" content="noindex, follow">'


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.NEWSROOM_PAGE_CACHE = False


@pytest.fixture
def tags(db):
    """A tag in the Indonesian edition only, one in both, one in English
    only, one on a scheduled story, one on a draft, one on no story."""
    ArticleFactory(title="Rapat koordinasi", tags=["Rapat koordinasi"])
    original = ArticleFactory(title="Pertemuan bilateral", tags=["Bilateral"])
    ArticleFactory(
        title="Bilateral meeting",
        language=Article.Language.ENGLISH,
        translation_of=original,
        tags=["Bilateral"],
    )
    ArticleFactory(
        title="Working group",
        language=Article.Language.ENGLISH,
        tags=["Working group"],
    )
    ArticleFactory(
        title="Berita embargo",
        tags=["Embargo", "Bilateral"],
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    ArticleFactory(title="Draf", tags=["Draf"], draft=True)
    Tag.objects.create(name="Baru", slug="baru")


def sitemap_urls(client, path="/sitemap-tags.xml") -> dict[str, list[str]]:
    """{path listed: the paths of its hreflang alternates}."""
    response = client.get(path)
    assert response.status_code == 200
    listed = {}
    for url in ET.fromstring(response.content).findall(f"{SM}url"):
        alternates = [
            f"{link.get('hreflang')} {urlsplit(link.get('href')).path}"
            for link in url.findall(f"{XHTML}link")
        ]
        listed[urlsplit(url.findtext(f"{SM}loc")).path] = alternates
    return listed


def test_the_tag_sitemap_lists_a_tag_only_in_the_editions_of_its_stories(client, tags):
    assert sitemap_urls(client) == {
        "/tags/bilateral/": [
            "id /tags/bilateral/",
            "en /en/tags/bilateral/",
            "x-default /tags/bilateral/",
        ],
        "/en/tags/bilateral/": [
            "id /tags/bilateral/",
            "en /en/tags/bilateral/",
            "x-default /tags/bilateral/",
        ],
        "/tags/rapat-koordinasi/": ["id /tags/rapat-koordinasi/"],
        "/en/tags/working-group/": ["en /en/tags/working-group/"],
    }


def test_the_tag_sitemaps_pages_hold_each_listed_edition_once(
    client, tags, monkeypatch
):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 2)  # a tag a page
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [
        urlsplit(loc.text)
        for loc in index.iter(f"{SM}loc")
        if loc.text and "sitemap-tags" in loc.text
    ]
    listed = []
    for page in pages:
        urls = sitemap_urls(client, f"{page.path}?{page.query}")
        assert len(urls) <= 2
        listed += urls
    assert sorted(listed) == [
        "/en/tags/bilateral/",
        "/en/tags/working-group/",
        "/tags/bilateral/",
        "/tags/rapat-koordinasi/",
    ]


def test_the_tag_sitemap_costs_the_same_queries_for_few_or_many_tags(client, db):
    counts = []
    for added in (2, 18):
        for n in range(added):
            ArticleFactory(tags=[f"tag {added}-{n}"])
            ArticleFactory(tags=[f"tag {added}-{n}"], language="en")
        with CaptureQueriesContext(connection) as captured:
            assert len(sitemap_urls(client)) == 2 * (2 + 18 * len(counts))
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 2


@pytest.mark.parametrize(
    "path",
    [
        "/tags/embargo/",
        "/en/tags/embargo/",
        "/tags/draf/",
        "/tags/baru/",
        "/tags/embargo/feed/rss/",
        "/en/tags/embargo/feed/atom/",
        "/tags/baru/feed/rss/",
    ],
)
def test_a_tag_no_published_story_carries_is_not_found(client, tags, path):
    assert client.get(path).status_code == 404


def test_a_tag_with_stories_only_in_the_other_edition_is_not_indexed(client, tags):
    response = client.get("/en/tags/rapat-koordinasi/")
    assert response.status_code == 200
    page = response.content.decode()
    assert NOINDEX in page
    # The filler stays: the Indonesian story under "Latest in Indonesian".
    assert "Latest in Indonesian" in page and "Rapat koordinasi" in page
    response = client.get("/tags/working-group/")
    assert response.status_code == 200
    assert NOINDEX in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/tags/rapat-koordinasi/", "/tags/bilateral/", "/en/tags/bilateral/"],
)
def test_a_tag_with_stories_in_its_edition_is_indexed(client, tags, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "noindex" not in response.content.decode()


def test_the_scheduled_storys_tag_appears_once_it_is_published(client, tags):
    assert client.get("/tags/embargo/").status_code == 404
    Article.objects.filter(title="Berita embargo").update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.get("/tags/embargo/")
    assert response.status_code == 200
    assert "Berita embargo" in response.content.decode()
    assert "/tags/embargo/" in sitemap_urls(client)
