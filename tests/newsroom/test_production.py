"""The production settings path, checked in fresh interpreters: settings are
read once per process."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "PORT", "WEB_CONCURRENCY"}
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        REDIS_URL="redis://127.0.0.1:6379/12",
    )
    environ.update(overrides)
    return {key: value for key, value in environ.items() if value is not None}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_insists_on_a_shared_cache():
    result = manage("check", "--deploy", REDIS_URL=None)
    assert result.returncode != 0
    assert "django_ratelimit.E003" in result.stderr


def test_a_trusted_proxy_that_is_no_address_stops_the_start_with_a_message():
    result = manage(
        "check", DJANGO_BEHIND_PROXY="true", FORWARDED_ALLOW_IPS="10.0.0.5,lb.internal"
    )
    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS: 'lb.internal' is not an IP address" in result.stderr


def test_collectstatic_writes_hashed_compressed_files(tmp_path):
    script = (
        "import django, sys; django.setup(); "
        "from django.conf import settings; "
        f"settings.STATIC_ROOT = {str(tmp_path)!r}; "
        "from django.core.management import call_command; "
        "call_command('collectstatic', '--noinput', verbosity=0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    hashed = list((tmp_path / "css").glob("site.*.css.gz"))
    assert hashed, sorted(p.name for p in (tmp_path / "css").iterdir())
    assert (tmp_path / "staticfiles.json").exists()


def test_gunicorn_reads_its_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("DJANGO_BEHIND_PROXY", "true")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.1")
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:9123"
    assert config["workers"] == 3
    assert config["forwarded_allow_ips"] == "10.0.0.1"
    assert config["accesslog"] == "-"
    assert "{x-request-id}o" in config["access_log_format"]
    assert config["graceful_timeout"] > 0
    assert config["wsgi_app"] == "newsroom.wsgi:application"


def test_gunicorn_defaults_to_two_workers_a_core_and_one(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/newsroom.sock")
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["bind"] == "unix:/run/newsroom.sock"
    assert config["workers"] == 2 * os.cpu_count() + 1


def gunicorn_config(monkeypatch, **env):
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_without_a_proxy_gunicorn_trusts_no_forwarded_header(monkeypatch):
    for behind_proxy in (None, "", "false", "0"):
        config = gunicorn_config(
            monkeypatch, DJANGO_BEHIND_PROXY=behind_proxy, FORWARDED_ALLOW_IPS=None
        )
        assert config["forwarded_allow_ips"] == ""
        # A peer on a unix socket is trusted whatever the list: no header is.
        assert config["secure_scheme_headers"] == {}
        assert config["forwarder_headers"] == ""


def test_behind_a_proxy_gunicorn_trusts_the_proxys_address(monkeypatch):
    config = gunicorn_config(
        monkeypatch, DJANGO_BEHIND_PROXY="true", FORWARDED_ALLOW_IPS=None
    )
    assert config["forwarded_allow_ips"] == "127.0.0.1"
    assert "secure_scheme_headers" not in config  # gunicorn's defaults


def test_django_leaves_the_forwarded_proto_to_gunicorn():
    """Django would believe X-Forwarded-Proto from anyone; gunicorn believes it
    only from FORWARDED_ALLOW_IPS and passes the scheme on."""
    for behind_proxy in ("false", "true"):
        script = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SECURE_PROXY_SSL_HEADER)"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=BASE_DIR,
            env=production_env(DJANGO_BEHIND_PROXY=behind_proxy),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "None", behind_proxy
