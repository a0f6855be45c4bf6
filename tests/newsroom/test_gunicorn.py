"""The app as production runs it: gunicorn with gunicorn.conf.py, debug off,
in a separate process, spoken to over a real socket. What a client or a load
balancer sees there (status, headers, the access log) is what counts."""

import gc
import http.client
import json
import re
import runpy
import socket
import subprocess
import sys
import time
import uuid
import weakref
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest

from newsroom.logging import ADDRESS_LIMIT, FIELD_LIMIT
from tests.newsroom.test_production import BASE_DIR, production_env
from tests.subprocesses import run_python

SECRETS = ("hunter2", "ana@example.org", "ana%40example.org", "abc123sess")
CSRF_TOKEN = "k" * 32  # a well-formed token: the cookie and the form agree


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, str]:
    """A migrated SQLite database and the collected static files, for the
    servers of this module."""
    root = tmp_path_factory.mktemp("gunicorn-site")
    env = production_env(
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="tests.newsroom.gunicorn_settings",
        NEWSROOM_TEST_STATIC_ROOT=str(root / "static"),
        PYTHONPATH=str(BASE_DIR),
        REDIS_URL=None,  # this process's memory is cache enough for one worker
    )
    manage(env, "migrate", "--noinput", "--skip-checks", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """Run a manage.py command against the site of `env`; it must succeed."""
    run_python(env, "manage.py", *args)


class Server:
    """One gunicorn master with one worker on a free port of 127.0.0.1."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.stdout = logs / "stdout.log"  # the access log
        self.stderr = logs / "stderr.log"  # gunicorn's and the app's logs
        with self.stdout.open("w") as out, self.stderr.open("w") as err:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "--no-control-socket",  # several test servers at once
                ],
                cwd=BASE_DIR,
                env={**env, "GUNICORN_BIND": "127.0.0.1:0", "WEB_CONCURRENCY": "1"},
                stdout=out,
                stderr=err,
            )
        self.port = self._wait_for_port()
        self._wait_for_worker()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.stderr.read_text()
            found = re.search(
                r"Listening at: http://127\.0\.0\.1:(\d+)", self.stderr.read_text()
            )
            if found:
                return int(found.group(1))
            time.sleep(0.1)
        raise AssertionError("gunicorn did not listen:\n" + self.stderr.read_text())

    def _wait_for_worker(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.stderr.read_text()
            try:
                self.request("GET", "/robots.txt")
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not answer:\n" + self.stderr.read_text())

    def request(self, method, path, *, headers=None, body=None):
        """(status, headers, body text); redirects are not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={"Host": "news.example.org", **(headers or {})},
            )
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def logs(self, request_id: str) -> str:
        """Every line, access log included, once the access line of the
        request with this id is written (gunicorn writes it after the
        response)."""
        deadline = time.monotonic() + 10
        while request_id not in self.stdout.read_text():
            assert time.monotonic() < deadline, "no access log line"
            time.sleep(0.05)
        return self.stdout.read_text() + self.stderr.read_text()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def bare_server(site, tmp_path_factory):
    """Straight on the network: DJANGO_BEHIND_PROXY unset, as by default."""
    server = Server(site, tmp_path_factory.mktemp("bare"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxied_server(site, tmp_path_factory):
    """Behind a TLS-ending proxy on 127.0.0.1, as the README's deployment."""
    env = {**site, "DJANGO_BEHIND_PROXY": "true", "FORWARDED_ALLOW_IPS": "127.0.0.1"}
    server = Server(env, tmp_path_factory.mktemp("proxied"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server_behind_another_proxy(site, tmp_path_factory):
    """Behind a proxy at 10.0.0.1: requests from 127.0.0.1 came round it."""
    env = {**site, "DJANGO_BEHIND_PROXY": "true", "FORWARDED_ALLOW_IPS": "10.0.0.1"}
    server = Server(env, tmp_path_factory.mktemp("other-proxy"))
    yield server
    server.stop()


def the_site_headers_are_there(headers):
    assert len(headers["X-Request-ID"]) == 32
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


# Forms in a charset other than UTF-8 (#9, point 7) ----------------------------


@pytest.mark.parametrize("charset", ["latin-1", "utf8", "utf-16"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/admin/login/",
        "/i18n/setlang/",
        "/articles/1/comments/",
        "/comments/1/flag/",
    ],
)
def test_a_form_in_another_charset_gets_the_sites_400_page(
    proxied_server, charset, path
):
    status, headers, body = proxied_server.request(
        "POST",
        path,
        headers={
            "X-Forwarded-Proto": "https",
            "Referer": "https://news.example.org/",
            "Cookie": f"csrftoken={CSRF_TOKEN}",
            "Content-Type": f"application/x-www-form-urlencoded; charset={charset}",
        },
        body=f"csrfmiddlewaretoken={CSRF_TOKEN}&language=en&username=a&password=b",
    )
    assert status == 400
    assert '<p class="code">400</p>' in body and 'href="/"' in body
    the_site_headers_are_there(headers)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_utf8_form_still_goes_through(proxied_server):
    status, headers, _body = proxied_server.request(
        "POST",
        "/i18n/setlang/",
        headers={
            "X-Forwarded-Proto": "https",
            "Referer": "https://news.example.org/",
            "Cookie": f"csrftoken={CSRF_TOKEN}",
            "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        },
        body=f"csrfmiddlewaretoken={CSRF_TOKEN}&language=en&next=/",
    )
    assert status == 302
    assert headers["Location"] == "/en/"  # the English edition's home


# Logs (#9, point 18) --------------------------------------------------------


def test_no_secret_reaches_any_log_line_access_log_included(proxied_server):
    https = {"X-Forwarded-Proto": "https"}
    status, headers, _body = proxied_server.request(
        "GET",
        "/no-such-page/?password=hunter2&email=ana@example.org&sessionid=abc123sess",
        headers={
            **https,
            "Referer": "https://elsewhere.example/?password=hunter2",
            "User-Agent": "probe sessionid=abc123sess ana@example.org",
        },
    )
    assert status == 404  # logged by Django, with the request
    # Percent-encoded in the path, so that PATH_INFO (the access log's
    # "path") and the request's repr carry them too.
    encoded = proxied_server.request(
        "GET", "/%3Fpassword%3Dhunter2%26email%3Dana%40example.org", headers=https
    )
    logs = proxied_server.logs(encoded[1]["X-Request-ID"])
    assert headers["X-Request-ID"] in logs
    leaks = [line for line in logs.splitlines() if any(s in line for s in SECRETS)]
    assert leaks == []
    assert "[redacted]" in logs


def test_one_request_writes_one_json_access_line_whatever_its_path(proxied_server):
    """A path with an encoded line end wrote a second access line of the
    sender's making, an escape sequence reached the terminal, a NUL made
    the log binary to grep: gunicorn escaped only quotes."""
    forged = '\n{"status": 200, "path": "/admin/"}\x1b[31m\x00'
    status, headers, _body = proxied_server.request(
        "GET",
        "/x" + quote(forged),
        headers={"X-Forwarded-Proto": "https", "User-Agent": 'probe "\\ ok'},
    )
    assert status == 404
    request_id = headers["X-Request-ID"]
    logs = proxied_server.logs(request_id)
    assert "\x1b" not in logs and "\x00" not in logs
    lines = [line for line in logs.splitlines() if '"status": 200, "path"' in line]
    assert lines == []  # no line of the sender's making
    (access,) = [
        json.loads(line)
        for line in proxied_server.stdout.read_text().splitlines()
        if request_id in line and '"remote_addr"' in line
    ]
    assert access["path"] == "/x" + forged
    assert access["user_agent"] == 'probe "\\ ok'
    assert access["status"] == 404


# Forwarded headers (#9, point 19) ---------------------------------------------


def test_without_a_proxy_a_forged_forwarded_proto_is_not_believed(bare_server):
    status, headers, _body = bare_server.request(
        "GET", "/", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 301
    assert headers["Location"] == "https://news.example.org/"
    assert "Strict-Transport-Security" not in headers


def test_behind_the_proxy_its_forwarded_proto_is_believed(proxied_server):
    status, headers, _body = proxied_server.request(
        "GET", "/", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    status, headers, _body = proxied_server.request("GET", "/")
    assert status == 301  # the proxy says plain HTTP: redirected


def test_behind_a_proxy_only_the_proxy_is_believed(server_behind_another_proxy):
    status, headers, _body = server_behind_another_proxy.request(
        "GET", "/", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 301
    assert headers["Location"] == "https://news.example.org/"
    assert "Strict-Transport-Security" not in headers


def test_behind_the_proxy_the_client_is_the_address_it_forwards(proxied_server, site):
    """Five wrong passwords for a user name from one reader lock that reader
    out, not everyone behind the proxy: the editor elsewhere still logs in
    (django-axes keys on REMOTE_ADDR, which was the proxy's for everyone)."""
    username = f"desk-{uuid.uuid4().hex[:8]}"
    manage(
        site,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user({username!r}, password='long correct words', "
        "is_staff=True)",
    )

    def log_in(password, forwarded_for):
        status, headers, _body = proxied_server.request(
            "POST",
            "/admin/login/",
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": forwarded_for,
                "Referer": "https://news.example.org/admin/login/",
                "Cookie": f"csrftoken={CSRF_TOKEN}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=f"csrfmiddlewaretoken={CSRF_TOKEN}&username={username}"
            f"&password={password.replace(' ', '+')}&next=/admin/",
        )
        return status, headers

    for n in range(5):  # a guesser, writing a new address of its own each time
        log_in("wrong", f"192.0.2.{n + 1}, 203.0.113.66")
    assert log_in("long correct words", "192.0.2.99, 203.0.113.66")[0] == 429
    status, headers = log_in("long correct words", "198.51.100.20")
    assert status == 302 and headers["Location"] == "/admin/"


def test_the_access_log_names_the_reader_behind_the_proxy_stored_pages_too(
    proxied_server,
):
    """The access log's remote_addr is the reader's: for the page Django
    renders, and for the same page answered from the page cache."""
    answers = [
        proxied_server.request(
            "GET",
            "/meetings/",
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"192.0.2.1, 203.0.113.{n}",
            },
        )
        for n in (21, 22)
    ]
    assert [status for status, _headers, _body in answers] == [200, 200]
    assert answers[1][1]["X-Page-Cache"] == "hit"
    for n, (_status, headers, _body) in zip((21, 22), answers, strict=True):
        request_id = headers["X-Request-ID"]
        (line,) = [
            line
            for line in proxied_server.logs(request_id).splitlines()
            if f'"request_id": "{request_id}"' in line and '"remote_addr"' in line
        ]
        assert f'"remote_addr": "203.0.113.{n}"' in line


# Health checks (#9, point 20) -------------------------------------------------


@pytest.mark.parametrize("server", ["bare_server", "proxied_server"])
@pytest.mark.parametrize("host", ["10.0.0.5:8000", "10.0.0.5", "[fd00::5]:8000"])
def test_a_health_probe_by_address_over_plain_http_is_answered(request, server, host):
    server = request.getfixturevalue(server)
    status, headers, body = server.request("GET", "/healthz", headers={"Host": host})
    assert status == 200, body
    assert body == '{"status": "ok", "database": "ok", "cache": "ok"}'
    assert "no-store" in headers["Cache-Control"]


def test_pages_are_still_refused_to_an_unknown_host(bare_server):
    status, _headers, body = bare_server.request(
        "GET", "/", headers={"Host": "10.0.0.5:8000"}
    )
    assert status == 400
    assert '<p class="code">400</p>' in body


@pytest.mark.parametrize(
    ("path", "expected"), [("/", 200), ("/robots.txt", 200), ("/no-such-page/", 404)]
)
def test_a_head_request_gets_the_get_headers_and_no_body_line_in_the_log(
    proxied_server, path, expected
):
    """gunicorn drops a body sent to a HEAD request and logs a warning each
    time: a line a request that anyone could provoke. Twice each: the second
    HEAD of the home page is its stored copy's."""
    https = {"X-Forwarded-Proto": "https"}
    status, get_headers, get_body = proxied_server.request("GET", path, headers=https)
    assert status == expected
    for _ in range(2):
        request_id = uuid.uuid4().hex
        status, headers, body = proxied_server.request(
            "HEAD", path, headers={**https, "X-Request-ID": request_id}
        )
        assert status == expected
        assert body == ""
        assert headers["Content-Type"] == get_headers["Content-Type"]
        assert int(headers["Content-Length"]) == len(get_body.encode())
        assert headers["X-Request-ID"] == request_id
        logs = proxied_server.logs(request_id)
    assert "body bytes on a no-body response" not in logs
    if path == "/":
        assert headers["X-Page-Cache"] == "hit"


@pytest.fixture
def gunicorn_hooks():
    """gunicorn.conf.py's names, as gunicorn reads the file; the test
    process's own collector left unfrozen afterwards. No automatic
    collection meanwhile: only the hook's own collects garbage."""
    gc.unfreeze()
    gc.disable()
    try:
        yield runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_worker_freezes_what_it_keeps_after_its_first_requests(gunicorn_hooks):
    """After a worker's 10th, 100th, 1,000th and 10,000th request, what it
    holds then leaves the collector's walks (and garbage is collected first,
    never frozen); at no other request."""
    post_request = gunicorn_hooks["post_request"]
    for handled in (1, 9, 11, 99, 5_000, 20_000):
        post_request(SimpleNamespace(nr=handled), None, {}, None)
        assert gc.get_freeze_count() == 0
    garbage = [[]]
    garbage[0].append(garbage)  # a cycle no one holds
    collected = weakref.finalize(_Held(garbage), lambda: None)
    del garbage
    for handled in gunicorn_hooks["FREEZE_AFTER_REQUESTS"]:
        post_request(SimpleNamespace(nr=handled), None, {}, None)
        assert gc.get_freeze_count() > 0
        assert not collected.alive
        gc.unfreeze()


class _Held:
    """Something a cycle holds, to see when the cycle is collected."""

    def __init__(self, cycle):
        self.cycle = cycle
        cycle.append(self)


def test_a_304_of_a_stored_page_has_its_request_id_in_the_reply_and_access_line(
    proxied_server,
):
    """A reader who has the stored page gets a 304 that, like every other
    reply, carries X-Request-ID, and its access line the same id (it had
    neither: "request_id": "-")."""
    https = {"X-Forwarded-Proto": "https"}
    proxied_server.request("GET", "/meetings/", headers=https)
    _status, stored, _body = proxied_server.request("GET", "/meetings/", headers=https)
    assert stored["X-Page-Cache"] == "hit"
    status, headers, body = proxied_server.request(
        "GET", "/meetings/", headers={**https, "If-None-Match": stored["ETag"]}
    )
    assert (status, body) == (304, "")
    assert headers["X-Page-Cache"] == "hit"
    request_id = headers["X-Request-ID"]
    assert len(request_id) == 32 and request_id != stored["X-Request-ID"]
    (access,) = [
        json.loads(line)
        for line in proxied_server.logs(request_id).splitlines()
        if f'"request_id": "{request_id}"' in line and '"remote_addr"' in line
    ]
    assert access["status"] == 304


# Requests gunicorn answers itself, and those it now lets through -------------


def test_a_long_query_reaches_the_site_and_gets_its_page(proxied_server):
    """gunicorn answered a request line over 4,094 bytes (its default) with
    its own bare 414 page, without the site's headers: a search pasted from
    elsewhere, 5 KB long, gets the site's search page."""
    https = {"X-Forwarded-Proto": "https"}
    path = "/search/?" + urlencode({"q": "kerja sama " * 500})
    assert 5_000 < len(path) < 8_000
    status, headers, body = proxied_server.request("GET", path, headers=https)
    assert status == 200
    assert 'name="q"' in body
    the_site_headers_are_there(headers)
    # Beyond gunicorn's most (8,190 bytes), gunicorn still refuses it itself:
    # the README says so, and which proxy setting answers it in front.
    status, headers, _body = proxied_server.request(
        "GET", "/search/?q=" + "x" * 8_200, headers=https
    )
    assert status == 414
    assert "X-Request-ID" not in headers


def test_a_post_to_a_page_and_options_on_no_address_get_the_sites_answers(
    proxied_server,
):
    """A POST with a valid token rendered the whole page (200), never from
    the page cache; OPTIONS was 204 on any address, `*` too."""
    https = {"X-Forwarded-Proto": "https"}
    # The token anyone may ask for, as static/js/comment_tokens.js does.
    _status, headers, tokens = proxied_server.request(
        "GET", "/comments/tokens/", headers=https
    )
    token = json.loads(tokens)["csrfmiddlewaretoken"]
    cookie = headers["Set-Cookie"].split(";")[0]
    status, headers, body = proxied_server.request(
        "POST",
        "/",
        headers={
            **https,
            "Cookie": cookie,
            "X-CSRFToken": token,
            "Referer": "https://news.example.org/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body="a=1",
    )
    assert (status, headers["Allow"], body) == (405, "GET, HEAD, OPTIONS", "")
    the_site_headers_are_there(headers)
    for path in ("*", "/nope/"):
        status, headers, body = proxied_server.request("OPTIONS", path, headers=https)
        assert status == 404, path
        assert '<p class="error-page__code">404</p>' in body
        the_site_headers_are_there(headers)


# What a client sends costs a worker little ----------------------------------

ADVERSARIAL_PATH = "/" + "a-" * 3900 + "/"  # 7.8 KB: 3.8 s a pass to mask


def test_a_long_run_of_address_characters_is_answered_and_logged_cut(
    proxied_server,
):
    """The log's masking read `a-a-a-…` again from each of its characters:
    one such 404 held the worker past its timeout (killed, no answer), and
    three at once held every worker. Now each value is cut before it is
    masked, by patterns that read it once."""
    https = {"X-Forwarded-Proto": "https"}
    status, headers, _body = proxied_server.request(
        "GET", ADVERSARIAL_PATH, headers={**https, "User-Agent": "a-" * 4000}
    )
    assert status == 404
    request_id = headers["X-Request-ID"]
    (access,) = [
        json.loads(line)
        for line in proxied_server.logs(request_id).splitlines()
        if request_id in line and '"remote_addr"' in line
    ]
    assert access["path"].startswith("/a-a-a-")
    assert re.search(r";\[cut: \d+ more characters\]$", access["path"])
    assert len(access["path"]) < 2_100 and len(access["user_agent"]) < 2_100
    status, _headers, _body = proxied_server.request(
        "GET", "/", headers={**https, "Host": "a-" * 3000}
    )
    assert status == 400


def test_the_access_line_cuts_each_value_before_it_is_masked(gunicorn_hooks):
    atoms = gunicorn_hooks["JsonAtoms"]({"U": ADVERSARIAL_PATH, "s": 404})
    # All address characters after the "/": cut back as far as an address
    # reaches, so that no half of one is left unmasked.
    kept = FIELD_LIMIT - ADDRESS_LIMIT
    cut = len(ADVERSARIAL_PATH) - kept
    assert atoms["U"] == f"{ADVERSARIAL_PATH[:kept]};[cut: {cut} more characters]"
    assert atoms["s"] == 404


def test_a_body_over_the_limit_is_refused_before_it_is_sent_whole(proxied_server):
    """A reader's form over its limit (1 MB) gets the site's 413 page as soon
    as its headers are read: the client that has sent 64 KB of the 20 MB it
    announced reads the answer (gunicorn drains what is on its way before it
    closes). The whole body was spooled to a temporary file first."""
    body_start = b"--x\r\nContent-Disposition: form-data; name=text\r\n\r\nhi\r\n" + (
        b"x" * 65_536
    )
    request = (
        "POST /articles/1/comments/ HTTP/1.1\r\n"
        "Host: news.example.org\r\n"
        "X-Forwarded-Proto: https\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {20 * 1024 * 1024}\r\n\r\n"
    ).encode() + body_start
    with socket.create_connection(("127.0.0.1", proxied_server.port), timeout=30) as s:
        s.sendall(request)
        response = http.client.HTTPResponse(s)
        response.begin()
        body = response.read().decode()
    assert response.status == 413
    assert '<p class="code">413</p>' in body
    the_site_headers_are_there(response.headers)


@pytest.fixture(scope="module")
def slow_server(site, tmp_path_factory):
    """Behind the proxy, with /slow/ (an answer after a minute) and a
    5-second worker timeout (a worker's start and first request, on a busy
    machine, stay within it)."""
    env = {
        **site,
        "DJANGO_SETTINGS_MODULE": "tests.newsroom.gunicorn_slow_settings",
        "DJANGO_BEHIND_PROXY": "true",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "GUNICORN_TIMEOUT": "5",
    }
    server = Server(env, tmp_path_factory.mktemp("slow"))
    yield server
    server.stop()


def test_a_request_killed_by_the_timeout_is_logged_with_what_it_was(slow_server):
    """gunicorn's only lines for a request it killed at GUNICORN_TIMEOUT were
    its WORKER TIMEOUT and an access line with "path": "None", "request_id":
    "-" and the 4 ms it took to write its 500. Now an ERROR names the
    request, and the access line has its address, id and real duration."""
    status, _headers, _body = slow_server.request(
        "GET", "/slow/?password=hunter2", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 500  # gunicorn's own, the worker gone
    deadline = time.monotonic() + 10
    while '"/slow/"' not in slow_server.stdout.read_text():
        assert time.monotonic() < deadline, "no access line"
        time.sleep(0.05)
    (access,) = [
        json.loads(line)
        for line in slow_server.stdout.read_text().splitlines()
        if '"/slow/"' in line
    ]
    assert (access["method"], access["status"]) == ("GET", 500)
    assert access["duration_ms"] >= 5_000
    assert re.fullmatch(r"[0-9a-f]{32}", access["request_id"])  # the app's
    (timed_out,) = [
        line
        for line in slow_server.stderr.read_text().splitlines()
        if "request timed out" in line
    ]
    found = re.search(
        r"\[ERROR\] request timed out after (\d+) ms \(GUNICORN_TIMEOUT 5 s\): "
        r"GET /slow/\?password=\[redacted\] request_id=(\w+)$",
        timed_out,
    )
    assert found, timed_out
    assert int(found[1]) >= 5_000
    assert found[2] == access["request_id"]
