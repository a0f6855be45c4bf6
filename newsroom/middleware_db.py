"""Readers get a "try again shortly" page, not a server error, while the
database is unreachable: from the middleware when a view fails, and from the
404 and 500 handlers (`handler404`, `handler500` in newsroom/urls.py) when the
error comes while rendering the not-found page (its layout shows the sections
from the database) or from outside any view."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# What the database driver raises when the server cannot be reached or the
# connection broke.
DATABASE_DOWN = (OperationalError, InterfaceError)


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
        return unavailable_response(request, error)


def server_error(request):
    """handler500: the 503 page when the unhandled error is the database being
    unreachable (raised outside a view, where the middleware cannot see it),
    otherwise the plain server-error page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return unavailable_response(request, error)
    return defaults.server_error(request)


class DatabaseUnavailableMiddleware:
    """Turn a view's OperationalError or InterfaceError (the database cannot be
    reached or the connection broke) into templates/503.html with status 503
    and `Retry-After`. Other errors are left to Django's 500 handling.

    The page is rendered without a request context: no context processors, so
    no query can fail again while rendering it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        return unavailable_response(request, exception)
