"""The old addresses of tags merged into another (articles/services/tags.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from agencies.models import FormerSlug, MergedAway


class TagSlugHistory(FormerSlug):
    """The slug of a tag merged into `owner`: its page and feeds redirect
    (301) to the owner's (articles/views/articles.py tag_detail)."""

    owner = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("tag")
    )


class MergedTag(MergedAway):
    """A tag merged into `into` (articles/services/tags.py tag_merge)."""

    into = models.ForeignKey(
        Tag,
        on_delete=models.CASCADE,
        related_name="merged_away",
        verbose_name=_("merged into"),
    )

    class Meta:
        verbose_name = _("merged tag")
        verbose_name_plural = _("merged tags")
