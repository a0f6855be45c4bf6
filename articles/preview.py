"""Signed, expiring links that show an unpublished article to someone without
an account.

A token carries the article's id and how many times its links had been
stopped when it was made, signed with SECRET_KEY under a salt of its own (so
no other signed value in the project can pass for one) and stamped with the
time it was made. It stops working PREVIEW_LINK_MAX_AGE seconds after that,
when an editor stops the article's links or the story is unpublished (a
PreviewLinkStop: services/previews.py), when the article is deleted, or when
SECRET_KEY changes.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from .models import Article

SALT = "articles.preview.share"


@dataclass(frozen=True)
class ShareToken:
    article_id: int
    stops: int  # how many times the article's links had been stopped

    def is_current(self, article: Article) -> bool:
        """Whether no stop of the article's links came after this token."""
        return self.stops == stops_of(article)


def stops_of(article: Article) -> int:
    return article.preview_link_stops.count()


def make_share_token(article: Article) -> str:
    """A URL-safe token that opens this article's preview until it expires
    or its links are stopped."""
    return signing.dumps([article.pk, stops_of(article)], salt=SALT)


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_share_token(token: str) -> ShareToken:
    """What a valid token says. A token of the article's id alone (made before
    links could be stopped) counts no stop.

    Raises signing.BadSignature for a tampered or malformed token, and its
    subclass signing.SignatureExpired for one older than PREVIEW_LINK_MAX_AGE.
    """
    value = signing.loads(token, salt=SALT, max_age=max_age())
    if _whole_number(value):
        return ShareToken(value, 0)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(_whole_number(part) for part in value)
    ):
        return ShareToken(*value)
    raise signing.BadSignature("A preview token carries an article id.")


def max_age() -> dt.timedelta:
    """How long a share link works after it is made."""
    return dt.timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)


@dataclass(frozen=True)
class ShareLink:
    url: str
    expires_at: dt.datetime


def preview_address(article: Article, view_name: str, **kwargs) -> str:
    """The address of a preview of `article` (`view_name`: the staff's or a
    share link's) in the article's own edition: /en/preview/… for an English
    article, as its public page is under /en/ (the views move any other)."""
    with translation.override(article.language):
        return reverse(view_name, kwargs=kwargs)


def share_link(request, article: Article) -> ShareLink:
    """A fresh absolute share link to the article's preview, and when it expires."""
    # Whole seconds, taken before signing: never later than the real expiry.
    expires_at = timezone.now().replace(microsecond=0) + max_age()
    path = preview_address(
        article, "articles:article_shared_preview", token=make_share_token(article)
    )
    return ShareLink(url=request.build_absolute_uri(path), expires_at=expires_at)


def share_url(request, article: Article) -> str:
    """A fresh absolute share link to the article's preview (see share_link)."""
    return share_link(request, article).url
