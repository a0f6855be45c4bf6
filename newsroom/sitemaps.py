"""Sitemaps for search engines: one per kind of public page, tied by an index.

Every sitemap is split into pages of at most SITEMAP_PAGE_SIZE addresses
(`?p=2`…), so that no page grows with the archive. The articles' pages are
blocks of ids (page 1 the oldest block), read by an id range rather than
an OFFSET, and an article stays on its page for good; a page is listed in the
index from the oldest published article's block to the newest's.

Locations use the request's scheme and host (the sites framework is not
installed, so the sitemap views pass a RequestSite).

The two editions: an article is listed at its own address, with `xhtml:link`
alternates to itself and its published translations (and x-default, the
Indonesian one, when there are two); a tag in the editions of its published
stories (in the other, its page only shows that edition's and is not
indexed), with the alternates of those; every other page is listed in both
editions, each with the alternates of both and x-default.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Exists, Max, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag

from agencies.models import Agency, Meeting, Person
from articles.models import Article, AuthorProfile, Section
from newsroom.bilingual import default_language

# Addresses on one page of a sitemap (the protocol allows 50,000).
SITEMAP_PAGE_SIZE = 1000


def latest_published_update(**filters) -> Subquery:
    """When the list of the published articles matching `filters` last
    changed for readers: Article.last_modified of its latest published
    article (found by the publication-time index, not by sorting them all)."""
    return Subquery(
        Article.objects.published()
        .filter(**filters)
        .order_by("-published_at", "-id")
        .with_last_modified()
        .values("last_modified_at")[:1]
    )


# How many of a tag's newest taggings its sitemap entry looks at.
TAG_CANDIDATES = 10


def latest_tagged_update(language: str | None = None, now=None) -> Subquery:
    """Article.last_modified of the newest published article (by id; in
    `language` if given) among the TAG_CANDIDATES newest carrying the outer
    query's tag: a tag's page changes when a story is added to it. Read from
    the tag's newest taggings (the (tag, object) index of migration articles
    0018), then those articles by their ids: not by reading every article the
    tag carries. A tag whose newest candidates are all unpublished (or in
    another language) at `now` is left out until one is."""
    newest_tagged = (
        Article.tags.through.objects.filter(
            tag=OuterRef(OuterRef("pk")),
            content_type=ContentType.objects.get_for_model(Article),
        )
        .order_by("-object_id")
        .values("object_id")[:TAG_CANDIDATES]
    )
    articles = Article.objects.published(now)
    if language is not None:
        articles = articles.in_language(language)
    return Subquery(
        articles.filter(pk__in=newest_tagged)
        .order_by("-pk")
        .with_last_modified()
        .values("last_modified_at")[:1]
    )


def edition_lastmod(language: str) -> str:
    """The annotation holding an item's lastmod in `language`'s edition."""
    return f"lastmod_{language}"


class EditionsPaginator(Paginator):
    """Pages of items listed once in each of their languages
    (`languages_for(item)`, some of `languages`): a page holds
    SITEMAP_PAGE_SIZE // len(languages) items, as (item, language) pairs."""

    def __init__(self, items, languages, languages_for):
        self.languages_for = languages_for
        super().__init__(items, max(1, SITEMAP_PAGE_SIZE // len(languages)))

    def page(self, number):
        page = super().page(number)
        page.object_list = [
            (item, language)
            for item in page.object_list
            for language in self.languages_for(item)
        ]
        return page


class IdBlockPaginator:
    """Pages of a queryset by blocks of `per_page` consecutive ids: page 1 is
    the block of the smallest id, the last page the block of the greatest.
    A page is one id-range query (no OFFSET), at most `per_page` rows; a row
    stays on its page while rows are added or removed."""

    def __init__(self, queryset, per_page: int):
        self.queryset = queryset
        self.per_page = per_page

    @cached_property
    def _blocks(self) -> tuple[int, int]:
        """(first block, number of blocks); (0, 1) for no rows (one empty page)."""
        bounds = self.queryset.order_by().aggregate(first=Min("pk"), last=Max("pk"))
        if bounds["first"] is None:
            return 0, 1
        first = bounds["first"] // self.per_page
        return first, bounds["last"] // self.per_page - first + 1

    @property
    def num_pages(self) -> int:
        return self._blocks[1]

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1 or number > self.num_pages:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number) -> Page:
        number = self.validate_number(number)
        block = self._blocks[0] + number - 1
        rows = self.queryset.filter(
            pk__gte=block * self.per_page, pk__lt=(block + 1) * self.per_page
        )
        return Page(list(rows), number, self)


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

    @property
    def paginator(self):
        # Only the page's rows are loaded (Django's own lists every row in
        # every language first).
        return EditionsPaginator(
            self.items(), self._languages(), self.get_languages_for_item
        )

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
            .with_public_since()  # lastmod: Article.last_modified
        )

    @property
    def paginator(self):
        return IdBlockPaginator(self.items(), SITEMAP_PAGE_SIZE)

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
        return latest_article_change()


def latest_article_change():
    """When the published articles last changed for readers (the latest
    Article.last_modified): the latest publication or the latest save of a
    published article, each found by an index rather than by reading every
    article (Article.last_modified is the later of the two)."""
    latest = (
        Article.objects.published()
        .order_by()
        .aggregate(published=Max("published_at"), saved=Max("updated_at"))
    )
    return max(filter(None, latest.values()), default=None)


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
            Section.objects.filter(
                Exists(Article.objects.published().filter(section=OuterRef("pk")))
            )
            .annotate(lastmod=latest_published_update(section=OuterRef("pk")))
            .order_by("order", "name")
        )

    def location(self, item):
        # Reversed in each edition's language: Section.get_absolute_url()
        # remembers an instance's first address, whatever the language.
        return reverse("articles:section_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        # Its pages list published articles: they changed when one did.
        return latest_article_change()


class TagSitemap(BothEditionsSitemap):
    """Tags on at least one published article, each listed in the editions
    of those articles (among its newest: latest_tagged_update()), with the
    alternates of those only: in another edition the tag's page shows the
    other's stories and is not indexed. lastmod is the newest article's."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        # One instant for every edition and the filter: a tag the filter
        # keeps is published in at least one of them.
        now = timezone.now()
        editions = {
            edition_lastmod(code): latest_tagged_update(code, now)
            for code in self._languages()
        }
        return (
            Tag.objects.annotate(**editions)
            .alias(lastmod=latest_tagged_update(now=now))  # in any edition
            .filter(lastmod__isnull=False)
            .order_by("name", "pk")
        )

    def get_languages_for_item(self, item):
        return [
            code
            for code in self._languages()
            if getattr(item, edition_lastmod(code)) is not None
        ]

    def location(self, item):
        return reverse("articles:tag_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return max(
            getattr(item, edition_lastmod(code))
            for code in self.get_languages_for_item(item)
        )

    def get_latest_lastmod(self):
        return latest_article_change()


class AgencySitemap(UpdatedAtSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Agency.objects.alphabetical()


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
