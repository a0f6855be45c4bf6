"""Most read: the stories' reads per day (Jakarta time), counted by the server.

How, and why so:

- `record_read()` adds one to a counter in this process's memory: no cookie,
  no script, no network or database round trip while the page is served, so
  a slow or dead Redis or database cannot slow or break a story's page.
  Not counted: HEAD and other non-GET requests, browsers' prefetches, bots
  (an empty User-Agent or one naming a bot: is_bot) and staff.
- The counts reach the database in one batch (`flush_reads()`, DailyReads,
  one row per story and day) after the response of a counted read, once
  FLUSH_SECONDS have passed since the last batch or FLUSH_READS reads wait,
  and when the process exits (gunicorn's workers exit normally, also when
  they restart after max_requests).
- A batch adds to what is stored (INSERT … ON CONFLICT DO UPDATE SET count =
  count + excluded.count, the same statement on SQLite and PostgreSQL), so
  the counts of every process add up.
- Redis is not used: Django's cache API cannot list a day's counters, the
  raw client would tie the count to one cache backend, and each page would
  pay a round trip. There is no flush command either: a separate process has
  nothing of the web workers' to flush.
- A reader counts one read of a story a day: asking for the page again and
  again (a reload, or a script pushing a story up the list) is not another
  read. A reader is an address (an IPv6 /64: what one phone or household is
  given) with its User-Agent, and an address counts at most
  READERS_PER_ADDRESS readers of a story a day (a script that changes its
  User-Agent; not one, as carrier NAT puts many readers behind an address).
  Only public addresses: behind a proxy left out of NEWSROOM_TRUSTED_PROXIES
  every reader has the proxy's (private) address and would be one. Each
  process remembers its own readers (a reader counts at most once a worker),
  each with the day (the next day's read counts again), all forgotten when
  REMEMBERED_READERS are held.
- What may be lost: the unflushed reads of a process killed hard (SIGKILL,
  out of memory, gunicorn's timeout), and a batch the database refuses (logged,
  dropped; never an error page). The figures are a ranking, not an audit.
"""

import atexit
import logging
import re
import threading
import time
from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from newsroom import cachetags

from .models import Article, DailyReads
from .ratelimits import reader_address

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 30
FLUSH_READS = 1000
# Readers of a story one address counts a day, and the readers remembered
# (6.5 MB at most, measured with the addresses' cache; all forgotten at once
# when full).
READERS_PER_ADDRESS = 20
REMEMBERED_READERS = 30_000
# Rows a statement takes (3 parameters each: under SQLite's old 999 limit).
BATCH_ROWS = 300

# Crawlers, link previews (chat apps, social sites), scripts and headless
# browsers: words in a lowercased User-Agent ("bot" apart: see is_bot).
BOT_WORDS = (
    "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog",
    "preview", "headless", "lighthouse", "curl", "wget", "python", "httpx",
    "aiohttp", "go-http-client", "java/", "okhttp", "libwww", "scrapy", "axios",
    "node-fetch", "phantomjs", "monitor", "uptime", "pingdom", "feedfetcher",
    "mediapartners", "whatsapp", "telegram", "embedly", "archiver", "validator",
    "checker",
)  # fmt: skip
# "bot", except in "cubot": a phone maker whose User-Agent names its models.
BOT = re.compile(r"(?<!cu)bot")

ENABLED = True  # bench_reads switches it off to time the page without it

_lock = threading.Lock()
_pending: Counter[tuple[int, date]] = Counter()
_pending_reads = 0
# The database whose stories the pending reads are of: they are written to
# no other (a test run's database gone, the process writes at exit).
_database = None
_last_flush = time.monotonic()
_thread = threading.local()
# The readers counted (hashes of day, story, address and User-Agent: a new
# day is new readers) and how many each address has (day, story, address).
_readers: set[int] = set()
_address_readers: Counter[int] = Counter()


def today() -> date:
    """The newsroom's day (Asia/Jakarta), whatever zone is active."""
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


def is_bot(agent: str) -> bool:
    """Whether a User-Agent is no reader's (empty, or a bot's); a few µs."""
    agent = agent.strip().lower()
    return (
        not agent
        or any(word in agent for word in BOT_WORDS)
        or ("bot" in agent and BOT.search(agent) is not None)
    )


def is_counted(request) -> bool:
    """Whether a request for a story's page is a reader's read."""
    if not is_readers_request(request.META):
        return False
    # Last: the user costs the session's queries when someone is signed in.
    user = getattr(request, "user", None)
    return not (user is not None and user.is_staff)


def is_readers_request(meta) -> bool:
    """What is_counted reads of the headers alone (a request's META, or the
    WSGI environ of a stored page's reader, who has no session): a GET, no
    browser's prefetch, no bot."""
    if meta.get("REQUEST_METHOD", "").upper() != "GET":
        return False
    purpose = meta.get("HTTP_SEC_PURPOSE") or meta.get("HTTP_PURPOSE") or ""
    return "prefetch" not in purpose.lower() and not is_bot(
        meta.get("HTTP_USER_AGENT", "")
    )


def record_read(request, article) -> None:
    """Count one read of a published `article`'s page, unless the request is
    no reader's (see is_counted). Never raises. The page cache counts its
    copies of the page by `request.read_article_id` (newsroom/pagecache/)."""
    request.read_article_id = article.pk
    record_read_id(request, article.pk)


def record_read_id(request, article_id: int) -> None:
    """Count one read of the story `article_id` (see record_read)."""
    _count(article_id, is_counted, request)


def record_stored_read(environ, article_id: int) -> None:
    """Count one read of the story `article_id` from a stored copy of its
    page, answered from the WSGI `environ` alone (a reader without a
    session: no staff): no request object is made for it."""
    _count(article_id, is_readers_request, environ)


def _new_reader(meta, article_id: int, day: date) -> bool:
    """Whether this read is its reader's first of the story today, and its
    address has counted fewer than READERS_PER_ADDRESS readers of it (see
    the module's docstring); remembers it. Called under _lock."""
    address = reader_address(meta.get("REMOTE_ADDR") or "")
    if address is None:
        return True
    reader = hash((day, article_id, address, meta.get("HTTP_USER_AGENT", "")))
    if reader in _readers:
        return False
    from_address = hash((day, article_id, address))
    if _address_readers[from_address] >= READERS_PER_ADDRESS:
        return False
    if len(_readers) >= REMEMBERED_READERS:
        _readers.clear()
        _address_readers.clear()
    _readers.add(reader)
    _address_readers[from_address] += 1
    return True


def forget_readers() -> None:
    """Forget the readers counted in this process: each one's next read
    counts again (each test starts so)."""
    with _lock:
        _readers.clear()
        _address_readers.clear()


def _count(article_id: int, check, asked) -> None:
    global _pending_reads, _database
    try:
        if not ENABLED or not check(asked):
            return
        day = today()
        key = (article_id, day)
        database = connection.settings_dict["NAME"]
        meta = getattr(asked, "META", asked)  # a request, or a WSGI environ
        with _lock:
            if database != _database:
                _pending.clear()
                _pending_reads = 0
                _database = database
            if not _new_reader(meta, article_id, day):
                return
            _pending[key] += 1
            _pending_reads += 1
            due = (
                _pending_reads >= FLUSH_READS
                or time.monotonic() - _last_flush >= FLUSH_SECONDS
            )
        if due:
            _thread.flush_due = True
    except Exception:
        logger.exception("A read could not be counted")


def pending_reads() -> int:
    """Reads counted in this process and not yet written to the database."""
    return _pending_reads


def _take_pending() -> Counter[tuple[int, date]]:
    global _pending, _pending_reads, _last_flush
    with _lock:
        taken, _pending = _pending, Counter()
        _pending_reads = 0
        _last_flush = time.monotonic()
    return taken


def flush_reads() -> int:
    """Write this process's pending reads to DailyReads, added to the stored
    counts; the number of reads written (a story deleted since it was read
    takes its reads along). Never raises: a database error is logged and
    that batch dropped."""
    taken = _take_pending()
    if not taken:
        return 0
    if _database != connection.settings_dict["NAME"]:
        logger.info("%d reads of another database dropped", sum(taken.values()))
        return 0
    rows = [(pk, day, count) for (pk, day), count in sorted(taken.items())]
    written = []
    try:
        with transaction.atomic():
            for start in range(0, len(rows), BATCH_ROWS):
                written += _upsert(rows[start : start + BATCH_ROWS])
    except Exception:  # the database down or refusing: the page must not mind
        logger.exception(
            "%d reads could not be written to the database", sum(taken.values())
        )
        return 0
    if written:
        # The most-read lists (home page) are drawn again on their next request.
        cachetags.bump(cachetags.READS)
    return sum(taken[key] for key in written)


def _upsert(rows: list[tuple[int, date, int]]) -> list[tuple[int, date]]:
    """Add `rows` (story id, day, reads) to DailyReads in one statement; the
    (story id, day) pairs written.

    Only writes, no read first: SQLite lets a second writer wait for the
    first, but refuses at once a transaction that read before writing. The
    join leaves out stories deleted since; the order keeps two processes'
    batches from deadlocking on PostgreSQL."""
    quote = connection.ops.quote_name
    table = quote(DailyReads._meta.db_table)
    article, day, count = (
        quote(DailyReads._meta.get_field(name).column)
        for name in ("article", "day", "count")
    )
    stories, story_id = quote(Article._meta.db_table), quote(Article._meta.pk.column)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({article}, {day}, {count}) "
            f"SELECT v.column1, v.column2, v.column3 FROM (VALUES {values}) AS v "
            f"JOIN {stories} ON {stories}.{story_id} = v.column1 "
            "WHERE true ORDER BY v.column1, v.column2 "  # WHERE: SQLite's parser
            f"ON CONFLICT ({article}, {day}) "
            f"DO UPDATE SET {count} = {table}.{count} + excluded.{count} "
            f"RETURNING {article}, {day}",
            [value for row in rows for value in row],
        )
        return [
            (pk, on if isinstance(on, date) else date.fromisoformat(on))
            for pk, on in cursor.fetchall()  # SQLite answers with text
        ]


def batch_due() -> bool:
    """Whether this thread's last counted read found a batch due: written
    when the request finishes (request_finished)."""
    return getattr(_thread, "flush_due", False)


def _flush_after_response(**kwargs) -> None:
    """request_finished: the counted read that found a batch due writes it,
    after its response has gone."""
    if not getattr(_thread, "flush_due", False):
        return
    _thread.flush_due = False
    flush_reads()
    if not connection.in_atomic_block:
        # Django closed its connections before this receiver ran; close the
        # one the batch opened the same way (CONN_MAX_AGE).
        close_old_connections()


request_finished.connect(_flush_after_response, dispatch_uid="articles.reads")
atexit.register(flush_reads)


def most_read(language: str, *, days: int = 2, limit: int = 5) -> list[Article]:
    """The edition's published stories most read over the last `days` days
    (today included; counts written so far), most read first; one query."""
    since = today() - timedelta(days=days - 1)
    return list(
        Article.objects.published()
        .in_language(language)
        .most_read_since(since)
        .for_headlines()[:limit]
    )
