"""Reader comments in templates: their text as safe HTML, their page links,
and their threads rendered once for what they show (comment_thread)."""

import re
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..fragments import Fragments, written_in
from ..text import clean_reader_text

register = template.Library()

# An http(s) address up to the next space, quote or angle bracket. Only these two
# schemes ever become links: no www., no bare domains, no mailto:, no javascript:.
URL = re.compile(r"(?<![\w@/.:])https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?*_~"  # punctuation that ends a sentence, not the address
PAIRS = {")": "(", "]": "[", "}": "{"}
LINK_TEXT_LENGTH = 60
LINK_REL = "nofollow ugc noopener"
PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _trim(url: str) -> str:
    """The address without what the sentence around it added at its end."""
    while url:
        last = url[-1]
        if last in TRAILING:
            url = url[:-1]
        elif last in PAIRS and url.count(last) > url.count(PAIRS[last]):
            url = url[:-1]
        else:
            break
    return url


def ascii_host(url: str) -> str | None:
    """The address with a non-ASCII host name written in punycode (IDNA), as
    the browser will request it; None when the host is not a valid name, or
    when the address carries a user name before it (`user@host`), with which
    `https://bank.example@evil.example/` reads as the bank and leads
    elsewhere: such an address stays plain text.

    Any non-ASCII host is converted, not only one that mixes scripts: a host
    written wholly in Cyrillic can look exactly like a Latin one (аррӏе.com),
    and telling look-alikes apart needs confusable tables we do not keep.
    Names in other scripts are rare in an Indonesian newsroom's comments;
    a reader can still follow the link.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return None
    if "@" in parts.netloc:
        return None
    if host.isascii():
        return url
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return urlunsplit(parts._replace(netloc=f"{encoded}{port}"))


def _link(url: str) -> str:
    shown = url if len(url) <= LINK_TEXT_LENGTH else url[: LINK_TEXT_LENGTH - 1] + "…"
    return f'<a href="{escape(url)}" rel="{LINK_REL}">{escape(shown)}</a>'


def _linked(text: str) -> str:
    """Escaped text with its http(s) addresses as links."""
    parts = []
    position = 0
    for match in URL.finditer(text):
        url = _trim(match.group())
        if "://" not in url or url.endswith("://"):
            continue
        target = ascii_host(url)
        if target is None:  # not a host name a browser would go to: plain text
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(_link(target))
        position = match.start() + len(url)
    parts.append(escape(text[position:]))
    return "".join(parts)


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
        tuple(replies),
    )


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
