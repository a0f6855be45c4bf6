"""The newsroom's roles on the media library: editors and reporters upload,
describe and choose images; only editors delete them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": ("add", "change", "delete", "view"),
    "Reporter": ("add", "change", "view"),
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("media")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="media",
                codename__in=[f"{action}_image" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="media")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("articles", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
