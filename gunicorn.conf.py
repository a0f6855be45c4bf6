"""gunicorn settings for newsroom, read from the environment.

    gunicorn -c gunicorn.conf.py

PORT or GUNICORN_BIND: where to listen (default 0.0.0.0:8000).
WEB_CONCURRENCY: worker processes (default two a CPU core, plus one).
DJANGO_BEHIND_PROXY: only when true are X-Forwarded-* headers believed, and
  then only from FORWARDED_ALLOW_IPS (default 127.0.0.1).
GUNICORN_TIMEOUT, GUNICORN_GRACEFUL_TIMEOUT: seconds (default 30 each).
GUNICORN_MAX_REQUESTS: requests a worker serves before it is replaced
  (default 100,000; 0: never). GUNICORN_PRELOAD: import the app before
  forking (default true).

An empty variable counts as unset; a number that is not one stops start-up
(newsroom/env.py). The site starts in production, DJANGO_DEBUG off, unless
DJANGO_DEBUG says otherwise (newsroom/wsgi.py). More than one worker with
DJANGO_DEBUG off, the page cache on and no REDIS_URL refuses to start
(on_starting).
"""

import gc
import json
import multiprocessing
import time
from datetime import timedelta

from gunicorn.glogging import Logger

from newsroom.env import env_bool, env_int, env_str
from newsroom.logging import RedactFilter, clipped, request_id

wsgi_app = "newsroom.wsgi:application"

bind = env_str("GUNICORN_BIND") or f"0.0.0.0:{env_int('PORT', 8000)}"
workers = env_int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1, minimum=1)
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy), finish the requests under way for this long.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# A load balancer in front keeps connections open; recycle workers now and
# then so a slow leak never grows. Not too often: a worker that starts anew
# imports Django again (about a second of CPU), and stored pages go out at
# 1,000+ a second (README, Performance: a worker's memory stays flat over
# 20,000 requests). GUNICORN_MAX_REQUESTS=0 never recycles.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max_requests // 10
# The app is imported once, before the workers fork: a new worker starts at
# once, sharing the imported code's memory.
preload_app = env_bool("GUNICORN_PRELOAD", True)
# A request line of up to 8,190 bytes (gunicorn's most; its default is
# 4,094), so that a long query (a search pasted from elsewhere, a link with
# many parameters) reaches the site, which answers with its own page. What
# gunicorn still refuses itself, before the app sees it, goes out as its own
# bare page without the site's headers (README, Deployment: Bad requests):
# a longer line (414), a header over 8,190 bytes (431, its default), more
# than 100 headers, a control character in one (400).
limit_request_line = 8190


def on_starting(server):
    """Several workers need the shared cache: without REDIS_URL each keeps its
    own stored pages, and an edited headline alternates old and new from one
    request to the next. Checked here, before any worker forks, on the
    number gunicorn will really start (`-w` on the command line included).
    gunicorn prints a RuntimeError as one line and exits."""
    if (
        server.cfg.workers > 1
        and not env_bool("DJANGO_DEBUG", False)
        and env_bool("NEWSROOM_PAGE_CACHE", True)
        and not env_str("REDIS_URL")
    ):
        raise RuntimeError(
            f"REDIS_URL is not set, and gunicorn would start {server.cfg.workers} "
            "workers: with DJANGO_DEBUG off each would keep its own page cache "
            "and serve pages changed in another as they were. Set REDIS_URL "
            "(e.g. redis://127.0.0.1:6379/0), or start one worker "
            "(WEB_CONCURRENCY=1)."
        )


def pre_fork(server, worker):
    """What the master imported (Django, the app, their caches) is moved out
    of the garbage collector's reach before a worker forks: the workers'
    collections no longer walk it (shorter pauses, the slowest answers) nor
    write to its pages (memory stays shared). Python's advice for fork()."""
    gc.freeze()


# A worker's own first requests build what it then keeps for its life:
# compiled templates, URL patterns, compiled queries, translations. After
# these many requests, what is alive is frozen too (after a collection, so no
# garbage is kept), and full collections walk little: measured in one process
# serving the article page 620 times after the master's freeze, 37,700
# objects were still walked and the longest collection took 16 ms; frozen
# after the warm-up, 780 objects and 3.5 ms. A few times only, early: what a
# worker keeps later is little, and nothing can pile up.
FREEZE_AFTER_REQUESTS = (10, 100, 1_000, 10_000)


def post_request(worker, req, environ, resp):
    worker.current_request = None
    if worker.nr in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()


def pre_request(worker, req):
    """Note when the request began and which one the worker is on, for
    worker_abort() and the access line gunicorn writes for a request it
    killed; no request id left over from an earlier one."""
    req.started = time.monotonic()
    worker.current_request = req
    request_id.set("-")


def worker_abort(worker):
    """A request ran past GUNICORN_TIMEOUT and the master killed the worker
    (after its "WORKER TIMEOUT"): one ERROR line naming it, its method,
    address, request id and how long it had run. gunicorn's own lines said
    nothing of it (its access line: "path": "None", "request_id": "-", the
    4 ms spent writing the 500)."""
    req = getattr(worker, "current_request", None)
    if req is None:
        worker.log.error("worker timed out serving no request (one slow to come?)")
        return
    req.request_id = _request_id(req)
    worker.log.error(
        "request timed out after %d ms (GUNICORN_TIMEOUT %d s): %s %s request_id=%s",
        (time.monotonic() - req.started) * 1000,
        worker.cfg.timeout,
        req.method,
        req.uri,
        req.request_id,
    )


def _request_id(req) -> str:
    """The id of the request under way: the app's (RequestIdMiddleware), or
    the proxy's X-Request-ID when the app had not read it yet, else "-"."""
    # The app's module: loaded with the app, not with gunicorn's settings.
    from newsroom.middleware import SANE_REQUEST_ID

    known = request_id.get()
    if known != "-":
        return known
    for name, value in req.headers:
        if name == "X-REQUEST-ID" and SANE_REQUEST_ID.fullmatch(value):
            return value
    return "-"


# X-Forwarded-Proto and friends decide whether a request counts as HTTPS
# (wsgi.url_scheme, which Django follows: it does not read the header itself,
# see SECURE_PROXY_SSL_HEADER in newsroom/settings.py). Behind a proxy, only
# its addresses are believed. Without one, anyone could send them, so nobody
# is, not even 127.0.0.1 (gunicorn's own default) nor a peer on a unix socket
# (which gunicorn trusts whatever forwarded_allow_ips says, hence the empty
# header lists).
if env_bool("DJANGO_BEHIND_PROXY", False):
    forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers: dict[str, str] = {}
    forwarder_headers = ""


class JsonAtoms(dict):
    """The access line's values as JSON strings hold them: gunicorn's own
    escape only its quotes, so a path with an encoded line end
    (`/x%0A{"status": 200}`) wrote a second, made-up line, an escape
    sequence reached the terminal reading the log, and a NUL made grep call
    the log binary. One request, one JSON line."""

    def __init__(self, atoms):
        # Not gunicorn's SafeAtoms, whose escaped quotes would be escaped
        # again (a\\"b: the string ends at the quote). Each value cut first,
        # as the app's log fields are (newsroom.logging.clipped()): an
        # address or user agent of 8 KB is only work to mask.
        super().__init__(
            {
                key: json.dumps(clipped(value))[1:-1]
                if isinstance(value, str)
                else value
                for key, value in atoms.items()
            }
        )

    def __getitem__(self, key):
        return self.get(key.lower() if key.startswith("{") else key, "-")


class RedactingLogger(Logger):
    """gunicorn's logger with every access and error line masked like the
    app's own (newsroom.logging): no password, session id or email address,
    whichever field (path, query, referrer, user agent) carried it; each
    access line a JSON object (JsonAtoms)."""

    atoms_wrapper_class = JsonAtoms

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactFilter) for f in log.filters):
                log.addFilter(RedactFilter())

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms; for an answer gunicorn wrote itself to a request
        it had begun to serve (its 500 for a request killed by the timeout),
        which it logs without the application's environ and timed from its
        own error handling: the request's path, id and time since it
        began."""
        started = getattr(req, "started", None)
        if "PATH_INFO" in environ or started is None:
            return super().atoms(resp, req, environ, request_time)
        atoms = super().atoms(
            resp,
            req,
            {**environ, "PATH_INFO": req.path},
            timedelta(seconds=time.monotonic() - started),
        )
        atoms["{x-request-id}o"] = getattr(req, "request_id", None) or _request_id(req)
        return atoms


logger_class = RedactingLogger

# Logs to stdout/stderr for the platform to collect. One JSON-ish object an
# access line, with the request id the app sets (X-Request-ID), so an access
# line and the app's own log lines for a request can be joined.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "request_id": "%({x-request-id}o)s", '
    '"remote_addr": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"user_agent": "%(a)s"}'
)
