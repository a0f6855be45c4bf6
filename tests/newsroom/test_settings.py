"""Start-up checks run in a fresh interpreter: settings are read once per process."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsroom.env import development_secret_key

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


PRINT_KEY = (
    "import django; django.setup(); "
    "from django.conf import settings; print(settings.SECRET_KEY)"
)


def test_developments_secret_key_is_this_checkouts_own_and_outlives_a_restart():
    """No key in the repository: the one used is made for the checkout, kept
    in a file git ignores, and the same after a restart."""
    first, again = start_django(PRINT_KEY), start_django(PRINT_KEY)
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr

    key = first.stdout.strip()
    assert key == again.stdout.strip()
    assert len(key) >= 50
    kept = BASE_DIR / ".secret-key-development"
    assert kept.read_text().strip() == key
    assert kept.stat().st_mode & 0o077 == 0  # its owner's alone
    assert "/.secret-key-development*" in (BASE_DIR / ".gitignore").read_text()
    assert "django-insecure" not in (BASE_DIR / "newsroom/settings.py").read_text()


def test_development_keys_of_two_checkouts_differ(tmp_path):
    assert development_secret_key(tmp_path / "a") != development_secret_key(
        tmp_path / "b"
    )


def test_processes_starting_at_once_keep_one_key(tmp_path):
    path = tmp_path / "key"
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: development_secret_key(path), range(32)))
    assert keys == {path.read_text()}
    assert [p.name for p in tmp_path.iterdir()] == ["key"]  # no draft left


def test_where_no_key_can_be_kept_each_process_has_its_own(tmp_path):
    path = tmp_path / "missing-directory" / "key"
    first, second = development_secret_key(path), development_secret_key(path)
    assert len(first) >= 50 and first != second
    assert not path.parent.exists()


WSGI_DEBUG = (
    "import newsroom.wsgi; from django.conf import settings; print(settings.DEBUG)"
)


def test_an_application_server_told_nothing_refuses_to_start_without_a_key():
    """gunicorn, uWSGI: newsroom.wsgi is imported before the settings. A
    deployment that forgot DJANGO_DEBUG=false was served in debug mode, with
    tracebacks to anyone and a key anyone could read; now it is production
    and asks for its key."""
    result = start_django(WSGI_DEBUG)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr

    result = start_django(WSGI_DEBUG, DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_an_application_server_given_an_empty_debug_is_production():
    """An empty variable counts as unset, as everywhere (a tester's empty
    DJANGO_DEBUG= had served the debug pages, signing with a made key)."""
    result = start_django(WSGI_DEBUG, DJANGO_DEBUG=" ")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_an_application_server_in_development_when_told():
    result = start_django(WSGI_DEBUG, DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


def test_runserver_stays_in_development():
    """manage.py reads the settings before runserver imports newsroom.wsgi."""
    result = start_django(f"import django; django.setup(); {WSGI_DEBUG}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


# Two requests that each read and then write, at the same moment, in two
# threads with their own connections to one SQLite file (as two readers
# sending a comment: the comment's service reads the story, then saves).
TWO_WRITERS = """
import threading, time
import django
django.setup()
from django.db import connections, transaction

with connections["default"].cursor() as cursor:
    cursor.execute("CREATE TABLE said (who TEXT)")
failed = []
both_read = threading.Barrier(2)

def write(who):
    try:
        with transaction.atomic():
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM said")
                try:
                    both_read.wait(timeout=1)
                except threading.BrokenBarrierError:
                    pass  # the other waits for the write lock: as it should
                cursor.execute("INSERT INTO said VALUES (%s)", [who])
    except Exception as error:
        failed.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(who,)) for who in "ab"]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connections["default"].cursor() as cursor:
    cursor.execute("SELECT count(*) FROM said")
    print(cursor.fetchone()[0], failed)
"""


def test_two_writers_at_once_on_sqlite_both_get_through(tmp_path):
    """Without a transaction that takes the write lock as it begins, the
    second writer failed at once with "database is locked" (the 503 page for
    one of two readers commenting together)."""
    result = start_django(
        TWO_WRITERS, DATABASE_URL=f"sqlite:///{tmp_path / 'two.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "2 []"
