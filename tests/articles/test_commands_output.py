"""What the operators' management commands print: in English, whatever the
site's default language; the digest of the day asked for; the page benchmark's
figures of pages rendered, not served from the page cache."""

import datetime as dt
import importlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import formats, timezone, translation

from tests.articles.factories import ArticleFactory
from tests.subprocesses import BASE_DIR

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"


def output(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def site_default_language():
    """No language active, as in `manage.py`: Django's translations fall back
    to the site's default, Indonesian."""
    translation.deactivate()
    assert translation.gettext("Top stories") == "Berita utama"
    yield
    translation.deactivate()


# Operator commands answer in English


def test_import_without_a_superuser_says_what_to_give_in_english(
    site_default_language,
):
    with pytest.raises(CommandError) as error:
        output("import_articles", str(SAMPLES / "no-source-line.txt"))
    assert str(error.value) == "No superuser to import as: give --user USERNAME."


def test_import_gives_the_intakes_reasons_and_warnings_in_english(
    site_default_language, editor, section, tmp_path
):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_articles",
            str(SAMPLES / "no-source-line.txt"),
            str(empty),
            "--user",
            editor.username,
            stdout=out,
        )
    assert str(error.value) == "1 of 2 files refused."
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("created: ")
    assert "  ! No 'Sumber :' line: the source is not known." in lines
    assert lines[-1] == f"refused: {empty}: the file is empty."
    # The next command of the process still has the site's language.
    assert translation.gettext("Top stories") == "Berita utama"


def test_media_renditions_reports_in_english(site_default_language, media_root):
    assert output("media_renditions") == "0 renditions made for 0 images.\n"


def test_media_renditions_help_is_in_english(site_default_language):
    from newsroom.media.management.commands import media_renditions

    importlib.reload(media_renditions)  # as `manage.py` imports it
    parser = media_renditions.Command().create_parser("manage.py", "media_renditions")
    assert "Make the missing renditions of every image" in parser.format_help()


# The digest of the day asked for


def heading(day: dt.date) -> str:
    with translation.override("en"):
        return f"Newsroom: the day's news, {formats.date_format(day, 'DATE_FORMAT')}"


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def test_the_digest_of_a_date_is_that_days(section):
    day = dt.date(2022, 3, 24)
    ArticleFactory(
        title="That morning", language="en", published_at=at(day, dt.time(9))
    )
    ArticleFactory(
        title="The next midnight",
        language="en",
        published_at=at(day + dt.timedelta(days=1), dt.time.min),
    )
    text = output(
        "digest", "--language", "en", "--date", "2022-03-24", "--format", "txt"
    )
    assert text.startswith(heading(day) + "\n")
    assert "24 March 2022" in text.splitlines()[0]
    assert "That morning" in text
    assert "The next midnight" not in text


def test_the_digest_of_today_by_default(section):
    ArticleFactory(title="Just now", language="en", published_at=timezone.now())
    text = output("digest", "--language", "en", "--format", "txt")
    assert text.startswith(heading(timezone.localdate()) + "\n")
    assert "Just now" in text


# The page benchmark times pages as rendered


def bench_figures(out: str) -> dict[str, int]:
    """The queries of each page of the bench's table."""
    header, *rows = out.splitlines()
    assert header.split() == ["page", "median", "ms", "p95", "ms", "queries", "KB"]
    return {row[:14].strip(): int(row[14:].split()[2]) for row in rows}


def test_the_page_bench_counts_the_queries_of_every_page_with_the_page_cache_on(
    settings,
):
    settings.NEWSROOM_PAGE_CACHE = True  # as in production and `make bench-pages`
    out = output(
        "bench",
        *("--articles", "2", "--tags", "1", "--requests", "2"),
        *("--comments", "2", "--sections", "1"),
    )
    figures = bench_figures(out)
    assert len(figures) == 8
    assert all(queries > 0 for queries in figures.values()), figures


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the warning of a SQLite file database"
)
def test_the_page_bench_warns_that_it_locks_a_sqlite_file_database(tmp_path):
    """`manage.py bench` on a copy of the migrated test database in a file,
    as `make bench-pages` runs on db.sqlite3."""
    database = tmp_path / "db.sqlite3"
    # Read through a connection of its own: the test's holds a transaction.
    test_database = connection.settings_dict["NAME"]
    with closing(sqlite3.connect(test_database, uri=True, timeout=5)) as source:
        source.execute("VACUUM INTO ?", [str(database)])
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
        },
        "DATABASE_URL": f"sqlite:///{database}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "bench", "--articles", "2", "--tags", "1"]
        + ["--requests", "1", "--comments", "1", "--sections", "1"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        "This locks the SQLite database for writing until it ends"
    )
    assert "do not run it beside a server on the same database" in done.stderr
    assert all(queries > 0 for queries in bench_figures(done.stdout).values())
