"""Logos become media library images (3 of 3: the old file field goes)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_images_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="agency", name="legacy_logo"),
    ]
