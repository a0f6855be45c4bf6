"""What the environment can say, and what start-up makes of it: an empty
variable is its default, a value that cannot work stops the start with one
line naming the variable. Settings are read once per process, so each case
runs in a fresh interpreter."""

import os
import re
import runpy
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings

from articles.models.article import CommentPolicy
from tests.newsroom.test_production import BASE_DIR, production_env

# What a deployment's environment may carry that the test run's must not lend.
OWN_VARIABLES = ("DJANGO_", "NEWSROOM_", "GUNICORN_", "EMAIL_")
OWN_NAMES = {"DATABASE_URL", "REDIS_URL", "PORT", "WEB_CONCURRENCY"}


def development_env(**overrides: str | None) -> dict[str, str]:
    """The test run's environment without any setting of the project's, plus
    `overrides` (None: left unset)."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(OWN_VARIABLES) and key not in OWN_NAMES
    }
    environ.update(overrides, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return {key: value for key, value in environ.items() if value is not None}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(env: dict[str, str], expression: str) -> str:
    """`expression` (over django.conf.settings) as the process of `env` sees it."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    result = run(env, "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def env_example() -> dict[str, str]:
    """The variables `.env.example` sets, as `set -a; . ./.env.example` does."""
    text = (BASE_DIR / ".env.example").read_text()
    return dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", text, re.MULTILINE))


# NEWSROOM_COMMENTS_POLICY


def test_a_mistyped_comment_policy_stops_the_start_naming_the_allowed_values():
    result = run(
        development_env(NEWSROOM_COMMENTS_POLICY="later"), "manage.py", "check"
    )
    assert result.returncode != 0
    assert (
        "NEWSROOM_COMMENTS_POLICY='later' is not one of the allowed values: "
        "pre, post, closed"
    ) in result.stderr


def test_a_comment_policy_in_capitals_is_a_policy_new_articles_can_be_saved_with():
    """`Post` made every new article's save fail validation (a 500 in the
    admin, the story lost)."""
    code = (
        "import django; django.setup()\n"
        "from articles.models import Article\n"
        "article = Article()\n"
        "fields = [field.name for field in Article._meta.fields]\n"
        "others = [name for name in fields if name != 'comment_policy']\n"
        "article.clean_fields(exclude=others)\n"
        "print(article.comment_policy)\n"
    )
    result = run(development_env(NEWSROOM_COMMENTS_POLICY=" Post "), "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "post"


def test_the_policies_start_up_allows_are_the_articles_own():
    assert list(settings.COMMENTS_POLICIES) == list(CommentPolicy.values)


# Empty variables and numbers


def test_the_example_environment_as_the_readme_loads_it_starts():
    """`set -a; . ./.env.example`: DATABASE_URL= empty had every command die
    with KeyError 'ENGINE'."""
    result = run(development_env(**env_example()), "manage.py", "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


EMPTY_MEANS_DEFAULT = {
    "DATABASE_URL": ("DATABASES['default']['ENGINE']", "django.db.backends.sqlite3"),
    "DJANGO_DB_CONN_MAX_AGE": ("DATABASES['default']['CONN_MAX_AGE']", "0"),
    "DJANGO_SECURE_HSTS_SECONDS": ("SECURE_HSTS_SECONDS", "0"),
    "NEWSROOM_COMMENTS_POLICY": ("COMMENTS_DEFAULT_POLICY", "pre"),
    "NEWSROOM_NAME": ("NEWSROOM_NAME", "Newsroom"),
    "NEWSROOM_PAGE_CACHE_SECONDS": ("NEWSROOM_PAGE_CACHE_SECONDS", "600"),
    "NEWSROOM_CDN_MAX_AGE": ("NEWSROOM_CDN_MAX_AGE", "60"),
    "NEWSROOM_PREVIEW_LINK_MAX_AGE": ("PREVIEW_LINK_MAX_AGE", "259200"),
    "EMAIL_PORT": ("EMAIL_PORT", "587"),
    "DJANGO_LOG_FORMAT": ("LOG_FORMAT", "plain"),
    "REDIS_URL": ("CACHES['default']['BACKEND']", "locmem.LocMemCache"),
}


def test_an_empty_variable_means_its_default():
    env = development_env(**dict.fromkeys(EMPTY_MEANS_DEFAULT, ""))
    expressions = [expression for expression, _ in EMPTY_MEANS_DEFAULT.values()]
    shown = setting(env, " + '|' + ".join(f"str(settings.{e})" for e in expressions))
    for (name, (_, default)), value in zip(
        EMPTY_MEANS_DEFAULT.items(), shown.split("|"), strict=True
    ):
        assert value.endswith(default), (name, value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_SECURE_HSTS_SECONDS", "1y"),
        ("DJANGO_DB_CONN_MAX_AGE", "sixty"),
        ("NEWSROOM_PAGE_CACHE_SECONDS", "10m"),
    ],
)
def test_a_number_that_is_not_one_stops_the_start_naming_the_variable(name, value):
    result = run(development_env(**{name: value}), "manage.py", "check")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"{name}={value!r} is not a whole number" in last_line
    assert "invalid literal" not in result.stderr


# REDIS_URL


def test_a_redis_address_without_its_scheme_stops_the_start_with_the_expected_form():
    result = run(
        production_env(REDIS_URL="127.0.0.1:6379"), "manage.py", "check", "--deploy"
    )
    assert result.returncode != 0
    assert "REDIS_URL='127.0.0.1:6379' is not a Redis address" in result.stderr
    assert "redis://host:port/db" in result.stderr
    assert "rediss://" in result.stderr
    assert "unix://" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "redis://cache.internal:6379/0",
        "rediss://cache.internal:6380/0",
        "unix:///run/redis.sock",
        "redis://one:6379/0,redis://two:6379/0",
    ],
)
def test_every_form_of_redis_address_starts(url):
    assert setting(production_env(REDIS_URL=url), "settings.REDIS_URL") == url


def test_without_redis_in_production_the_check_names_redis_url():
    result = run(production_env(REDIS_URL=None), "manage.py", "check", "--deploy")
    assert result.returncode != 0
    assert "(newsroom.E001) REDIS_URL is not set" in result.stderr
    assert "HINT: Set REDIS_URL to the shared Redis" in result.stderr


def test_with_redis_in_production_the_check_is_quiet():
    result = run(production_env(), "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "newsroom.E001" not in result.stdout + result.stderr


# gunicorn


def gunicorn(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """gunicorn with gunicorn.conf.py; one that keeps running after 60 s is
    stopped and fails the test (it should have refused)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.terminate()
        stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"gunicorn started and kept running:\n{stderr}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_gunicorn_refuses_several_workers_in_production_without_redis(tmp_path):
    env = production_env(
        REDIS_URL=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_BIND="127.0.0.1:0",
        WEB_CONCURRENCY="3",
    )
    result = gunicorn(env, "--no-control-socket")
    assert result.returncode == 1
    assert (
        "Error: REDIS_URL is not set, and gunicorn would start 3 workers"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.fixture
def on_starting(monkeypatch):
    """gunicorn.conf.py's start-up hook, for `workers` workers and `env`."""

    def start(workers: int, **env: str | None) -> None:
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
        config["on_starting"](SimpleNamespace(cfg=SimpleNamespace(workers=workers)))

    return start


PRODUCTION_WITHOUT_REDIS = {
    "DJANGO_DEBUG": "false",
    "REDIS_URL": None,
    "NEWSROOM_PAGE_CACHE": None,
}


def test_gunicorn_starts_one_worker_without_redis(on_starting):
    on_starting(1, **PRODUCTION_WITHOUT_REDIS)


def test_gunicorn_starts_several_workers_with_redis(on_starting):
    on_starting(5, **{**PRODUCTION_WITHOUT_REDIS, "REDIS_URL": "redis://r:6379/0"})


def test_gunicorn_starts_several_workers_without_the_page_cache(on_starting):
    on_starting(5, **{**PRODUCTION_WITHOUT_REDIS, "NEWSROOM_PAGE_CACHE": "false"})


def test_gunicorn_starts_several_workers_in_development(on_starting):
    on_starting(5, **{**PRODUCTION_WITHOUT_REDIS, "DJANGO_DEBUG": "true"})


def test_gunicorn_told_nothing_is_production_and_refuses_workers_without_redis(
    on_starting,
):
    with pytest.raises(RuntimeError, match="REDIS_URL is not set"):
        on_starting(5, **{**PRODUCTION_WITHOUT_REDIS, "DJANGO_DEBUG": None})


def test_gunicorn_refuses_a_timeout_that_is_no_number():
    env = production_env(GUNICORN_TIMEOUT="30s")
    result = gunicorn(env, "--check-config")
    assert result.returncode != 0
    assert "GUNICORN_TIMEOUT='30s' is not a whole number" in result.stderr


def test_gunicorn_reads_empty_variables_as_their_defaults(monkeypatch):
    for name in ("PORT", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.setenv(name, "")
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:8000"
    assert config["timeout"] == 30
    assert config["max_requests"] == 100_000


# .env.example


def test_the_example_environment_lists_every_variable_the_readme_documents():
    readme = (BASE_DIR / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("### PostgreSQL", 1)[0]
    documented = {
        name
        for row in re.findall(r"^\| ([^|]+) \|", table, re.MULTILINE)
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)
    }
    example = (BASE_DIR / ".env.example").read_text()
    listed = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    # The object storage's credentials are named in a comment, never given.
    secrets = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    assert documented - secrets - listed == set()
    assert all(name in example for name in secrets)
