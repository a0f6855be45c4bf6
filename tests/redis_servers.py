"""A Redis server of a test module's own (`redis-server`, installed with
Redis; .ci/run installs and starts it), for the tests that count what Redis
sees or is told.

Key tracking is per server, not per database: a FLUSHDB in any database
pushes "everything changed" to every tracking connection, and a write to a
key of the same name in another database invalidates it too. On the shared
server, another test process emptying its Redis ended the trust the tests
of newsroom/redis_cache.py count round trips on (one CI run sent two MGETs
where one is asserted); and every other process's commands add to the
server's command counts.
"""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@contextmanager
def own_redis_server() -> Iterator[str]:
    """A fresh `redis-server` on a free port, without persistence: its
    address (database 0) while the block runs; stopped after it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    location = f"redis://127.0.0.1:{port}/0"
    try:
        started = time.monotonic()
        while True:
            try:
                redis.Redis.from_url(location).ping()
                break
            except redis.ConnectionError:
                assert server.poll() is None, "redis-server did not start"
                assert time.monotonic() - started < 10, "redis-server did not answer"
                time.sleep(0.02)
        yield location
    finally:
        server.terminate()
        server.wait(timeout=10)
