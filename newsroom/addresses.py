"""Addresses reversed once per process (reverse_once()): a public page names
the same sections, agencies, people and fixed pages many times (links,
navigation, JSON-LD, feeds), and Django's reverse() works each one out again
(about 28 µs each; an article page asked for 52).

An address depends on the view and its arguments, and on what reverse() reads
besides: the active language (the edition's prefix), the site's default
language (unprefixed), the script prefix and the URLconf. All of these are in
the key, and any setting changed (tests) forgets them all.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

REMEMBERED = 8192


def reverse_once(viewname: str, **kwargs: str | int) -> str:
    """reverse(viewname, kwargs=kwargs) as it is now, worked out once."""
    return _reversed(
        viewname,
        tuple(sorted(kwargs.items())),
        translation.get_language(),
        settings.LANGUAGE_CODE,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@functools.lru_cache(maxsize=REMEMBERED)
def _reversed(viewname, kwargs, language, default_language, prefix, urlconf) -> str:
    # What the key names is what reverse() reads now: the values are current.
    return reverse(viewname, kwargs=dict(kwargs))


def forget(**kwargs) -> None:
    """setting_changed: any setting may change an address (tests)."""
    _reversed.cache_clear()


setting_changed.connect(forget, dispatch_uid="newsroom.addresses.forget")
