"""Sitemaps for search engines: one per kind of public page, tied by an index.

Locations use the request's scheme and host (the sites framework is not
installed, so the sitemap views pass a RequestSite).

The two editions: an article is listed at its own address, with `xhtml:link`
alternates to itself and its published translations (and x-default, the
Indonesian one, when there are two); every other page is listed in both
editions, each with the alternates of both and x-default.
"""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from taggit.models import Tag

from agencies.models import Agency, Meeting, Person
from articles.models import Article, AuthorProfile, Section
from newsroom.bilingual import default_language


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


def with_x_default(alternates: list[dict]) -> list[dict]:
    """`alternates` plus x-default (the root edition's address) when the page
    is in more than one language and one of them is the root edition's."""
    default = next(
        (a["location"] for a in alternates if a["lang_code"] == default_language()),
        None,
    )
    if len(alternates) < 2 or default is None:
        return alternates
    return [*alternates, {"lang_code": "x-default", "location": default}]


class BothEditionsSitemap(Sitemap):
    """Pages that exist in every language: each listed once per edition, with
    hreflang alternates to all of them and x-default."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Django's x-default strips "/<default>/" out of the default
        # language's location, which has no such prefix here (and a slug
        # "id" would lose a part): take that location as it is instead.
        for url in urls:
            languages = [a for a in url["alternates"] if a["lang_code"] != "x-default"]
            url["alternates"] = with_x_default(languages)
        return urls


class UpdatedAtSitemap(BothEditionsSitemap):
    """Rows with an `updated_at`: that is their lastmod."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of loading every row (the default).
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


ARTICLE_ADDRESS_FIELDS = ("slug", "language", "published_at", "created_at")


class ArticleSitemap(Sitemap):
    """Published articles, each at its own edition's address; lastmod is
    Article.last_modified; alternates are its published translations."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        # Only what get_absolute_url() and lastmod read, not the bodies.
        return (
            Article.objects.published()
            .latest_first()
            .only(*ARTICLE_ADDRESS_FIELDS, "updated_at", "translation_of")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        stories = published_stories({url["item"].story_id for url in urls})
        for url in urls:
            story = stories.get(url["item"].story_id, [])
            if len(story) > 1:
                url["alternates"] = with_x_default(
                    [
                        {
                            "lang_code": other.language,
                            "location": f"{base}{other.get_absolute_url()}",
                        }
                        for other in story
                    ]
                )
        return urls

    def lastmod(self, item):
        return item.last_modified

    def get_latest_lastmod(self):
        return self.items().latest_modification()


def published_stories(story_ids: set[int]) -> dict[int, list[Article]]:
    """{story id: its published articles, original first}, in one query."""
    articles = (
        Article.objects.published()
        .filter(Q(pk__in=story_ids) | Q(translation_of_id__in=story_ids))
        .only(*ARTICLE_ADDRESS_FIELDS, "translation_of")
    )
    stories = defaultdict(list)
    for article in sorted(
        articles, key=lambda a: (a.translation_of_id is not None, a.language)
    ):
        stories[article.story_id].append(article)
    return stories


class SectionSitemap(BothEditionsSitemap):
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


class TagSitemap(BothEditionsSitemap):
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


class AuthorSitemap(UpdatedAtSitemap):
    """The staff authors' public pages."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return AuthorProfile.objects.filter(is_public=True).order_by("name", "pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "agencies": AgencySitemap,
    "people": PersonSitemap,
    "meetings": MeetingSitemap,
    "authors": AuthorSitemap,
}
