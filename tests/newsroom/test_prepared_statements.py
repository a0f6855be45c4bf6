"""PostgreSQL keeps the queries a worker repeats prepared, with their plans
(DJANGO_DB_PREPARED_STATEMENTS, newsroom/settings.py): an article's query
took longer to plan than to run."""

import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.search.index import update_search_vectors
from newsroom.query_plans import planned_for_their_values
from tests.articles.factories import ArticleFactory

from .test_settings import start_django


def database_options(**env) -> dict:
    """DATABASES["default"]["OPTIONS"] as a fresh interpreter reads them."""
    done = start_django(
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
        **env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


POSTGRES = "postgres://newsroom@db.example:5432/newsroom"
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's prepared statements (CI runs the suite on PostgreSQL too)",
)


def test_postgresql_binds_on_the_server_and_prepares_by_default():
    options = database_options(DATABASE_URL=POSTGRES)
    assert options == {"server_side_binding": True, "prepare_threshold": 5}


@pytest.mark.parametrize("off", ["false", "0", "no"])
def test_prepared_statements_can_be_turned_off_for_a_pooler(off):
    options = database_options(DATABASE_URL=POSTGRES, DJANGO_DB_PREPARED_STATEMENTS=off)
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_sqlite_gets_no_prepared_statements_but_its_one_writer_waits():
    # test_settings.py proves the wait: two writers at once both get through.
    assert database_options(DATABASE_URL="sqlite:///newsroom.sqlite3") == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


@postgres_only
@pytest.mark.django_db
def test_a_query_repeated_on_a_connection_is_kept_prepared_and_answers_alike():
    stories = [ArticleFactory(slug=f"siaran-{n}") for n in range(8)]
    assert connection.features.uses_server_side_binding
    found = [Article.objects.filter(slug=story.slug).get() for story in stories]
    assert found == stories
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"
        )
        prepared = cursor.fetchall()
    runs = [
        planned
        for statement, planned in prepared
        if 'FROM "articles_article"' in statement
        and '"articles_article"."slug" = $1' in statement
    ]
    # Prepared at its sixth run, then run prepared three times in all.
    assert runs == [3]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@postgres_only
@pytest.mark.django_db
def test_queries_planned_for_their_values_are_never_prepared_but_still_counted():
    stories = [ArticleFactory(slug=f"kabar-{n}") for n in range(8)]
    with CaptureQueriesContext(connection) as captured, planned_for_their_values():
        found = [Article.objects.filter(slug=story.slug).get() for story in stories]
    assert found == stories
    assert len(captured.captured_queries) == 8
    assert not [s for s in prepared_statements() if '"slug" = $1' in s]
    # A database error is still Django's, and the connection still usable.
    with pytest.raises(DatabaseError), planned_for_their_values():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table WHERE id = %s", [1])
    assert Article.objects.filter(slug="kabar-0").exists()


@postgres_only
@pytest.mark.django_db
def test_a_search_is_planned_for_its_words_each_time(client):
    """Its plan depends on the words, and a generic plan would compute the
    words' tsquery again for each row (newsroom/query_plans.py)."""
    story = ArticleFactory(title="Delegasi BNPT tiba di Manila", body="Tiba.")
    update_search_vectors([story.pk])
    pages = [client.get("/search/", {"q": "delegasi"}) for _ in range(8)]
    assert all(page.context["page_obj"].paginator.count == 1 for page in pages)
    assert not [s for s in prepared_statements() if "tsquery" in s.lower()]
