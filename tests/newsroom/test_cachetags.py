"""newsroom/cachetags.py's remembered values on a real Redis: exact (computed
again once a tag they depend on changes), and read in one round trip."""

import pytest
import redis

from newsroom import cachetags
from tests.redis_servers import own_redis_server


@pytest.fixture(scope="module")
def location():
    """This module's own Redis server (tests/redis_servers.py)."""
    with own_redis_server() as address:
        yield address


@pytest.fixture
def on_redis(settings, location):
    server = redis.Redis.from_url(location)
    server.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
        }
    }
    yield server
    server.flushdb()


def commands(server) -> dict[str, int]:
    """How many times the server has run each command (all clients)."""
    return {
        name.removeprefix("cmdstat_"): stats["calls"]
        for name, stats in server.info("commandstats").items()
    }


def sent(server, action, tries: int = 5) -> dict[str, int]:
    """The commands `action()` sends, by name (the INFO call itself left out).
    The counts are the server's, and the other test process may send its own
    meanwhile: these only add, so each command's fewest over a few tries is
    this action's."""
    fewest = None
    for _ in range(tries):
        before = commands(server)
        action()
        after = commands(server)
        counted = {name: calls - before.get(name, 0) for name, calls in after.items()}
        counted["info"] -= 1
        fewest = (
            counted
            if fewest is None
            else {name: min(n, counted.get(name, 0)) for name, n in fewest.items()}
        )
    return {name: calls for name, calls in fewest.items() if calls}


def test_a_remembered_value_is_read_in_one_round_trip(on_redis):
    computed = []

    def compute():
        computed.append(1)
        return ["Nasional", "Internasional"]

    def read():
        return cachetags.remember("nav", ("site", "articles"), compute)

    assert read() == ["Nasional", "Internasional"]
    assert sent(on_redis, read) == {"mget": 1}
    assert len(computed) == 1
    cachetags.bump("articles")
    assert read() == ["Nasional", "Internasional"]
    assert len(computed) == 2  # a tag it depends on changed: computed again
    cachetags.bump("agencies")
    read()
    assert len(computed) == 2  # not one of its tags
