"""`make bench`: seed, serve, load, measure, print one table, clean up.

    python -m newsroom.benchmark [--articles N] [--duration 10s] [--runs 1]

Environment (each also a flag): BENCH_ARTICLES (100000; `make bench
SIZE=small` is 2000), BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_RUNS (1),
BENCH_SCALE_BASE (1000: the size the scale check compares with),
BENCH_PG_URL (postgres://<user>@127.0.0.1:5432, the server to create the
databases on), BENCH_DB (newsroom_bench; the scale base's is
newsroom_bench_base), BENCH_REDIS_URL (redis://127.0.0.1:6379/14, emptied at
the start), BENCH_PEER_DIR (the Wagtail peer's scripts; BENCH_PEER=0 skips
it; BENCH_PEER_REUSE=1 keeps the peer an earlier run set up),
BENCH_MEMORY_REQUESTS (10000).

Every process it starts is recorded by pid and stopped on the way out,
whatever happens (Ctrl-C included); the Wagtail peer by its own stop.sh.
"""

import argparse
import getpass
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import report
from .procs import Processes, children, free_port, rss_mb, wait_for_http

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SMALL = 2000

# In-process rounds of each size for the scale ratios. Two were not enough on
# a shared machine: in one run (2026-12-03 07:00) the 1,000-article round
# timed the section page at 6.9 ms, the one a minute later at 12.6 ms, and
# the 100,000-article rounds fell on the slow minutes.
SCALE_ROUNDS = 3
# Sync workers of each gunicorn the benchmark starts (the peer's too).
WORKERS = 2


def log(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = os.environ.get("BENCH_ARTICLES") or (
        str(SMALL) if os.environ.get("SIZE") == "small" else "100000"
    )
    parser.add_argument("--articles", type=int, default=int(size))
    parser.add_argument("--duration", default=_env("BENCH_DURATION", "10s"))
    parser.add_argument("--warmup", default=_env("BENCH_WARMUP", "3s"))
    parser.add_argument("--runs", type=int, default=int(_env("BENCH_RUNS", "1")))
    parser.add_argument(
        "--scale-base", type=int, default=int(_env("BENCH_SCALE_BASE", "1000"))
    )
    parser.add_argument(
        "--pg-url",
        default=_env("BENCH_PG_URL", f"postgres://{getpass.getuser()}@127.0.0.1:5432"),
    )
    parser.add_argument("--db", default=_env("BENCH_DB", "newsroom_bench"))
    parser.add_argument(
        "--redis-url", default=_env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument(
        "--redis-url-small",
        default=_env("BENCH_REDIS_URL_SMALL", "redis://127.0.0.1:6379/13"),
        help="the 1,000-article server's own Redis database (cache keys do "
        "not name the database)",
    )
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=int(_env("BENCH_MEMORY_REQUESTS", "10000")),
    )
    parser.add_argument(
        "--no-peer", action="store_true", default=_env("BENCH_PEER", "1") == "0"
    )
    return parser.parse_args(argv)


def find_peer_dir() -> Path | None:
    """The Wagtail peer's scripts: BENCH_PEER_DIR, else ../shared/bench/
    peer-wagtail beside the checkout, else /work/shared/bench/peer-wagtail."""
    candidates = [
        os.environ.get("BENCH_PEER_DIR"),
        ROOT.parent / "shared" / "bench" / "peer-wagtail",
        "/work/shared/bench/peer-wagtail",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "setup.sh").is_file():
            return Path(candidate)
    return None


class Phases:
    def __init__(self):
        self.done: list[tuple[str, float]] = []
        self.t0 = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.done.append((name, now - self.t0))
        log(f"== {name}: {now - self.t0:.1f}s")
        self.t0 = now


def recreate_database(pg_url: str, name: str) -> str:
    import psycopg

    conn = psycopg.connect(f"{pg_url}/postgres", autocommit=True)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")
    finally:
        conn.close()
    return f"{pg_url}/{name}"


def run_checked(args, env, what: str) -> None:
    result = subprocess.run(args, env=env, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"{what} failed (exit {result.returncode})")


def build_database(pg_url, name, articles, env, tmp: Path) -> dict:
    url = recreate_database(pg_url, name)
    db_env = {**env, "DATABASE_URL": url}
    run_checked([PY, "manage.py", "migrate", "--noinput", "-v", "0"], db_env, "migrate")
    pages_file = tmp / f"{name}.pages.json"
    run_checked(
        [
            PY,
            "-m",
            "newsroom.benchmark.seed",
            "--articles",
            str(articles),
            "--pages-file",
            str(pages_file),
        ],
        db_env,
        "seeding",
    )
    return {"url": url, "env": db_env, "pages_file": pages_file}


def in_process(db: dict, tmp: Path, label: str, admin: bool) -> dict:
    """One in-process measurement of `db`, its data caches starting empty:
    the Redis database is emptied first (the other size's navigation, filter
    lists and versions would otherwise be read: cache keys do not name the
    database)."""
    import redis

    redis.Redis.from_url(db["env"]["REDIS_URL"]).flushdb()
    out = tmp / f"inproc-{label}.json"
    env = {
        **db["env"],
        "NEWSROOM_PAGE_CACHE": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    }
    args = [PY, "-m", "newsroom.benchmark.inproc", "--pages", str(db["pages_file"])]
    args += ["--out", str(out)]
    if not admin:
        args.append("--no-admin")
    run_checked(args, env, "in-process measurement")
    return json.loads(out.read_text())


def gunicorn(procs: Processes, env, tmp: Path, name: str, app=None, extra=()):
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
    }
    args = [str(Path(PY).with_name("gunicorn")), "-c", "gunicorn.conf.py", *extra]
    if app:
        args.append(app)
    process = procs.start(
        args, env=server_env, log=tmp / f"gunicorn-{name}.log", cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/healthz" if not app else base + "/", process=process)
    return base, process


def wrk(url: str, duration: str, script: Path | None = None) -> report.WrkResult:
    # Answers slower than gunicorn's own timeout (30 s) count as timeouts;
    # wrk's default (2 s) would drop slow pages' latencies from the figures.
    args = ["wrk", "-t2", "-c16", f"-d{duration}", "--latency", "--timeout", "30s"]
    if script:
        args += ["-s", str(script)]
    output = subprocess.run(
        [*args, url], capture_output=True, text=True, check=False
    ).stdout
    return report.parse_wrk(output)


def drained(url: str) -> None:
    """Return once the server of `url` has answered what a wrk run left
    queued. wrk stops at its duration, but the requests its 16 connections
    had sent are still answered: 16 sitemap pages of a second each kept the
    two workers busy for the first 3 s of the next run, which measured the
    home page at 1,000 articles at 83 req/s (about 100 once they were done).
    One request per worker, sent together: both are answered only after
    everything queued before them."""
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(status_of, [url] * WORKERS))
    except OSError as error:
        log(f"  {url} did not answer after its run: {error}")


def status_of(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def setup_peer(peer_dir: Path, procs: Processes, tmp: Path):
    env = {
        **os.environ,
        "PEER_ROOT": _env("BENCH_PEER_ROOT", "/tmp/newsroom-bench-peer"),
        "PEER_DB_NAME": _env("BENCH_PEER_DB", "newsroom_bench_peer"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("VIRTUAL_ENV", None)
    ready = Path(env["PEER_ROOT"]) / "bench_urls.env"
    if os.environ.get("BENCH_PEER_REUSE") == "1" and ready.is_file():
        # Set up by an earlier run (its database kept): start at once.
        return procs.start(["true"]), env
    process = procs.start(
        ["bash", str(peer_dir / "setup.sh")],
        env=env,
        log=tmp / "peer-setup.log",
        cwd=tmp,  # not the checkout: gunicorn would read its gunicorn.conf.py
    )
    return process, env


def memory_check(procs, env, tmp, paths: list[str], per_step: int) -> dict:
    """A server without worker recycling (--max-requests 0), page cache on;
    wrk over a mix of pages until `per_step`, then twice that, requests;
    the larger worker's VmRSS each time."""
    base, process = gunicorn(procs, env, tmp, "memory", extra=["--max-requests", "0"])
    script = tmp / "mix.lua"
    script.write_text(
        "paths = {"
        + ", ".join(json.dumps(p) for p in paths)
        + "}\ni = 0\nrequest = function()\n  i = i + 1\n"
        "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n"
    )
    done, rss, marks = 0, [], []
    for target in (per_step, 2 * per_step):
        while done < target:
            done += wrk(base + "/", "2s", script).requests
        workers = children(process.pid)
        for pid in workers:
            procs.remember(pid)
        rss.append(max(rss_mb(pid) for pid in workers))
        marks.append(done)
        log(f"  after {done:,} requests: worker VmRSS {rss[-1]:.1f} MB")
    procs.stop(process.pid)
    return {"requests": marks, "rss_mb": rss}


def main(argv=None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        log("wrk is missing: install it with `apt-get install -y wrk` (Debian).")
        return 1
    procs = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    # A TERM (or a closed terminal) cleans up like Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGHUP, _interrupted)
    phases = Phases()
    try:
        return _bench(args, procs, tmp, phases)
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        still = procs.stop_all()
        if still:
            log(f"stopped the benchmark's processes: {' '.join(map(str, still))}")
        shutil.rmtree(tmp / "static", ignore_errors=True)
        log(f"logs (gunicorn, seeding, the peer's setup) kept in {tmp}")


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def _bench(args, procs: Processes, tmp: Path, phases: Phases) -> int:
    import redis

    static_root = tmp / "static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.benchmark.settings",
        "NEWSROOM_BENCH_STATIC_ROOT": str(static_root),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_DB_CONN_MAX_AGE": "60",
        "REDIS_URL": args.redis_url,
    }
    log(
        f"newsroom benchmark: {args.articles:,} articles; wrk -t2 -c16 "
        f"-d{args.duration} --latency --timeout 30s, {args.runs} run(s) after "
        f"{args.warmup} of warm-up a page; 2 sync workers; "
        f"{os.cpu_count()} CPUs; work files in {tmp}"
    )
    peer_dir = None if args.no_peer else find_peer_dir()
    peer = None
    if peer_dir:
        log(f"== Wagtail peer: setting up from {peer_dir} (in the background)")
        peer = setup_peer(peer_dir, procs, tmp)
    elif not args.no_peer:
        log(
            "Wagtail peer not found (BENCH_PEER_DIR, ../shared/bench/peer-wagtail, "
            "/work/shared/bench/peer-wagtail): its columns are left out."
        )

    full = build_database(args.pg_url, args.db, args.articles, env, tmp)
    phases.lap(f"database {args.db}: created, migrated, seeded ({args.articles:,})")
    base_db = None
    if args.scale_base and args.scale_base != args.articles:
        base_db = build_database(
            args.pg_url, f"{args.db}_base", args.scale_base, env, tmp
        )
        phases.lap(f"database {args.db}_base: {args.scale_base:,} articles")
    run_checked(
        [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        full["env"],
        "collectstatic",
    )
    redis.Redis.from_url(args.redis_url).flushdb()
    phases.lap("static files collected, Redis database emptied")

    # The peer is set up (in the background, during the seeding) before
    # anything is timed: its installing and seeding would share the cores.
    peer_urls, peer_query_counts = {}, {}
    if peer:
        process, peer_env = peer
        log("== waiting for the Wagtail peer's setup")
        if process.wait() != 0:
            log(f"Wagtail peer's setup failed; see {tmp / 'peer-setup.log'}:")
            log((tmp / "peer-setup.log").read_text()[-2000:])
            peer = None
        else:
            served = subprocess.run(
                ["bash", str(peer_dir / "serve.sh")], env=peer_env, cwd=tmp
            )
            if served.returncode:
                log("Wagtail peer did not start: its columns are left out.")
                peer = None
        if peer:
            pidfile = Path(peer_env["PEER_ROOT"]) / "gunicorn.pid"
            procs.remember(int(pidfile.read_text().strip()))
            urls = dict(
                line.split("=", 1)
                for line in (Path(peer_env["PEER_ROOT"]) / "bench_urls.env")
                .read_text()
                .split()
                if "=" in line
            )
            peer_port = 8101
            peer_urls = {
                "article": f"http://127.0.0.1:{peer_port}{urls['ARTICLE_PATH']}",
                "index": f"http://127.0.0.1:{peer_port}{urls['INDEX_PATH']}",
            }
            peer_query_counts = peer_queries(peer_env, urls)
        phases.lap("Wagtail peer set up and serving")

    # The two sizes measured in turn (base, full, base, full, base, full), each
    # page's lower median kept: noise on a shared machine only adds time, and
    # alternating keeps a busy minute from falling on one size only.
    rounds = []
    for n in range(SCALE_ROUNDS):
        base_round = (
            in_process(base_db, tmp, f"base-{n}", admin=False) if base_db else {}
        )
        rounds.append((base_round, in_process(full, tmp, f"full-{n}", admin=n == 0)))
    figures = report.lower_times([full_round for _b, full_round in rounds])
    base_figures = report.lower_times([b for b, _f in rounds if b]) if base_db else {}
    pages = figures["pages"]
    for name, status in figures["statuses"].items():
        if status != 200:
            log(f"  in-process: {name} answered HTTP {status}")
    figures["queries"].update(peer_query_counts)
    phases.lap("queries and in-process times")

    cached_base, _ = gunicorn(procs, full["env"], tmp, "cached")
    uncached_base, _ = gunicorn(
        procs, {**full["env"], "NEWSROOM_PAGE_CACHE": "false"}, tmp, "uncached"
    )
    ceiling_base, _ = gunicorn(
        procs, full["env"], tmp, "ceiling", app="newsroom.benchmark.ceiling:application"
    )
    targets = {}
    for name, path in pages.items():
        targets[("cached", name)] = cached_base + path
        targets[("uncached", name)] = uncached_base + path
    if base_db and peer_urls:
        # Side by side with the peer at its size, as the issue compares them.
        redis.Redis.from_url(args.redis_url_small).flushdb()
        small_env = {**base_db["env"], "REDIS_URL": args.redis_url_small}
        small_base, _ = gunicorn(
            procs, {**small_env, "NEWSROOM_PAGE_CACHE": "false"}, tmp, "uncached-small"
        )
        for name in ("home", "article"):
            if name in base_figures.get("pages", {}):
                path = base_figures["pages"][name]
                targets[("uncached-small", name)] = small_base + path
    for name, url in peer_urls.items():
        targets[("peer", name)] = url
    targets[("ceiling", "bare WSGI")] = ceiling_base + "/"
    for key, url in targets.items():
        status = status_of(url)
        if status != 200:
            log(f"  {key[0]} {key[1]} {url}: HTTP {status}")
        wrk(url, args.warmup)
    phases.lap(f"servers up and warmed ({len(targets)} URLs)")

    results: dict[tuple[str, str], list[report.WrkResult]] = {}
    for run in range(args.runs):
        # Interleaved: every page once a round, so noise hits all alike.
        for key, url in targets.items():
            results.setdefault(key, []).append(wrk(url, args.duration))
            drained(url)
        log(f"  round {run + 1}/{args.runs} done")
    phases.lap("wrk")
    medians = {key: report.median_result(runs) for key, runs in results.items()}

    # The pages the page cache serves (search, answering every query, is
    # left out: it would make the mix the search's).
    mix = [pages[p] for p in report.CACHED_TARGET_PAGES if p in pages]
    memory = memory_check(procs, full["env"], tmp, mix, args.memory_requests)
    phases.lap("memory")

    if peer:
        subprocess.run(
            ["bash", str(peer_dir / "stop.sh")], env=peer[1], cwd=tmp, check=False
        )
    procs.stop_all()
    phases.lap("servers stopped")

    rows = report.build_rows(
        cached={n: r for (kind, n), r in medians.items() if kind == "cached"},
        uncached={n: r for (kind, n), r in medians.items() if kind == "uncached"},
        uncached_small={
            n: r for (kind, n), r in medians.items() if kind == "uncached-small"
        },
        peer={n: r for (kind, n), r in medians.items() if kind == "peer"},
        ceiling=medians.get(("ceiling", "bare WSGI")),
        queries=figures["queries"],
        statuses=figures["statuses"],
        times_small=base_figures.get("times_ms", {}),
        times_full=figures["times_ms"],
        size_small=args.scale_base,
        size_full=args.articles,
        admin_ms=figures["admin_ms"],
        memory=memory,
    )
    log("")
    log("pages: " + ", ".join(f"{k} {v}" for k, v in pages.items()))
    odd = odd_answers(tmp)
    if odd:
        log("answers other than 200 in the access logs: " + odd)
    log("")
    log(report.format_table(rows))
    met, checked = report.summary(rows)
    log("")
    log(
        f"targets met: {met} of {checked}"
        + ("" if met == checked else "  — FAIL: see the rows marked FAIL")
    )
    log("phases: " + "; ".join(f"{n} {s:.0f}s" for n, s in phases.done))
    log(
        "load average now (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} CPUs; figures taken on a busy machine are low"
    )
    return 0


def odd_answers(tmp: Path) -> str:
    """The non-200 answers in the newsroom servers' access logs, counted by
    server, path and status."""
    counts: dict[str, int] = {}
    for path in sorted(tmp.glob("gunicorn-*.log")):
        server = path.stem.removeprefix("gunicorn-")
        for line in path.read_text(errors="replace").splitlines():
            match = re.search(r'"path": "([^"]*)", "status": (\d+)', line)
            if match and match[2] != "200":
                key = f"{server} {match[1]} {match[2]}"
                counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{key} ×{n}" for key, n in sorted(counts.items()))


def peer_queries(peer_env: dict, urls: dict) -> dict[str, int]:
    root = Path(peer_env["PEER_ROOT"])
    result = subprocess.run(
        [
            str(root / "venv" / "bin" / "python"),
            "manage.py",
            "count_queries",
            f"article={urls['ARTICLE_PATH']}",
            f"index={urls['INDEX_PATH']}",
        ],
        cwd=root / "site",
        env={**peer_env, "DJANGO_SETTINGS_MODULE": "peersite.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    counts = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "queries":
            counts[f"wagtail-{parts[0]}"] = int(parts[2])
    return counts


if __name__ == "__main__":
    sys.exit(main())
