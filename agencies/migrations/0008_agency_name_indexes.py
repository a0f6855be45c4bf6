"""Indexes for the agencies a reader's search names (AgencyQuerySet.matching):
an acronym by a word of the query, a name or an alias by the text of the
query (pg_trgm: trigram indexes answer LIKE '%…%'). PostgreSQL only: SQLite
reads its few agencies."""

from django.db import migrations

# The expressions are the SQL Django writes for the lookups (iexact and
# icontains compare UPPER(<column>::text)); AgencyQuerySet.matching's Names
# is the second one's column.
INDEXES = {
    "agency_acronym_upper_idx": (
        'ON agencies_agency (UPPER("acronym"::text))'
    ),
    "agency_names_trgm_idx": (
        'ON agencies_agency USING gin (UPPER(("name" || CHR(10) || "name_en")::text) '
        "gin_trgm_ops)"
    ),
    "alias_name_trgm_idx": (
        'ON agencies_agencyalias USING gin (UPPER("name"::text) gin_trgm_ops)'
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A trusted extension (PostgreSQL 13+): the database's owner may add it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0007_meeting_ended_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
