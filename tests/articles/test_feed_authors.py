"""A feed names each story's author by the rule its page's JSON-LD follows
(Article.credited_name): the byline; an empty byline credits the writer's
public author profile; else the newsroom. An Atom feed names the newsroom as
its own author, so one story without a byline no longer makes it invalid
(RFC 4287 §4.1.1)."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import AuthorProfile
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(autouse=True)
def named(settings):
    settings.NEWSROOM_NAME = "Warta Antarlembaga"
    settings.NEWSROOM_PAGE_CACHE = False


@pytest.fixture
def sari(reporter):
    AuthorProfile.objects.create(
        user=reporter, name="Sari Wulandari", slug="sari-wulandari"
    )
    return reporter


def feed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def rss_creators(client, path="/feeds/rss/") -> dict[str, str | None]:
    return {
        item.findtext("title"): item.findtext(f"{DC}creator")
        for item in feed(client, path).find("channel").findall("item")
    }


def atom_authors(client, path="/feeds/atom/") -> dict[str, str | None]:
    return {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}author/{ATOM}name")
        for entry in feed(client, path).findall(f"{ATOM}entry")
    }


def test_a_story_without_a_byline_is_credited_to_its_writer_as_on_its_page(
    client, sari
):
    ArticleFactory(title="Tanpa byline", byline="", created_by=sari)
    ArticleFactory(title="Tim", byline="Tim Redaksi", created_by=sari)
    expected = {"Tanpa byline": "Sari Wulandari", "Tim": "Tim Redaksi"}
    assert rss_creators(client) == expected
    assert atom_authors(client) == expected
    assert rss_creators(client, "/feeds/top/rss/") == expected


def test_a_story_credited_to_no_one_is_the_newsrooms(client, reporter, sari):
    hidden = AuthorProfile.objects.get(user=sari)
    hidden.is_public = False
    hidden.save()
    ArticleFactory(title="Tanpa penulis", byline="", created_by=None)
    ArticleFactory(title="Profil tertutup", byline="", created_by=sari)
    expected = {
        "Tanpa penulis": "Warta Antarlembaga",
        "Profil tertutup": "Warta Antarlembaga",
    }
    assert rss_creators(client) == expected
    assert atom_authors(client) == expected


@pytest.mark.parametrize(
    "path", ["/feeds/atom/", "/en/feeds/atom/", "/tags/rapat/feed/atom/"]
)
def test_every_atom_feed_names_the_newsroom_as_its_author(client, path):
    ArticleFactory(byline="", tags=["rapat"])
    root = feed(client, path)
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Warta Antarlembaga"


def test_crediting_writers_costs_no_query_per_story(client, sari):
    """The items with their writers' profiles, and their tags (no pictures:
    no renditions)."""
    for n in range(5):
        ArticleFactory(title=f"Berita {n}", byline="", created_by=sari)
    with CaptureQueriesContext(connection) as captured:
        authors = atom_authors(client)
    assert set(authors.values()) == {"Sari Wulandari"}
    assert len(captured) == 2
