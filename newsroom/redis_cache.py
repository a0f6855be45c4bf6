"""Django's own Redis cache backend, keeping its Redis client.

Django's RedisCacheClient makes a new `redis.Redis` object for every cache
operation (the connection pool is kept; the client's table of ~170 response
callbacks is built again each time): about 0.2 ms of CPU an operation, the
larger part of a stored page's cost. The client is thread-safe over its pool,
so one per pool is kept. Everything else is Django's.
"""

import os
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry


class KeptClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._held = None  # (process id, client)

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
        workers) makes its own, never sharing its parent's socket."""
        pid = os.getpid()
        if self._held is None or self._held[0] != pid:
            server = self._servers[self._get_connection_pool_index(False)]
            once_more = Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,))
            pool = self._pool_class.from_url(
                server, **{**self._pool_options, "retry": once_more}
            )
            client = self._client(connection_pool=pool, single_connection_client=True)
            self._held = (pid, client)
        return self._held[1]

    def held_ask(self, packed: list[bytes]):
        """The answer to a command packed once (`pack_held`) on the held
        connection: redis-py's own command path (building the command,
        timing it for its metrics) cost about a sixth of a stored page's
        check. Sent once more on a new connection if the held one was
        dropped, as the client itself would."""
        client = self.held_client()
        connection = client.connection

        def ask():
            connection.send_packed_command(packed, check_health=False)
            return connection.read_response()

        with client.single_connection_lock:
            return connection.retry.call_with_retry(
                ask, lambda error: connection.disconnect()
            )

    def pack_held(self, *args) -> list[bytes]:
        return self.held_client().connection.pack_command(*args)


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


@dataclass(frozen=True)
class Kept:
    value: object
    asked: list  # MGET of the made-of keys and the value's token key, packed
    expected: list  # their raw values when the value was read


class FreshRedisCache(RedisCache):
    """RedisCache with values that hold only while other keys keep their
    values (the page cache's pages and their tags' versions), read in one
    round trip; the process keeps the last values it read (at most
    KEPT_VALUES) so that an unchanged value does not cross the wire again."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._kept = OrderedDict()  # key: Kept
        self._kept_lock = threading.Lock()
        self._scripts = {}

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
        pipe.execute()
        return True

    def get_if_fresh(self, key: str):
        """The value under `key` if every key it was made of still holds the
        same value, else None; one round trip."""
        kept = self._kept.get(key)
        if kept is not None:
            if self._cache.held_ask(kept.asked) == kept.expected:
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
                self._kept.pop(key, None)
            return None
        token, raw, made_of = answer
        value = self._cache._serializer.loads(raw)
        kept = Kept(
            value=value,
            asked=self._cache.pack_held("MGET", *made_of[0::2], token_key.encode()),
            expected=[*made_of[1::2], token],
        )
        self._keep(key, kept)
        return value

    def _keep(self, key: str, kept) -> None:
        with self._kept_lock:
            self._kept[key] = kept
            self._kept.move_to_end(key)
            if len(self._kept) > KEPT_VALUES:
                self._kept.popitem(last=False)
