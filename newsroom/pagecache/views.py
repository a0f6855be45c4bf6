"""Django's CSRF failure view, with one kind exception for shared pages."""

from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE
from django.urls import Resolver404, resolve
from django.views.csrf import csrf_failure as refuse

from articles.views.comments import comment_without_token

# A reader's comment from a page the cache shared, sent by a browser without
# scripts, lacks the token (or the cookie) and nothing else.
MISSING = (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING)


def csrf_failure(request, reason: str = ""):
    """A reader's comment that fails the check comes back filled in to be
    sent again (nothing is written): without its token, from a page the
    cache shared; with a token that no longer matches (two tabs opened
    before the reader had a cookie, a cookie cleared while writing). Every
    other failure is Django's 403, on the site's page (403_csrf.html)."""
    if request.method == "POST":
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and match.view_name == "articles:comment_create":
            return comment_without_token(
                request, missing=reason in MISSING, **match.kwargs
            )
    return refuse(request, reason)
