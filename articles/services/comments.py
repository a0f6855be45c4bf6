"""Reader comments: posting with checks and rate limits, flags, moderation, bans.

Nothing is hard-deleted: comments only change status, every change is logged
append-only in ModerationLog, and each article's approved-comment count is
recounted in the same transaction as the change.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ratelimits
from ..comment_checks import Submission, run_checks
from ..models import (
    Article,
    Ban,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
)
from ..models.article import CommentPolicy

Status = Comment.Status
MODERATE = "articles.change_comment"


class CommentsClosed(Exception):
    """The article takes no new comments (answer 403)."""


class RateLimited(Exception):
    """Too many comments or flags from one sender (answer 429)."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class CommentOutcome(StrEnum):
    PUBLISHED = "published"
    QUEUED = "queued"
    REJECTED = "rejected"
    DROPPED = "dropped"


@dataclass(frozen=True)
class CommentResult:
    comment: Comment | None
    outcome: CommentOutcome


ACTION_TARGETS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "spam": Status.SPAM,
    "remove": Status.REMOVED,
}
ACTIONS = (*ACTION_TARGETS, "restore")


def recount_approved(article_ids) -> None:
    """Store each article's number of approved comments (same transaction)."""
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.filter(pk__in=set(article_ids)).update(
        approved_comment_count=Coalesce(Subquery(approved), 0)
    )


def _validate_new_comment(*, article, text, author_name, author_email, user, parent):
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Write a comment first.")
    elif len(text) > settings.COMMENTS_MAX_LENGTH:
        errors["text"] = _("A comment can have at most %(max)d characters.") % {
            "max": settings.COMMENTS_MAX_LENGTH
        }
    if user is None:
        if not author_name.strip():
            errors["author_name"] = _("Give the name to show with your comment.")
        elif len(author_name) > 80:
            errors["author_name"] = _("A name can have at most 80 characters.")
        try:
            validate_email(author_email)
        except ValidationError:
            errors["author_email"] = _("Give a valid email address (never shown).")
    if parent is not None and (
        parent.article_id != article.pk or parent.status != Status.APPROVED
    ):
        errors["parent"] = _("The comment you reply to is not available.")
    if errors:
        raise ValidationError(errors)


def _thread_position(parent: Comment | None) -> tuple[Comment | None, Comment | None]:
    """(parent, root) for a new reply, kept within the configured depth."""
    if parent is None:
        return None, None
    while parent.depth >= settings.COMMENTS_MAX_DEPTH and parent.parent_id:
        parent = parent.parent  # too deep: reply to the parent's thread level
    return parent, parent.root or parent


def _rate_limit(scope: str, keys: dict[str, str]) -> bool:
    """Raise RateLimited when over a limit; False when the cache is unavailable."""
    try:
        retry_after = ratelimits.hit(scope, keys)
    except ratelimits.Unavailable:
        return False
    if retry_after:
        raise RateLimited(retry_after)
    return True


def comment_create(
    *,
    article: Article,
    text: str,
    author_name: str = "",
    author_email: str = "",
    user=None,
    parent: Comment | None = None,
    ip: str | None,
    user_agent: str = "",
    rendered_at: datetime | None,
    honeypot: str = "",
) -> CommentResult:
    """Post a reader's comment; checks decide whether it is public, held or refused.

    Raises CommentsClosed, RateLimited or ValidationError (bad input).
    """
    if honeypot.strip():
        return CommentResult(None, CommentOutcome.DROPPED)  # a bot: say nothing
    now = timezone.now()
    if not article.comments_open(now):
        raise CommentsClosed(_("Comments on this article are closed."))
    staff = user is not None and user.is_active and user.is_staff
    if staff:
        author_name = user.get_full_name() or user.get_username()
        author_email = user.email
    text = text.replace("\r\n", "\n").strip()
    author_email = author_email.strip().lower()
    _validate_new_comment(
        article=article,
        text=text,
        author_name=author_name,
        author_email=author_email,
        user=user if staff else None,
        parent=parent,
    )
    network = ratelimits.ip_network(ip)
    limits_checked = staff or _rate_limit(
        "comment", {"network": network, "email": author_email}
    )
    parent, root = _thread_position(parent)
    with transaction.atomic():
        if staff:
            reasons: list[tuple[str, str]] = []
            status = Status.APPROVED
        else:
            findings = run_checks(
                Submission(
                    text=text,
                    email=author_email,
                    ip=ip,
                    network=network,
                    rendered_at=rendered_at,
                    now=now,
                )
            )
            if not limits_checked:
                findings.add(CommentReason.Code.CHECK_UNAVAILABLE, "rate limits")
            reasons = findings.reasons
            if findings.rejected:
                status = Status.REJECTED
            elif findings.held or article.comment_policy == CommentPolicy.PRE:
                status = Status.PENDING
            else:
                status = Status.APPROVED
        comment = Comment(
            article=article,
            parent=parent,
            root=root,
            depth=parent.depth + 1 if parent else 0,
            user=user if staff else None,
            author_name=author_name.strip()[:80],
            author_email=author_email,
            text=text,
            status=status,
            ip_address=ip,
            ip_network=network,
            user_agent=user_agent[:300],
            created_at=now,
            status_changed_at=now,
        )
        comment.save()
        CommentReason.objects.bulk_create(
            CommentReason(comment=comment, code=code, detail=detail)
            for code, detail in reasons
        )
        ModerationLog.objects.create(
            comment=comment,
            action="posted",
            to_status=status,
            note="; ".join(f"{code} {detail}".strip() for code, detail in reasons),
            at=now,
        )
        if status == Status.APPROVED:
            recount_approved([article.pk])
    outcome = {
        Status.APPROVED: CommentOutcome.PUBLISHED,
        Status.PENDING: CommentOutcome.QUEUED,
        Status.REJECTED: CommentOutcome.REJECTED,
    }[status]
    return CommentResult(comment, outcome)


def comment_flag(
    *,
    comment: Comment,
    reason: str,
    text: str = "",
    reader_key: str,
    user=None,
    ip: str | None,
) -> tuple[CommentFlag, bool]:
    """A reader reports a comment; enough distinct readers hide it for review.

    Returns (flag, created); created is False when this reader had already
    flagged the comment.
    """
    if reason not in CommentFlag.Reason.values:
        raise ValidationError({"reason": _("Choose why you report this comment.")})
    if reason == CommentFlag.Reason.OTHER and not text.strip():
        raise ValidationError({"text": _("Say what is wrong with this comment.")})
    if comment.status != Status.APPROVED:
        raise ValidationError(_("This comment cannot be reported."))
    network = ratelimits.ip_network(ip)
    _rate_limit("flag", {"network": network, "reader": reader_key})
    with transaction.atomic():
        existing = CommentFlag.objects.filter(
            comment=comment, reader_key=reader_key
        ).first()
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                flag = CommentFlag.objects.create(
                    comment=comment,
                    reason=reason,
                    text=text.strip()[:500],
                    reader_key=reader_key,
                    user=user if user is not None and user.is_authenticated else None,
                    ip_network=network,
                )
        except IntegrityError:  # the same reader, twice at once
            return CommentFlag.objects.get(
                comment=comment, reader_key=reader_key
            ), False
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        locked.flag_count = F("flag_count") + 1
        locked.save(update_fields=["flag_count"])
        locked.refresh_from_db(fields=["flag_count"])
        threshold = settings.COMMENTS_FLAG_THRESHOLD
        if locked.flag_count >= threshold and locked.status == Status.APPROVED:
            _set_status(
                [locked],
                Status.PENDING,
                action="hidden by flags",
                moderator=None,
                note=_("%(count)d readers flagged it") % {"count": locked.flag_count},
            )
            CommentReason.objects.create(
                comment=locked,
                code=CommentReason.Code.FLAGGED,
                detail=f"{locked.flag_count} flags",
            )
        comment.flag_count = locked.flag_count
        comment.status = locked.status
    return flag, True


def _set_status(comments, status, *, action, moderator, note="") -> int:
    """Move comments to `status`, log each change and recount the articles."""
    now = timezone.now()
    changed = [c for c in comments if c.status != status]
    if not changed:
        return 0
    ModerationLog.objects.bulk_create(
        ModerationLog(
            comment=c,
            moderator=moderator,
            at=now,
            action=action,
            from_status=c.status,
            to_status=status,
            note=note,
        )
        for c in changed
    )
    updates = {"status": status, "status_changed_at": now}
    if status == Status.APPROVED:
        updates["flag_count"] = 0  # a moderator has looked at the flags
    Comment.objects.filter(pk__in=[c.pk for c in changed]).update(**updates)
    for c in changed:
        c.status = status
    recount_approved(c.article_id for c in changed)
    return len(changed)


def _previous_statuses(comment_ids) -> dict[int, str]:
    """Each comment's status before its latest change."""
    previous: dict[int, str] = {}
    entries = (
        ModerationLog.objects.filter(comment_id__in=comment_ids)
        .exclude(from_status="")
        .order_by("comment_id", "-at", "-id")
        .values_list("comment_id", "from_status")
    )
    for comment_id, from_status in entries:
        previous.setdefault(comment_id, from_status)
    return previous


def comment_moderate(*, comments, action: str, moderator, note: str = "") -> int:
    """Approve, reject, mark as spam, remove or restore comments in one transaction.

    "restore" returns each comment to its status before its latest change.
    Returns how many comments changed.
    """
    if not moderator.has_perm(MODERATE):
        raise PermissionDenied(_("Only moderators moderate comments."))
    if action not in ACTIONS:
        raise ValidationError(_("Unknown moderation action."))
    ids = [c.pk for c in comments]
    with transaction.atomic():
        locked = list(Comment.objects.select_for_update().filter(pk__in=ids))
        if action != "restore":
            return _set_status(
                locked,
                ACTION_TARGETS[action],
                action=action,
                moderator=moderator,
                note=note,
            )
        previous = _previous_statuses([c.pk for c in locked])
        changed = 0
        for status in set(previous.values()):
            group = [c for c in locked if previous.get(c.pk) == status]
            changed += _set_status(
                group, status, action="restore", moderator=moderator, note=note
            )
        return changed


def comment_edit(*, comment: Comment, text: str, moderator, note: str = "") -> Comment:
    """A moderator changes a comment's text; the reader's original is kept."""
    if not moderator.has_perm(MODERATE):
        raise PermissionDenied(_("Only moderators edit comments."))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("A comment cannot be empty.")})
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if text == locked.text:
            return locked
        if not locked.original_text:
            locked.original_text = locked.text
        locked.text = text
        locked.edited_at = timezone.now()
        locked.edited_by = moderator
        locked.save(update_fields=["text", "original_text", "edited_at", "edited_by"])
        ModerationLog.objects.create(
            comment=locked,
            moderator=moderator,
            action="edit",
            from_status=locked.status,
            to_status=locked.status,
            note=note,
        )
    return locked


def normalise_ban_value(kind: str, value: str) -> str:
    value = value.strip().lower()
    if kind == Ban.Kind.EMAIL:
        validate_email(value)
        return value
    if kind == Ban.Kind.DOMAIN:
        value = value.lstrip("@")
        if not value or "." not in value or any(c in value for c in " /@"):
            raise ValidationError(_("Give a domain such as example.com."))
        return value
    try:
        return str(ipaddress.ip_network(value, strict=False))
    except ValueError as error:
        raise ValidationError(
            _("Give an IP address or network such as 203.0.113.7 or 203.0.113.0/24.")
        ) from error


def _pending_from(ban: Ban):
    pending = Comment.objects.pending()
    if ban.kind == Ban.Kind.EMAIL:
        return pending.filter(author_email__iexact=ban.value)
    if ban.kind == Ban.Kind.DOMAIN:
        return pending.filter(
            Q(author_email__iendswith="@" + ban.value)
            | Q(author_email__iendswith="." + ban.value)
        )
    network = ipaddress.ip_network(ban.value)
    candidates = pending.exclude(ip_address=None).only("pk", "ip_address")
    return pending.filter(
        pk__in=[
            c.pk for c in candidates if ipaddress.ip_address(c.ip_address) in network
        ]
    )


def ban_create(
    *,
    kind: str,
    value: str,
    moderator,
    until: datetime | timedelta | None = None,
    reason: str = "",
    reject_pending: bool = False,
) -> Ban:
    """Block an email, email domain or IP network for a time or for good."""
    if not moderator.has_perm("articles.add_ban"):
        raise PermissionDenied(_("Only moderators ban senders."))
    if kind not in Ban.Kind.values:
        raise ValidationError({"kind": _("Choose what to ban.")})
    try:
        value = normalise_ban_value(kind, value)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from error
    if isinstance(until, timedelta):
        until = timezone.now() + until
    with transaction.atomic():
        ban = Ban(
            kind=kind, value=value, until=until, reason=reason, created_by=moderator
        )
        ban.full_clean()
        ban.save()
        if reject_pending and moderator.has_perm(MODERATE):
            comment_moderate(
                comments=list(_pending_from(ban)),
                action="reject",
                moderator=moderator,
                note=_("Sender banned: %(ban)s") % {"ban": ban},
            )
    return ban


def ban_lift(*, bans, moderator) -> int:
    """End bans now; their records stay. Returns how many were in force."""
    if not moderator.has_perm("articles.change_ban"):
        raise PermissionDenied(_("Only moderators lift bans."))
    return (
        Ban.objects.filter(pk__in=[b.pk for b in bans])
        .active()
        .update(until=timezone.now())
    )
