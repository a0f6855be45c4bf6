"""NotificationLanguage: the language each person's notification e-mails
are written in (no row: the site's)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import newsroom.bilingual


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0032_article_submitted_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NotificationLanguage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("id", "Indonesian"), ("en", "English")],
                        default=newsroom.bilingual.default_language,
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_language",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification language",
                "verbose_name_plural": "notification languages",
            },
        ),
    ]
