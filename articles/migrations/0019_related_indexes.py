from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_scale_indexes"),
    ]

    operations = [
        # An agency's newest stories first (related stories' candidates): the
        # link table's own indexes hold the agency alone (in row order) or
        # lead with the article.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS article_agencies_agency_article_idx "
            "ON articles_article_agencies (agency_id, article_id)",
            "DROP INDEX IF EXISTS article_agencies_agency_article_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["meeting", "-published_at", "-id"],
                name="article_meeting_list_idx",
            ),
        ),
    ]
