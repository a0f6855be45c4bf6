"""RSS 2.0 and Atom feeds of published articles: latest, per section, tag, agency.

Each feed has an RSS class and an Atom variant (`...AtomFeed`). Items are the
20 newest published articles of the feed's edition (the language of its
address: Indonesian at /feeds/…, English at /en/feeds/…), with titles and
descriptions in that language; drafts and scheduled articles never appear.
"""

import copy
import datetime as dt
import html

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from taggit.models import Tag

from agencies.models import Agency, AgencySlugHistory
from newsroom.media.rendering import rendition_for
from newsroom.text import xml_text

from .frontpage import day_top_stories
from .models import Article, Section
from .querysets import FEED_TAGS
from .rendering import no_images, render_markdown
from .views.articles import in_lowercase
from .views.coverage import moved_or_404, tag_moved_or_404

FEED_LENGTH = 20
# When a feed with no entry says it was last updated (XmlTextFeed).
EMPTY_FEED_UPDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
EXCERPT_WORDS = 60


def body_excerpt(body: str) -> str:
    """The first words of a Markdown body, as plain text."""
    text = html.unescape(strip_tags(render_markdown(body, images=no_images)))
    return Truncator(" ".join(text.split())).words(EXCERPT_WORDS, truncate="…")


def _xml_values(values: dict) -> dict:
    """A feed's or an item's values, each text (and each text of a list, the
    categories) as XML can hold it (newsroom.text.xml_text)."""
    return {
        key: xml_text(value)
        if isinstance(value, str)
        else [xml_text(v) if isinstance(v, str) else v for v in value]
        if isinstance(value, list | tuple)
        else value
        for key, value in values.items()
    }


class XmlTextFeed:
    """Mixin for a feed generator: its text without what XML 1.0 cannot hold.
    Django's generator refuses a control character with an exception, so one
    in a story's title, summary, body or byline (pasted from a PDF or Word)
    failed every feed listing the story with a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = _xml_values(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = _xml_values(self.items[-1])

    def latest_post_date(self):
        """The newest entry's time; a feed without one (an agency no story
        names yet) a fixed time, not Django's "now": its `updated` (RSS
        `lastBuildDate`, Last-Modified) had changed at each render, and each
        unrelated edit that renders it again gave readers and CDNs a new
        feed with nothing new in it."""
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        return EMPTY_FEED_UPDATED


class NewsroomRss201rev2Feed(XmlTextFeed, Rss201rev2Feed):
    """RSS 2.0 whose text XML can hold."""


class NewsroomAtom1Feed(XmlTextFeed, Atom1Feed):
    """Atom whose entries carry their article's language (xml:lang), its text
    as XML can hold it."""

    def item_attributes(self, item):
        return {"xml:lang": item["language"]} if item.get("language") else {}


class LatestArticlesFeed(Feed):
    """The newest published articles, as RSS 2.0."""

    feed_type = NewsroomRss201rev2Feed
    request: HttpRequest  # set on the per-request copy, see __call__

    def __call__(self, request, *args, **kwargs):
        # The URLconf shares one instance between requests: each request works
        # on its own copy, which may keep the request (absolute URLs, ids).
        feed = copy.copy(self)
        feed.request = request
        # As the pages (in_lowercase()): a slug asked in capitals moves to its
        # lowercase feed once the feed's object is found there.
        slug = kwargs.get("slug")
        if slug is not None and slug != slug.lower():
            feed.get_object(request, slug=slug.lower())
            return in_lowercase(request, slug)
        return super(LatestArticlesFeed, feed).__call__(request, *args, **kwargs)

    @property
    def language(self) -> str:
        """The edition's, from the address (newsroom.editions)."""
        return translation.get_language()

    def articles(self, obj):
        """The published articles this feed is about, in every language."""
        return Article.objects.published()

    def items(self, obj):
        articles = self.articles(obj).in_language(self.language)
        return articles.for_feed().latest_first()[:FEED_LENGTH]

    def title(self, obj) -> str:
        return _("%(site)s: latest articles") % {"site": settings.NEWSROOM_NAME}

    def description(self, obj) -> str:
        return _(
            "The latest articles from %(site)s on meetings between government agencies."
        ) % {"site": settings.NEWSROOM_NAME}

    def link(self, obj) -> str:
        return reverse("articles:home")

    def item_title(self, item: Article) -> str:
        # A title is plain text, as readers show it (the XML writer escapes
        # it once): Django's default escapes it as HTML first, and readers
        # showed "Attorney General&#x27;s office".
        return item.title

    def item_description(self, item: Article) -> str:
        # Feed descriptions are HTML: the plain text is escaped once here.
        return escape(item.dek or body_excerpt(item.body))

    def author_name(self) -> str:
        # The feed's own author (Atom requires one where an entry has none).
        return settings.NEWSROOM_NAME

    def item_author_name(self, item: Article) -> str:
        # As the story's JSON-LD author: the byline, the writer it credits,
        # else the newsroom (Article.credited_name).
        return item.credited_name or settings.NEWSROOM_NAME

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.last_modified

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.local_name, *sorted(tag.name for tag in self.tags(item))]

    def tags(self, item: Article):
        """The item's tags, as items() loads them (for_feed())."""
        return getattr(item, FEED_TAGS)

    def item_guid(self, item: Article) -> str:
        # A tag URI: stays the same when the slug or publication time changes,
        # and whatever port the feed was fetched through (a tag's authority
        # is a domain name, RFC 4151: "tag:localhost:9999,…" was two ids for
        # one story, and no tag URI at all).
        domain, _port = split_domain_port(self.request.get_host())
        created = item.created_at.date().isoformat()
        return f"tag:{domain},{created}:/articles/{item.pk}"

    item_guid_is_permalink = False

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        # The 1200×630 card, as og:image: never the original; its size is
        # stored with it, so no file is read.
        image = item.featured_image
        rendition = rendition_for(image, "card") if image else None
        if rendition is None:
            return []
        return [
            Enclosure(
                url=self.request.build_absolute_uri(rendition.url),
                length=str(rendition.file_size),
                mime_type=rendition.mime_type,
            )
        ]

    def item_extra_kwargs(self, item: Article) -> dict:
        return {"language": item.language}


class AtomVariant:
    """Mixin: the same feed as Atom 1.0."""

    feed_type = NewsroomAtom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


class LatestArticlesAtomFeed(AtomVariant, LatestArticlesFeed):
    pass


class SectionFeed(LatestArticlesFeed):
    """The newest published articles in one section."""

    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def articles(self, obj: Section):
        return Article.objects.published().in_section(obj)

    def title(self, obj: Section) -> str:
        return _("%(site)s: %(section)s") % {
            "site": settings.NEWSROOM_NAME,
            "section": obj.local_name,
        }

    def description(self, obj: Section) -> str:
        return obj.local_description or _(
            "The latest articles in the %(section)s section of %(site)s."
        ) % {"site": settings.NEWSROOM_NAME, "section": obj.local_name}

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()


class SectionAtomFeed(AtomVariant, SectionFeed):
    pass


class TagFeed(LatestArticlesFeed):
    """The newest published articles with one tag."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:  # maybe a tag merged into another
            return tag_moved_or_404(request, kwargs["slug"].lower())

    def get_object(self, request, slug: str) -> Tag:
        # As the tag's page: none before a published story carries it.
        return get_object_or_404(Article.objects.published().carried_tags(), slug=slug)

    def articles(self, obj: Tag):
        return Article.objects.published().tagged(obj)

    def title(self, obj: Tag) -> str:
        return _("%(site)s: articles tagged “%(tag)s”") % {
            "site": settings.NEWSROOM_NAME,
            "tag": obj.name,
        }

    def description(self, obj: Tag) -> str:
        return _("The latest articles tagged “%(tag)s” on %(site)s.") % {
            "site": settings.NEWSROOM_NAME,
            "tag": obj.name,
        }

    def link(self, obj: Tag) -> str:
        return reverse("articles:tag_detail", kwargs={"slug": obj.slug})


class TagAtomFeed(AtomVariant, TagFeed):
    pass


class AgencyFeed(LatestArticlesFeed):
    """The newest published articles that mention one agency."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:  # not an agency's slug now: maybe one it had
            return moved_or_404(request, AgencySlugHistory, kwargs["slug"].lower())

    def get_object(self, request, slug: str) -> Agency:
        return get_object_or_404(Agency, slug=slug)

    def articles(self, obj: Agency):
        return Article.objects.published().mentioning(obj)

    def title(self, obj: Agency) -> str:
        return _("%(site)s: articles about %(agency)s") % {
            "site": settings.NEWSROOM_NAME,
            "agency": obj.display_name,
        }

    def description(self, obj: Agency) -> str:
        return _("The latest articles on %(site)s that mention %(agency)s.") % {
            "site": settings.NEWSROOM_NAME,
            "agency": obj.display_name,
        }

    def link(self, obj: Agency) -> str:
        return obj.get_absolute_url()


class AgencyAtomFeed(AtomVariant, AgencyFeed):
    pass


class TopStoriesFeed(LatestArticlesFeed):
    """The day's top stories of the edition (articles.frontpage
    .day_top_stories): what a newsletter service takes each morning."""

    def items(self, obj):
        return day_top_stories(self.language)

    def tags(self, item: Article):
        # day_top_stories() prefetches them to the manager.
        return item.tags.all()

    def title(self, obj) -> str:
        return _("%(site)s: today's top stories") % {"site": settings.NEWSROOM_NAME}

    def description(self, obj) -> str:
        return _(
            "The lead and the major stories of the last 24 hours on %(site)s, "
            "and the most read."
        ) % {"site": settings.NEWSROOM_NAME}
