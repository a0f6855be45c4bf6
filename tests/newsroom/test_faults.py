"""What readers get when a backing service is down: the site degrades, it does
not fail. Redis down: every public page still renders from the database and
comments are held. Database down: a 503 page with Retry-After, never a
traceback."""

import datetime as dt
import json
import os

import pytest
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from articles.forms import sign_rendered_at
from articles.models import Comment
from newsroom.middleware_db import DatabaseUnavailableMiddleware, server_error
from tests.articles.factories import ArticleFactory
from tests.newsroom.test_health import redis_down  # noqa: F401
from tests.subprocesses import BASE_DIR, run_python

# Redis down ------------------------------------------------------------------


def public_pages(article):
    section, tag = article.section, article.tags.first()
    agency, meeting = article.agencies.first(), article.meeting
    return [
        "/",
        article.get_absolute_url(),
        section.get_absolute_url(),
        f"/tags/{tag.slug}/",
        agency.get_absolute_url(),
        meeting.get_absolute_url(),
        article.people.first().get_absolute_url(),
        "/agencies/",
        "/meetings/",
        "/search/?q=terrorism",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/sections/{section.slug}/feed/rss/",
        f"/tags/{tag.slug}/feed/atom/",
        f"/agencies/{agency.slug}/feed/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_every_public_page_renders_while_redis_is_down(client, jwg4_article):
    failures = {}
    for url in public_pages(jwg4_article):
        response = client.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_a_comment_sent_while_redis_is_down_is_held_for_a_moderator(client, section):
    article = ArticleFactory(
        section=section,
        meeting=None,
        comment_policy="post",  # would be public at once if the limits held
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    response = client.post(
        f"/articles/{article.pk}/comments/",
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": "Kerja sama ini penting untuk kawasan.",
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
        },
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 303
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING


# Database down ---------------------------------------------------------------

# Runs in a fresh process, so that the settings module reads DATABASE_URL: a
# test process cannot swap its own database for one that is down.
READER = """
import json
import django
django.setup()
from django.conf import settings
from django.test.utils import setup_test_environment
setup_test_environment(debug=False)
path = "newsroom.middleware_db.DatabaseUnavailableMiddleware"
if path not in settings.MIDDLEWARE:
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, path]
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
def visit(name, url):
    response = client.get(url)
    answers[name] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }
for url in [*URLS, "/healthz"]:
    visit(url, url)
# A signed-in editor: reading the session needs the database.
client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
for url in SIGNED_IN_URLS:
    visit("signed in " + url, url)
print(json.dumps(answers))
"""

# Every one needs the database: the 404 pages too, as their layout lists the
# sections.
URLS = [
    "/",
    "/articles/2022/03/a-story/",
    "/meetings/",
    "/search/?q=bnpt",
    "/nonexistent/",
    "/preview/abc/",
    "/static/no-such-file.css",
]
SIGNED_IN_URLS = ["/admin/", "/admin/articles/article/", "/nonexistent/"]


def read_with_database(url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": url,
        "REDIS_URL": "",
        "PYTHONPATH": str(BASE_DIR),
    }
    script = f"URLS = {URLS!r}\nSIGNED_IN_URLS = {SIGNED_IN_URLS!r}\n{READER}"
    output = run_python(env, "-c", script, timeout=60)
    return json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param("postgres://root@127.0.0.1:1/newsroom", id="postgres-closed-port"),
        pytest.param("sqlite:////nonexistent-dir/db.sqlite3", id="sqlite-missing-file"),
    ],
)
def test_readers_and_editors_get_a_503_page_while_the_database_is_down(database_url):
    answers = read_with_database(database_url)
    for name in [*URLS, *(f"signed in {url}" for url in SIGNED_IN_URLS)]:
        answer = answers[name]
        assert (answer["status"], answer["retry_after"]) == (503, "30"), name
        assert '<p class="code">503</p>' in answer["body"]
        assert 'href="/"' in answer["body"]
        assert "Traceback" not in answer["body"]
    health = answers["/healthz"]
    assert health["status"] == 503
    body = json.loads(health["body"])
    assert body["database"] == "down: OperationalError"
    assert body["cache"] == "ok"


def test_other_errors_are_left_to_the_server_error_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("bug")) is None


def test_the_503_page_needs_neither_database_nor_context():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(
        RequestFactory().get("/"), OperationalError("connection refused")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


class DatabaseDownMiddleware:
    """Fails as a middleware reading the session would with the database down:
    outside any view, where DatabaseUnavailableMiddleware cannot see it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("connection refused")


def test_a_database_error_outside_any_view_gets_the_503_page(settings, client):
    settings.MIDDLEWARE = [
        "tests.newsroom.test_faults.DatabaseDownMiddleware",
        *settings.MIDDLEWARE,
    ]
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Traceback" not in response.content.decode()


def test_other_unhandled_errors_get_the_server_error_page():
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def refused_query() -> OperationalError:
    """A query the database runs into and refuses, as Django raises it:
    SQLite's "Expression tree is too large" (a search of 1,200 words in an
    admin list), PostgreSQL's statement timeout."""
    with pytest.raises(OperationalError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT " + " + ".join(["1"] * 1_100))
            else:
                cursor.execute("SET LOCAL statement_timeout = 1")
                cursor.execute("SELECT pg_sleep(1)")
    return refused.value


@pytest.mark.django_db
def test_a_query_the_database_refuses_is_a_server_error_not_the_database_down():
    """Every OperationalError was taken for the database being down: a query
    SQLite refused answered "back shortly" (503, Retry-After) and logged
    "database unavailable". It is a bug: Django's 500, logged as one."""
    error = refused_query()
    request = RequestFactory().get("/admin/taggit/tag/")
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(request, error) is None
    try:
        raise error
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response
