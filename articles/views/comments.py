"""Readers write: a comment or a reply, and a report of a comment."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from newsroom import cachetags
from newsroom.bilingual import alternates
from newsroom.dates import clock_time

from .. import ratelimits, services
from ..forms import CommentForm, FlagForm
from ..models import Article, Comment, CommentReason
from ..ratelimits import client_ip
from ..reader_state import keep_reader_key, reader_key, remember_pending
from ..services.comments import MESSAGES, comments_as_staff
from .articles import published_translations, render_article
from .discussion import flag_reasons


def _reportable(pk: int) -> Comment:
    """The comment a report is about, under a published story: approved, or
    taken off the site since (is_public False: _nothing_to_report). One
    readers never saw is not found, as one that does not exist: the answer
    says nothing of it, nor which story it was sent to."""
    return get_object_or_404(
        Comment.objects.seen_by_readers()
        .filter(article__in=Article.objects.published())
        .select_related("article"),
        pk=pk,
    )


def _story(pk: int) -> Article:
    """The story a comment is sent to: on the site, or taken off it since
    (its page is shown only while is_public: _render_comment_form). One
    readers never saw (a draft, in review, scheduled) is not found, as an id
    no story has: the answer says nothing of it, nor keeps anything."""
    return get_object_or_404(Article.objects.once_public().for_detail(), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def comment_create(request, pk: int):
    """A reader's comment or reply, sent from the form under the article
    (POST). A comment that cannot be posted comes back at this address
    (_send_back), which a visit (GET, HEAD) shows to the reader who sent it;
    anyone else is sent on to the story's discussion."""
    if request.method != "POST":
        return _comment_sent_back(request, pk)
    article = _story(pk)
    as_staff = comments_as_staff(request.user)
    form = CommentForm(request.POST, staff=as_staff)
    if not article.is_public:  # unpublished while the reader wrote
        return _send_back(request, article, form, status=404)
    if not article.comments_open():
        form.add_error(None, MESSAGES["comments_closed"])
        return _send_back(request, article, form, status=403)
    if not form.is_valid():  # cannot be read: a NUL character, no such parent
        return _send_back(request, article, form, status=400)
    data = form.cleaned_data
    try:
        result = services.comment_create(
            article=article,
            text=data["text"],
            author_name=data.get("author_name", ""),
            author_email=data.get("author_email", ""),
            user=request.user,  # staff comment as themselves (comments_as_staff)
            parent=data["parent"],
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            form_token=data["rendered_at"],
            honeypot=data["website"],
        )
    except services.CommentsClosed:
        form.add_error(None, MESSAGES["comments_closed"])
        return _send_back(request, article, form, status=403)
    except services.RateLimited as limited:
        form.add_error(
            None,
            _try_again_message(
                limited.retry_after, shared="comment" not in limited.scopes
            ),
        )
        response = _send_back(request, article, form, status=429)
        if response.status_code == 429:
            response["Retry-After"] = str(limited.retry_after)
        return response
    except ValidationError as error:
        form.add_service_errors(error)
        return _send_back(request, article, form, status=400)
    if (
        result.outcome == services.CommentOutcome.REJECTED
        and CommentReason.Code.DUPLICATE in result.reasons
    ):
        # The same text sent a moment ago under another story, or as
        # another reply: back to its reader, what they typed kept (it had
        # been emptied, with words that read as if it were posted).
        form.add_error(None, MESSAGES["comment_duplicate"])
        return _send_back(request, article, form, status=409)
    response = _comment_sent(request, article, result)
    _forget_sent_back(request, response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def comment_flag(request, pk: int):
    """A reader reports an approved comment to the moderators (POST). A
    report that is not sent comes back at this address (_report_again),
    which a visit (GET, HEAD) shows to the reader who sent it; anyone else
    is sent on to the reported comment. A comment taken off the site
    meanwhile leaves nothing to report (_nothing_to_report)."""
    comment = _reportable(pk)
    if not comment.is_public:
        return _nothing_to_report(request, comment)
    back = comment.get_absolute_url()
    if request.method != "POST":
        return _sent_back_page(
            request,
            elsewhere=back,
            show=lambda kept: _render_report_again(
                request,
                comment,
                FlagForm.kept(kept["form"]),
                kept["message"],
                limited=kept["limited"],
                status=200,
            ),
        )
    form = FlagForm(request.POST)
    if not form.is_valid():  # what was sent cannot be read (a NUL character)
        return _report_again(request, comment, form, _form_errors(form), status=400)
    key, new_key = reader_key(request)
    try:
        _flag, created = services.comment_flag(
            comment=comment,
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
            reader_key=key,
            user=request.user if request.user.is_authenticated else None,
            ip=client_ip(request),
        )
    except services.RateLimited as limited:
        response = _report_again(
            request,
            comment,
            form,
            _try_again_message(limited.retry_after, report=True),
            status=429,
        )
        if response.status_code == 429:
            response["Retry-After"] = str(limited.retry_after)
        return response
    except ValidationError as error:
        # "Other" without a word of what: the report was sent back to the
        # comment closed, the reason chosen lost.
        return _report_again(
            request, comment, form, " ".join(error.messages), status=400
        )
    if created:
        text = _("Thank you for your report. A moderator will look at this comment.")
        _comment_message(request, comment, messages.SUCCESS, text)
    else:
        text = _("You have already reported this comment. Thank you, once is enough.")
        _comment_message(request, comment, messages.INFO, text)
    response = _see_other(back)
    if new_key:
        keep_reader_key(request, response, new_key)
    _forget_sent_back(request, response)
    return response


def _nothing_to_report(request, comment: Comment):
    """A report of a comment no longer shown (removed, rejected, marked as
    spam or hidden by readers' reports since the form was opened): a page
    of the story's that says so, with the way back to its discussion,
    whatever was sent. A POST answers 303 to the form's own address, which
    shows it (Post/Redirect/Get: reloading sends nothing); a report kept
    there before is forgotten. 404: there is no comment to report there."""
    if request.method == "POST":
        return _see_other(f"{request.path}#report-problem")
    article = comment.article
    response = render(
        request,
        "articles/comment_flag_gone.html",
        {
            "article": article,
            "back": f"{article.get_absolute_url()}#comments",
            "message": MESSAGES["flag_comment_gone"],
            "alternates": alternates(request, article, published_translations(article)),
        },
        status=404,
    )
    add_never_cache_headers(response)  # the comment may be restored
    _forget_sent_back(request, response)
    return response


def _comment_sent(request, article: Article, result):
    """Tell the reader what became of their comment, on the article page."""
    outcome = services.CommentOutcome
    comment = result.comment
    if result.outcome == outcome.DROPPED:
        # The trap field was filled: the bot is told what a person would be.
        messages.success(
            request, _("Thank you — your comment is waiting for moderation.")
        )
        return _see_other(article.get_absolute_url() + "#comments")
    if result.sent_again:  # the same form twice at once: the first copy's answer
        if result.outcome == outcome.QUEUED:
            remember_pending(request, comment)
            text = _(
                "You sent this comment a moment ago; it is posted once and is "
                "waiting for moderation."
            )
        else:
            text = _("You sent this comment a moment ago; it is posted once.")
        _comment_message(request, comment, messages.SUCCESS, text)
        return _see_other(comment.get_absolute_url())
    if result.outcome == outcome.REJECTED:
        text = _(
            "Your comment was not accepted. It breaks the discussion rules "
            "or repeats a comment sent a moment ago."
        )
        messages.error(request, text)
        return _see_other(article.get_absolute_url() + "#comments")
    if result.outcome == outcome.QUEUED:
        remember_pending(request, comment)
        if CommentReason.Code.FORM_REUSED in result.reasons:
            text = _(
                "Thank you — your comment is waiting for moderation: the form "
                "had already sent a comment, so a moderator reads this one "
                "first. For your next comment, use the form on a freshly "
                "loaded page."
            )
        else:
            text = _("Thank you — your comment is waiting for moderation.")
    else:
        text = _("Thank you — your comment is published.")
    _comment_message(request, comment, messages.SUCCESS, text)
    return _see_other(comment.get_absolute_url())


def _report_again(request, comment: Comment, form, message: str, *, status: int):
    """The report back to its reader, as they filled it in, with why it was
    not sent (`message`), to send again: over the limit (429) or refused by
    the rules (400). A redirect to the page that shows it (_keep_for_reader),
    or, when it cannot be kept, that page as the POST's answer (`status`)."""
    limited = status == 429
    kept = {"form": form.to_keep(), "message": message, "limited": limited}
    response = _keep_for_reader(request, kept, anchor="report-problem")
    if response is None:
        response = _render_report_again(
            request, comment, form, message, limited=limited, status=status
        )
    return response


def _render_report_again(
    request, comment: Comment, form, message: str, *, limited: bool, status: int
):
    """The page of a report that was not sent: why (`message`; `limited`:
    too many reports at once), the comment it is about, and the report form
    as the reader filled it in."""
    if limited:
        heading = _("Please wait a moment")
        advice = _("Your report is kept below: send it again when the time has passed.")
    else:
        heading = _("Your report was not sent")
        advice = _("Your report is kept below: complete it and send it again.")
    return render(
        request,
        "articles/comment_flag_again.html",
        {
            "comment": comment,
            "back": comment.get_absolute_url(),
            "flag_form": form,
            "flag_reasons": flag_reasons(form.data.get("reason", "")),
            # The switcher leads to the story in each edition: this address
            # shows the report to its reader alone (others are sent on).
            "alternates": alternates(
                request, comment.article, published_translations(comment.article)
            ),
            "heading": heading,
            "message": message,
            "advice": advice,
        },
        status=status,
    )


def comment_without_token(request, pk: int, *, missing: bool = True):
    """A comment that failed the CSRF check: sent without its token, from a
    page the page cache shared, by a browser that runs no script
    (static/js/comment_tokens.js fetches the token otherwise), or with a
    token that no longer matches the reader's cookie (`missing` False).
    Nothing is sent, nothing is lost; the form comes back filled in, now
    with this reader's token, to be sent again; to a story no longer public,
    to copy (_render_story_gone)."""
    article = _story(pk)
    form = CommentForm(request.POST, staff=comments_as_staff(request.user))
    if not article.is_public:
        if not missing:  # perhaps forged: nothing kept, as below
            return _render_comment_form(request, article, form, status=404)
        return _send_back(request, article, form, status=404)
    # Nothing wrong with what was sent (as the form and the comment service
    # read it): the form says it is ready, not that it failed. Otherwise it
    # says what to change at once: a comment too long had been called ready,
    # then refused at the second press.
    form.only_to_send_again = form.is_valid()
    if form.only_to_send_again:
        data = form.cleaned_data
        try:
            services.comment_check(
                article=article,
                text=data["text"],
                author_name=data.get("author_name", ""),
                author_email=data.get("author_email", ""),
                user=request.user,
                parent=data["parent"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            form.only_to_send_again = False
    if not form.only_to_send_again:
        problem = _(
            "Your comment has not been sent yet: change what is marked, then "
            "send it again."
        )
    elif missing:
        # Said in a reader's words: the first press collected the page's
        # security token (the page cache's copy carries none).
        problem = _(
            "Your comment is ready but has not been sent yet: press the send "
            "button once more to send it. Nothing you wrote is lost."
        )
    else:
        problem = _(
            "Your comment is ready but has not been sent yet: press the send "
            "button once more. (The page’s security check was out of date, "
            "because the page was open in another tab or your cookies were "
            "cleared; it has now been renewed.)"
        )
    form.add_error(None, problem)
    if not missing:
        # Perhaps a post forged on another site (its origin is not checked
        # apart): answered here, nothing kept for the reader's browser.
        return _render_comment_form(request, article, form, status=403)
    return _send_back(request, article, form, status=403)


# A comment that cannot be posted (a rule, a rate limit, the closed
# discussion, a missing token), or a report that is not sent, comes back to
# its reader from a GET: the POST answers 303 to the form's own address,
# which shows the form as it was sent and why it came back (with the article,
# or the reported comment) (Post/Redirect/Get). Back, Forward
# and reload never send the form again nor ask to ("Confirm Form
# Resubmission", ERR_CACHE_MISS). What the reader typed is kept in the cache
# (shared by the app servers) for SENT_BACK_SECONDS under a random key, in a
# signed cookie sent to that address alone (its path): no other page reads
# it, pages stay shared, and the page it shows is never stored (no-store).
SENT_BACK_COOKIE = "newsroom_sent_back"
SENT_BACK_SALT = "articles.views.comments.sent_back"
SENT_BACK_SECONDS = 60 * 60
SENT_BACK_PREFIX = "newsroom.sent-back."


def _send_back(request, article: Article, form: CommentForm, *, status: int):
    """The comment form back to its reader, with what they typed and why it
    was not posted: a redirect to the page that shows it (_comment_sent_back),
    or, when it cannot be kept, that page as the POST's answer (`status`)."""
    response = _keep_for_reader(request, form.to_keep(), anchor="comment-errors")
    if response is None:
        response = _render_comment_form(request, article, form, status=status)
    return response


def _keep_for_reader(request, kept: dict, *, anchor: str):
    """Keep `kept` (a form sent back: what the page that shows it needs) for
    this reader at this address, and the 303 to it, at `#anchor`; None when
    it cannot be kept, to be shown at once as the POST's answer: the cache
    does not answer, or the network sent back more forms than
    READER_RATES["comment_sent_back"] allows (so that a flood of refused
    posts cannot fill the cache). The one rule of comments and reports."""
    # A new key each time: a key planted in the reader's browser (by a
    # neighbouring subdomain) never gets what they type.
    key = secrets.token_urlsafe(24)
    network = ratelimits.ip_network(client_ip(request))
    try:
        if ratelimits.hit("comment_sent_back", {"network": network}):
            return None
        cache.set(
            SENT_BACK_PREFIX + key, {"path": request.path, **kept}, SENT_BACK_SECONDS
        )
        if earlier := _sent_back_key(request):
            cache.delete(SENT_BACK_PREFIX + earlier)
    except ratelimits.Unavailable:
        return None
    except Exception as error:  # any cache backend error
        cachetags.unavailable("forms sent back", error)
        return None
    response = _see_other(f"{request.path}#{anchor}")
    response.set_signed_cookie(
        SENT_BACK_COOKIE,
        key,
        salt=SENT_BACK_SALT,
        max_age=SENT_BACK_SECONDS,
        path=request.path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _comment_sent_back(request, pk: int):
    """The article with the comment form this reader sent that came back
    (_send_back), as they sent it, and why; or, for anyone else, a redirect
    to the story's discussion (not found when the story is no longer public:
    its address is not given away)."""
    article = _story(pk)
    return _sent_back_page(
        request,
        elsewhere=f"{article.get_absolute_url()}#comments"
        if article.is_public
        else None,
        show=lambda kept: _render_comment_form(
            request,
            article,
            CommentForm.kept(kept, staff=comments_as_staff(request.user)),
            status=200,
        ),
    )


def _sent_back_page(request, *, show, elsewhere: str | None):
    """A visit to a form's address: for the reader whose form came back
    there (_keep_for_reader), `show(kept)`, the page with the form as they
    sent it and why; for anyone else (or after the hour) a redirect to
    `elsewhere` (None: not found). Never stored: the reader's own."""
    kept = _kept_form(request)
    if kept is None:
        if elsewhere is None:
            raise Http404
        response = HttpResponseRedirect(elsewhere)
    else:
        # The reader's own page: its forms carry this reader's tokens, not
        # the blanks of a page the cache shares (templates/includes/form_token.html).
        request.page_is_shared = False
        response = show(kept)
    add_never_cache_headers(response)
    return response


def _sent_back_key(request) -> str | None:
    return request.get_signed_cookie(
        SENT_BACK_COOKIE, default=None, salt=SENT_BACK_SALT, max_age=SENT_BACK_SECONDS
    )


def _kept_form(request) -> dict | None:
    """The form kept for this reader at this address (_keep_for_reader), or
    None."""
    key = _sent_back_key(request)
    if not key:
        return None
    try:
        kept = cache.get(SENT_BACK_PREFIX + key)
    except Exception as error:  # any cache backend error
        cachetags.unavailable("forms sent back", error)
        return None
    if not isinstance(kept, dict) or kept.get("path") != request.path:
        return None
    return kept


def _forget_sent_back(request, response) -> None:
    """Once the comment or report is sent, forget the form kept for it, and
    its cookie."""
    if SENT_BACK_COOKIE not in request.COOKIES:
        return
    if key := _sent_back_key(request):
        try:
            cache.delete(SENT_BACK_PREFIX + key)
        except Exception as error:  # any cache backend error; it expires
            cachetags.unavailable("forms sent back", error)
    response.delete_cookie(SENT_BACK_COOKIE, path=request.path, samesite="Lax")


def _render_comment_form(request, article, form: CommentForm, *, status: int):
    """The article page again, with the reader's form, what they typed and why
    it was not sent; a reply shows on the page of the discussion it answers.
    A story no longer public is never shown: _render_story_gone."""
    if not article.is_public:
        return _render_story_gone(request, form, status=status)
    parent = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
    page = Comment.objects.thread_page(parent) if parent else None
    return render_article(
        request, article, comment_form=form, thread_page=page, status=status
    )


def _render_story_gone(request, form: CommentForm, *, status: int):
    """A comment sent to a story taken off the site while the reader wrote
    (one never on it is not found: _story): that it is no longer on the
    site, and their text to copy, with nothing to send it with. Nothing of
    the story (its headline, its address): an unpublished story is nobody's
    to see. Whatever the form came back with before, this is why now."""
    return render(
        request,
        "articles/comment_story_gone.html",
        {"f": form, "message": MESSAGES["story_gone"]},
        status=status,
    )


def _comment_message(request, comment: Comment, level: int, text: str) -> None:
    messages.add_message(request, level, text, extra_tags=f"comment-{comment.pk}")


def _try_again_message(
    retry_after: int, *, report: bool = False, shared: bool = False
) -> str:
    """When to send again; `shared`: the limit of a network (or an email)
    many readers share was reached, not this reader's own."""
    when = clock_time(timezone.now() + timedelta(seconds=retry_after))
    if retry_after < 90:
        wait = ngettext("%(count)d second", "%(count)d seconds", retry_after) % {
            "count": retry_after
        }
    else:
        minutes = -(-retry_after // 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {
            "count": minutes
        }
    if report:
        text = _(
            "You have sent several reports in a short time. Please try again "
            "in %(wait)s, at %(time)s."
        )
    elif shared:
        text = _(
            "Many comments are coming from your network or with your email "
            "address right now. Please wait %(wait)s and send it again, at "
            "%(time)s or later. Your text is kept below."
        )
    else:
        text = _(
            "You are sending comments faster than we allow. Please wait "
            "%(wait)s and send it again, at %(time)s or later. Your text is "
            "kept below."
        )
    return text % {"wait": wait, "time": when}


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
