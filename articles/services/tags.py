"""Writes with rules on tags: merging several into one (the tag admin's
action), adding one and changing one's name or slug (the tag admin's add and
change forms).
django-taggit's own merge checked no permission, left the merged tags behind
empty, their pages 404, and the stories' history silent; a slug changed in
the admin left the tag's old address, and its feeds, answering 404."""

from collections.abc import Iterable
from typing import NoReturn

import reversion
from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.admin.models import CHANGE as CHANGE_FLAG
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy
from taggit.models import Tag, TaggedItem

from newsroom.bilingual import language_in_sentence
from newsroom.cachetags import ARTICLES, SITE, bump
from newsroom.history import combine_messages, history_message

from ..models import Article, MergedTag, TagSlugHistory
from ..models.article import TAG_NAME_MAX
from ..search.index import update_search_vectors

# Merging changes the tags of stories and deletes the tags merged: editors.
MERGE = ("taggit.change_tag", "taggit.delete_tag")
# Renaming a tag changes what every story carrying it shows: editors.
CHANGE = "taggit.change_tag"
ADD = "taggit.add_tag"
# Said by the service and by the admin's form (a tag id no longer there).
SOME_GONE = gettext_lazy(
    "Some of these tags were merged or deleted meanwhile: nothing was changed."
)


def may_merge_tags(user) -> bool:
    return all(user.has_perm(permission) for permission in MERGE)


def may_change_tags(user) -> bool:
    return user.has_perm(CHANGE)


def may_add_tags(user) -> bool:
    return user.has_perm(ADD)


def tag_check(*, tag: Tag, name: str, slug: str) -> tuple[str, str]:
    """`name` and `slug` as `tag` would take them (the name's spaces
    collapsed, the slug in lower case, as its address is read), checked
    against the other tags; raises ValidationError by field ("name",
    "slug") when another tag has the name, case aside (taggit would find
    either of the two), or the slug, or had the slug (TagSlugHistory: its
    old address leads to it, and a live slug would take that over)."""
    name = " ".join(name.split())
    slug = slug.strip().lower()
    others = Tag.objects.exclude(pk=tag.pk) if tag.pk else Tag.objects.all()
    errors: dict[str, ValidationError] = {}
    if name and (named := others.filter(name__iexact=name).first()):
        errors["name"] = ValidationError(
            _(
                "The tag “%(tag)s” has this name already: choose another name, "
                "or merge the two tags."
            )
            % {"tag": named.name},
            code="name_taken",
        )
    if slug:
        errors.update(_slug_refusal(tag, slug, others))
    if errors:
        raise ValidationError(errors)
    return name, slug


def _slug_refusal(tag: Tag, slug: str, others) -> dict[str, ValidationError]:
    try:
        validate_slug(slug)  # ASCII: what the tag page's address can route
    except ValidationError as error:
        return {"slug": error}
    if holder := others.filter(slug=slug).first():
        return {
            "slug": ValidationError(
                _(
                    "The tag “%(tag)s” is at /tags/%(slug)s/ already: choose another "
                    "slug, or merge the two tags."
                )
                % {"tag": holder.name, "slug": slug},
                code="slug_taken",
            )
        }
    old = TagSlugHistory.objects.filter(slug=slug).select_related("owner")
    if tag.pk:
        old = old.exclude(owner=tag)
    if moved := old.first():
        return {
            "slug": ValidationError(
                _(
                    "/tags/%(slug)s/ is an old address of the tag “%(tag)s” and "
                    "leads to its page: choose another slug."
                )
                % {"tag": moved.owner.name, "slug": slug},
                code="slug_was_taken",
            )
        }
    return {}


def tag_add(*, tag: Tag, user) -> Tag:
    """Save `tag`, a new tag (the tag admin's add form), after tag_check():
    a name or slug another tag has, or a slug another had, is refused. An
    empty slug is made from the name when saved (newsroom.tags.tag_slug,
    "-2", "-3"… while taken). Who may add tags only. The pages showing tags
    are made stale by the tag's save (newsroom.pagecache); no story carries
    it yet, so no search vector changes. Returns the tag. Raises
    tag_check()'s ValidationError, also when another tag takes the name or
    slug while this one is being saved; nothing is saved then."""
    if not may_add_tags(user):
        raise PermissionDenied(_("You may not add tags."))
    with transaction.atomic():
        tag.name, tag.slug = tag_check(tag=tag, name=tag.name, slug=tag.slug)
        # Unique name and slug: tag_check's, in its words; an empty slug is
        # Tag.save()'s to make.
        typed_slug = tag.slug
        tag.full_clean(exclude=[] if typed_slug else ["slug"], validate_unique=False)
        try:
            with transaction.atomic():
                tag.save()
        except IntegrityError:
            tag.slug = typed_slug  # not the one Tag.save() made and tried
            _taken_meanwhile(tag)
    return tag


def _taken_meanwhile(tag: Tag) -> NoReturn:
    """Another tag took `tag`'s name or slug between the check and its save
    (its transaction saved first): said as the check says it, which now
    sees that tag; always raises ValidationError."""
    tag_check(tag=tag, name=tag.name, slug=tag.slug)
    raise ValidationError(
        _("Another tag took this name or slug meanwhile: choose another.")
    ) from None


def tag_change(*, tag: Tag, user) -> Tag:
    """Save `tag`, an existing tag with its name or slug changed (the tag
    admin's change form). Editors only (who may change tags). In one
    transaction, after tag_check(): a slug it leaves becomes an old address
    of it, so its pages and feeds in both editions redirect (301) to the
    new ones, and one it takes back is no longer an old address (no loop);
    on a new name the search vectors of the stories carrying it are
    recomputed and a revision of each says so. The tag's admin history
    says what changed, and the pages showing tags or stories are made
    stale. Returns the tag; a change of nothing writes nothing. Raises
    tag_check()'s ValidationError, also when another tag takes the name or
    slug while this one is being saved."""
    if not may_change_tags(user):
        raise PermissionDenied(_("You may not change tags."))
    with transaction.atomic():
        before = Tag.objects.select_for_update().filter(pk=tag.pk).first()
        if before is None:
            raise ValidationError(
                _("This tag was merged or deleted meanwhile: nothing was changed.")
            )
        tag.name, tag.slug = tag_check(tag=tag, name=tag.name, slug=tag.slug)
        # Unique name and slug: tag_check's, in its words (the database's
        # constraints catch a tag taking either meanwhile, below).
        tag.full_clean(validate_unique=False)
        renamed, moved = tag.name != before.name, tag.slug != before.slug
        if not (renamed or moved):
            return tag
        try:
            with transaction.atomic():
                tag.save(update_fields=["name", "slug"])
        except IntegrityError:
            _taken_meanwhile(tag)
        if moved:
            TagSlugHistory.objects.filter(slug=tag.slug).delete()
            TagSlugHistory.objects.update_or_create(
                slug=before.slug, defaults={"owner": tag, "changed_at": timezone.now()}
            )
        said = _tag_changed_message(before, tag, renamed=renamed, moved=moved)
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[tag],
            action_flag=CHANGE_FLAG,
            change_message=combine_messages(said),  # read by revision_comment()
            single_object=True,
        )
        if renamed:
            article_type = ContentType.objects.get_for_model(Article)
            article_ids = list(
                TaggedItem.objects.filter(tag=tag, content_type=article_type)
                .order_by("object_id")
                .values_list("object_id", flat=True)
            )
            update_search_vectors(article_ids)
            if article_ids:
                with reversion.create_revision():
                    for article in Article.objects.filter(pk__in=article_ids):
                        reversion.add_to_revision(article)
                    reversion.set_user(user)
                    reversion.set_comment(combine_messages(said))
        # Story pages and lists show the tag's name and link to its address.
        bump(ARTICLES, SITE)
    return tag


def _tag_changed_message(before: Tag, tag: Tag, *, renamed: bool, moved: bool) -> list:
    said = []
    if renamed:
        said += history_message(
            gettext_noop("Renamed the tag “%(old)s” to “%(new)s”."),
            old=before.name,
            new=tag.name,
        )
    if moved:
        said += history_message(
            gettext_noop("Moved the tag's page from /tags/%(old)s/ to /tags/%(new)s/."),
            old=before.slug,
            new=tag.slug,
        )
    return said


def tags_with_story_counts(tag_ids: Iterable[int]) -> list[Tag]:
    """The tags `tag_ids` by name, each with `stories`: how many stories
    (any status) carry it, `published`: how many of them are public,
    `editions`: [(language's name, its stories)] in Article.Language's
    order, and `edition_only`: the language code of the stories carrying
    it when they are all of one edition, else "". One query."""
    article_type = ContentType.objects.get_for_model(Article)
    items = TaggedItem.objects.filter(
        tag=models.OuterRef("pk"), content_type=article_type
    )

    def count(taggings):
        return models.functions.Coalesce(
            models.Subquery(
                taggings.order_by()
                .values("tag")
                .annotate(n=models.Count("pk"))
                .values("n")[:1],
                output_field=models.IntegerField(),
            ),
            0,
        )

    def of(articles):
        return items.filter(
            models.Exists(articles.filter(pk=models.OuterRef("object_id")))
        )

    codes = list(Article.Language.values)
    tags = list(
        Tag.objects.filter(pk__in=list(tag_ids))
        .annotate(
            stories=count(items),
            published=count(of(Article.objects.published())),
            **{
                f"stories_{code}": count(of(Article.objects.filter(language=code)))
                for code in codes
            },
        )
        .order_by("name", "pk")
    )
    for tag in tags:
        counts = [(code, getattr(tag, f"stories_{code}")) for code in codes]
        tag.editions = [(language_in_sentence(code), n) for code, n in counts]
        carried = [code for code, n in counts if n]
        tag.edition_only = carried[0] if len(carried) == 1 else ""
    return tags


def editions_apart(tags: Iterable[Tag]) -> dict[str, list[Tag]]:
    """For tags of tags_with_story_counts(): {language code: the tags only
    that edition's stories carry} when two editions each have such a tag
    (the two editions' names for one subject, likely), else {}."""
    apart: dict[str, list[Tag]] = {}
    for tag in tags:
        if tag.edition_only:
            apart.setdefault(tag.edition_only, []).append(tag)
    return apart if len(apart) > 1 else {}


def across_editions_error(apart: dict[str, list[Tag]]) -> ValidationError:
    """What editions_apart() found, said to the editor."""
    first, second = (code for code in Article.Language.values if code in apart)
    first_tags, second_tags = apart[first], apart[second]

    def names(tags):
        return ", ".join(f"“{tag.name}”" for tag in tags)

    return ValidationError(
        _(
            "Only %(first_language)s stories carry %(first)s, only "
            "%(second_language)s stories %(second)s: they are the two editions' "
            "names for one subject, and merging them would file one edition's "
            "stories, and their translations after them, under the other "
            "edition's tag. Keep both, or tick “Merge across editions anyway”."
        )
        % {
            "first_language": language_in_sentence(first),
            "first": names(first_tags),
            "second_language": language_in_sentence(second),
            "second": names(second_tags),
        },
        code="across_editions",
    )


def tags_merged_from(slugs: Iterable[str]) -> dict[Tag, list[str]]:
    """{tag: the slugs among `slugs` of tags merged into it} (TagSlugHistory:
    where tags no longer there went). One query."""
    went: dict[Tag, list[str]] = {}
    moved = TagSlugHistory.objects.filter(slug__in=list(slugs))
    for old in moved.select_related("owner").order_by("slug"):
        went.setdefault(old.owner, []).append(old.slug)
    return went


def tag_merge(
    *, tags: Iterable[Tag], into: str, user, across_editions: bool = False
) -> Tag:
    """Merge `tags` into the tag named `into` (an existing one, case aside,
    or a new one) and delete them; returns the tag kept. Editors only (who
    may change and delete tags). In one transaction: every story carrying
    one of them carries the kept tag instead (once), the merged tags' slugs
    (and their own old ones) become old addresses of the kept tag, so their
    pages and feeds redirect (301) there; the stories' search vectors are
    recomputed, a revision records each story's tags as now, and the tags'
    admin history the merge. Pages showing tags or stories are made stale.
    Raises ValidationError when `into` is empty or too long, no tag other
    than the kept one is given, a tag was merged or deleted meanwhile
    (the same form sent twice), or, unless `across_editions`, the tags
    (the kept one too) include one only Indonesian stories carry and one
    only English stories carry (editions_apart(): the editions' two names
    for a subject, which translations keep apart; code "across_editions")."""
    if not may_merge_tags(user):
        raise PermissionDenied(_("You may not merge tags."))
    name = " ".join(into.split())
    if not name:
        raise ValidationError(_("Type the name of the tag to merge them into."))
    if len(name) > TAG_NAME_MAX:
        raise ValidationError(
            _("A tag's name is at most %(max)d characters.") % {"max": TAG_NAME_MAX}
        )
    ids = sorted({tag.pk for tag in tags})
    if not ids:
        raise ValidationError(_("Select the tags to merge."))
    with transaction.atomic():
        sources = list(Tag.objects.select_for_update().filter(pk__in=ids))
        if len(sources) != len(ids):
            raise ValidationError(SOME_GONE)
        kept = Tag.objects.select_for_update().filter(name__iexact=name).first()
        created = kept is None
        if created:
            kept = Tag(name=name)
            kept.full_clean(exclude=["slug"])
            kept.save()  # its slug from its name (newsroom.tags.tag_slug)
        sources = sorted(
            (tag for tag in sources if tag.pk != kept.pk), key=lambda t: t.name
        )
        if not sources:
            raise ValidationError(
                _("Select at least one tag besides “%(tag)s” to merge into it.")
                % {"tag": kept.name}
            )
        if not across_editions:
            counted = tags_with_story_counts([*ids, kept.pk])
            if apart := editions_apart(counted):
                raise across_editions_error(apart)
        article_ids = _move_taggings(sources, kept)
        _keep_addresses(sources, kept)
        update_search_vectors(article_ids)
        said = history_message(
            ngettext_lazy(
                "Merged the tag %(tags)s into “%(kept)s”.",
                "Merged the tags %(tags)s into “%(kept)s”.",
                "count",
            ),
            tags=", ".join(f"“{tag.name}”" for tag in sources),
            kept=kept.name,
            count=len(sources),
        )
        _log(user, sources, kept, created, combine_messages(said))
        if article_ids:
            with reversion.create_revision():
                for article in Article.objects.filter(pk__in=article_ids):
                    reversion.add_to_revision(article)  # with its tags as now
                reversion.set_user(user)
                reversion.set_comment(combine_messages(said))
        # The moves are UPDATEs, which send no signal (pagecache/invalidation.py).
        bump(ARTICLES, SITE)
    return kept


def _move_taggings(sources: list[Tag], kept: Tag) -> list[int]:
    """The taggings of `sources` made `kept`'s, one per object (an object
    carrying `kept` already, or two of the sources, keeps one); returns the
    ids of the stories that carried a source tag."""
    article_type = ContentType.objects.get_for_model(Article)
    items = TaggedItem.objects.filter(tag__in=sources)
    article_ids = sorted(
        set(items.filter(content_type=article_type).values_list("object_id", flat=True))
    )
    same_object = {
        "content_type": models.OuterRef("content_type"),
        "object_id": models.OuterRef("object_id"),
    }
    items.filter(
        models.Exists(TaggedItem.objects.filter(tag=kept, **same_object))
        | models.Exists(
            TaggedItem.objects.filter(
                tag__in=sources, pk__lt=models.OuterRef("pk"), **same_object
            )
        )
    ).delete()
    items.update(tag=kept)
    return article_ids


def _keep_addresses(sources: list[Tag], kept: Tag) -> None:
    """The sources' slugs, and theirs before, lead to `kept`; `kept`'s own
    slug is nobody's old address (a live slug wins); the sources are
    recorded as merged into `kept` (MergedTag), then deleted."""
    TagSlugHistory.objects.filter(owner__in=sources).update(owner=kept)
    TagSlugHistory.objects.filter(slug=kept.slug).delete()
    # Old revisions of the stories (their tagged items) read and restore as
    # `kept`, and so do those naming tags merged into the sources before.
    MergedTag.objects.filter(into__in=sources).update(into=kept)
    for tag in sources:
        MergedTag.objects.update_or_create(
            former_id=tag.pk, defaults={"name": tag.name, "into": kept}
        )
    slugs = [tag.slug for tag in sources]
    Tag.objects.filter(pk__in=[tag.pk for tag in sources]).delete()
    now = timezone.now()
    for slug in slugs:
        TagSlugHistory.objects.update_or_create(
            slug=slug, defaults={"owner": kept, "changed_at": now}
        )


def _log(user, sources: list[Tag], kept: Tag, created: bool, comment: str) -> None:
    """The tags' admin history: the kept tag added or changed, each merged
    one deleted, each entry saying why (`comment` stored by combine_messages(),
    read by revision_comment())."""
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[kept],
        action_flag=ADDITION if created else CHANGE_FLAG,
        change_message=comment,
        single_object=True,
    )
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=sources, action_flag=DELETION, change_message=comment
    )
