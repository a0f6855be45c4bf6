"""The editions' lists: each edition lists its own language's stories, and
where it has few, the other edition's latest of the same list below them.

One rule for every public list (home, section, tag, search, an agency's, a
person's or a meeting's coverage): `edition_page()`.
"""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import prefetch_related_objects
from django.utils import translation

from newsroom import cachetags
from newsroom.bilingual import default_language, language_codes

from ..pagination import PUBLIC_COUNT_CAP, count_cap, paginate
from ..pagination import page_number as page_number_of
from ..querysets import count_of

# Fewer stories than this in an edition's list are "few": the other edition's
# latest (as many, at most) are listed below them, on the first page.
FEW = 6
# The order of the lists read in one query with their count (latest_first()).
LATEST_ORDER = ("-published_at", "-id")
# How far the other edition's list is counted for the link to it: as far as
# the public lists count (past it, "more than").
OTHER_COUNT_CAP = PUBLIC_COUNT_CAP


def other_language(language: str) -> str:
    """The other edition's language."""
    return next(code for code in language_codes() if code != language)


def edition_page(request, articles, *, images=()) -> dict:
    """The page's context for a list of `articles` (published, in every
    language, in the list's order, `for_listing()`): `page_obj`, the page
    of the current edition's articles, and `other_edition`, None or the
    other edition's first FEW of the same list (other_edition_block()),
    given only on the first page of a list of fewer than FEW.

    A list newest first (latest_first()) costs one query for its page, its
    count and the other edition's first FEW, and one for the pictures'
    renditions, those of `images` (a page's own logo or portrait) with them.
    Another order (search results) costs the count, the page, and the other
    edition's when asked.
    """
    language = translation.get_language() or default_language()
    unloaded = articles.prefetch_related(None)
    if tuple(unloaded.query.order_by) == LATEST_ORDER:
        page, others = latest_page(request, unloaded, language)
    else:
        page = paginate(request, unloaded.in_language(language))
        page.object_list = list(page.object_list)
        others = []
        if page.number == 1 and page.paginator.count < FEW:
            theirs = unloaded.in_language(other_language(language))
            others = list(theirs.with_total(cap=OTHER_COUNT_CAP)[:FEW])
    cachetags.shows_page(request, "page", page.number)
    other_edition = None
    if others and page.number == 1 and page.paginator.count < FEW:
        other_edition = other_edition_block(
            language, page.object_list, others, counted=others[0].list_total
        )
    shown = [*page.object_list, *(other_edition or {}).get("articles", [])]
    load_pictures(shown, images)
    return {"page_obj": page, "other_edition": other_edition}


def other_edition_block(
    language: str, shown, others, *, counted: int = 0
) -> dict | None:
    """The other edition's stories under a short list, as the page's
    `other_edition`, or None: `others` less the translations of the stories
    `shown` on the page (the same story was listed twice, once in each
    language). {"language", "articles", "total", "capped"}: `total`, how many
    the other edition's list holds (`counted`, counted up to OTHER_COUNT_CAP
    + 1: `capped` when it goes on), for a link to that list where it holds
    more than the block shows (templates/includes/other_edition.html)."""
    told = {article.story_id for article in shown}
    left = [article for article in others if article.story_id not in told]
    if not left:
        return None
    return {
        "language": other_language(language),
        "articles": left,
        "total": min(counted, OTHER_COUNT_CAP),
        "capped": counted > OTHER_COUNT_CAP,
    }


def load_pictures(articles, images=()) -> None:
    """The renditions of the `articles`' pictures and of `images`, one query
    for all (none without pictures)."""
    pictures = [a.featured_image for a in articles if a.featured_image_id]
    pictures += [image for image in images if image is not None]
    if pictures:
        prefetch_related_objects(pictures, "renditions")


def page_number(request) -> int:
    """The ?page= asked for, the nearest page from 1 to MAX_PAGE: 1 when it
    is missing, not a number, or below 1. (A page past a list's end is its
    last: latest_page(), paginate().)"""
    return page_number_of(request.GET.get("page"))


def latest_page(request, articles, language: str):
    """The page of `language`'s `articles` (newest first) and, on the first
    page, the other edition's first FEW: one query, the list's count read
    with its rows (a page past the end costs a count and the last page's).

    Returns (page, the other edition's first FEW or [], each with the other
    edition's count as `list_total`, up to OTHER_COUNT_CAP + 1)."""
    per_page = settings.ARTICLES_PER_PAGE
    own = articles.in_language(language)
    number = page_number(request)
    rows, others = _read_page(articles, language, number, per_page)
    if rows:
        counted = rows[0].list_total
    elif number == 1:
        counted = 0  # the first page is empty: so is the list
    else:  # past the end: the last page, as Paginator.get_page gives
        cap = count_cap(number, per_page)
        counted = own.order_by().values("pk")[: cap + 1].count()
        last = max(1, -(-min(counted, cap) // per_page))
        number = min(number, last)
        rows, others = _read_page(articles, language, number, per_page)
    return Page(rows, number, counted_paginator(own, per_page, number, counted)), others


def counted_paginator(rows, per_page: int, number: int, counted: int) -> Paginator:
    """A paginator of `rows` whose count is known: `counted` rows, counted up
    to count_cap() + 1 (more: the list goes on, `capped`)."""
    cap = count_cap(number, per_page)
    paginator = Paginator(rows, per_page)
    paginator.count = min(counted, cap)  # known: not counted again
    paginator.capped = counted > cap
    return paginator


def _read_page(articles, language: str, number: int, per_page: int):
    """Page `number` of `language`'s `articles` (with `list_total`) and on
    the first page the other edition's first FEW, in one query."""
    own = articles.in_language(language)
    start = (number - 1) * per_page
    cap = count_cap(number, per_page)
    if number > 1 and cap - start <= 2 * per_page:
        return _read_deep_page(own, start, cap, per_page), []
    window = own.values("pk")[start : start + per_page]
    parts = [own.with_total(cap=cap).filter(pk__in=window).order_by()]
    if number == 1:
        # Read only when the edition's own list is short (a condition the
        # database checks once, before looking for the other edition's).
        other = articles.in_language(other_language(language))
        latest = other.values("pk")[:FEW]
        parts.append(
            other.with_total(cap=OTHER_COUNT_CAP)
            .alias(own_count=count_of(own, FEW))
            .filter(own_count__lt=FEW, pk__in=latest)
            .order_by()
        )
    found = list(parts[0].union(*parts[1:], all=True)) if parts[1:] else list(parts[0])
    found.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    rows = [a for a in found if a.language == language]
    return rows, [a for a in found if a.language != language]


def _read_deep_page(own, start: int, cap: int, per_page: int):
    """A page counted only as far as the next (count_cap()): its rows and
    the next ones up to the count's cap read together, each with
    `list_total` (`start` + the rows found), from one walk of the list's
    index past the earlier pages (counting it to the cap walked them again)."""
    window = own.values("pk")[start : cap + 1]
    found = sorted(
        own.filter(pk__in=window).order_by(),
        key=lambda a: (a.published_at, a.pk),
        reverse=True,
    )
    for story in found:
        story.list_total = start + len(found)
    return found[:per_page]
