from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_meeting_edition_index"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        # A link's list counted to its cap (a tag's, an agency's, a person's)
        # as a merge of two index walks in id order, each read from the index
        # alone: the edition's published stories here, the link's stories in
        # the link table's (link, object) index. Without it, each of the
        # edition's newest stories was looked up in the link table, one
        # lookup a story: for a tag on half the stories, ~2,000 lookups to
        # count 1,001 (3 ms at 100,000 stories), for a rare one tens of
        # thousands. The publication time is in the index (not its order) so
        # that "published by now" is checked there.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS article_edition_id_idx "
            "ON articles_article (language, status, id, published_at)",
            "DROP INDEX IF EXISTS article_edition_id_idx",
        ),
        # A tag's stories in id order, read from the index alone (0018's
        # (tag, object) index lacks the content type, so each tagging's row
        # was read to check it).
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS taggeditem_tag_type_object_idx "
            "ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            "DROP INDEX IF EXISTS taggeditem_tag_type_object_idx",
        ),
    ]
