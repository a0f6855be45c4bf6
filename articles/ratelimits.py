"""Rate limits for comments and flags, kept in Django's cache by django-ratelimit,
and the one-time numbers of comment forms.

Addresses are grouped by IP network (IPv4 /24, IPv6 /48, so that hopping
between neighbouring addresses does not help). Many readers share a network
(carrier NAT is the rule on Indonesian mobile networks), so a reader is their
network and email together, with a looser ceiling per network and per email
(settings.READER_RATES). With a shared cache (Redis, REDIS_URL) the limits
hold across app servers.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django_ratelimit.core import get_usage

from newsroom import cachetags


class Unavailable(Exception):
    """The cache could not be asked; the caller decides what that means."""


def client_ip(request) -> str | None:
    """The reader's IP address as the app server sees it."""
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def reader_address(address: str) -> str | None:
    """The address a reader is known by: a public IPv4 address itself, a
    public IPv6 address's /64 (what one phone or household is given); None
    for a private, loopback or unreadable one (a proxy's left out of
    NEWSROOM_TRUSTED_PROXIES, every reader behind it alike; a test client's)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if not ip.is_global:
        return None
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def search_retry_after(request) -> int:
    """Count a search by its reader's address (reader_address) against
    settings.READER_RATES["search"]: 0 when within it, else the seconds to
    wait. No limit for an address that tells no reader apart, nor when the
    cache does not answer (the search is served)."""
    address = reader_address(request.META.get("REMOTE_ADDR") or "")
    if address is None:
        return 0
    try:
        return hit("search", {"address": address})
    except Unavailable:
        return 0


# The network a reader's address is kept and limited by, by IP version
# (Comment.ip_network; the moderation queue's search by address reads it).
NETWORK_PREFIX = {4: 24, 6: 48}


def ip_network(ip: str | None) -> str:
    """The /24 (IPv4) or /48 (IPv6) network an address belongs to, or ""."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = NETWORK_PREFIX[address.version]
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def reader(network: str, email: str) -> str:
    """One reader for the strict comment limit: their network and email together
    (so neither a shared network nor someone typing their email elsewhere
    holds them up)."""
    return f"{network} {email}"


def hit(scope: str, keys: dict[str, str]) -> int:
    """Count one attempt for each key in every rate of `scope` (a scope
    missing from settings.READER_RATES has no limit).

    Returns 0 when all are within their limits, else the seconds until the
    tightest exceeded window ends. Raises Unavailable if the cache fails.
    """
    retry_after = 0
    for rate in settings.READER_RATES.get(scope, ()):
        for kind, value in keys.items():
            if not value:
                continue
            try:
                usage = get_usage(
                    None,
                    group=f"newsroom.{scope}.{kind}",
                    key=lambda group, request, value=value: value,
                    rate=rate,
                    increment=True,
                )
            except Exception as error:  # any cache backend error
                cachetags.unavailable("rate limits", error)
                raise Unavailable from error
            if usage is None:
                continue
            if usage["limit"] == 0 and usage["time_left"] == -1:
                raise Unavailable  # django-ratelimit could not read the count
            if usage["should_limit"]:
                # The window ends on a whole second: waiting time_left + 1
                # seconds is always enough.
                retry_after = max(retry_after, usage["time_left"] + 1)
    return retry_after


def first_use(token: str, *, ttl: int) -> bool:
    """True the first time `token` is used within `ttl` seconds, on any app
    server sharing the cache. Raises Unavailable if the cache fails."""
    try:
        return bool(cache.add(f"newsroom.once.{token}", 1, timeout=ttl))
    except Exception as error:  # any cache backend error
        cachetags.unavailable("one-time tokens", error)
        raise Unavailable from error
