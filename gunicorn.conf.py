"""gunicorn settings for newsroom, read from the environment.

    gunicorn -c gunicorn.conf.py

PORT or GUNICORN_BIND: where to listen (default 0.0.0.0:8000).
WEB_CONCURRENCY: worker processes (default two a CPU core, plus one).
FORWARDED_ALLOW_IPS: the proxies whose X-Forwarded-* headers are trusted.
GUNICORN_TIMEOUT, GUNICORN_GRACEFUL_TIMEOUT: seconds (default 30 each).
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# On SIGTERM (a deploy), finish the requests under way for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30)
keepalive = 5
# A load balancer in front keeps connections open; recycle workers now and
# then so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

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
