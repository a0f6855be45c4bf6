"""The benchmark's arithmetic and its one table (no Django, no processes)."""

import re
import statistics
from dataclasses import dataclass, field

# The targets.
UNCACHED_OVER_PEER = 2.5  # article vs Wagtail article, home vs Wagtail index
CACHED_SHARE_OF_CEILING = 0.5
CACHED_P99_MS = 20.0
QUERIES_ARTICLE = 6
QUERIES_OTHER = 5
SCALE_GROWTH = 1.3
ARCHIVE_DEEP_OVER_FIRST = 2.0
ADMIN_MS = 300.0
MEMORY_MB = 150.0
MEMORY_GROWTH = 0.10
# The pages whose cached figures have targets ("article, home, section, tag,
# agency, person, meeting pages and feeds").
CACHED_TARGET_PAGES = (
    "home",
    "article",
    "section",
    "tag",
    "agency",
    "person",
    "meeting",
    "feed",
)
# The pages whose in-process median must stay flat from 1,000 articles up.
SCALE_PAGES = (
    "home",
    "article",
    "tag",
    "agency",
    "meeting",
    "search",
    "search-rare",
    "feed",
    "sitemap",
    "sitemap-page",
)


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int = 0
    non_2xx: int = 0
    socket_errors: int = 0

    @property
    def failed(self) -> int:
        return self.non_2xx + self.socket_errors

    @property
    def errors(self) -> str:
        """What failed, in words."""
        parts = []
        if self.non_2xx:
            parts.append(f"{self.non_2xx} non-2xx")
        if self.socket_errors:
            parts.append(f"{self.socket_errors} timeouts or connection errors")
        return ", ".join(parts) or "none"


def _ms(text: str) -> float:
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    value, unit = float(match[1]), match[2]
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> WrkResult:
    """req/s, p50, p99, requests and failures from `wrk --latency` output.
    Non-2xx counts 3xx too (wrk lumps them): a benchmarked page must answer
    200."""
    rps = re.search(r"Requests/sec:\s*([0-9.]+)", output)
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.M)
    if not (rps and p50 and p99):
        raise ValueError("no figures in wrk's output:\n" + output)
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    sock = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests_per_s=float(rps[1]),
        p50_ms=_ms(p50[1]),
        p99_ms=_ms(p99[1]),
        requests=int(total[1]) if total else 0,
        non_2xx=int(bad[1]) if bad else 0,
        # Reads closed by sync workers are normal; the others are failures.
        socket_errors=sum(int(sock[i]) for i in (1, 3, 4)) if sock else 0,
    )


def median_result(results: list[WrkResult]) -> WrkResult:
    """Each figure's median over runs; failures summed."""
    return WrkResult(
        requests_per_s=statistics.median(r.requests_per_s for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        requests=sum(r.requests for r in results),
        non_2xx=sum(r.non_2xx for r in results),
        socket_errors=sum(r.socket_errors for r in results),
    )


@dataclass
class Row:
    page: str
    run: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    non_2xx: int | None = None
    queries: int | None = None
    checks: list[tuple[str, str, bool]] = field(default_factory=list)

    notes: list[str] = field(default_factory=list)

    def check(self, target: str, measured: str, ok: bool) -> None:
        self.checks.append((target, measured, ok))

    def note(self, text: str) -> None:
        """A figure shown beside the targets, not one of them."""
        self.notes.append(text)

    @property
    def result(self) -> str:
        if not self.checks:
            return ""
        return "PASS" if all(ok for _t, _m, ok in self.checks) else "FAIL"


def _num(value, digits=1) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def format_table(rows: list[Row]) -> str:
    """One Markdown table; each row's targets with what was measured, and
    PASS or FAIL (FAIL in capitals also on the failed target)."""
    header = [
        "page",
        "run",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "queries",
        "target: measured",
        "result",
    ]
    lines = [header]
    for row in rows:
        targets = "; ".join(
            [
                *(
                    f"{target}: {measured}" + ("" if ok else " FAIL")
                    for target, measured, ok in row.checks
                ),
                *row.notes,
            ]
        )
        lines.append(
            [
                row.page,
                row.run,
                _num(row.rps),
                _num(row.p50),
                _num(row.p99),
                _num(row.non_2xx),
                _num(row.queries),
                targets,
                row.result,
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6}

    def render(cells):
        return (
            "| "
            + " | ".join(
                cell.rjust(w) if i in numeric else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in numeric else "-" * (w + 2)
            for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([render(lines[0]), rule, *map(render, lines[1:])])


def summary(rows: list[Row]) -> tuple[int, int]:
    """(targets met, targets checked)."""
    checks = [ok for row in rows for _t, _m, ok in row.checks]
    return sum(checks), len(checks)


def _measured(page: str, run: str, result: WrkResult, queries=None) -> Row:
    """A row of wrk's figures, failing when an answer did."""
    row = Row(
        page,
        run,
        result.requests_per_s,
        result.p50_ms,
        result.p99_ms,
        result.failed,
        queries,
    )
    if result.failed:
        row.check("every answer 2xx in time", result.errors, False)
    return row


def _over_peer(result: WrkResult, peer_page: WrkResult | None) -> float | None:
    if not peer_page or not peer_page.requests_per_s:
        return None
    return result.requests_per_s / peer_page.requests_per_s


def lower_times(rounds: list[dict]) -> dict:
    """In-process figures of several rounds as one: each page's (and admin
    list's) lowest median time; the rest (pages, queries, statuses) from the
    first round, which has the admin lists."""
    merged = dict(rounds[0])
    for name in ("times_ms", "admin_ms"):
        times: dict[str, float] = {}
        for figures in rounds:
            for page, ms in figures.get(name, {}).items():
                times[page] = min(ms, times.get(page, ms))
        merged[name] = times
    return merged


def query_limit(page: str) -> int:
    return QUERIES_ARTICLE if page == "article" else QUERIES_OTHER


def build_rows(
    *,
    cached: dict[str, WrkResult],
    uncached: dict[str, WrkResult],
    peer: dict[str, WrkResult],
    ceiling: WrkResult | None,
    queries: dict[str, int],
    times_small: dict[str, float],
    times_full: dict[str, float],
    size_small: int,
    size_full: int,
    admin_ms: dict[str, float],
    memory: dict | None,
    statuses: dict[str, int] | None = None,
    uncached_small: dict[str, WrkResult] | None = None,
) -> list[Row]:
    """The table's rows with every target checked that has its figures. A
    page that did not answer 200 in-process (`statuses`) has no query count
    or time: it fails instead. The uncached pages are compared with Wagtail's
    side by side at the same size, as the issue measured them: ours at
    `size_small` articles (`uncached_small`) against the peer's 1,000; the
    ratio at `size_full` is shown beside it."""
    uncached_small = uncached_small or {}
    statuses = statuses or {}
    broken = {page for page, status in statuses.items() if status != 200}
    queries = {p: n for p, n in queries.items() if p not in broken}
    times_full = {p: ms for p, ms in times_full.items() if p not in broken}
    admin_ms = {p: ms for p, ms in admin_ms.items() if p not in broken}
    rows = []
    peer_of = {"article": "article", "home": "index"}
    for page, result in uncached.items():
        row = _measured(page, "uncached", result, queries.get(page))
        if page in broken:
            row.check("in-process answer 200", str(statuses[page]), False)
        if page in queries:
            limit = query_limit(page)
            row.check(f"queries ≤ {limit}", str(queries[page]), queries[page] <= limit)
        ratio = _over_peer(result, peer.get(peer_of.get(page, "")))
        if ratio is not None and page in uncached_small:
            row.note(f"{ratio:.2f}× Wagtail {peer_of[page]} at {size_full:,}")
        elif ratio is not None:
            row.check(
                f"≥ {UNCACHED_OVER_PEER}× Wagtail {peer_of[page]}",
                f"{ratio:.2f}×",
                ratio >= UNCACHED_OVER_PEER,
            )
        rows.append(row)
    for page, result in uncached_small.items():
        row = _measured(page, f"uncached, {size_small:,} articles", result)
        ratio = _over_peer(result, peer.get(peer_of.get(page, "")))
        if ratio is not None:
            row.check(
                f"≥ {UNCACHED_OVER_PEER}× Wagtail {peer_of[page]} (same size)",
                f"{ratio:.2f}×",
                ratio >= UNCACHED_OVER_PEER,
            )
        rows.append(row)
    for page, result in cached.items():
        row = _measured(page, "cached", result)
        if page in CACHED_TARGET_PAGES:
            if ceiling and ceiling.requests_per_s:
                share = result.requests_per_s / ceiling.requests_per_s
                row.check(
                    "≥ 50% of bare WSGI",
                    f"{share:.0%}",
                    share >= CACHED_SHARE_OF_CEILING,
                )
            row.check(
                f"p99 < {CACHED_P99_MS:.0f} ms",
                f"{result.p99_ms:.1f} ms",
                result.p99_ms < CACHED_P99_MS,
            )
        rows.append(row)
    for page, result in peer.items():
        rows.append(
            Row(
                f"Wagtail {page}",
                "peer",
                result.requests_per_s,
                result.p50_ms,
                result.p99_ms,
                result.failed,
                queries.get(f"wagtail-{page}"),
            )
        )
    if ceiling:
        rows.append(
            Row(
                "bare WSGI 6.4 KB",
                "ceiling",
                ceiling.requests_per_s,
                ceiling.p50_ms,
                ceiling.p99_ms,
                ceiling.failed,
            )
        )
    for page in SCALE_PAGES:
        if page in times_small and page in times_full and times_small[page]:
            growth = times_full[page] / times_small[page]
            row = Row(
                page,
                f"in-process median ms, {size_small:,} → {size_full:,} articles",
                p50=times_full[page],
            )
            row.check(
                f"≤ {SCALE_GROWTH}× the {size_small:,} figure",
                f"{times_small[page]:.1f} → {times_full[page]:.1f} ms, {growth:.2f}×",
                growth <= SCALE_GROWTH,
            )
            rows.append(row)
    if "archive" in times_full and "archive-deep" in times_full:
        first, deep = times_full["archive"], times_full["archive-deep"]
        row = Row("archive deep page", "in-process median ms", p50=deep)
        row.check(
            f"≤ {ARCHIVE_DEEP_OVER_FIRST:g}× the first archive page",
            f"{first:.1f} → {deep:.1f} ms, {deep / first:.2f}×",
            deep <= ARCHIVE_DEEP_OVER_FIRST * first,
        )
        rows.append(row)
    for page in sorted(broken & {"admin article list", "admin moderation queue"}):
        row = Row(page, "in-process")
        row.check("answer 200", str(statuses[page]), False)
        rows.append(row)
    for page, ms in admin_ms.items():
        row = Row(page, f"in-process median ms, {size_full:,} articles", p50=ms)
        row.check(f"< {ADMIN_MS:.0f} ms", f"{ms:.0f} ms", ms < ADMIN_MS)
        rows.append(row)
    if memory:
        first, second = memory["rss_mb"]
        growth = (second - first) / first if first else 0.0
        row = Row(
            "worker memory (VmRSS)",
            f"after {memory['requests'][0]:,} / {memory['requests'][1]:,} requests",
        )
        row.check(
            f"< {MEMORY_MB:.0f} MB",
            f"{first:.1f} / {second:.1f} MB",
            second < MEMORY_MB,
        )
        row.check(
            f"growth < {MEMORY_GROWTH:.0%}", f"{growth:+.1%}", growth < MEMORY_GROWTH
        )
        rows.append(row)
    return rows
