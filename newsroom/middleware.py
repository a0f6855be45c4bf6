"""Cross-cutting request handling."""

import functools
import logging
import re
import uuid
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import (
    MiddlewareNotUsed,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.signals import request_finished
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    QueryDict,
)
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.template.loader import render_to_string
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.cache import patch_vary_headers

from . import health, proxies
from .logging import request_id

# What a proxy may hand us as a request id: short and free of anything that
# could forge a log line or a header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


class RequestIdMiddleware:
    """Give every request an id: the proxy's X-Request-ID if sane, else a new
    one. It is `request.id`, in every log record made while handling the
    request, and in the X-Request-ID response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = incoming_request_id(request.META)
        # Kept until the response is finished: Django logs 4xx and 5xx
        # responses after the middleware has returned.
        request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


def incoming_request_id(environ) -> str:
    """A request's id: the proxy's X-Request-ID if sane, else a new one (for
    this middleware, and for a stored page the page cache answers before
    it)."""
    given = environ.get("HTTP_X_REQUEST_ID", "")
    return given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def forget_request_id(**kwargs):
    request_id.set("-")


request_finished.connect(forget_request_id, dispatch_uid="newsroom.request_id")


class ClientAddressMiddleware:
    """Behind trusted proxies (settings.NEWSROOM_TRUSTED_PROXIES), REMOTE_ADDR
    becomes the client's address, read from X-Forwarded-For (newsroom/proxies.py),
    before anything reads it: rate limits, comment bans, django-axes. Not
    used at all when the app is not behind a proxy."""

    def __init__(self, get_response):
        if not settings.NEWSROOM_TRUSTED_PROXIES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        proxies.set_client_address(request.META, settings.NEWSROOM_TRUSTED_PROXIES)
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answer `/healthz` whatever the Host header: load balancers probe each
    app server by its address (`Host: 10.0.0.5:8000`), which ALLOWED_HOSTS
    rightly refuses for pages. Placed before SecurityMiddleware and
    CommonMiddleware, the only ones that read the host, so health probes are
    neither refused nor redirected to HTTPS; nothing but this exact path is
    served this way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return health.healthz(request)
        return self.get_response(request)


# What every address answers: it is read (GET, HEAD), and OPTIONS says so.
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# ...and, where a form is sent to it, POST.
FORM_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

# The addresses forms are sent to, by URL name: the desk (the admin, whose
# own views say which of them take one), the language switch, a reader's
# comment and report of a comment, and a preview's share page (stopping its
# links). Every other address, a new page too, is read only: a POST to it was
# answered with the whole page, rendered anew each time (never from the page
# cache), for anyone with the token /comments/tokens/ hands out.
FORM_NAMESPACES = frozenset({"admin"})
FORM_VIEWS = frozenset(
    {
        "set_language",
        "articles:comment_create",
        "articles:comment_flag",
        "articles:article_share",
    }
)


def allowed_methods(match: ResolverMatch) -> tuple[str, ...]:
    """The methods the address that resolved to `match` takes, OPTIONS
    included: known from its URL pattern alone, without a query."""
    if match.view_name in FORM_VIEWS or FORM_NAMESPACES.intersection(match.namespaces):
        return FORM_METHODS
    return READ_METHODS


class MethodMiddleware:
    """Each address answers the methods it takes (allowed_methods()): OPTIONS
    with an empty 204 and `Allow`, any other method (a POST to a page, TRACE,
    PUT, DELETE, PROPFIND…) with 405 and `Allow`, before CSRF and the view.
    An address that does not resolve is 404 whatever the method. Every view
    rendered its page for TRACE and OPTIONS (200, the whole page), which a
    scanner reports as TRACE enabled, and OPTIONS listed POST everywhere,
    on addresses that do not exist too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        methods = allowed_methods(request.resolver_match)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(methods)
            return response
        if request.method not in methods:
            return HttpResponseNotAllowed(methods)
        return None


def foreign_form_charset(request) -> str | None:
    """The charset a form POST declares when it is not UTF-8, else None.

    Forms are UTF-8 (HTML, RFC 1866): Django refuses any other charset on
    `application/x-www-form-urlencoded` by raising BadRequest where
    request.POST is first read, and its 400 view reads request.POST again
    (for the CSRF check), so without this the error escapes as the WSGI
    server's bare 500. A charset Python does not know ("nope-9") is as
    foreign: Django leaves request.encoding unset for it and read the form
    as UTF-8, so the declared one is read here."""
    if request.method != "POST":
        return None
    if request.content_type != "application/x-www-form-urlencoded":
        return None
    declared = request.content_params.get("charset")
    if declared is None or declared.lower() == "utf-8":
        return None
    return declared


def undecodable_form(request) -> bool:
    """Whether a UTF-8 form POST holds bytes that are not UTF-8 ("%ff%fe").
    No browser sends them from a UTF-8 page; Django read each as U+FFFD, and
    a comment signed "\ufffd\ufffd" or reading "\ufffd\ufffd halo" was
    taken."""
    if request.method != "POST":
        return False
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    try:
        for pair in request.body.split(b"&"):
            for part in pair.split(b"=", 1):
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    except RequestDataTooBig:
        return False  # Django refuses it where the form is read
    return False


class FormCharsetMiddleware:
    """Answer 400 with the site's page (templates/400.html) to a form sent in
    a charset other than UTF-8, or holding bytes that are not UTF-8, before
    CSRF or any view reads it. Placed after the middleware that set headers,
    so the page carries them all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if foreign_form_charset(request) is None and not undecodable_form(request):
            return self.get_response(request)
        # Whatever looks at the request later (an error report, say) finds
        # an empty form instead of raising again.
        request._mark_post_parse_error()
        return HttpResponseBadRequest(render_to_string("400.html"))


class UnreadableQueryMiddleware:
    """Answer 400 with the site's page (templates/400.html), in the address's
    language, to a query Django refuses to read (more parameters than
    DATA_UPLOAD_MAX_NUMBER_FIELDS), before any view reads it. Django raises
    where request.GET is first read, and with DEBUG on its error page reads
    it again: the request escaped Django as the server's bare 500. Placed
    after the middleware that set headers, so the page carries them all; the
    page cache, outside them, leaves such a query unshared
    (newsroom/pagecache/middleware.py: shared_key)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 (read to see that it can be)
        except SuspiciousOperation as error:
            # Logged as Django logs it where it answers such a request.
            logging.getLogger(f"django.security.{type(error).__name__}").error(
                str(error), extra={"status_code": 400, "request": request}
            )
            # Whatever looks at the request later (an error report, say) finds
            # an empty query instead of raising again.
            request.GET = QueryDict()
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)


def declared_length(environ) -> int:
    """The body's length as the request declares it (Content-Length); 0
    without one, as Django reads it: a body sent without (chunked) is never
    read, Django's request stream ending at once."""
    try:
        return max(0, int(environ.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def body_limit(request) -> int:
    """The largest body `request` may send: NEWSROOM_DESK_BODY_LIMIT for a
    signed-in member of staff on a desk (admin) address, whose forms upload
    images and Word documents; NEWSROOM_BODY_LIMIT for anyone else and
    anywhere else (a reader's comment or report, the language switch, the
    log-in form)."""
    try:
        desk = "admin" in resolve(request.path_info).namespaces
    except Resolver404:
        desk = False
    if desk and request.user.is_active and request.user.is_staff:
        return settings.NEWSROOM_DESK_BODY_LIMIT
    return settings.NEWSROOM_BODY_LIMIT


class BodyLimitMiddleware:
    """Answer 413 with the site's page (templates/413.html, naming the
    limit) to a request whose Content-Length is over what it may send
    (body_limit()), before anything reads the body. Django's own limit
    (DATA_UPLOAD_MAX_MEMORY_SIZE) leaves out files: a reader's comment with
    a 1 GB file attached was written to a temporary file whole (17 s of a
    worker) before the form was looked at, and 3 GB ran past the worker's
    timeout. Placed after the session and user middleware (the desk's limit
    is for staff) and before anything reads the form (FormCharsetMiddleware,
    CSRF); who and where are looked up only for a body over the readers'
    limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request.META)
        if length <= settings.NEWSROOM_BODY_LIMIT:
            return self.get_response(request)
        limit = body_limit(request)
        if length <= limit:
            return self.get_response(request)
        # Whatever looks at the request later finds an empty form, never
        # reading the body.
        request._mark_post_parse_error()
        return HttpResponse(render_to_string("413.html", {"limit": limit}), status=413)


# What is worth compressing: text (pages, feeds, sitemaps, JSON, scripts and
# styles served by Django). Images, fonts and files are compressed already,
# and gzip would only cost time and their Content-Length.
COMPRESSIBLE_TYPES = re.compile(
    r"(text/|application/(json|xml|javascript|(rss|atom)\+xml|ld\+json)|image/svg)"
)


GZIP_CODINGS = frozenset({"gzip", "x-gzip"})


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether a request's Accept-Encoding takes gzip: Django's test (the
    word gzip in it, in any case: coding names are case-insensitive, RFC
    9110 8.4.1), unless the client refuses it (refuses_gzip())."""
    accept_encoding = accept_encoding.lower()
    return bool(re_accepts_gzip.search(accept_encoding)) and not refuses_gzip(
        accept_encoding
    )


@functools.lru_cache(maxsize=256)  # a few distinct headers, on every stored hit
def refuses_gzip(accept_encoding: str) -> bool:
    """Whether the client names gzip, each time with a weight of 0: "not
    acceptable" (RFC 9110, 12.5.3: `gzip;q=0`), which Django's test reads as
    a yes."""
    weights = [
        _weight(params)
        for coding, *params in (item.split(";") for item in accept_encoding.split(","))
        if coding.strip().lower() in GZIP_CODINGS
    ]
    return bool(weights) and all(weight == 0 for weight in weights)


def _weight(params: list[str]) -> float:
    """A coding's weight from its parameters (`q=0.5`); 1 when none, or when
    it is not a number from 0 to 1."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                return 1.0
            return weight if 0 <= weight <= 1 else 1.0
    return 1.0


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (gzip for a client that asks for it, shorter
    answers only, Vary: Accept-Encoding, a weak ETag, Heal The Breach's
    random bytes against BREACH) for text answers alone. First in
    MIDDLEWARE: the page cache inside it stores answers uncompressed, and
    keeps a compressed copy made by this same rule (newsroom/pagecache/)."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not COMPRESSIBLE_TYPES.match(content_type):
            return response
        accept_encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if accept_encoding != accept_encoding.lower():
            # "GZIP" is gzip (RFC 9110 8.4.1); Django's test reads lower case.
            accept_encoding = accept_encoding.lower()
            request.META["HTTP_ACCEPT_ENCODING"] = accept_encoding
        if refuses_gzip(accept_encoding):
            # Django would compress for `gzip;q=0`; the answer still varies.
            # (A client that does not name gzip takes Django's own path.)
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
