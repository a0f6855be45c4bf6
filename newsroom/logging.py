"""Log records for production: one JSON object a line, with the request id,
and never a password, a session id or a reader's email address, in any field.

Wired up in settings.LOGGING (the app's records) and gunicorn.conf.py (the
access log); the request id comes from newsroom.middleware.RequestIdMiddleware
through a context variable.

Every field is cut to a bounded length before it is masked (clipped()): a
value taken from a request (an argument, an extra field, the request itself,
an access-log value) at FIELD_LIMIT characters, a whole message or exception
text at LINE_LIMIT. Masking then costs milliseconds whatever a client sends.
"""

import logging
import re
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# "-" outside a request (management commands, start-up).
request_id: ContextVar[str] = ContextVar("request_id", default="-")

# The patterns run over what clients send (an address, a Host header, a user
# agent), so each is tried in earnest only where a run of the characters it
# reads begins (the lookbehinds) and then reads that run once (possessive
# repeats): linear time. Unanchored, both read a run again from each of its
# characters: 3.8 s of CPU for one 7.8 KB address of `a-a-a-…`, logged with
# its 404 several times over, and a worker killed for it.
#
# An address, plain or percent-encoded (as in a request's repr:
# `ana%40example.org`): the whole run of address characters holding it, so
# two written together (`a@b.org+c@d.org`) are masked as one.
EMAIL = re.compile(r"(?<![\w.+%@-])[\w.+%@-]+(?:@|%40)[\w-]++(?:\.[\w-]++)+")
# `password=…`, `new_password1: …`, `"sessionid": "…"`, `csrftoken%3D…`: the
# value is masked up to the next separator (a literal or encoded `&`).
SECRET_NAME = r"passw(?:or)?d|secret|token|sessionid|api[_-]?key"
SECRET = re.compile(
    rf"(?<![\w-])(?=[\w-]*?(?:{SECRET_NAME}))([\w-]++)"
    r"""(["']?\s*+(?:[=:]|%3D|%3A)\s*+["']?)"""
    r"""(?:%(?!26)|[^\s&;,"'\\%])+""",
    re.IGNORECASE,
)
IS_SECRET_NAME = re.compile(SECRET_NAME, re.IGNORECASE)
REDACTED = "[redacted]"

# What a log line keeps of one value (a path, a query, a Host header, a user
# agent, the request): more says nothing more, and is only work to mask.
FIELD_LIMIT = 2048
# ...and of a whole message or an exception's text: a last bound.
LINE_LIMIT = 32 * 1024
# The most characters an address can hold (64 before the @, up to 255
# after), for clipped() below.
ADDRESS_LIMIT = 320
_ADDRESS_CHARACTER = re.compile(r"[\w.+%@-]")
# The log fields that hold a whole text rather than one value.
WHOLE_TEXT_FIELDS = frozenset({"message", "exc_info", "exc_text", "stack_info"})


def clipped(text: str, limit: int = FIELD_LIMIT) -> str:
    """`text` if at most `limit` characters long, else its beginning marked
    as cut: `;[cut: 5802 more characters]`. The run of address characters
    the cut ends in goes too (as much of it as an address can hold): an
    address cut in two no longer reads as one, and its first half would
    not be masked. The mark starts with a character that ends a secret
    value (redact()): after a cut `password=` it is not masked as one."""
    if len(text) <= limit:
        return text
    end = limit
    floor = max(0, limit - ADDRESS_LIMIT)
    while end > floor and _ADDRESS_CHARACTER.match(text[end - 1]):
        end -= 1
    return f"{text[:end]};[cut: {len(text) - end} more characters]"


def redact(text: str) -> str:
    """The text with email addresses and password, token or session values
    masked, in linear time (no cut: see clipped())."""
    return SECRET.sub(rf"\1\2{REDACTED}", EMAIL.sub(REDACTED, text))


def redact_value(value, limit: int = FIELD_LIMIT):
    """A log field made safe: strings cut at `limit` characters and
    redacted, containers walked (a value under a key such as `password`
    masked whole), any other object (a request, say) replaced by its text,
    cut and redacted."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return redact(clipped(value, limit))
    if isinstance(value, dict):
        return {key: _redact_item(key, item, limit) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(item, limit) for item in value]
    return redact(clipped(str(value), limit))


def _redact_item(key, value, limit: int):
    if isinstance(key, str) and IS_SECRET_NAME.search(key):
        return REDACTED
    return redact_value(value, limit)


def bounded_message(record: logging.LogRecord) -> str:
    """The record's message as LogRecord.getMessage() writes it, from its
    string arguments cut at FIELD_LIMIT each (Django logs a refused
    request's whole address, gunicorn a whole request line); the result cut
    at LINE_LIMIT. (A format string is the code's: never cut before it is
    filled in.)"""
    args = record.args
    if not args:
        return clipped(str(record.msg), LINE_LIMIT)
    if isinstance(args, tuple):
        args = tuple(clipped(arg) if isinstance(arg, str) else arg for arg in args)
    return clipped(str(record.msg) % args, LINE_LIMIT)


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
            message = bounded_message(record)
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
            # Cut: it names what the client sent (a Host header, an address).
            message = clipped(bounded_message(record))
        except Exception:  # a bad format string: leave it to the formatter
            return True
        if request is not None:
            asked = f"{request.method} {request.get_full_path()}"
            if on_request_logger:
                asked = f"{status} {asked}"
            message = f"{message} ({clipped(_escaped(asked))})"
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
        return {
            key: _redact_item(
                key, value, LINE_LIMIT if key in WHOLE_TEXT_FIELDS else FIELD_LIMIT
            )
            for key, value in log_data.items()
        }


class PlainFormatter(logging.Formatter):
    """Readable lines for development, the whole line (exception included)
    redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(clipped(super().format(record), LINE_LIMIT))
