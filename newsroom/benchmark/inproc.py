"""In-process measurements against the benchmark database: SQL queries per
page and median times, through Django's test client (no HTTP, no gunicorn).

    python -m newsroom.benchmark.inproc --pages pages.json --out figures.json

Queries: each page is fetched once to warm the process's caches, the next
fetch is counted (CaptureQueriesContext), with the page cache off
(NEWSROOM_PAGE_CACHE=false in the environment). Times: each page's median,
anonymous, the pages fetched in turn (timed_in_turn()); the admin's article
list and moderation queue as the benchmark's superuser.
"""

import argparse
import json
import re
import statistics
import time
from urllib.parse import urlsplit

# The public pages are fetched in turn for at least this long (at least
# `--requests` turns, at most MAX_TURNS); the admin lists for ADMIN_SAMPLING_S.
SAMPLING_S = 15.0
ADMIN_SAMPLING_S = 1.0
MAX_TURNS = 1000


def sitemap_page(client) -> str | None:
    """One page of the sitemaps, read from the index: the articles' if named."""
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return None
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    if not locations:
        return None
    chosen = next((loc for loc in locations if "article" in loc), locations[0])
    parts = urlsplit(chosen.replace("&amp;", "&"))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def timed_in_turn(
    client, pages: dict[str, str], requests: int, sampling_s: float | None = None
) -> dict[str, float]:
    """Each page's median milliseconds, the pages fetched one after the
    other, turn after turn, until each has `requests` fetches and
    `sampling_s` seconds (SAMPLING_S) have passed, at most MAX_TURNS turns
    (a sub-millisecond page's median from 15 fetches would be mostly the
    machine's noise). Timed one page after the other, a page's figure was
    the machine's speed during its own second or two: on this shared
    machine the same page's median at 1,000 articles was 17.3, 10.1 and
    20.1 ms in three rounds of one run. In turn, a busy spell falls on
    every page alike."""
    sampling_s = SAMPLING_S if sampling_s is None else sampling_s
    times: dict[str, list[float]] = {name: [] for name in pages}
    start = time.perf_counter()
    turns = 0
    while turns < MAX_TURNS and (
        turns < requests or time.perf_counter() - start < sampling_s
    ):
        for name, path in pages.items():
            t0 = time.perf_counter()
            client.get(path)
            times[name].append((time.perf_counter() - t0) * 1000)
        turns += 1
    return {name: statistics.median(ms) for name, ms in times.items()}


def measure(pages: dict[str, str], requests: int, *, admin: bool) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .seed import BENCH_ADMIN

    client = Client(raise_request_exception=False)
    pages = dict(pages)
    found = sitemap_page(client)
    if found:
        pages["sitemap-page"] = found
    queries, statuses = {}, {}
    for name, path in pages.items():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries[name] = len(captured.captured_queries)
        statuses[name] = response.status_code
    times = timed_in_turn(client, pages, requests)
    admin_ms = {}
    if admin:
        staff = Client(raise_request_exception=False)
        staff.force_login(get_user_model().objects.get(username=BENCH_ADMIN))
        lists = {
            "admin article list": "/admin/articles/article/",
            "admin moderation queue": "/admin/articles/comment/",
        }
        for name, path in lists.items():
            statuses[name] = staff.get(path).status_code
        admin_ms = timed_in_turn(
            staff, lists, max(5, requests // 3), sampling_s=ADMIN_SAMPLING_S
        )
    return {
        "pages": pages,
        "queries": queries,
        "times_ms": times,
        "admin_ms": admin_ms,
        "statuses": statuses,
    }


def main(argv=None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True, help="the seed's pages file")
    parser.add_argument("--out", required=True)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--no-admin", action="store_true")
    args = parser.parse_args(argv)
    django.setup()
    with open(args.pages) as source:
        pages = json.load(source)["pages"]
    figures = measure(pages, args.requests, admin=not args.no_admin)
    with open(args.out, "w") as out:
        json.dump(figures, out, indent=1)


if __name__ == "__main__":
    main()
