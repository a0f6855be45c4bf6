"""What each write makes stale: one home for the page cache's rules.

Every save and delete of a model that public pages show bumps the tags of
the pages showing it (newsroom/cachetags.py), after the transaction commits.
Signals rather than calls in each service: the admin, the services, the
intake and the demo loader all write these models, and a write path that
forgot its call would leave readers a stale page. The services' few bulk
updates (which send no signal) bump explicitly where they happen.

Writes that change nothing a reader sees (drafts, autosaves, the desk's
notifications, flags below the threshold) bump nothing.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from newsroom.cachetags import (
    ARTICLES,
    REGISTRY,
    SITE,
    bump,
    comments_tag,
    tag_of,
)

UID = "newsroom.pagecache"


def connect() -> None:
    from taggit.models import Tag, TaggedItem

    from agencies.models import (
        Agency,
        AgencyAlias,
        Meeting,
        MeetingAttendance,
        MeetingParticipant,
        MeetingSeries,
        MeetingSession,
        Person,
    )
    from articles.models import (
        Article,
        AuthorProfile,
        Comment,
        Correction,
        HomePin,
        Section,
    )
    from newsroom.media.models import Image, Rendition

    pre_save.connect(_remember_status, sender=Article, dispatch_uid=UID)
    _on_write(Article, _article_changed)
    for through in (Article.agencies.through, Article.people.through):
        m2m_changed.connect(_article_links_changed, sender=through, dispatch_uid=UID)
    _on_write(TaggedItem, _tagged_item_changed)
    _on_write(Correction, lambda correction: bump(ARTICLES))
    _on_write(Comment, _comment_changed)
    for model in (Section, HomePin, AuthorProfile, Tag):
        _on_write(model, lambda obj: bump(SITE))
    for model in (Agency, Person, Meeting):
        _on_write(model, lambda obj: bump(tag_of(obj), REGISTRY))
    # A series' name is on its meetings' stories too.
    _on_write(MeetingSeries, lambda series: bump(REGISTRY, ARTICLES))
    _on_write(AgencyAlias, lambda alias: bump(f"agencies.agency:{alias.agency_id}"))
    for model in (MeetingSession, MeetingParticipant, MeetingAttendance):
        _on_write(
            model, lambda part: bump(f"agencies.meeting:{part.meeting_id}", REGISTRY)
        )
    # Pictures on story pages and cards, portraits on author pages.
    for model in (Image, Rendition):
        _on_write(model, lambda obj: bump(ARTICLES, SITE))


def _on_write(model, bumps) -> None:
    def receiver(sender, instance, **kwargs):
        bumps(instance)

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=UID)
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=UID)


def _remember_status(sender, instance, raw=False, **kwargs):
    """Whether the story was public before this save (an unpublished or
    rescheduled one leaves the pages that showed it)."""
    if raw or instance.pk is None:
        instance._was_published = False
        return
    was = sender.objects.filter(pk=instance.pk).values_list("status", flat=True)
    instance._was_published = was.first() == sender.Status.PUBLISHED


def _is_public(article) -> bool:
    return article.status == type(article).Status.PUBLISHED or getattr(
        article, "_was_published", False
    )


def _article_changed(article) -> None:
    if _is_public(article):
        bump(ARTICLES, comments_tag(article.pk))


def _article_links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and getattr(instance, "status", None) is not None:
        if instance.status == type(instance).Status.PUBLISHED:
            bump(ARTICLES)


def _tagged_item_changed(item) -> None:
    """A tag added to or taken from a published story."""
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article

    model = ContentType.objects.get_for_id(item.content_type_id).model_class()
    if model is not None and issubclass(model, Article):
        if Article.objects.published().filter(pk=item.object_id).exists():
            bump(ARTICLES)


def _comment_changed(comment) -> None:
    """The discussion changed; the counts on cards change only with the
    approved ones, which the moderation service recounts (and bumps)."""
    bump(comments_tag(comment.article_id))
