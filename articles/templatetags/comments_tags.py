"""Reader comments in templates: their text as safe HTML, their page links,
and their threads rendered once for what they show (comment_thread)."""

import re

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..fragments import Fragments, written_in
from ..text import ascii_host, clean_reader_text, reader_links  # noqa: F401

register = template.Library()

LINK_TEXT_LENGTH = 60
LINK_REL = "nofollow ugc noopener"
PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _link(url: str) -> str:
    shown = url if len(url) <= LINK_TEXT_LENGTH else url[: LINK_TEXT_LENGTH - 1] + "…"
    return f'<a href="{escape(url)}" rel="{LINK_REL}">{escape(shown)}</a>'


def _linked(text: str) -> str:
    """Escaped text with its http(s) addresses as links."""
    parts = []
    position = 0
    for start, end, target in reader_links(text):
        parts.append(escape(text[position:start]))
        parts.append(_link(target))
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def _look_alike(typed: str, target: str) -> str:
    """An address as readers get it (punycode), marked when its host was
    written otherwise: in letters that are not plain ASCII, it may not be
    the site it looks like."""
    if typed == target:
        return escape(target)
    return format_html(
        '<mark class="look-alike">{}</mark> <strong class="look-alike__note">'
        "(⚠ {})</strong>",
        target,
        gettext("look-alike address: its name is written in another script"),
    )


@register.filter(is_safe=False)
def links_as_readers_get_them(text: str, length: int | None = None) -> SafeString:
    """A reader's text as plain escaped text, not links (a quote, a moderator's
    view), its addresses written as readers' links lead (reader_links()),
    a look-alike host marked; cut to about `length` characters with "…", an
    address never cut (a cut host would read as another one)."""
    text = clean_reader_text(text or "")
    parts, position, room, cut = [], 0, length, False

    def plain(run: str) -> None:
        nonlocal room, cut
        if room is not None and run and len(run) > room:
            run, cut = run[: max(room - 1, 0)], True
        parts.append(escape(run))
        if room is not None:
            room -= len(run)

    for start, end, target in reader_links(text):
        plain(text[position:start])
        if cut or (room is not None and room <= 0):
            cut = True
            break
        parts.append(_look_alike(text[start:end], target))
        if room is not None:
            room -= len(target)
        position = end
    else:
        plain(text[position:])
    if cut:
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every character is escaped


@register.filter(is_safe=False)
def comment_text(text: str) -> SafeString:
    """A reader's plain text as HTML: escaped, paragraphs and line breaks kept,
    http and https addresses made into links that search engines do not follow.

    Nothing else becomes markup (no Markdown, no HTML, no pictures), and no
    address is ever fetched. Invisible direction and zero-width controls are
    left out (comments kept before they were removed on saving may hold
    some), and a link's non-ASCII host name shows in punycode.
    """
    text = clean_reader_text(text or "")
    paragraphs = [p.strip("\n") for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    html = "\n".join(
        "<p>{}</p>".format(_linked(p).replace("\n", "<br>\n")) for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every character of the input is escaped


THREAD_TEMPLATE = "includes/comment.html"
REMEMBERED_THREADS = 4096  # threads a process keeps
_threads = Fragments(REMEMBERED_THREADS)


def thread_key(comment) -> tuple | None:
    """Everything includes/comment.html shows of `comment` and its replies
    (`comment.thread`), or None when the thread is not the same for every
    reader: a comment waiting for moderation (its author's own) or a message
    beside one. A field the template starts to show must be added here."""
    if not comment.is_public or comment.notices:
        return None
    replies = []
    for reply in comment.thread:
        key = thread_key(reply)
        if key is None:
            return None
        replies.append(key)
    return (
        comment.pk,
        comment.status,
        comment.user_id is not None,
        comment.author_name,
        comment.created_at,
        comment.edited_at,
        comment.text,
        comment.depth,
        _answered(comment),
        tuple(replies),
    )


def _answered(comment) -> tuple | None:
    """The comment a reply says it answers ("in reply to …": shown when it
    is not the one it hangs under), as the template shows it: its id and
    author, or only that it was removed."""
    answers = getattr(comment, "answers", None)
    if answers is not None:
        return (answers.pk, answers.author_name)
    return ("removed",) if getattr(comment, "answers_removed", False) else None


@register.simple_tag(takes_context=True)
def comment_thread(context, comment):
    """`comment` and its replies: the HTML of
    `{% include "includes/comment.html" %}`, rendered once for what it shows
    and kept in the process (content-addressed: never stale, nothing to
    invalidate). Rendered each time while a reply or report form is open on
    the page, and for a thread thread_key() cannot name."""
    key = None
    if context.get("reply_to_id") is None and context.get("report_id") is None:
        shown = thread_key(comment)
        if shown is not None:
            key = (
                shown,
                bool(context.get("comments_open")),
                context.get("comment_action_url"),
                *written_in(context.get("LANGUAGE_CODE")),
                settings.COMMENTS_MAX_DEPTH,
            )
            html = _threads.get(key)
            if html is not None:
                return mark_safe(html)  # noqa: S308 - the template's own output
    thread = context.template.engine.get_template(THREAD_TEMPLATE)
    with context.push(comment=comment):
        html = thread.render(context)
    if key is not None:
        _threads.keep(key, html)
    return mark_safe(html)  # noqa: S308
