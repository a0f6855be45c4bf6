"""The start page of the admin (the desk): what each role has to do now.

One panel per list of work: a title, how many there are in all, the first
few, and the page where the whole list is worked on. A person sees the
panels of every role they hold (by permission, as the workflow decides):

- reporter (writes stories, does not publish them): their drafts, their
  stories returned by an editor with the editor's note, those waiting for
  review (when submitted), their scheduled and recently published stories;
- editor (publishes): the review queue, scheduled stories, recent
  corrections and updates;
- moderator (moderates comments): comments waiting for moderation and
  comments readers reported.

Every panel costs two queries (its count and its first items), whatever
it holds.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article, Comment, Correction
from .permissions import can_publish

PANEL_ITEMS = 5  # items shown in a panel; its count says how many in all
RECENT_DAYS = 7  # "recently published", "recent corrections"

MODERATE = "articles.change_comment"
WRITE = "articles.add_article"


@dataclass
class Panel:
    key: str  # the panel's HTML id
    item: str  # how an item reads: admin/desk/item_<item>.html
    title: str
    count: int
    items: list
    more_url: str  # the page where the whole list is worked on
    empty: str  # what an empty panel says


@dataclass
class Role:
    key: str
    title: str
    panels: list[Panel]


def admin_url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(f"admin:{name}", args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _panel(key, item, title, queryset, *, more_url, empty, items=None) -> Panel:
    """A panel of `queryset`: its count, and its first PANEL_ITEMS rows
    (`items`, when given, is the queryset the rows are read from)."""
    rows = list((items if items is not None else queryset)[:PANEL_ITEMS])
    return Panel(key, item, title, queryset.count(), rows, more_url, empty)


def is_reporter(user) -> bool:
    return user.has_perm(WRITE) and not can_publish(user)


def is_moderator(user) -> bool:
    return user.has_perm(MODERATE)


def reporter_panels(user, now=None) -> list[Panel]:
    """A reporter's own stories, by where they stand."""
    now = now or timezone.now()
    mine = Article.objects.by_author(user).select_related("section", "created_by")
    article_list = "articles_article_changelist"
    own = {"created_by__exact": user.pk}
    returned = mine.returned().order_by("-last_step_at", "-id")
    return [
        _panel(
            "returned",
            "returned",
            _("Returned to you"),
            returned,
            more_url=admin_url(article_list, query={**own, "status__exact": "draft"}),
            empty=_("No story is waiting for your changes."),
        ),
        _panel(
            "drafts",
            "article",
            _("Your drafts"),
            mine.drafts().not_returned().order_by("-updated_at", "-id"),
            more_url=admin_url(article_list, query={**own, "status__exact": "draft"}),
            empty=_("No drafts."),
        ),
        _panel(
            "my_review",
            "in_review",
            _("In review"),
            # Latest submitted first; the latest step is the submission.
            mine.in_review().with_last_step().order_by("-last_step_at", "-id"),
            more_url=admin_url(
                article_list, query={**own, "status__exact": "in_review"}
            ),
            empty=_("None of your stories is waiting for review."),
        ),
        _panel(
            "my_scheduled",
            "scheduled",
            _("Your scheduled stories"),
            mine.scheduled(now),
            more_url=admin_url(
                article_list, query={**own, "status__exact": "published"}
            ),
            empty=_("None of your stories is scheduled."),
        ),
        _panel(
            "my_published",
            "published",
            _("Published in the last 7 days"),
            mine.published(now)
            .published_since(now - timedelta(days=RECENT_DAYS))
            # latest_first() orders by publication, newest first.
            .latest_first(),
            more_url=admin_url(
                article_list, query={**own, "status__exact": "published"}
            ),
            empty=_("Nothing of yours was published in the last 7 days."),
        ),
    ]


def editor_panels(user, now=None) -> list[Panel]:
    """The desk's queue, its schedule and its latest corrections."""
    now = now or timezone.now()
    articles = Article.objects.select_related("section", "created_by")
    corrections = Correction.objects.since(now - timedelta(days=RECENT_DAYS))
    return [
        _panel(
            "review",
            "review",
            _("Waiting for review"),
            articles.review_queue(),
            more_url=admin_url("articles_articleinreview_changelist"),
            empty=_("No story is waiting for review."),
        ),
        _panel(
            "scheduled",
            "scheduled",
            _("Scheduled"),
            articles.scheduled(now),
            more_url=admin_url(
                "articles_article_changelist", query={"status__exact": "published"}
            ),
            empty=_("No story is scheduled."),
        ),
        _panel(
            "corrections",
            "correction",
            _("Corrections in the last 7 days"),
            corrections,
            items=corrections.select_related("article", "created_by").latest_first(),
            more_url=admin_url("articles_article_changelist"),
            empty=_("No correction or update in the last 7 days."),
        ),
    ]


def moderator_panels(user, now=None) -> list[Panel]:
    """The moderation queue, as its two filters split it."""
    comments = Comment.objects.select_related("article")
    queue = "articles_comment_changelist"
    return [
        _panel(
            "pending",
            "comment",
            _("Comments waiting for moderation"),
            comments.pending().order_by("created_at", "id"),
            more_url=admin_url(queue, query={"status": Comment.Status.PENDING}),
            empty=_("No comment is waiting."),
        ),
        _panel(
            "reported",
            "comment",
            _("Comments reported by readers"),
            comments.flagged().order_by("-flag_count", "created_at", "id"),
            more_url=admin_url(queue, query={"status": "flagged"}),
            empty=_("No comment has been reported."),
        ),
    ]


def start_page(user, now=None) -> list[Role]:
    """The panels of each role `user` holds, in the order the desk works."""
    roles = []
    if is_reporter(user):
        roles.append(Role("reporter", _("Your stories"), reporter_panels(user, now)))
    if can_publish(user):
        roles.append(Role("editor", _("The desk"), editor_panels(user, now)))
    if is_moderator(user):
        roles.append(
            Role("moderator", _("Reader comments"), moderator_panels(user, now))
        )
    return roles
