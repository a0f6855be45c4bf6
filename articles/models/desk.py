"""The editor's desk: private autosaved copies of a form, and who wants
which e-mail notification (issue #13)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.bilingual import default_language

from .article import Article


class ArticleAutosave(models.Model):
    """What one person had in an article's form, saved by the browser every
    30 seconds of changes: private to them, never a revision, never written
    into the article. `article` is empty for a new article not saved yet.
    `base_version` is the article's version the form was opened on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="article_autosaves",
        verbose_name=_("user"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    base_version = models.PositiveIntegerField(_("version opened"), null=True)
    data = models.JSONField(_("form values"), default=dict)
    saved_at = models.DateTimeField(_("saved at"))

    class Meta:
        verbose_name = _("autosaved copy")
        verbose_name_plural = _("autosaved copies")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="one_autosave_per_user_and_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_article_autosave_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.article or _('new article')}"


class NotificationSetting(models.Model):
    """A person's choice for one kind of e-mail; no row means it is on."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("A story is submitted for review (editors)")
        RETURNED = "returned", _("My story is returned to me")
        PUBLISHED = "published", _("My story is published")
        REPORTED = "reported", _("Readers report a comment (moderators)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    enabled = models.BooleanField(_("send it"), default=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_setting_per_user_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class NotificationLanguage(models.Model):
    """The language a person's notification e-mails are written in; no row
    means the site's (LANGUAGE_CODE), whatever language their desk shows."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_language",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=Article.Language,
        default=default_language,
    )

    class Meta:
        verbose_name = _("notification language")
        verbose_name_plural = _("notification languages")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_language_display()}"


class ArticleAdditionQuerySet(models.QuerySet):
    def of_token(self, token: str):
        """The addition an add form's token made, with its story."""
        return self.filter(token=token).select_related("article")


class ArticleAddition(models.Model):
    """A new story's add form, by the token it carried (one per form shown):
    the same form sent again (Save pressed twice, a slow response, the
    browser's back and Save) finds the story it made instead of making a
    second one. `form_digest` is what the form held, to tell the same
    values sent again from changed ones. Kept with its story."""

    token = models.CharField(_("form token"), max_length=64, unique=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        related_name="additions",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    form_digest = models.CharField(_("form digest"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ArticleAdditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("article addition")
        verbose_name_plural = _("article additions")

    def __str__(self) -> str:
        # As the admin's deletion summary names it: whose form, not its token.
        return f"{self.user} · {self.article or _('new article')}"
