"""Featured images become media library images (2 of 3: the data).

Each article's image file becomes an Image titled after the article, with
the article's alt text, caption and credit, re-encoded without metadata (its
renditions come from `manage.py media_renditions`). An article whose image
had no alt text gets an image without one, not marked decorative: the
image then breaks its own rule, and the article is not published again until
the desk describes it (the publish check). Stored revisions are rewritten to
point to images, so that old revisions still restore and compare.
Reversible: the file field points to the image's (clean) original and the
three texts come back from the image.
"""

from django.db import migrations

from agencies.migrations._legacy_images import image_from_file, rewrite_versions


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    by_file = {}

    def image_for(name, fields):
        if name not in by_file:
            by_file[name] = image_from_file(
                apps,
                name,
                title=fields.get("title", ""),
                alt_text=fields.get("image_alt", "").strip(),
                caption=fields.get("image_caption", ""),
                credit=fields.get("image_credit", ""),
            )
        return by_file[name]

    skipped = 0
    articles = Article.objects.exclude(legacy_featured_image="").order_by("pk")
    for article in articles.iterator():
        article.featured_image = image_for(
            article.legacy_featured_image.name,
            {
                "title": article.title,
                "image_alt": article.image_alt,
                "image_caption": article.image_caption,
                "image_credit": article.image_credit,
            },
        )
        skipped += article.featured_image is None
        article.save(update_fields=["featured_image"])
    if skipped:
        print(f"\n  {skipped} featured image files could not be read and were left out.")

    def rewrite(fields):
        # Revisions saved before this migration hold the file's name and the
        # three texts the image now carries.
        name = fields.get("featured_image")
        if isinstance(name, str):
            image = image_for(name, fields) if name else None
            fields["featured_image"] = image.pk if image else None
        for old in ("image_alt", "image_caption", "image_credit"):
            fields.pop(old, None)

    rewrite_versions(apps, app_label="articles", model_name="article", rewrite=rewrite)


def backwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("media", "Image")
    for article in Article.objects.exclude(featured_image=None).select_related(
        "featured_image"
    ):
        image = article.featured_image
        article.legacy_featured_image = image.file.name
        article.image_alt = image.alt_text
        article.image_caption = image.caption[:500]
        article.image_credit = image.credit
        article.save(
            update_fields=[
                "legacy_featured_image", "image_alt", "image_caption", "image_credit"
            ]
        )

    def rewrite(fields):
        image = Image.objects.filter(pk=fields.get("featured_image") or 0).first()
        fields["featured_image"] = image.file.name if image else ""
        fields["image_alt"] = image.alt_text if image else ""
        fields["image_caption"] = image.caption[:500] if image else ""
        fields["image_credit"] = image.credit if image else ""

    rewrite_versions(apps, app_label="articles", model_name="article", rewrite=rewrite)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_featured_image_schema"),
        ("agencies", "0004_images_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
