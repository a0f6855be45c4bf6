from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from agencies.models import Agency, Meeting, Person
from newsroom.addresses import reverse_once
from newsroom.bilingual import Bilingual, fallback_language, language_in_sentence
from newsroom.media.models import Image
from newsroom.text import names

from ..querysets import ArticleQuerySet, CorrectionQuerySet, SectionQuerySet


class CommentPolicy(models.TextChoices):
    PRE = "pre", _("Pre-moderated")
    POST = "post", _("Post-moderated")
    CLOSED = "closed", _("Closed")


# The longest tag name (django-taggit's column): forms, the wire import and
# article_save all hold tags to it.
TAG_NAME_MAX = Tag._meta.get_field("name").max_length


def too_long_tags(names) -> list[str]:
    """The tag names in `names` (strings; Tag objects are already stored)
    longer than a tag can be."""
    return [
        name for name in names if isinstance(name, str) and len(name) > TAG_NAME_MAX
    ]


def check_tag_lengths(names) -> None:
    """Refuse (ValidationError) tag names longer than a tag can be: a
    sentence pasted into the tags failed the save on PostgreSQL."""
    if too_long := too_long_tags(names):
        raise ValidationError(
            _(
                "A tag is at most %(max)s characters; “%(tag)s…” is "
                "%(length)s. Separate tags with commas."
            ),
            params={
                "max": TAG_NAME_MAX,
                "tag": too_long[0][:40].rstrip(),
                "length": len(too_long[0]),
            },
        )


# The most tags a story carries (the demo's stories carry 3 to 5): 1,000
# new tags in one save took 30 s and ended in a server error.
TAGS_MAX = 30


def check_tag_count(names) -> None:
    """Refuse (ValidationError) more than TAGS_MAX tags, counted as the
    article keeps them (names or Tag objects; one of each, whatever the
    case)."""
    count = len({str(getattr(name, "name", name)).casefold() for name in names})
    if count > TAGS_MAX:
        raise ValidationError(
            _(
                "A story carries at most %(max)s tags; these are %(count)s. "
                "Keep the ones readers will look for."
            ),
            params={"max": TAGS_MAX, "count": count},
        )


# The most people a story names (links to their pages): a list of a new
# cabinet's ministers and deputies is about a hundred. 5,000 links had
# been saved, and every page listing the story's people slowed with them.
PEOPLE_MAX = 100


def check_people_count(people) -> None:
    """Refuse (ValidationError) more than PEOPLE_MAX people (Person objects
    or ids; each once)."""
    count = len({getattr(person, "pk", person) for person in people})
    if count > PEOPLE_MAX:
        raise ValidationError(
            _(
                "A story names at most %(max)s people; these are %(count)s. "
                "Keep the ones the story is about."
            ),
            code="too_many_people",
            params={"max": PEOPLE_MAX, "count": count},
        )


# The longest body a story keeps, in characters: a long feature of 10,000
# words is about 65,000. Markdown's parser is not linear on every shape of
# text (articles/rendering.py tames those it can): up to this length the
# slowest known body renders in about 2.7 s, once per text; 200,000 could
# take more than 10 s, and a reader's page would answer 500.
BODY_MAX_CHARS = 100_000


def check_body_length(body: str) -> None:
    """Refuse (ValidationError) a body longer than BODY_MAX_CHARS."""
    if len(body) > BODY_MAX_CHARS:
        raise ValidationError(
            _(
                "A story's body holds at most %(max)s characters; this one has "
                "%(count)s. Split it into parts, or cut what readers will not need."
            ),
            code="body_too_long",
            params={
                "max": number_format(BODY_MAX_CHARS, force_grouping=True),
                "count": number_format(len(body), force_grouping=True),
            },
        )


def byline_credits_writer(byline: str, writer_name: str | None) -> bool:
    """Whether a story's byline credits its writer, whose author profile is
    named `writer_name` (None: they have none): the byline is empty, or names
    them, whole words in any case or accents (newsroom.text.names). The one
    rule for the byline's link and JSON-LD author (Article.byline_profile())
    and for the stories on the writer's author page
    (Article.byline_names_writer, ArticleQuerySet.bylined_to())."""
    if not byline.strip():
        return True
    return writer_name is not None and names(byline, writer_name)


def default_comment_policy() -> str:
    return settings.COMMENTS_DEFAULT_POLICY


def _remembered_url(instance, made_of: tuple, reverse_it) -> str:
    """`instance`'s address, reversed once while what it is `made_of` (and the
    site's default language) stays the same: a page names the same story
    many times (links, canonical, JSON-LD, share links). (Sections, agencies,
    people and meetings: newsroom.addresses.reverse_once().)"""
    key = (*made_of, settings.LANGUAGE_CODE)
    remembered = instance.__dict__.get("_remembered_url")
    if remembered is None or remembered[0] != key:
        remembered = (key, reverse_it())
        instance.__dict__["_remembered_url"] = remembered
    return remembered[1]


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_navigation = models.BooleanField(_("show in navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    local_name = Bilingual("name")
    local_description = Bilingual("description")

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        # In the desk's language too: its choices, list columns and filters.
        return self.local_name

    def get_absolute_url(self) -> str:
        # A section's page is in the edition of the page that links to it.
        return reverse_once("articles:section_detail", slug=self.slug)

    @property
    def local_name_language(self) -> str:
        """The language to mark `local_name` with where it is not the page's:
        "id" for the Indonesian name an English page falls back to, "en" for
        the reverse, else "" (bilingual.fallback_language)."""
        return fallback_language(self, "name")


class SearchVectorIndex(GinIndex):
    """GIN on PostgreSQL, the only database that fills `search_vector`.

    Elsewhere (SQLite knows no GIN) a plain index on the empty column, so one
    set of migrations builds both databases.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return models.Index.create_sql(self, model, schema_editor, **kwargs)


class Article(models.Model):
    # The search columns (derived; read by the database alone): no page or
    # list loads them (ArticleQuerySet.for_listing(), for_detail(), the admin).
    SEARCH_COLUMNS = ("search_vector", "rank_vector")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Language(models.TextChoices):
        INDONESIAN = "id", _("Indonesian")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=255)
    needs_headline = models.BooleanField(
        _("needs a headline"),
        default=False,
        help_text=_(
            "Ticked: the title is a working one and the desk still has to "
            "write the headline (a title proposed from the first sentence of "
            "imported copy is ticked by itself). Typing a headline over it "
            "unticks this box; the story cannot be published while it is "
            "ticked."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    dek = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown under the title."),
    )
    seo_title = models.CharField(
        _("title in search results"),
        max_length=70,
        blank=True,
        help_text=_(
            "Shown by search engines and in social cards; empty: the title. "
            "Search results cut titles after about 60 characters."
        ),
    )
    seo_description = models.CharField(
        _("description in search results"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown under the title in search results and social cards; "
            "empty: the summary. About 155 characters are shown."
        ),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        validators=[check_body_length],
        help_text=_(
            "Markdown. In an Indonesian story _underscores_ mark English "
            "phrases; in an English one, emphasis."
        ),
    )
    dateline = models.CharField(
        _("dateline"), max_length=120, blank=True, help_text=_("Where it was reported.")
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    editor_name = models.CharField(_("editor"), max_length=200, blank=True)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = TaggableManager(_("tags"), blank=True)
    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies mentioned"),
        blank=True,
        related_name="articles",
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people mentioned"), blank=True, related_name="articles"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("related meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    # PROTECT: an image a story shows cannot vanish from under it; the media
    # library refuses to delete it and lists where it is used instead.
    featured_image = models.ForeignKey(
        Image,
        verbose_name=_("featured image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="featured_in",
        help_text=_(
            "Choose a picture from the media library, or upload one with “+”. "
            "Its caption, credit and alt text are those of the image."
        ),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.INDONESIAN
    )
    # One story in two languages: the first article written is the original,
    # its translations point to it (one level, one article per language).
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_(
            "The same story in the other language, which this article translates."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Set by the submit step (articles.services.workflow): what the review
    # queue waits from. An edit after it leaves the story's place in the queue.
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, editable=False
    )
    is_featured = models.BooleanField(
        _("lead story"), default=False, help_text=_("Shown large on the home page.")
    )
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    comment_policy = models.CharField(
        _("comment moderation"),
        max_length=8,
        choices=CommentPolicy,
        default=default_comment_policy,
        help_text=_(
            "Pre-moderated: a moderator approves each comment first. "
            "Post-moderated: comments appear at once unless a check holds "
            "them. Closed: no new comments."
        ),
    )
    approved_comment_count = models.PositiveIntegerField(
        _("approved comments"), default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The reporter who owns the draft."),
    )
    # Derived from the byline and the name on created_by's author profile
    # (byline_credits_writer()): kept by article_save and by the save of an
    # author profile; the author page lists only the stories where it holds.
    byline_names_writer = models.BooleanField(
        _("byline names its writer"), default=True, editable=False
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_(
            "Goes up by one with every save; refuses a save made on an older version."
        ),
    )
    tagged_items = GenericRelation(TaggedItem, related_query_name="article")
    # Derived from the texts above, the tags and the agencies' names by
    # articles.search.index (PostgreSQL only), refreshed by the writes that
    # change them; left out of revisions, which would hold stale copies.
    search_vector = SearchVectorField(
        _("search vector"), null=True, editable=False, serialize=False
    )
    # The headline and lead alone (their weights as in `search_vector`):
    # what a match is ranked by, small enough to be stored inline.
    rank_vector = SearchVectorField(
        _("rank vector"), null=True, editable=False, serialize=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="article_one_translation_per_language",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The admin's list in its default order (drafts, then the newest).
            models.Index(
                fields=["-published_at", "-id"], name="article_admin_order_idx"
            ),
            # An edition's lists newest first: a deep page's ids and a list's
            # count read from the index alone (no row read).
            models.Index(
                fields=["language", "status", "-published_at", "-id"],
                name="article_edition_list_idx",
            ),
            # A meeting's stories newest first (its page, related stories'
            # candidates): read from the index, however many it has.
            models.Index(
                fields=["meeting", "-published_at", "-id"],
                name="article_meeting_list_idx",
            ),
            # The latest save of a published article (sitemaps' lastmod).
            models.Index(
                fields=["status", "updated_at"], name="article_status_saved_idx"
            ),
            # An author page's stories (bylined_to()) newest first, by edition.
            models.Index(
                fields=[
                    "created_by",
                    "byline_names_writer",
                    "language",
                    "status",
                    "-published_at",
                    "-id",
                ],
                name="article_author_page_idx",
            ),
            SearchVectorIndex(
                fields=["search_vector"], name="article_search_vector_gin"
            ),
        ]
        permissions = [
            (
                "publish_article",
                _("Can publish, schedule, unpublish and return articles"),
            ),
            (
                "share_preview_article",
                _("Can share a preview link to an unpublished article"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _remembered_url(
            self,
            (self.slug, self.language, self.published_at, self.created_at),
            self._absolute_url,
        )

    def _absolute_url(self) -> str:
        # The newsroom's own zone, whatever zone a request has activated.
        when = timezone.localtime(
            self.published_at or self.created_at or timezone.now(),
            ZoneInfo(settings.TIME_ZONE),
        )
        # In the article's own edition, whatever the page that links to it.
        with translation.override(self.language):
            return reverse_once(
                "articles:article_detail",
                year=when.year,
                month=f"{when.month:02d}",
                slug=self.slug,
            )

    @property
    def slug_follows_headline(self) -> bool:
        """Whether a new headline gives the story a new slug (when its slug
        is still the one the old headline made): only before any reader,
        feed or link has its address, a draft or a story in review. The
        service (article_save) and the writing screen's script
        (admin_slugs.js, told by the change form) follow this one rule."""
        return self.status in (self.Status.DRAFT, self.Status.IN_REVIEW)

    def byline_profile(self):
        """The public author profile the byline names, or None: its writer's
        (created_by's, as loaded: for_detail() selects it) when public and
        the byline is empty or names them, whole words in any case or
        accents (byline_credits_writer()). A byline naming someone else ("Tim
        Redaksi", a wire's reporter) links to no one: it had linked to the
        writer's profile."""
        user = self.created_by if self.created_by_id else None
        profile = getattr(user, "author_profile", None) if user else None
        if profile is None or not profile.is_public:
            return None
        return profile if byline_credits_writer(self.byline, profile.name) else None

    @property
    def credited_name(self) -> str:
        """Whom the story is credited to, by name: its byline; an empty one
        credits the writer (byline_credits_writer()), by their public author
        profile's name; "" when neither, for the caller to credit the
        newsroom. The one rule for the byline, the JSON-LD author and the
        feeds' authors. Reads `created_by.author_profile` as loaded."""
        if self.byline.strip():
            return self.byline
        profile = self.byline_profile()
        return profile.name if profile is not None else ""

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.published_at:
            errors["published_at"] = _("A published article needs a publication time.")
        translation_error = self._translation_error()
        if translation_error:
            errors["translation_of"] = translation_error
        if errors:
            raise ValidationError(errors)

    @property
    def story_id(self) -> int | None:
        """The original of this story's group of translations (itself when it
        is the original)."""
        return self.translation_of_id or self.pk

    def _translation_error(self):
        """Why `translation_of` cannot be what it is, or None."""
        original = self.translation_of
        if original is None:
            return None
        if original.pk == self.pk:
            return _("An article cannot be a translation of itself.")
        if original.translation_of_id:
            return _(
                "“%(title)s” is itself a translation: choose its original, "
                "“%(original)s”."
            ) % {"title": original.title, "original": original.translation_of.title}
        if self.pk and type(self).objects.filter(translation_of=self).exists():
            return _(
                "This article has translations of its own, so it cannot be "
                "a translation."
            )
        if original.language == self.language:
            return _(
                "A translation must be in the other language: “%(title)s” is "
                "in %(language)s too."
            ) % {
                "title": original.title,
                "language": language_in_sentence(self.language),
            }
        taken = self.translation_taken()
        if taken is not None:
            return _(
                "“%(title)s” already has a translation in %(language)s: “%(other)s”."
            ) % {
                "title": original.title,
                "language": language_in_sentence(taken.language),
                "other": taken.title,
            }
        return None

    def translation_taken(self):
        """The other article translating `translation_of` into this one's
        language (a story has one per language), or None: why clean() refuses
        this one, and what the add form warns of as it opens."""
        if self.translation_of_id is None:
            return None
        return (
            type(self)
            .objects.filter(
                translation_of_id=self.translation_of_id, language=self.language
            )
            .exclude(pk=self.pk)
            .first()
        )

    @property
    def search_title(self) -> str:
        """The title search engines and social cards show."""
        return self.seo_title.strip() or self.title

    @property
    def search_description(self) -> str:
        """The description search engines and social cards show."""
        return self.seo_description.strip() or self.dek.strip() or self.title

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def comments_close_at(self):
        """When the discussion closes by itself (None before publication)."""
        if self.published_at is None:
            return None
        return self.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)

    def comments_open(self, now=None) -> bool:
        """Whether readers may post a new comment now."""
        now = now or timezone.now()
        return (
            self.comments_enabled
            and self.comment_policy != CommentPolicy.CLOSED
            and self.is_public
            and now < self.comments_close_at
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state_label(self) -> str:
        """The workflow state as editors say it (published in future: scheduled)."""
        if self.is_scheduled:
            return str(_("Scheduled"))
        return str(self.get_status_display())

    @property
    def public_since(self):
        """When readers could first see it (None for an article never
        published): the later of its publication time and the publish step
        that put it live, so a story published with a backdated time went
        public when it was published. ArticleQuerySet.with_public_since() is
        its SQL (loaded by for_detail() and for_feed(); read here otherwise)."""
        if self.published_at is None:
            return None
        if not hasattr(self, "public_since_at"):
            found = type(self).objects.filter(pk=self.pk).with_public_since()
            self.public_since_at = found.values_list(
                "public_since_at", flat=True
            ).first()
        return self.public_since_at or self.published_at

    @property
    def was_updated(self) -> bool:
        """Whether the page says "Updated": it changed (a save, a correction
        or update note) after it went public, in a later minute (pages show
        times to the minute, and the save that publishes a story comes a
        moment after its publication time). A story published with a
        backdated time and not changed since was not updated."""
        if self.published_at is None:
            return False
        to_the_minute = {"second": 0, "microsecond": 0}
        changed, public = self.updated_at, self.public_since
        return changed.replace(**to_the_minute) > public.replace(**to_the_minute)

    @property
    def last_modified(self):
        """When the article last changed for readers: its last save or
        correction when it was updated (was_updated), else its publication
        time (a story scheduled ahead was saved before it came out; one
        published with a backdated time was saved when it went public). The
        page, JSON-LD, feeds and sitemaps all say this time;
        ArticleQuerySet.with_last_modified() is its SQL. A draft's: its last
        save."""
        if self.published_at is None:
            return self.updated_at
        return self.updated_at if self.was_updated else self.published_at

    @property
    def accepts_corrections(self) -> bool:
        """Whether correction and update notes may be added to it: once it has
        been published (on the site, or taken off it since), never while it is
        a draft, in review or still scheduled."""
        return (
            self.status in (self.Status.PUBLISHED, self.Status.UNPUBLISHED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleEvent(models.Model):
    """Something done to an article, kept as a log: who and when (the
    article's foreign key is each log's own, named for its list)."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]


class ArticleTransition(ArticleEvent):
    """One step of an article through the workflow: who moved it, when, why."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("article"),
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Article.Status)
    to_status = models.CharField(_("to"), max_length=16, choices=Article.Status)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta(ArticleEvent.Meta):
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class PreviewLinkStop(ArticleEvent):
    """The moment every share link to an article's preview made before it
    stopped working (articles/preview.py): an editor stopped them, or the
    story was unpublished. Kept as a log: who, when and why."""

    class Reason(models.TextChoices):
        STOPPED = "stopped", _("Stopped by an editor")
        UNPUBLISHED = "unpublished", _("The story was unpublished")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="preview_link_stops",
        verbose_name=_("article"),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason)

    class Meta(ArticleEvent.Meta):
        verbose_name = _("stop of preview links")
        verbose_name_plural = _("stops of preview links")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.get_reason_display()}"


class ArticleSlugHistory(models.Model):
    """A slug a published article had before; its old address redirects."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name=_("article"),
    )
    slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.slug


class Correction(models.Model):
    """A correction or update note shown on a published article; never removed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("article"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind, default=Kind.CORRECTION
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ArticleInReview(Article):
    """The editors' queue: articles submitted for review (an admin list)."""

    class Meta:
        proxy = True
        verbose_name = _("story awaiting review")
        verbose_name_plural = _("stories awaiting review")
