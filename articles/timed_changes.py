"""When the public lists change with no write: the next scheduled story going
out, a home-page pin ending, a meeting starting (it leaves the agenda) or
ending (it may become the home page's latest meeting). The
page cache stores pages no longer than that (newsroom/pagecache/), and data
caches of lists that such a moment changes expire then too (`seconds_until`).
"""

import math
import time

from django.core.cache import cache
from django.utils import timezone

from agencies.models import Meeting
from newsroom import cachetags

from .frontpage import live_pins
from .models import Article

NEXT_CHANGE_KEY = "pagecache:next-change"
TIMED_TAGS = (cachetags.ARTICLES, cachetags.SITE, cachetags.REGISTRY)


def next_timed_change() -> float | None:
    """When lists change with no write (a timestamp), or None. Looked up once
    for each version of the stories, the site and the registry."""
    stamp = cachetags.versions(TIMED_TAGS)
    known = cache.get(NEXT_CHANGE_KEY)
    now = timezone.now()
    if known is not None and known[0] == stamp:
        if known[1] is None or known[1] > now.timestamp():
            return known[1]
    pins = live_pins(None, now).exclude(until=None).order_by("until")
    times = [
        Article.objects.scheduled(now).values_list("published_at", flat=True).first(),
        pins.values_list("until", flat=True).first(),
        Meeting.objects.upcoming(now).values_list("start", flat=True).first(),
        Meeting.objects.ending(now).values_list("ended", flat=True).first(),
    ]
    at = min((t for t in times if t is not None), default=None)
    at = at.timestamp() if at is not None else None
    cache.set(NEXT_CHANGE_KEY, (stamp, at), None)
    return at


def seconds_until_next_change(longest: int) -> int:
    """How long a cached list may be kept: until the next timed change, at
    most `longest` seconds, at least one."""
    at = next_timed_change()
    if at is None:
        return longest
    return max(1, min(longest, math.ceil(at - time.time())))
