"""Who else has an object's change form open ("Also open now: …" above its
fields: a story's, a meeting's, a library image's), so that two people at
the desk see each other before the edit lock refuses the second save. The
admin's side (the endpoints, the notice) is admin.py's PresenceAdmin.

The change form marks its user when it opens, and its script every
PRESENCE_SECONDS while it stays open, every PRESENCE_SHARED_SECONDS while
it names someone else (static/js/desk_presence.js); a mark is forgotten
PRESENCE_TTL seconds after the last one, or as the page is left (closed,
Back, a link followed).
Kept in Django's cache, one entry per object, keyed by its model's label and
its primary key (a meeting and a story with the same number are two
entries): user id → first seen, last seen, name, the page that marked last.
Never in the database. Without a cache that answers there is no presence,
and nothing fails.

An entry is read, changed and written again under a lock of its own
(`cache.add`, atomic on Redis and in local memory): a colleague's heartbeat
in the same instant as a farewell cannot write back the one who left. A
page's farewell is also remembered by its token for PRESENCE_TTL: a
heartbeat of that page that arrives after it (sent as the tab closed) does
not bring its user back; only the page itself, shown again from the
browser's back-forward cache, does (`back`). Without the lock (a cache that
stays busy) the change is made all the same.

Each page that marks has a random token of its own. A page that closes
forgets its user by that token, and only if it marked last: the page a
"Save and continue" opens has marked before the saved one's farewell
arrives. The token is given only to a page of someone who may change the
object, so the farewell needs no login (it still counts after a logout in
another tab) and reads nothing from the database.
"""

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache

from newsroom import cachetags

# How often an open form says it is still open, and how long after its last
# word it counts as closed (two heartbeats and some: a late one is no leave).
PRESENCE_SECONDS = 30
PRESENCE_TTL = 75
# How often while its notice names someone: a colleague who leaves (closes
# the tab, goes Back, follows a link) says so at once, but the others only
# hear it when they next ask, and "Also open now" lingering for half a
# minute after they left is a notice nobody can trust. Only for a form that
# two people have open, so the desk's few such pages ask six times as often.
PRESENCE_SHARED_SECONDS = 5


@dataclass(frozen=True)
class Present:
    """Someone with the form open: their name as the admin gives it, and
    since when (an aware datetime)."""

    name: str
    since: datetime


# A page's token as PresenceAdmin makes it (secrets.token_urlsafe(12)): only
# such a token is remembered as gone, so a farewell keeps no key of a
# stranger's choosing.
PAGE_TOKEN = re.compile(r"[A-Za-z0-9_-]{16}")
# How long a change waits for another one on the same object (they take a
# few milliseconds), and how long a lock can outlive a process that died.
LOCK_TRIES = 50
LOCK_WAIT_SECONDS = 0.01
LOCK_SECONDS = 2


def presence_mark(*, user, name: str, obj, page: str = "", back: bool = False) -> None:
    """Record that `user` (shown as `name`) has the form of `obj` (a saved
    model instance) open now, in `page` (the token of the page that marks).
    A page that has said farewell marks again only when it is `back` (shown
    again from the browser's back-forward cache): any other heartbeat of it
    was sent before it closed, and arrived late."""
    now = time.time()

    def mark(entries):
        left = _left_key(page)
        if left and cache.get(left) is not None:
            if not back:
                return
            cache.delete(left)
        first = entries[user.pk][0] if user.pk in entries else now
        entries[user.pk] = (first, now, name, page)

    _change(_key(type(obj), obj.pk), mark, now)


def presence_leave(*, model, pk, page: str) -> None:
    """Forget whoever `page` (a page's token) marked on the `model` instance
    with primary key `pk`, unless a later page of theirs has marked it
    since. An empty token forgets nobody."""
    if not page:
        return

    def leave(entries):
        left = _left_key(page)
        if left:
            cache.set(left, True, timeout=PRESENCE_TTL)
        for user_id, entry in list(entries.items()):
            if entry[3] == page:
                del entries[user_id]

    _change(_key(model, pk), leave, time.time())


def present_on(obj, *, besides) -> list[Present]:
    """Everyone with the form of `obj` open but `besides` (a user), the
    first to open it first; empty when the cache does not answer."""
    try:
        entries = _live(cache.get(_key(type(obj), obj.pk)), time.time())
    except Exception as error:  # any cache backend error
        cachetags.unavailable("presence", error)
        return []
    return [
        Present(name=name, since=datetime.fromtimestamp(first, tz=UTC))
        for user_id, (first, _last, name, _page) in sorted(
            entries.items(), key=lambda item: item[1][0]
        )
        if user_id != besides.pk
    ]


def _key(model, pk) -> str:
    """The cache key of one object's entry: "presence:agencies.meeting:7"
    (a proxy model's objects share their concrete model's entries)."""
    return f"presence:{model._meta.concrete_model._meta.label_lower}:{pk}"


def _left_key(page: str) -> str:
    """The cache key remembering that the page with token `page` closed;
    empty for a token no page of ours has."""
    return f"presence-left:{page}" if PAGE_TOKEN.fullmatch(page) else ""


def _live(entries, now: float) -> dict:
    """The entries marked within PRESENCE_TTL of `now`."""
    if not isinstance(entries, dict):
        return {}
    return {
        user_id: entry
        for user_id, entry in entries.items()
        if entry[1] > now - PRESENCE_TTL
    }


def _change(key: str, change, now: float) -> None:
    """Apply `change` to the live entries under `key` and keep them for
    PRESENCE_TTL, one change at a time; without a cache that answers,
    nothing."""
    lock = f"{key}:lock"
    try:
        locked = _lock(lock)
        try:
            entries = _live(cache.get(key), now)
            change(entries)
            if entries:
                cache.set(key, entries, timeout=PRESENCE_TTL)
            else:
                cache.delete(key)
        finally:
            if locked:
                cache.delete(lock)
    except Exception as error:  # any cache backend error
        cachetags.unavailable("presence", error)


def _lock(lock: str) -> bool:
    """Take the lock `lock` (a cache key), waiting for whoever holds it;
    False when it stays taken (that change is made without it)."""
    for _ in range(LOCK_TRIES):
        if cache.add(lock, True, timeout=LOCK_SECONDS):
            return True
        time.sleep(LOCK_WAIT_SECONDS)
    return False
