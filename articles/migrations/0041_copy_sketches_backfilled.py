"""The sketches of copy fingerprinted before 0040 (CopyShingle), so that a
corrected re-send of it is found nearly the same, not only the exact copy.

A fingerprint keeps only the SHA-256 of its copy's cleaned-up body; the copy
itself is known again only where its story's body still is that copy (the
same SHA-256, services.body_sha256): its sketch is computed from it
(similarity.copy_sketch, as services.copy_fingerprint_keep does). A story
edited since holds other text: its fingerprint is left without a sketch
(its exact copy is still recognised). Reversed: nothing to undo (0040's
reversal drops the sketches)."""

from django.db import migrations

# Fingerprints read, and sketch values written, at a time.
BATCH = 500


def build_missing_sketches(apps, schema_editor):
    # The functions an import fingerprints and sketches copy with: the same
    # rule, so that the sketches built here match those kept since.
    from articles.intake.services import body_sha256
    from articles.intake.similarity import copy_sketch

    CopyFingerprint = apps.get_model("articles", "CopyFingerprint")
    CopyShingle = apps.get_model("articles", "CopyShingle")
    db = schema_editor.connection.alias
    # Their ids first: the sketches written must not change what is read
    # (the query joins CopyShingle).
    unsketched = list(
        CopyFingerprint.objects.using(db)
        .filter(shingles__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(unsketched), BATCH):
        batch = CopyFingerprint.objects.using(db).filter(
            pk__in=unsketched[start : start + BATCH]
        )
        CopyShingle.objects.using(db).bulk_create(
            [
                CopyShingle(fingerprint_id=pk, value=value)
                for pk, sha256, body in batch.values_list(
                    "pk", "sha256", "article__body"
                )
                # Else the copy is not known exactly any more: no sketch.
                if body_sha256(body) == sha256
                for value in copy_sketch(body)
            ],
            batch_size=BATCH,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0040_copy_shingle"),
    ]

    operations = [
        migrations.RunPython(build_missing_sketches, migrations.RunPython.noop),
    ]
