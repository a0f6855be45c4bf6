"""Two app servers share PostgreSQL and Redis: a story published through one
is on the other's cached pages at the next request, pages the other serves
from its own memory included."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get(
    "NEWSROOM_TEST_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/12"
)
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def servers():
    """Two gunicorn servers on the test database and one Redis database."""
    if connection.vendor != "postgresql":
        pytest.skip("app servers share PostgreSQL")
    redis.Redis.from_url(REDIS_URL).flushdb()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "NEWSROOM_PAGE_CACHE": "true",
        "DJANGO_LOG_LEVEL": "ERROR",
        # Development settings (no secret key, plain HTTP), as before gunicorn
        # started in production unless told (newsroom/wsgi.py).
        "DJANGO_DEBUG": "true",
    }
    started = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "newsroom.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started.append((process, f"http://127.0.0.1:{port}"))
        for _, base in started:
            wait_for(base)
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=10)


def wait_for(base: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5):
                return
        except OSError:  # not listening yet (URLError), or slow to answer
            time.sleep(0.1)
    raise AssertionError(f"{base} did not start")


def read(base: str, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(base + path, timeout=10) as answer:
        return answer.headers.get("X-Page-Cache", ""), answer.read().decode()


class Browser:
    """An editor's browser: cookies and the admin's CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as answer:
            return answer.read().decode()

    def post(self, path: str, data: dict) -> str:
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)})
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=10) as answer:
            return answer.read().decode()


def test_a_story_published_through_one_server_is_on_the_others_cached_pages(
    servers, roles, section, staff_in
):
    one, other = servers
    editor = staff_in("Editor", "desk-editor")
    # Hashed as the servers hash (the tests' fast hasher is not theirs).
    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode("two-servers-test", hasher.salt())
    editor.save()
    live = ArticleFactory(title="Berita yang sudah terbit", section=section)
    draft = ArticleFactory(
        title="Delegasi NICA tiba di Jakarta",
        slug="delegasi-nica-tiba",
        body="Delegasi dipimpin NICA.",
        section=section,
        draft=True,
        created_by=editor,
    )
    services.article_submit(article=draft, user=editor)
    draft = Article.objects.get(pk=draft.pk)
    for path in ("/", live.get_absolute_url()):
        read(other, path)
        # Read from Redis, confirmed, then served from the server's own
        # memory until Redis says a version changed (newsroom/redis_cache.py).
        for _ in range(4):
            state, page = read(other, path)
            assert state == "hit"
            assert "Delegasi NICA tiba" not in page

    editor_browser = Browser(one)
    editor_browser.post(
        "/admin/login/?next=/admin/",
        {"username": "desk-editor", "password": "two-servers-test"},
    )
    answer = editor_browser.post(
        f"/admin/articles/article/{draft.pk}/change/",
        form_data(draft, _transition="publish"),
    )
    assert Article.objects.published().filter(pk=draft.pk).exists(), answer

    for path in ("/", live.get_absolute_url()):
        state, page = read(other, path)
        assert state == "miss", path
        assert "Delegasi NICA tiba di Jakarta" in page, path
    assert read(other, "/")[0] == "hit"
