"""System checks of the newsroom's own configuration (`manage.py check`, run
by `migrate` and before `runserver` too)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.caches)
def shared_cache(app_configs, **kwargs):
    """With debug off the cache must be Redis (REDIS_URL): production runs
    several processes, and each one's own memory would hold its own rate
    limits and its own copy of every stored page. django_ratelimit.E003 says
    the same of the cache backend, without naming the variable to set."""
    if settings.DEBUG or settings.REDIS_URL:
        return []
    return [
        Error(
            "REDIS_URL is not set: with DJANGO_DEBUG off each app process "
            "(each gunicorn worker) would keep its own cache in memory: a "
            "changed page stays old in the other processes (up to "
            "NEWSROOM_PAGE_CACHE_SECONDS), and rate limits hold per process.",
            hint=(
                "Set REDIS_URL to the shared Redis, e.g. "
                "redis://127.0.0.1:6379/0 (README, Deployment)."
            ),
            id="newsroom.E001",
        )
    ]
