"""The tokens a comment or report form needs, for a page shared by the page
cache: a cached page is the same for every reader, so it carries none, and
static/js/comment_tokens.js asks for them when a reader starts writing."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache

from ..comment_checks import sign_rendered_at


@never_cache
def comment_tokens(request):
    """This reader's CSRF token (its cookie set alongside) and a fresh stamp
    of when the form was shown."""
    return JsonResponse(
        {"csrfmiddlewaretoken": get_token(request), "rendered_at": sign_rendered_at()}
    )
