"""What a story was linked to when that went: an agency, a person or a
meeting deleted takes its stories' links with it (the delete page lists
them), and recovering it links them again (articles/services/relink.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LinksAtDelete(models.Model):
    """The stories linked to one deleted agency, person or meeting as it was
    deleted: its model's label and primary key (it is gone, so no foreign
    key), and the stories' ids. Written by the delete, read and removed by
    the recovery."""

    kind = models.CharField(_("kind"), max_length=100)  # "agencies.agency"
    object_id = models.PositiveBigIntegerField(_("object id"))
    article_ids = models.JSONField(_("stories"), default=list)
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)

    class Meta:
        verbose_name = _("links at a delete")
        verbose_name_plural = _("links at deletes")
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
