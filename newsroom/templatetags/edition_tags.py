"""The two editions in a page: `hreflang` links, the language switcher and
the first-visit notice.

All read `newsroom.bilingual.alternates()`: the article page passes its own
(`alternates` in its context: the article and its published translations),
every other page gets the same address in the other edition, but in the
languages its view names in `switch_to` ({language: path or None}): there
the page has no translation (a tag no story of that edition carries),
hreflang names none, and the switcher leads to the path given, or with None
(no counterpart at all) says the page is not available in that language and
leads to that edition's home, as it does for an article without a published
translation. Previews, error pages and templates rendered without a request
have no alternates.
"""

from django import template
from django.utils import translation

from newsroom.bilingual import (
    alternates,
    country_in_sentence,
    default_language,
    edition_home,
    language_codes,
)
from newsroom.templatetags.seo_tags import og_locale, page_query

register = template.Library()


@register.filter
def in_sentence(country_name) -> str:
    """A country's name as a sentence of the page's language holds it
    ("Delegation of the Philippines"; "Delegasi Filipina")."""
    return country_in_sentence(str(country_name or ""))


def same_list_in_every_edition(context) -> bool:
    """Whether the page's list holds the same rows in every edition (its
    view says so: the people index), so that its page N is the same place
    in each. An edition's lists of stories (sections, tags, agencies, the
    archive) hold its own language's stories only: their page N elsewhere
    holds other stories, or none."""
    return bool(context.get("same_list_in_every_edition"))


def page_alternates(context) -> dict[str, str]:
    """{language: path} of this page in each language it exists in."""
    if "alternates" in context:
        return context["alternates"] or {}
    request = context.get("request")
    if request is None or context.get("preview"):
        return {}
    # Asked by the hreflang links, the switcher and the notice: resolved once
    # a request (each asking costs a URL resolution and a reversal).
    if getattr(request, "_edition_alternates", None) is None:
        untranslated = context.get("switch_to") or {}
        request._edition_alternates = {
            code: url
            for code, url in alternates(request).items()
            if code not in untranslated
        }
    return request._edition_alternates


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for each language the page exists in,
    and x-default (the Indonesian edition's) when there are two; with an
    og:locale:alternate for each language but the page's own. Absolute
    addresses, a list's with the query of its own address (a search's words:
    seo_tags.page_query); none without a request."""
    request = context.get("request")
    if request is None:
        return {"links": [], "og_locales": []}
    found = page_alternates(context)
    current = translation.get_language()
    if "alternates" not in context:
        # A list's later page names itself only: the other edition's list may
        # be shorter, its page N then page 1 under another canonical address,
        # which would not name this one back.
        page = context.get("page_obj")
        if (
            page is not None
            and page.number > 1
            and not same_list_in_every_edition(context)
        ):
            found = {code: url for code, url in found.items() if code == current}
        query = page_query(context)
        found = {code: url + query for code, url in found.items()}
    links = [(code, request.build_absolute_uri(url)) for code, url in found.items()]
    default = default_language()
    if len(found) > 1 and default in found:
        links.append(("x-default", request.build_absolute_uri(found[default])))
    return {
        "links": links,
        "og_locales": [og_locale(code) for code in found if code != current],
    }


def switcher_languages(context, homes: bool = False) -> list[dict]:
    """Each language with the address the switcher links to: this page in it
    when it exists (a list: its first page with this page's query, a
    search's words, in either language alike, as the other edition's list
    may be shorter, or this very page where the list is the same in every
    edition; an article: its translation), else where the view's
    `switch_to` says, else that edition's home. `available` is False where
    the page has no counterpart in that language and the link leads to that
    edition's home instead (an article without a published translation, a
    tag no story of that edition tells; a `switch_to` of None): the
    switcher says so. Asked for the editions' homes (`homes`, an error
    page), or without a request, every language is available."""
    request = context.get("request")
    homes = homes or request is None
    found = {} if homes else page_alternates(context)
    instead = {} if homes else context.get("switch_to") or {}
    current = translation.get_language()
    keep = ""
    if request is not None and "alternates" not in context:
        query = request.GET.copy()
        if not same_list_in_every_edition(context):
            query.pop("page", None)
        keep = f"?{query.urlencode()}" if query else ""
    languages = []
    for code in language_codes():
        info = translation.get_language_info(code)
        if code in found:
            url = found[code] + keep
        else:
            url = instead.get(code) or edition_home(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "available": homes
                or code == current
                or code in found
                or bool(instead.get(code)),
            }
        )
    return languages


@register.simple_tag(takes_context=True)
def edition_address(context, language: str) -> str:
    """Where the switcher leads for `language` (switcher_languages()): this
    page in that edition (a list's first page, with this page's query), or
    where the view says, or that edition's home."""
    return next(
        found["url"]
        for found in switcher_languages(context)
        if found["code"] == language
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, homes: bool = False):
    """A plain link to each language (`homes=True`: always to the editions'
    home pages, as on an error page); where the page has no counterpart in
    a language, that it is not available there and a link to that edition's
    home, named so, after the languages it is in (`missing`: there is
    one). `article`: the page is an article's (or its preview)."""
    languages = switcher_languages(context, homes)
    return {
        "languages": sorted(languages, key=lambda language: not language["available"]),
        "missing": not all(language["available"] for language in languages),
        "article": "alternates" in context,
    }


@register.inclusion_tag("includes/edition_notice.html", takes_context=True)
def edition_notice(context):
    """The other edition offered, hidden until static/js/edition_notice.js
    finds that the browser prefers its language (never a redirect: the page
    stays the same for every reader, so caches keep working)."""
    others = [
        language for language in switcher_languages(context) if not language["current"]
    ]
    return {"others": others}
