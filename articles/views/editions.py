"""The editions' lists: each edition lists its own language's stories, and
where it has few, the other edition's latest of the same list below them.

One rule for every public list (home, section, tag, search, an agency's, a
person's or a meeting's coverage): `edition_page()`.
"""

from django.db.models import prefetch_related_objects
from django.utils import translation

from newsroom.bilingual import default_language, language_codes

from ..pagination import paginate
from ..querysets import LISTING_PREFETCH

# Fewer stories than this in an edition's list are "few": the other edition's
# latest (as many, at most) are listed below them, on the first page.
FEW = 6


def other_language(language: str) -> str:
    """The other edition's language."""
    return next(code for code in language_codes() if code != language)


def edition_page(request, articles) -> dict:
    """The page's context for a list of `articles` (published, in every
    language, in the list's order, `for_listing()`): `page_obj`, the page
    of the current edition's articles, and `other_edition`, None or
    {"language", "articles"}: the other edition's first FEW of the same list,
    given only on the first page of a list of fewer than FEW.

    It costs the list's own queries and, when the other edition is asked,
    one more: both lists' pictures are loaded together.
    """
    language = translation.get_language() or default_language()
    unloaded = articles.prefetch_related(None)
    page = paginate(request, unloaded.in_language(language))
    page.object_list = list(page.object_list)
    other_edition = None
    if page.number == 1 and page.paginator.count < FEW:
        other = other_language(language)
        others = list(unloaded.in_language(other)[:FEW])
        if others:
            other_edition = {"language": other, "articles": others}
    shown = [*page.object_list, *(other_edition or {}).get("articles", [])]
    prefetch_related_objects(shown, *LISTING_PREFETCH)
    return {"page_obj": page, "other_edition": other_edition}
