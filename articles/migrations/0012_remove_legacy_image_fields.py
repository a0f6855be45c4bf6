"""Featured images become media library images (3 of 3: the old file field
and its texts go; they live on the image now)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_featured_image_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="legacy_featured_image"),
        migrations.RemoveField(model_name="article", name="image_alt"),
        migrations.RemoveField(model_name="article", name="image_caption"),
        migrations.RemoveField(model_name="article", name="image_credit"),
    ]
