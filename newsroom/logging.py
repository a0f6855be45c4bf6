"""Log records for production: one JSON object a line, with the request id,
and never a password, a session id or a reader's email address.

Wired up in settings.LOGGING; the request id comes from
newsroom.middleware.RequestIdMiddleware through a context variable.
"""

import logging
import re
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# "-" outside a request (management commands, start-up).
request_id: ContextVar[str] = ContextVar("request_id", default="-")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SECRET = re.compile(
    r"\b(password|passwd|sessionid|csrftoken|csrfmiddlewaretoken)"
    r"""(["']?\s*[=:]\s*["']?)[^\s&;,"']+""",
    re.IGNORECASE,
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """The text with email addresses and password or session values masked."""
    return SECRET.sub(rf"\1\2{REDACTED}", EMAIL.sub(REDACTED, text))


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RedactFilter(logging.Filter):
    """Masks secrets and email addresses in the message and its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the formatter
            return True
        record.msg = redact(message)
        record.args = None
        return True


class JsonFormatter(_JsonFormatter):
    """time, level, logger, message and request_id, plus any `extra`."""

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
