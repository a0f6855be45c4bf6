"""Reader comments and their moderation. Nothing here is ever hard-deleted."""

import re
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..querysets import (
    BanQuerySet,
    CommentQuerySet,
    ModerationLogQuerySet,
    ModerationWordQuerySet,
)
from ..text import with_reader_links
from .article import Article


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The top-level comment of the thread (empty for top level)."),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff author"),
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("email"), blank=True)
    text = models.TextField(_("text"))
    original_text = models.TextField(
        _("original text"),
        blank=True,
        help_text=_("What the reader wrote, kept when a moderator edits the text."),
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PENDING
    )
    flag_count = models.PositiveIntegerField(_("reports"), default=0)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    ip_network = models.CharField(
        _("IP network"), max_length=64, blank=True, help_text=_("/24 or /48")
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # A digest of the text's words as posted, without links, numbers and
    # punctuation ("" for a short text): comment_create sets it, the wave
    # check (comment_checks.check_wave) looks comments of one shape up by it.
    shape = models.CharField(_("text shape"), max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # The query parameter of the discussion's pages (an article page may list
    # other things with ?page=).
    PAGE_PARAMETER = "comments"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["article", "status", "parent", "created_at"],
                name="comment_thread_idx",
            ),
            models.Index(
                fields=["root", "status", "created_at"], name="comment_root_idx"
            ),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            # The moderation queue (pending or flagged, a few rows among all)
            # in its order: CommentQuerySet.queue()'s queue_order, then age.
            models.Index(
                models.Case(
                    models.When(status="pending", then=models.Value(0)),
                    default=models.Value(1),
                ),
                "created_at",
                "id",
                condition=models.Q(status="pending")
                | models.Q(status="approved", flag_count__gt=0),
                name="comment_queue_order_idx",
            ),
            models.Index(
                fields=["author_email", "created_at"], name="comment_email_idx"
            ),
            models.Index(fields=["ip_network", "created_at"], name="comment_net_idx"),
            models.Index(
                fields=["shape", "created_at"],
                condition=~models.Q(shape=""),
                name="comment_shape_idx",
            ),
        ]

    def __str__(self) -> str:
        # Its links as readers get them: a look-alike host in punycode (the
        # desk's titles, breadcrumbs and labels name a comment by this).
        return f"{self.author_name}: {_cut_at_a_word(with_reader_links(self.text))}"

    def get_absolute_url(self) -> str:
        """The comment on the page of its article's discussion that shows it."""
        page = Comment.objects.thread_page(self)
        query = f"?{self.PAGE_PARAMETER}={page}" if page > 1 else ""
        return f"{self.article.get_absolute_url()}{query}#comment-{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def accepts_replies(self) -> bool:
        """Readers may answer it where it stands: it is public, at any depth.
        A reply to a comment at the deepest level (COMMENTS_MAX_DEPTH) joins
        it there, beside it, saying whom it answers."""
        return self.is_public

    @property
    def placeholder_text(self) -> str:
        """What readers see in the place of this comment when it is no longer
        shown but public replies answer it (its text and author never)."""
        if self.status == self.Status.PENDING:  # taken off by readers' reports
            return gettext("This comment is hidden while a moderator reviews it.")
        return gettext("This comment was removed.")

    @property
    def is_staff_comment(self) -> bool:
        return self.user_id is not None


class CommentReason(models.Model):
    """Why a check queued, rejected or flagged a comment (one row per reason)."""

    class Code(models.TextChoices):
        TOO_FAST = "too_fast", _("Sent too fast after the form was shown")
        FORM_EXPIRED = "form_expired", _("Form older than allowed")
        FORM_REUSED = "form_reused", _("Form already used for another comment")
        LINKS = "links", _("Too many links")
        BANNED_WORD = "banned_word", _("Banned word")
        SUSPECT_WORD = "suspect_word", _("Suspect word")
        DUPLICATE = "duplicate", _("Duplicate of a recent comment")
        SIMILAR = (
            "similar",
            _("Same words as a recent comment from this email or network"),
        )
        BLOCKED_EMAIL = "blocked_email", _("Blocked email")
        BLOCKED_DOMAIN = "blocked_domain", _("Blocked email domain")
        BLOCKED_IP = "blocked_ip", _("Blocked IP address")
        CHECK_UNAVAILABLE = "check_unavailable", _("Check unavailable")
        FLAGGED = "flagged", _("Reported by readers")
        WAVE = "wave", _("Part of a wave: the same words from several networks")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reasons"
    )
    code = models.CharField(_("reason"), max_length=32, choices=Code, db_index=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")
        ordering = ["id"]

    def __str__(self) -> str:
        label = self.get_code_display()
        detail = self.detail_text()
        return f"{label}: {detail}" if detail else str(label)

    # The detail of a FLAGGED reason, stored as data in one language ("3
    # flags, 2 sources; still shown"), like the other reasons' details, and
    # put in words in the reader's language by detail_text().
    FLAGS_DETAIL = re.compile(
        r"^(?P<flags>\d+) flags?, (?P<sources>\d+) sources?(?P<shown>; still shown)?$"
    )

    @classmethod
    def flags_detail(cls, *, flags: int, sources: int, still_shown: bool) -> str:
        """The stored detail of a FLAGGED reason (and its log entry's note)."""
        plural = "s" * (sources != 1)
        detail = f"{flags} flag{'s' * (flags != 1)}, {sources} source{plural}"
        return f"{detail}; still shown" if still_shown else detail

    @classmethod
    def flags_detail_text(cls, detail: str) -> str:
        """A FLAGGED reason's stored detail in words, in the active language
        ("3 laporan, 2 sumber"); any other text as it is."""
        found = cls.FLAGS_DETAIL.match(detail)
        if found is None:
            return detail
        flags, sources = int(found["flags"]), int(found["sources"])
        text = gettext("%(flags)s, %(sources)s") % {
            "flags": ngettext("%(count)d report", "%(count)d reports", flags)
            % {"count": flags},
            "sources": ngettext("%(count)d source", "%(count)d sources", sources)
            % {"count": sources},
        }
        if found["shown"]:
            text = gettext("%(counts)s; still shown") % {"counts": text}
        return text

    # The details the checks store (articles/comment_checks.py), as data:
    # "1.4 s" (too fast), "42 min" or "missing or altered form timestamp"
    # (form expired), "rate limits", "form reuse", "check_words" or
    # "check_words timed out" (check unavailable).
    SECONDS_DETAIL = re.compile(r"^(?P<seconds>-?\d+(?:\.\d+)?) s$")
    MINUTES_DETAIL = re.compile(r"^(?P<minutes>-?\d+) min$")
    NO_STAMP_DETAIL = "missing or altered form timestamp"
    TIMED_OUT = " timed out"

    @classmethod
    def form_age_text(cls, detail: str) -> str:
        """A TOO_FAST or FORM_EXPIRED reason's stored detail in words, in the
        active language ("1,4 detik", "125 menit"); any other text as it is."""
        if found := cls.SECONDS_DETAIL.match(detail):
            seconds = number_format(Decimal(found["seconds"]), decimal_pos=1)
            # Translators: with one decimal, as "1.4 seconds".
            return gettext("%(seconds)s seconds") % {"seconds": seconds}
        if found := cls.MINUTES_DETAIL.match(detail):
            minutes = int(found["minutes"])
            return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {
                "count": minutes
            }
        if detail == cls.NO_STAMP_DETAIL:
            return gettext("the form's time stamp is missing or was altered")
        return detail

    @classmethod
    def unavailable_check_text(cls, detail: str) -> str:
        """A CHECK_UNAVAILABLE reason's stored detail (which check, whether it
        timed out) in words, in the active language; any other text as it is."""
        timed_out = detail.endswith(cls.TIMED_OUT)
        check = detail.removesuffix(cls.TIMED_OUT)
        names = {
            "rate limits": gettext("rate limits"),
            "form reuse": gettext("form reuse"),
            "check_blocked": gettext("blocked senders"),
            "check_words": gettext("word lists"),
            "check_duplicate": gettext("repeated comments"),
            "check_timing": gettext("form timing"),
            "check_links": gettext("link count"),
            "check_wave": gettext("waves of similar comments"),
        }
        if check not in names:
            return detail
        if timed_out:
            return gettext("%(check)s (timed out)") % {"check": names[check]}
        return names[check]

    def detail_text(self) -> str:
        """The detail as moderators read it: what the checks store as data in
        words, in the active language; blocked senders and listed words as
        they are."""
        in_words = {
            self.Code.FLAGGED: self.flags_detail_text,
            self.Code.TOO_FAST: self.form_age_text,
            self.Code.FORM_EXPIRED: self.form_age_text,
            self.Code.CHECK_UNAVAILABLE: self.unavailable_check_text,
        }.get(self.code)
        return in_words(self.detail) if in_words else self.detail


class CommentFlagQuerySet(models.QuerySet):
    def unreviewed(self, comment):
        """The reports on `comment` no moderator has dismissed (approving or
        keeping it dismisses them; `flag_count` counts the others)."""
        return self.filter(comment=comment, dismissed_at=None)

    def sources(self) -> int:
        """How many independent reporters (accounts or IP networks) sent these."""
        return len(set(self.values_list("source", flat=True)))


class CommentFlag(models.Model):
    """A reader's report of a comment; one per reader per comment.

    `source` tells independent reporters apart: the account when signed in,
    else the IP network. Fresh cookies on one network are one source.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSIVE = "abusive", _("Abusive")
        OFF_TOPIC = "off_topic", _("Off-topic")
        MISINFORMATION = "misinformation", _("Misinformation")
        OTHER = "other", _("Other")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason)
    text = models.CharField(_("details"), max_length=500, blank=True)
    reader_key = models.CharField(_("reader"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ip_network = models.CharField(_("IP network"), max_length=64, blank=True)
    source = models.CharField(
        _("source"),
        max_length=80,
        blank=True,
        help_text=_(
            "The reporter's account, or their IP network: reports from one "
            "source count once towards hiding a comment."
        ),
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    # Set when a moderator approves or keeps the comment: the report stays,
    # dealt with (no longer counted in Comment.flag_count).
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )

    objects = CommentFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reader_key"], name="one_flag_per_reader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.comment_id})"


class ModerationLog(models.Model):
    """Append-only record of every status change or edit of a comment."""

    class Action(models.TextChoices):
        POSTED = "posted", _("Posted")
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        REMOVE = "remove", _("Removed from the site")
        RESTORE = "restore", _("Restored")
        EDIT = "edit", _("Text edited")
        HIDDEN_BY_FLAGS = "hidden by flags", _("Hidden after readers' reports")
        # A published comment kept as it is, its readers' reports dismissed.
        DISMISS_REPORTS = "dismiss reports", _("Reports dismissed")
        # Posted before the wave it belongs to was seen (comment_checks.check_wave).
        HELD_IN_WAVE = "held in wave", _("Held as part of a wave")

    comment = models.ForeignKey(
        Comment, on_delete=models.PROTECT, related_name="log", verbose_name=_("comment")
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=Action)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    note = models.TextField(_("note"), blank=True)

    objects = ModerationLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        # In words, in the reader's language: the admin's pages name an entry
        # by it ("Posted: – → Waiting for moderation", not "posted: – → pending").
        statuses = dict(Comment.Status.choices)
        from_status = statuses.get(self.from_status, self.from_status or "–")
        to_status = statuses.get(self.to_status, self.to_status)
        return f"{self.get_action_display()}: {from_status} → {to_status}"

    def note_text(self) -> str:
        """The note as moderators read it. What the checks and readers'
        reports noted is stored as data ("blocked_email a@b.example; links 3",
        "3 flags, 3 sources") and put in words here, in the active language;
        a moderator's note as they wrote it."""
        if self.moderator_id is not None or not self.note:
            return self.note
        if self.action == self.Action.POSTED:
            return "; ".join(
                str(CommentReason(code=code, detail=detail))
                for code, _space, detail in (
                    part.partition(" ") for part in self.note.split("; ")
                )
            )
        if self.action == self.Action.HIDDEN_BY_FLAGS:
            return CommentReason.flags_detail_text(self.note)
        return self.note


class Ban(models.Model):
    """A blocked email address, email domain or IP network, for a time or for good."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        DOMAIN = "domain", _("Email domain")
        IP = "ip", _("IP address or network")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    value = models.CharField(_("value"), max_length=255, db_index=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    until = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: for good.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def is_active(self) -> bool:
        return self.until is None or self.until > timezone.now()


class ModerationWord(models.Model):
    """A word that rejects (banned) or queues (suspect) a comment containing it."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: reject the comment")
        SUSPECT = "suspect", _("Suspect: hold for moderation")

    word = models.CharField(_("word or phrase"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = ModerationWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation word")
        verbose_name_plural = _("moderation words")
        ordering = ["kind", "word"]
        constraints = [
            # Matching ignores case: "Bodoh" is "bodoh" listed twice.
            models.UniqueConstraint(
                Lower("word"),
                "kind",
                name="moderation_word_once_any_case",
                violation_error_message=_(
                    "This word or phrase is on this list already."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.word


def _cut_at_a_word(text: str, length: int = 50) -> str:
    """`text` on one line, cut at the last word that fits in `length`
    characters, with "…" (a comment's name had stopped mid-word, no mark:
    "…kerja sama keaman")."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    word_end = cut.rfind(" ")
    if word_end > length // 2:
        cut = cut[:word_end]
    return cut.rstrip(" ,.;:") + "…"
