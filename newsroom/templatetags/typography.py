"""Headline typography: `{{ article.title|keep_tokens }}` keeps tokens such as
"ke-4", "JWG-4" and "4-nation" on one line.

Why a span rather than a non-breaking hyphen (U+2011): the span changes only
how the line breaks; the text a reader copies, a search engine indexes and a
screen reader reads keeps its ordinary hyphen-minus, so "ke-4" copied from a
headline still finds "ke-4" in the search box. Compounds of words
("Indonesia-Filipina") may still break at their hyphen: both halves read as
words on their own lines.
"""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()

# Words and numbers joined by hyphens: "ke-4", "JWG-4", "4-nation",
# "Indonesia-Filipina". Hyphen-minus and the hyphen (U+2010) both count.
TOKEN = re.compile(r"\w+(?:[-\u2010]\w+)+")
# A part of digits only: "ke-4" and "COVID-19" keep together, compounds of
# words ("Indonesia-Filipina") may break at their hyphen.
DIGITS_PART = re.compile(r"(?:^|[-\u2010])\d+(?=[-\u2010]|$)")
# A longer token is no "ke-4" but part of an address or a file name
# ("pertemuan-jwg-ke-4-indonesia-filipina"): kept on one line, it made a
# phone's page wider than the screen.
TOKEN_MAX = 20


@register.filter(is_safe=True)
def keep_tokens(value) -> SafeString:
    """`value` as escaped text, each hyphenated token with a part of digits
    (of at most TOKEN_MAX characters) in <span class="nobr"> so that it
    never breaks across lines. Text
    already marked safe (HTML) is returned as it is."""
    if isinstance(value, SafeData):
        return value
    text = "" if value is None else str(value)
    parts, end = [], 0
    for match in TOKEN.finditer(text):
        token = match.group(0)
        if len(token) > TOKEN_MAX or not DIGITS_PART.search(token):
            continue
        parts.append(escape(text[end : match.start()]))
        parts.append(format_html('<span class="nobr">{}</span>', token))
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped
