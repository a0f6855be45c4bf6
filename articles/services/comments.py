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
from ..comment_checks import (
    Submission,
    has_visible_text,
    read_form_stamp,
    run_checks,
    strip_invisible,
)
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
    reasons: tuple[str, ...] = ()  # the codes of the checks that held or rejected it


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


def clean_reader_text(text: str) -> str:
    """A reader's text as it is kept: line ends unified, invisible direction
    and zero-width controls removed, outer spaces trimmed."""
    return strip_invisible(text.replace("\r\n", "\n")).strip()


def _max_length(field: str) -> int:
    return Comment._meta.get_field(field).max_length


def _invisible_only(typed: str, kept: str) -> bool:
    """Something was typed, but nothing of it shows."""
    return bool(typed.strip()) and not has_visible_text(kept)


def _validate_new_comment(
    *, article, typed, text, author_name, author_email, user, parent
):
    """`typed` is the text as sent, `text` as it will be kept."""
    errors: dict[str, str] = {}
    if _invisible_only(typed, text):
        errors["text"] = _(
            "Your comment has only invisible characters. Write something "
            "readers can see."
        )
    elif not text:
        errors["text"] = _("Write a comment first.")
    elif len(text) > settings.COMMENTS_MAX_LENGTH:
        errors["text"] = _("A comment can have at most %(max)d characters.") % {
            "max": settings.COMMENTS_MAX_LENGTH
        }
    if user is None:
        if not author_name.strip():
            errors["author_name"] = _("Give the name to show with your comment.")
        elif not has_visible_text(author_name):
            errors["author_name"] = _(
                "Your name has only invisible characters. Give a name readers can see."
            )
        elif len(author_name) > _max_length("author_name"):
            errors["author_name"] = _("A name can have at most %(max)d characters.") % {
                "max": _max_length("author_name")
            }
        if len(author_email) > _max_length("author_email"):
            errors["author_email"] = _(
                "An email address can have at most %(max)d characters."
            ) % {"max": _max_length("author_email")}
        else:
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


def _rate_limit(limits: dict[str, dict[str, str]]) -> bool:
    """Count an attempt against each scope's limits ({scope: keys}); raise
    RateLimited when over any of them, return False when the cache is
    unavailable. Called before anything is written."""
    retry_after = 0
    try:
        for scope, keys in limits.items():
            retry_after = max(retry_after, ratelimits.hit(scope, keys))
    except ratelimits.Unavailable:
        return False
    if retry_after:
        raise RateLimited(retry_after)
    return True


def _form_first_use(stamp) -> bool | None:
    """Whether the form's one-time number is used here for the first time;
    None when the shared cache cannot say."""
    if stamp is None:
        return None
    try:
        return ratelimits.first_use(
            f"comment-form.{stamp.nonce}",
            ttl=settings.COMMENTS_MAX_FORM_SECONDS + 60,
        )
    except ratelimits.Unavailable:
        return None


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
    form_token: str | None,
    honeypot: str = "",
) -> CommentResult:
    """Post a reader's comment; checks decide whether it is public, held or refused.

    `form_token` is the signed stamp of the form it was sent from: how long it
    was shown, and a one-time number (a second comment from the same stamp is
    held for a moderator). Raises CommentsClosed, RateLimited or
    ValidationError (bad input).
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
    typed, text = text, clean_reader_text(text)
    author_name = clean_reader_text(author_name)
    author_email = author_email.strip().lower()
    _validate_new_comment(
        article=article,
        typed=typed,
        text=text,
        author_name=author_name,
        author_email=author_email,
        user=user if staff else None,
        parent=parent,
    )
    network = ratelimits.ip_network(ip)
    limits_checked = staff or _rate_limit(
        {
            "comment": {"reader": ratelimits.reader(network, author_email)},
            "comment_ceiling": {"network": network, "email": author_email},
        }
    )
    stamp = read_form_stamp(form_token)
    first_use = None if staff or not limits_checked else _form_first_use(stamp)
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
                    form=stamp,
                    now=now,
                    form_first_use=first_use,
                )
            )
            if not limits_checked:
                findings.add(CommentReason.Code.CHECK_UNAVAILABLE, "rate limits")
            elif stamp is not None and first_use is None:
                findings.add(CommentReason.Code.CHECK_UNAVAILABLE, "form reuse")
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
            author_name=author_name,
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
    return CommentResult(comment, outcome, tuple(code for code, _detail in reasons))


def comment_flag(
    *,
    comment: Comment,
    reason: str,
    text: str = "",
    reader_key: str,
    user=None,
    ip: str | None,
) -> tuple[CommentFlag, bool]:
    """A reader reports a comment. It is hidden for review once readers from
    COMMENTS_FLAG_THRESHOLD independent sources (IP networks, or accounts)
    have reported it; reports that look like one source put it in the queue
    but leave it shown.

    Returns (flag, created); created is False when this reader had already
    flagged the comment. Raises RateLimited before anything is written.
    """
    if reason not in CommentFlag.Reason.values:
        raise ValidationError({"reason": _("Choose why you report this comment.")})
    text = clean_reader_text(text)
    if reason == CommentFlag.Reason.OTHER and not has_visible_text(text):
        raise ValidationError({"text": _("Say what is wrong with this comment.")})
    if comment.status != Status.APPROVED:
        raise ValidationError(_("This comment cannot be reported."))
    network = ratelimits.ip_network(ip)
    _rate_limit({"flag": {"network": network, "reader": reader_key}})
    account = user if user is not None and user.is_authenticated else None
    now = timezone.now()
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
                    text=text[:500],
                    reader_key=reader_key,
                    user=account,
                    ip_network=network,
                    source=f"user:{account.pk}" if account else f"net:{network}",
                    created_at=now,
                )
        except IntegrityError:  # the same reader, twice at once
            return CommentFlag.objects.get(
                comment=comment, reader_key=reader_key
            ), False
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        locked.flag_count = F("flag_count") + 1
        locked.save(update_fields=["flag_count"])
        locked.refresh_from_db(fields=["flag_count"])
        _act_on_flags(locked)
        comment.flag_count = locked.flag_count
        comment.status = locked.status
    return flag, True


def _act_on_flags(comment: Comment) -> None:
    """Hide a comment reported by enough independent sources; note once in
    the queue when as many reports come from fewer sources."""
    threshold = settings.COMMENTS_FLAG_THRESHOLD
    if comment.status != Status.APPROVED or comment.flag_count < threshold:
        return
    sources = CommentFlag.objects.unreviewed(comment).sources()
    # Stored as data, like the other reasons' details, not in the reporter's language.
    detail = f"{comment.flag_count} flags, {sources} source{'s' * (sources != 1)}"
    if sources >= threshold:
        _set_status(
            [comment],
            Status.PENDING,
            action="hidden by flags",
            moderator=None,
            note=detail,
        )
        CommentReason.objects.create(
            comment=comment, code=CommentReason.Code.FLAGGED, detail=detail
        )
    elif comment.flag_count == threshold:
        # One network (or a few) reporting: perhaps one person with fresh
        # cookies. A moderator decides; readers still see the comment.
        CommentReason.objects.create(
            comment=comment,
            code=CommentReason.Code.FLAGGED,
            detail=f"{detail}; still shown",
        )


def _set_status(comments, status, *, action, moderator, note="") -> int:
    """Move comments to `status`, log each change and recount the articles."""
    now = timezone.now()
    # Approving a comment that is shown but flagged keeps it and clears its flags.
    changed = [
        c
        for c in comments
        if c.status != status or (status == Status.APPROVED and c.flag_count)
    ]
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
    text = clean_reader_text(text)
    if not has_visible_text(text):
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
