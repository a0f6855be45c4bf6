"""The flush after a transactional test (tests/quick_flush.py) empties every
table, rows that point at each other included, and leaves a database the
next test can fill."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from articles.models import Article, Comment
from tests.articles.comment_factories import CommentFactory


def table_rows() -> dict[str, int]:
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_and_the_next_rows_go_in():
    reply = CommentFactory(parent=CommentFactory())  # comment -> comment -> article
    Group.objects.create(name="Photo desk")
    assert table_rows()[Comment._meta.db_table] == 2

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)

    assert {table: rows for table, rows in table_rows().items() if rows} == {}
    again = CommentFactory(article__title=reply.article.title)
    assert Article.objects.get().comments.get() == again


def test_postgresql_flushes_by_delete_unless_asked_to_reset_or_cascade():
    if connection.vendor != "postgresql":
        pytest.skip("the DELETE flush is PostgreSQL's (SQLite's flush deletes)")
    from django.core.management.color import no_style

    tables = ["articles_article", "articles_comment"]
    plain = connection.ops.sql_flush(no_style(), tables)
    assert plain == [
        'DELETE FROM "articles_article";',
        'DELETE FROM "articles_comment";',
    ]
    reset = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    assert reset[0].startswith("TRUNCATE")
