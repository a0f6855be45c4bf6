"""Generated requests at every public URL pattern and at the comment and report
endpoints: whatever the path, query string, form body or headers anyone can
send, the answer is never a server error (5xx) and never shows a traceback.

The public patterns are read from the URLconf (everything but the admin), and
their slugs and ids are filled from real objects made for the test, so that
the requests reach the views, not only the 404 page. Each request runs in a
savepoint that is rolled back, so examples do not depend on one another and
a database error cannot spoil the next one. About a minute on each database;
raise `max_examples` to look harder.
"""

import datetime as dt
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.forms import sign_rendered_at
from articles.models import AuthorProfile
from articles.preview import make_share_token
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    deadline=None,
    database=None,  # nothing written into the work tree
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one site and client per test
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


# The public URL patterns ---------------------------------------------------


def named_patterns(patterns=None, namespace=""):
    """(name, pattern) of every named URL pattern outside the admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # staff only: tests/newsroom/test_admin_filters.py
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def url_arguments(site) -> dict[str, dict]:
    """The arguments that make each public pattern a real page of `site`."""
    article, section, tag = site["article"], site["section"], site["tag"]
    agency, person, meeting = site["agency"], site["person"], site["meeting"]
    return {
        "healthz": {},
        "set_language": {},
        "newsroom:robots_txt": {},
        "newsroom:sitemap_index": {},
        "newsroom:sitemap_news": {},
        "newsroom:sitemap_section": {"section": "articles"},
        "feeds:latest_rss": {},
        "feeds:latest_atom": {},
        "feeds:top_rss": {},
        "feeds:section_rss": {"slug": section.slug},
        "feeds:section_atom": {"slug": section.slug},
        "feeds:tag_rss": {"slug": tag.slug},
        "feeds:tag_atom": {"slug": tag.slug},
        "feeds:agency_rss": {"slug": agency.slug},
        "feeds:agency_atom": {"slug": agency.slug},
        "agencies:agency_list": {},
        "agencies:agency_detail": {"slug": agency.slug},
        "agencies:person_list": {},
        "agencies:person_detail": {"slug": person.slug},
        "agencies:meeting_list": {},
        "agencies:meeting_detail": {"slug": meeting.slug},
        "articles:home": {},
        "articles:author_detail": {"slug": site["author"].slug},
        "articles:article_detail": {
            "year": article.published_at.year,
            "month": timezone.localtime(article.published_at).month,
            "slug": article.slug,
        },
        "articles:comment_create": {"pk": site["open_article"].pk},
        "articles:comment_flag": {"pk": site["comment"].pk},
        "articles:comment_tokens": {},
        "articles:article_preview": {"pk": site["draft"].pk},
        "articles:article_share": {"pk": site["draft"].pk},
        "articles:article_shared_preview": {"token": make_share_token(site["draft"])},
        "articles:section_detail": {"slug": section.slug},
        "articles:tag_detail": {"slug": tag.slug},
        "articles:search": {},
    }


@pytest.fixture
def site(jwg4_article, section, django_user_model):
    """A small newsroom: the JWG article with its tags, agencies, people and
    meeting; a recent article open for comments, with an approved comment;
    a draft (for the preview addresses)."""
    open_article = ArticleFactory(
        section=section,
        meeting=None,
        comment_policy="post",
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    return {
        "article": jwg4_article,
        "section": section,
        "tag": jwg4_article.tags.first(),
        "agency": jwg4_article.agencies.first(),
        "person": jwg4_article.people.first(),
        "meeting": jwg4_article.meeting,
        "open_article": open_article,
        "comment": CommentFactory(article=open_article),
        "draft": ArticleFactory(section=section, draft=True),
        "author": AuthorProfile.objects.create(
            user=django_user_model.objects.create_user(
                username="penulis", password="x", is_staff=True
            ),
            name="Penulis Redaksi",
            slug="penulis-redaksi",
        ),
    }


@pytest.fixture
def public_urls(site) -> list[str]:
    arguments = url_arguments(site)
    return [reverse(name, kwargs=arguments[name]) for name in sorted(arguments)]


def test_every_public_url_pattern_is_fuzzed(site):
    assert {name for name, _ in named_patterns()} == set(url_arguments(site))


# What anyone can send --------------------------------------------------------

# Text as it arrives: any character (surrogates aside), NUL and control
# characters included, and now and then something long.
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40
) | st.text(max_size=600)
NUMBERS = st.sampled_from(
    ["0", "-1", "1", "2", "9" * 30, "-" + "9" * 30, "1e400", "NaN", "0x10", "１２",
     "3.5", " 2", "2 ", "²", "9223372036854775808"]
)  # fmt: skip
DATES = st.sampled_from(
    ["9999-12-31", "0001-01-01", "0000-00-00", "2022-02-30", "2022-03-24",
     "10000-01-01", "2022-3-4", "24/03/2022", "1900-01-01", "2100-12-31"]
)  # fmt: skip
VALUES = ANY_TEXT | NUMBERS | DATES
KNOWN_PARAMETERS = [
    "q", "page", "from", "to", "section", "agency", "comments", "next",
    "language", "lang", "format", "p", "o", "e", "reply", "report", "thread",
]  # fmt: skip
# Mostly the parameters the pages read, so that the values reach the code.
KEYS = st.one_of(*[st.sampled_from(KNOWN_PARAMETERS)] * 3, ANY_TEXT)
# Percent-escapes as a browser or a script may send them: broken UTF-8 too.
RAW_ESCAPES = st.lists(
    st.sampled_from(["%00", "%ff", "%c0%af", "%e2%82", "%", "%zz", "&", "=", "+",
                     ";", "%0d%0a", "%u0041", "%2e%2e%2f", "\u0301"]),
    max_size=8,
).map("".join)  # fmt: skip


@st.composite
def query_strings(draw) -> str:
    pairs = draw(st.lists(st.tuples(KEYS, VALUES), max_size=6))
    if pairs and draw(st.booleans()):  # a key given again
        pairs.append((pairs[0][0], draw(VALUES)))
    query = urlencode(pairs)
    raw = draw(RAW_ESCAPES)
    return f"{query}&{raw}" if query and raw else query or raw


PATH_SEGMENTS = (
    ANY_TEXT.map(lambda text: quote(text, safe=""))
    | NUMBERS
    | RAW_ESCAPES
    | st.sampled_from(["..", ".", "", "%2f", "index.php", "feed", "rss", "-"])
)


@st.composite
def mutated_paths(draw, url: str) -> str:
    """`url` with one segment replaced, one added, or the slashes changed."""
    segments = url.strip("/").split("/")
    how = draw(st.sampled_from(["replace", "append", "double-slash", "no-slash"]))
    if how == "replace":
        index = draw(st.integers(0, len(segments) - 1))
        segments[index] = draw(PATH_SEGMENTS)
    elif how == "append":
        segments.append(draw(PATH_SEGMENTS))
    path = "/" + "/".join(segments) + ("/" if url.endswith("/") else "")
    if how == "double-slash":
        path = path.replace("/", "//", 1)
    elif how == "no-slash":
        path = path.rstrip("/") or "/"
    return path


# Header values as an HTTP server hands them over: Latin-1, no control codes.
HEADER_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=80
)
IP_ADDRESSES = st.ip_addresses().map(str)
HOSTS = st.sampled_from(
    ["testserver", "localhost", "localhost:8000", "127.0.0.1", "127.0.0.1:80",
     "[::1]", "[::1]:8000", "LOCALHOST", "localhost.", "localhost:99999",
     "localhost:x", "evil.example", "", "[::1", "xn--80ak6aa92e.com"]
)  # fmt: skip
LANGUAGES = st.sampled_from(
    ["id", "en", "en-US,en;q=0.9", "id-ID;q=0.8, en;q=x", "*", "zz", "",
     "en;q=1e400", "x" * 300, "de-DE-u-co-phonebk", ",,,;;;", "en-GB;q=0.5,*;q=0"]
) | HEADER_TEXT  # fmt: skip
COOKIES = st.sampled_from(
    ["sessionid=" + "x" * 32, "sessionid=", "csrftoken=" + "a" * 64,
     "django_language=zz", "django_language=en", "messages=junk", "a", "=;=;",
     "sessionid=%00", '"quoted"=1', "x=" + "y" * 4000]
) | HEADER_TEXT  # fmt: skip


@st.composite
def headers(draw) -> dict[str, str]:
    """WSGI environ entries: the client's address and a few headers."""
    environ = {"REMOTE_ADDR": draw(IP_ADDRESSES)}
    optional = {
        "HTTP_HOST": HOSTS,
        "HTTP_ACCEPT_LANGUAGE": LANGUAGES,
        "HTTP_COOKIE": COOKIES,
        "HTTP_X_FORWARDED_FOR": IP_ADDRESSES | HEADER_TEXT,
        "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http", "ftp", ""]),
        "HTTP_X_FORWARDED_HOST": HOSTS,
        "HTTP_X_REQUEST_ID": HEADER_TEXT,
        "HTTP_USER_AGENT": HEADER_TEXT,
        "HTTP_REFERER": HEADER_TEXT,
        "HTTP_IF_MODIFIED_SINCE": HEADER_TEXT
        | st.just("Thu, 01 Jan 9999 00:00:00 GMT"),
        "HTTP_IF_NONE_MATCH": HEADER_TEXT | st.just("*"),
        "HTTP_ACCEPT": HEADER_TEXT,
    }
    for name in draw(st.sets(st.sampled_from(sorted(optional)))):
        environ[name] = draw(optional[name])
    return environ


def assert_no_server_error(response, request: str) -> None:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert response.status_code < 500, request
    assert b"Traceback" not in body, request


def send(client, method: str, path: str, environ: dict, **kwargs) -> None:
    """One request from a fresh start: no cookies, no rate-limit counts, and
    whatever it writes rolled back, so that every example stands alone."""
    client.cookies.clear()
    cache.clear()
    with transaction.atomic():
        response = client.generic(method, path, **kwargs, **environ)
        assert_no_server_error(response, f"{method} {path} {environ}")
        transaction.set_rollback(True)


# The fuzzed requests --------------------------------------------------------


@hypothesis_settings(FUZZ, max_examples=250)
@given(data=st.data())
def test_any_query_string_and_headers_on_any_public_page(client, public_urls, data):
    url = data.draw(st.sampled_from(public_urls), label="url")
    query = data.draw(query_strings(), label="query")
    method = data.draw(st.sampled_from(["GET", "GET", "HEAD", "POST"]), label="method")
    environ = data.draw(headers(), label="headers")
    send(client, method, f"{url}?{query}" if query else url, environ)


@hypothesis_settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_any_path_near_a_public_page(client, public_urls, data):
    url = data.draw(st.sampled_from(public_urls), label="url")
    path = data.draw(mutated_paths(url), label="path")
    environ = data.draw(headers(), label="headers")
    send(client, "GET", path, environ)


CHARSETS = st.sampled_from(
    ["", "; charset=utf-8", "; charset=UTF-8", "; charset=latin-1",
     "; charset=iso-8859-1", "; charset=utf-16", "; charset=bogus",
     "; charset=", '; charset="utf-8"']
)  # fmt: skip
EMAILS = st.emails().map(str) | ANY_TEXT


def good_forms(site) -> dict[str, dict[str, str]]:
    """A form each endpoint accepts, to start from."""
    return {
        "comment": {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": "Kerja sama ini penting untuk kawasan.",
            "parent": "",
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
        },
        "flag": {"reason": "spam", "text": ""},
        "set_language": {"language": "en", "next": "/"},
    }


def odd_values(site) -> dict[str, st.SearchStrategy]:
    """For each field, what else may come in it."""
    return {
        "author_name": ANY_TEXT,
        "author_email": EMAILS,
        "text": ANY_TEXT,
        "parent": st.sampled_from([str(site["comment"].pk), "0", "-1", "9" * 30])
        | NUMBERS
        | ANY_TEXT,
        "rendered_at": st.sampled_from(
            [
                sign_rendered_at(timezone.now() - dt.timedelta(days=400)),
                sign_rendered_at(timezone.now() + dt.timedelta(days=1)),
                "1:x:y",
            ]
        )
        | ANY_TEXT,
        "website": ANY_TEXT,
        "reason": st.sampled_from(["abusive", "other", "off_topic", ""]) | ANY_TEXT,
        "language": st.sampled_from(["id", "zz", ""]) | ANY_TEXT,
        "next": st.sampled_from(["//evil.example/", "/search/?q=x", "javascript:x"])
        | ANY_TEXT,
    }


@st.composite
def form_bodies(draw, good: dict[str, str], odd: dict) -> tuple[bytes, str]:
    """A good form with up to three fields changed or left out (and sometimes
    an unknown or repeated field), as a body and its Content-Type: URL-encoded
    in some charset, multipart, or junk."""
    values = dict(good)
    for name in draw(st.sets(st.sampled_from(sorted(good)), max_size=3)):
        if draw(st.integers(0, 4)):
            values[name] = draw(odd[name])
        else:
            del values[name]
    pairs = list(values.items())
    if draw(st.integers(0, 3)) == 0:
        pairs.append((draw(KEYS), draw(VALUES)))
    kind = draw(st.sampled_from(["urlencoded"] * 4 + ["multipart", "junk"]))
    charset = draw(st.just("") | CHARSETS)
    if kind == "urlencoded":
        encoding = charset.partition("=")[2].strip('"') or "utf-8"
        try:
            body = urlencode(pairs, encoding=encoding).encode("ascii")
        except (LookupError, UnicodeEncodeError):
            body = urlencode(pairs).encode("ascii")
        return body, f"application/x-www-form-urlencoded{charset}"
    if kind == "multipart":
        boundary = "fuzzboundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n"
            for name, value in pairs
        ]
        body = ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8", "replace")
        return body, f"multipart/form-data; boundary={boundary}{charset}"
    junk = draw(st.binary(max_size=300))
    content_type = draw(
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "application/json",
                "text/plain",
            ]
        )  # fmt: skip
        | HEADER_TEXT
    )
    return junk, content_type + charset


@hypothesis_settings(FUZZ, max_examples=250)
@given(data=st.data())
def test_any_form_body_at_the_comment_report_and_language_endpoints(client, site, data):
    endpoint = data.draw(
        st.sampled_from(["comment", "comment", "flag", "set_language"]),
        label="endpoint",
    )
    url = {
        "comment": reverse("articles:comment_create", args=[site["open_article"].pk]),
        "flag": reverse("articles:comment_flag", args=[site["comment"].pk]),
        "set_language": reverse("set_language"),
    }[endpoint]
    body, content_type = data.draw(
        form_bodies(good_forms(site)[endpoint], odd_values(site)), label="body"
    )
    environ = data.draw(headers(), label="headers")
    query = data.draw(st.just("") | query_strings(), label="query")
    send(
        client,
        "POST",
        f"{url}?{query}" if query else url,
        environ,
        data=body,
        content_type=content_type,
    )
