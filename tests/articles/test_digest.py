"""Newsletter-ready: the day's top stories as an RSS feed per edition, and
the daily digest e-mail printed by `manage.py digest`."""

import datetime as dt
import re
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import DailyReads, HomePin
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITE = "https://newsroom.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def story(title, *, hours_ago=1, language="id", **kwargs):
    return ArticleFactory(
        title=title,
        language=language,
        published_at=timezone.now() - dt.timedelta(hours=hours_ago),
        **kwargs,
    )


@pytest.fixture
def day(section):
    """Each edition: 6 stories of the last 24 hours, 2 older; an old story
    pinned as the Indonesian lead, another much read."""
    stories = {
        lang: [
            story(
                f"{lang} story {n}", hours_ago=n * 3 + 1, language=lang, section=section
            )
            for n in range(8)
        ]
        for lang in ("id", "en")
    }
    old = story("Pinned yesterday's story", hours_ago=40, section=section)
    HomePin.objects.create(article=old, slot=HomePin.Slot.LEAD)
    DailyReads.objects.create(
        article=stories["id"][5], day=timezone.localdate(), count=500
    )
    return stories


def feed_items(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return channel, [
        (item.findtext("title"), item.findtext("link")) for item in channel.iter("item")
    ]


def test_the_top_stories_feed_gives_the_days_top_of_the_indonesian_edition(client, day):
    channel, items = feed_items(client, "/feeds/top/rss/")
    assert channel.findtext("language") == "id"
    titles = [title for title, _link in items]
    # The lead (pinned, of yesterday: left out), the second tier (the latest
    # 4) and the most read, published in the last 24 hours.
    assert titles == [
        "id story 0",
        "id story 1",
        "id story 2",
        "id story 3",
        "id story 5",
    ]
    assert "Pinned yesterday's story" not in titles
    assert not any(t.startswith("en ") for t in titles)
    assert all(link.startswith("http") for _t, link in items)


def test_the_english_edition_has_its_own_top_stories_feed(client, day):
    channel, items = feed_items(client, "/en/feeds/top/rss/")
    assert channel.findtext("language") == "en"
    titles = [title for title, _link in items]
    assert titles == [f"en story {n}" for n in range(5)]
    assert all("/en/articles/" in link for _t, link in items)


def test_a_quiet_day_falls_back_to_the_latest_ten(client, section):
    for n in range(12):
        story(f"Old {n}", hours_ago=48 + n, section=section)
    _channel, items = feed_items(client, "/feeds/top/rss/")
    assert [title for title, _link in items] == [f"Old {n}" for n in range(10)]


def digest(*args) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out)
    return out.getvalue()


def test_the_html_digest_lists_the_days_top_stories_with_absolute_links(day):
    meeting = MeetingFactory(
        title="Rapat berikutnya", start=timezone.now() + dt.timedelta(days=2)
    )
    html = digest("--language", "id")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in html
    assert "<script" not in html.lower()
    assert "Berita utama" in html
    for n in (0, 1, 2, 3, 5):
        assert f'href="{SITE}{day["id"][n].get_absolute_url()}"' in html
    assert day["id"][4].title not in html
    assert "en story" not in html
    assert f'href="{SITE}{meeting.get_absolute_url()}"' in html
    assert f'href="{SITE}/"' in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith(SITE + "/") for link in links)


def test_the_text_digest_in_english(day):
    text = digest("--language", "en", "--format", "txt")
    assert text.startswith("Newsroom: the day's news, ")
    assert "Top stories" in text
    for article in day["en"][:5]:
        assert article.title in text
        assert f"{SITE}{article.get_absolute_url()}" in text
    assert "/en/articles/" in text
    assert "<" not in text  # plain text, nothing escaped into HTML
    assert "id story" not in text


def test_the_digest_of_a_past_day(section):
    day = timezone.localdate() - dt.timedelta(days=10)
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    then = ArticleFactory(title="Cerita hari itu", language="id", published_at=noon)
    ArticleFactory(title="Cerita hari ini", language="id", section=section)
    text = digest("--language", "id", "--date", day.isoformat(), "--format", "txt")
    assert "Cerita hari itu" in text
    assert "Cerita hari ini" not in text
    assert f"{SITE}{then.get_absolute_url()}" in text


def test_no_digest_of_a_day_to_come(db):
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    with pytest.raises(CommandError):
        digest("--language", "id", "--date", tomorrow.isoformat())
