"""`make bench` (newsroom/benchmark): the seeding gives what it promises, with
the derived data the product's writes leave; the table says PASS and FAIL
right; the processes it starts are stopped by pid."""

import http.server
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.db.models import Count, Q
from taggit.models import Tag

from agencies.models import Agency, Meeting, Person
from articles.models import Article, Comment
from articles.search.index import update_search_vectors
from newsroom.benchmark import report
from newsroom.benchmark.procs import Processes, alive, children
from newsroom.benchmark.seed import RARE_WORD, SEARCH_WORD, Size, seed

SMALL = Size(
    articles=40, agencies=8, people=6, meetings=4, tags=10, comments=300, held=7
)


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark seeds PostgreSQL only (COPY, generate_series)")


@pytest.mark.postgres
@pytest.mark.django_db
def test_seeding_gives_the_promised_counts():
    postgres_only()
    seed(SMALL)
    assert Article.objects.count() == 40
    assert Article.objects.published().count() == 40
    assert Agency.objects.count() == 8
    assert Person.objects.count() == 6
    assert Meeting.objects.count() == 4
    assert Tag.objects.count() == 10
    assert len(set(Article.objects.values_list("slug", flat=True))) == 40
    per_article = Article.objects.annotate(
        n_tags=Count("tagged_items", distinct=True),
        n_agencies=Count("agencies", distinct=True),
        n_people=Count("people", distinct=True),
    )
    for article in per_article:
        assert 3 <= article.n_tags <= 5, article.slug
        assert article.n_agencies == 3, article.slug
        assert article.n_people == 2, article.slug
        assert article.meeting_id is not None
        assert 3000 <= len(article.body) <= 4500
    assert Comment.objects.filter(status="approved").count() == 300 + 10
    assert Comment.objects.filter(status="pending").count() == 7
    newest = Article.objects.order_by("-published_at").first()
    assert newest.comments.filter(status="approved").count() == 10


@pytest.mark.postgres
@pytest.mark.django_db
def test_seeding_leaves_the_derived_data_of_the_products_writes():
    postgres_only()
    seed(SMALL)
    # The approved comments' counts.
    counted = Article.objects.annotate(
        approved=Count("comments", filter=Q(comments__status="approved"))
    )
    assert all(a.approved == a.approved_comment_count for a in counted)
    assert sum(a.approved_comment_count for a in counted) == 310
    # The search vectors: those the articles' own update computes.
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert not Article.objects.filter(rank_vector__isnull=True).exists()

    def vectors():
        rows = Article.objects.values_list("pk", "search_vector", "rank_vector")
        return {pk: (found, ranked) for pk, found, ranked in rows}

    stored = vectors()
    update_search_vectors(Article.objects.values("pk"))
    assert vectors() == stored
    # A word in every story finds every story; the rare one, one in ten.
    assert Article.objects.filter(search_vector=SEARCH_WORD).count() == 40
    assert Article.objects.filter(search_vector=RARE_WORD).count() == 4


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_benchmarked_pages_answer(client):
    postgres_only()
    pages = seed(SMALL)["pages"]
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
    article = client.get(pages["article"])
    assert article.content.decode().count("Pembaca ") >= 10


def wrk_output(rps="1234.56", p50="3.10ms", p99="18.00ms", bad=""):
    return f"""Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.00ms    1.00ms  30.00ms   90.00%
  Latency Distribution
     50%    {p50}
     75%    4.00ms
     90%    6.00ms
     99%    {p99}
  12345 requests in 10.00s, 80.00MB read
{bad}Requests/sec:   {rps}
Transfer/sec:      8.00MB
"""


def test_wrk_output_is_read():
    result = report.parse_wrk(
        wrk_output(p99="1.20s", bad="  Non-2xx or 3xx responses: 7\n")
    )
    assert result.requests_per_s == 1234.56
    assert result.p50_ms == 3.1
    assert result.p99_ms == 1200.0
    assert result.requests == 12345
    assert result.non_2xx == 7
    assert result.errors == "7 non-2xx"
    assert report.parse_wrk(wrk_output(p50="850.00us")).p50_ms == 0.85


def test_the_table_says_pass_and_fail():
    fast = report.parse_wrk(wrk_output(rps="600"))
    slow = report.parse_wrk(wrk_output(rps="100", p99="45.00ms"))
    rows = report.build_rows(
        cached={"article": fast, "search": slow},
        uncached={"article": fast, "home": slow},
        peer={"article": report.parse_wrk(wrk_output(rps="200")), "index": fast},
        ceiling=report.parse_wrk(wrk_output(rps="1000")),
        queries={"article": 6, "home": 7},
        times_small={"home": 10.0, "tag": 10.0},
        times_full={"home": 12.0, "tag": 20.0, "archive": 10.0, "archive-deep": 30.0},
        size_small=1000,
        size_full=100_000,
        admin_ms={"admin article list": 120.0},
        memory={"requests": [10_000, 20_000], "rss_mb": [100.0, 115.0]},
    )
    table = report.format_table(rows)
    lines = {
        line.split("|")[1].strip() + "/" + line.split("|")[2].strip(): line
        for line in table.splitlines()[2:]
    }
    assert lines["article/uncached"].rstrip(" |").endswith("PASS")  # 3× Wagtail
    assert "3.00×" in lines["article/uncached"]
    assert "queries ≤ 5: 7 FAIL" in lines["home/uncached"]
    assert "0.17× FAIL" in lines["home/uncached"]  # 100 vs the index's 1234
    assert "60%" in lines["article/cached"] and "PASS" in lines["article/cached"]
    assert lines["search/cached"].split("|")[-2].strip() == ""  # no target
    assert "1.20×" in table and "2.00× FAIL" in table  # home flat, tag not
    assert "3.00× FAIL" in table  # archive's deep page
    assert "120 ms" in table
    assert "+15.0% FAIL" in table  # memory growth
    assert table.splitlines()[1].startswith("|---")
    met, checked = report.summary(rows)
    assert 0 < met < checked


def test_uncached_pages_are_held_to_wagtail_at_the_same_size():
    peer = {
        "article": report.parse_wrk(wrk_output(rps="200")),
        "index": report.parse_wrk(wrk_output(rps="100")),
    }
    rows = report.build_rows(
        cached={},
        uncached={
            "article": report.parse_wrk(wrk_output(rps="100")),
            "home": report.parse_wrk(wrk_output(rps="50")),
        },
        uncached_small={
            "article": report.parse_wrk(wrk_output(rps="600")),
            "home": report.parse_wrk(wrk_output(rps="200")),
        },
        peer=peer,
        ceiling=None,
        queries={},
        times_small={},
        times_full={},
        size_small=1000,
        size_full=100_000,
        admin_ms={},
        memory=None,
    )
    lines = {
        line.split("|")[1].strip() + "/" + line.split("|")[2].strip(): line
        for line in report.format_table(rows).splitlines()[2:]
    }
    same = lines["article/uncached, 1,000 articles"]
    assert "(same size): 3.00×" in same and same.rstrip(" |").endswith("PASS")
    assert "2.00× FAIL" in lines["home/uncached, 1,000 articles"]
    # At the full size the ratio is shown, not counted.
    assert "0.50× Wagtail article at 100,000" in lines["article/uncached"]
    assert not lines["article/uncached"].rstrip(" |").endswith(("PASS", "FAIL"))
    assert report.summary(rows) == (1, 2)


def test_the_processes_started_are_stopped_by_pid():
    procs = Processes()
    sleeper = procs.start(["sleep", "60"])
    # A parent with a child of its own, as a gunicorn master has workers.
    parent = procs.start(
        [sys.executable, "-c", "import subprocess; subprocess.run(['sleep', '60'])"]
    )
    for _ in range(100):
        if children(parent.pid):
            break
        subprocess.run(["sleep", "0.05"])
    (child,) = children(parent.pid)
    procs.stop(parent.pid)  # its children known now are stopped with it
    assert not alive(parent.pid) and not alive(child)
    assert alive(sleeper.pid)
    assert procs.stop_all() == [sleeper.pid]
    assert not alive(sleeper.pid)
    assert procs.stop_all() == []


def test_fast_pages_are_timed_over_many_fetches(monkeypatch):
    from newsroom.benchmark import inproc

    class Client:
        fetches = 0

        def get(self, path):
            self.fetches += 1
            return type("Response", (), {"status_code": 200})()

    # The sampling time never passes here, however busy the machine: only
    # the cap of 1,000 turns stops a page that answers at once.
    client = Client()
    medians = inproc.timed_in_turn(client, {"home": "/"}, 15, sampling_s=600.0)
    assert medians["home"] >= 0
    assert client.fetches == 1000

    # Once the sampling time has passed, the requested number is enough.
    client = Client()
    inproc.timed_in_turn(client, {"home": "/"}, 15, sampling_s=0.0)
    assert client.fetches == 15


def test_public_pages_are_timed_in_turn(monkeypatch):
    from newsroom.benchmark import inproc

    class Client:
        def __init__(self):
            self.fetched = []

        def get(self, path):
            self.fetched.append(path)

    pages = {"home": "/", "article": "/articles/a/", "tag": "/tags/t/"}
    # The sampling time passed: `requests` turns, each page once a turn.
    monkeypatch.setattr(inproc, "SAMPLING_S", 0.0)
    client = Client()
    medians = inproc.timed_in_turn(client, pages, requests=4)
    assert client.fetched == ["/", "/articles/a/", "/tags/t/"] * 4
    assert set(medians) == set(pages) and all(ms >= 0 for ms in medians.values())

    # Never passed, however busy the machine: the cap of turns stops it.
    monkeypatch.setattr(inproc, "SAMPLING_S", 600.0)
    monkeypatch.setattr(inproc, "MAX_TURNS", 50)
    client = Client()
    inproc.timed_in_turn(client, pages, requests=4)
    assert len(client.fetched) == 150 and client.fetched[-3:] == list(pages.values())


def test_the_next_run_starts_once_the_last_runs_queued_requests_are_answered():
    """A server answering one request at a time, 0.1 s each, with five left
    queued by a run that has stopped waiting for them."""
    from newsroom.benchmark import run

    answered = []

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(0.1)
            # Noted before the answer goes out: noted after, the client could
            # read it (and drained() return) before the list had it.
            answered.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        left = [
            threading.Thread(target=run.status_of, args=(f"{url}/left-{n}",))
            for n in range(5)
        ]
        for thread in left:
            thread.start()
        while len(answered) < 1:  # the run's requests are in the queue
            time.sleep(0.01)
        run.drained(url + "/")
        assert sorted(answered)[-5:] == [f"/left-{n}" for n in range(5)]
        assert answered.count("/") == run.WORKERS
    finally:
        server.shutdown()
        server.server_close()


def test_scale_rounds_keep_each_pages_lower_median():
    rounds = [
        {
            "pages": {"home": "/"},
            "queries": {"home": 2},
            "times_ms": {"home": 30.0},
            "admin_ms": {"admin article list": 120.0},
            "statuses": {"home": 200},
        },
        {
            "pages": {"home": "/"},
            "queries": {"home": 2},
            "times_ms": {"home": 21.0},
            "admin_ms": {},
            "statuses": {"home": 200},
        },
    ]
    merged = report.lower_times(rounds)
    assert merged["times_ms"] == {"home": 21.0}
    assert merged["admin_ms"] == {"admin article list": 120.0}
    assert merged["queries"] == {"home": 2} and merged["pages"] == {"home": "/"}
