import datetime as dt
import functools
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Trunc
from django.db.models.lookups import Exact, GreaterThan
from django.utils import timezone

from newsroom.related_rows import RelatedRows, RelatedRowsIterable
from newsroom.text import closest_name

from .ratelimits import NETWORK_PREFIX

# The review queue's order, longest waiting first (the start page, the queue):
# by the latest submission, not the latest edit. A story put in review
# without the submit step (no time) counts as the longest waiting.
REVIEW_ORDER = (models.F("submitted_at").asc(nulls_first=True), "id")
# What for_listing() prefetches; a list shown in parts (an edition's stories
# and the other edition's) loads it once for all of them.
LISTING_PREFETCH = ("featured_image__renditions",)
# How many candidates related_to() ranks: an even share for each of the
# story's links (its meeting, agencies, tags), at least RELATED_PER_LINK_MIN.
# The page shows four: a story with eight links ranks its links' newest 25.
RELATED_CANDIDATES = 200
RELATED_PER_LINK_MIN = 20
# Where for_feed() puts each story's tags (a list).
FEED_TAGS = "feed_tags"


def story_links(article) -> tuple[int | None, list[int], list[int]]:
    """What related_to() relates `article` by: its meeting's id (or None), its
    agencies' and its tags' ids in order, read from its prefetched lists."""
    return (
        article.meeting_id,
        sorted(agency.pk for agency in article.agencies.all()),
        sorted(tag.pk for tag in article.tags.all()),
    )


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        """Sections shown in the site's main navigation, in order."""
        return self.filter(in_navigation=True).order_by("order", "name")


# How many of a tag's newest articles decide its counterpart in the other
# edition (ArticleQuerySet.carried_tags_across).
COUNTERPART_SAMPLE = 200


class ArticleQuerySet(models.QuerySet):
    def holding_copy(self, body: str, *, since):
        """Stories of any state saved since `since` whose body is exactly
        `body`: wire copy pasted again (found by the (status, updated_at)
        index, then compared)."""
        return self.filter(
            status__in=self.model.Status.values, updated_at__gte=since, body=body
        )

    def published(self, now=None):
        """Articles readers may see: published, and published_at not in the future."""
        now = now or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=now)

    def most_covered_agencies(self, limit: int):
        """The ids of the `limit` agencies these articles name most, the most
        named first (ties: the older agency first)."""
        through = self.model.agencies.through
        return (
            through.objects.filter(article__in=self.values("pk"))
            .values("agency")
            .annotate(stories=models.Count("article"))
            .order_by("-stories", "agency")
            .values_list("agency", flat=True)[:limit]
        )

    def in_review(self):
        """Articles submitted by reporters and waiting for an editor."""
        return self.filter(status=self.model.Status.IN_REVIEW)

    def latest_first(self):
        """Newest publication first."""
        return self.order_by("-published_at", "-id")

    def by_author(self, user):
        """Articles whose author (the reporter who owns the draft) is `user`."""
        return self.filter(created_by=user)

    def bylined_to(self, user):
        """Articles `user` wrote whose byline credits them (empty, or naming
        their author profile: Article.byline_profile()'s rule): the stories
        of their author page."""
        return self.by_author(user).filter(byline_names_writer=True)

    def drafts(self):
        """Articles still being written (returned stories included)."""
        return self.filter(status=self.model.Status.DRAFT)

    def review_queue(self):
        """The editors' review queue: in review, the longest waiting first."""
        return self.in_review().order_by(*REVIEW_ORDER)

    def scheduled(self, now=None):
        """Published with a publication time still ahead, soonest first."""
        now = now or timezone.now()
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=now
        ).order_by("published_at", "id")

    def with_last_step(self):
        """Each article with its latest workflow step: `last_step_from`,
        `last_step_to`, `last_step_by_id`, `last_step_note`, `last_step_at`."""
        steps = self._transition_model().objects.filter(article=models.OuterRef("pk"))
        latest = steps.order_by("-at", "-id")
        return self.annotate(
            **{
                f"last_step_{name}": models.Subquery(latest.values(column)[:1])
                for name, column in [
                    ("from", "from_status"),
                    ("to", "to_status"),
                    ("by_id", "by"),
                    ("note", "note"),
                    ("at", "at"),
                ]
            }
        )

    def returned(self):
        """Drafts an editor sent back to their author: the latest step took
        them from review (or off the site) to draft, and someone other than
        the author took it (the author's own step back is a withdrawal).
        Carries the with_last_step() annotations: the editor's note is
        `last_step_note`."""
        Status = self.model.Status
        return (
            self.drafts()
            .with_last_step()
            .filter(
                last_step_from__in=[Status.IN_REVIEW, Status.UNPUBLISHED],
                last_step_to=Status.DRAFT,
            )
            .exclude(last_step_by_id=models.F("created_by"))
        )

    def withdrawn_since(self, when):
        """Drafts their author took back from review (withdraw, not an
        editor's return: see returned()) at or after `when`, as their latest
        step."""
        Status = self.model.Status
        return (
            self.drafts()
            .with_last_step()
            .filter(
                last_step_from=Status.IN_REVIEW,
                last_step_to=Status.DRAFT,
                last_step_by_id=models.F("created_by"),
                last_step_at__gte=when,
            )
        )

    def not_returned(self):
        """Articles that are not returned drafts (see returned())."""
        return self.exclude(pk__in=self.model.objects.returned().values("pk"))

    def return_step(self, article):
        """The editor's step (with `by`) that returned `article`, while it is
        returned (see returned()); None once it is submitted again, or never
        returned."""
        returned = self.model.objects.returned().filter(pk=article.pk)
        steps = self._transition_model().objects.filter(article__in=returned)
        return steps.select_related("by").order_by("-at", "-id").first()

    def in_language(self, language: str):
        """The articles of one edition: written in `language`."""
        return self.filter(language=language)

    def originals(self):
        """Articles that are no translation: what a translation may point to."""
        return self.filter(translation_of__isnull=True)

    def in_story(self, article):
        """The articles telling `article`'s story in other languages: its
        original and the original's translations, never itself."""
        story = article.story_id
        return self.filter(
            models.Q(pk=story) | models.Q(translation_of_id=story)
        ).exclude(pk=article.pk)

    def in_section(self, section):
        """Articles filed in one section."""
        return self.filter(section=section)

    def tagged(self, tag):
        """Articles carrying one tag. (An EXISTS on the taggings rather than a
        join: the join compares the taggings' integer object_id cast to the
        articles' bigint id, which no index answers, so PostgreSQL hashed
        every tagged story to find a page of them; this way it walks the
        newest stories and looks each one's taggings up.)"""
        taggings = self._tagged_item_model().objects.filter(
            content_type=self._content_type(),
            object_id=models.OuterRef("pk"),
            tag=tag,
        )
        return self.filter(models.Exists(taggings))

    def carried_tags(self):
        """The tags (taggit's Tag queryset) at least one of these articles
        carries: each tag's taggings walked by the (tag, object) index, each
        looked up among these articles by id, until one is found."""
        tag_model = self._tagged_item_model().tag.field.related_model
        taggings = self._tagged_item_model().objects.filter(
            models.Exists(self.order_by().filter(pk=models.OuterRef("object_id"))),
            content_type=self._content_type(),
            tag=models.OuterRef("pk"),
        )
        return tag_model.objects.filter(models.Exists(taggings))

    def carried_tags_across(self, language: str):
        """carried_tags(), each with `in_edition`: whether one of these
        articles in `language` carries it; and, when none does,
        `counterpart_slug`: the slug of the tag that these articles in
        `language` telling the same stories carry more often than any
        other, or None (no such translation carries a tag, or two tie:
        `counterpart_tied`, see tied_counterpart()). One query; the
        counterpart is looked for only for a tag not in that edition."""
        return self._carried_tags_across(language, counterpart="slug")

    def counterparts_of(self, tag_ids, language: str):
        """carried_tags_across() of the tags `tag_ids`, naming `counterpart_name`."""
        across = self._carried_tags_across(language, counterpart="name")
        return across.filter(pk__in=tag_ids)

    def counterpart_candidates(self, tag_id: int, language: str, *, limit: int = 10):
        """The tags the translations into `language` of the stories carrying
        the tag `tag_id` carry, most often first: `tag__name`, `tag__slug`,
        `uses`."""
        ranked = self._ranked_counterparts(language, tag=tag_id)
        return ranked.values("tag__name", "tag__slug", "uses")[:limit]

    def tied_counterpart(self, tag, language: str) -> dict | None:
        """For a tag of carried_tags_across() whose likeliest counterparts
        are carried as often (`counterpart_tied`: the tags of stories
        translated once all tie): the one whose name is clearly the closest
        to the tag's (newsroom.text.closest_name: "filipina" →
        "Philippines"), as {"tag__name", "tag__slug", "uses"}, else None.
        One query."""
        candidates = list(self.counterpart_candidates(tag.pk, language))
        tied = [c for c in candidates if c["uses"] == candidates[0]["uses"]]
        closest = closest_name(tag.name, [c["tag__name"] for c in tied])
        return next((c for c in tied if c["tag__name"] == closest), None)

    def _ranked_counterparts(self, language: str, *, tag=None):
        """Tag ids (`tag_id`) and `uses`, most used first: the tags carried by
        these articles in `language` that tell the stories carrying `tag` (a
        tag id; None: the tag of the query this one is a subquery of)."""
        tagged_item = self._tagged_item_model()
        content_type = self._content_type()
        own = self.order_by()
        in_language = own.filter(language=language)
        if tag is None:
            tag = models.OuterRef(
                models.OuterRef(models.OuterRef(models.OuterRef("pk")))
            )
        # The stories (original's ids) of these articles carrying the tag:
        # three queries below the tags' (counterpart, translations, stories).
        # The tag's newest COUNTERPART_SAMPLE articles decide, read backwards
        # from the (tag, object) index: a tag on a third of 100,000 stories
        # is not read whole on every view of its page.
        carrying = (
            tagged_item.objects.filter(content_type=content_type, tag=tag)
            .order_by("-object_id")
            .values("object_id")[:COUNTERPART_SAMPLE]
        )
        stories = own.filter(pk__in=carrying).values(
            story=Coalesce("translation_of_id", "pk")
        )
        # Originals and translations apart (a union, not an OR): each found
        # by its index from the few stories.
        translations = (
            in_language.filter(pk__in=stories)
            .values("pk")
            .union(in_language.filter(translation_of_id__in=stories).values("pk"))
        )
        return (
            tagged_item.objects.filter(
                content_type=content_type, object_id__in=translations
            )
            .values("tag_id")
            .annotate(uses=models.Count("pk"))
            .order_by("-uses", "tag_id")
        )

    def _carried_tags_across(self, language: str, *, counterpart: str):
        """carried_tags_across() with the counterpart's field `counterpart`
        (a Tag field) in `counterpart_<field>`."""
        tagged_item = self._tagged_item_model()
        content_type = self._content_type()
        in_language = self.order_by().filter(language=language)
        taggings = tagged_item.objects.filter(
            content_type=content_type, tag=models.OuterRef("pk")
        )
        in_edition = models.Exists(
            taggings.filter(
                models.Exists(in_language.filter(pk=models.OuterRef("object_id")))
            )
        )
        ranked = self._ranked_counterparts(language)
        # Only a tag carried more often than any other answers: in a tie
        # (every tag of the one translated story, "Filipina" as often with
        # "terrorism" as with "Philippines") the oldest tag had won for all.
        most = models.Subquery(ranked.values("uses")[:1])
        next_most = Coalesce(models.Subquery(ranked.values("uses")[1:2]), 0)
        clear = GreaterThan(most, next_most)
        return self.carried_tags().annotate(
            in_edition=in_edition,
            counterpart_tied=models.Case(
                models.When(in_edition, then=models.Value(False)),
                models.When(Exact(most, next_most), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            ),
            **{
                f"counterpart_{counterpart}": models.Case(
                    models.When(in_edition, then=models.Value(None)),
                    models.When(
                        clear,
                        then=models.Subquery(ranked.values(f"tag__{counterpart}")[:1]),
                    ),
                    default=models.Value(None),
                    output_field=models.CharField(),
                )
            },
        )

    def mentioning(self, agency):
        """Articles that mention one agency."""
        return self.filter(agencies=agency)

    def featuring(self, person):
        """Articles that mention one person."""
        return self.filter(people=person)

    def about_meeting(self, meeting):
        """Articles that cover one meeting."""
        return self.filter(meeting=meeting)

    def most_read_since(self, day):
        """Articles read since `day` (included), most read first (then the
        newest), each with `reads`: its DailyReads summed over those days."""
        return (
            self.filter(daily_reads__day__gte=day)
            .annotate(reads=models.Sum("daily_reads__count"))
            .order_by("-reads", "-published_at", "-id")
        )

    def related_to(self, article):
        """Articles related to `article`, the most related first: the same
        meeting, then more agencies in common, then more tags in common, then
        the newest; never `article` itself, nor one sharing none of these.
        Ranked among bounded candidates (_related_candidates()), so that the
        cost depends neither on the archive's size nor on how many stories a
        link has. One query: the article's agencies and tags are read from
        its prefetched lists (for_detail()); give a language and `[:n]`."""
        meeting_id, agency_ids, tag_ids = story_links(article)
        return self.related_by_links(
            article.pk, meeting_id=meeting_id, agency_ids=agency_ids, tag_ids=tag_ids
        )

    def related_by_links(self, pk: int, *, meeting_id, agency_ids, tag_ids):
        """related_to() the story `pk` with these links: its meeting's id (or
        None), its agencies' and its tags' ids. Every value is a parameter of
        the SQL, so that stories with as many links share one query
        (articles.views.articles.related_stories() compiles it once)."""
        if not (meeting_id or agency_ids or tag_ids):
            return self.none()
        zero = models.Value(0)
        same_meeting, shared_agencies, shared_tags = zero, zero, zero
        if meeting_id:
            same_meeting = models.Case(
                models.When(meeting_id=meeting_id, then=models.Value(1)),
                default=zero,
            )
        if agency_ids:
            mentions = self.model.agencies.through.objects.filter(
                agency_id__in=agency_ids, article_id=models.OuterRef("pk")
            )
            shared_agencies = _count(mentions)
        if tag_ids:
            tagged = self._tagged_item_model().objects.filter(
                content_type=self._content_type(),
                tag_id__in=tag_ids,
                object_id=models.OuterRef("pk"),
            )
            shared_tags = _count(tagged)
        candidates = self._related_candidates(pk, meeting_id, agency_ids, tag_ids)
        return (
            self.filter(pk__in=candidates)
            .annotate(
                same_meeting=same_meeting,
                shared_agencies=shared_agencies,
                shared_tags=shared_tags,
            )
            .order_by(
                "-same_meeting",
                "-shared_agencies",
                "-shared_tags",
                "-published_at",
                "-id",
            )
        )

    def _related_candidates(self, pk, meeting_id, agency_ids, tag_ids) -> RawSQL:
        """The ids related_to() ranks, as SQL: the newest stories of each of
        the story `pk`'s links (never itself), each list a short walk of an index
        read backwards (articles (meeting, publication), agencies' links
        (agency, article): articles 0019; taggings (tag, object): 0018),
        joined by UNION ALL.
        RELATED_CANDIDATES is shared evenly among the links, at least
        RELATED_PER_LINK_MIN each, so that a story's candidates number about
        the same however many links it has and however many stories each link
        has (a meeting's list as deep as an agency's: a meeting with hundreds
        of stories cost its stories' pages twice what a young one's did). The
        meeting's list holds only these articles' (the edition's published
        stories) and ranks first. An agency's or a tag's newest stories are taken to be
        those with the highest ids (ids grow with creation; the link tables
        hold no date), and may hold stories of other editions or not
        published, which the outer query leaves out."""
        quote = connections[self.db].ops.quote_name
        linked = bool(meeting_id) + len(agency_ids) + len(tag_ids)
        per_link = max(RELATED_CANDIDATES // max(linked, 1), RELATED_PER_LINK_MIN)
        parts = []  # (sql, params)
        if meeting_id:
            newest = (
                self.filter(meeting_id=meeting_id)
                .exclude(pk=pk)
                .order_by("-published_at", "-id")
                .values("pk")[:per_link]
            )
            parts.append(newest.query.get_compiler(using=self.db).as_sql())
        links = [
            (self.model.agencies.through._meta, "agency", "article", agency_ids),
            (self._tagged_item_model()._meta, "tag", "object_id", tag_ids),
        ]
        content_type = self._content_type().pk
        for meta, link, story, ids in links:
            link, story = (quote(meta.get_field(f).column) for f in (link, story))
            # The story's id a parameter too: stories with as many links
            # share one statement, which PostgreSQL keeps prepared.
            where = f"{link} = %s AND {story} <> %s"
            if meta.model is self._tagged_item_model():
                content_type_column = quote(meta.get_field("content_type").column)
                where += f" AND {content_type_column} = {content_type:d}"
            parts += [
                (
                    f"SELECT {story} FROM {quote(meta.db_table)} WHERE {where}"
                    f" ORDER BY {story} DESC LIMIT {per_link:d}",
                    (link_id, pk),
                )
                for link_id in ids
            ]
        # Each part a derived table: SQLite takes no ORDER BY or LIMIT in a
        # compound SELECT's parts.
        sql = " UNION ALL ".join(
            f"SELECT * FROM ({part}) {quote(f'related_{n}')}"
            for n, (part, _) in enumerate(parts)
        )
        return RawSQL(sql, [value for _, params in parts for value in params])

    def formerly_at(self, slug):
        """Articles whose old slug this is (changed after publication)."""
        return self.filter(old_slugs__slug=slug)

    def published_between(self, first_day=None, last_day=None):
        """Articles published from `first_day` to `last_day` included (dates in
        the newsroom's own zone; either may be None for an open end)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        articles = self
        if first_day:
            start = dt.datetime.combine(first_day, dt.time.min, tzinfo=zone)
            articles = articles.filter(published_at__gte=start)
        if last_day:
            next_day = last_day + dt.timedelta(days=1)
            end = dt.datetime.combine(next_day, dt.time.min, tzinfo=zone)
            articles = articles.filter(published_at__lt=end)
        return articles

    def published_since(self, when):
        """Articles published at or after `when`."""
        return self.filter(published_at__gte=when)

    def with_public_since(self):
        """Each article with `public_since_at`: when readers could first see
        it (Article.public_since). The later of its publication time and the
        first publish step that put it live: a story published with an
        earlier (backdated) time went public when the step was taken; one
        scheduled ahead, at its time (unless unpublished before it came). Its
        publication time alone when no step is recorded (imports, fixtures)."""
        first_live = self._live_steps().order_by("live").values("live")[:1]
        return self.annotate(
            public_since_at=Greatest(
                "published_at", Coalesce(models.Subquery(first_live), "published_at")
            )
        )

    def _live_steps(self):
        """The publish steps of the outer article that put it live (not
        unpublished before their time came), each with `live`: when it went
        public (its time, or the step when that time had passed)."""
        steps = self.model.transitions.rel.related_model.objects
        cancelled = steps.filter(
            article=models.OuterRef("article"),
            to_status=self.model.Status.UNPUBLISHED,
            at__gt=models.OuterRef("at"),
            at__lt=models.OuterRef("publish_at"),
        )
        return (
            steps.filter(
                article=models.OuterRef("pk"), to_status=self.model.Status.PUBLISHED
            )
            .exclude(models.Exists(cancelled))
            .annotate(live=Greatest("at", Coalesce("publish_at", "at")))
        )

    def once_public(self, now=None):
        """Articles readers have seen: on the site now, or taken off it since
        (unpublished, returned to its reporter, scheduled again); never a
        draft, a story in review or a scheduled one that was never out. Without
        a recorded publish step (imports, fixtures): an unpublished story whose
        publication time has passed."""
        now = now or timezone.now()
        Status = self.model.Status
        steps = self.model.transitions.rel.related_model.objects
        published = steps.filter(
            article=models.OuterRef("pk"), to_status=Status.PUBLISHED
        )
        unpublished = steps.filter(
            article=models.OuterRef("pk"), to_status=Status.UNPUBLISHED
        )
        return self.filter(
            models.Q(status=Status.PUBLISHED, published_at__lte=now)
            | models.Exists(self._live_steps().filter(live__lte=now))
            | (
                ~models.Exists(published)
                & models.Q(published_at__lte=now)
                & (models.Q(status=Status.UNPUBLISHED) | models.Exists(unpublished))
            )
        )

    def with_last_modified(self):
        """Each article with `last_modified_at`: Article.last_modified as the
        database computes it (its last save when that came in a later minute
        than it went public, else its publication time; a draft's last
        save), to order or aggregate by."""
        revised = GreaterThan(
            Trunc("updated_at", "minute"), Trunc("public_since_at", "minute")
        )
        return self.with_public_since().annotate(
            last_modified_at=models.Case(
                models.When(published_at__isnull=True, then="updated_at"),
                models.When(revised, then="updated_at"),
                default="published_at",
            )
        )

    def latest_modification(self):
        """When the last changed of these articles last changed (None if none)."""
        return self.with_last_modified().aggregate(
            latest=models.Max("last_modified_at")
        )["latest"]

    def with_total(self, *, count: bool = True, cap: int | None = None):
        """Each row with `list_total`: how many rows the whole list holds (an
        uncorrelated subquery, counted once), so that a page is read with its
        count in one query; with `cap`, counted only up to cap + 1 rows (a
        cost that stops growing with the list: past cap, the list "goes
        on"); `count=False`: 0 (a list merged into another's query, whose
        count is not shown)."""
        if not count:
            return self.annotate(list_total=models.Value(0))
        return self.annotate(list_total=count_of(self.order_by(), cap))

    def for_feed(self):
        """Eager loading for feed items: for_listing() with the body (a story
        without a summary is described by its start), the writer's author
        profile joined (the item's author: Article.credited_name) and the
        tags (with the section, the item's categories), a list in
        `FEED_TAGS`: one query for all, prefetched to that attribute so that
        taggit builds no queryset for each story to hold them (a quarter of a
        feed's time)."""
        tags = models.Prefetch("tags", to_attr=FEED_TAGS)
        return (
            self.for_listing(with_body=True)
            .select_related("created_by__author_profile")
            .prefetch_related(tags)
            .with_public_since()  # the entry's <updated>: Article.last_modified
        )

    def for_listing(self, *, with_body: bool = False):
        """Eager loading for article lists: the section, and the featured
        image with its renditions (one query for the whole list). The body,
        kilobytes a row that a card never shows, only `with_body` (search
        results cut their snippets from it)."""
        search = self.model.SEARCH_COLUMNS
        deferred = search if with_body else (*search, "body")
        return (
            self.select_related("section", "featured_image")
            .defer(*deferred)
            .prefetch_related(*LISTING_PREFETCH)
        )

    def for_headlines(self):
        """For a list of headlines without pictures ("More in this section",
        related stories, most read): the headline, what its address needs and
        the section, nothing else."""
        return self.select_related("section").only(
            "title", "slug", "language", "published_at", "created_at", "section"
        )

    def for_revision(self):
        """Eager loading for a revision recording many stories at once: the
        lists their versions hold (agencies, people, tags) in one query each."""
        return self.prefetch_related("agencies", "people", "tagged_items")

    def for_detail(self):
        """The article page's article in one query: its section, picture,
        meeting (series, host) and author's profile joined, and its tags,
        agencies, people (with their agencies), corrections and picture's
        renditions read with it as JSON (newsroom/related_rows.py), ready where
        prefetch_related() would have put them (`article.tags.all()`)."""
        lists = _detail_lists(self.model, self._content_type().pk)
        queryset = (
            self.select_related(
                "section",
                "featured_image",
                "meeting",
                "meeting__series",
                "meeting__host",
                # The byline's link to the author's page.
                "created_by__author_profile",
            )
            .defer(*self.model.SEARCH_COLUMNS)
            .annotate(**{rows.annotation: rows.sql_for(self) for rows in lists})
            .with_public_since()  # "Updated" and dateModified: was_updated
        )
        queryset._iterable_class = _DetailIterable
        return queryset

    def _tagged_item_model(self):
        return self.model.tags.through

    def _content_type(self):
        return ContentType.objects.get_for_model(self.model)  # cached

    def _agency_model(self):
        return self.model._meta.get_field("agencies").related_model

    def _person_model(self):
        return self.model._meta.get_field("people").related_model

    def _transition_model(self):
        return self.model.transitions.rel.related_model


# What the article page shows of the agencies and people in a story (links,
# names, positions; JSON-LD the same): no descriptions, no biographies.
DETAIL_AGENCY = ("acronym", "name", "name_en", "slug", "country")
DETAIL_PERSON = ("name", "slug", "position", "position_en", "agency_id")


@functools.cache
def _detail_lists(article_model, content_type_id: int) -> list[RelatedRows]:
    """What for_detail() reads with an article, as JSON (the same lists for
    every query, so each compiles its SQL once: RelatedRows.sql_for())."""
    field = article_model._meta.get_field
    tagged = field("tags").through._meta.get_field("tag")
    tags_rows = tagged.related_model.objects.filter(
        **{
            f"{tagged.related_query_name()}__content_type_id": content_type_id,
            f"{tagged.related_query_name()}__object_id": models.OuterRef("pk"),
        }
    )
    agency, person = field("agencies").related_model, field("people").related_model
    correction = field("corrections").related_model
    rendition = field("featured_image").related_model.renditions.rel.related_model
    mine = {"articles": models.OuterRef("pk")}
    return [
        RelatedRows("tags", tags_rows),
        RelatedRows(
            "agencies",
            agency.objects.filter(**mine),
            order=("acronym",),
            fields={"": DETAIL_AGENCY},
        ),
        RelatedRows(
            "people",
            person.objects.filter(**mine),
            with_related=("agency",),
            fields={"": DETAIL_PERSON, "agency": DETAIL_AGENCY},
        ),
        RelatedRows(
            "corrections",
            correction.objects.filter(article=models.OuterRef("pk")),
            fields={"": ("article_id", "kind", "text", "created_at")},
        ),
        RelatedRows(
            "renditions",
            rendition.objects.filter(image=models.OuterRef("featured_image")),
            on="featured_image",
        ),
    ]


class _DetailIterable(RelatedRowsIterable):
    """Articles with the lists for_detail() read as JSON put in place."""

    def related_rows(self):
        model = self.queryset.model
        return _detail_lists(model, ContentType.objects.get_for_model(model).pk)


def count_of(rows, cap: int | None = None) -> models.Func:
    """How many `rows` (a queryset) there are, as a scalar subquery, counted
    up to cap + 1 rows when `cap` is given (COUNT over the LIMITed ids: the
    rows past it are never read)."""
    ids = rows.order_by().values("pk")
    if cap is not None:
        ids = ids[: cap + 1]
    return models.Func(
        models.Subquery(ids),
        template="(SELECT COUNT(*) FROM %(expressions)s counted)",
        output_field=models.IntegerField(),
    )


def _count(rows) -> models.Subquery:
    """How many `rows` (a correlated queryset) there are: COUNT without a
    GROUP BY, so 0 for none."""
    counted = rows.order_by().annotate(n=models.Func("pk", function="COUNT"))
    return models.Subquery(counted.values("n"), output_field=models.IntegerField())


class CorrectionQuerySet(models.QuerySet):
    def latest_first(self):
        """Newest correction and update notes first."""
        return self.order_by("-created_at", "-id")

    def since(self, when):
        """Notes added at or after `when`."""
        return self.filter(created_at__gte=when)


# How many kept networks, or addresses within one, a search by address
# (CommentQuerySet.sent_from) may name.
SENT_FROM_AT_MOST = 256


class CommentQuerySet(models.QuerySet):
    def sent_from(self, network):
        """Comments sent from an address in `network` (an ipaddress network),
        found through the networks they keep (indexed: comment_net_idx).
        ValueError when that is more than SENT_FROM_AT_MOST networks (an
        IPv4 /15, an IPv6 /39 or wider) or addresses within one."""
        kept = NETWORK_PREFIX[network.version]
        if network.prefixlen <= kept:
            if 2 ** (kept - network.prefixlen) > SENT_FROM_AT_MOST:
                raise ValueError(f"{network}: too many networks to look through")
            within = network.subnets(new_prefix=kept)
            return self.filter(ip_network__in=[str(n) for n in within])
        if network.num_addresses > SENT_FROM_AT_MOST:
            raise ValueError(f"{network}: too many addresses to look through")
        return self.filter(
            ip_network=str(network.supernet(new_prefix=kept)),
            ip_address__in=[str(address) for address in network],
        )

    def visible(self):
        """Comments readers see: approved."""
        return self.filter(status=self.model.Status.APPROVED)

    def seen_by_readers(self):
        """Comments readers see or have seen: approved now, or once (their
        moderation log moved them to or from approved), such as one removed
        or hidden by reports since; never one readers never saw."""
        approved = self.model.Status.APPROVED
        log = self.model._meta.get_field("log").related_model
        once = log.objects.filter(comment=models.OuterRef("pk")).filter(
            models.Q(to_status=approved) | models.Q(from_status=approved)
        )
        return self.filter(models.Q(status=approved) | models.Exists(once))

    def on(self, article):
        """Comments on one article."""
        return self.filter(article=article)

    def top_level(self):
        """Comments that start a thread."""
        return self.filter(parent__isnull=True)

    def in_threads(self, root_ids):
        """Replies (at any depth) under the given top-level comments."""
        return self.filter(root_id__in=root_ids)

    def latest_first(self):
        """Newest comments first (the order threads are listed in)."""
        return self.order_by("-created_at", "-id")

    def newer_than(self, comment):
        """Comments listed before `comment` in latest-first order."""
        return self.filter(
            models.Q(created_at__gt=comment.created_at)
            | models.Q(created_at=comment.created_at, pk__gt=comment.pk)
        )

    def threads_on(self, article):
        """The threads under an article as its discussion lists them, newest
        first, COMMENTS_PER_PAGE to a page: public top-level comments, and
        those no longer shown that public replies answer (their place kept)."""
        answered = self.visible().on(article).exclude(root=None).values("root_id")
        return (
            self.on(article)
            .top_level()
            .filter(
                models.Q(status=self.model.Status.APPROVED) | models.Q(pk__in=answered)
            )
            .latest_first()
        )

    def page_of_threads(self, article, number: int, per_page: int):
        """Page `number` of the discussion under `article` in one query: its
        threads (threads_on()) and their public replies, unordered, each row
        with `threads_total`: how many threads the whole discussion has.

        With them, the comments no longer shown that have replies: a public
        reply is shown in its thread under the place of the comment it
        answers (a placeholder), never dropped. Those with no public reply
        below them are the caller's to leave out."""
        threads = self.threads_on(article)
        start = (number - 1) * per_page
        on_page = threads.values("pk")[start : start + per_page]
        answered = self.on(article).exclude(parent=None).values("parent_id")
        return (
            self.on(article)  # by the article's index: the OR alone scans every comment
            .filter(models.Q(pk__in=on_page) | models.Q(root_id__in=on_page))
            .filter(
                models.Q(status=self.model.Status.APPROVED) | models.Q(pk__in=answered)
            )
            .annotate(threads_total=_count(threads))
        )

    def thread_page(self, comment) -> int:
        """The page of its article's discussion that shows `comment`: the
        page of its thread (a reply is shown with the comment it belongs to)."""
        root = comment.root if comment.root_id else comment
        newer = self.threads_on(root.article_id).newer_than(root).count()
        return newer // settings.COMMENTS_PER_PAGE + 1

    def pending(self):
        """Comments waiting for a moderator."""
        return self.filter(status=self.model.Status.PENDING)

    def flagged(self):
        """Comments readers have reported that await a moderator: those still
        shown, and those their reports took off the site (back to pending)."""
        # Two arms, each one the queue's partial index (comment_queue_order_idx)
        # covers: PostgreSQL cannot prove it covers "status IN (...)".
        status = self.model.Status
        return self.filter(
            models.Q(status=status.APPROVED, flag_count__gt=0)
            | models.Q(status=status.PENDING, flag_count__gt=0)
        )

    def queue(self):
        """The moderation queue: pending first, then flagged, oldest first."""
        return (self.pending() | self.flagged()).in_queue_order()

    def in_queue_order(self):
        """The queue's order: waiting (pending) first, then oldest first."""
        return self.annotate(
            queue_order=models.Case(
                models.When(status=self.model.Status.PENDING, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("queue_order", "created_at", "id")

    def from_sender(self, *, email: str = "", network: str = ""):
        """Comments sent from this email address or this IP network."""
        condition = models.Q(pk__in=[])
        if email:
            condition |= models.Q(author_email__iexact=email)
        if network:
            condition |= models.Q(ip_network=network)
        return self.filter(condition)

    def copies_of(self, *, text: str, email: str, network: str, since):
        """Comments with this very text from this sender (email and network),
        posted since `since` and accepted (published or waiting): what a
        form sent again at once repeats. Latest first."""
        status = self.model.Status
        return (
            self.filter(
                ip_network=network,
                created_at__gte=since,
                text=text,
                status__in=[status.APPROVED, status.PENDING],
            )
            .from_sender(email=email)
            .latest_first()
        )

    def shaped_like(self, shape: str, since):
        """Comments of this text shape (Comment.shape) posted since `since`,
        latest first (indexed: comment_shape_idx)."""
        return (
            self.filter(shape=shape, created_at__gte=since)
            .exclude(shape="")  # the partial index's own condition
            .order_by("-created_at")
        )

    def holdable_for(self, code: str):
        """Readers' comments, published or waiting, that no moderator has
        approved and the reason `code` does not hold yet: those a reason
        found after they were posted (a wave) may still hold. A moderator's
        approval stands."""
        status = self.model.Status
        log = self.model._meta.get_field("log").related_model
        approved_by_moderator = log.objects.filter(
            comment=models.OuterRef("pk"),
            moderator__isnull=False,
            to_status=status.APPROVED,
        )
        return (
            self.filter(user=None, status__in=[status.APPROVED, status.PENDING])
            .exclude(reasons__code=code)
            .exclude(models.Exists(approved_by_moderator))
        )

    def for_display(self):
        """Eager loading for the public thread (staff badge needs the user)."""
        return self.select_related("user")

    def for_moderation(self):
        """Eager loading for the moderation queue: the article (without its
        body and search vectors, kilobytes a row that the queue never
        shows), the sender's account, the comment a reply answers (its
        author and first words) and the reasons."""
        article = self.model._meta.get_field("article").related_model
        unshown = ("body", *article.SEARCH_COLUMNS)
        return (
            self.select_related("article", "user", "parent")
            .defer(*(f"article__{name}" for name in unshown))
            .defer("parent__original_text", "parent__user_agent")
            .prefetch_related("reasons")
        )

    def with_last_change(self):
        """Each comment's `last_change`: the id of its latest moderation log
        entry (posted, edited, moved; 0 without one), which a moderator's
        page carries so that a change made since is noticed (ModerationLog
        ids only grow)."""
        log = self.model._meta.get_field("log").related_model
        latest = log.objects.filter(comment=models.OuterRef("pk")).order_by("-id")
        return self.annotate(
            last_change=Coalesce(
                models.Subquery(latest.values("id")[:1]), models.Value(0)
            )
        )


class ModerationLogQuerySet(models.QuerySet):
    def after(self, seen: dict[int, int]):
        """The entries made on each comment (id: entry) after the entry a
        moderator's page showed of it, oldest first."""
        shown_since = models.Q(pk__in=[])
        for comment_id, entry in seen.items():
            shown_since |= models.Q(comment_id=comment_id, pk__gt=entry)
        return self.filter(shown_since).select_related("moderator").order_by("id")

    def decisions(self):
        """Entries that decide what becomes of a comment, which a moderator's
        page shown before them did not know: moves to another status, and
        holds that kept its status (a wave's hold on a waiting comment, which
        an older list would otherwise have approved unseen). Not text edits."""
        held = self.model.Action.HELD_IN_WAVE
        return self.exclude(
            models.Q(from_status=models.F("to_status")) & ~models.Q(action=held)
        )


class ModerationWordQuerySet(models.QuerySet):
    def spelled(self, word: str, kind: str):
        """Words of the list `kind` that are `word`, whatever their case."""
        return self.filter(word__iexact=word.strip(), kind=kind)


class BanQuerySet(models.QuerySet):
    def active(self, now=None):
        """Bans in force: for good, or until a time still ahead."""
        now = now or timezone.now()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gt=now))
