"""What a cached page depends on, and how a write makes it stale.

A cached public page (newsroom/pagecache/) records the version of every tag
it depends on; a write bumps the versions of the tags it changes, and a page
whose recorded versions differ from the current ones is rendered again on its
next request. Shared below both apps: their views name what a page shows
(`depend_on`), their writes what they change (`bump`).

Tags are short strings: the lists pages show (`LISTS`; by default a page
depends on `PAGE_LISTS`, all but the most read) and
one tag per shown object (`tag_of(obj)`: "agencies.agency:12"), plus the
discussion of one article (`comments_tag(pk)`).
"""

import logging
import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Lists and site-wide pieces, each bumped by the writes that change it.
SITE = "site"  # navigation sections, home pins, author profiles, tags' names
ARTICLES = "articles"  # the published stories and everything cards show of them
REGISTRY = "registry"  # agencies, people, meetings as lists and filters show them
COMMENT_COUNTS = "comment_counts"  # the comment counts on story cards
READS = "reads"  # most read: the home page's first page only (it says so)
LISTS = (SITE, ARTICLES, REGISTRY, COMMENT_COUNTS, READS)
# The lists a page depends on unless it names its own: all but the most read,
# which each batch of reads changes (every few seconds on a busy site) and
# only the home page shows.
PAGE_LISTS = (SITE, ARTICLES, REGISTRY, COMMENT_COUNTS)
# Bumped with every change: a page rendered while anything changed is not
# stored (it may show what was there before).
ANY = "any"

VERSION_PREFIX = "pagecache:v:"
DATA_PREFIX = "pagecache:data:"

# Sent after the versions changed (after the transaction's commit): a CDN
# purge (newsroom/pagecache/purge.py) listens.
pages_changed = Signal()


def tag_of(obj) -> str:
    """The tag of one shown object: its model's label and primary key."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def comments_tag(article_id: int) -> str:
    """The tag of one article's discussion (its comments, not their count)."""
    return f"comments:{article_id}"


def depend_on(request, *things, lists: tuple[str, ...] | None = None) -> None:
    """Record that the page answering `request` shows `things` (model instances
    or tags). `lists` replaces the lists the page depends on (all by default)."""
    tags = getattr(request, "page_tags", None)
    if tags is None:
        tags = request.page_tags = set()
    tags.update(
        thing if isinstance(thing, str) else tag_of(thing)
        for thing in things
        if thing is not None
    )
    if lists is not None:
        request.page_lists = tuple(lists)


def expires(request, when) -> None:
    """Record that the page answering `request` changes by itself at `when`
    (an aware datetime; None: never), e.g. when its comments close."""
    if when is None:
        return
    at = when.timestamp()
    known = getattr(request, "page_expires", None)
    request.page_expires = at if known is None else min(known, at)


def shows_page(request, parameter: str, number: int) -> None:
    """Record that the page answering `request` is page `number` of its list
    (its ?parameter=, "page" or "comments"): the page cache keeps it only
    under the address that asks for that number as it is written, so
    ?page=junk1, ?page=junk2… (each the first page) are not kept once each,
    pushing the pages readers read out of the cache."""
    shown = getattr(request, "page_numbers", None) or {}
    request.page_numbers = {**shown, parameter: str(number)}


def page_dependencies(request) -> set[str]:
    """Every tag the page answering `request` depends on."""
    lists = getattr(request, "page_lists", PAGE_LISTS)
    return set(lists) | getattr(request, "page_tags", set())


def bump(*tags: str) -> None:
    """Make every page that depends on `tags` stale, once the current
    transaction commits (at once outside one). Never raises: a cache that does
    not answer is logged, and the write goes on."""
    tags = tuple(dict.fromkeys(tag for tag in tags if tag))
    if tags:
        after_commit(lambda: bump_now(tags))


def after_commit(action) -> None:
    """Run `action` once the current transaction commits (tests replace this:
    their own transaction never does, tests/conftest.py)."""
    transaction.on_commit(action, robust=True)


def bump_now(tags) -> None:
    """New versions for `tags` now (see `bump`); on Redis, returns once every
    app process has been sent the change (FreshRedisCache.settle), so a page
    asked of any of them after the writer answers is the new one."""
    try:
        cache.set_many(
            {VERSION_PREFIX + tag: _new_version() for tag in (*tags, ANY)}, None
        )
        if hasattr(cache, "settle"):
            cache.settle()
    except Exception:
        logger.exception("Cached pages could not be marked stale: %s", tags)
    pages_changed.send(sender=None, tags=tuple(tags))


def versions(tags) -> dict[str, str]:
    """The current version of each tag; a tag never bumped (or evicted) gets
    one now, so a page recorded under an older one is stale."""
    return _versions_and(tags)[0]


def _versions_and(tags, *other_keys: str) -> tuple[dict[str, str], dict]:
    """versions(tags), and the values of `other_keys` found in the cache, read
    with them in one round trip."""
    keys = {VERSION_PREFIX + tag: tag for tag in tags}
    found = cache.get_many([*keys, *other_keys])
    others = {key: found.pop(key) for key in other_keys if key in found}
    missing = {key: _new_version() for key in keys if key not in found}
    if missing:
        for key, version in missing.items():
            # Two processes filling in at once agree on the first one's.
            if not cache.add(key, version, None):
                missing[key] = cache.get(key) or version
        found.update(missing)
    return {keys[key]: version for key, version in found.items()}, others


def remember(key: str, tags, compute, *, timeout=24 * 60 * 60, keep=None):
    """The value `compute()` returns, kept in the cache for as long as none of
    `tags` changes: exact, like the pages (a bump during the computation
    leaves it stale, so the next call computes again). A cache that does not
    answer means computing each time. `timeout`: seconds, or a function
    giving them, called when the value is computed (a value that changes at
    a known time with no write: articles/timed_changes.py). `keep`: whether
    to keep a value computed (an answer to made-up input is not kept: anyone
    could fill the cache with them)."""
    try:
        current, found = _versions_and(tags, DATA_PREFIX + key)
        stored = found.get(DATA_PREFIX + key)
    except Exception as error:
        unavailable(f"data {key}", error)
        return compute()
    if stored is not None and stored[0] == current:
        return stored[1]
    value = compute()
    if keep is not None and not keep(value):
        return value
    seconds = timeout() if callable(timeout) else timeout
    try:
        cache.set(DATA_PREFIX + key, (current, value), seconds)
    except Exception as error:
        unavailable(f"data {key}", error)
    return value


class UnavailableWarnings:
    """The warnings that the cache failed, at most one every `seconds` in a
    process, whatever failed: a cache that does not answer (Redis down) fails
    every request, and each of its pages, data and rate limits in it. Each
    warning names what failed and the error's class and message, and counts
    the failures left unlogged since the one before; only the first of the
    process carries a traceback."""

    def __init__(self, seconds: float = 60.0, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock  # tests move it
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """As in a new process: the next failure is logged, traceback too."""
        self._next_at = None
        self._unlogged = 0
        self._traced = False

    def failed(self, what: str, error: BaseException) -> None:
        with self._lock:
            now = self.clock()
            if self._next_at is not None and now < self._next_at:
                self._unlogged += 1
                return
            self._next_at = now + self.seconds
            unlogged, self._unlogged = self._unlogged, 0
            traced, self._traced = self._traced, True
        message = "Cache unavailable (%s): %s: %s"
        args = [what, type(error).__name__, error]
        if unlogged:
            message += " (%d more failures since the last warning)"
            args.append(unlogged)
        logger.warning(message, *args, exc_info=None if traced else error)


unavailable_warnings = UnavailableWarnings()


def unavailable(what: str, error: BaseException) -> None:
    """Log that a cache operation (`what`: "page read", "data nav-sections")
    failed with `error`, once a minute at most (UnavailableWarnings); the
    caller goes on without the cache. The one home of that rule: the page
    cache, remember(), the markdown cache and the rate limits use it."""
    unavailable_warnings.failed(what, error)


def _new_version() -> str:
    return uuid.uuid4().hex[:16]
