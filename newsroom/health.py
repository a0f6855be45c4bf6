"""`/healthz`: is this app server able to serve pages? For load balancers and
uptime monitors, so it needs no login and is never cached.

Each check is one round trip on the connection the pages use, so it is as fast
as that connection's own timeouts (see README, Health and failures).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom import cachetags

logger = logging.getLogger(__name__)


def check_database() -> str | None:
    """None when `SELECT 1` answers, otherwise a short reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: database down: %s", error)
        return type(error).__name__
    return None


def check_cache() -> str | None:
    """None when a unique key can be written and read back, otherwise a short
    reason."""
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception as error:  # any cache backend's connection error
        # Once a minute at most, as every other cache failure: a probe every
        # few seconds had written a line each.
        cachetags.unavailable("health check", error)
        return type(error).__name__
    if value != "ok":
        return "value not read back"
    return None


@never_cache
@require_safe
def healthz(request):
    """200 {"status": "ok", "database": "ok", "cache": "ok"} when both answer;
    503 with "down: <reason>" for each that does not. The reason is the error's
    kind only: the details (host names, ports) go to the log, not the public."""
    problems = {"database": check_database(), "cache": check_cache()}
    body = {
        name: "ok" if problem is None else f"down: {problem}"
        for name, problem in problems.items()
    }
    healthy = all(problem is None for problem in problems.values())
    body = {"status": "ok" if healthy else "down", **body}
    return JsonResponse(body, status=200 if healthy else 503)
