"""Who sent a request, behind a load balancer or proxy.

Comment rate limits and bans, the address a moderator sees beside a comment
and the admin's log-in throttling (django-axes) all read REMOTE_ADDR. Behind a
proxy that is the proxy's own address, the same for every reader: one
reader's comments would hold up everyone's, a ban of one would ban all, and
five wrong passwords for a user name from anywhere would lock its owner out.

The proxies the app server trusts (FORWARDED_ALLOW_IPS with
DJANGO_BEHIND_PROXY=true, as gunicorn reads them for X-Forwarded-Proto) each
add the address that connected to them at the right of X-Forwarded-For. So
the header is read from the right: each trusted proxy's entry is passed over,
and the first other address is the client's, as the outermost trusted proxy
saw it. Whatever stands to its left the client wrote itself and is never read:
one client cannot pretend to be many. A request that does not come from a
trusted proxy keeps its REMOTE_ADDR, whatever X-Forwarded-For it carries.
"""

import functools
import ipaddress
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# FORWARDED_ALLOW_IPS's "every address": gunicorn's own spelling.
EVERYONE = "*"


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...] | None:
    """The trusted proxies' networks (an address is a network of one), or
    None when every address is trusted (`*`). Raises ImproperlyConfigured for
    an entry that is neither."""
    networks = []
    for entry in entries:
        if entry == EVERYONE:
            return None
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"FORWARDED_ALLOW_IPS: {entry!r} is not an IP address or network "
                "(e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated, or *)"
            ) from None
    return tuple(networks)


def set_client_address(environ: dict, proxies: list[str]) -> None:
    """Behind the trusted `proxies` (settings.NEWSROOM_TRUSTED_PROXIES), make
    a request's REMOTE_ADDR (its WSGI environ, or request.META: the same
    dict, which gunicorn's access log reads) the client's address. Done for
    every request: by ClientAddressMiddleware for those Django handles, by
    the page cache for the stored pages it answers before Django."""
    if proxies:
        environ["REMOTE_ADDR"] = client_address(
            environ.get("REMOTE_ADDR", ""),
            environ.get("HTTP_X_FORWARDED_FOR", ""),
            _trusted(tuple(proxies)),
        )


@functools.lru_cache(maxsize=8)
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...] | None:
    return trusted_networks(proxies)


def client_address(
    remote_addr: str, forwarded_for: str, trusted: tuple[Network, ...] | None
) -> str:
    """The client's address: `remote_addr` unless it is a trusted proxy's
    (or empty: a unix socket's peer), then the rightmost entry of
    X-Forwarded-For (`forwarded_for`) that is not a trusted proxy's (see
    above). An entry that is not an address ends the reading: what
    stands left of it passed through no proxy we know."""
    hop = parse_address(remote_addr)
    if hop is not None and not _is_trusted(hop, trusted):
        return remote_addr
    # From a trusted proxy, or over a unix socket (no address: only this
    # machine's processes can connect, and gunicorn trusts them too).
    for entry in reversed(forwarded_for.split(",")):
        address = parse_address(entry)
        if address is None:
            break
        hop = address
        if not _is_trusted(hop, trusted):
            break
    return remote_addr if hop is None else str(hop)


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: 203.0.113.7, 2001:db8::7, with a port
    (203.0.113.7:52100, [2001:db8::7]:52100) or IPv4 mapped into IPv6
    (::ffff:203.0.113.7, read as the IPv4 address); None for anything else."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, trusted: tuple[Network, ...] | None) -> bool:
    return trusted is None or any(address in network for network in trusted)
