"""Tags saved with a slug the tag page's address cannot route ("são-tomé",
"مصر", or none): django-taggit kept a name's accents and letters of other
scripts, and every story carrying such a tag answered 500. Each gets the slug
a new tag gets now (newsroom.tags.tag_slug: "sao-tome", "tag"), "-2", "-3"…
when another tag has it. No redirect from the old slug: no address ever led
to it (the tag page's route takes none of them)."""

import re

from django.db import migrations

from newsroom.tags import tag_slug

ROUTABLE = re.compile(r"[-a-zA-Z0-9_]+")  # Django's <slug:> path converter


def ascii_tag_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if ROUTABLE.fullmatch(tag.slug):
            continue
        slug, number = tag_slug(tag.name), 1
        while slug in taken:
            slug, number = tag_slug(tag.name, number), number + 1
        taken.add(slug)
        Tag.objects.filter(pk=tag.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0029_article_addition"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.RunPython(ascii_tag_slugs, migrations.RunPython.noop),
    ]
