"""Logos and portraits become media library images (1 of 3: the new
foreign keys next to the old logo file, renamed legacy_logo)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_agencyproposal"),
        ("media", "0002_roles"),
    ]

    operations = [
        migrations.RenameField("agency", "logo", "legacy_logo"),
        migrations.AddField(
            model_name="agency",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="logo_of",
                to="media.image",
                verbose_name="logo",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="media.image",
                verbose_name="portrait",
            ),
        ),
    ]
