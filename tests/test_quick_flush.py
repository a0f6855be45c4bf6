"""The flush after a transactional test (tests/quick_flush.py) empties every
table, rows that point at each other included, and leaves a database the
next test can fill; content types and permissions stay as post_migrate makes
them, the same rows when a test left them so and made again when not."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Comment
from tests import quick_flush
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


def flush():
    """The flush after a transactional test (TransactionTestCase's)."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)


def content_types_and_permissions():
    return (
        sorted(ContentType.objects.values_list("pk", "app_label", "model")),
        sorted(Permission.objects.values_list("pk", "content_type_id", "codename")),
    )


@pytest.mark.django_db(transaction=True)
def test_fresh_content_types_and_permissions_are_kept_not_made_again(admin_user):
    article_type = ContentType.objects.get_for_model(Article)
    publish = Permission.objects.get(codename="publish_article")
    Group.objects.create(name="Desk").permissions.add(publish)
    before = content_types_and_permissions()

    with CaptureQueriesContext(connection) as flushed:
        flush()

    assert content_types_and_permissions() == before
    writes = [
        q["sql"]
        for q in flushed.captured_queries
        if q["sql"].startswith(("INSERT", "DELETE"))
        and ("django_content_type" in q["sql"] or "auth_permission" in q["sql"])
    ]
    assert writes == []
    assert not Group.objects.exists()
    # The next test's rows point at the kept ones.
    desk = Group.objects.create(name="Desk")
    desk.permissions.add(Permission.objects.get(codename="publish_article"))
    assert desk.permissions.get() == publish
    admin = type(admin_user).objects.create(username="admin-again", is_staff=True)
    LogEntry.objects.create(
        user=admin, content_type=article_type, object_repr="x", action_flag=1
    )
    assert LogEntry.objects.get().content_type == article_type


@pytest.mark.django_db(transaction=True)
def test_a_content_type_and_permission_a_test_added_are_gone_after_the_flush():
    ghost = ContentType.objects.create(app_label="media", model="poster")
    Permission.objects.create(codename="add_poster", name="Can add", content_type=ghost)

    flush()

    assert not ContentType.objects.filter(model="poster").exists()
    assert not Permission.objects.filter(codename="add_poster").exists()
    assert quick_flush.stored_rows(connection) == quick_flush.fresh_rows()


@pytest.mark.django_db(transaction=True)
def test_content_types_and_permissions_a_test_deleted_come_back():
    Permission.objects.filter(codename="publish_article").delete()
    ContentType.objects.get_for_model(Comment).delete()  # and its permissions

    flush()

    assert Permission.objects.get(codename="publish_article").content_type == (
        ContentType.objects.get_for_model(Article)
    )
    assert Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment)
    ).exists()
    assert quick_flush.stored_rows(connection) == quick_flush.fresh_rows()


@pytest.mark.django_db(transaction=True)
def test_a_flush_that_resets_sequences_empties_content_types_too():
    flush_sql = connection.ops.sql_flush
    from django.core.management.color import no_style

    tables = connection.introspection.django_table_names(only_existing=True)
    plain = " ".join(flush_sql(no_style(), tables))
    reset = " ".join(flush_sql(no_style(), tables, reset_sequences=True))
    assert "django_content_type" not in plain and "auth_permission" not in plain
    assert "django_content_type" in reset and "auth_permission" in reset
