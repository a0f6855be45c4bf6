"""Featured images become media library images (1 of 3: the new foreign key
next to the old file field, renamed legacy_featured_image)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_intake"),
        ("media", "0002_roles"),
    ]

    operations = [
        migrations.RenameField("article", "featured_image", "legacy_featured_image"),
        migrations.AddField(
            model_name="article",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose a picture from the media library, or upload one with “+”. Its caption, credit and alt text are those of the image.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="featured_in",
                to="media.image",
                verbose_name="featured image",
            ),
        ),
    ]
