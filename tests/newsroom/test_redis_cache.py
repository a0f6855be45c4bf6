"""newsroom/redis_cache.py on a real Redis: values that hold while other keys
keep their values, read in one round trip, and kept by the process that read
them without ever serving one that changed: once confirmed, a kept value is
served without asking Redis until Redis says one of its keys changed."""

import os
import time

import pytest
import redis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from newsroom import redis_cache
from newsroom.redis_cache import FreshRedisCache
from tests.redis_servers import own_redis_server

_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw1").removeprefix("gw"))
# The address of private_redis(), this module's own Redis server.
LOCATION = ""


@pytest.fixture(scope="module", autouse=True)
def private_redis():
    """These tests' own Redis server (tests/redis_servers.py says why)."""
    global LOCATION
    with own_redis_server() as LOCATION:
        yield LOCATION


@pytest.fixture
def backend():
    redis.Redis.from_url(LOCATION).flushdb()
    return worker()


def worker() -> FreshRedisCache:
    """One app process's cache (each keeps its own values)."""
    return FreshRedisCache(LOCATION, {"KEY_PREFIX": "t"})


def store(backend, value, made_of=("v:a", "v:b"), expected=None) -> bool:
    return backend.set_made_of("page", value, 60, list(made_of), expected or {})


def confirmed(backend, key="page"):
    """Read `key` until the process serves it from its own copy: read from
    Redis, then confirmed on the tracking connection."""
    first = backend.get_if_fresh(key)
    assert backend.get_if_fresh(key) is first
    return first


def in_child(action) -> list[str]:
    """What `action()` returns (a list, as strings) when run in a forked
    child (a gunicorn worker forked from a process that used the cache),
    which then leaves without any clean-up."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write, " ".join(map(str, action())).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        return answer.read().split()


class Sent:
    """What a process sends on its tracking connection (the real connection:
    each command still goes to Redis)."""

    def __init__(self, backend, monkeypatch):
        self.commands = []
        connection = backend._cache.held_client().connection
        send = connection.send_packed_command

        def counted(command, *args, **kwargs):
            self.commands.append(command)
            return send(command, *args, **kwargs)

        monkeypatch.setattr(connection, "send_packed_command", counted)


def test_a_value_holds_while_the_keys_it_was_made_of_keep_their_values(backend):
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, {"body": b"first"})
    assert confirmed(backend) == {"body": b"first"}
    assert "page" in backend._trusted
    backend.set("v:b", "2")
    # By this process: not trusted from now, before Redis' word is read.
    assert "page" not in backend._trusted
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
        assert confirmed(backend, f"page{n}") == n
    assert len(backend._kept) == 3
    # Nothing is remembered of the values let go (a worker's memory).
    assert set(backend._trusted) == {"page2", "page3", "page4"}
    assert set().union(*backend._watchers.values()) == set(backend._trusted)
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
    dropped = checker.client_id()
    server.client_kill_filter(_id=dropped)
    assert backend.get_if_fresh("page") == ["first"]  # confirmed again
    assert backend._cache.held_client().client_id() != dropped
    assert backend.get_if_fresh("page") == ["first"]  # trusted
    server.set(
        backend.make_and_validate_key("v:a"), backend._cache._serializer.dumps("2")
    )
    server.ping()  # the writer's next round trip (FreshRedisCache.settle)
    assert backend.get_if_fresh("page") is None


def test_a_forked_worker_checks_on_a_connection_of_its_own(backend):
    """gunicorn forks its workers from a process that may have read the
    cache: two processes writing on one socket would read each other's
    answers."""
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert backend.get_if_fresh("page") == ["first"]
    parent = backend._cache.held_client().client_id()

    def child():
        fresh = backend.get_if_fresh("page") == ["first"]
        return [fresh, backend._cache.held_client().client_id()]

    fresh, child_id = in_child(child)
    assert fresh == "True"
    assert int(child_id) != parent
    assert backend._cache.held_client().client_id() == parent


def test_a_confirmed_value_is_served_without_redis_until_redis_says_it_changed(
    backend, monkeypatch
):
    """One app server's kept page, another server's write: the first serves
    the page from memory until Redis pushes the change, then never again."""
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert confirmed(backend) == ["first"]
    sent = Sent(backend, monkeypatch)
    assert [backend.get_if_fresh("page") for _ in range(50)] == [["first"]] * 50
    assert sent.commands == []  # not one round trip for 50 readers
    other = worker()  # another app server
    other.set("v:a", "2")
    other.settle()  # as cachetags.bump_now does after its write
    assert backend.get_if_fresh("page") is None
    assert backend.get_if_fresh("page") is None
    # Stored anew by the other server, then confirmed once more: trusted again.
    assert store(other, ["second"])
    assert confirmed(backend) == ["second"]
    count = len(sent.commands)
    assert backend.get_if_fresh("page") == ["second"]
    assert len(sent.commands) == count


def test_a_page_stored_again_by_another_server_is_not_served_old(backend):
    """The other server rendered the page again (same versions, a new
    token): this one serves the new copy, never its own older one."""
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert confirmed(backend) == ["first"]
    other = worker()
    assert store(other, ["again"])
    other.settle()
    assert backend.get_if_fresh("page") == ["again"]


def test_an_emptied_redis_ends_every_trust(backend):
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert backend.set_made_of("other", ["x"], 60, ["v:b"], {})
    assert confirmed(backend) == ["first"]
    assert confirmed(backend, "other") == ["x"]
    server = redis.Redis.from_url(LOCATION)
    server.flushdb()
    server.ping()
    assert backend.get_if_fresh("page") is None
    assert backend.get_if_fresh("other") is None


def test_trust_is_renewed_by_a_round_trip_after_trust_seconds(backend, monkeypatch):
    """Even a connection that stopped delivering Redis' word (a network that
    drops packets silently) costs at most TRUST_SECONDS of old pages."""
    monkeypatch.setattr(redis_cache, "TRUST_SECONDS", 0.5)
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert confirmed(backend) == ["first"]
    sent = Sent(backend, monkeypatch)
    assert backend.get_if_fresh("page") == ["first"]
    assert sent.commands == []
    time.sleep(0.55)
    # Renewed for long enough that a busy machine cannot end it before the
    # last read.
    monkeypatch.setattr(redis_cache, "TRUST_SECONDS", 60)
    assert backend.get_if_fresh("page") == ["first"]
    assert len(sent.commands) == 1  # asked once: the MGET of its keys
    assert backend.get_if_fresh("page") == ["first"]
    assert len(sent.commands) == 1


def test_a_forked_worker_trusts_nothing_its_parent_confirmed(backend):
    """The parent's tracking connection is the parent's: what it confirmed
    is asked again by the child, which then hears of changes itself."""
    backend.set_many({"v:a": "1", "v:b": "1"})
    assert store(backend, ["first"])
    assert confirmed(backend) == ["first"]

    assert backend._is_trusted("page")

    def child():
        asked = not backend._is_trusted("page")  # the parent's trust: not its own
        first = backend.get_if_fresh("page") == ["first"]  # confirmed by itself
        trusted = backend._trusted["page"][0] is backend._cache.current_session()
        writer = worker()
        writer.set("v:b", "2")
        writer.settle()
        return [asked, first, trusted, backend.get_if_fresh("page") is None]

    assert in_child(child) == ["True"] * 4
    assert backend.get_if_fresh("page") is None  # the parent heard it too


class ServersSharingRedis(RuleBasedStateMachine):
    """Two app servers keep pages made of tag versions; either writes
    versions, stores pages or empties Redis, in any order. Whatever happened,
    each serves exactly the page stored last, and only while every version it
    was made of holds: never an older one."""

    VERSIONS = ("v:a", "v:b", "v:c")
    PAGES = {"home": ("v:a", "v:b"), "story": ("v:b", "v:c")}

    def __init__(self):
        super().__init__()
        self.servers = [worker(), worker()]
        self.pages = {}  # page: (value, the versions it was made of)
        self.count = 0
        self.empty_redis()

    @rule(server=st.integers(0, 1), key=st.sampled_from(VERSIONS))
    def bump(self, server, key):
        self.count += 1
        self.versions[key] = str(self.count)
        self.servers[server].set(key, str(self.count))
        self.servers[server].settle()

    @rule(server=st.integers(0, 1), page=st.sampled_from(sorted(PAGES)))
    def render(self, server, page):
        self.count += 1
        made_of = self.PAGES[page]
        value = f"{page} {self.count}"
        assert self.servers[server].set_made_of(page, value, 60, list(made_of), {})
        self.pages[page] = (value, {key: self.versions[key] for key in made_of})
        self.servers[server].settle()

    @rule()
    def empty_redis(self):
        server = redis.Redis.from_url(LOCATION)
        server.flushdb()
        server.ping()
        self.pages.clear()
        self.versions = dict.fromkeys(self.VERSIONS, "0")
        self.servers[0].set_many(self.versions)

    @rule(server=st.integers(0, 1), page=st.sampled_from(sorted(PAGES)))
    def read(self, server, page):
        got = self.servers[server].get_if_fresh(page)
        value, made_with = self.pages.get(page, (None, None))
        fresh = made_with is not None and all(
            self.versions[key] == version for key, version in made_with.items()
        )
        assert got == (value if fresh else None)

    @invariant()
    def every_server_serves_only_fresh_pages(self):
        for server in self.servers:
            for page in self.PAGES:
                self.read(self.servers.index(server), page)


TestServersSharingRedis = ServersSharingRedis.TestCase
TestServersSharingRedis.settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_a_redis_that_refuses_tracking_still_serves_only_fresh_values(
    backend, monkeypatch
):
    """An account that may not use CLIENT (some managed Redis services): no
    trust, each kept value asked by its round trip, and never an old one."""
    user = f"no-tracking-{_WORKER}"
    server = redis.Redis.from_url(LOCATION)
    server.acl_setuser(
        user, enabled=True, nopass=True, keys=["*"], commands=["+@all", "-client"]
    )
    try:
        limited = FreshRedisCache(
            LOCATION.replace("redis://", f"redis://{user}@"), {"KEY_PREFIX": "t"}
        )
        limited.set_many({"v:a": "1", "v:b": "1"})
        assert store(limited, ["first"])
        sent = Sent(limited, monkeypatch)
        assert [limited.get_if_fresh("page") for _ in range(5)] == [["first"]] * 5
        assert limited._cache.session is None
        assert len(sent.commands) == 4  # read once by the script, then asked
        worker().set("v:a", "2")
        assert limited.get_if_fresh("page") is None
    finally:
        server.acl_deluser(user)
