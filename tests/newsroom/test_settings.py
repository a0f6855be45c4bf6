"""Start-up checks run in a fresh interpreter: settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def start_django(code: str = "import django; django.setup()", **env):
    """Run `code` in a fresh interpreter with the project's settings and
    `env` (none of the test run's DJANGO_ variables nor its database)."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("debug", ["false", "0"])
def test_production_refuses_to_start_without_a_secret_key(debug):
    result = start_django(DJANGO_DEBUG=debug)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_an_empty_secret_key_counts_as_missing():
    result = start_django(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = start_django(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_development_starts_without_a_secret_key():
    result = start_django()
    assert result.returncode == 0, result.stderr
