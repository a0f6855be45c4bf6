"""The home page of each edition."""

from django.shortcuts import render
from django.utils.translation import get_language

from ..models import Article
from .editions import edition_page


def home(request):
    articles = Article.objects.published().for_listing().latest_first()
    context = edition_page(request, articles)
    page = context["page_obj"]
    lead = None
    if page.number == 1:
        lead = articles.in_language(get_language()).filter(
            is_featured=True
        ).first() or (page.object_list[0] if page.object_list else None)
    stories = [a for a in page.object_list if lead is None or a.pk != lead.pk]
    return render(
        request, "articles/home.html", {**context, "lead": lead, "stories": stories}
    )
