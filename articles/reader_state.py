"""What the site keeps for a reader without an account between requests, and
for no longer than it needs it.

- **Their comments waiting for a moderator**, in the session (by article id:
  {"12": [345, 346]}), so that the article shows them to their writer marked
  "waiting for moderation". While the session lasts, every page the reader
  opens renders for them alone (the page cache shares pages only with
  readers without a session). The session therefore ends as soon as every
  comment it remembers is decided (approved, turned down, removed): on the
  reader's next page, whichever it is (ReaderSessionMiddleware); their
  browser drops the cookie and the pages after it are shared again.
  Before, a reader who had commented once rendered every page uncached for
  the session's two weeks.
- **The random key that tells their reports apart** (one report per reader
  and comment, the per-reader report limit), in a signed cookie of its own
  that no page depends on, so that reporting a comment leaves the reader's
  pages shared. A key kept in the session by an earlier version is moved to
  the cookie on the reader's next report.

Staff and readers with an account keep their sessions: this module ends only
an anonymous reader's session, and only one that holds nothing else.
"""

import secrets
from datetime import timedelta

from django.conf import settings

from .models import Comment

PENDING_SESSION_KEY = "comments.pending"
PENDING_REMEMBERED = 20  # per article; older ones drop out of the reader's view
# Where an earlier version kept the report key (moved to READER_COOKIE).
LEGACY_READER_SESSION_KEY = "comments.reader"
READER_COOKIE = "newsroom_reader"
READER_COOKIE_SALT = "articles.reader_state.reader_key"
READER_COOKIE_AGE = timedelta(days=90)  # reports on a story come within weeks


# Comments waiting for a moderator


def remember_pending(request, comment: Comment) -> None:
    """Remember the reader's new comment, held for a moderator."""
    remembered = request.session.get(PENDING_SESSION_KEY, {})
    ids = remembered.get(str(comment.article_id), [])
    remembered[str(comment.article_id)] = [*ids, comment.pk][-PENDING_REMEMBERED:]
    request.session[PENDING_SESSION_KEY] = remembered


def own_pending(request, article) -> list[Comment]:
    """The reader's comments on `article` still waiting for a moderator, ready
    to show (one query, none when there are none); the decided ones are
    forgotten, and the session ends when nothing is left to remember."""
    remembered = request.session.get(PENDING_SESSION_KEY, {})
    ids = remembered.get(str(article.pk), [])
    if not ids:
        return []
    pending = list(
        Comment.objects.pending().on(article).filter(pk__in=ids).for_display()
    )
    still = [c.pk for c in pending]
    if still != ids:  # approved or turned down meanwhile
        _keep(request, {**remembered, str(article.pk): still})
    return pending


def forget_decided(request) -> None:
    """Forget the reader's remembered comments a moderator has decided, on
    every article at once (one query); end the session when none is left."""
    remembered = request.session.get(PENDING_SESSION_KEY)
    if remembered is None:
        return
    ids = [pk for pks in remembered.values() for pk in pks]
    waiting = set(
        Comment.objects.pending().filter(pk__in=ids).values_list("pk", flat=True)
    )
    still = {
        article: [pk for pk in pks if pk in waiting]
        for article, pks in remembered.items()
    }
    if still != remembered or not waiting:
        _keep(request, still)


def _keep(request, remembered: dict) -> None:
    """Keep these remembered comments ({article id: [comment ids]}, empty
    lists dropped); with none left, and nothing else in the session of a
    reader without an account, end the session (its cookie is deleted)."""
    remembered = {article: pks for article, pks in remembered.items() if pks}
    session = request.session
    if remembered:
        session[PENDING_SESSION_KEY] = remembered
        return
    session.pop(PENDING_SESSION_KEY, None)
    if not session.keys() and not request.user.is_authenticated:
        session.flush()


class ReaderSessionMiddleware:
    """Ends a reader's session on their first page after their last waiting
    comment is decided (forget_decided()). It reads nothing for a request
    without a session cookie (every shared page), and nothing more than the
    session for staff."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            and PENDING_SESSION_KEY in request.session
            and not request.user.is_authenticated
        ):
            forget_decided(request)
        return self.get_response(request)


# The report key


def reader_key(request) -> tuple[str, str | None]:
    """Who reports: the account, or the random key in the reader's cookie.

    Returns the key and, when the reader's cookie does not hold it yet (a
    first report, or a key still in the session), the random part to keep
    with keep_reader_key() once the report is accepted: a refused request
    sets nothing."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}", None
    key = request.get_signed_cookie(
        READER_COOKIE, default=None, salt=READER_COOKIE_SALT
    )
    if key:
        return f"reader:{key}", None
    key = request.session.get(LEGACY_READER_SESSION_KEY) or secrets.token_urlsafe(16)
    return f"reader:{key}", key


def keep_reader_key(request, response, key: str) -> None:
    """Set the reader's report key (reader_key()) in their cookie, and drop it
    from the session where an earlier version kept it."""
    response.set_signed_cookie(
        READER_COOKIE,
        key,
        salt=READER_COOKIE_SALT,
        max_age=int(READER_COOKIE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    if LEGACY_READER_SESSION_KEY in request.session:
        del request.session[LEGACY_READER_SESSION_KEY]
        _keep(request, request.session.get(PENDING_SESSION_KEY, {}))
