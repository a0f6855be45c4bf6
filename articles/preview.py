"""Signed, expiring links that show an unpublished article to someone without
an account.

A token carries only the article's id, signed with SECRET_KEY under a salt of
its own (so no other signed value in the project can pass for one) and stamped
with the time it was made. It stops working PREVIEW_LINK_MAX_AGE seconds after
that, when the article is deleted, or when SECRET_KEY changes.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Article

SALT = "articles.preview.share"


def make_share_token(article: Article) -> str:
    """A URL-safe token that opens this article's preview until it expires."""
    return signing.dumps(article.pk, salt=SALT)


def read_share_token(token: str) -> int:
    """The article id in a valid token.

    Raises signing.BadSignature for a tampered or malformed token, and its
    subclass signing.SignatureExpired for one older than PREVIEW_LINK_MAX_AGE.
    """
    article_id = signing.loads(token, salt=SALT, max_age=max_age())
    if not isinstance(article_id, int) or isinstance(article_id, bool):
        raise signing.BadSignature("A preview token carries an article id.")
    return article_id


def max_age() -> dt.timedelta:
    """How long a share link works after it is made."""
    return dt.timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)


@dataclass(frozen=True)
class ShareLink:
    url: str
    expires_at: dt.datetime


def share_link(request, article: Article) -> ShareLink:
    """A fresh absolute share link to the article's preview, and when it expires."""
    # Whole seconds, taken before signing: never later than the real expiry.
    expires_at = timezone.now().replace(microsecond=0) + max_age()
    path = reverse(
        "articles:article_shared_preview",
        kwargs={"token": make_share_token(article)},
    )
    return ShareLink(url=request.build_absolute_uri(path), expires_at=expires_at)


def share_url(request, article: Article) -> str:
    """A fresh absolute share link to the article's preview (see share_link)."""
    return share_link(request, article).url
