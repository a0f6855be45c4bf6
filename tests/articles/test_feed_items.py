"""Feed items read with their tags (for_feed()): each story's own, one query
for all the stories'."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_each_feed_item_lists_its_own_section_and_tags(client):
    section = SectionFactory(name="Nasional", slug="nasional")
    now = timezone.now()
    tagged = {
        "Tanpa tag": [],
        "Satu tag": ["Terorisme"],
        "Dua tag": ["Radikalisme", "Deradikalisasi"],
    }
    for hours, (title, tags) in enumerate(tagged.items(), start=1):
        ArticleFactory(
            title=title,
            section=section,
            tags=tags,
            published_at=now - dt.timedelta(hours=hours),
        )

    root = ET.fromstring(client.get("/feeds/rss/").content)

    categories = {
        item.findtext("title"): [c.text for c in item.findall("category")]
        for item in root.find("channel").findall("item")
    }
    assert categories == {
        "Tanpa tag": ["Nasional"],
        "Satu tag": ["Nasional", "Terorisme"],
        "Dua tag": ["Nasional", "Deradikalisasi", "Radikalisme"],
    }


def test_feed_stories_carry_their_tags_read_in_one_query_for_all(db):
    ArticleFactory(tags=["Terorisme", "Radikalisme"])
    ArticleFactory()
    ArticleFactory(tags=["Terorisme"])
    with CaptureQueriesContext(connection) as queries:
        stories = list(Article.objects.published().for_feed().latest_first())
        names = [sorted(tag.name for tag in story.feed_tags) for story in stories]
    assert names == [["Terorisme"], [], ["Radikalisme", "Terorisme"]]
    assert len(queries) == 2  # the stories, their tags


def test_the_top_stories_feed_lists_each_storys_tags(client):
    ArticleFactory(title="Satu tag", tags=["Terorisme"], is_featured=True)
    root = ET.fromstring(client.get("/feeds/top/rss/").content)
    [item] = root.find("channel").findall("item")
    assert [c.text for c in item.findall("category")][1:] == ["Terorisme"]
