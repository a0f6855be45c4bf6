"""Backups restore: a dump taken as README, Backups says, restored into a fresh
database, holds every article, meeting and comment."""

import json
import os
import shutil
import subprocess
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from agencies.models import Meeting
from articles.models import Article, Comment
from tests.articles.comment_factories import CommentFactory
from tests.subprocesses import run_python

ON_POSTGRES = connection.vendor == "postgresql"
TABLES = {
    "articles": "articles_article",
    "meetings": "agencies_meeting",
    "comments": "articles_comment",
}


@pytest.fixture
def newsroom_content(jwg4_article):
    """An article on a meeting (and the meeting before it), with comments: an
    approved one, a reply and one waiting for moderation."""
    first = CommentFactory(article=jwg4_article)
    CommentFactory(parent=first)
    CommentFactory(article=jwg4_article, pending=True)
    return {
        "articles": Article.objects.count(),
        "meetings": Meeting.objects.count(),
        "comments": Comment.objects.count(),
    }


def test_the_fixture_has_something_to_lose(db, newsroom_content):
    assert newsroom_content == {"articles": 1, "meetings": 2, "comments": 3}


@pytest.mark.django_db(transaction=True)
def test_dumpdata_restores_into_a_fresh_database(newsroom_content, tmp_path):
    """The portable path: works from and to SQLite or PostgreSQL alike (here
    into a fresh SQLite database, whatever the suite runs on)."""
    dump = tmp_path / "newsroom.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        f"--output={dump}",
        verbosity=0,
    )
    restore = (
        "import json, django; django.setup();"
        "from django.core.management import call_command;"
        "from django.db import connection;"
        "call_command('migrate', verbosity=0);"
        f"call_command('loaddata', {str(dump)!r}, verbosity=0);"
        "cursor = connection.cursor();"
        f"tables = {TABLES!r};"
        "counts = {name: cursor.execute(f'SELECT COUNT(*) FROM {table}')"
        ".fetchone()[0] for name, table in tables.items()};"
        "print(json.dumps(counts))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "REDIS_URL": "",
    }
    output = run_python(env, "-c", restore)
    assert json.loads(output.strip().splitlines()[-1]) == newsroom_content


def pg_tool_env(settings_dict) -> dict:
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


@pytest.mark.postgres
@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="pg_dump/pg_restore need PostgreSQL (set DATABASE_URL to a PostgreSQL "
    "database; CI runs the suite on both)",
)
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "createdb")),
    reason="the PostgreSQL client tools (pg_dump, pg_restore, createdb) are not "
    "installed",
)
@pytest.mark.django_db(transaction=True)
def test_pg_dump_restores_into_a_fresh_database(newsroom_content, tmp_path):
    import psycopg

    settings_dict = connection.settings_dict
    env = pg_tool_env(settings_dict)
    dump = tmp_path / "newsroom.dump"
    fresh = f"newsroom_restore_{uuid.uuid4().hex[:12]}"

    def run(*command):
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr

    run("pg_dump", "--format=custom", f"--file={dump}", settings_dict["NAME"])
    run("createdb", fresh)
    try:
        run("pg_restore", "--clean", "--if-exists", "--no-owner", "-d", fresh, dump)
        restored = psycopg.connect(
            dbname=fresh,
            host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None,
            user=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
        )
        try:
            with restored.cursor() as cursor:
                counts = {}
                for name, table in TABLES.items():
                    cursor.execute(f"SELECT COUNT(*) FROM {table}")
                    counts[name] = cursor.fetchone()[0]
        finally:
            restored.close()
    finally:
        run("dropdb", "--if-exists", fresh)
    assert counts == newsroom_content
