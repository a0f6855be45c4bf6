"""Article.submitted_at: when a story was last submitted for review (what the
review queue waits from), filled from the workflow history: the latest step
into review; a story in review with no such step (put there outside the
workflow) from its last save, as the queue had counted it."""

from django.db import migrations, models
from django.db.models.functions import Coalesce


def fill_from_history(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleTransition = apps.get_model("articles", "ArticleTransition")
    latest = (
        ArticleTransition.objects.filter(
            article=models.OuterRef("pk"), to_status="in_review"
        )
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    submitted = models.Subquery(latest, output_field=models.DateTimeField())
    Article.objects.filter(
        models.Exists(
            ArticleTransition.objects.filter(
                article=models.OuterRef("pk"), to_status="in_review"
            )
        )
    ).update(submitted_at=submitted)
    Article.objects.filter(status="in_review").update(
        submitted_at=Coalesce(submitted, "updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0031_body_max_chars"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="submitted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="submitted"
            ),
        ),
        migrations.RunPython(fill_from_history, migrations.RunPython.noop),
    ]
