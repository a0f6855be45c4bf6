"""The search finds a word with or without its accents ("Ano" finds "Año",
"café" finds "cafe") and reads a word joined by a hyphen or a slash as its
words apart (articles.search.index): the newsroom's own text search
configurations, PostgreSQL's indonesian, english and simple with the
`unaccent` dictionary before each one's own for the words with letters
beyond ASCII, and every article's vectors recomputed with them. PostgreSQL
only: SQLite is searched directly (newsroom.search_terms).

Going back drops the configurations but leaves the extension (as agencies
0008 leaves pg_trgm) and the vectors: the code of before reads them again
with `manage.py update_search_index`."""

from io import StringIO

from django.core.management import call_command
from django.db import migrations

# Each configuration: PostgreSQL's it copies, and that one's dictionary for
# words, which `unaccent` now comes before. The names are
# articles.search.index.CONFIGS.
CONFIGURATIONS = {
    "newsroom_indonesian": ("indonesian", "indonesian_stem"),
    "newsroom_english": ("english", "english_stem"),
    "newsroom_simple": ("simple", "simple"),
}
# The parser's words with a letter beyond ASCII, whole or a hyphenated one's
# parts: the only ones with accents to take off.
ACCENTED_TOKENS = "hword, hword_part, word"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A trusted extension (PostgreSQL 13+): the database's owner may add it.
    # Not Django's UnaccentExtension operation: undone, it reads pg_extension
    # on any database (and so fails going back on SQLite).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (copied, dictionary) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{copied})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR {ACCENTED_TOKENS} WITH unaccent, {dictionary}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def recompute_vectors(apps, schema_editor):
    """Every article's search and rank vectors, by the rebuild command (the
    search index's own refresh, in batches): derived data, whose rules a
    copy here would drift from."""
    if schema_editor.connection.vendor != "postgresql":
        return
    call_command("update_search_index", stdout=StringIO())


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0027_article_byline_names_writer'),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.RunPython(recompute_vectors, migrations.RunPython.noop),
    ]
