"""A deleted agency, person or meeting recovered links its stories again.

Deleting one takes its stories' links with it (the delete page lists those
stories first). As it goes, `record_links_at_delete` keeps which stories
were linked (LinksAtDelete); when History's *Recover* brings it back,
`relink_recovered` links those stories again, in the recovery's revision:

- a story deleted since is left out, and so is one linked again already
  (an editor ticked the agency once more), or, for a meeting, one given
  another meeting since: the editor's later choice stands;
- each story linked again is saved with the recovery (its version counter
  moves on, so an editor with it open is told of the change by the edit
  lock instead of saving the link away), found again by the recovered
  names in search, and shown with the link on its public pages at once;
- the recovery's revision and message name the stories ("Linked “BNPT”
  again to the 2 stories it was linked to when it was deleted: …"); the
  recover page says so before saving.

Connected in ArticlesConfig.ready(): agencies know nothing of articles.
"""

import reversion
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext_noop, ngettext_lazy

from agencies.models import Agency, Meeting, Person
from newsroom.cachetags import ARTICLES, bump
from newsroom.history import combine_messages, history_message

from ..models import Article, LinksAtDelete
from ..search.index import update_search_vectors

# How many stories a message names; the rest are counted.
NAMED = 5

RELINKED = ngettext_lazy(
    "Linked “%(name)s” again to %(count)d story it was linked to when it was "
    "deleted: %(titles)s.",
    "Linked “%(name)s” again to the %(count)d stories it was linked to when "
    "it was deleted: %(titles)s.",
    "count",
)
# More stories than NAMED (count > NAMED: the plural's words alone).
RELINKED_MORE = gettext_noop(
    "Linked “%(name)s” again to the %(count)d stories it was linked to when "
    "it was deleted: %(titles)s and %(more)d more."
)
TO_RELINK_MORE = gettext_noop(
    "Saving links it again to the %(count)d stories it was linked to when it "
    "was deleted: %(titles)s and %(more)d more."
)
UNLINKED = gettext_noop("Links to “%(name)s” removed: it was deleted.")
TO_RELINK = ngettext_lazy(
    "Saving links it again to %(count)d story it was linked to when it was "
    "deleted: %(titles)s.",
    "Saving links it again to the %(count)d stories it was linked to when "
    "it was deleted: %(titles)s.",
    "count",
)


def record_links_at_delete(sender, instance, **kwargs) -> None:
    """`pre_delete` of an agency, a person or a meeting: keep which stories
    link it, before the delete takes the links."""
    article_ids = sorted(_linking(instance).values_list("pk", flat=True))
    instance._linked_story_ids = article_ids  # for record_unlinked
    if article_ids:
        LinksAtDelete.objects.create(
            kind=instance._meta.label_lower,
            object_id=instance.pk,
            article_ids=article_ids,
        )


def record_unlinked(sender, instance, **kwargs) -> None:
    """`post_delete` of an agency, a person or a meeting: the stories that
    linked it are kept in a revision as they are now, without it, their
    versions moved on. An editor who opens one afterwards starts from that
    revision, so a recovery's link is their colleague's change, which the
    edit lock's Combine keeps (without it, the form's lack of the link read
    as the editor's own removal, and Combine took the link away again);
    one who had it open before is told by the edit lock. Joins the revision
    of the delete when there is one (its user: the delete pages and the
    agency service open it)."""
    article_ids = getattr(instance, "_linked_story_ids", None)
    if not article_ids:
        return
    Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)
    with reversion.create_revision():
        for story in Article.objects.filter(pk__in=article_ids).for_revision():
            reversion.add_to_revision(story)
        reversion.set_comment(
            combine_messages(
                reversion.get_comment(),
                history_message(UNLINKED, name=str(instance)),
            )
        )


def relink_recovered(sender, *, instance, user, save: bool, **kwargs) -> list:
    """`object_recovered` of an agency, a person or a meeting: link again
    the stories it was linked to when it was deleted (`save`), or say that
    saving will; [] when there is none to link."""
    kept = LinksAtDelete.objects.filter(
        kind=instance._meta.label_lower, object_id=instance.pk
    )
    latest = kept.order_by("-deleted_at", "-pk").first()
    if latest is None:
        return []
    stories = list(
        _unlinked(instance, Article.objects.filter(pk__in=latest.article_ids))
        .order_by("pk")
        .only("pk", "title")
    )
    if save:
        with transaction.atomic():
            _link(instance, stories)
            kept.delete()
    if not stories:
        return []
    titles = "; ".join(story.title for story in stories[:NAMED])
    more = len(stories) - NAMED
    if more > 0:
        return history_message(
            RELINKED_MORE if save else TO_RELINK_MORE,
            name=str(instance),
            count=len(stories),
            titles=titles,
            more=more,
        )
    return history_message(
        RELINKED if save else TO_RELINK,
        name=str(instance),
        count=len(stories),
        titles=titles,
    )


def _linking(obj) -> QuerySet:
    """The stories linked to `obj` now."""
    if isinstance(obj, Agency):
        return Article.objects.filter(agencies=obj)
    if isinstance(obj, Person):
        return Article.objects.filter(people=obj)
    return Article.objects.filter(meeting=obj)


def _unlinked(obj, stories: QuerySet) -> QuerySet:
    """Of `stories`, those that linking `obj` again would change: not linked
    to it now and, for a meeting, given no other meeting since."""
    stories = stories.exclude(pk__in=_linking(obj).values("pk"))
    if isinstance(obj, Meeting):
        stories = stories.filter(meeting__isnull=True)
    return stories


def _link(obj, stories: list[Article]) -> None:
    """Link `stories` to `obj` again, each story's version moved on, its
    search vectors and the pages showing it brought up to date, and each
    added to the revision being saved (bulk writes send no signal: the page
    cache is told here)."""
    if not stories:
        return
    ids = [story.pk for story in stories]
    if isinstance(obj, Meeting):
        Article.objects.filter(pk__in=ids).update(meeting=obj)
    else:
        field = Article.agencies if isinstance(obj, Agency) else Article.people
        through = field.through
        name = field.field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(article_id=pk, **{f"{name}_id": obj.pk}) for pk in ids],
            ignore_conflicts=True,
        )
    Article.objects.filter(pk__in=ids).update(version=F("version") + 1)
    update_search_vectors(ids)
    for story in Article.objects.filter(pk__in=ids).for_revision():
        reversion.add_to_revision(story)
    bump(ARTICLES)
