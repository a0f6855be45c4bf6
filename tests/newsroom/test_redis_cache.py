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


def test_the_check_of_a_kept_value_holds_one_connection_and_survives_its_loss(
    backend,
):
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert backend.get_if_fresh("page") == ["first"]  # read, then kept
    server = redis.Redis.from_url(LOCATION)
    checks = [backend.get_if_fresh("page") for _ in range(20)]
    assert checks == [["first"]] * 20
    checker = backend._cache.held_client()
    assert len({checker.client_id() for _ in range(3)}) == 1  # one connection
    # Redis drops it (a restart, a proxy's idle timeout): the next check
    # connects again, and still sees a change.
    server.client_kill_filter(_id=checker.client_id())
    assert backend.get_if_fresh("page") == ["first"]
    server.set(
        backend.make_and_validate_key("v:a"), backend._cache._serializer.dumps("2")
    )
    assert backend.get_if_fresh("page") is None


def test_a_forked_worker_checks_on_a_connection_of_its_own(backend):
    """gunicorn forks its workers from a process that may have read the
    cache: two processes writing on one socket would read each other's
    answers."""
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert backend.get_if_fresh("page") == ["first"]
    parent = backend._cache.held_client().client_id()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: only Redis, then leave without any clean-up
        try:
            fresh = backend.get_if_fresh("page") == ["first"]
            child = backend._cache.held_client().client_id()
            os.write(write, f"{fresh} {child}".encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        fresh, child = answer.read().split()
    assert fresh == "True"
    assert int(child) != parent
    assert backend._cache.held_client().client_id() == parent
