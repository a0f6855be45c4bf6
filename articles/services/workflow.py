"""Writes with rules: saving articles and moving them through the workflow.

Every function checks permission, validates, runs in one transaction, records
who did what (a workflow step and a revision) and returns the article. Every
write that changes what an article is found by (its texts, tags and
agencies) refreshes its search vector itself, in the same transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from ..models import (
    Article,
    ArticleAddition,
    ArticleSlugHistory,
    ArticleTransition,
    AuthorProfile,
    Correction,
    PreviewLinkStop,
    check_tag_count,
    check_tag_lengths,
)
from ..models.article import byline_credits_writer, check_people_count
from ..notifications import RESUBMIT_QUIET, notify_transition
from ..permissions import (
    can_correct,
    can_delete,
    can_edit,
    can_publish,
    can_withdraw,
)
from ..search.index import update_search_vectors
from .frontpage import home_pins_end_for
from .previews import stop_preview_links
from .slugs import slug_made_from, title_slug

Status = Article.Status

# What an article says and how it is filed, by the groups of the desk's form:
# the fields its authors edit. Restoring a revision brings these back; the
# workflow's own fields (status, version, author, PUBLICATION_FIELDS) stay.
CONTENT_GROUPS = {
    "text": ("title", "needs_headline", "slug", "dek", "body", "language"),
    "credits": ("dateline", "byline", "editor_name", "source_name", "source_url"),
    "filing": ("section", "tags", "agencies", "people", "meeting"),
    # The image's caption, credit and alt text are the media library's.
    "image": ("featured_image",),
    "seo": ("seo_title", "seo_description"),
    "discussion": ("comments_enabled",),
}
CONTENT_FIELDS = tuple(name for group in CONTENT_GROUPS.values() for name in group)
# When and how prominently it is published: editors set them; a reporter's
# save leaves them as they are.
PUBLICATION_FIELDS = ("published_at", "is_featured")


class EditConflict(Exception):
    """The article was saved by someone else since the caller loaded it.

    `base_version` is the version the caller's changes start from,
    `current_version` the one saved now; `changes` lists, field by field,
    what differs between the two (newsroom.history FieldChange objects; None
    when no revision of the base version is kept); `saved_by` and `saved_at`
    say who saved the current version and when, when its revision says so.
    """

    def __init__(
        self,
        current_version: int,
        *,
        base_version: int | None = None,
        changes=None,
        saved_by=None,
        saved_at: datetime | None = None,
    ):
        super().__init__(current_version)
        self.current_version = current_version
        self.base_version = base_version
        self.changes = changes
        self.saved_by = saved_by
        self.saved_at = saved_at

    @property
    def changed_fields(self) -> list[str]:
        """The names (attnames) of the fields that differ, or [] if unknown."""
        return [change.name for change in self.changes or ()]


class AlreadyAdded(Exception):
    """A new article's add form was saved already (its token names the
    story it made: `article`, None when that story is gone): nothing was
    saved this time."""

    def __init__(self, article: Article | None):
        super().__init__(article)
        self.article = article


def _claim_add_token(token: str, *, user, form_digest: str) -> ArticleAddition:
    """The addition of the form carrying `token`, claimed for the story
    about to be saved; AlreadyAdded when a save of that form claimed it
    first. On PostgreSQL a second save running at the same moment waits on
    the first's row, then finds it."""
    try:
        with transaction.atomic():
            return ArticleAddition.objects.create(
                token=token, user=user, form_digest=form_digest
            )
    except IntegrityError:
        first = ArticleAddition.objects.of_token(token).first()
        raise AlreadyAdded(first.article if first else None) from None


# The workflow: one Transition record per step, read by the services below,
# allowed_transitions and the admin (its buttons, its dispatch, its messages).

# A state of the workflow that is no stored status: published, its
# publication time still ahead.
SCHEDULED = "scheduled"


def workflow_state(article: Article) -> str:
    """The article's status, or SCHEDULED while its publication time is ahead."""
    return SCHEDULED if article.is_scheduled else article.status


def _editors(user, article: Article) -> bool:
    """Editors' steps: return, publish, unpublish (any article)."""
    return can_publish(user)


@dataclass(frozen=True)
class Transition:
    """A workflow step, wherever it is offered: who may take it from which
    states (`permitted(user, article)`), the service that takes it, and what
    the admin's button and message say (texts lazily translated)."""

    name: str
    label: str  # the step, as refusals and the history name it
    button: str  # the change form's button: it saves the form, then the step
    sources: frozenset[str]  # statuses, or SCHEDULED
    target: str
    permitted: Callable[..., bool]
    service: Callable[..., Article]
    done: str  # the message once taken
    done_scheduled: str | None = None  # instead, when it leaves it scheduled
    note_required: bool = False
    takes_time: bool = False  # the service takes the publication time, not a note
    primary: bool = False  # the form's main step button
    # What the user must still know once the step is taken (None: nothing).
    warning: Callable[[Article], str | None] | None = None

    def take(self, *, article: Article, user, note: str = "", at=None) -> Article:
        """Take this step through its service, with the note or, for a step
        that takes the publication time, `at`."""
        if self.takes_time:
            return self.service(article=article, user=user, at=at)
        return self.service(article=article, user=user, note=note)

    def done_message(self, article: Article) -> str:
        """What the admin says once the step is taken on `article`."""
        if self.done_scheduled and article.is_scheduled:
            when = date_format(
                timezone.localtime(article.published_at), "DATETIME_FORMAT"
            )
            return str(self.done_scheduled) % {"when": when}
        return str(self.done)

    def warning_for(self, article: Article) -> str | None:
        """What the admin warns of once the step is taken on `article`."""
        return self.warning(article) if self.warning else None


def allowed_transitions(*, article: Article, user) -> list[Transition]:
    """The workflow steps this user may take on this article now.

    For a new article (not saved yet): the steps its author may take on the
    draft it becomes when first saved.
    """
    if article.pk is None:
        article = Article(status=Status.DRAFT, created_by=user)
    state = workflow_state(article)
    return [
        transition
        for transition in TRANSITIONS.values()
        if state in transition.sources and transition.permitted(user, article)
    ]


def _check_publishable(article: Article) -> None:
    errors = {}
    if not article.title.strip():
        errors["title"] = _("A published article needs a title.")
    elif article.needs_headline:
        errors["needs_headline"] = _(
            "The title is still the one proposed from the copy's first "
            "sentence: write a headline and untick 'needs a headline'."
        )
    if not article.body.strip():
        errors["body"] = _("A published article needs a body.")
    if not article.section_id:
        errors["section"] = _("A published article needs a section.")
    image = article.featured_image
    # The image's own rule (newsroom.media): alt text, or marked decorative.
    if image is not None and not (image.decorative or image.alt_text.strip()):
        errors["featured_image"] = _(
            "The featured image has no alt text: describe it in the media "
            "library, or mark it decorative there."
        )
    if errors:
        raise ValidationError(errors)


def _transition(
    *,
    article: Article,
    user,
    name: str,
    note: str = "",
    publish_at: datetime | None = None,
) -> Article:
    from newsroom.history import combine_messages, step_message

    transition = TRANSITIONS[name]
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if transition not in allowed_transitions(article=current, user=user):
            raise PermissionDenied(_refusal(transition, current, user))
        if transition.note_required and not note.strip():
            raise ValidationError({"note": _("Say what the reporter should change.")})
        from_status = current.status
        now = timezone.now()
        told_as = name
        if name == "submit" and _withdrawn_lately(current):
            told_as = "resubmit"  # the desk was told of it minutes ago
        update_fields = ["status", "version", "updated_at"]
        article.status = transition.target
        if transition.target == Status.IN_REVIEW:
            # The review queue waits from here, whatever edits follow.
            article.submitted_at = now
            update_fields.append("submitted_at")
        if transition.target == Status.PUBLISHED:
            article.published_at = publish_at or _default_publication_time(current)
            if article.published_at != current.published_at:
                notes_time_check(article=current, published_at=article.published_at)
            update_fields.append("published_at")
            _check_publishable(article)
        article.full_clean()
        article.version = current.version + 1
        article.save(update_fields=update_fields)
        ArticleTransition.objects.create(
            article=article,
            from_status=from_status,
            to_status=article.status,
            by=user,
            at=now,
            publish_at=article.published_at if transition.takes_time else None,
            note=note,
        )
        if transition.target == Status.UNPUBLISHED:
            # A story taken off the site is not read through old share links,
            # nor does it take its home-page place back when published again.
            stop_preview_links(
                article=article, by=user, reason=PreviewLinkStop.Reason.UNPUBLISHED
            )
            home_pins_end_for(article=article)
        # Once this commits: e-mail whoever the step concerns.
        notify_transition(article=article, transition=told_as, user=user, note=note)
        # Cheap, and a story written outside these services (an import, a
        # fixture) is findable once it goes public.
        update_search_vectors([article.pk])
        reversion.set_user(user)
        # Stored as message ids: the history shows it in the reader's language.
        reversion.set_comment(
            combine_messages(
                step_message(
                    transition.label,
                    _state_label_id(article),
                    [Article._meta.get_field("status").verbose_name],
                )
            )
        )
    return article


def _withdrawn_lately(current: Article) -> bool:
    """Whether `current`'s latest step is its author's own withdrawal, less
    than RESUBMIT_QUIET ago: submitting it again is a resubmission."""
    since = timezone.now() - RESUBMIT_QUIET
    return Article.objects.withdrawn_since(since).filter(pk=current.pk).exists()


def _refusal(transition: Transition, current: Article, user) -> str:
    """Why `user` may not take `transition` on `current`: their account's
    role (an editors' step is the role's whatever the state), or the state."""
    in_source_state = workflow_state(current) in transition.sources
    if not transition.permitted(user, current) and (
        in_source_state or transition.permitted is _editors
    ):
        return _("Your account may not take the step “%(step)s” on this article.") % {
            "step": transition.label
        }
    return _("You may not %(action)s this article while it is %(state)s.") % {
        "action": transition.label.lower(),
        "state": current.state_label,
    }


def _headline_still_proposed(article: Article) -> str | None:
    # Submitting is not refused: a wire story whose headline the desk is to
    # write is what "needs a headline" is for, and editors edit stories in
    # review. The reporter is told at once, not the editor when publishing
    # fails, and may withdraw the story to write the headline themselves.
    if not article.needs_headline:
        return None
    return _(
        "The title is still the one proposed from the copy's first sentence: "
        "the story cannot be published until a headline is written and "
        "'needs a headline' unticked. To write it yourself, withdraw the "
        "story to draft; otherwise the editor will."
    )


def _other_languages_still_live(article: Article) -> str | None:
    # A story taken off the site for a legal or factual reason is usually
    # wrong in every language: its other editions stay up until the desk
    # takes them off too, each on its own page, so that the desk is told.
    live = list(
        Article.objects.in_story(article)
        .published()
        .order_by("language")
        .values_list("title", "language")
    )
    if not live:
        return None
    languages = dict(Article.Language.choices)
    return ngettext(
        "Still on the site in another language: %(stories)s. Unpublish it "
        "too if it should go.",
        "Still on the site in other languages: %(stories)s. Unpublish them "
        "too if they should go.",
        len(live),
    ) % {
        "stories": "; ".join(
            f"“{title}” ({languages.get(language, language)})"
            for title, language in live
        )
    }


def _state_label_id(article: Article):
    """The state's label, lazily translated (see Article.state_label)."""
    if article.is_scheduled:
        return gettext_lazy("Scheduled")
    return Status(article.status).label


def _default_publication_time(current: Article) -> datetime:
    """Publishing again after unpublishing keeps the first publication time,
    also when the story went back to its reporter in between (returned,
    resubmitted)."""
    if current.published_at and (
        current.status == Status.UNPUBLISHED
        or current.transitions.filter(to_status=Status.UNPUBLISHED).exists()
    ):
        return current.published_at
    return timezone.now()


def article_submit(*, article: Article, user, note: str = "") -> Article:
    """A draft goes to the editors for review."""
    return _transition(article=article, user=user, name="submit", note=note)


def article_withdraw(*, article: Article, user, note: str = "") -> Article:
    """Its reporter takes a story back from review to draft, to change it."""
    return _transition(article=article, user=user, name="withdraw", note=note)


def article_return(*, article: Article, user, note: str) -> Article:
    """An editor sends a story in review, or one taken off the site, back to
    its reporter as a draft, with a note."""
    return _transition(article=article, user=user, name="return", note=note)


def article_publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish now, or schedule when `at` is in the future (goes live by itself)."""
    return _transition(article=article, user=user, name="publish", publish_at=at)


def article_unpublish(*, article: Article, user, note: str = "") -> Article:
    """Take a published or scheduled article off the site."""
    return _transition(article=article, user=user, name="unpublish", note=note)


TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition(
            name="submit",
            label=gettext_lazy("Submit for review"),
            button=gettext_lazy("Save and submit for review"),
            sources=frozenset({Status.DRAFT}),
            target=Status.IN_REVIEW,
            permitted=can_edit,
            service=article_submit,
            done=gettext_lazy("Submitted for review."),
            warning=_headline_still_proposed,
        ),
        Transition(
            name="withdraw",
            label=gettext_lazy("Withdraw to draft"),
            button=gettext_lazy("Save and withdraw to draft"),
            sources=frozenset({Status.IN_REVIEW}),
            target=Status.DRAFT,
            permitted=can_withdraw,
            service=article_withdraw,
            done=gettext_lazy(
                "Withdrawn from review: the story is a draft again. Submit it "
                "when it is ready."
            ),
        ),
        Transition(
            name="return",
            label=gettext_lazy("Return to reporter"),
            button=gettext_lazy("Save and return to reporter"),
            # Unpublished too: a story pulled to be put right goes back to
            # whoever wrote it, who changes it and submits it again.
            sources=frozenset({Status.IN_REVIEW, Status.UNPUBLISHED}),
            target=Status.DRAFT,
            permitted=_editors,
            service=article_return,
            done=gettext_lazy("Returned to the reporter."),
            note_required=True,
        ),
        Transition(
            name="publish",
            label=gettext_lazy("Publish or schedule"),
            button=gettext_lazy(
                "Save and publish (or schedule at the publication time)"
            ),
            # From any state but live: a live story is unpublished first.
            sources=frozenset(
                {Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED, SCHEDULED}
            ),
            target=Status.PUBLISHED,
            permitted=_editors,
            service=article_publish,
            done=gettext_lazy("Published."),
            done_scheduled=gettext_lazy("Scheduled: goes live by itself on %(when)s."),
            takes_time=True,
            primary=True,
        ),
        Transition(
            name="unpublish",
            label=gettext_lazy("Unpublish"),
            button=gettext_lazy("Save and unpublish"),
            sources=frozenset({Status.PUBLISHED, SCHEDULED}),
            target=Status.UNPUBLISHED,
            permitted=_editors,
            service=article_unpublish,
            done=gettext_lazy("Unpublished: the article is off the site."),
            warning=_other_languages_still_live,
        ),
    ]
}


def article_check_version(*, article: Article, expected_version: int | None) -> None:
    """Refuse changes made to `expected_version` of a saved article when it
    has been saved since: raise EditConflict naming what changed.

    Locks the article's row until the end of the caller's transaction, so a
    save in the same transaction goes in on the version checked. A new
    article, or no `expected_version`, is never refused.
    """
    if article.pk is None or expected_version is None:
        return
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current is not None and current != expected_version:
        raise _edit_conflict(article, expected_version, current)


def _edit_conflict(article: Article, base_version: int, current: int) -> EditConflict:
    from newsroom.history import changes_since, find_version

    latest = find_version(article, current)
    return EditConflict(
        current,
        base_version=base_version,
        changes=changes_since(article, base_version),
        saved_by=latest.revision.user if latest else None,
        saved_at=latest.revision.date_created if latest else None,
    )


def article_save(
    *,
    article: Article,
    user,
    expected_version: int | None = None,
    tags: Iterable | None = None,
    agencies: Iterable | None = None,
    people: Iterable | None = None,
    add_token: str = "",
    form_digest: str = "",
) -> Article:
    """Save an editor's or reporter's changes to an article, with its tags
    (names or Tag objects), agencies and people when given (None leaves them
    as they are), and refresh its search vector. Refuses (ValidationError
    on "tags" or "people") more tags or people than a story carries
    (TAGS_MAX, PEOPLE_MAX).

    A new article saved from a form carrying `add_token` (ArticleAddition)
    is saved once: the same form saved again raises AlreadyAdded, naming
    the story the first save made, and saves nothing.

    Refuses (EditConflict, see article_check_version) when the article's
    version is no longer `expected_version`: someone else saved in between.
    Keeps the old slug of an article that has been public so that its old
    address redirects. The slug of a story never published follows its
    headline while it is the one the headline made (_follow_headline). A
    new translation takes its original's comment moderation. Whether the
    byline credits the writer (the author page's list) follows the byline.
    """
    if tags is not None:
        tags = list(tags)
        try:
            check_tag_lengths(tags)
            check_tag_count(tags)
        except ValidationError as error:
            raise ValidationError({"tags": error.error_list}) from None
    if people is not None:
        people = list(people)
        try:
            check_people_count(people)
        except ValidationError as error:
            raise ValidationError({"people": error.error_list}) from None
    with transaction.atomic():
        if article.pk is None:
            if not can_edit(user, None):
                raise PermissionDenied(_("You may not write articles."))
            article.status = Status.DRAFT  # the workflow steps take it further
            if not can_publish(user):
                _keep_publication_fields(article, None)
            article.created_by = article.created_by or user
            _keep_byline_credit(article=article, current=None)
            article.version = 1
            if article.translation_of_id is not None:
                # A new translation starts with its story's comment moderation.
                article.comment_policy = article.translation_of.comment_policy
            article.full_clean()
            addition = (
                _claim_add_token(add_token, user=user, form_digest=form_digest)
                if add_token
                else None
            )
            article.save()
            if addition is not None:
                addition.article = article
                addition.save(update_fields=["article"])
            _keep_first_copy(article)
        else:
            article_check_version(article=article, expected_version=expected_version)
            current = Article.objects.select_for_update().get(pk=article.pk)
            if not can_edit(user, current):
                raise PermissionDenied(_("You may not edit this article."))
            # The workflow fields change only through the transitions above.
            article.status = current.status
            if not can_publish(user):
                _keep_publication_fields(article, current)
            publication_time_check(current=current, published_at=article.published_at)
            if current.needs_headline and article.title != current.title:
                # The title was proposed from the copy's first sentence: one
                # typed over it is the headline, the box left ticked or not.
                article.needs_headline = False
            _follow_headline(article=article, current=current)
            _keep_byline_credit(article=article, current=current)
            article.full_clean()
            article.version = current.version + 1
            article.save()
            if current.slug != article.slug and current.published_at is not None:
                _remember_slug(article=article, old_slug=current.slug)
        if tags is not None:
            article.tags.set(list(tags))
        if agencies is not None:
            article.agencies.set(agencies)
        if people is not None:
            article.people.set(people)
        update_search_vectors([article.pk])
    return article


def _keep_byline_credit(*, article: Article, current: Article | None) -> None:
    """Article.byline_names_writer as the byline and the writer's author
    profile make it (byline_credits_writer()), worked out for a new article
    and when the byline or the writer changed: a profile's new name is kept
    by its save (services.authors.author_profile_save)."""
    if current is not None and (article.byline, article.created_by_id) == (
        current.byline,
        current.created_by_id,
    ):
        return
    name = None
    if article.byline.strip() and article.created_by_id is not None:
        name = (
            AuthorProfile.objects.filter(user_id=article.created_by_id)
            .values_list("name", flat=True)
            .first()
        )
    article.byline_names_writer = byline_credits_writer(article.byline, name)


def _keep_first_copy(article: Article) -> None:
    """A new story's first body is the copy it was written from (a wire
    story pasted and cleaned up, an import): its fingerprint is kept, so the
    same copy pasted or imported later names this story however it was
    edited since (articles.intake.services.stories_holding)."""
    if not article.body:
        return
    # Imported here: the intake service saves its drafts through this one.
    from ..intake.services import copy_fingerprint_keep

    copy_fingerprint_keep(article=article, body=article.body)


def _follow_headline(*, article: Article, current: Article) -> None:
    """A new headline on a story never published (a draft or one in review:
    no reader, feed or link has its address yet) gives it the slug the
    headline makes, when its slug is still the one the old headline made: a
    wire story's slug is not left built from the sentence proposed as its
    title, or from a headline refused as too long. A slug the desk typed by
    hand, or changes in this same save, is kept. Once published (scheduled
    included) the slug never changes by itself."""
    if (
        current.slug_follows_headline
        and article.title != current.title
        and article.slug == current.slug
        and slug_made_from(current.slug, current.title)
    ):
        article.slug = title_slug(article.title, article=article)


def publication_time_check(
    *, current: Article, published_at, unpublishing: bool = False
) -> datetime | None:
    """The publication time a save of `current` keeps, `published_at` asked.

    A story on the site keeps a time that has passed: a time still ahead
    would take it off the site until then, which only the unpublish step
    does. Saved on the way to that step (`unpublishing`), it keeps its stored
    time instead, as publishing again does (_default_publication_time); the
    new time is set once it is off the site, and publishing schedules it
    there. Otherwise ValidationError on `published_at`: the change form asks
    before it saves, article_save refuses. Whatever the state, a time after
    the story's first correction or update is refused (notes_time_check)."""
    if not unpublishing and published_at != current.published_at:
        notes_time_check(article=current, published_at=published_at)
    if current.status != Status.PUBLISHED or current.is_scheduled:
        return published_at
    if published_at is None or published_at <= timezone.now():
        return published_at
    if unpublishing:
        return current.published_at
    raise ValidationError(
        {
            "published_at": _(
                "This story is on the site: a publication time still ahead "
                "would take it off until then. Set a time that has passed. To "
                "schedule it instead, click “%(unpublish)s”: it leaves the "
                "site and keeps its present publication time; then set the "
                "new time and click “%(publish)s”."
            )
            % {
                "unpublish": TRANSITIONS["unpublish"].button,
                "publish": TRANSITIONS["publish"].button,
            }
        }
    )


def notes_time_check(*, article: Article, published_at) -> None:
    """Refuse (ValidationError on `published_at`) a publication time after
    the first correction or update note of `article`: taken off the site and
    scheduled again later, or given a later time that has passed, a story
    showed a note dated before its own publication. Callers check a time
    that changes; a stored one stays whatever it is."""
    if published_at is None or article.pk is None:
        return
    first = (
        Correction.objects.filter(article_id=article.pk)
        .latest_first()
        .values_list("created_at", flat=True)
        .last()
    )
    if first is None or published_at <= first:
        return
    when = date_format(timezone.localtime(first), "DATETIME_FORMAT")
    raise ValidationError(
        {
            "published_at": _(
                "This story has a correction or update of %(when)s: a later "
                "publication time would date the note before the story. Set "
                "%(when)s or earlier."
            )
            % {"when": when}
        }
    )


def _keep_publication_fields(article: Article, current: Article | None) -> None:
    """PUBLICATION_FIELDS as they are in `current` (for a new article: their
    defaults), whatever a reporter's save says."""
    for name in PUBLICATION_FIELDS:
        field = Article._meta.get_field(name)
        value = field.get_default() if current is None else getattr(current, name)
        setattr(article, field.attname, value)


def _remember_slug(*, article: Article, old_slug: str) -> None:
    ArticleSlugHistory.objects.filter(slug=article.slug).delete()
    ArticleSlugHistory.objects.update_or_create(
        slug=old_slug, defaults={"article": article, "changed_at": timezone.now()}
    )


def correction_check_article(*, article: Article) -> None:
    """Refuse (ValidationError) a correction or update note on an article
    that takes none: one not published yet (Article.accepts_corrections)."""
    if not article.accepts_corrections:
        raise ValidationError(
            _("Corrections and updates go on articles that have been published.")
        )


def correction_add(*, article: Article, user, kind: str, text: str) -> Correction:
    """Add a correction or update note to a published article (see
    correction_check_article).

    The article's modified time moves to the note's time. Notes are never
    deleted or edited afterwards.
    """
    if not can_correct(user):
        raise PermissionDenied(_("Only editors add corrections."))
    with transaction.atomic():
        correction = Correction(article=article, kind=kind, text=text, created_by=user)
        correction.full_clean()
        correction_check_article(
            article=Article.objects.select_for_update().get(pk=article.pk)
        )
        correction.save()
        Article.objects.filter(pk=article.pk).update(updated_at=correction.created_at)
    article.updated_at = correction.created_at
    return correction


# Restoring an earlier revision (the admin's history pages).


@dataclass(frozen=True)
class RevisionContent:
    """What restoring a revision of an article saves: its own fields'
    values, its agencies and people, its tags (None: the revision kept
    none), and what it named that is gone for good ("Related meeting: JWG 4
    (deleted)", as history messages), which the restore leaves out (the
    current one is kept)."""

    values: dict
    mentions: dict
    tag_ids: list | None
    left_out: list[list]


def revision_content(*, article: Article, version) -> RevisionContent:
    """The content of `version` (a reversion Version of `article`) as it can
    be restored now. A person or tag merged since comes back as the one kept
    (the duplicate is that person: newsroom.history.successors); a section,
    meeting or featured image deleted since keeps the current one, and
    agencies, people and tags deleted since are left out: both are named in
    `left_out` (successors.left_out_said(), read in each reader's
    language). Raises ValidationError for another article's revision."""
    from newsroom.history import version_field_dict
    from newsroom.history.successors import left_out_said, restorable

    model = version.content_type.model_class()
    if model._meta.concrete_model is not Article or version.object_id != str(
        article.pk
    ):
        raise ValidationError(_("That revision belongs to another article."))
    state = version_field_dict(version)
    values, mentions, left_out = {}, {}, []

    def restore(field, pks: list) -> list:
        found = restorable(field.related_model, pks)
        left_out.extend(left_out_said(field, gone) for gone in found.left_out)
        return found.pks

    for name in CONTENT_FIELDS:
        if name == "tags":
            continue  # kept as tagged items: below
        field = Article._meta.get_field(name)
        if field.attname not in state:
            continue  # a field added after that revision was saved
        value = state[field.attname]
        if field.many_to_many:
            mentions[name] = field.related_model._base_manager.filter(
                pk__in=restore(field, value)
            )
        elif not field.is_relation or value is None:
            values[field.attname] = value
        elif found := restore(field, [value]):
            values[field.attname] = found[0]
    tag_ids = None
    if "tagged_items" in state:
        tag_ids = restore(
            Article._meta.get_field("tags"),
            [item.tag_id for item in state["tagged_items"]],
        )
    return RevisionContent(values, mentions, tag_ids, left_out)


def article_restore(*, article: Article, version, user) -> Article:
    """Bring back an earlier revision's content as a new save of the article.

    Copies CONTENT_FIELDS (with the tags) from `version` (a reversion Version
    of this article), as revision_content() finds them now: a person or tag
    merged since is the one kept; what was deleted since is left out (the
    current section, meeting or image kept), and the revision's comment names
    it. Status, publication time, lead story, author and version counter stay
    as they are: the save goes through article_save (same permission,
    validation and edit lock) and is kept as a new revision.
    """
    from newsroom.history import combine_messages, history_message, revision_moment
    from newsroom.history.successors import not_restored

    content = revision_content(article=article, version=version)
    for attname, value in content.values.items():
        setattr(article, attname, value)
    tags = None
    if content.tag_ids is not None:
        tags = Article._meta.get_field("tags").related_model.objects.filter(
            pk__in=content.tag_ids
        )
    comment = history_message(
        gettext_noop("Restored the revision of %(date)s."),
        date=revision_moment(version),
    )
    comment += not_restored(content.left_out)
    with transaction.atomic(), reversion.create_revision():
        article_save(
            article=article,
            user=user,
            expected_version=article.version,
            tags=tags,
            agencies=content.mentions.get("agencies"),
            people=content.mentions.get("people"),
        )
        reversion.add_to_revision(article)  # with its mentions and tags as set
        reversion.set_user(user)
        reversion.set_comment(combine_messages(comment))
    return article


def article_recover(*, version, user) -> Article:
    """Bring back a deleted article as it was in `version` (a reversion
    Version of it), with its tags, agencies and people, findable again.

    Only editors who may delete articles recover them. Raises
    ValidationError when it would clash with what exists now (its slug has
    been taken); see newsroom.history.version_recover.
    """
    from newsroom.history import version_recover

    model = version.content_type.model_class()
    if model is None or model._meta.concrete_model is not Article:
        raise ValidationError(_("That revision is not of an article."))
    if not can_delete(user):
        raise PermissionDenied(_("You may not recover deleted articles."))
    with transaction.atomic():
        article = version_recover(version=version, user=user)
        update_search_vectors([article.pk])  # revisions do not keep the vector
        # A revision may predate the flag, or the writer's profile's name.
        _keep_byline_credit(article=article, current=None)
        Article.objects.filter(pk=article.pk).update(
            byline_names_writer=article.byline_names_writer
        )
    return article
