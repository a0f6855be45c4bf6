"""Moderating reader comments: the moderation actions, edits and bans.

Nothing is hard-deleted: comments only change status, every change is logged
append-only in ModerationLog, and each article's approved-comment count is
recounted in the same transaction as the change.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from publicsuffixlist import PublicSuffixList

from newsroom import cachetags

from ..models import (
    Article,
    Ban,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
)
from ..text import clean_reader_text

Status = Comment.Status
MODERATE = "articles.change_comment"
# The widest network a ban may cover, by IP version: an IPv4 /16 (65,536
# addresses) and an IPv6 /32, a provider's block. A wider one ("0.0.0.0/0",
# a prefix mistyped) shut out every reader, and rejected every comment
# waiting from them.
WIDEST_BAN_PREFIX = {4: 16, 6: 32}


def recount_approved(article_ids) -> None:
    """Store each article's number of approved comments (same transaction);
    the stories' pages and the cards that show the counts go stale."""
    article_ids = set(article_ids)
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.filter(pk__in=article_ids).update(
        approved_comment_count=Coalesce(Subquery(approved), 0)
    )
    cachetags.bump(
        cachetags.COMMENT_COUNTS, *map(cachetags.comments_tag, sorted(article_ids))
    )


def _would_change(comment: Comment, status: str) -> bool:
    """Whether moving `comment` to `status` changes it: approving a comment
    that is shown but flagged keeps it and clears its flags."""
    return comment.status != status or (
        status == Status.APPROVED and comment.flag_count > 0
    )


@dataclass(frozen=True)
class ModerationAction:
    """Something a moderator does to comments, wherever it is offered: the
    queue's bulk actions, the one-click buttons on its rows (`one_click`), the
    buttons on a comment's page. `confirm`: the moderator is asked first, on
    the admin page comment/<name>_confirmation.html, which lists the comments
    selected in the list or the one whose page's button was pressed.
    An action that takes comments off the site asks first too whenever one
    of them is shown to readers (asks_first), on the same page, with its
    own words (`confirm_title`, `confirm_button`, `question`)."""

    name: str
    target: str | None  # the status it moves comments to; None: each one's previous
    label: str  # its button
    description: str  # in the list's action menu
    done: str  # "%(number)s …", plural chosen by "count" (ngettext_lazy)
    permission: str = MODERATE
    confirm: bool = False
    one_click: bool = False
    confirm_title: str = ""  # the confirmation page's title
    confirm_button: str = ""  # its "Yes" button
    question: str = ""  # its question, plural chosen by "counter" (ngettext_lazy)
    # Its button and what it did, for a comment it leaves published and only
    # clears readers' reports of (keeps): "Approve" had said it approved one
    # that was approved already.
    kept_label: str = ""
    kept_done: str = ""  # "%(number)s …", plural chosen by "count"

    @property
    def takes_off_site(self) -> bool:
        """Whether it takes a comment readers can see off the site."""
        return self.target is not None and self.target != Status.APPROVED

    def asks_first(self, comments) -> bool:
        """Whether the moderator is asked before it acts on `comments` (one
        Comment, or a queryset of them): always when `confirm`, and whenever
        it would take a comment readers can see off the site. Waiting
        comments are rejected or marked as spam at once."""
        if self.confirm:
            return True
        if not self.takes_off_site:
            return False
        if isinstance(comments, Comment):
            return comments.is_public
        return comments.visible().exists()

    def question_for(self, count: int) -> str:
        """The confirmation page's question about `count` comments."""
        return self.question % {
            "counter": count,
            "number": formats.number_format(count, force_grouping=True),
        }

    def changes(self, comment: Comment) -> bool:
        """Whether it would change this comment (restoring: one taken off
        the site, which may have a previous status to go back to)."""
        if self.target is None:
            return comment.status in RESTORABLE
        return _would_change(comment, self.target)

    def keeps(self, comment: Comment) -> bool:
        """Whether it leaves `comment` published as it is, dismissing the
        reports readers sent about it (approving an approved comment)."""
        return (
            self.target == Status.APPROVED
            and comment.status == Status.APPROVED
            and comment.flag_count > 0
        )

    def label_for(self, comment: Comment) -> str:
        """Its button for `comment`."""
        return self.kept_label if self.keeps(comment) else self.label

    def done_message(self, count: int, *, kept: int = 0) -> str:
        """What it did to `count` comments, the number grouped ("2.101"), of
        which `kept` it left published, only dismissing their reports (keeps)."""
        said = [(self.done, count - kept), (self.kept_done, kept)]
        return " ".join(
            str(
                message
                % {"count": n, "number": formats.number_format(n, force_grouping=True)}
            )
            for message, n in said
            if n
        )


MODERATION_ACTIONS = {
    action.name: action
    for action in [
        ModerationAction(
            name="approve",
            target=Status.APPROVED,
            label=gettext_lazy("Approve"),
            description=gettext_lazy("Approve the selected comments"),
            done=ngettext_lazy(
                "%(number)s comment approved.", "%(number)s comments approved.", "count"
            ),
            one_click=True,
            kept_label=gettext_lazy("Keep (dismiss reports)"),
            kept_done=ngettext_lazy(
                "Reports on %(number)s comment dismissed; it stays published.",
                "Reports on %(number)s comments dismissed; they stay published.",
                "count",
            ),
        ),
        ModerationAction(
            name="reject",
            target=Status.REJECTED,
            label=gettext_lazy("Reject"),
            description=gettext_lazy("Reject the selected comments"),
            done=ngettext_lazy(
                "%(number)s comment rejected.", "%(number)s comments rejected.", "count"
            ),
            one_click=True,
            confirm_title=gettext_lazy("Reject and take off the site"),
            confirm_button=gettext_lazy("Yes, reject and take off the site"),
            question=ngettext_lazy(
                "Reject this comment and take it off the site? Readers will no "
                "longer see it. Nothing is deleted: it can be restored, and the "
                "change is logged.",
                "Reject these %(number)s comments? Those readers can see now are "
                "taken off the site. Nothing is deleted: they can be restored, and "
                "each change is logged.",
                "counter",
            ),
        ),
        ModerationAction(
            name="spam",
            target=Status.SPAM,
            label=gettext_lazy("Spam"),
            description=gettext_lazy("Mark the selected comments as spam"),
            done=ngettext_lazy(
                "%(number)s comment marked as spam.",
                "%(number)s comments marked as spam.",
                "count",
            ),
            confirm_title=gettext_lazy("Mark as spam and take off the site"),
            confirm_button=gettext_lazy("Yes, mark as spam and take off the site"),
            question=ngettext_lazy(
                "Mark this comment as spam and take it off the site? Readers will "
                "no longer see it. Nothing is deleted: it can be restored, and the "
                "change is logged.",
                "Mark these %(number)s comments as spam? Those readers can see now "
                "are taken off the site. Nothing is deleted: they can be restored, "
                "and each change is logged.",
                "counter",
            ),
        ),
        ModerationAction(
            name="remove",
            target=Status.REMOVED,
            label=gettext_lazy("Remove from the site"),
            description=gettext_lazy("Remove the selected comments from the site…"),
            done=ngettext_lazy(
                "%(number)s comment removed from the site.",
                "%(number)s comments removed from the site.",
                "count",
            ),
            confirm=True,
            confirm_title=gettext_lazy("Remove from the site"),
            confirm_button=gettext_lazy("Yes, remove from the site"),
            question=ngettext_lazy(
                "Remove this comment from the site? Readers will no longer see it. "
                "Nothing is deleted: it can be restored, and the change is logged.",
                "Remove these %(number)s comments from the site? Readers will no "
                "longer see them. Nothing is deleted: they can be restored, and each "
                "change is logged.",
                "counter",
            ),
        ),
        ModerationAction(
            name="restore",
            target=None,
            label=gettext_lazy("Restore the previous status"),
            description=gettext_lazy(
                "Restore the selected comments to their previous status"
            ),
            done=ngettext_lazy(
                "%(number)s comment restored to its previous status.",
                "%(number)s comments restored to their previous status.",
                "count",
            ),
        ),
    ]
}


def set_status(comments, status, *, action, moderator, note="") -> int:
    """Move comments to `status`, log each change and recount the articles;
    returns how many changed. For the services: no permission is checked.

    Approving dismisses the comment's readers' reports (marked, kept); one
    approved already only has its reports dismissed ("dismiss reports" in
    the log), its status and status_changed_at left as they are."""
    now = timezone.now()
    changed = [c for c in comments if _would_change(c, status)]
    if not changed:
        return 0
    moved = [c for c in changed if c.status != status]
    moved_ids = {c.pk for c in moved}
    kept_ids = [c.pk for c in changed if c.pk not in moved_ids]
    dismissed = ModerationLog.Action.DISMISS_REPORTS
    ModerationLog.objects.bulk_create(
        ModerationLog(
            comment=c,
            moderator=moderator,
            at=now,
            action=action if c.pk in moved_ids else dismissed,
            from_status=c.status,
            to_status=status,
            note=note,
        )
        for c in changed
    )
    if status == Status.APPROVED:  # a moderator has looked at the reports
        CommentFlag.objects.filter(
            comment__in=[c.pk for c in changed], dismissed_at=None
        ).update(dismissed_at=now, dismissed_by=moderator)
        Comment.objects.filter(pk__in=kept_ids).update(flag_count=0)
        # Their reason is settled too (the log and the dismissed reports keep
        # what happened): a report after it starts a round of its own, not
        # "Reported by readers" again, counted from the round before.
        CommentReason.objects.filter(
            comment__in=[c.pk for c in changed], code=CommentReason.Code.FLAGGED
        ).delete()
    updates = {"status": status, "status_changed_at": now}
    if status == Status.APPROVED:
        updates["flag_count"] = 0
    Comment.objects.filter(pk__in=moved_ids).update(**updates)
    for c in changed:
        c.status = status
        if status == Status.APPROVED:
            c.flag_count = 0
    if moved:
        recount_approved(c.article_id for c in moved)
    return len(changed)


# What "restore" acts on: comments taken off the site. An approved or a
# waiting comment has no decision to take back: restoring one had sent an
# approved comment back to the queue, or off the site again, without the
# confirmation "remove" asks for.
RESTORABLE = (Status.REJECTED, Status.SPAM, Status.REMOVED)


def _previous_statuses(comment_ids) -> dict[int, str]:
    """Each comment's status before its latest change of status (an edit of
    its text, logged from and to the same status, changes none: after one,
    a removed comment could not be restored)."""
    previous: dict[int, str] = {}
    entries = (
        ModerationLog.objects.filter(comment_id__in=comment_ids)
        .exclude(from_status="")
        .exclude(from_status=F("to_status"))
        .order_by("comment_id", "-at", "-id")
        .values_list("comment_id", "from_status")
    )
    for comment_id, from_status in entries:
        previous.setdefault(comment_id, from_status)
    return previous


class CommentChanged(Exception):
    """The comment changed after the moderator's page showed it: its log has
    entries after the one the page carried (`changes`, oldest first), and
    nothing was done."""

    def __init__(self, changes):
        super().__init__(_("The comment was changed after you opened it."))
        self.changes = list(changes)


@dataclass(frozen=True)
class Moderated:
    """What comment_moderate_as_seen did: how many comments changed, and for
    each one left out because another status was given it after the
    moderator's page showed it (and the action would have changed it), that
    latest change (a ModerationLog entry)."""

    changed: int
    overtaken: tuple = ()
    # Of those changed, how many it left published, only dismissing readers'
    # reports (ModerationAction.keeps).
    kept: int = 0


def comment_moderate(*, comments, action: str, moderator, note: str = "") -> int:
    """Approve, reject, mark as spam, remove or restore comments in one transaction.

    "restore" returns each comment taken off the site (RESTORABLE) to its
    status before its latest change; others are left as they are.
    Returns how many comments changed.
    """
    return comment_moderate_as_seen(
        comments=comments, action=action, moderator=moderator, note=note, seen={}
    ).changed


def comment_moderate_as_seen(
    *, comments, action: str, moderator, note: str = "", seen: dict[int, int]
) -> Moderated:
    """comment_moderate, for comments as a moderator's page showed them:
    `seen` maps a comment's id to the latest entry of its log the page
    showed (Comment.objects.with_last_change()). A comment given another
    status since (by another moderator, or readers' reports) is left as it
    is when the action would change it: the moderator decided on what they
    saw. Comments not in `seen` are acted on as they are."""
    known = MODERATION_ACTIONS.get(action)
    if not moderator.has_perm(known.permission if known else MODERATE):
        raise PermissionDenied(_("Only moderators moderate comments."))
    if known is None:
        raise ValidationError(_("Unknown moderation action."))
    ids = [c.pk for c in comments]
    with transaction.atomic():
        locked = list(Comment.objects.select_for_update().filter(pk__in=ids))
        latest_moves = {}
        for entry in (
            ModerationLog.objects.after(seen).decisions().select_related("comment")
        ):
            latest_moves[entry.comment_id] = entry
        overtaken = tuple(
            latest_moves[c.pk]
            for c in locked
            if c.pk in latest_moves and known.changes(c)
        )
        locked = [c for c in locked if c.pk not in latest_moves]
        kept = sum(1 for c in locked if known.keeps(c))
        return Moderated(
            changed=_moderate_locked(locked, known, moderator=moderator, note=note),
            overtaken=overtaken,
            kept=kept,
        )


def _moderate_locked(locked, action: ModerationAction, *, moderator, note) -> int:
    if action.target is not None:
        return set_status(
            locked, action.target, action=action.name, moderator=moderator, note=note
        )
    locked = [c for c in locked if c.status in RESTORABLE]
    previous = _previous_statuses([c.pk for c in locked])
    changed = 0
    for status in set(previous.values()):
        group = [c for c in locked if previous.get(c.pk) == status]
        changed += set_status(
            group, status, action="restore", moderator=moderator, note=note
        )
    return changed


def comment_edit_text(text: str) -> str:
    """The text a moderator's edit keeps, held to the rules of a reader's
    comment (something readers can see, COMMENTS_MAX_LENGTH at most). Raises
    ValidationError({"text": ...}); the admin's form asks it too."""
    # Imported here: the comments services use this module's set_status.
    from .comments import comment_text_error

    kept = clean_reader_text(text)
    error = comment_text_error(
        text, kept, required="edit_empty", invisible="edit_empty"
    )
    if error is not None:
        raise ValidationError({"text": str(error)})
    return kept


def comment_edit(
    *,
    comment: Comment,
    text: str,
    moderator,
    note: str = "",
    seen: int | None = None,
) -> Comment:
    """A moderator changes a comment's text; the reader's original is kept.
    `seen`: the latest entry of its log the moderator's page showed; if the
    comment was edited or moved since, nothing is saved (CommentChanged: one
    moderator's redaction is not undone by another's page opened before it).
    Raises PermissionDenied, CommentChanged, or ValidationError
    (comment_edit_text)."""
    if not moderator.has_perm(MODERATE):
        raise PermissionDenied(_("Only moderators edit comments."))
    text = comment_edit_text(text)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if seen is not None:
            changes = list(ModerationLog.objects.after({locked.pk: seen}))
            if changes:
                raise CommentChanged(changes)
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
            action=ModerationLog.Action.EDIT,
            from_status=locked.status,
            to_status=locked.status,
            note=note,
        )
    return locked


def new_ban_value(kind: str, value: str) -> str:
    """The value a new ban of `kind` holds (normalise_ban_value), refused
    while a ban of it is in force: "Dedi@Gmail.com" and then
    "dedi@gmail.com" made two bans of one address, and so did banning the
    same senders from the queue twice."""
    value = normalise_ban_value(kind, value)
    existing = Ban.objects.active().filter(kind=kind, value=value).first()
    if existing is not None:
        if existing.until is None:
            raise ValidationError(
                _("%(value)s is banned already, for good.") % {"value": value}
            )
        raise ValidationError(
            _(
                "%(value)s is banned already, until %(until)s: change that ban "
                "to make it longer."
            )
            % {
                "value": value,
                "until": formats.date_format(
                    timezone.localtime(existing.until), "DATETIME_FORMAT"
                ),
            }
        )
    return value


def normalise_ban_value(kind: str, value: str) -> str:
    value = value.strip().lower()
    if kind == Ban.Kind.EMAIL:
        validate_email(value)
        return value
    if kind == Ban.Kind.DOMAIN:
        # "@yahoo.co.id", ".yahoo.co.id" and the fully qualified
        # "yahoo.co.id." are all yahoo.co.id: kept with a dot, a ban matched
        # no address.
        value = value.lstrip("@.").rstrip(".")
        if not value or "." not in value or any(c in value for c in " /@"):
            raise ValidationError(_("Give a domain such as example.com."))
        if _public_suffixes().privatesuffix(value) is None:
            # "co.id", "go.id", "com.ph": every company's, ministry's or
            # reader's address under it would be banned.
            raise ValidationError(
                _(
                    "%(domain)s is shared by the addresses of many owners: ban "
                    "one owner's domain, such as example.%(domain)s."
                )
                % {"domain": value}
            )
        return value
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError as error:
        raise ValidationError(
            _("Give an IP address or network such as 203.0.113.7 or 203.0.113.0/24.")
        ) from error
    network = _as_ipv4(network)
    widest = WIDEST_BAN_PREFIX[network.version]
    if network.prefixlen < widest:
        raise ValidationError(
            _(
                "%(network)s is too wide a network to ban: it would shut out "
                "readers who are not this sender. Ban a /%(prefix)d or a "
                "narrower network."
            )
            % {"network": network, "prefix": widest}
        )
    return str(network)


def _as_ipv4(network):
    """An IPv4-mapped IPv6 network (::ffff:114.4.0.0/112) as the IPv4 network
    it is (114.4.0.0/16), held to IPv4's widest ban: ::ffff:…/100 had passed
    as an IPv6 /100 while it is an IPv4 /4. Any other network as it is."""
    mapped = ipaddress.ip_network("::ffff:0:0/96")
    if network.version != 6 or not network.subnet_of(mapped):
        return network
    return ipaddress.ip_network(
        f"{network.network_address.ipv4_mapped}/{network.prefixlen - 96}"
    )


@cache
def _public_suffixes() -> PublicSuffixList:
    """The Public Suffix List the library ships (read once, never fetched)."""
    return PublicSuffixList()


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
        value = new_ban_value(kind, value)
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
