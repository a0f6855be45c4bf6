"""Django's own Redis cache backend, keeping its Redis client.

Django's RedisCacheClient makes a new `redis.Redis` object for every cache
operation (the connection pool is kept; the client's table of ~170 response
callbacks is built again each time): about 0.2 ms of CPU an operation, the
larger part of a stored page's cost. The client is thread-safe over its pool,
so one per pool is kept. Everything else is Django's.

FreshRedisCache adds values that hold while other keys keep theirs (the
page cache's pages and their tags' versions). A process keeps the values it
read, and Redis tells it when a key they were made of changes (server-assisted
client-side caching: CLIENT TRACKING on one connection of the process's own,
RESP3), so a value confirmed once is served without asking Redis again until
Redis says otherwise. Needs Redis 6 or later.
"""

import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError as RedisResponseError
from redis.retry import Retry

logger = logging.getLogger(__name__)


class KeptClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._held = None  # (process id, client)
        # The held connection's tracking session: a new object each time it
        # connects (a reconnection, a forked worker), None while it has none.
        # Values confirmed under an older session are not trusted: Redis
        # forgot what that connection had read.
        self.session = None
        # Called with the raw keys Redis says changed, or None for all of them
        # (a database emptied): FreshRedisCache's.
        self.on_invalidated = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def held_client(self):
        """A client holding one connection of its own, for the check of a
        kept value (FreshRedisCache), the most frequent command of all: every
        stored page a reader gets. Without a pool's taking and giving back of
        a connection for each command: a fifth of the check's time. A
        dropped connection (Redis restarted) is made again and the command
        sent once more, as a pool would; a forked process (gunicorn's
        workers) makes its own, never sharing its parent's socket.

        The connection speaks RESP3 with key tracking on (`_track`): Redis
        pushes on it an invalidation for every key it read that changes
        afterwards, in order with its replies."""
        pid = os.getpid()
        if self._held is None or self._held[0] != pid:
            self.session = None
            server = self._servers[self._get_connection_pool_index(False)]
            once_more = Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,))
            options = {**self._pool_options, "retry": once_more, "protocol": 3}
            pool = self._pool_class.from_url(server, **options)
            client = self._client(connection_pool=pool, single_connection_client=True)
            self._held = (pid, client)
            connection = client.connection
            connection.register_connect_callback(self._track)
            if connection.is_connected:  # connected already by redis-py
                self._track(connection)
        return self._held[1]

    def _track(self, connection) -> None:
        """On each (re)connection of the held client: key tracking on, and a
        new session. A server that refuses it (an account without the CLIENT
        command, a proxy that lacks it) leaves no session: each kept value is
        then checked by its round trip, as before tracking."""
        self.session = None
        connection._parser.set_invalidation_push_handler(self._invalidated)
        connection.send_command("CLIENT", "TRACKING", "ON")
        try:
            connection.read_response()
        except RedisResponseError:
            logger.warning("Redis refused key tracking: kept pages asked each time")
            return
        self.session = object()

    def _invalidated(self, push) -> None:
        # ["invalidate", [key, ...]], or ["invalidate", None]: all keys.
        if self.on_invalidated is not None:
            self.on_invalidated(push[1])

    def held_ask(self, packed: list[bytes]):
        """The answer to a command packed once (`pack_held`) on the held
        connection: redis-py's own command path (building the command,
        timing it for its metrics) cost about a sixth of a stored page's
        check. Sent once more on a new connection if the held one was
        dropped, as the client itself would. Invalidations that arrive
        before the answer are handled first."""
        client = self.held_client()
        connection = client.connection

        def ask():
            connection.send_packed_command(packed, check_health=False)
            return connection.read_response()

        with client.single_connection_lock:
            return connection.retry.call_with_retry(
                ask, lambda error: connection.disconnect()
            )

    def read_invalidations(self):
        """Handle the invalidations Redis has pushed on the held connection
        since it was last read, without waiting for any (a poll of the
        socket: no round trip); the session they leave (current_session).
        A connection found closed or broken ends the session: nothing
        confirmed on it is trusted any more."""
        if self.current_session() is None:
            return None
        client = self._held[1]
        connection = client.connection
        with client.single_connection_lock:
            try:
                while connection.can_read(timeout=0):
                    connection.read_response(push_request=True)
            except Exception:
                self.session = None
                connection.disconnect()
        return self.session

    def current_session(self):
        """The held connection's tracking session if it is this process's
        own (a forked worker holds a copy of its parent's until it connects
        for itself), else None."""
        held = self._held
        if held is None or held[0] != os.getpid():
            return None
        return self.session

    def pack_held(self, *args) -> list[bytes]:
        return self.held_client().connection.pack_command(*args)

    def settle(self) -> None:
        """Return once Redis has sent every invalidation that this process's
        writes so far caused to the connections tracking the keys: one round
        trip. Redis sends a write's invalidations in the same pass as the
        write's own answer (the writer's may go first); any later answer
        comes after that pass. Other processes then see the write on their
        next read of their connection (read_invalidations)."""
        self.get_client(write=True).ping()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClient


# A stored value and the raw values of the keys it was made from, compared
# in Redis itself: one round trip for "the value, if none of them changed",
# with the value's token (each storing makes a new one) and the compared
# keys and values. (Not for Redis Cluster: the compared keys are not declared.)
FRESH_SCRIPT = """
local made_of = redis.call('HGETALL', KEYS[2])
if #made_of == 0 then return false end
for i = 1, #made_of, 2 do
  if redis.call('GET', made_of[i]) ~= made_of[i + 1] then return false end
end
local value = redis.call('GET', KEYS[1])
local token = redis.call('GET', KEYS[3])
if not value or not token then return false end
return {token, value, made_of}
"""
# Values a process keeps of what it read (the page cache's pages, 10-70 KB):
# while the keys they were made of and their token are unchanged (one MGET,
# cheaper for Redis than the script) they are not sent again.
KEPT_VALUES = 256
# How long a kept value, once confirmed on the tracking connection, is served
# without asking Redis: Redis says at once when one of its keys changes, so
# this only bounds what a connection that stopped delivering (a network that
# drops packets without closing) could cost. A confirmation is one MGET.
TRUST_SECONDS = 1.0


@dataclass(frozen=True)
class Kept:
    value: object
    asked: list  # MGET of the made-of keys and the value's token key, packed
    expected: list  # their raw values when the value was read
    watched: tuple  # the raw keys asked: a change to any of them ends the trust


class FreshRedisCache(RedisCache):
    """RedisCache with values that hold only while other keys keep their
    values (the page cache's pages and their tags' versions), read in one
    round trip; the process keeps the last values it read (at most
    KEPT_VALUES) so that an unchanged value does not cross the wire again,
    and once a kept value is confirmed on the tracking connection it is
    served without a round trip until Redis says one of its keys changed
    (or TRUST_SECONDS pass). A write through this process ends the trust in
    what it wrote at once; bump-like writes call `settle` so that the other
    processes know by the time the writer answers."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._kept = OrderedDict()  # key: Kept
        self._kept_lock = threading.Lock()
        self._scripts = {}
        # key: (tracking session, monotonic deadline) of a confirmed kept value
        self._trusted = {}
        self._watchers = {}  # raw key: {key of a trusted value made of it}

    @cached_property
    def _cache(self):  # Django's, told where Redis' invalidations go
        client = self._class(self._servers, **self._options)
        client.on_invalidated = self._distrust
        return client

    def _made_of_key(self, key: str) -> str:
        return self.make_and_validate_key(key + ":made-of")

    def _token_key(self, key: str) -> str:
        return self.make_and_validate_key(key + ":token")

    def set_made_of(
        self, key: str, value, timeout, made_of: list[str], expected: dict
    ) -> bool:
        """Store `value` under `key`, fresh while each key of `made_of` keeps
        the value it has now; unless a key of `expected` no longer holds its
        expected value (then nothing is stored: False)."""
        client = self._cache.get_client(key, write=True)
        raw_keys = [self.make_and_validate_key(k) for k in made_of]
        checked = list(expected)
        values = client.mget(
            raw_keys + [self.make_and_validate_key(k) for k in checked]
        )
        now = values[len(raw_keys) :]
        for name, raw in zip(checked, now, strict=True):
            if raw is None or self._cache._serializer.loads(raw) != expected[name]:
                return False
        values = values[: len(raw_keys)]
        if any(v is None for v in values):
            return False
        made_of_key = self._made_of_key(key)
        timeout = self.get_backend_timeout(timeout)
        pipe = client.pipeline(transaction=True)  # all of it at once
        pipe.set(
            self.make_and_validate_key(key),
            self._cache._serializer.dumps(value),
            ex=timeout,
        )
        pipe.set(self._token_key(key), uuid.uuid4().hex, ex=timeout)
        pipe.delete(made_of_key)
        pipe.hset(made_of_key, mapping=dict(zip(raw_keys, values, strict=True)))
        if timeout is not None:
            pipe.expire(made_of_key, timeout)
        try:
            pipe.execute()
        finally:
            self._wrote([self._token_key(key)])
        return True

    def get_if_fresh(self, key: str):
        """The value under `key` if every key it was made of still holds the
        same value, else None; one round trip at most, none for a kept value
        Redis has said nothing against since it was confirmed."""
        kept = self._kept.get(key)
        if kept is not None:
            if self._is_trusted(key):
                self._keep(key, kept)
                return kept.value
            cache = self._cache
            if cache.held_ask(kept.asked) == kept.expected:
                # Confirmed on the tracking connection: Redis now tells of
                # any change to these keys (an invalidation that came before
                # the answer was for a change the answer already shows).
                self._trust(key, kept, cache.current_session())
                self._keep(key, kept)
                return kept.value
        client = self._cache.get_client(key)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(FRESH_SCRIPT)
        token_key = self._token_key(key)
        answer = script(
            keys=[self.make_and_validate_key(key), self._made_of_key(key), token_key]
        )
        if not answer:
            with self._kept_lock:
                self._drop(key)
            return None
        token, raw, made_of = answer
        value = self._cache._serializer.loads(raw)
        watched = (*made_of[0::2], token_key.encode())
        kept = Kept(
            value=value,
            asked=self._cache.pack_held("MGET", *watched),
            expected=[*made_of[1::2], token],
            watched=watched,
        )
        self._keep(key, kept)
        return value

    def _is_trusted(self, key: str) -> bool:
        if key not in self._trusted:
            return False
        session = self._cache.read_invalidations()  # may end the trust in `key`
        trusted = self._trusted.get(key)
        return (
            trusted is not None
            and trusted[0] is session
            and time.monotonic() < trusted[1]
        )

    def _trust(self, key: str, kept: Kept, session) -> None:
        if session is None:
            return
        with self._kept_lock:
            self._trusted[key] = (session, time.monotonic() + TRUST_SECONDS)
            for raw in kept.watched:
                self._watchers.setdefault(raw, set()).add(key)

    def _distrust(self, raw_keys) -> None:
        """Redis says `raw_keys` changed (None: every key)."""
        with self._kept_lock:
            if raw_keys is None:
                self._trusted.clear()
                self._watchers.clear()
                return
            for raw in raw_keys:
                for key in self._watchers.pop(raw, ()):
                    self._trusted.pop(key, None)

    def _wrote(self, keys) -> None:
        """This process wrote `keys` (made with make_and_validate_key): what
        is made of them is not trusted from now, without waiting for Redis'
        word (which comes too)."""
        self._distrust([key.encode() for key in keys])

    def _keep(self, key: str, kept) -> None:
        with self._kept_lock:
            old = self._kept.get(key)
            if old is not None and old is not kept:
                self._drop(key)
            self._kept[key] = kept
            self._kept.move_to_end(key)
            if len(self._kept) > KEPT_VALUES:
                self._drop(next(iter(self._kept)))

    def _drop(self, key: str) -> None:
        """Forget the kept value under `key` and any trust in it (the lock
        held)."""
        kept = self._kept.pop(key, None)
        self._trusted.pop(key, None)
        if kept is not None:
            for raw in kept.watched:
                watchers = self._watchers.get(raw)
                if watchers is not None:
                    watchers.discard(key)
                    if not watchers:
                        del self._watchers[raw]

    def settle(self) -> None:
        """Return once the other processes have been sent what this one's
        writes so far changed (KeptClient.settle)."""
        self._cache.settle()

    # Every write through this backend (Django's own methods): what is made
    # of the written keys is not trusted once the write is done.

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing([key], version):
            return super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing([key], version):
            return super().add(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with self._writing(data, version):
            return super().set_many(data, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._writing([key], version):
            return super().incr(key, delta, version)

    def delete(self, key, version=None):
        with self._writing([key], version):
            return super().delete(key, version)

    def delete_many(self, keys, version=None):
        with self._writing(keys, version):
            return super().delete_many(keys, version)

    def clear(self):
        try:
            return super().clear()
        finally:
            self._distrust(None)

    @contextmanager
    def _writing(self, keys, version):
        raw = [self.make_and_validate_key(key, version=version) for key in keys]
        try:
            yield
        finally:
            self._wrote(raw)
