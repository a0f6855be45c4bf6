from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from agencies import urls as agencies_urls
from articles import feeds
from articles import urls as articles_urls

from . import editions, health, views
from .admin_choices import label_choices
from .admin_safety import protect_changelists, protect_model_choices
from .sitemaps import SITEMAPS

admin.site.site_header = _("Newsroom editorial desk")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Content")
protect_changelists(admin.site)  # odd filter values: "?e=1", never a 500
protect_model_choices()  # a form sent back with an id that is not one
label_choices(admin.site)  # same-name people told apart in autocompletes

# Every feed in RSS 2.0 and Atom, under the page it follows.
feed_patterns = [
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="latest_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="latest_atom"),
    path("feeds/top/rss/", feeds.TopStoriesFeed(), name="top_rss"),
    path("sections/<slug:slug>/feed/rss/", feeds.SectionFeed(), name="section_rss"),
    path(
        "sections/<slug:slug>/feed/atom/",
        feeds.SectionAtomFeed(),
        name="section_atom",
    ),
    path("tags/<slug:slug>/feed/rss/", feeds.TagFeed(), name="tag_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("agencies/<slug:slug>/feed/rss/", feeds.AgencyFeed(), name="agency_rss"),
    path(
        "agencies/<slug:slug>/feed/atom/",
        feeds.AgencyAtomFeed(),
        name="agency_atom",
    ),
]

crawler_patterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    # Before sitemap-<section>.xml, which would take "news" for a section.
    path("sitemap-news.xml", views.news_sitemap, name="sitemap_news"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

# One "agencies" namespace for the agency, person and meeting pages: the lists
# are the agencies' own, the pages of one agency, person or meeting list
# articles and are the articles' (agencies never import articles).
agency_patterns = [
    *agencies_urls.urlpatterns,
    *articles_urls.coverage_urlpatterns,
]

# Each address is read only (GET, HEAD) but the desk's and those forms are sent
# to (newsroom/middleware.py, FORM_VIEWS): set_language, the readers' forms.
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", editions.set_language, name="set_language"),
    path("", include((crawler_patterns, "newsroom"))),
]
# The public site in two editions: Indonesian at the root, English under /en/
# (newsroom/editions.py reads the language from the address).
urlpatterns += i18n_patterns(
    path("", include((feed_patterns, "feeds"))),
    path("", include((agency_patterns, "agencies"))),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

# While the database is unreachable these answer 503 too (newsroom.middleware_db).
handler404 = "newsroom.middleware_db.page_not_found"
handler500 = "newsroom.middleware_db.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
