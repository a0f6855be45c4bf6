from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0006_translations"),
    ]

    operations = [
        # Meetings latest to end first (MeetingQuerySet.concluded()): the home
        # page's concluded meeting is the first the edition has covered, found
        # by walking this index and stopping there, where it sorted every
        # meeting and looked each one's coverage up (500 lookups, 3 ms, at
        # 100,000 stories).
        migrations.RunSQL(
            'CREATE INDEX IF NOT EXISTS meeting_ended_idx ON agencies_meeting '
            '((COALESCE("end", "start")) DESC, id DESC)',
            "DROP INDEX IF EXISTS meeting_ended_idx",
        ),
    ]
