"""Writes with rules on authors' profiles: saving one, and what its name
decides (which of its writer's stories credit them)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from newsroom.text import slug_of

from ..models import Article, AuthorProfile
from ..models.article import byline_credits_writer
from ..permissions import can_edit_profile, can_manage_authors

# What only an editor may change on a profile: whose it is, its address,
# whether it is on the site, and the role the newsroom gives (a reporter had
# titled themselves "Pemimpin Redaksi", live at once).
EDITORS_ONLY = ("user", "slug", "is_public", "role", "role_en")


def author_name_check(*, name: str, profile: AuthorProfile) -> None:
    """Refuse a name another author profile has, case and accents aside
    ("sari wulandari", "Sári Wulandari"): two public author pages, bylines
    and JSON-LD would name the same person. The admin's form and the save
    both call it."""
    key = _name_key(name)
    others = AuthorProfile.objects.exclude(pk=profile.pk).values_list("name", flat=True)
    if key and any(_name_key(other) == key for other in others):
        raise ValidationError(
            {"name": _("Another author profile has this name. Choose another one.")}
        )


def _name_key(name: str) -> str:
    # slug_of() leaves nothing of a name with no Latin letter: then its case.
    return slug_of(name) or " ".join(name.casefold().split())


def author_profile_save(*, profile: AuthorProfile, user) -> AuthorProfile:
    """Save an author profile, new or changed, as `user` (an editor: any
    profile; other staff: their own, without its EDITORS_ONLY fields), and
    keep which of its writer's stories credit them
    (Article.byline_names_writer) when that may change: a new profile, a new
    name, or the profile moved to another staff account (the former
    account's stories too). A name another profile has is refused
    (author_name_check)."""
    new = profile.pk is None
    editor = can_manage_authors(user)
    if not (editor if new else can_edit_profile(user, profile)):
        raise PermissionDenied(_("You may not change this author profile."))
    with transaction.atomic():
        saved = (
            None
            if new
            else AuthorProfile.objects.select_for_update().filter(pk=profile.pk).first()
        )
        before = None if saved is None else (saved.user_id, saved.name)
        if saved is not None and not editor:
            changed = [
                name
                for name in EDITORS_ONLY
                if _value(saved, name) != _value(profile, name)
            ]
            if changed:
                raise PermissionDenied(
                    _(
                        "Only an editor may change a profile's account, address, "
                        "visibility or role."
                    )
                )
        profile.full_clean()
        author_name_check(name=profile.name, profile=profile)
        profile.save()
        if before != (profile.user_id, profile.name):
            writers = {profile.user_id, *([before[0]] if before else [])}
            for writer in sorted(writers):
                writer_bylines_refresh(writer=writer)
    return profile


def _value(profile: AuthorProfile, name: str):
    return getattr(profile, AuthorProfile._meta.get_field(name).attname)


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
