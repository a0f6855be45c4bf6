"""Rendered template fragments a process keeps under everything they show
(story cards, home meetings, comment threads: articles/templatetags/).

Content-addressed: a key holds every shown field, so a kept fragment is never
stale and nothing invalidates it; a change of a shown field is a new key.
"""

from django.conf import settings
from django.utils import timezone, translation


class Fragments(dict):
    """Rendered HTML by key, at most `limit` of them (the oldest forgotten)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def keep(self, key: tuple, html: str) -> None:
        if len(self) >= self.limit:
            # Dicts keep their order; another thread may be changing this one.
            try:
                del self[next(iter(self))]
            except (StopIteration, KeyError, RuntimeError):
                pass
        self[key] = html


def written_in(language_code) -> tuple:
    """What a fragment's HTML depends on besides what it shows: the page's
    language (`LANGUAGE_CODE` of its context), the active language and time
    zone, the site's default language."""
    return (
        language_code,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        settings.LANGUAGE_CODE,
    )
