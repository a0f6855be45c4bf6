"""Content Security Policy: the header is sent, and nothing in the templates
needs inline script to work."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_pages_carry_a_policy_without_inline_script(client, url):
    response = client.get(url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_templates_have_no_inline_javascript():
    inline = []
    for path in template_files():
        for tag in SCRIPT_TAG.findall(path.read_text()):
            if "src=" not in tag and "application/ld+json" not in tag:
                inline.append(f"{path.relative_to(TEMPLATES)}: {tag}")
    assert not inline


def test_templates_have_no_event_handler_attributes():
    handlers = [
        f"{path.relative_to(TEMPLATES)}: {match.group()}"
        for path in template_files()
        for match in EVENT_HANDLER.finditer(path.read_text())
    ]
    assert not handlers
