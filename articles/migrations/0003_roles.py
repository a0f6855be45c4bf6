"""The newsroom's roles as groups with permissions.

Reporter: writes articles and submits them for review (which drafts they may
edit is decided per article in articles/permissions.py).
Editor: everything on articles, sections, tags, agencies, people and meetings,
and the publishing workflow.
Moderator: reader comments only (the comments feature adds its permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

ROLES = {
    "Editor": {
        "articles": {
            "article": ALL + ("publish", "share_preview"),
            "section": ALL,
            "correction": ("add", "view"),
            "articletransition": ("view",),
            "articleslughistory": ("view",),
        },
        "agencies": {
            model: ALL
            for model in (
                "agency",
                "agencyalias",
                "person",
                "meetingseries",
                "meeting",
                "meetingsession",
                "meetingparticipant",
                "meetingattendance",
            )
        },
        "taggit": {"tag": ALL, "taggeditem": ALL},
    },
    "Reporter": {
        "articles": {
            "article": ("add", "change", "view"),
            "section": ("view",),
            "correction": ("view",),
            "articletransition": ("view",),
        },
        "agencies": {
            model: ("view",)
            for model in ("agency", "person", "meetingseries", "meeting")
        },
        "taggit": {"tag": ("view",)},
    },
    "Moderator": {},
}


def codename(action: str, model: str) -> str:
    return f"{action}_{model}"


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, apps_models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, models in apps_models.items():
            for model, actions in models.items():
                for action in actions:
                    group.permissions.add(
                        Permission.objects.get(
                            content_type__app_label=app_label,
                            codename=codename(action, model),
                        )
                    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("agencies", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
