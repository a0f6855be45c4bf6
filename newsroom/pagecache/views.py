"""Django's CSRF failure view, with one kind exception for shared pages."""

from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE
from django.urls import Resolver404, resolve
from django.views.csrf import csrf_failure as refuse

from articles.views.comments import comment_without_token

# A reader's comment from a page the cache shared, sent by a browser without
# scripts, lacks the token (or the cookie) and nothing else.
MISSING = (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING)
# The checks of the token and its cookie, which Django makes only once the
# post's Origin (or, over HTTPS without one, its Referer) is the site's own;
# their failures are these, and no other (REASON_BAD_ORIGIN, the Referer's).
TOKEN_CHECKS = ("CSRF token ", "CSRF cookie ")


def csrf_failure(request, reason: str = ""):
    """A reader's comment that fails the check comes back filled in to be
    sent again (nothing is written): without its token, from a page the
    cache shared; with a token that no longer matches (two tabs opened
    before the reader had a cookie, a cookie cleared while writing). Every
    other failure is Django's 403, on the site's page (403_csrf.html): above
    all a post another site's page sent (its Origin or Referer not this
    site's), which must never come back as a form filled in with what that
    site chose, ready for the reader (or a moderator, credited as staff) to
    send with one press."""
    if request.method == "POST" and reason.startswith(TOKEN_CHECKS):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and match.view_name == "articles:comment_create":
            return comment_without_token(
                request, missing=reason in MISSING, **match.kwargs
            )
    return refuse(request, reason)
