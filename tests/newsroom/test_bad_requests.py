"""Requests the site cannot read get its own 400 page, with its headers, never
a server error."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CSRF_TOKEN = "k" * 32


@pytest.fixture
def browser():
    """A client that, like a browser, must pass the CSRF check: it has the
    cookie and sends the token with every form."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


@pytest.fixture
def form_urls(section):
    article = ArticleFactory(
        section=section,
        meeting=None,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    comment = CommentFactory(article=article)
    return {
        "front page": "/",
        "admin log-in": "/admin/login/",
        "language switch": "/i18n/setlang/",
        "comment": f"/articles/{article.pk}/comments/",
        "report": f"/comments/{comment.pk}/flag/",
    }


def post_form(client, url, charset):
    return client.post(
        url,
        f"csrfmiddlewaretoken={CSRF_TOKEN}&language=en&username=a&password=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", "utf8", "utf-16"])
def test_a_form_sent_in_another_charset_gets_the_400_page(browser, form_urls, charset):
    for name, url in form_urls.items():
        response = post_form(browser, url, charset)
        assert response.status_code == 400, name
        html = response.content.decode()
        assert '<p class="code">400</p>' in html, name
        assert 'href="/"' in html and "Traceback" not in html
        assert len(response["X-Request-ID"]) == 32
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "Content-Security-Policy" in response


@pytest.mark.parametrize(
    "field", ["text=%ff%fe%c0%ae+halo", "author_name=%ff%c0", "q=%e2%28%a1"]
)
def test_a_form_holding_bytes_that_are_not_utf8_gets_the_400_page(
    browser, form_urls, field
):
    # Django read each such byte as U+FFFD: a comment signed by two
    # replacement characters, or reading "\ufffd\ufffd halo", was taken.
    from articles.models import Comment

    before = Comment.objects.count()
    for name, url in form_urls.items():
        response = browser.post(
            url,
            f"csrfmiddlewaretoken={CSRF_TOKEN}&author_email=a%40example.org&{field}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400, name
        assert '<p class="code">400</p>' in response.content.decode(), name
    assert Comment.objects.count() == before


def test_a_utf8_form_with_every_kind_of_letter_is_read_as_sent(browser, form_urls):
    from articles.models import Comment

    text = "Kerja sama 👍🏽 BNPT–NICA, café, 日本, عربى"
    response = browser.post(
        form_urls["comment"],
        {
            "csrfmiddlewaretoken": CSRF_TOKEN,
            "author_name": "Sári",
            "author_email": "sari@example.org",
            "text": text,
        },
    )
    assert response.status_code in (200, 303)
    assert Comment.objects.filter(text=text).exists() or text in (
        response.content.decode()
    )


def test_the_400_page_speaks_the_language_of_the_edition_asked_for(browser):
    response = post_form(browser, "/en/", "latin-1")
    assert response["Content-Language"] == "en"
    assert "We could not read this request" in response.content.decode()
    # A language cookie does not change the root (Indonesian) edition's.
    browser.cookies["django_language"] = "en"
    response = post_form(browser, "/", "latin-1")
    assert response["Content-Language"] == "id"


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_a_utf8_form_is_read_as_usual(browser, charset):
    response = browser.post(
        "/i18n/setlang/",
        f"csrfmiddlewaretoken={CSRF_TOKEN}&language=en&next=/meetings/",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/meetings/"  # the English edition's


def test_a_form_without_a_charset_is_read_as_utf8(browser):
    response = browser.post(
        "/i18n/setlang/",
        {"csrfmiddlewaretoken": CSRF_TOKEN, "language": "en", "next": "/agencies/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/agencies/"  # the English edition's


def test_the_400_page_is_in_indonesian_by_default(browser):
    response = post_form(browser, "/", "latin-1")
    assert response["Content-Language"] == "id"
    assert "Permintaan ini tidak dapat kami baca" in response.content.decode()


# More query parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS, 1,000)
TOO_MANY_PARAMETERS = "&".join(["x=1"] * 1001)


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
@pytest.mark.parametrize("page_cache", [True, False], ids=["cache", "no-cache"])
@pytest.mark.parametrize(
    "path, language, words",
    [
        ("/", "id", "Permintaan ini tidak dapat kami baca"),
        ("/en/", "en", "We could not read this request"),
        ("/search/", "id", "Permintaan ini tidak dapat kami baca"),
        ("/en/search/", "en", "We could not read this request"),
        ("/sitemap.xml", "id", "Permintaan ini tidak dapat kami baca"),
    ],
)
def test_too_many_query_parameters_get_the_400_page_with_every_header(
    client, settings, debug, page_cache, path, language, words
):
    # With DEBUG on (`make run`), Django's error page read the query again
    # and the request escaped Django (the server's bare 500); with it off,
    # the page cache read it first and the 400 page came without the
    # security headers, in Indonesian on /en/.
    settings.DEBUG = debug
    settings.NEWSROOM_PAGE_CACHE = page_cache
    response = client.get(f"{path}?{TOO_MANY_PARAMETERS}")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<p class="code">400</p>' in html and words in html
    assert "Traceback" not in html
    assert response["Content-Language"] == language
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) == 32
    assert "X-Page-Cache" not in response


def test_a_thousand_query_parameters_are_still_read(client):
    assert client.get("/?" + "&".join(["x=1"] * 1000)).status_code == 200


@pytest.mark.parametrize("path", ["/", "/en/", "/nope/", "/admin/login/"])
def test_a_host_the_site_does_not_serve_gets_the_400_page_with_every_header(
    client, settings, path
):
    """Its X-Frame-Options had been missing (a tester's): it was set inside
    CommonMiddleware, whose host check answers first."""
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get(path, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert '<p class="code">400</p>' in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "X-Page-Cache" not in response
