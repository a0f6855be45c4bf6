"""Sitemaps for search engines: one per kind of public page, tied by an index.

Locations use the request's scheme and host (the sites framework is not
installed, so the sitemap views pass a RequestSite).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from taggit.models import Tag

from agencies.models import Agency, Meeting, Person
from articles.models import Article, Section


def latest_published_update(**filters) -> Subquery:
    """When the published articles matching `filters` last changed for
    readers (Article.last_modified of the latest changed)."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .with_last_modified()
        .order_by("-last_modified_at")
        .values("last_modified_at")[:1]
    )


class UpdatedAtSitemap(Sitemap):
    """Rows with an `updated_at`: that is their lastmod."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of loading every row (the default).
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(Sitemap):
    """Published articles; lastmod is Article.last_modified."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        # Only what get_absolute_url() and lastmod read, not the bodies.
        return (
            Article.objects.published()
            .latest_first()
            .only("slug", "published_at", "created_at", "updated_at")
        )

    def lastmod(self, item):
        return item.last_modified

    def get_latest_lastmod(self):
        return self.items().latest_modification()


class SectionSitemap(Sitemap):
    """Sections with at least one published article; lastmod is that article's."""

    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return (
            Section.objects.annotate(
                lastmod=latest_published_update(section=OuterRef("pk"))
            )
            .filter(lastmod__isnull=False)
            .order_by("order", "name")
        )

    def lastmod(self, item):
        return item.lastmod


class TagSitemap(Sitemap):
    """Tags on at least one published article; lastmod is that article's."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        return (
            Tag.objects.annotate(lastmod=latest_published_update(tags=OuterRef("pk")))
            .filter(lastmod__isnull=False)
            .order_by("name")
        )

    def location(self, item):
        return reverse("articles:tag_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.lastmod


class AgencySitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Agency.objects.order_by("acronym", "name")


class PersonSitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Person.objects.order_by("name", "pk")


class MeetingSitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Meeting.objects.order_by("-start", "pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "agencies": AgencySitemap,
    "people": PersonSitemap,
    "meetings": MeetingSitemap,
}
