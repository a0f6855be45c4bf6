"""Emptying the database after a transactional test (live_server's, the
browser tests'), by DELETE on PostgreSQL instead of Django's TRUNCATE, and
without remaking the content types and permissions when they are as fresh.

Django's flush truncates every table: on PostgreSQL that makes new files for
each of the 49 tables, their indexes and TOAST tables, 0.42 s each time on
this project's schema; deleting the few rows a test leaves takes 0.011 s.
Every foreign key Django makes on PostgreSQL is checked at commit
(DEFERRABLE INITIALLY DEFERRED) and the flush runs in one transaction, so the
order of the deletes does not matter; the project has no triggers. Flushes
that reset sequences or cascade (tests that ask for them) keep TRUNCATE.

After the flush, post_migrate makes every model's content type and permission
again (222 queries, 69 commits: 0.35 s of a 0.59 s flush). Rows that are
exactly those post_migrate would make (one per model, by natural key) are kept
instead, on both databases, and post_migrate finds nothing to add. A test
that leaves others (a model made on the fly, a migration run backwards, a
permission deleted) gets the full delete, and post_migrate remakes the set.
"""

from django.contrib.auth.management import _get_all_permissions
from django.db.backends.postgresql.operations import (
    DatabaseOperations as PostgreSQLOperations,
)
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

CONTENT_TYPES = "django_content_type"
PERMISSIONS = "auth_permission"


def fresh_rows() -> tuple[list, list]:
    """The content types and permissions post_migrate makes for the models
    installed now, by natural key: (app_label, model) and (app_label, model,
    codename)."""
    from django.apps import apps

    models = apps.get_models()
    content_types = sorted({(m._meta.app_label, m._meta.model_name) for m in models})
    permissions = sorted(
        {
            (m._meta.app_label, m._meta.model_name, codename)
            for m in models
            for codename, _name in _get_all_permissions(m._meta)
        }
    )
    return content_types, permissions


def stored_rows(connection) -> tuple[list, list]:
    """The content types and permissions in the database, as fresh_rows()."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app_label, model FROM {CONTENT_TYPES}")
        content_types = sorted(map(tuple, cursor.fetchall()))
        cursor.execute(
            f"SELECT t.app_label, t.model, p.codename FROM {PERMISSIONS} p"
            f" JOIN {CONTENT_TYPES} t ON t.id = p.content_type_id"
        )
        permissions = sorted(map(tuple, cursor.fetchall()))
    return content_types, permissions


def keeps_content_types(connection, tables) -> bool:
    """Whether a flush of `tables` can leave the content types and
    permissions as they are: both are flushed and hold the fresh set."""
    return {CONTENT_TYPES, PERMISSIONS} <= set(tables) and stored_rows(
        connection
    ) == fresh_rows()


def sql_delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    return [
        f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
        for table in tables
    ]


def keeping_content_types(plain, full):
    """A sql_flush that empties by `plain` (keeping fresh content types and
    permissions) and resets sequences or cascades by `full`."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            # A reset sequence would hand the kept rows' ids out again.
            return full(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        if keeps_content_types(self.connection, tables):
            tables = [t for t in tables if t not in (CONTENT_TYPES, PERMISSIONS)]
        return plain(self, style, tables)

    return sql_flush


def install() -> None:
    PostgreSQLOperations.sql_flush = keeping_content_types(
        sql_delete, PostgreSQLOperations.sql_flush
    )
    sqlite = SQLiteWrapper.ops_class
    sqlite.sql_flush = keeping_content_types(sqlite.sql_flush, sqlite.sql_flush)
