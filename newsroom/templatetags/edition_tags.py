"""The two editions in a page: `hreflang` links and the language switcher.

Both read `newsroom.editions.alternates()`: the article page passes its own
(`alternates` in its context: the article and its published translations),
every other page gets the same address in the other edition.
"""

from django import template
from django.utils import translation

from newsroom.bilingual import (
    alternates,
    default_language,
    edition_home,
    language_codes,
)

register = template.Library()


def page_alternates(context) -> dict[str, str]:
    if "alternates" in context:
        return context["alternates"]
    request = context.get("request")
    if request is None or context.get("preview"):
        return {}
    return alternates(request)


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for each language the page exists in,
    and x-default (the Indonesian edition's) when there are two."""
    request = context["request"]
    found = page_alternates(context)
    links = [(code, request.build_absolute_uri(url)) for code, url in found.items()]
    default = default_language()
    if len(found) > 1 and default in found:
        links.append(("x-default", request.build_absolute_uri(found[default])))
    return {"links": links}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A plain link to each language: to this page in it when it exists (an
    article's translation), else to that edition's home."""
    request = context["request"]
    found = page_alternates(context)
    current = translation.get_language()
    query = request.GET.copy()
    query.pop("page", None)
    keep = f"?{query.urlencode()}" if query and "alternates" not in context else ""
    languages = []
    for code in language_codes():
        info = translation.get_language_info(code)
        if code in found:
            url = found[code] + (keep if code != current else "")
        else:
            url = edition_home(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
            }
        )
    return {"languages": languages}
