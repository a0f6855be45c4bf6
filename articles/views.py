from django.shortcuts import get_object_or_404, redirect, render
from taggit.models import Tag

from newsroom.pagination import paginate

from .models import Article, Section


def home(request):
    articles = Article.objects.published().for_listing().latest_first()
    page = paginate(request, articles)
    lead = None
    if page.number == 1:
        lead = articles.filter(is_featured=True).first() or (
            page.object_list[0] if page.object_list else None
        )
    stories = [a for a in page.object_list if lead is None or a.pk != lead.pk]
    return render(
        request,
        "articles/home.html",
        {"lead": lead, "stories": stories, "page_obj": page},
    )


def article_detail(request, year: int, month: int, slug: str):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    more = (
        Article.objects.published()
        .in_section(article.section)
        .exclude(pk=article.pk)
        .for_listing()
        .latest_first()[:4]
    )
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "more_in_section": more},
    )


def section_detail(request, slug: str):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().in_section(section).for_listing()
    return render(
        request,
        "articles/section_detail.html",
        {"section": section, "page_obj": paginate(request, articles.latest_first())},
    )


def tag_detail(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().tagged(tag).for_listing().latest_first()
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page_obj": paginate(request, articles)},
    )
