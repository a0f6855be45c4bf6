"""Readers get a "try again shortly" page, not a server error, while the
database is unreachable: from the middleware when a view fails, and from the
404 and 500 handlers (`handler404`, `handler500` in newsroom/urls.py) when the
error comes while rendering the not-found page (its layout shows the sections
from the database) or from outside any view.

Only for the database being down (database_down()): a query the database
refuses (SQLite's "Expression tree is too large", PostgreSQL's statement
timeout) is a bug, answered and logged as a 500, never "back shortly"."""

import logging
import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# What the database driver raises when the server cannot be reached or the
# connection broke (and when a query fails: database_down() tells them apart).
DATABASE_DOWN = (OperationalError, InterfaceError)
# SQLite's primary result codes for a database that cannot be used at all:
# its file missing or unreadable, the disk failing or full, or the database
# locked by another process past the busy timeout. Any other (SQLITE_ERROR:
# a statement it cannot run) is about the query.
SQLITE_DOWN = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_NOTADB,
    }
)
# PostgreSQL's SQLSTATEs for a server that cannot serve: connection
# exceptions (08), insufficient resources (53: too many connections, out of
# memory or disk), and a server shutting down or starting (57P01-57P03).
# Without a SQLSTATE the server never answered (refused, unreachable, the
# connection broke).
POSTGRES_DOWN_CLASSES = ("08", "53")
POSTGRES_DOWN_STATES = frozenset({"57P01", "57P02", "57P03"})


def database_down(error: BaseException) -> bool:
    """Whether `error` says the database cannot be reached or the connection
    broke, rather than that one query failed: every InterfaceError, and an
    OperationalError unless its driver's error is about the statement
    (database_down_by_driver())."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    return database_down_by_driver(error.__cause__)


def database_down_by_driver(cause: BaseException | None) -> bool:
    """Whether the driver's error (Django's wrapped one's cause) is the
    database being unusable; True when the driver says nothing either way."""
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in SQLITE_DOWN  # extended codes carry it below
    sqlstate = getattr(cause, "sqlstate", "-")
    if sqlstate != "-":  # psycopg's error: None when the server never answered
        return (
            sqlstate is None
            or sqlstate.startswith(POSTGRES_DOWN_CLASSES)
            or sqlstate in POSTGRES_DOWN_STATES
        )
    return True


def unavailable_response(request, error: Exception) -> HttpResponse:
    """templates/503.html with status 503 and `Retry-After`, never cached;
    the error is logged. Rendered without a request context: no context
    processors, so no query can fail again while rendering it."""
    logger.error("database unavailable for %s: %s", request.path, error, exc_info=error)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def page_not_found(request, exception):
    """handler404: the site's not-found page, or the 503 page when rendering it
    needs the database and cannot reach it."""
    try:
        return defaults.page_not_found(request, exception)
    except DATABASE_DOWN as error:
        if not database_down(error):
            raise
        return unavailable_response(request, error)


def server_error(request):
    """handler500: the 503 page when the unhandled error is the database being
    unreachable (raised outside a view, where the middleware cannot see it),
    otherwise the plain server-error page."""
    error = sys.exc_info()[1]
    if error is not None and database_down(error):
        return unavailable_response(request, error)
    return defaults.server_error(request)


class DatabaseUnavailableMiddleware:
    """Turn a view's OperationalError or InterfaceError that says the database
    cannot be reached or the connection broke (database_down()) into
    templates/503.html with status 503 and `Retry-After`. Other errors, a
    query the database refused too, are left to Django's 500 handling.

    The page is rendered without a request context: no context processors, so
    no query can fail again while rendering it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_down(exception):
            return None
        return unavailable_response(request, exception)
