from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article


class IntakeRecordQuerySet(models.QuerySet):
    # Here rather than in articles/querysets.py: only the intake reads it.

    def with_text(self, sha256: str):
        """The import of the text whose normalised form has this SHA-256."""
        return self.filter(sha256=sha256)

    def made(self, article):
        """The import that made `article` (its draft), with who imported it."""
        return self.filter(article=article).select_related("created_by")

    def visible_to(self, user):
        """Imports a user may list: editors all, reporters their own."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(created_by=user)

    def for_listing(self):
        """Eager loading for the list of imports."""
        return self.select_related("article", "created_by")


class IntakeRecord(models.Model):
    """One file of wire copy that became a draft (articles.intake).

    Only imports that created a draft are kept, one per text: a duplicate
    creates nothing new and a refused file leaves nothing behind. The
    statuses are those of an import's result (ImportResult), shared here.
    """

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        DUPLICATE = "duplicate", _("Duplicate")
        REFUSED = "refused", _("Refused")

    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(
        _("SHA-256 of the text"),
        max_length=64,
        unique=True,
        help_text=_(
            "Of the text as read (line ends and outer blank lines made uniform): "
            "the same text imported again is a duplicate."
        ),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_records",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.CREATED
    )
    report = models.JSONField(
        _("report"),
        default=dict,
        blank=True,
        help_text=_("What was read and recognised in the file."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), default=timezone.now)

    objects = IntakeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire copy import")
        verbose_name_plural = _("wire copy imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("admin:articles_intakerecord_change", args=[self.pk])


class CopyFingerprintQuerySet(models.QuerySet):
    def of_copy(self, sha256: str):
        """The fingerprints of the copy whose cleaned-up body has this SHA-256."""
        return self.filter(sha256=sha256)


class CopyFingerprint(models.Model):
    """Wire copy a story holds as it came in: the SHA-256 of the copy's
    cleaned-up body (articles.intake.services.body_sha256), kept when the
    story is made from an import or found holding the copy, so that the same
    copy is recognised however the story has been edited since. Derived
    data, written only by articles.intake.services."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="copy_fingerprints",
    )
    sha256 = models.CharField(_("SHA-256 of the copy's body"), max_length=64)
    created_at = models.DateTimeField(_("kept at"), default=timezone.now)

    objects = CopyFingerprintQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire copy fingerprint")
        verbose_name_plural = _("wire copy fingerprints")
        constraints = [
            models.UniqueConstraint(
                fields=["sha256", "article"], name="copy_fingerprint_once"
            )
        ]

    def __str__(self) -> str:
        return self.sha256

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()


class CopyShingleQuerySet(models.QuerySet):
    def sharing(self, sketch: list[int]):
        """The values of kept sketches that are among `sketch`'s (found by
        the index on value, not by reading every sketch)."""
        return self.filter(value__in=sketch)


class CopyShingle(models.Model):
    """One value of the sketch of a fingerprinted copy
    (articles.intake.similarity.copy_sketch): nearly the same copy imported
    or pasted later shares most of them, and is found by them through an
    index. Derived data, written only by articles.intake.services."""

    fingerprint = models.ForeignKey(
        CopyFingerprint,
        verbose_name=_("wire copy fingerprint"),
        on_delete=models.CASCADE,
        related_name="shingles",
    )
    value = models.BigIntegerField(_("value"), db_index=True)

    objects = CopyShingleQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire copy sketch value")
        verbose_name_plural = _("wire copy sketch values")
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint", "value"], name="copy_shingle_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.value)

    def get_absolute_url(self) -> str:
        return self.fingerprint.get_absolute_url()
