"""Who else has an article's form open ("Also open now: …" on the writing
screen, README: Writing screen), so that two people at the desk see each
other before the edit lock refuses the second save.

The change form marks its user when it opens, and its script every
PRESENCE_SECONDS while it stays open (static/js/desk_presence.js); a mark
is forgotten PRESENCE_TTL seconds after the last one, or as the page closes.
Kept in Django's cache, one entry per article (user id → first seen, last
seen, name, the page that marked last), never in the database. Without a
cache that answers there is no presence, and nothing fails.

An entry is read, changed and written again: two marks in the same instant
may lose one (back at that person's next heartbeat), and a mark may bring
back someone who left that instant (gone PRESENCE_TTL later).

Each page that marks has a random token of its own. A page that closes
forgets its user by that token, and only if it marked last: the page a
"Save and continue" opens has marked before the saved one's farewell
arrives. The token is given only to a page of someone who may change the
story, so the farewell needs no login (it still counts after a logout in
another tab) and reads nothing from the database.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache

from newsroom import cachetags

from .models import Article

# How often an open form says it is still open, and how long after its last
# word it counts as closed (two heartbeats and some: a late one is no leave).
PRESENCE_SECONDS = 30
PRESENCE_TTL = 75


@dataclass(frozen=True)
class Present:
    """Someone with the form open: their name as the admin gives it, and
    since when (an aware datetime)."""

    name: str
    since: datetime


def presence_mark(*, user, name: str, article: Article, page: str = "") -> None:
    """Record that `user` (shown as `name`) has `article`'s form open now,
    in `page` (the token of the page that marks)."""
    now = time.time()

    def mark(entries):
        first = entries[user.pk][0] if user.pk in entries else now
        entries[user.pk] = (first, now, name, page)

    _change(article.pk, mark, now)


def presence_leave(*, article_id: int, page: str) -> None:
    """Forget whoever `page` (a page's token) marked on the article, unless
    a later page of theirs has marked it since. An empty token forgets
    nobody."""
    if not page:
        return

    def leave(entries):
        for user_id, entry in list(entries.items()):
            if entry[3] == page:
                del entries[user_id]

    _change(article_id, leave, time.time())


def present_on(article: Article, *, besides) -> list[Present]:
    """Everyone with `article`'s form open but `besides` (a user), the
    first to open it first; empty when the cache does not answer."""
    try:
        entries = _live(cache.get(_key(article.pk)), time.time())
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


def _key(article_id: int) -> str:
    return f"presence:article:{article_id}"


def _live(entries, now: float) -> dict:
    """The entries marked within PRESENCE_TTL of `now`."""
    if not isinstance(entries, dict):
        return {}
    return {
        user_id: entry
        for user_id, entry in entries.items()
        if entry[1] > now - PRESENCE_TTL
    }


def _change(article_id: int, change, now: float) -> None:
    """Apply `change` to the article's live entries and keep them for
    PRESENCE_TTL; without a cache that answers, nothing."""
    key = _key(article_id)
    try:
        entries = _live(cache.get(key), now)
        change(entries)
        if entries:
            cache.set(key, entries, timeout=PRESENCE_TTL)
        else:
            cache.delete(key)
    except Exception as error:  # any cache backend error
        cachetags.unavailable("presence", error)
