"""newsroom/redis_cache.py on a real Redis: values that hold while other keys
keep their values, read in one round trip, and kept by the process that read
them without ever serving one that changed."""

import os

import pytest
import redis

from newsroom import redis_cache
from newsroom.redis_cache import FreshRedisCache

# A Redis database of each test process's own (gw0: 8, gw1: 9), emptied by
# the tests.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw1").removeprefix("gw"))
LOCATION = f"redis://127.0.0.1:6379/{8 + _WORKER % 2}"


@pytest.fixture
def backend():
    redis.Redis.from_url(LOCATION).flushdb()
    return worker()


def worker() -> FreshRedisCache:
    """One app process's cache (each keeps its own values)."""
    return FreshRedisCache(LOCATION, {"KEY_PREFIX": "t"})


def store(backend, value, made_of=("v:a", "v:b"), expected=None) -> bool:
    return backend.set_made_of("page", value, 60, list(made_of), expected or {})


def test_a_value_holds_while_the_keys_it_was_made_of_keep_their_values(backend):
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, {"body": b"first"})
    assert backend.get_if_fresh("page") == {"body": b"first"}
    backend.set("v:b", "2")
    assert backend.get_if_fresh("page") is None
    assert backend.get_if_fresh("page") is None  # not from the kept copy either


def test_nothing_is_stored_when_an_expected_value_has_moved(backend):
    backend.set_many({"v:a": "1", "v:b": "1", "generation": "7"})
    assert not store(backend, "page", expected={"generation": "6"})
    assert backend.get_if_fresh("page") is None
    assert not store(backend, "page", made_of=("v:a", "v:missing"))
    assert backend.get_if_fresh("page") is None


def test_an_unchanged_value_is_not_sent_again_but_a_new_one_always_is(backend):
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    read = backend.get_if_fresh("page")
    assert backend.get_if_fresh("page") is read  # the process's own copy
    # Stored again (another worker rendered it anew), same keys and versions:
    other = worker()
    assert store(other, ["second"])
    assert backend.get_if_fresh("page") == ["second"]
    assert other.get_if_fresh("page") == ["second"]
    redis.Redis.from_url(LOCATION).flushdb()  # Redis emptied (restart)
    assert backend.get_if_fresh("page") is None


def test_a_process_keeps_a_bounded_number_of_values(backend, monkeypatch):
    monkeypatch.setattr(redis_cache, "KEPT_VALUES", 3)
    backend.set_many({"v:a": "1", "v:b": "1"})
    for n in range(5):
        assert backend.set_made_of(f"page{n}", n, 60, ["v:a"], {})
        assert backend.get_if_fresh(f"page{n}") == n
    assert len(backend._kept) == 3
    assert backend.get_if_fresh("page0") == 0  # read again from Redis


def test_replies_are_parsed_by_hiredis(backend):
    """The C parser (the hiredis package) reads Redis' replies: in Python,
    reading a stored page's ten-odd versions was half the page's cost."""
    from redis.utils import HIREDIS_AVAILABLE

    assert HIREDIS_AVAILABLE
    client = backend._cache.get_client("page")
    connection = client.connection_pool.get_connection()
    try:
        assert "Hiredis" in type(connection._parser).__name__
    finally:
        client.connection_pool.release(connection)
