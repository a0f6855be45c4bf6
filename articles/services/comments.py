"""Readers write: a comment or a reply, posted with checks and rate limits,
and a report of a comment. Every rule a reader's input is held to, and what
they are told about it, is here (MESSAGES).

Moderation (services.moderation) changes what becomes of a comment later.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import ratelimits
from ..comment_checks import Submission, read_form_stamp, run_checks, text_shape
from ..models import (
    Article,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
)
from ..models.article import CommentPolicy
from ..notifications import notify_comment_reported
from ..text import clean_reader_text, has_visible_text
from .moderation import recount_approved, set_status

Status = Comment.Status


class CommentsClosed(Exception):
    """The article takes no new comments (answer 403)."""


class RateLimited(Exception):
    """Too many comments or flags from one sender (answer 429)."""

    def __init__(self, retry_after: int, scopes: tuple[str, ...] = ()):
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.scopes = scopes  # the READER_RATES scopes over their limit


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
    # A copy of `comment` sent again at once (a double submit, a browser's
    # retry): nothing written, `outcome` is the first copy's.
    sent_again: bool = False


OUTCOMES = {
    Status.APPROVED: CommentOutcome.PUBLISHED,
    Status.PENDING: CommentOutcome.QUEUED,
    Status.REJECTED: CommentOutcome.REJECTED,
}


# What a reader is told when their input cannot be kept. The public forms show
# these at their fields (CommentForm.add_service_errors); no form has rules of
# its own. Numbers go in written as the reader's language writes them
# (_count(): "5,000", "5.000").
MESSAGES = {
    "text_required": gettext_lazy("Write your comment."),
    "text_invisible": gettext_lazy(
        "Your comment has only invisible characters. Write something readers can see."
    ),
    "text_too_long": gettext_lazy(
        "A comment can have at most %(max)s characters; yours has %(count)s."
    ),
    "edit_empty": gettext_lazy("A comment cannot be empty."),
    # Said where the comment was typed: the form comes back, the text in it.
    "comments_closed": gettext_lazy(
        "Comments on this article are closed, so your comment could not be "
        "posted. Your text is kept below for you to copy."
    ),
    # A story taken off the site (or never on it) while the reader wrote:
    # the text comes back to copy, nothing of the story with it.
    "story_gone": gettext_lazy(
        "This story is no longer on the site, so your comment could not be "
        "posted. Your text is kept below for you to copy."
    ),
    # The same text from the same reader a moment ago, under another story
    # or as another reply (check_duplicate): the form comes back, the text in it.
    "comment_duplicate": gettext_lazy(
        "You sent this same comment a moment ago, under another story or as "
        "another reply, so it is not posted again. Your text is kept below: "
        "change it to post it here."
    ),
    # A report of a comment taken off the site while the form was open.
    "flag_comment_gone": gettext_lazy(
        "The comment you wanted to report is no longer shown in the "
        "discussion, so there is nothing to report."
    ),
    "name_required": gettext_lazy("Enter the name to show with your comment."),
    "name_invisible": gettext_lazy(
        "Your name has only invisible characters. Give a name readers can see."
    ),
    "name_too_long": gettext_lazy("A name can have at most %(max)s characters."),
    "email_required": gettext_lazy("Enter your email address."),
    "email_invalid": gettext_lazy("Enter an email address like name@example.com."),
    "email_too_long": gettext_lazy(
        "An email address can have at most %(max)s characters."
    ),
    # Said where the reply was typed: the form comes back as a new comment,
    # the text in it. The same for a comment that was never shown (waiting
    # for a moderator, turned down) and one that does not exist: which it is
    # is none of the sender's business. "No longer" only for a comment whose
    # place the discussion shows (a public reply answers it).
    "parent_unavailable": gettext_lazy(
        "The comment you are replying to is not shown in this discussion. Your "
        "text is kept below: send it as a new comment."
    ),
    "parent_gone": gettext_lazy(
        "The comment you are replying to is no longer shown. Your text is kept "
        "below: send it as a new comment."
    ),
    "flag_reason": gettext_lazy("Choose what is wrong with the comment."),
    "flag_text_required": gettext_lazy("Tell the moderators what is wrong with it."),
    "flag_text_too_long": gettext_lazy(
        "The details can have at most %(max)s characters; yours have %(count)s."
    ),
}


def _count(number: int) -> str:
    """A number in a message, as the active language writes it: "3,000" in
    English, "3.000" in Indonesian (grouped whatever USE_THOUSAND_SEPARATOR)."""
    return number_format(number, force_grouping=True)


def max_length(model, field: str) -> int:
    """How many characters a column keeps: the limit a reader's input is held to."""
    return model._meta.get_field(field).max_length


def _visible_text_error(typed: str, kept: str, *, required: str, invisible: str):
    """The message for a text that shows nothing: asked for when nothing was
    typed, refused when all that was typed is invisible; None when it shows."""
    if has_visible_text(kept):
        return None
    return MESSAGES[invisible if typed.strip() else required]


def comment_text_error(
    typed: str,
    text: str,
    *,
    required: str = "text_required",
    invisible: str = "text_invisible",
):
    """What keeps a comment's text (`typed` as sent, `text` as kept) off the
    site, a reader's or a moderator's edit alike: nothing readers can see, or
    more than COMMENTS_MAX_LENGTH characters. None when it may be kept;
    `required` and `invisible` name the MESSAGES of a text that shows nothing."""
    error = _visible_text_error(typed, text, required=required, invisible=invisible)
    if error is None:
        error = _too_long_error(text, settings.COMMENTS_MAX_LENGTH, "text_too_long")
    return error


def _too_long_error(text: str, limit: int, message: str):
    """MESSAGES[`message`] for a reader's text of more than `limit` characters,
    saying how many it has (a comment, a report's details), else None. The
    text is refused whole, never cut: the reader gets it back to shorten."""
    if len(text) <= limit:
        return None
    return MESSAGES[message] % {"max": _count(limit), "count": _count(len(text))}


def _email_error(email: str):
    if not email:
        return MESSAGES["email_required"]
    limit = max_length(Comment, "author_email")
    if len(email) > limit:
        return MESSAGES["email_too_long"] % {"max": _count(limit)}
    try:
        validate_email(email)
    except ValidationError:
        return MESSAGES["email_invalid"]
    return None


def _validate_new_comment(
    *, article, typed, text, typed_name, author_name, author_email, guest: bool, parent
):
    """`typed` and `typed_name` as sent, `text` and `author_name` as kept."""
    errors = {"text": comment_text_error(typed, text)}
    if guest:
        errors["author_name"] = _visible_text_error(
            typed_name,
            author_name,
            required="name_required",
            invisible="name_invisible",
        )
        limit = max_length(Comment, "author_name")
        if errors["author_name"] is None and len(author_name) > limit:
            errors["author_name"] = MESSAGES["name_too_long"] % {"max": _count(limit)}
        errors["author_email"] = _email_error(author_email)
    if parent is not None and (parent.article_id != article.pk or not parent.is_public):
        errors["parent"] = MESSAGES[_unavailable_parent(article, parent)]
    errors = {field: str(message) for field, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)


def _unavailable_parent(article: Article, parent: Comment) -> str:
    """Why a reply's parent cannot be answered, as a MESSAGES key: gone from
    a discussion that still shows its place (a public reply answers it, so
    readers saw it), or simply not shown, whatever the reason."""
    shown_place = (
        parent.article_id == article.pk
        and Comment.objects.visible()
        .filter(parent=parent, depth__gt=parent.depth)  # hung under it
        .exists()
    )
    return "parent_gone" if shown_place else "parent_unavailable"


def _thread_position(parent: Comment | None) -> tuple[Comment | None, int]:
    """(root, depth) of a new reply to `parent`, kept within the configured
    depth: a reply to a comment at the deepest level (COMMENTS_MAX_DEPTH) is
    as deep as it, shown beside it, and still answers it (its parent: the
    page says "in reply to" whom)."""
    if parent is None:
        return None, 0
    return parent.root or parent, min(parent.depth + 1, settings.COMMENTS_MAX_DEPTH)


def _rate_limit(limits: dict[str, dict[str, str]]) -> bool:
    """Count an attempt against each scope's limits ({scope: keys}); raise
    RateLimited when over any of them, return False when the cache is
    unavailable. Called before anything is written."""
    waits = {}
    try:
        for scope, keys in limits.items():
            waits[scope] = ratelimits.hit(scope, keys)
    except ratelimits.Unavailable:
        return False
    if over := tuple(scope for scope, wait in waits.items() if wait):
        raise RateLimited(max(waits.values()), over)
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


def comments_as_staff(user) -> bool:
    """Whether `user` comments as themselves, with the newsroom badge and no
    checks: signed-in, active staff."""
    return (
        user is not None and user.is_authenticated and user.is_active and user.is_staff
    )


def staff_author_name(user) -> str:
    """The name a staff member's comments carry."""
    return user.get_full_name() or user.get_username()


def comment_check(
    *,
    article: Article,
    text: str,
    author_name: str = "",
    author_email: str = "",
    user=None,
    parent: Comment | None = None,
) -> tuple[str, str, str]:
    """What comment_create would refuse in what the reader wrote (its text,
    name, email and parent), without writing or counting anything: raises
    ValidationError. Returns the text, name and email as they are kept. A
    form sent back before it could be sent (its security token collected)
    says at once what must change, not that it is ready."""
    staff = comments_as_staff(user)
    if staff:
        author_name = staff_author_name(user)
        author_email = user.email
    typed, text = text, clean_reader_text(text)
    typed_name, author_name = author_name, clean_reader_text(author_name)
    author_email = author_email.strip().lower()
    _validate_new_comment(
        article=article,
        typed=typed,
        text=text,
        typed_name=typed_name,
        author_name=author_name,
        author_email=author_email,
        guest=not staff,
        parent=parent,
    )
    return text, author_name, author_email


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
    held for a moderator). The same text again from the same sender under
    the same article and comment, within COMMENTS_DUPLICATE_SECONDS, is the
    comment it repeats (`sent_again`: a form sent twice, at once or later;
    sent in parallel, the second post waits for the first to be saved).
    Raises CommentsClosed, RateLimited or
    ValidationError (bad input).
    """
    if honeypot.strip():
        return CommentResult(None, CommentOutcome.DROPPED)  # a bot: say nothing
    now = timezone.now()
    if not article.comments_open(now):
        raise CommentsClosed(str(MESSAGES["comments_closed"]))
    staff = comments_as_staff(user)
    text, author_name, author_email = comment_check(
        article=article,
        text=text,
        author_name=author_name,
        author_email=author_email,
        user=user,
        parent=parent,
    )
    network = ratelimits.ip_network(ip)
    with transaction.atomic():
        if not staff:
            _wait_for_twin(text=text, email=author_email, network=network)
            # The same form sent again (a double press, a browser's retry, a
            # replay minutes later): the comment it made, whatever the rate
            # limits say. A replay after the reader's 30 s had been taken
            # for a new post, and kept as a rejected copy (a tester's).
            first = _first_copy(
                text=text,
                email=author_email,
                network=network,
                now=now,
                article=article,
                parent=parent,
            )
            if first:
                return CommentResult(first, OUTCOMES[first.status], sent_again=True)
        limits_checked = staff or _rate_limit(
            {
                "comment": {"reader": ratelimits.reader(network, author_email)},
                "comment_ceiling": {"network": network, "email": author_email},
            }
        )
        stamp = read_form_stamp(form_token)
        first_use = None if staff or not limits_checked else _form_first_use(stamp)
        root, depth = _thread_position(parent)
        shape = text_shape(text)
        wave: list[int] = []  # the earlier comments of a wave this one makes
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
                    shape=shape,
                )
            )
            if not limits_checked:
                findings.add(CommentReason.Code.CHECK_UNAVAILABLE, "rate limits")
            elif stamp is not None and first_use is None:
                findings.add(CommentReason.Code.CHECK_UNAVAILABLE, "form reuse")
            reasons, wave = findings.reasons, findings.wave
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
            depth=depth,
            user=user if staff else None,
            author_name=author_name,
            author_email=author_email,
            text=text,
            shape=shape,
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
            action=ModerationLog.Action.POSTED,
            to_status=status,
            # Data, in words when shown (ModerationLog.note_text).
            note="; ".join(f"{code} {detail}".strip() for code, detail in reasons),
            at=now,
        )
        if status == Status.APPROVED:
            recount_approved([article.pk])
        if wave:
            _hold_wave(wave)
    return CommentResult(
        comment, OUTCOMES[status], tuple(code for code, _detail in reasons)
    )


# The first key of the advisory locks _wait_for_twin takes on PostgreSQL
# (the second: the post's sender and text), apart from any other lock's.
TWIN_LOCKS = 0x636D7400  # "cmt"


def _wait_for_twin(*, text: str, email: str, network: str) -> None:
    """Wait, to the end of this transaction, while another post of this text
    from this sender (email and network) is being saved: a form sent twice
    at once (two requests at the same instant) is then one comment, the
    second post finding the first copy saved (_first_copy, or the duplicate
    check when the rate limits cannot say). On PostgreSQL a transaction's
    advisory lock on a digest of the three, one query, that holds up no
    other post (but one in four billion whose digest is the same, for as
    long as it takes to save); SQLite's transactions take the write lock as
    they begin (settings), one after the other already."""
    if connection.vendor != "postgresql":
        return
    post = f"{network}\n{email}\n{text}".encode()
    key = int.from_bytes(hashlib.blake2b(post, digest_size=4).digest(), signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [TWIN_LOCKS, key])


def _hold_wave(earlier: list[int]) -> None:
    """Hold the comments posted before the wave that a new comment makes
    (check_wave's `wave`), as that check would have held them: each with the
    reason "part of a wave" and an entry in its log, those shown taken off
    the site (their articles' counts and pages follow). One a moderator
    approved stays as it is, and so do staff comments."""
    # Locked first (in the order moderation locks them), then read: a
    # moderator's approval saved while this waited for the lock is seen.
    locking = Comment.objects.select_for_update().filter(pk__in=earlier)
    locked = list(locking.values_list("pk", flat=True))
    comments = list(
        Comment.objects.filter(pk__in=locked).holdable_for(CommentReason.Code.WAVE)
    )
    waiting = [c for c in comments if c.status == Status.PENDING]
    action = ModerationLog.Action.HELD_IN_WAVE
    set_status(
        [c for c in comments if c.status == Status.APPROVED],
        Status.PENDING,
        action=action,
        moderator=None,
    )
    now = timezone.now()
    ModerationLog.objects.bulk_create(
        ModerationLog(
            comment=c, at=now, action=action, from_status=c.status, to_status=c.status
        )
        for c in waiting
    )
    CommentReason.objects.bulk_create(
        CommentReason(comment=c, code=CommentReason.Code.WAVE) for c in comments
    )


def _first_copy(
    *, text: str, email: str, network: str, now, article, parent
) -> Comment | None:
    """The comment this sender posted with this text under this article
    (and in reply to `parent`) within the duplicate window, accepted
    (published or waiting), or None: one query."""
    since = now - timedelta(seconds=settings.COMMENTS_DUPLICATE_SECONDS)
    return (
        Comment.objects.copies_of(text=text, email=email, network=network, since=since)
        .filter(article=article, parent=parent)
        .select_related("article")
        .first()
    )


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
    flagged the comment, whatever was sent this time and however many
    reports they sent lately (nothing is written, nothing counted). Raises
    RateLimited before anything is written.
    """
    if not comment.is_public:
        raise ValidationError(_("This comment cannot be reported."))
    # Their report is in: "already reported" is the answer, not the rate
    # limit's "try again in 34 seconds", which would only lead to it.
    if existing := _flag_of(comment, reader_key):
        return existing, False
    if reason not in CommentFlag.Reason.values:
        raise ValidationError({"reason": str(MESSAGES["flag_reason"])})
    text = clean_reader_text(text)
    if reason == CommentFlag.Reason.OTHER and not has_visible_text(text):
        raise ValidationError({"text": str(MESSAGES["flag_text_required"])})
    too_long = _too_long_error(
        text, max_length(CommentFlag, "text"), "flag_text_too_long"
    )
    if too_long:
        raise ValidationError({"text": str(too_long)})
    network = ratelimits.ip_network(ip)
    _rate_limit({"flag": {"network": network, "reader": reader_key}})
    account = user if user is not None and user.is_authenticated else None
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                flag = CommentFlag.objects.create(
                    comment=comment,
                    reason=reason,
                    text=text,
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
        if _act_on_flags(locked):
            notify_comment_reported(comment=locked)
        else:
            _recount_flags_reason(locked)
        comment.flag_count = locked.flag_count
        comment.status = locked.status
    return flag, True


def _recount_flags_reason(comment: Comment) -> None:
    """A report after the one that held the comment (or noted it): the
    reason the queue and the comment's page show says the reports as they
    are now ("4 reports, 4 sources; still shown"), not the counts it noted
    then, which the desk could only drop ("Reported by readers")."""
    reason = (
        CommentReason.objects.filter(comment=comment, code=CommentReason.Code.FLAGGED)
        .order_by("-id")
        .first()
    )
    if reason is None:
        return
    noted = CommentReason.FLAGS_DETAIL.match(reason.detail)
    if noted is None or int(noted["flags"]) >= comment.flag_count:
        # Written as text before the counts were data, or more reports than
        # there are now: a round a moderator settled before reasons were
        # settled with their reports (set_status). Left as it is.
        return
    reason.detail = CommentReason.flags_detail(
        flags=comment.flag_count,
        sources=CommentFlag.objects.unreviewed(comment).sources(),
        still_shown=comment.status == Status.APPROVED,
    )
    reason.save(update_fields=["detail"])


def _flag_of(comment: Comment, reader_key: str) -> CommentFlag | None:
    """This reader's report of `comment`, or None."""
    return CommentFlag.objects.filter(comment=comment, reader_key=reader_key).first()


def _act_on_flags(comment: Comment) -> bool:
    """Hide a comment reported by enough independent sources; note once in
    the queue when as many reports come from fewer sources. True when it did
    either (the moderators are told)."""
    threshold = settings.COMMENTS_FLAG_THRESHOLD
    if comment.status != Status.APPROVED or comment.flag_count < threshold:
        return False
    sources = CommentFlag.objects.unreviewed(comment).sources()
    # Stored as data, like the other reasons' details, not in the reporter's
    # language: the admin puts it in words (CommentReason.detail_text).
    hidden = sources >= threshold
    detail = CommentReason.flags_detail(
        flags=comment.flag_count, sources=sources, still_shown=not hidden
    )
    if hidden:
        set_status(
            [comment],
            Status.PENDING,
            action=ModerationLog.Action.HIDDEN_BY_FLAGS,
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
            comment=comment, code=CommentReason.Code.FLAGGED, detail=detail
        )
    else:
        return False
    return True
