"""E-mail notifications of the desk: who is told what, and each person's
choice of what they are told and at which address.

The write services call one function each (notify_transition from the
workflow's steps, notify_comment_reported from the comment flag service).
Nothing is sent inside their transaction: once it commits, a django-tasks
task (articles.tasks.send_notification) writes and sends the mail, at once
in development and tests, by the database worker in production. A mail that
cannot be sent is logged; the step that caused it stands.

Who gets what (KINDS): active staff who hold the kind's permission (through
their role's group or directly; superusers only through them too), never
the person who took the step, and not those who turned that kind off
(NotificationSetting; no row means on).

- submitted for review: the editors (may publish);
- withdrawn from review by its reporter, and submitted again less than
  RESUBMIT_QUIET after that ("Resubmitted", instead of a second "For
  review"): the editors who receive "submitted" (no choice of their own:
  the mails of one submission follow its choice);
- returned to the reporter, published or scheduled: the story's author;
- a comment reported by readers up to COMMENTS_FLAG_THRESHOLD: the
  moderators (may moderate comments).

Links are absolute, made from settings.NEWSROOM_SITE_URL: the mail is
written outside any request. Each person's mail is written in the language
they chose at "My notifications" (NotificationLanguage; no row: the site's,
LANGUAGE_CODE, Indonesian), whatever language their desk shows: subject,
text, the HTML's lang and dates.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Article, Comment, NotificationLanguage, NotificationSetting

logger = logging.getLogger(__name__)

Kind = NotificationSetting.Kind

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


# A reporter's resubmission this soon after their own withdrawal is mailed as
# "Resubmitted: …" (the story the editors were told of is back), not as a
# second "For review: …"; later, or after an editor's return, it is new.
RESUBMIT_QUIET = timedelta(minutes=30)

# Mails with no choice of their own (KindRule.follows): not NotificationSetting
# kinds, so never on anyone's "My notifications".
WITHDRAWN = "withdrawn"
RESUBMITTED = "resubmitted"


@dataclass(frozen=True)
class KindRule:
    permission: str  # who may receive it at all
    to_author: bool  # the story's author only, else everyone with the permission
    # Lazily translated; %(title)s is the story's title, %(actor)s who took
    # the step.
    subject: str
    # The subject when the story is scheduled rather than live, if it differs.
    scheduled_subject: str | None = None
    # The kind whose choice this mail follows (None: its own).
    follows: str | None = None


KINDS = {
    Kind.SUBMITTED: KindRule(
        "articles.publish_article",
        to_author=False,
        subject=gettext_lazy("For review: %(title)s"),
    ),
    WITHDRAWN: KindRule(
        "articles.publish_article",
        to_author=False,
        subject=gettext_lazy("Withdrawn by %(actor)s: %(title)s"),
        follows=Kind.SUBMITTED,
    ),
    RESUBMITTED: KindRule(
        "articles.publish_article",
        to_author=False,
        subject=gettext_lazy("Resubmitted: %(title)s"),
        follows=Kind.SUBMITTED,
    ),
    Kind.RETURNED: KindRule(
        "articles.change_article",
        to_author=True,
        subject=gettext_lazy("Returned to you: %(title)s"),
    ),
    Kind.PUBLISHED: KindRule(
        "articles.change_article",
        to_author=True,
        subject=gettext_lazy("Published: %(title)s"),
        scheduled_subject=gettext_lazy("Scheduled: %(title)s"),
    ),
    Kind.REPORTED: KindRule(
        "articles.change_comment",
        to_author=False,
        subject=gettext_lazy("Comment reported by readers: %(title)s"),
    ),
}

# The workflow's steps that tell someone (articles.services.workflow);
# "resubmit" is a submit less than RESUBMIT_QUIET after its author withdrew it.
TRANSITION_KINDS = {
    "submit": Kind.SUBMITTED,
    "resubmit": RESUBMITTED,
    "withdraw": WITHDRAWN,
    "return": Kind.RETURNED,
    "publish": Kind.PUBLISHED,
}


# What the services call.


def notify_transition(*, article: Article, transition: str, user, note: str = ""):
    """Tell whoever a workflow step concerns, once the transaction commits.
    Steps no one is told of (unpublish) do nothing."""
    kind = TRANSITION_KINDS.get(transition)
    if kind is not None:
        _after_commit(kind=str(kind), object_id=article.pk, actor_id=user.pk, note=note)


def notify_comment_reported(*, comment: Comment) -> None:
    """Tell the moderators, once the transaction commits, that readers'
    reports have put `comment` in their queue."""
    _after_commit(kind=Kind.REPORTED.value, object_id=comment.pk, actor_id=None)


def _after_commit(**arguments) -> None:
    transaction.on_commit(partial(_enqueue, **arguments), robust=True)


def _enqueue(**arguments) -> None:
    from .tasks import send_notification

    try:
        send_notification.enqueue(**arguments)
    except Exception:  # a queue that refuses must not undo the step
        logger.exception("notification not queued: %s", arguments.get("kind"))


# Who receives what.


def kinds_for(user) -> list[str]:
    """The kinds of e-mail `user` may receive and choose, by the permissions
    they hold (a kind that follows another's choice is not listed)."""
    if not (user.is_active and user.is_staff):
        return []
    return [
        kind
        for kind, rule in KINDS.items()
        if rule.follows is None and user.has_perm(rule.permission)
    ]


def recipients(kind: str, *, author_id: int | None = None, actor_id=None):
    """Who is sent mail of `kind` (see the module's docstring): a queryset of
    users with an e-mail address, `author_id` alone for a kind sent to the
    author."""
    rule = KINDS[kind]
    users = (
        get_user_model()
        .objects.with_perm(
            rule.permission,
            is_active=True,
            include_superusers=False,
            backend=AUTH_BACKEND,
        )
        .filter(is_staff=True)
        .exclude(email="")
        .exclude(pk__in=_turned_off(rule.follows or kind))
        # The permission may come through a group and directly: one row each.
        .distinct()
    )
    if rule.to_author:
        users = users.filter(pk=author_id)
    if actor_id is not None:
        users = users.exclude(pk=actor_id)
    return users.order_by("pk")


def _turned_off(kind: str):
    """The ids of the people who turned `kind` off."""
    return NotificationSetting.objects.filter(kind=kind, enabled=False).values("user")


# Each person's choices.


def notification_settings_for(user) -> dict[str, bool]:
    """Whether `user` receives each kind they may receive (no row: on)."""
    chosen = dict(
        NotificationSetting.objects.filter(user=user).values_list("kind", "enabled")
    )
    return {kind: chosen.get(kind, True) for kind in kinds_for(user)}


def notification_settings_save(*, user, enabled: dict[str, bool]) -> dict[str, bool]:
    """Save `user`'s own choices: kind -> send it or not. Only kinds they may
    receive; a kind left out keeps its choice. Returns their choices."""
    allowed = set(kinds_for(user))
    if not allowed:
        raise PermissionDenied(_("You receive no notifications."))
    with transaction.atomic():
        for kind, value in enabled.items():
            if kind not in allowed:
                raise PermissionDenied(_("You do not receive this notification."))
            NotificationSetting.objects.update_or_create(
                user=user, kind=kind, defaults={"enabled": bool(value)}
            )
    return notification_settings_for(user)


def notification_language_for(user) -> str:
    """The language `user`'s notification e-mails are written in."""
    chosen = NotificationLanguage.objects.filter(user=user).values_list(
        "language", flat=True
    )
    return next(iter(chosen), settings.LANGUAGE_CODE)


def notification_language_save(*, user, language: str) -> str:
    """Set the language `user`'s own notification e-mails are written in;
    returns it."""
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(_("Only staff members choose their e-mails here."))
    choice = NotificationLanguage(user=user, language=language)
    choice.full_clean(exclude=["user"])
    with transaction.atomic():
        NotificationLanguage.objects.update_or_create(
            user=user, defaults={"language": choice.language}
        )
    return choice.language


def notification_email_save(*, user, email: str) -> str:
    """Set `user`'s own e-mail address, where their notifications go; returns
    it as saved (the domain in lower case). A change is logged in the admin's
    history of the account, as the user admin's own changes are."""
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(_("Only staff members set their e-mail address here."))
    User = get_user_model()
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        before = account.email
        account.email = email
        others = [f.name for f in User._meta.concrete_fields if f.name != "email"]
        account.full_clean(exclude=others)  # the address only; clean() normalizes it
        if account.email != before:
            account.save(update_fields=["email"])
            with translation.override(None):  # stored untranslated, as the admin does
                field = str(capfirst(User._meta.get_field("email").verbose_name))
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=[account],
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": [field]}}],
                single_object=True,
            )
    user.email = account.email
    return account.email


# Writing and sending (in the task).


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def display_name(user) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def _context(kind: str, object_id: int, actor_id: int | None, note: str):
    """The template context of one notification, or None when its object is
    gone (deleted before the task ran)."""
    User = get_user_model()
    if kind == Kind.REPORTED:
        comment = Comment.objects.select_related("article").filter(pk=object_id).first()
        if comment is None:
            return None
        return {
            "comment": comment,
            "article": comment.article,
            "hidden": comment.status == Comment.Status.PENDING,
            "threshold": settings.COMMENTS_FLAG_THRESHOLD,
            "admin_url": absolute(
                reverse("admin:articles_comment_change", args=[comment.pk])
            ),
            "queue_url": absolute(reverse("admin:articles_comment_changelist")),
        }
    article = Article.objects.filter(pk=object_id).first()
    if article is None:
        return None
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return {
        "article": article,
        "actor_user": actor,  # named in each mail's language (notification_send)
        "note": note.strip(),
        "scheduled": article.is_scheduled,
        "admin_url": absolute(
            reverse("admin:articles_article_change", args=[article.pk])
        ),
        "public_url": absolute(article.get_absolute_url()),
    }


def notification_send(
    *, kind: str, object_id: int, actor_id: int | None = None, note: str = ""
) -> int:
    """Write and send one notification to each of its recipients, each in
    the language they chose (notification_language_for()); returns how many
    were sent (0 when sending failed: the failure is logged)."""
    context = _context(kind, object_id, actor_id, note)
    if context is None:
        return 0
    article = context["article"]
    author_id = article.created_by_id
    people = list(
        recipients(kind, author_id=author_id, actor_id=actor_id).annotate(
            mail_language=F("notification_language__language")
        )
    )
    if not people:
        return 0
    rule = KINDS[kind]
    subject = rule.subject
    if context.get("scheduled") and rule.scheduled_subject:
        subject = rule.scheduled_subject
    context["site_name"] = settings.NEWSROOM_NAME
    context["settings_url"] = absolute(reverse("admin:articles_notification_settings"))
    messages = []
    for person in people:
        with translation.override(person.mail_language or settings.LANGUAGE_CODE):
            personal = {**context, "recipient": display_name(person)}
            if "actor_user" in context:
                personal["actor"] = display_name(context["actor_user"])
            words = {"title": article.title, "actor": personal.get("actor", "")}
            written = f"[{settings.NEWSROOM_NAME}] {subject % words}"
            message = EmailMultiAlternatives(
                subject=" ".join(written.split()),  # no line breaks in a header
                body=render_to_string(f"email/{kind}.txt", personal),
                to=[person.email],
            )
            message.attach_alternative(
                render_to_string(f"email/{kind}.html", personal), "text/html"
            )
            messages.append(message)
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # SMTP down, refused, timed out: the step stands
        logger.exception(
            "notification not sent: %s of %s to %d people", kind, object_id, len(people)
        )
        return 0
