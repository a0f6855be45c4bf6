"""The newsroom's two editions: Indonesian at the root, English under /en/.

On the public site the language comes from the address alone (Django's
`i18n_patterns` with the default language unprefixed): never from the
browser's Accept-Language or a cookie, so a page's address says what it holds
and a cache can key on the address. The staff's pages (the admin) keep the
staff member's own choice, from the language cookie or Accept-Language.

`newsroom.bilingual.alternates()` names the same page in each language; the
language switcher and the `hreflang` links (templatetags/edition_tags.py) read it.
"""

from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from newsroom.bilingual import default_language

STAFF_PREFIXES = ("/admin/", "/i18n/")


def is_staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


class EditionMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the language of public pages taken from
    the address only (and no `Vary: Accept-Language` on them)."""

    def process_request(self, request):
        path = request.path_info
        if is_staff_path(path):
            language = translation.get_language_from_request(request)
        else:
            default = default_language()
            language = translation.get_language_from_path(path) or default
            default_prefix = f"/{default}/"
            if path == default_prefix[:-1] or path.startswith(default_prefix):
                # /id/… is the root edition's address with a prefix it never
                # has: send it, for good, to the unprefixed address.
                target = request.get_full_path()[len(default_prefix) - 1 :] or "/"
                request.edition_redirect = target
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if getattr(request, "edition_redirect", None):
            return HttpResponsePermanentRedirect(request.edition_redirect)
        return None

    def process_response(self, request, response):
        if is_staff_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
