"""Logos become media library images (2 of 3: the data).

Each agency's logo file becomes an Image titled and described "Logo <name>"
(a logo's alt text is the organisation's name), re-encoded without metadata;
its renditions come from `manage.py media_renditions`. Stored revisions are
rewritten to point to the image, so that old revisions still restore.
Reversible: the logo file field points to the image's (clean) original.
"""

from django.db import migrations

from agencies.migrations._legacy_images import image_from_file, rewrite_versions


def forwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    by_file = {}

    def image_for(name, agency_name):
        if name not in by_file:
            label = f"Logo {agency_name}"
            by_file[name] = image_from_file(apps, name, title=label, alt_text=label)
        return by_file[name]

    skipped = 0
    for agency in Agency.objects.exclude(legacy_logo="").order_by("pk"):
        agency.logo = image_for(agency.legacy_logo.name, agency.name)
        skipped += agency.logo is None
        agency.save(update_fields=["logo"])
    if skipped:
        print(f"\n  {skipped} agency logo files could not be read and were left out.")

    def rewrite(fields):
        # Revisions saved before this migration hold the logo's file name.
        name = fields.get("logo")
        if isinstance(name, str):
            image = image_for(name, fields.get("name", "")) if name else None
            fields["logo"] = image.pk if image else None

    rewrite_versions(apps, app_label="agencies", model_name="agency", rewrite=rewrite)


def backwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    Image = apps.get_model("media", "Image")
    for agency in Agency.objects.exclude(logo=None).select_related("logo"):
        agency.legacy_logo = agency.logo.file.name
        agency.save(update_fields=["legacy_logo"])

    def rewrite(fields):
        image = Image.objects.filter(pk=fields.get("logo") or 0).first()
        fields["logo"] = image.file.name if image else ""

    rewrite_versions(apps, app_label="agencies", model_name="agency", rewrite=rewrite)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0003_images_schema"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
