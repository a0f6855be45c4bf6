import operator
from functools import reduce

import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Case, F, Value, When


def fill_rank_vectors(apps, schema_editor):
    """The headline (A) and lead (B) of every article, read in its language
    and as written: what articles.search.index computes on each write since.
    Only PostgreSQL stores vectors."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    stemmed = Case(
        When(language="en", then=Value("english")), default=Value("indonesian")
    )
    Article.objects.using(schema_editor.connection.alias).update(
        rank_vector=reduce(
            operator.add,
            [
                SearchVector(text, config=config, weight=weight)
                for weight, text in (("A", F("title")), ("B", F("dek")))
                for config in (stemmed, "simple")
            ],
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0022_featured_list_index'),
    ]

    operations = [
        # Search results are ranked by where the words appear in the headline
        # and lead: a vector of those alone, stored in the row, so that
        # ranking does not read each candidate's search vector from TOAST.
        migrations.AddField(
            model_name='article',
            name='rank_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False, verbose_name='rank vector'),
        ),
        migrations.RunPython(fill_rank_vectors, migrations.RunPython.noop),
    ]
