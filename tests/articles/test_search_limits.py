"""The search page's rate limit (articles/ratelimits.py, READER_RATES): a
search is the one public page not stored, so one address asking for search
after search kept both workers busy for every reader. A reader gets far more
searches than a person reads; a script from one address gets a page saying
when to try again, and no search runs."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles import ratelimits
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PHONE = "36.68.10.7"  # a public address of an Indonesian network
# A Redis at a port where nothing listens (as tests/articles/test_reads.py).
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture
def three_a_minute(settings, time_machine):
    """Three searches a minute, on a clock that stands still: a minute's
    window ending between a test's third and fourth search let the fourth
    through (a flaky failure under load)."""
    settings.READER_RATES = {**settings.READER_RATES, "search": ["3/m"]}
    time_machine.move_to(dt.datetime(2036, 3, 2, 9, 0, 10, tzinfo=dt.UTC), tick=False)


def search(client, query="delegasi", address=PHONE, path="/en/search/"):
    return client.get(path, {"q": query}, REMOTE_ADDR=address)


def test_the_limit_is_generous_for_a_person():
    from django.conf import settings

    assert settings.READER_RATES["search"] == ["60/m", "600/h"]


def test_an_address_past_the_limit_is_told_when_to_try_again(
    client, three_a_minute, time_machine
):
    time_machine.move_to(dt.datetime(2036, 3, 2, 9, 0, 10, tzinfo=dt.UTC))
    ArticleFactory(title="Delegasi BNPT bertemu NICA")
    for word in ("delegasi", "BNPT", "NICA"):
        assert search(client, word).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        refused = search(client, "JWG")

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])  # the minute's window (django-ratelimit
    assert 1 <= wait <= 61  # staggers each key's) ends within a minute
    page = refused.content.decode()
    assert "Too many searches at once" in page
    assert f"Try again in {wait} second" in page
    assert 'value="JWG"' in page  # the form keeps the words
    assert "Delegasi BNPT bertemu NICA" not in page
    # No search ran: the page's lists (sections, agencies) come from caches.
    assert not any("LIKE" in q["sql"] or "@@" in q["sql"] for q in queries)

    # Another reader is not held up; the same one is, after the window, not.
    assert search(client, "JWG", address="114.124.5.9").status_code == 200
    time_machine.move_to(
        dt.datetime(2036, 3, 2, 9, 0, 10, tzinfo=dt.UTC) + dt.timedelta(seconds=wait)
    )
    assert search(client, "JWG").status_code == 200


def test_the_page_says_so_in_indonesian(client, three_a_minute):
    for _ in range(3):
        search(client, path="/search/")
    page = search(client, path="/search/").content.decode()
    assert "Terlalu banyak pencarian sekaligus" in page
    assert "Coba lagi dalam" in page


def test_an_ipv6_reader_is_counted_by_their_network(client, three_a_minute):
    for last in range(1, 4):
        assert search(client, address=f"2001:448a:1020:5e1::{last}").status_code == 200
    assert search(client, address="2001:448a:1020:5e1::99").status_code == 429


def test_the_search_form_and_its_advice_are_not_counted(client, three_a_minute):
    for _ in range(5):
        assert client.get("/en/search/", REMOTE_ADDR=PHONE).status_code == 200
    assert search(client).status_code == 200


def test_behind_an_unnamed_proxy_searches_are_not_limited(client, three_a_minute):
    # Every reader has the proxy's private address: a limit on it would be
    # one limit for the whole site.
    for _ in range(6):
        assert search(client, address="10.0.0.2").status_code == 200


def test_with_the_cache_down_the_search_is_served(client, three_a_minute):
    with override_settings(CACHES=REDIS_DOWN):
        for _ in range(5):
            assert search(client).status_code == 200


def test_a_reader_address_is_public_and_an_ipv6_one_its_network():
    assert [ratelimits.reader_address(a) for a in ("", "x", "::1", "10.1.2.3")] == [
        None
    ] * 4
    assert ratelimits.reader_address(PHONE) == PHONE
    assert ratelimits.reader_address("2001:448a:1020:5e1::17") == (
        "2001:448a:1020:5e1::/64"
    )
