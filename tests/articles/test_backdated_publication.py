"""A story published with an earlier (backdated) publication time: "Updated"
means changed after it went public, not published later than its time says."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
ATOM = "{http://www.w3.org/2005/Atom}"
EVENT_TIME = dt.datetime(2022, 3, 24, 14, 0, tzinfo=JAKARTA)


def publish_backdated(client, editor, draft):
    """The editor sets the wire copy's event time and presses "Save and
    publish" on the change form."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        {
            "title": draft.title,
            "slug": draft.slug,
            "dek": "",
            "body": draft.body,
            "language": draft.language,
            "dateline": "Jakarta",
            "byline": "",
            "editor_name": "",
            "source_name": "",
            "source_url": "",
            "section": draft.section_id,
            "tags": "terorisme",
            "featured_image": "",
            "published_at_0": "2022-03-24",
            "published_at_1": "14:00:00",
            "comments_enabled": "on",
            "workflow_note": "",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
            "transitions-TOTAL_FORMS": "0",
            "transitions-INITIAL_FORMS": "0",
            "expected_version": draft.version,
            "_transition": "publish",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(pk=draft.pk)
    assert article.is_public
    assert article.published_at == EVENT_TIME
    return article


def dates_said(client, article):
    """What the page says: whether it shows an updated time, and the
    JSON-LD datePublished and dateModified."""
    html = client.get(article.get_absolute_url()).content.decode()
    data = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]
    [story] = [
        item
        for block in data
        for item in block.get("@graph", [block])
        if item.get("@type") == "NewsArticle"
    ]
    shows_updated = "Diperbarui" in html or "Updated" in html
    return shows_updated, story["datePublished"], story["dateModified"]


@pytest.fixture
def draft(section, reporter):
    return ArticleFactory(draft=True, section=section, created_by=reporter)


def test_a_backdated_story_just_published_is_not_shown_as_updated(
    client, desk_editor, draft
):
    article = publish_backdated(client, desk_editor, draft)

    shows_updated, published, modified = dates_said(client, article)
    assert not shows_updated
    assert modified == published == "2022-03-24T14:00:00+07:00"
    assert not article.was_updated
    assert article.last_modified == EVENT_TIME
    # The feed entry's <updated> says the same.
    atom = ET.fromstring(client.get("/feeds/atom/").content)
    [entry] = atom.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}updated").text == entry.find(f"{ATOM}published").text


def test_a_backdated_story_edited_after_it_went_public_is_shown_as_updated(
    client, desk_editor, draft
):
    article = publish_backdated(client, desk_editor, draft)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        article.title = "Delegasi Filipina tiba di Jakarta, disambut menteri"
        services.article_save(
            article=article, user=desk_editor, expected_version=article.version
        )
        shows_updated, published, modified = dates_said(client, article)
    assert shows_updated
    assert published == "2022-03-24T14:00:00+07:00"
    assert modified > "2026"
    assert dt.datetime.fromisoformat(modified) > dt.datetime.fromisoformat(published)


def test_a_backdated_story_corrected_after_it_went_public_is_shown_as_updated(
    client, desk_editor, draft
):
    article = publish_backdated(client, desk_editor, draft)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        services.correction_add(
            article=article, user=desk_editor, kind="correction", text="Nama."
        )
        shows_updated, published, modified = dates_said(client, article)
    assert shows_updated
    assert dt.datetime.fromisoformat(modified) > dt.datetime.fromisoformat(published)


def test_the_database_says_the_same_last_change_as_the_page(client, desk_editor, draft):
    article = publish_backdated(client, desk_editor, draft)
    [found] = Article.objects.filter(pk=article.pk).with_last_modified()
    assert found.last_modified_at == found.last_modified == EVENT_TIME
