"""The search reads a story's body as its readers see it
(articles.text.body_text: no Markdown marks, no link's or image's
address): every article's vectors recomputed so, by the rebuild command,
as 0028 does. PostgreSQL only: SQLite is searched directly. Going back
leaves the vectors; `manage.py update_search_index` rebuilds them."""

from io import StringIO

from django.core.management import call_command
from django.db import migrations


def recompute_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    call_command("update_search_index", stdout=StringIO())


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0037_merged_tags"),
    ]

    operations = [
        migrations.RunPython(recompute_vectors, migrations.RunPython.noop),
    ]
