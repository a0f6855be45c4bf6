"""Structured logs: JSON lines with the request id, secrets masked."""

import io
import json
import logging
import subprocess
import sys

import pytest

from newsroom.logging import JsonFormatter, RedactFilter, RequestIdFilter, redact
from tests.newsroom.test_production import BASE_DIR, production_env


@pytest.fixture
def json_log():
    """The lines the django loggers write, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactFilter())
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
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
