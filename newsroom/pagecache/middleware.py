"""Serve anonymous readers' public pages from Django's cache, never stale.

A page is shared when the request is a GET or HEAD from a reader without a
private cookie (a session: staff, a reader whose comment waits for a
moderator; messages waiting) or credentials, to a public address with no
query parameter but the ones pages read (tracking parameters are dropped
first: without_tracking()); an answer to a request with a private cookie
or credentials, or that sets a cookie (a form's own CSRF token), is marked
private for any cache in front (keep_private()). The stored page records the
version of every tag it depends on (newsroom/cachetags.py); it is served only
while all of them are unchanged and before the next scheduled publication.
Stored: 200 responses that set no cookie and that the view did not mark
private. Redirects and "not found" answers are never stored, and browsers
ask for them again each time (moved_or_missing()). A cache that does not
answer means pages render uncached.
"""

import functools
import hashlib
import io
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished, setting_changed
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control

from articles.reads import batch_due, record_read_id, record_stored_read
from articles.timed_changes import next_timed_change
from newsroom import cachetags
from newsroom.logging import request_id as logged_request_id
from newsroom.middleware import (
    TextGZipMiddleware,
    accepts_gzip,
    incoming_request_id,
)
from newsroom.proxies import set_client_address

ENTRY_PREFIX = "pagecache:page:"
# Addresses that are never shared: the admin, language switching, previews
# (their views say so too), the health check, files.
PRIVATE_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/static/", "/media/")
# Query parameters pages read (list pages, a story's discussion pages); any
# other (search queries included) renders uncached, and a page is kept only
# under the number it shows (is_storable), so that made-up addresses cannot
# fill the cache.
SHARED_PARAMETERS = frozenset({"page", "comments"})
MAX_PARAMETER_LENGTH = 24
# Parameters that social networks, newsletters and ads add to the links they
# carry, for their own statistics: a story shared on Facebook is opened as
# /articles/…/?fbclid=<a new value per click>. No page reads them, so the
# site drops them from GET and HEAD requests before anything else reads the
# address (without_tracking()): such a reader gets the story's stored page,
# and made-up values cannot fill the cache. Matched by name: exactly, or by
# the prefixes.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook, Instagram
        "gclid",  # Google Ads
        "gbraid",
        "wbraid",
        "dclid",  # Google Display
        "msclkid",  # Microsoft Advertising
        "twclid",  # X (Twitter)
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram shares
        "yclid",  # Yandex
        "mc_cid",  # Mailchimp
        "mc_eid",
        "_ga",  # Google Analytics' cross-domain linker
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_",)  # Google Analytics' campaign parameters
HEADER = "X-Page-Cache"
# Answers that say where a page is or that it is not (moved_or_missing()).
MOVED_OR_MISSING = frozenset({301, 302, 303, 307, 308, 404, 410})
_FRESHNESS = ("max-age", "no-cache", "no-store")
# Per answer, never stored: set again for each (X-Request-ID: a fresh id).
_SKIPPED_HEADERS = frozenset({"set-cookie", "x-page-cache", "x-request-id"})


# Request headers that make an answer conditional: such requests go through
# Django's get_conditional_response (304, 412), whether the page was stored or
# made for them (respond()); the others get the page as it is.
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH")
CONDITIONAL += ("HTTP_IF_UNMODIFIED_SINCE",)
# A page's headers that a 304 or a 412, which have no body, do not take from
# it: those of its body; and on a 412, those that let a cache keep the page
# (a failed precondition is nothing for a CDN to keep).
_BODY_HEADERS = frozenset({"content-length", "content-type", "content-encoding"})
_CACHING_HEADERS = frozenset(
    {"cache-control", "expires", "etag", "last-modified", "surrogate-key"}
)


@dataclass
class Entry:
    """A stored page: its body and every header of its answer, validators
    included, as sent (only X-Page-Cache and X-Request-ID are added)."""

    content: bytes
    headers: list[tuple[str, str]]
    versions: dict[str, str]
    valid_until: float | None
    etag: str
    read_id: int | None
    # The same answer gzipped, when it compresses (TextGZipMiddleware's rule).
    gzipped: bytes | None = None
    gzip_headers: list[tuple[str, str]] | None = None

    def variant(self, accept_encoding: str) -> tuple[bytes, list[tuple[str, str]]]:
        """The body and headers for a request whose Accept-Encoding header
        is `accept_encoding`: gzipped when it takes gzip (TextGZipMiddleware's
        test)."""
        if self.gzipped is not None and accepts_gzip(accept_encoding):
            return self.gzipped, self.gzip_headers
        return self.content, self.headers


def without_tracking(method: str, query_string: str) -> str | None:
    """`query_string` without its tracking parameters (TRACKING_PARAMETERS,
    TRACKING_PREFIXES), the others kept as they were written; None when
    there is none to drop, or the request is not a GET or a HEAD."""
    if not query_string or method.upper() not in ("GET", "HEAD"):
        return None
    parts = query_string.split("&")
    kept = [part for part in parts if not _is_tracking(part.partition("=")[0])]
    return "&".join(kept) if len(kept) < len(parts) else None


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def drop_tracking(request) -> None:
    """Drop the tracking parameters of `request` (without_tracking()), for
    a request that did not come through StoredPagesHandler, which drops
    them from the WSGI environ first (Django's test client)."""
    clean = without_tracking(request.method, request.META.get("QUERY_STRING", ""))
    if clean is not None:
        request.META["QUERY_STRING"] = clean
        request.__dict__.pop("GET", None)  # read again, as Django reads it


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        drop_tracking(request)
        key = shared_key(request) if settings.NEWSROOM_PAGE_CACHE else None
        if key is None:
            response = self.get_response(request)
            keep_private(request, response)
            moved_or_missing(request, response, shared=False)
            return response
        # Read by the templates: a shared page carries no reader's token.
        request.page_is_shared = True
        entry = _safely(lambda: fresh_entry(key), "read")
        if entry is not None:
            if entry.read_id is not None:
                record_read_id(request, entry.read_id)
            answer = respond(
                request, entry, request_id=incoming_request_id(request.META)
            )
            answer[HEADER] = "hit"
            return answer
        # Read before the page is made: a change while it is made keeps it
        # from being stored (it may show what was there before).
        generation = _safely(current_generation, "read")
        response = self.get_response(request)
        if generation is not None and is_storable(request, response):
            entry = _safely(lambda: store(key, request, response, generation), "write")
            if entry is not None:
                add_validators(response, entry)
                response[HEADER] = "miss"
                if is_conditional(request.META):
                    # Answered as the stored page would be (a reader who has
                    # it gets 304 after a change elsewhere dropped it).
                    answer = respond(request, entry, request_id=_request_id(request))
                    if answer.status_code != 200:
                        answer[HEADER] = "miss"
                        return answer
        else:
            keep_private(request, response)
            moved_or_missing(request, response, shared=True)
        return response


def keep_private(request, response) -> None:
    """Mark `response` private when it may be its reader's alone and the view
    said nothing of caching: an answer to a personal request (is_personal():
    this reader's own waiting comment, their messages, what staff see) or
    one that sets a cookie (a reply or report form opened with its CSRF
    token, a reader's report key), or one for a host as the site does not
    write it (shared_host(): its addresses in that spelling; a CDN that
    makes hosts alike would have kept it for everyone, a tester's). Never
    kept by a CDN or a proxy for others; browsers may keep it."""
    if "Cache-Control" in response:
        return
    if response.cookies or is_personal(request) or shared_host(request) is None:
        patch_cache_control(response, private=True)


def shared_key(request) -> str | None:
    """The cache key of the page `request` asks for, or None when its answer
    is not to be shared."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path
    if path.startswith(PRIVATE_PREFIXES):
        return None
    if is_personal(request):
        return None
    try:
        query = request.GET
    except SuspiciousOperation:  # one Django refuses: answered below, unshared
        return None
    if len(query) > len(SHARED_PARAMETERS):
        return None
    for name, values in query.lists():
        if name not in SHARED_PARAMETERS or len(values) != 1:
            return None
        if len(values[0]) > MAX_PARAMETER_LENGTH:
            return None
    host = shared_host(request)
    if host is None:
        return None
    address = "\n".join(
        (request.scheme, host, path, *(f"{k}={query[k]}" for k in sorted(query)))
    )
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def shared_host(request) -> str | None:
    """The host of a page to share, as get_host() finds it, when it is
    written as the site's own addresses are: in lower case, without a final
    dot, with no port or the server's (SERVER_PORT) or the site's
    (NEWSROOM_SITE_URL); else None. Django's ALLOWED_HOSTS checks the name
    alone: `127.0.0.1:100000`, `LOCALHOST` and `localhost.` were each a page
    of their own, stored with its addresses (canonical, feeds, pictures) in
    that spelling: a tester's 100 ports left 300 more keys in Redis."""
    try:
        host = request.get_host()
    except Exception:  # a Host header the site refuses: the view answers 400
        return None
    name, port = split_domain_port(host)
    if not name or host not in (name, f"{name}:{port}"):
        return None
    if port and port not in _site_ports(request.META.get("SERVER_PORT")):
        return None
    return host


@functools.lru_cache(maxsize=8)
def _site_ports(server_port: str | None) -> frozenset[str]:
    site = urlsplit(settings.NEWSROOM_SITE_URL)
    try:
        site_port = site.port or {"http": 80, "https": 443}.get(site.scheme)
    except ValueError:  # a port out of range in the setting
        site_port = None
    return frozenset(str(port) for port in (server_port, site_port) if port)


# What shared_key reads of a request without cookies or credentials: the
# method, the scheme (with a proxy's header when one is believed), the host as
# get_host() finds it, the script name, the path and the query string.
_KEY_INPUTS = (
    "REQUEST_METHOD",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "PATH_INFO",
    "QUERY_STRING",
)


def is_personal(request) -> bool:
    """Whether the answer to `request` may be its sender's own: it sends a
    private cookie (private_cookies()) or credentials."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    cookies = request.COOKIES
    return any(name in cookies for name in private_cookies())


def private_cookies() -> tuple[str, str]:
    """The cookies that make a request its sender's alone: a session (staff,
    a reader whose comment waits for a moderator) and Django's messages
    waiting to be shown. No other cookie (the CSRF token, the reader's report
    key, a load balancer's or a CDN's own) changes what a shared page shows."""
    return (settings.SESSION_COOKIE_NAME, "messages")


# anonymous_key's answer for a request that may send a private cookie, or
# sends credentials.
ASK_SHARED_KEY = "ask shared_key"


def anonymous_key(environ) -> str | None:
    """shared_key for a WSGI request that sends no private cookie and no
    credentials, from its address alone, remembered for the addresses asked
    most (the same pages, again and again): a stored page's answer no longer
    builds a request object and parses its host and query for each reader.
    ASK_SHARED_KEY when the request sends credentials or may send a private
    cookie: when the Cookie header holds a private cookie's name anywhere
    (a name Django reads from a header is always written in it, so
    the check errs only towards asking)."""
    if "HTTP_AUTHORIZATION" in environ:
        return ASK_SHARED_KEY
    cookie = environ.get("HTTP_COOKIE")
    if cookie is not None and any(name in cookie for name in private_cookies()):
        return ASK_SHARED_KEY
    proxy = settings.SECURE_PROXY_SSL_HEADER
    inputs = tuple(environ.get(name) for name in _KEY_INPUTS)
    return _address_key(inputs, proxy and environ.get(proxy[0]))


@functools.lru_cache(maxsize=1024)
def _address_key(inputs: tuple, proxy_header) -> str | None:
    environ = {
        name: value
        for name, value in zip(_KEY_INPUTS, inputs, strict=True)
        if value is not None
    }
    if proxy_header is not None:
        environ[settings.SECURE_PROXY_SSL_HEADER[0]] = proxy_header
    environ["wsgi.input"] = io.BytesIO()
    try:
        return shared_key(WSGIRequest(environ))
    except Exception:  # an address Django refuses: Django says so
        return None


def _forget_addresses(**kwargs) -> None:
    """The remembered keys follow the settings they were made with (tests
    change ALLOWED_HOSTS, the proxy settings and NEWSROOM_SITE_URL)."""
    _address_key.cache_clear()
    _site_ports.cache_clear()


setting_changed.connect(_forget_addresses)


def current_generation() -> str:
    return cachetags.versions([cachetags.ANY])[cachetags.ANY]


def fresh_entry(key: str) -> Entry | None:
    """The stored page under `key` if nothing it shows has changed since: on
    Redis compared in Redis, one round trip (newsroom/redis_cache.py)."""
    backend = caches["default"]
    if hasattr(backend, "get_if_fresh"):
        entry = backend.get_if_fresh(key)
    else:
        entry = backend.get(key)
        if isinstance(entry, Entry):
            if cachetags.versions(entry.versions) != entry.versions:
                return None
    if not isinstance(entry, Entry):
        return None
    if entry.valid_until is not None and time.time() >= entry.valid_until:
        return None
    return entry


def is_storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or not getattr(request, "page_is_shared", False):
        return False
    # Only at the address of the page it is: ?page=2 where the list shows
    # page 2 (cachetags.shows_page), not ?page=02, ?page=junk, ?page=777777
    # (its last page), nor ?comments=5 on a story without comments.
    shown = getattr(request, "page_numbers", {})
    if any(shown.get(name) != value for name, value in request.GET.items()):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def store(key: str, request, response, generation: str) -> Entry | None:
    """Keep `response` under `key` with the current versions of its tags,
    until the next change that comes with time alone; not if anything
    changed since `generation` was read (None then)."""
    tags = cachetags.page_dependencies(request)
    versions = cachetags.versions([*tags, cachetags.ANY])
    if versions.pop(cachetags.ANY) != generation:
        return None
    now = time.time()
    changes = [next_timed_change(), getattr(request, "page_expires", None)]
    valid_until = min((at for at in changes if at is not None), default=None)
    timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if valid_until is not None:
        timeout = max(1, min(timeout, int(valid_until - now) + 1))
    entry = Entry(
        content=response.content,
        headers=[],
        versions=versions,
        valid_until=valid_until,
        etag=f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
        read_id=getattr(request, "read_article_id", None),
    )
    # The answer as a hit sends it, validators included; `response` gets
    # them only once stored (a page not stored is not for a CDN to keep).
    sent = HttpResponse(response.content)
    for name, value in response.items():
        if name.lower() not in _SKIPPED_HEADERS:
            sent[name] = value
    add_validators(sent, entry)
    # As the middleware outside this one sends it to a client that does not
    # take gzip (Vary: Accept-Encoding added), and to one that does.
    entry.headers = list(_as_sent(sent, accept_encoding="").items())
    gzipped = _as_sent(sent, accept_encoding="gzip")
    if gzipped.has_header("Content-Encoding"):
        entry.gzipped, entry.gzip_headers = gzipped.content, list(gzipped.items())
    backend = caches["default"]
    if hasattr(backend, "set_made_of"):
        made_of = [cachetags.VERSION_PREFIX + tag for tag in versions]
        expected = {cachetags.VERSION_PREFIX + cachetags.ANY: generation}
        if not backend.set_made_of(key, entry, timeout, made_of, expected):
            return None
    else:
        backend.set(key, entry, timeout)
    return entry


def _as_sent(response, *, accept_encoding: str) -> HttpResponse:
    """A copy of `response` as TextGZipMiddleware sends it to a request
    whose Accept-Encoding header is `accept_encoding`."""
    copy = HttpResponse(response.content)
    for name, value in response.items():
        copy[name] = value
    request = HttpRequest()
    request.META["HTTP_ACCEPT_ENCODING"] = accept_encoding
    return TextGZipMiddleware(lambda request: copy).process_response(request, copy)


def _request_id(request) -> str:
    """The id RequestIdMiddleware gave `request` (one of its own if none)."""
    return getattr(request, "id", None) or incoming_request_id(request.META)


def is_conditional(environ) -> bool:
    return any(name in environ for name in CONDITIONAL)


def respond(request, entry: Entry, *, request_id: str) -> HttpResponse:
    """The stored page as `request` gets it (Entry.variant): itself, or for
    a conditional request the 304 or 412 of Django's rules, with the ETag as
    the page's only validator (add_validators); with X-Request-ID
    `request_id`, which Django's log line of a 412 carries too. A 304 or 412
    is a new answer that Django gives few of the page's headers: it gets the
    others (security headers, language) but those of the body and, on a 412,
    of caching. A HEAD's body is left out by the WSGI application
    (WithoutBody), as for any."""
    content, headers = entry.variant(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    logged = logged_request_id.set(request_id)
    try:
        answer = get_conditional_response(request, etag=entry.etag, response=response)
    finally:
        logged_request_id.reset(logged)
    if answer is not response:
        left_out = _BODY_HEADERS
        if answer.status_code != 304:
            left_out |= _CACHING_HEADERS
        for name, value in headers:
            if name.lower() not in left_out and name not in answer:
                answer[name] = value
    answer["X-Request-ID"] = request_id
    return answer


def add_validators(response, entry: Entry) -> None:
    """The ETag, the only validator of a shared page, and a Cache-Control that
    lets a CDN in front keep the page (its purge hook makes it forget:
    newsroom/pagecache/purge.py), while browsers ask again each time (a 304
    costs little). No Last-Modified: no time is known when all a page shows
    last changed (the view's own, a feed's newest item or a sitemap's, goes
    back when that item is withdrawn, and misses a renamed section), and the
    time the page was stored claimed a 2022 story changed now."""
    response["ETag"] = entry.etag
    del response["Last-Modified"]
    response["Surrogate-Key"] = " ".join(sorted(entry.versions))
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.NEWSROOM_CDN_MAX_AGE,
        stale_while_revalidate=settings.NEWSROOM_CDN_STALE_SECONDS,
    )


def moved_or_missing(request, response, *, shared: bool) -> None:
    """Make a redirect or a "not found" (MOVED_OR_MISSING) of a GET or HEAD
    that no header governs (the view's own Cache-Control wins) asked again
    by browsers each time: RFC 9111 lets any cache keep a 301, 308, 404 or
    410 without one for as long as it likes, and Chromium keeps a 301 for
    good, so a slug changed and changed back sent its readers round in a
    loop of redirects. `shared` (an address the page cache shares, page
    cache on): public, with a CDN's s-maxage and the Surrogate-Key of what
    the view depends on (a story's old address: the stories' list, which
    every slug change and publication bumps), so the purge hook reaches it
    as it reaches pages; without stale-while-revalidate, which a browser
    honours too and would follow the old redirect once more. Never stored
    here: a page is stored only with 200 (is_storable)."""
    if response.status_code not in MOVED_OR_MISSING:
        return
    if request.method not in ("GET", "HEAD"):
        return
    control = response.get("Cache-Control")
    if control is None and shared and not response.cookies:
        tags = cachetags.page_dependencies(request)
        response["Surrogate-Key"] = " ".join(sorted(tags))
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.NEWSROOM_CDN_MAX_AGE
        )
    elif not any(word in (control or "") for word in _FRESHNESS):
        # Not shared (another query, a cookie set, page cache off) or one
        # reader's own (private): kept by nobody without asking again.
        patch_cache_control(response, max_age=0)


def _safely(action, what: str):
    """Run a cache operation; a cache that fails is logged (once a minute at
    most: cachetags.unavailable) and the page is served uncached."""
    try:
        return action()
    except Exception as error:
        cachetags.unavailable(f"page {what}", error)
        return None


class StoredPagesHandler:
    """The WSGI application: stored pages answered before Django's handler
    (no request signals, no middleware: a third of the time of a hit through
    the middleware), everything else by Django. The middleware, first in
    MIDDLEWARE but for gzip, decides and stores, so a stored page carries
    every header the whole stack sets (and its gzipped copy those gzip
    sets: Entry.variant). A HEAD request gets every answer without its body
    (WithoutBody)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        body = None
        clean = without_tracking(
            environ.get("REQUEST_METHOD", ""), environ.get("QUERY_STRING", "")
        )
        if clean is not None:
            environ["QUERY_STRING"] = clean
        if settings.NEWSROOM_PAGE_CACHE:
            answer = self.stored(environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
        if body is None:
            body = self.application(environ, start_response)
        if environ.get("REQUEST_METHOD", "").upper() == "HEAD":
            return WithoutBody(body)
        return body

    def stored(self, environ):
        request = None
        key = anonymous_key(environ)
        if key is ASK_SHARED_KEY:
            try:
                request = _request(environ)
                key = shared_key(request)
            except Exception:  # an address Django refuses: Django says so
                return None
        if key is None:
            return None
        entry = _safely(lambda: fresh_entry(key), "read")
        if entry is None:
            return None
        # Answered here, not by Django: the reader's address for the access
        # log, as ClientAddressMiddleware sets it for the others.
        set_client_address(environ, settings.NEWSROOM_TRUSTED_PROXIES)
        if entry.read_id is not None:
            if request is None:
                record_stored_read(environ, entry.read_id)
            else:
                record_read_id(request, entry.read_id)
        conditional = is_conditional(environ)
        if request is None and conditional:
            request = _request(environ)
        if conditional:
            response = respond(request, entry, request_id=incoming_request_id(environ))
            response[HEADER] = "hit"
            status = f"{response.status_code} {response.reason_phrase}"
            headers = list(response.items())
            content = response.content
        else:  # the common case: the stored answer as it is
            status = "200 OK"
            content, stored = entry.variant(environ.get("HTTP_ACCEPT_ENCODING", ""))
            headers = [
                *stored,
                (HEADER, "hit"),
                ("X-Request-ID", incoming_request_id(environ)),
            ]
        return status, headers, (FinishedBody if batch_due() else list)([content])


def _request(environ) -> WSGIRequest:
    """A request read from a copy of `environ`: Django writes the decoded
    path into its request's META, which would otherwise be the server's own
    environ, and Django's handler could not encode a path outside Latin-1
    from it again (a 500 where a 404 is due)."""
    return WSGIRequest({**environ})


class WithoutBody:
    """What a HEAD request is sent of an answer: its status and headers, its
    Content-Length the GET's (RFC 9110), no body. Django's handler writes
    the body of a HEAD's answer for the server to drop, and gunicorn logs a
    warning each time it does: a line per request for anyone to provoke.
    The answer is still closed (Django's end of the request)."""

    def __init__(self, body):
        self.body = body

    def __iter__(self):
        return iter(())

    def close(self):
        close = getattr(self.body, "close", None)
        if close is not None:
            close()


class FinishedBody(list):
    """A body after which the end of the request is announced, like Django's
    answers, when the read it counted made a batch of reads due
    (articles/reads.py). Other stored pages skip it: nothing else of Django's
    end of a request applies to them (no query, no session)."""

    def close(self):
        request_finished.send(sender=StoredPagesHandler)
