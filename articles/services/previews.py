"""Stopping the share links to an article's preview (articles/preview.py).

A link leaked, or a story pulled: every link made before the stop stops
working; the links made after it work. The stop is kept with who, when and
why (PreviewLinkStop).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Article, PreviewLinkStop
from ..permissions import can_share_preview


def preview_links_stop(*, article: Article, user) -> PreviewLinkStop:
    """An editor stops every share link to the article made so far."""
    if not can_share_preview(user):
        raise PermissionDenied(_("You may not stop this article's preview links."))
    return stop_preview_links(
        article=article, by=user, reason=PreviewLinkStop.Reason.STOPPED
    )


def stop_preview_links(
    *, article: Article, by, reason: PreviewLinkStop.Reason
) -> PreviewLinkStop:
    """Record the stop (the caller has checked who may): the links made
    before it count fewer stops than the article now has."""
    with transaction.atomic():
        # One stop at a time per article: the count a link carries is exact.
        Article.objects.select_for_update().filter(pk=article.pk).exists()
        return PreviewLinkStop.objects.create(article=article, by=by, reason=reason)
