"""Whatever text is stored, every page shows it: every free-text field of
every model holding hostile text (markup, format and template syntax,
Markdown links to scripts, direction controls, control characters, emoji
and combining marks, a field's whole length, blanks), as an import, a
script or a migration may store it, past the forms that clean it. Each
public page, feed and sitemap reached from the home pages and the admin's
pages reached from its index answer without a server error, no markup is
let through unescaped, and every XML answer is well formed: a form feed in
a headline had failed every feed listing it with a 500."""

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.apps import apps
from django.core.cache import cache
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import IntegrityError, models, transaction

# Cut to each field's length: short fields hold its start, long ones a word
# longer than any line too.
HOSTILE = (
    '<script>alert(1)</script> & "q" \'a\' %s %(title)s {{ x }} {% url "a" %} '
    "*_[a](javascript:alert(1)) ![x](image:999) \u202eBNPT\u2066\u200b "
    "🇮🇩👨\u200d👩\u200d👧 Z\u0324\u0354\u0367 Rapat\x0cJWG\x0b ke-4\x07\n"
    "baris dua " + "W" * 3000
)
APPS = {"articles", "agencies", "media", "taggit"}
# Fields whose values are codes the site reads (a time zone, a language, a
# hash), not text a person writes: a model's own checks keep them valid.
CODES = re.compile(r"zone|code|hash|lang|token|ip|address|filename")
PLAIN_VALIDATORS = (MaxLengthValidator, ProhibitNullCharactersValidator)
# Answers the crawl may not follow: they change what they are asked about.
NOT_FOLLOWED = ("logout", "delete", "/password/", "/preview/")
PAGES = 300
DESK_PAGES = 150  # the lists, the add forms and the first rows' forms


def free_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField)
            and not isinstance(field, models.EmailField)
            and not (field.choices or field.unique or CODES.search(field.name))
            and all(isinstance(v, PLAIN_VALIDATORS) for v in field.validators)
        ):
            yield field


def store_everywhere(text: str) -> set[str]:
    """`text` (cut to each field's length) in every free-text field of every
    row of the apps' models; the fields it went into."""
    stored = set()
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for field in free_text_fields(model):
            value = text[: field.max_length] if field.max_length else text
            if not field.blank and not value.strip():
                continue
            try:
                with transaction.atomic():
                    model._default_manager.update(**{field.name: value})
            except IntegrityError:
                continue  # a field unique together with another
            stored.add(f"{model._meta.label}.{field.name}")
    return stored


def crawl(client, start: list[str], inside: str, most=PAGES) -> tuple[int, list]:
    """Fetch `start` and every page they lead to under `inside` (at most
    `most`; one address of each path: a list's sorting and filters are the
    same page); what went wrong."""
    seen, queue, wrong = set(), list(start), []
    while queue and len(seen) < most:
        path = queue.pop(0)
        page = path if path in start else path.partition("?")[0]
        if page in seen:
            continue
        seen.add(page)
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.status_code >= 500:
            wrong.append((path, response.status_code))
        if response.status_code != 200 or response.streaming:
            continue
        text = response.content.decode()
        if "xml" in kind:
            try:
                ET.fromstring(response.content)
            except ET.ParseError as error:
                wrong.append((path, f"XML: {error}"))
        elif "html" in kind and "<script>alert(1)" in text:
            wrong.append((path, "markup let through"))
        for match in re.finditer(r'href="([^"]+)"|<loc>([^<]+)</loc>', text):
            parts = urlsplit(html.unescape(match.group(1) or match.group(2)))
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                parts.netloc in ("", "testserver")
                and link.startswith(inside)
                and not link.startswith(("/static/", "/media/"))
                and not any(word in link for word in NOT_FOLLOWED)
            ):
                queue.append(link)
    return len(seen), wrong


PUBLIC_START = [
    "/",
    "/en/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/feeds/rss/",
    "/en/feeds/atom/",
    "/search/?q=BNPT",
    "/en/search/?q=JWG",
]


def test_every_page_shows_any_stored_text(client, demo, admin_user):
    client.raise_request_exception = False
    stored = store_everywhere(HOSTILE)
    cache.clear()
    assert {
        "articles.Article.title",
        "articles.Comment.text",
        "agencies.Agency.name",
        "agencies.Meeting.title",
        "media.Image.caption",
    } <= stored

    public, public_wrong = crawl(client, PUBLIC_START, "/")
    client.force_login(admin_user)
    desk, desk_wrong = crawl(client, ["/admin/"], "/admin/", most=DESK_PAGES)

    assert (public_wrong, desk_wrong) == ([], [])
    assert public > 150 and desk == DESK_PAGES, (public, desk)
