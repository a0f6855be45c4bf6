"""The home page of each edition: the desk's top stories, the sections'
latest, the agenda of meetings and the most read (articles.frontpage), then
the edition's other stories; page 2 and on list earlier news only."""

from django.shortcuts import render
from django.utils.translation import get_language

from ..frontpage import front_page
from ..models import Article
from .editions import edition_page


def home(request):
    articles = Article.objects.published().for_listing().latest_first()
    context = edition_page(request, articles)
    page = context["page_obj"]
    front = None
    stories = page.object_list
    if page.number == 1:
        front = front_page(get_language())
        shown = {story.pk for story in front.stories}
        stories = [story for story in stories if story.pk not in shown]
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
