from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_related_indexes"),
    ]

    operations = [
        # A meeting's page in one edition, and its count, from the index alone
        # (0019's (meeting, publication) holds every edition and status: the
        # count read each story's row to leave the other edition's out).
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS article_meeting_edition_idx "
            "ON articles_article (meeting_id, language, status, "
            "published_at DESC, id DESC)",
            "DROP INDEX IF EXISTS article_meeting_edition_idx",
        ),
    ]
