"""The home page of each edition: the desk's top stories, the sections'
latest, the agenda of meetings and the most read (articles.frontpage), then
the edition's other stories; page 2 and on list earlier news only."""

from django.conf import settings
from django.core.paginator import Page
from django.shortcuts import render
from django.utils.translation import get_language

from newsroom import cachetags

from ..frontpage import front_page
from ..models import Article
from .editions import (
    FEW,
    count_cap,
    counted_paginator,
    edition_page,
    load_pictures,
    other_edition_block,
    other_language,
    page_number,
)


def home(request):
    articles = Article.objects.published().for_listing().latest_first()
    if page_number(request) != 1:
        context = edition_page(request, articles)
        front = None
        stories = context["page_obj"].object_list
    else:
        context, front = first_page(articles)
        cachetags.shows_page(request, "page", 1)
        cachetags.depend_on(request, cachetags.READS)  # its most read
        shown = {story.pk for story in front.stories}
        stories = [story for story in front.latest if story.pk not in shown]
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


def first_page(articles):
    """The first page's context and its front (articles.frontpage): the
    edition's latest page read with the front's stories, in one query; the
    meetings in another, every picture's renditions in a third."""
    language = get_language()
    per_page = settings.ARTICLES_PER_PAGE
    other = other_language(language)
    front = front_page(
        language, listed=per_page, other=other, count_cap=count_cap(1, per_page)
    )
    paginator = counted_paginator(
        articles.in_language(language), per_page, 1, front.total
    )
    page = Page(front.latest, 1, paginator)
    other_edition = None
    if front.total < FEW and front.other_edition:
        other_edition = other_edition_block(
            language,
            [*front.stories, *front.latest, *front.coverage],
            front.other_edition[:FEW],
        )
    shown = [
        *front.stories,
        *front.latest,
        *front.coverage,
        *(other_edition or {}).get("articles", []),
    ]
    load_pictures(shown)
    return {"page_obj": page, "other_edition": other_edition}, front
