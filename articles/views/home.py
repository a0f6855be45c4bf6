"""The home page of each edition: the desk's top stories, the sections'
latest, the agenda of meetings and the most read (articles.frontpage), then
the edition's other stories; page 2 and on list earlier news only, none of
the stories the first page shows above its list."""

from django.conf import settings
from django.core.paginator import Page
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from newsroom import cachetags

from ..frontpage import earlier_news, front_page
from ..models import Article
from .editions import (
    FEW,
    count_cap,
    counted_paginator,
    load_pictures,
    other_edition_block,
    other_language,
    page_number,
)


def home(request):
    """The front and the list's first page, or a later page of the list (the
    nearest: a page past the end is the last, the front on a one-page
    edition). The front is read on every page: the later pages leave out
    what it shows."""
    language = get_language()
    per_page = settings.ARTICLES_PER_PAGE
    asked = page_number(request)
    now = timezone.now()
    # Counted as far as a power of two of pages: a query compiled for a few
    # page numbers, not one each (articles.loading keeps a few).
    reach = 1 << (asked - 1).bit_length()
    front = front_page(
        language,
        now,
        listed=per_page,
        other=other_language(language),
        count_cap=count_cap(reach, per_page),
        count_other_below=FEW,
    )
    cap = count_cap(asked, per_page)
    last = max(1, -(-min(front.listed_total, cap) // per_page))
    number = min(asked, last)
    rows = Article.objects.published(now).in_language(language)
    paginator = counted_paginator(rows, per_page, number, front.listed_total)
    cachetags.shows_page(request, "page", number)
    if number == 1:
        context = first_page(front, paginator, language)
        cachetags.depend_on(request, cachetags.READS)  # its most read
        stories = front.earlier
    else:
        stories = earlier_news(language, front, number, per_page, now)
        load_pictures(stories)
        context = {"page_obj": Page(stories, number, paginator), "other_edition": None}
        front = None  # shown on the first page only
    return render(
        request,
        "articles/home.html",
        {
            **context,
            "front": front,
            "lead": front.lead if front else None,
            "stories": stories,
        },
    )


def first_page(front, paginator, language: str) -> dict:
    """The first page's context for `front` (articles.frontpage, read with
    the list's first page): every picture's renditions in one query."""
    page = Page(front.latest, 1, paginator)
    other_edition = None
    if front.total < FEW and front.other_edition:
        other_edition = other_edition_block(
            language,
            [*front.stories, *front.latest, *front.coverage],
            front.other_edition[:FEW],
            counted=front.other_total,
        )
    shown = [
        *front.stories,
        *front.latest,
        *front.coverage,
        *(other_edition or {}).get("articles", []),
    ]
    load_pictures(shown)
    return {"page_obj": page, "other_edition": other_edition}
