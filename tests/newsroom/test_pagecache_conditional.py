"""Conditional requests to shared pages (newsroom/pagecache/middleware.py):
the same answer whether the page is stored or rendered afresh, by Django's
rules (304, 412), the ETag the only validator, and a 304 or 412 carrying the
page's security headers and the request's id."""

import datetime as dt
import logging

import pytest
from django.core.cache import cache

from newsroom import cachetags
from newsroom.logging import RequestIdFilter
from tests.articles.factories import ArticleFactory
from tests.newsroom.test_pagecache import wsgi_get

pytestmark = pytest.mark.django_db

TAKES_GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
# What the site's middleware put on every page, which a 304 or a 412 made
# from a stored page had lost.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Content-Language",
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def story(section):
    """A story of 2022, last saved then."""
    story = ArticleFactory(
        title="Delegasi Filipina tiba di Jakarta",
        section=section,
        published_at=dt.datetime(2022, 3, 24, 12, tzinfo=dt.UTC),
    )
    type(story).objects.filter(pk=story.pk).update(updated_at=story.published_at)
    return story


def pages(story):
    return [
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        "/feeds/rss/",
        "/sitemap.xml",
    ]


def drop_stored_pages():
    """As a publication does: every stored page showing the list is made
    again on its next request (here, with nothing it shows changed)."""
    cachetags.bump_now([cachetags.ARTICLES, cachetags.SITE])


def test_a_shared_page_claims_no_modification_time_it_does_not_know(story):
    """Last-Modified was the time the page was stored: a 2022 story said it
    changed now, and again each time it was stored. The ETag (the page's
    content) is its validator; a reader who sends only a date gets the page."""
    for path in pages(story):
        _, miss, _ = wsgi_get(path)
        drop_stored_pages()
        _, again, _ = wsgi_get(path)
        _, hit, body = wsgi_get(path)
        assert (miss["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "miss")
        assert hit["X-Page-Cache"] == "hit", path
        for headers in (miss, again, hit):
            assert "Last-Modified" not in headers, path
        assert miss["ETag"] == again["ETag"] == hit["ETag"], path
        future = "Fri, 01 Jan 2100 00:00:00 GMT"
        status, _, full = wsgi_get(path, HTTP_IF_MODIFIED_SINCE=future)
        assert status == "200 OK" and full == body, path


@pytest.mark.parametrize("gzip", [False, True])
def test_a_reader_with_the_pages_etag_gets_304_when_it_was_not_stored(story, gzip):
    """Once a publication (or an emptied Redis) had dropped the stored page,
    a feed reader or browser sending the ETag it held got the whole page
    again, with that same ETag. The page made afresh answers 304 as the
    stored one does, with the same headers."""
    asks = TAKES_GZIP if gzip else {}
    for path in pages(story):
        _, first, _ = wsgi_get(path, **asks)
        etag = first["ETag"]
        assert etag.startswith("W/") == gzip
        drop_stored_pages()
        status, made, body = wsgi_get(path, HTTP_IF_NONE_MATCH=etag, **asks)
        assert status.startswith("304") and body == b"", path
        assert made["X-Page-Cache"] == "miss"
        status, stored, body = wsgi_get(path, HTTP_IF_NONE_MATCH=etag, **asks)
        assert status.startswith("304") and body == b"", path
        assert stored["X-Page-Cache"] == "hit"
        assert made["ETag"] == stored["ETag"] == etag
        assert made.keys() == stored.keys(), path
        cache.clear()  # Redis emptied
        status, _, _ = wsgi_get(path, HTTP_IF_NONE_MATCH=etag, **asks)
        assert status.startswith("304"), path


def test_a_reader_through_the_middleware_gets_304_when_it_was_not_stored(client, story):
    url = story.section.get_absolute_url()
    etag = client.get(url)["ETag"]
    drop_stored_pages()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["X-Page-Cache"] == "miss"
    assert response["ETag"] == etag and response.content == b""
    response = client.get(url, headers={"If-None-Match": '"other"'})
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "condition",
    [
        {"HTTP_IF_MATCH": '"nope"'},
        {"HTTP_IF_MATCH": "*"},
        {"HTTP_IF_MATCH": "the page's"},
        {"HTTP_IF_UNMODIFIED_SINCE": "Mon, 01 Jan 2001 00:00:00 GMT"},
        {"HTTP_IF_UNMODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"},
        {"HTTP_IF_NONE_MATCH": '"other"'},
    ],
)
def test_a_precondition_is_answered_alike_stored_or_not(story, condition):
    """If-Match: "nope" or an old If-Unmodified-Since got 200 from a page made
    afresh and 412 from the stored one."""
    url = story.section.get_absolute_url()
    _, first, page = wsgi_get(url)
    if condition.get("HTTP_IF_MATCH") == "the page's":
        condition = {"HTTP_IF_MATCH": first["ETag"]}
    answers = []
    for expected in ("miss", "hit"):
        if expected == "miss":
            drop_stored_pages()
        status, headers, body = wsgi_get(url, **condition)
        assert headers["X-Page-Cache"] == expected
        answers.append((status, body))
    assert answers[0] == answers[1], answers
    if "HTTP_IF_MATCH" in condition or "HTTP_IF_NONE_MATCH" in condition:
        expected = "412" if condition.get("HTTP_IF_MATCH") == '"nope"' else "200"
        assert answers[0][0].startswith(expected)
        assert answers[0][1] == (page if expected == "200" else b"")


class KeptRecords(logging.Handler):
    """The records a logger writes, kept in a list."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.parametrize("stored", [True, False])
def test_a_304_or_412_carries_the_pages_security_headers_and_request_id(story, stored):
    """A 412 from a stored page had none of the page's security headers
    (CSP, X-Frame-Options, nosniff), nor its language, and Django logged it
    with the request id "-"; a 304 lacked them too. A 412 is no page for a
    CDN to keep."""
    url = story.get_absolute_url()
    _, page, _ = wsgi_get(url)
    if not stored:
        drop_stored_pages()
    # Kept by a handler on django.request itself: through the root logger
    # (caplog's), another test's logging set-up in the same process had
    # kept the record from reaching it.
    kept = KeptRecords()
    kept.addFilter(RequestIdFilter())
    request_logger = logging.getLogger("django.request")
    request_logger.addHandler(kept)
    try:
        status, failed, _ = wsgi_get(
            url, HTTP_IF_MATCH='"nope"', HTTP_X_REQUEST_ID="proxy-id-412"
        )
    finally:
        request_logger.removeHandler(kept)
    assert status.startswith("412")
    assert failed["X-Request-ID"] == "proxy-id-412"
    assert failed["X-Page-Cache"] == ("hit" if stored else "miss")
    (record,) = [r for r in kept.records if "Precondition Failed" in r.getMessage()]
    assert record.request_id == "proxy-id-412"
    for name in ("Cache-Control", "Surrogate-Key", "ETag", "Content-Length"):
        assert name not in failed, name
    if not stored:
        drop_stored_pages()
    status, unchanged, _ = wsgi_get(url, HTTP_IF_NONE_MATCH=page["ETag"])
    assert status.startswith("304")
    assert len(unchanged["X-Request-ID"]) == 32
    assert unchanged["Cache-Control"] == page["Cache-Control"]
    for name in SECURITY_HEADERS:
        assert failed[name] == unchanged[name] == page[name], name
    assert page["Content-Language"] == "id"
