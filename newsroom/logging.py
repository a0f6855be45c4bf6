"""Log records for production: one JSON object a line, with the request id,
and never a password, a session id or a reader's email address, in any field.

Wired up in settings.LOGGING (the app's records) and gunicorn.conf.py (the
access log); the request id comes from newsroom.middleware.RequestIdMiddleware
through a context variable.
"""

import logging
import re
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# "-" outside a request (management commands, start-up).
request_id: ContextVar[str] = ContextVar("request_id", default="-")

# Plain or percent-encoded (as in a request's repr: `ana%40example.org`).
EMAIL = re.compile(r"[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")
# `password=…`, `new_password1: …`, `"sessionid": "…"`, `csrftoken%3D…`: the
# value is masked up to the next separator (a literal or encoded `&`).
SECRET_NAME = r"passw(?:or)?d|secret|token|sessionid|api[_-]?key"
SECRET = re.compile(
    rf"\b([\w-]*(?:{SECRET_NAME})[\w-]*)"
    r"""(["']?\s*(?:[=:]|%3D|%3A)\s*["']?)"""
    r"""(?:%(?!26)|[^\s&;,"'\\%])+""",
    re.IGNORECASE,
)
IS_SECRET_NAME = re.compile(SECRET_NAME, re.IGNORECASE)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """The text with email addresses and password, token or session values
    masked."""
    return SECRET.sub(rf"\1\2{REDACTED}", EMAIL.sub(REDACTED, text))


def redact_value(value):
    """A log field made safe: strings redacted, containers walked (a value
    under a key such as `password` masked whole), any other object (a
    request, say) replaced by its redacted text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            key: REDACTED
            if isinstance(key, str) and IS_SECRET_NAME.search(key)
            else redact_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(item) for item in value]
    return redact(str(value))


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RedactFilter(logging.Filter):
    """Masks secrets and email addresses in the message and its arguments.

    The formatters below redact every other field; this filter also serves
    loggers whose formatter is not ours (gunicorn's access log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the formatter
            return True
        record.msg = redact(message)
        record.args = None
        return True


class RefusedRequestFilter(logging.Filter):
    """Django's record of a request refused with a 4xx status as a WARNING on
    one line: its message, then the status (on django.request, whose records
    range over every status), the method and the address asked for, escaped
    as Python writes a string; no traceback. For what the client sent (a
    Host header the site does not serve, a body or form over the limits:
    scanners send such requests by the thousand, and as Django's ERRORs with
    a stack each they flooded error monitoring) and for the ordinary 403,
    404 and 405 (a reporter opening an editor's page), whose stack says
    nothing (Django writes these as WARNINGs). The response is unchanged; a
    5xx, a record without a status and an ERROR logged on purpose on
    django.request keep their traceback.

    Set on those loggers (django.request, django.security.DisallowedHost, …)
    in settings.LOGGING."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        on_request_logger = record.name == "django.request"
        # Django writes a 4xx there as a WARNING: an ERROR is someone's on
        # purpose, with the stack they meant to keep.
        if on_request_logger and record.levelno > logging.WARNING:
            return True
        # Once a record: logging.config.dictConfig run again (a test, a
        # reload) adds this filter again beside the first.
        if getattr(record, "refused_request_written", False):
            return True
        record.refused_request_written = True
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        request = getattr(record, "request", None)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the formatter
            return True
        if request is not None:
            asked = f"{request.method} {request.get_full_path()}"
            if on_request_logger:
                asked = f"{status} {asked}"
            message = f"{message} ({_escaped(asked)})"
        record.msg, record.args = message, None
        return True


def _escaped(text: str) -> str:
    """Text with anything but printable ASCII written as a Python escape (as
    Django escapes what it logs of a request), so it cannot forge a line."""
    return text.encode("unicode_escape").decode("ascii")


class JsonFormatter(_JsonFormatter):
    """time, level, logger, message and request_id, plus any `extra`; every
    field redacted, the exception text and the request included."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "fmt", ["asctime", "levelname", "name", "message", "request_id"]
        )
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger"},
        )
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        return redact_value(log_data)


class PlainFormatter(logging.Formatter):
    """Readable lines for development, the whole line (exception included)
    redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
