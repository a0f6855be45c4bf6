"""Readers get a "try again shortly" page, not a server error, while the
database is unreachable."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


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
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "database unavailable for %s: %s",
            request.path,
            exception,
            exc_info=exception,
        )
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
