"""The Moderator role gets reader-comment moderation, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = {
    "comment": ("view", "change"),
    "commentreason": ("view",),
    "commentflag": ("view",),
    "moderationlog": ("view",),
    "ban": ("view", "add", "change", "delete"),
    "moderationword": ("view", "add", "change", "delete"),
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    for model, actions in MODERATOR.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="articles", codename=f"{action}_{model}"
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderator").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles",
                content_type__model__in=list(MODERATOR),
            )
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_comments")]

    operations = [migrations.RunPython(grant, revoke)]
