"""The project's settings for the test run.

The suite runs in two processes (pytest-xdist, `-n 2` in `make test`). Each
clears the cache before and after every test, and on Redis that empties the
whole database: so each worker gets a Redis database of its own.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from newsroom.settings import *  # noqa: F403
from newsroom.settings import CACHES, REDIS_URL


def worker_redis_url(url: str, worker: str) -> str:
    """The same server, database number shifted by the worker's index (gw0, gw1…)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    index = int(worker.removeprefix("gw") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + index) % 16}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker:
    CACHES["default"]["LOCATION"] = worker_redis_url(REDIS_URL, _worker)

# Pages render afresh in tests unless a test turns the page cache on
# (tests/newsroom/test_pagecache.py): query counts are the uncached render's.
NEWSROOM_PAGE_CACHE = False

# The test databases are thrown away after the run: on PostgreSQL a commit
# need not wait for its WAL to reach the disk. The browser and live-server
# tests commit every write (and their flushes), each a wait on the disk's
# flush otherwise; nothing a test checks depends on it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c synchronous_commit=off"
    )
