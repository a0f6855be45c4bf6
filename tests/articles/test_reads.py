"""Most read: reads counted by the server per story and Jakarta day
(articles/reads.py), written in batches that add up, ranked per edition."""

import datetime as dt
import logging
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings

from articles import ratelimits, reads
from articles.models import Article, DailyReads
from articles.preview import make_share_token, preview_address
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
# A Redis at a port where nothing listens (as tests/newsroom/test_health.py).
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture(autouse=True)
def no_reads_left_over():
    """Each test starts and ends with nothing pending in this process (and
    no reader remembered: tests/conftest.py)."""
    reads._take_pending()
    yield
    reads._take_pending()


def pend(article_id: int, count: int) -> None:
    """Reads of a story pending in this process, as counting leaves them:
    of this test run's database (else a flush drops them as another's; set
    only by a counted read, so a test run first in its process had none)."""
    with reads._lock:
        reads._database = connection.settings_dict["NAME"]
        reads._pending[(article_id, reads.today())] += count


@pytest.fixture
def story():
    return ArticleFactory(title="BNPT and the Philippines meet in Bali")


def read(client, article, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    response = client.get(article.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response


def stored(article) -> int:
    return sum(
        DailyReads.objects.filter(article=article).values_list("count", flat=True)
    )


def test_each_reader_s_get_counts_once_on_today_s_jakarta_row(client, story):
    read(client, story)
    read(client, story)
    reads.flush_reads()
    row = DailyReads.objects.get(article=story)
    assert (row.day, row.count) == (reads.today(), 2)


# Public addresses of Indonesian networks (private, loopback and the
# documentation ranges are no reader's: see ratelimits.reader_address).
PHONE = "36.68.10.7"
OTHER_PHONE = "114.124.5.9"
HOME_IPV6 = "2001:448a:1020:5e1::17"


def test_a_reader_asking_again_and_again_counts_once_a_day(client, story, time_machine):
    # A script with a browser's User-Agent asked 500 times: 500 reads, the
    # top of "most read" for anyone who wanted it there.
    time_machine.move_to(dt.datetime(2036, 3, 2, 9, 0, tzinfo=dt.UTC))
    for _ in range(50):
        read(client, story, REMOTE_ADDR=PHONE)
    read(client, story, REMOTE_ADDR=OTHER_PHONE)
    assert reads.pending_reads() == 2

    time_machine.move_to(dt.datetime(2036, 3, 3, 9, 0, tzinfo=dt.UTC))
    read(client, story, REMOTE_ADDR=PHONE)  # the next day: a read again
    reads.flush_reads()
    assert dict(DailyReads.objects.values_list("day", "count")) == {
        dt.date(2036, 3, 2): 2,
        dt.date(2036, 3, 3): 1,
    }


def test_an_address_counts_its_readers_up_to_a_limit(client, story):
    # Carrier NAT puts many phones behind one address: each browser counts,
    # until a script changing its User-Agent would.
    for n in range(reads.READERS_PER_ADDRESS + 10):
        read(client, story, REMOTE_ADDR=PHONE, HTTP_USER_AGENT=f"{BROWSER} r{n}")
    assert reads.pending_reads() == reads.READERS_PER_ADDRESS
    another = ArticleFactory()
    read(client, another, REMOTE_ADDR=PHONE)  # another story: its own count
    assert reads.pending_reads() == reads.READERS_PER_ADDRESS + 1


def test_an_ipv6_reader_is_their_network_not_each_address(client, story):
    # A phone takes a new address in its /64 as often as it likes.
    for last in range(1, 6):
        read(client, story, REMOTE_ADDR=f"2001:448a:1020:5e1::{last}")
    read(client, story, REMOTE_ADDR="2001:448a:1020:5e2::1")
    assert reads.pending_reads() == 2


def test_behind_an_unnamed_proxy_every_read_still_counts(client, story):
    # Every reader has the proxy's private address: telling them apart by
    # it would count one reader for the whole site.
    for address in ("10.0.0.2", "10.0.0.2", "127.0.0.1", "192.168.1.9"):
        read(client, story, REMOTE_ADDR=address)
    assert reads.pending_reads() == 4
    assert [ratelimits.reader_address(a) for a in ("", "x", "::1", "203.0.113.5")] == [
        None
    ] * 4
    assert ratelimits.reader_address(HOME_IPV6) == "2001:448a:1020:5e1::/64"


def test_one_client_cannot_push_a_story_up_most_read(client):
    pushed, read_widely = ArticleFactory(), ArticleFactory()
    for _ in range(200):
        read(client, pushed, REMOTE_ADDR=PHONE)
    for address in (PHONE, OTHER_PHONE, HOME_IPV6):
        read(client, read_widely, REMOTE_ADDR=address)
    reads.flush_reads()
    assert reads.most_read("id") == [read_widely, pushed]


def test_the_readers_remembered_are_bounded(client, story, monkeypatch):
    monkeypatch.setattr(reads, "REMEMBERED_READERS", 3)
    for n in range(10):
        read(client, story, REMOTE_ADDR=f"36.68.10.{n + 1}")
        assert len(reads._readers) <= 3
    assert reads.pending_reads() == 10


def test_the_jakarta_day_is_the_newsroom_s_not_utc(settings):
    # 20:00 UTC on 1 March is 03:00 on 2 March in Jakarta.
    late = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)
    settings.TIME_ZONE = "Asia/Jakarta"
    with mock.patch("django.utils.timezone.now", return_value=late):
        assert reads.today() == dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 HeadlessChrome/126.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    ],
)
def test_bots_are_not_counted(client, story, agent):
    read(client, story, HTTP_USER_AGENT=agent)
    assert reads.pending_reads() == 0
    assert reads.flush_reads() == 0
    assert stored(story) == 0


def test_a_phone_named_cubot_is_a_reader_not_a_bot(client, story):
    read(
        client,
        story,
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10; CUBOT X30) Chrome/120.0",
    )
    assert reads.pending_reads() == 1


def test_staff_are_not_counted_but_signed_in_readers_are(
    client, story, django_user_model
):
    staff = django_user_model.objects.create_user("desk", is_staff=True)
    reader = django_user_model.objects.create_user("reader")
    client.force_login(staff)
    read(client, story)
    client.force_login(reader)
    read(client, story)
    reads.flush_reads()
    assert stored(story) == 1


def test_head_requests_and_prefetches_are_not_counted(client, story):
    assert (
        client.head(story.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code
        == 200
    )
    read(client, story, HTTP_SEC_PURPOSE="prefetch")
    read(client, story, HTTP_PURPOSE="prefetch")
    assert reads.pending_reads() == 0


def test_redirects_and_shared_previews_are_not_counted(client, story):
    story.language = "en"
    story.save()
    # The old unprefixed address of an English story moves to /en/.
    old = story.get_absolute_url().removeprefix("/en")
    assert client.get(old, HTTP_USER_AGENT=BROWSER).status_code == 301
    # A preview's share link opens for anyone, and is no read.
    token = make_share_token(story)
    preview = client.get(
        preview_address(story, "articles:article_shared_preview", token=token),
        HTTP_USER_AGENT=BROWSER,
    )
    assert preview.status_code == 200
    assert reads.pending_reads() == 0


def test_an_unpublished_story_is_never_counted(client):
    draft = ArticleFactory(draft=True, slug="draft-story")
    response = client.get(
        f"/articles/{dt.date.today():%Y/%m}/draft-story/", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 404
    assert reads.pending_reads() == 0
    assert stored(draft) == 0


def test_two_flushes_add_up(client, story):
    read(client, story)
    assert reads.flush_reads() == 1
    read(client, story)
    read(client, story)
    assert reads.flush_reads() == 2
    assert DailyReads.objects.get(article=story).count == 3


def test_counts_from_two_processes_add_up(story):
    """Another process's batch is the same statement: it adds, never replaces."""
    today = reads.today()
    reads._upsert([(story.pk, today, 5)])  # worker A's batch
    reads._upsert([(story.pk, today, 7), (story.pk, today - dt.timedelta(1), 2)])
    rows = dict(DailyReads.objects.filter(article=story).values_list("day", "count"))
    assert rows == {today: 12, today - dt.timedelta(1): 2}


def test_a_batch_is_written_after_the_response_once_due(client, story, monkeypatch):
    monkeypatch.setattr(reads, "FLUSH_READS", 3)
    monkeypatch.setattr(reads, "_last_flush", reads.time.monotonic())
    read(client, story)
    read(client, story)
    assert stored(story) == 0  # not due yet: kept in memory
    read(client, story)
    assert stored(story) == 3  # the third read's request wrote the batch
    assert reads.pending_reads() == 0


def test_a_batch_is_due_after_flush_seconds(client, story, monkeypatch):
    monkeypatch.setattr(reads, "_last_flush", reads.time.monotonic() - 31)
    read(client, story)
    assert stored(story) == 1


def test_a_large_batch_is_written_in_parts():
    stories = [ArticleFactory() for _ in range(reads.BATCH_ROWS + 5)]
    today = reads.today()
    for article in stories:
        pend(article.pk, 2)
    assert reads.flush_reads() == 2 * len(stories)
    assert DailyReads.objects.filter(day=today, count=2).count() == len(stories)


def test_reads_of_a_story_deleted_before_the_batch_are_dropped(client, story):
    other = ArticleFactory()
    read(client, story)
    read(client, other)
    other.delete()
    assert reads.flush_reads() == 1
    assert stored(story) == 1


def test_a_page_is_served_and_counted_with_redis_down(client, story, caplog):
    with override_settings(CACHES=REDIS_DOWN):
        response = read(client, story)
        assert "<h1" in response.content.decode()
        assert reads.flush_reads() == 1
    assert stored(story) == 1


def test_a_database_error_during_the_batch_is_logged_not_raised(
    story, caplog, monkeypatch
):
    pend(story.pk, 4)

    def refuse(rows):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(reads, "_upsert", refuse)
    with caplog.at_level(logging.ERROR, logger="articles.reads"):
        assert reads.flush_reads() == 0
    assert "4 reads could not be written" in caplog.text
    assert reads.pending_reads() == 0
    # The connection is still usable: the failed batch was rolled back alone.
    assert Article.objects.filter(pk=story.pk).exists()


def test_a_failing_count_never_breaks_the_page(client, story, monkeypatch, caplog):
    def broken(request):
        raise RuntimeError("counting broke")

    monkeypatch.setattr(reads, "is_counted", broken)
    with caplog.at_level(logging.ERROR, logger="articles.reads"):
        read(client, story)
    assert "A read could not be counted" in caplog.text


def test_a_failing_batch_after_the_response_never_breaks_the_page(
    client, story, monkeypatch, caplog
):
    monkeypatch.setattr(reads, "FLUSH_READS", 1)
    monkeypatch.setattr(reads, "_upsert", lambda rows: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="articles.reads"):
        read(client, story)
    assert "1 reads could not be written" in caplog.text


# most_read


def reads_of(article, count, days_ago=0):
    DailyReads.objects.create(
        article=article, day=reads.today() - dt.timedelta(days_ago), count=count
    )


def test_most_read_ranks_an_edition_s_stories_over_today_and_yesterday():
    a = ArticleFactory(title="A")
    b = ArticleFactory(title="B")
    c = ArticleFactory(title="C")
    reads_of(a, 10)
    reads_of(b, 6)
    reads_of(b, 6, days_ago=1)  # 12 over two days
    reads_of(c, 50, days_ago=2)  # the day before yesterday: outside
    english = ArticleFactory(title="English", language="en")
    reads_of(english, 99)
    assert reads.most_read("id") == [b, a]
    assert reads.most_read("en") == [english]
    assert reads.most_read("id", days=3) == [c, b, a]
    assert reads.most_read("id", days=1) == [a, b]
    assert reads.most_read("id", days=3, limit=2) == [c, b]
    assert reads.most_read("id")[0].reads == 12


def test_most_read_shows_published_stories_only_newest_first_on_a_tie():
    older = ArticleFactory(title="Older")
    newer = ArticleFactory(title="Newer", published_at=older.published_at)
    newer.published_at += dt.timedelta(minutes=5)
    newer.save()
    draft = ArticleFactory(draft=True)
    for article in (older, newer, draft):
        reads_of(article, 3)
    assert reads.most_read("id") == [newer, older]


def test_most_read_is_one_query_loading_what_a_headline_needs(
    django_assert_num_queries,
):
    for i in range(4):
        reads_of(ArticleFactory(), i + 1)
    with django_assert_num_queries(1):
        stories = reads.most_read("id")
        assert [story.section.name for story in stories]
        assert all(story.get_absolute_url() for story in stories)


def test_read_pages_make_the_most_read_list(client):
    first, second = ArticleFactory(), ArticleFactory()
    for _ in range(3):
        read(client, second)
    read(client, first)
    reads.flush_reads()
    assert reads.most_read("id") == [second, first]


def test_reads_are_written_to_the_database_they_were_counted_in_only(
    client, story, monkeypatch
):
    """A test run's reads left at exit never reach the real database."""
    read(client, story)
    monkeypatch.setitem(connection.settings_dict, "NAME", "another database")
    assert reads.flush_reads() == 0
    monkeypatch.undo()
    assert stored(story) == 0
    read(client, story)
    assert reads.flush_reads() == 1
