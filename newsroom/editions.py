"""The newsroom's two editions: Indonesian at the root, English under /en/.

On the public site the language comes from the address alone (Django's
`i18n_patterns` with the default language unprefixed): never from the
browser's Accept-Language or a cookie, so a page's address says what it holds
and a cache can key on the address. The staff's pages (the admin) keep the
staff member's own choice, from the language cookie or Accept-Language.

`newsroom.bilingual.alternates()` names the same page in each language; the
language switcher and the `hreflang` links (templatetags/edition_tags.py) read it.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n

from articles.views.counterparts import switch_to
from newsroom.bilingual import default_language, edition_home, language_codes

STAFF_PREFIXES = ("/admin/", "/i18n/")


def is_staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


def edition_redirect(path: str) -> str | None:
    """Where a public address that is never served moves for good, or None.

    /id/… is the root edition's page with a prefix it never has: the
    unprefixed address. An edition's prefix in other case (/EN/…, /En/…) is
    that edition's (/en/…); only a language's code, never another first
    segment. "//…" is a path, not another host: one slash. The target always
    starts with a single "/" (never another site).
    """
    asked = path
    first, slash, rest = path[1:].partition("/")
    if first != first.lower() and first.lower() in dict(settings.LANGUAGES):
        path = f"/{first.lower()}{slash}{rest}"
    default_prefix = f"/{default_language()}/"
    if path == default_prefix[:-1] or path.startswith(default_prefix):
        path = path[len(default_prefix) - 1 :]
    elif path == asked and not path.startswith("//"):
        return None
    return "/" + path.lstrip("/")


class EditionMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the language of public pages taken from
    the address only (and no `Vary: Accept-Language` on them)."""

    def __call__(self, request):
        # A request leaves the thread's language as it found it, so that code
        # running after it (the next test, a management command) does not
        # inherit the last page's edition. A streamed response, written
        # after this, takes its language with it (the moderation log's CSV).
        previous = translation.get_language()
        response = super().__call__(request)
        translation.activate(previous)
        return response

    def process_request(self, request):
        path = request.path_info
        if is_staff_path(path):
            language = translation.get_language_from_request(request)
        else:
            language = translation.get_language_from_path(path) or default_language()
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if not is_staff_path(path):
            target = edition_redirect(path)
            if target is not None:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(
                    f"{target}?{query}" if query else target
                )
        return None

    def process_response(self, request, response):
        if is_staff_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def set_language(request):
    """Django's set_language (the old language form's target): `next` is read
    in its own edition, so that Django can translate it to the chosen one
    (/en/agencies/ -> /agencies/), and leads where the page's own language
    switcher does (switch_address()): an article's translation, not the
    article's address under the other prefix (which moved back to the
    article), or that edition's home when there is none. Django's own check
    keeps `next` on this site.

    Only an edition's language is chosen: a regional variant is its
    language's ("en-GB", "id-ID": "en", "id"); any other ("fr", "zh-hans",
    which Django has catalogues for) changes nothing, as an unknown code
    does: `next` as it is, and no language cookie."""
    next_url = _asked_from(request)
    path = urlsplit(next_url).path
    path = edition_redirect(path) or path  # /id/… is the unprefixed page
    language = translation.get_language_from_path(path) or default_language()
    chosen = None
    if request.method == "POST":
        chosen = edition_language(request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER))
        posted = request.POST.copy()
        posted[i18n.LANGUAGE_QUERY_PARAMETER] = chosen or ""
        posted._mutable = False
        request.POST = posted
    with translation.override(language):
        response = i18n.set_language(request)
        if (
            request.method == "POST"
            and response.status_code == 302
            and chosen != language
            and chosen in language_codes()
            and next_url
        ):
            target = switch_address(request, path, chosen)
            if target is not None:
                response["Location"] = target  # the language cookie kept
    return response


def edition_language(code: str | None) -> str | None:
    """The edition's language (settings.LANGUAGES) that `code` names, in any
    case, itself or as a regional variant ("EN-us" is "en"), as Django
    reads a browser's; None for any other."""
    try:
        return translation.get_supported_language_variant((code or "").lower())
    except LookupError:
        return None


def _asked_from(request) -> str:
    """The page the switch was asked from, as Django's set_language reads
    it: `next`, else the Referer, whichever is first on this site ("" when
    neither is)."""
    for candidate in (
        request.POST.get("next", request.GET.get("next")),
        request.META.get("HTTP_REFERER"),
    ):
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return candidate
    return ""


def switch_address(request, path: str, language: str) -> str | None:
    """Where the language switch of the page at `path` (in the active
    language's edition) leads for `language`, when its view names it
    (articles.views.counterparts: an article, a tag): the counterpart page,
    or that edition's home when it has none, as the switcher leads
    (templatetags/edition_tags.py: switcher_languages). None for a page
    that is the same address in every edition, or no page."""
    try:
        match = resolve(unquote(path))
    except Resolver404:
        return None
    instead = switch_to(request, match, language)
    if language not in instead:
        return None
    return instead[language] or edition_home(language)
