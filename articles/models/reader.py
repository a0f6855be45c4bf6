"""What the reader's pages are arranged by: the desk's pins on the home page,
the stories' daily reads, and the staff authors' public profiles."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.bilingual import Bilingual
from newsroom.media.models import Image


class HomePin(models.Model):
    """A story the desk puts at the top of its edition's home page: the lead
    (slot 0) or one of the second tier (slots 1–4), until an expiry time."""

    class Slot(models.IntegerChoices):
        LEAD = 0, _("Lead")
        SECOND_1 = 1, _("Second tier, 1st")
        SECOND_2 = 2, _("Second tier, 2nd")
        SECOND_3 = 3, _("Second tier, 3rd")
        SECOND_4 = 4, _("Second tier, 4th")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="home_pins",
        # The admin's autocomplete offers what can be pinned (the service
        # also refuses anything else).
        limit_choices_to={"status": "published"},
    )
    slot = models.PositiveSmallIntegerField(_("place"), choices=Slot)
    until = models.DateTimeField(
        _("until"),
        null=True,
        blank=True,
        help_text=_(
            "After this time the story leaves its place; empty: until unpinned."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pinned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("pinned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("home page pin")
        verbose_name_plural = _("home page pins")
        ordering = ["slot", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_slot_display()}: {self.article}"


class DailyReads(models.Model):
    """How many times readers opened a story on one day (Jakarta time),
    added to in batches by articles.reads."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="daily_reads",
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("daily reads")
        verbose_name_plural = _("daily reads")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="reads_once_a_day")
        ]
        indexes = [models.Index(fields=["day", "-count"])]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.count}"


class AuthorProfile(models.Model):
    """A staff member's public page as an author: the byline of the stories
    they wrote links to it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.CASCADE,
        related_name="author_profile",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. Reporter, Jakarta.")
    )
    role_en = models.CharField(_("role in English"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    bio_en = models.TextField(_("biography in English"), blank=True)
    photo = models.ForeignKey(
        Image,
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photo_of",
    )
    is_public = models.BooleanField(
        _("public page"),
        default=True,
        help_text=_("Untick to keep the page and the byline link off the site."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    local_role = Bilingual("role")
    local_bio = Bilingual("bio")

    class Meta:
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author_detail", kwargs={"slug": self.slug})
