"""Structured logs: JSON lines with the request id, secrets masked."""

import io
import json
import logging
import re
import subprocess
import sys

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from newsroom.logging import (
    ADDRESS_LIMIT,
    FIELD_LIMIT,
    JsonFormatter,
    PlainFormatter,
    RedactFilter,
    RequestIdFilter,
    clipped,
    redact,
)
from tests.newsroom.test_production import BASE_DIR, production_env

# What the tests below try to leak: a password, an email address (plain and
# percent-encoded) and a session id.
SECRETS = ("hunter2", "ana@example.org", "ana%40example.org", "abc123sess")
LEAKY_QUERY = "password=hunter2&email=ana@example.org&sessionid=abc123sess"


class CapturedLog:
    """The lines written so far: call it for the records, `.text()` for the
    raw output."""

    def __init__(self):
        self.stream = io.StringIO()

    def __call__(self) -> list[dict]:
        return [json.loads(line) for line in self.text().splitlines()]

    def text(self) -> str:
        return self.stream.getvalue()


@pytest.fixture
def json_log():
    """The lines the django loggers write, formatted as in production."""
    captured = CapturedLog()
    handler = logging.StreamHandler(captured.stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactFilter())
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield captured
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_log_line_carries_the_request_id_of_the_response(client, json_log):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    [record] = [r for r in json_log() if r["logger"] == "django.request"]
    assert record["level"] == "WARNING"
    assert "/no-such-page/" in record["message"]
    assert len(response["X-Request-ID"]) == 32
    assert record["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_sane_request_id_from_the_proxy_is_kept(client):
    response = client.get("/", headers={"X-Request-ID": "lb-4f2a9c1d"})
    assert response["X-Request-ID"] == "lb-4f2a9c1d"


@pytest.mark.django_db
def test_a_forged_request_id_is_replaced(client):
    response = client.get("/", headers={"X-Request-ID": 'x" level="ERROR'})
    assert response["X-Request-ID"] != 'x" level="ERROR'
    assert len(response["X-Request-ID"]) == 32


def test_emails_passwords_and_session_ids_are_masked(json_log):
    logging.getLogger("django.security").warning(
        "login failed for %s with password=%s, cookie sessionid=%s",
        "reader@example.org",
        "hunter2!",
        "abc123",
    )
    [record] = json_log()
    assert "reader@example.org" not in record["message"]
    assert "hunter2" not in record["message"]
    assert "abc123" not in record["message"]
    assert record["message"] == (
        "login failed for [redacted] with password=[redacted], "
        "cookie sessionid=[redacted]"
    )


def test_redact_masks_quoted_secrets():
    assert redact('{"password": "s3cret"}') == '{"password": "[redacted]"}'


def test_production_logs_one_json_object_a_line():
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('newsroom').warning('hello from %s', 'ana@example.org')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    records = [
        json.loads(line)
        for line in result.stderr.splitlines()
        if line.startswith("{")  # not a Python warning, say
    ]
    [hello] = [r for r in records if r["logger"] == "newsroom"]
    assert hello["message"] == "hello from [redacted]"
    assert hello["level"] == "WARNING"
    assert hello["request_id"] == "-"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("new_password1=s3cret&x=1", "new_password1=[redacted]&x=1"),
        ("csrfmiddlewaretoken=abc; next=/", "csrfmiddlewaretoken=[redacted]; next=/"),
        ("/%3Fpassword%3Ds3cret%26a=1", "/%3Fpassword%3D[redacted]%26a=1"),
        ("mail ana%40example.org", "mail [redacted]"),
        ("DJANGO_SECRET_KEY=xyz", "DJANGO_SECRET_KEY=[redacted]"),
    ],
)
def test_redact_masks_encoded_and_named_variants(text, masked):
    assert redact(text) == masked


def test_every_field_of_a_json_record_is_masked(json_log):
    request = RequestFactory().get(f"/login/?{LEAKY_QUERY}")
    try:
        raise ValueError("no user ana@example.org with password=hunter2")
    except ValueError:
        logging.getLogger("django.request").exception(
            "failed: %s",
            request.get_full_path(),
            extra={
                "request": request,
                "status_code": 400,
                "form": {"email": "ana@example.org", "password": "hunter2"},
                "cookies": ["sessionid=abc123sess"],
            },
        )
    text = json_log.text()
    assert [secret for secret in SECRETS if secret in text] == []
    [record] = json_log()
    assert record["request"] == (
        "<WSGIRequest: GET '/login/?password=[redacted]&email=[redacted]"
        "&sessionid=[redacted]'>"
    )
    assert record["form"] == {"email": "[redacted]", "password": "[redacted]"}
    assert record["status_code"] == 400
    exception = record["exc_info"]
    assert "ValueError: no user [redacted] with password=[redacted]" in exception


@pytest.mark.django_db
def test_a_request_with_secrets_in_its_address_leaves_none_in_the_log(client, json_log):
    response = client.get(f"/no-such-page/?{LEAKY_QUERY}")
    assert response.status_code == 404
    text = json_log.text()
    assert response["X-Request-ID"] in text
    assert [secret for secret in SECRETS if secret in text] == []


LOG_EVERYWHERE = f"""
import django, logging
django.setup()
from django.test import RequestFactory
request = RequestFactory().get("/x/?{LEAKY_QUERY}")
logging.getLogger("django.request").warning(
    "Not Found: %s", request.get_full_path(), extra={{"request": request}}
)
logging.getLogger("django.server").info('"GET /x/?{LEAKY_QUERY} HTTP/1.1" 404 9')
try:
    raise KeyError("ana@example.org")
except KeyError:
    logging.getLogger("newsroom").exception("lookup failed")
"""


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({"DJANGO_DEBUG": "true"}, id="development-plain"),
        pytest.param({"DJANGO_LOG_FORMAT": "json"}, id="production-json"),
        pytest.param({"DJANGO_LOG_FORMAT": "plain"}, id="production-plain"),
    ],
)
def test_no_handler_prints_a_secret_in_any_format(env):
    result = subprocess.run(
        [sys.executable, "-c", LOG_EVERYWHERE],
        cwd=BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert [secret for secret in SECRETS if secret in output] == []
    # Each record once: Django's own console handler no longer echoes them.
    assert output.count("Not Found: /x/") == 1
    assert output.count("GET /x/") == 1
    assert output.count("lookup failed") == 1


@pytest.fixture
def plain_log():
    """The lines the django loggers write, in the development format."""
    captured = CapturedLog()
    handler = logging.StreamHandler(captured.stream)
    handler.setFormatter(PlainFormatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield captured
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_is_a_warning_line_without_a_traceback(
    client, json_log, plain_log
):
    """Scanners trying hosts wrote an ERROR with a stack each, flooding error
    monitoring."""
    response = client.get("/wp-login.php?x=1", HTTP_HOST="evil.example\x1b[2J")
    assert response.status_code == 400
    assert '<p class="code">400</p>' in response.content.decode()
    [record] = json_log()
    assert record["logger"] == "django.security.DisallowedHost"
    assert record["level"] == "WARNING"
    assert "exc_info" not in record
    assert record["request_id"] == response["X-Request-ID"]
    assert record["message"] == (
        "Invalid HTTP_HOST header: 'evil.example\\x1b[2J'. The domain name "
        "provided is not valid according to RFC 1034/1035. (GET /wp-login.php?x=1)"
    )
    [line] = plain_log.text().splitlines()
    assert line.startswith("WARNING django.security.DisallowedHost Invalid HTTP_HOST")


@pytest.mark.django_db
def test_a_body_over_the_limit_is_a_warning_line_without_a_traceback(
    client, json_log, plain_log, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/admin/login/", {"username": "x" * 200})
    assert response.status_code == 400
    [record] = json_log()
    assert record["logger"] == "django.security.RequestDataTooBig"
    assert record["level"] == "WARNING"
    assert "exc_info" not in record
    assert record["request_id"] == response["X-Request-ID"]
    assert record["message"] == (
        "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE. "
        "(POST /admin/login/)"
    )
    assert len(plain_log.text().splitlines()) == 1


@pytest.fixture
def photo(db, media_root):
    from newsroom.media.models import Image
    from tests.newsroom.media import files

    return Image.objects.create(
        file=files.jpeg("delegasi.jpg"), alt_text="Delegasi", width=600, height=400
    )


FORBIDDEN = "Forbidden (Permission denied)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "address", "refusal"),
    [
        ("reporter", "/admin/media/image/{photo}/delete/", FORBIDDEN),
        ("desk_editor", "/admin/articles/comment/?q=x", FORBIDDEN),
        ("desk_editor", "/admin/logout/", "Method Not Allowed (GET)"),
        ("desk_editor", "/no-such-page/\x1b[2J", "Not Found"),
    ],
)
def test_an_ordinary_refusal_is_a_warning_line_without_a_traceback(
    role, address, refusal, request, client, photo, json_log, plain_log
):
    """A reporter opening an editor's page wrote a WARNING and a 30-line
    traceback: the real logging config (settings.LOGGING) writes one line."""
    client.force_login(request.getfixturevalue(role))
    response = client.get(address.format(photo=photo.pk))
    status = response.status_code
    assert status in (403, 404, 405)
    [record] = json_log()
    assert record["logger"] == "django.request"
    assert record["level"] == "WARNING"
    assert "exc_info" not in record
    assert record["status_code"] == status
    assert record["request_id"] == response["X-Request-ID"]
    path = response.wsgi_request.path.encode("unicode_escape").decode("ascii")
    asked = response.wsgi_request.get_full_path()
    assert record["message"] == f"{refusal}: {path} ({status} GET {asked})"
    assert "\x1b" not in json_log.text()
    [line] = plain_log.text().splitlines()
    assert line == f"WARNING django.request {record['message']}"


class Broken:
    """A middleware that fails on every request: a bug, a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise ValueError("bug")


@pytest.mark.django_db
def test_a_server_error_keeps_its_traceback(settings, client, json_log):
    settings.MIDDLEWARE = ["tests.newsroom.test_logging.Broken", *settings.MIDDLEWARE]
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    [record] = [r for r in json_log() if r["logger"] == "django.request"]
    assert record["level"] == "ERROR"
    assert record["message"] == "Internal Server Error: /"
    assert "Traceback" in record["exc_info"]
    assert "ValueError: bug" in record["exc_info"]


# Masking whatever a client sends: linear, on bounded text --------------------

# What the tests below hide amid any text: addresses and secret values, each
# found by a mark ("Zq", "Zs") that the text around them never holds.
ADDRESS = st.builds(
    lambda local, labels, at: f"Zq{local}{at}{'.'.join(labels)}",
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._+-", max_size=20),
    st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1), min_size=2),
    st.sampled_from(["@", "%40"]),
)
SECRET_VALUE = st.builds(
    lambda name, separator, value: f"{name}{separator}Zs{value}",
    st.sampled_from(
        ["password", "new_password1", "sessionid", "csrfmiddlewaretoken", "API-KEY"]
    ),
    st.sampled_from(["=", ": ", '": "', "%3D", "%3A", "='"]),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789/+._~!$()*=:@", max_size=30),
)
# Anything but the marks, in pieces apart from the hidden ones: characters
# that end an address and a secret value alike (a value runs to the next
# space, `&`, `;`, `,` or quote: `password=a?b/c` is masked whole).
FILLER = st.text(st.characters(blacklist_characters="Zz"), max_size=40)
SEPARATOR = st.sampled_from([" ", "&", ";", ",", "\n", "\t", "'", '"'])


@st.composite
def text_hiding_secrets(draw) -> str:
    pieces = draw(st.lists(st.one_of(ADDRESS, SECRET_VALUE, FILLER), max_size=12))
    return "".join(piece + draw(SEPARATOR) for piece in pieces)


@given(text=text_hiding_secrets())
def test_no_address_or_secret_survives_masking(text):
    masked = redact(text)
    assert "Zq" not in masked and "Zs" not in masked


@given(text=text_hiding_secrets(), limit=st.integers(min_value=0, max_value=300))
def test_no_part_of_an_address_or_secret_survives_a_cut(text, limit):
    """Cut anywhere (even through an address, whose first half no longer
    reads as one), then masked: nothing of either is left."""
    cut = clipped(text, limit)
    masked = redact(cut)
    assert "Zq" not in masked and "Zs" not in masked
    if len(text) > limit:
        assert len(cut) <= limit + len(f";[cut: {len(text)} more characters]")
        assert re.search(r";\[cut: \d+ more characters\]$", masked)


@pytest.fixture
def masked_lengths(monkeypatch):
    """The length of every text the logging masks, as it is masked."""
    lengths = []

    def measured(text):
        lengths.append(len(text))
        return redact(text)

    monkeypatch.setattr("newsroom.logging.redact", measured)
    return lengths


RUN = "a-" * 3900  # 7.8 KB that the old patterns read again from each character


@pytest.mark.django_db
def test_a_refused_requests_address_is_cut_before_it_is_masked(
    client, json_log, plain_log, masked_lengths
):
    """The address of a 404, the Host header of a 400: a pass of the old
    patterns over 7.8 KB of `a-a-a-…` took 3.8 s of CPU, and a log line
    masked it several times over (message, request, the development line).
    Each text masked is now bounded, whatever the request's size."""
    response = client.get(f"/{RUN}/?password=hunter2&email=ana@example.org")
    assert response.status_code == 404
    response = client.get("/", HTTP_HOST=RUN)
    assert response.status_code == 400
    assert masked_lengths and max(masked_lengths) <= 2 * FIELD_LIMIT + 100
    records = json_log()
    assert [r["logger"] for r in records] == [
        "django.request",
        "django.security.DisallowedHost",
    ]
    for record in records:
        for value in record.values():
            assert len(str(value)) <= 2 * FIELD_LIMIT + 100
    assert ";[cut: " in records[0]["message"]
    assert ";[cut: " in records[0]["request"]
    assert "(404 GET /a-a-a-" in records[0]["message"]  # what it was, cut too
    assert "Invalid HTTP_HOST header: 'a-a-a-" in records[1]["message"]
    assert len(plain_log.text()) <= 4 * (2 * FIELD_LIMIT + 100)


def test_a_long_argument_is_cut_a_long_traceback_kept_longer(json_log):
    """One value (an argument, an extra field) at FIELD_LIMIT characters, a
    traceback, which a client's text rarely fills, at LINE_LIMIT."""
    try:
        raise ValueError("x" * 10_000)
    except ValueError:
        logging.getLogger("django.request").exception(
            "failed: %s", "y" * 10_000, extra={"detail": "z" * 10_000}
        )
    [record] = json_log()
    assert record["message"] == (
        f"failed: {'y' * (FIELD_LIMIT - ADDRESS_LIMIT)}"
        f";[cut: {10_000 - FIELD_LIMIT + ADDRESS_LIMIT} more characters]"
    )
    assert len(record["detail"]) < FIELD_LIMIT + 40
    assert "x" * 10_000 in record["exc_info"]
