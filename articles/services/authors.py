"""Writes with rules on authors' profiles: saving one, and what its name
decides (which of its writer's stories credit them)."""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import Article, AuthorProfile
from ..models.article import byline_credits_writer
from ..permissions import can_edit_profile, can_manage_authors


def author_profile_save(*, profile: AuthorProfile, user) -> AuthorProfile:
    """Save an author profile, new or changed, as `user` (an editor: any
    profile; other staff: their own), and keep which of its writer's stories
    credit them (Article.byline_names_writer) when that may change: a new
    profile, a new name, or the profile moved to another staff account (the
    former account's stories too)."""
    new = profile.pk is None
    if not (can_manage_authors(user) if new else can_edit_profile(user, profile)):
        raise PermissionDenied(_("You may not change this author profile."))
    with transaction.atomic():
        before = (
            None
            if new
            else AuthorProfile.objects.select_for_update()
            .filter(pk=profile.pk)
            .values_list("user_id", "name")
            .first()
        )
        profile.full_clean()
        profile.save()
        if before != (profile.user_id, profile.name):
            writers = {profile.user_id, *([before[0]] if before else [])}
            for writer in sorted(writers):
                writer_bylines_refresh(writer=writer)
    return profile


def writer_bylines_refresh(*, writer) -> None:
    """Article.byline_names_writer of every story `writer` (a user or its
    id) wrote, as each byline and the writer's author profile (if any) make
    it (byline_credits_writer()): one UPDATE, the rule applied to each
    distinct byline."""
    name = (
        AuthorProfile.objects.filter(user=writer).values_list("name", flat=True).first()
    )
    stories = Article.objects.by_author(writer)
    bylines = stories.order_by().values_list("byline", flat=True).distinct()
    crediting = [byline for byline in bylines if byline_credits_writer(byline, name)]
    stories.update(
        byline_names_writer=models.Case(
            models.When(byline__in=crediting, then=models.Value(True)),
            default=models.Value(False),
        )
    )
