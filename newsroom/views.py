"""Site-wide views for crawlers: robots.txt and the Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from . import cachetags
from .pagecache.middleware import shared_host
from .sitemaps import SITEMAPS
from .text import xml_text

# Google News reads articles from the last two days, at most 1,000 of them.
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000


def robots_txt(request):
    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(name))

    return render(
        request,
        "newsroom/robots.txt",
        {
            "sitemap_url": absolute("newsroom:sitemap_index"),
            "news_sitemap_url": absolute("newsroom:sitemap_news"),
        },
        content_type="text/plain; charset=utf-8",
    )


def news_sitemap(request):
    """Articles published in the last 48 hours, in the Google News format."""
    now = timezone.now()
    articles = (
        Article.objects.published(now)
        .published_since(now - NEWS_SITEMAP_WINDOW)
        .latest_first()
        .only("title", "slug", "language", "published_at", "created_at")
    )[:NEWS_SITEMAP_LIMIT]
    entries = [
        {
            "location": request.build_absolute_uri(a.get_absolute_url()),
            "article": a,
            # A control character in a title made the file XML no reader takes.
            "title": xml_text(a.title),
        }
        for a in articles
    ]
    response = render(
        request,
        "newsroom/sitemap_news.xml",
        {"entries": entries, "publication_name": settings.NEWSROOM_PUBLICATION_NAME},
        content_type="application/xml",
    )
    # Like Django's own sitemap views: the file itself is no search result.
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap_index(request):
    """Django's sitemap index (each sitemap's pages and latest change: two
    queries a sitemap), kept while nothing it lists changes."""

    def render_index() -> bytes:
        response = sitemap_views.index(
            request, sitemaps=SITEMAPS, sitemap_url_name="newsroom:sitemap_section"
        )
        return response.render().content

    # Kept for a host as the site writes it (shared_host): a tester's 50
    # made-up ports in Host had left 50 keys for a day.
    host = shared_host(request)
    if host is None:
        content = render_index()
    else:
        address = f"sitemap-index:{request.scheme}://{host}"
        lists = (cachetags.ARTICLES, cachetags.SITE, cachetags.REGISTRY)
        content = cachetags.remember(address, lists, render_index)
    response = HttpResponse(content, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
