"""Tell a CDN in front which pages changed: a purge by tags.

Every shared page carries its tags in a `Surrogate-Key` header (the names
Fastly reads; other CDNs take them from it by a rule). When
NEWSROOM_CDN_PURGE_URL is set, each change POSTs `{"tags": [...]}` there as
JSON (with `Authorization: Bearer <NEWSROOM_CDN_PURGE_TOKEN>` when that is
set), in a background task: a small relay, or the CDN's own purge-by-tag API,
does the rest. See README, Performance.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django_tasks import task

from newsroom.cachetags import pages_changed

logger = logging.getLogger(__name__)


@task()
def purge_cdn(tags: list[str]) -> int:
    """POST the changed tags to the purge hook; the HTTP status it answered."""
    request = urllib.request.Request(
        settings.NEWSROOM_CDN_PURGE_URL,
        data=json.dumps({"tags": sorted(tags)}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if settings.NEWSROOM_CDN_PURGE_TOKEN:
        request.add_header(
            "Authorization", f"Bearer {settings.NEWSROOM_CDN_PURGE_TOKEN}"
        )
    with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
        return answer.status


def request_purge(sender, tags, **kwargs) -> None:
    if not settings.NEWSROOM_CDN_PURGE_URL:
        return
    try:
        purge_cdn.enqueue(tags=list(tags))
    except Exception:  # the CDN down: its pages expire by s-maxage instead
        logger.exception("The CDN purge of %s failed", tags)


pages_changed.connect(request_purge, dispatch_uid="newsroom.pagecache.purge")
