"""The discussion under an article as its page shows it: one page of threads,
the reader's own comments still waiting for a moderator, messages about them."""

import functools
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db import router
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsroom import cachetags

from ..comment_checks import read_rendered_at, sign_rendered_at
from ..forms import CommentForm, FlagForm
from ..loading import reusable
from ..models import Article, Comment, CommentFlag
from ..pagination import page_number
from ..reader_state import own_pending
from ..services.comments import comments_as_staff, staff_author_name

# The comment whose reply or report form a page of the discussion opens.
REPLY_PARAMETER = "reply"
REPORT_PARAMETER = "report"


def discussion(request, article: Article, *, form, page_number):
    """The comments under an article: one page of threads, built in Python from
    a fixed number of queries (none when there is nothing to show).

    "Reply" or "Report" asked for a comment (?reply=<id>, ?report=<id>) that
    is not on the page asked (newer threads have pushed it on, or the link
    was made on another page): the page that shows it, three queries more
    (the comment, its page's number, that page), at this address, which the
    page cache never shares; a comment no longer shown: the page asked, with
    a notice where its form would have been."""
    as_staff = comments_as_staff(request.user)
    comments_open = article.comments_open()
    pending = own_pending(request, article)
    page, roots, shown = _shown_page(article, page_number, pending)
    opened = _opened(request) if form is None else None
    gone = None
    if opened is not None and opened[1] not in shown:
        page, roots, shown = _page_showing(
            article, opened[1], page, roots, shown, pending
        )
    if opened is not None and _placeholder_or_none(shown.get(opened[1])):
        gone = _gone_notice(*opened, place_shown=opened[1] in shown)
    cachetags.shows_page(
        request, Comment.PAGE_PARAMETER, page.number if page is not None else 1
    )
    if form is not None:
        reply_to = shown.get(form.reply_to_id)
    else:  # "Reply" under a comment: ?reply=<id>, its form open in place
        reply_to = shown.get(_shown_id(request, REPLY_PARAMETER))
    answers_in_place = (
        comments_open and reply_to is not None and reply_to.accepts_replies
    )
    report = shown.get(_shown_id(request, REPORT_PARAMETER))
    bound_token = form.data.get("rendered_at") if form is not None else None
    blank_form = CommentForm(staff=as_staff)
    fresh_token = sign_rendered_at()
    return {
        "comments": roots,
        "comment_page": page,
        "comments_open": comments_open,
        "comments_as_staff": as_staff,
        "staff_author_name": staff_author_name(request.user) if as_staff else "",
        "comment_form": form,
        # A reply's form stays at its comment; anything else goes on top.
        "reply_to_id": reply_to.pk if answers_in_place else None,
        "reply_form": form if form is not None else blank_form,
        "blank_comment_form": blank_form,
        "comment_form_token": fresh_token,
        "bound_form_token": (
            bound_token if read_rendered_at(bound_token) else fresh_token
        ),
        # The one report form of the page, at the comment asked for.
        "report_id": report.pk if report is not None and report.is_public else None,
        "flag_form": FlagForm(),
        "flag_reasons": flag_reasons() if report is not None else "",
        # "Reply" and "Report" under each comment: links to this page of the
        # discussion with that comment's form open (no form per comment).
        "comment_action_url": _action_url(article, page),
        "comment_pages_url": _pages_url(request, article),
        "comment_messages": _comment_notices(request, shown),
        "comment_gone": gone,
    }


def _shown_page(article: Article, number, pending: list):
    """The page of threads asked for, its top-level comments (the reader's
    own waiting ones first on page 1) and every comment it shows by id."""
    roots, replies, page = [], [], None
    if article.approved_comment_count:
        page, roots, replies = _threads_page(article, number)
    # A comment of the reader's own taken off the site by readers' reports,
    # whose replies are shown: its author sees it, waiting, in its place.
    own = {c.pk: c for c in pending}
    roots = [own.pop(c.pk, c) for c in roots]
    replies = [own.pop(c.pk, c) for c in replies]
    waiting = [c for c in pending if c.pk in own]
    if waiting and (page is None or page.number == 1):
        roots = [c for c in waiting if c.parent_id is None][::-1] + roots
    shown = _build_threads(
        roots,
        replies + [c for c in waiting if c.parent_id],
        own={c.pk for c in pending},
    )
    return page, [c for c in roots if c.pk in shown], shown


def _page_showing(article: Article, pk: int, page, roots, shown, pending):
    """The page of the discussion that shows public comment `pk` of
    `article`, or the page already built when no other one does."""
    comment = (
        Comment.objects.visible().on(article).select_related("root").filter(pk=pk)
    ).first()
    if comment is None:
        return page, roots, shown
    number = Comment.objects.thread_page(comment)
    if page is None or number == page.number:
        return page, roots, shown
    return _shown_page(article, number, pending)


def _opened(request) -> tuple[str, int] | None:
    """The comment whose reply (first) or report form the address opens."""
    for parameter in (REPLY_PARAMETER, REPORT_PARAMETER):
        pk = _shown_id(request, parameter)
        if pk is not None:
            return parameter, pk
    return None


def _gone_notice(parameter: str, pk: int, *, place_shown: bool) -> dict:
    """Said where the form asked for would have been: its link's fragment
    (`#reply-<id>`, `#report-<id>`) lands on it. "No longer shown" only for
    a comment whose place the page shows (a placeholder); any other (waiting
    for a moderator, turned down, on another story, none) is "not shown",
    alike: the address says nothing of a comment readers never saw."""
    if parameter == REPLY_PARAMETER:
        text = (
            _(
                "The comment you are replying to is no longer shown. Write a new "
                "comment instead."
            )
            if place_shown
            else _(
                "The comment you are replying to is not shown in this discussion. "
                "Write a new comment instead."
            )
        )
    elif place_shown:
        text = _("The comment you wanted to report is no longer shown.")
    else:
        text = _("The comment you wanted to report is not shown in this discussion.")
    return {"id": f"{parameter}-{pk}", "text": text}


def _threads_page(article: Article, asked) -> tuple[Page, list, list]:
    """The page of threads asked for, the nearest there is (the first below
    1 or when it is no number, the last past the end: page_number()), its
    top-level comments newest first, and their replies: one query."""
    per_page = settings.COMMENTS_PER_PAGE
    # Deeper than any list is counted: a page past the end, like any other
    # (its offset would not fit the database's integers).
    number = page_number(asked)
    rows = _page_rows(article, number, per_page)
    total = rows[0].threads_total if rows else 0
    if not rows and number != 1:  # no such page: the last one
        total = Comment.objects.threads_on(article).count()
        number = max(-(-total // per_page), 1)
        rows = _page_rows(article, number, per_page)
    paginator = Paginator([], per_page)
    paginator.count = total  # known already: the page's query counted it
    roots = sorted(
        (c for c in rows if c.parent_id is None),
        key=lambda c: (c.created_at, c.pk),
        reverse=True,
    )
    replies = [c for c in rows if c.parent_id is not None]
    return Page(roots, number, paginator), roots, replies


# The first pages of a discussion, whose queries are compiled once each
# (articles.loading.reusable); deeper pages build theirs each time.
COMPILED_PAGES = 3


def _page_rows(article: Article, number: int, per_page: int) -> list:
    """Page `number`'s rows (page_of_threads()): one query, compiled once for
    each of the first COMPILED_PAGES pages."""
    build = functools.partial(_threads_at, number=number, per_page=per_page)
    query = None
    if number <= COMPILED_PAGES:
        key = ("threads", number, per_page, router.db_for_read(Comment))
        query = reusable(key, build, article=int)
    now = timezone.now()
    if query is None:
        return list(build(now, None, article=article.pk))
    return query.run(now, article=article.pk)


def _threads_at(now, day, *, article: int, number: int, per_page: int):
    # Comments have no moment: `now` and `day` are reusable()'s to give.
    return Comment.objects.page_of_threads(article, number, per_page).for_display()


def _shown_id(request, parameter: str) -> int | None:
    value = request.GET.get(parameter, "")
    return int(value) if value.isdecimal() and len(value) < 12 else None


def _action_url(article: Article, page) -> str:
    """The start of the links that open a comment's reply or report form:
    the article's address and this page of the discussion (absolute: a page
    sent back with errors is at the form's address)."""
    on_page = (
        f"{Comment.PAGE_PARAMETER}={page.number}&"
        if page is not None and page.number > 1
        else ""
    )
    return f"{article.get_absolute_url()}?{on_page}"


def _pages_url(request, article: Article) -> str:
    """The start of the links to the other pages of the discussion, the page's
    number to follow: the article's address with the current query but its
    page and any comment's form (the reply form of a comment on page 3
    would turn every page into page 3). Absolute, as _action_url()."""
    query = request.GET.copy()
    for parameter in (Comment.PAGE_PARAMETER, REPLY_PARAMETER, REPORT_PARAMETER):
        query.pop(parameter, None)
    others = f"{query.urlencode()}&" if query else ""
    return f"{article.get_absolute_url()}?{others}{Comment.PAGE_PARAMETER}="


def flag_reasons(chosen: str = "") -> SafeString:
    """The <option>s of the report form."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == chosen else "", label)
            for value, label in CommentFlag.Reason.choices
        ),
    )


def _build_threads(roots: list, replies: list, *, own: set) -> dict:
    """Hang each reply under its parent (`comment.thread`, oldest first); a
    reply to a comment at the deepest level (COMMENTS_MAX_DEPTH) beside it,
    under the nearest comment above it that is less deep, and a reply whose
    parent is not shown under its thread's top comment. A reply hung under
    another comment than the one it answers says whom it answers
    (`comment.answers`, when that comment is shown; None otherwise), or
    that it answers a comment no longer shown (`comment.answers_removed`:
    nothing of that comment, not even its id).

    A comment that is neither public nor the reader's own (`own`: ids) is a
    placeholder (`comment.is_placeholder`: "This comment was removed.") kept
    for the public replies below it, and left out when none is. Returns the
    shown comments by id."""
    root_ids = {c.pk for c in roots}
    shown = {c.pk: c for c in roots}
    shown.update((c.pk, c) for c in replies if c.root_id in root_ids)
    children = defaultdict(list)
    under = {}
    for reply in sorted(shown.values(), key=lambda c: (c.created_at, c.pk)):
        if reply.parent_id is None:
            continue
        under[reply.pk] = _hung_under(reply, shown)
        children[under[reply.pk]].append(reply)
    for comment in shown.values():
        comment.thread = []
        comment.notices = []
        comment.is_placeholder = not comment.is_public and comment.pk not in own
    left_out = set()

    def keep(comment) -> bool:
        comment.thread = [reply for reply in children[comment.pk] if keep(reply)]
        if comment.is_placeholder and not comment.thread:
            left_out.add(comment.pk)
            return False
        return True

    for root in roots:
        keep(root)
    kept = {pk: c for pk, c in shown.items() if pk not in left_out}
    for comment in kept.values():
        answers = kept.get(comment.parent_id)
        elsewhere = comment.parent_id != under.get(comment.pk, comment.parent_id)
        shown_answers = answers is not None and not answers.is_placeholder
        comment.answers = answers if elsewhere and shown_answers else None
        comment.answers_removed = elsewhere and not shown_answers
    return kept


def _hung_under(reply, shown: dict) -> int:
    """The id of the comment `reply` is shown under: its parent, or for a
    reply as deep as its parent, the nearest comment above both that is
    less deep; its thread's top comment when none of them is shown."""
    above = shown.get(reply.parent_id)
    while above is not None and above.depth >= reply.depth:
        above = shown.get(above.parent_id)
    return above.pk if above is not None else reply.root_id


def _placeholder_or_none(comment) -> bool:
    """Whether a comment asked for by the address is not on the page, or
    only as the place of a comment no longer shown."""
    return comment is None or comment.is_placeholder


def _comment_notices(request, shown: dict) -> list:
    """Messages for the top of the discussion; one about a comment on the page
    goes next to that comment instead, where the reader lands."""
    general = []
    for message in messages.get_messages(request):
        target = None
        for tag in message.extra_tags.split():
            if tag.startswith("comment-") and tag[8:].isdecimal():
                target = shown.get(int(tag[8:]))
        if target is None:
            general.append(message)
        else:
            target.notices.append(message)
    return general
