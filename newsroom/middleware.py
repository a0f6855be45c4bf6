"""Cross-cutting request handling."""

import re
import uuid

from django.core.signals import request_finished

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
        given = request.headers.get("X-Request-ID", "")
        request.id = given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is finished: Django logs 4xx and 5xx
        # responses after the middleware has returned.
        request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


def forget_request_id(**kwargs):
    request_id.set("-")


request_finished.connect(forget_request_id, dispatch_uid="newsroom.request_id")
