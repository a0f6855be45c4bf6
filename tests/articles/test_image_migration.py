"""The migrations that move featured images and agency logos into the media
library (articles 0010-0012, agencies 0003-0005), run on a database that
holds the old fields, with real files. (Every test run also applies them to
an empty database: the test database is built by migrating.)"""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import ExifTags
from PIL import Image as PILImage
from reversion.models import Revision, Version

from articles.models import Article as CurrentArticle

BEFORE = [("articles", "0009_intake"), ("agencies", "0002_agencyproposal")]
AFTER = [
    ("articles", "0012_remove_legacy_image_fields"),
    ("agencies", "0005_remove_agency_legacy_logo"),
]


def migrate(targets=None):
    """Migrate to `targets` (every app's latest migration when None); the
    apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def phone_jpeg(size=(300, 200)) -> bytes:
    """A JPEG with GPS and a camera serial in its EXIF."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "S"}
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-SECRET"
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (180, 40, 40)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def old_schema(transactional_db, media_root):
    """The database rolled back to the old image fields; put back afterwards."""
    apps = migrate(BEFORE)
    yield apps
    # Every app's latest, not just AFTER: later migrations that depend on
    # these were unapplied too, and the next tests need their tables.
    migrate()


def make_old_rows(apps, root):
    """Articles and an agency as the old schema held them, with their files."""

    def store(name: str, data: bytes) -> str:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return name

    Section = apps.get_model("articles", "Section")
    Article = apps.get_model("articles", "Article")
    Agency = apps.get_model("agencies", "Agency")
    section = Section.objects.create(name="International", slug="international")
    described = Article.objects.create(
        title="Indonesia and the Philippines meet again",
        slug="meet-again",
        section=section,
        featured_image=store("articles/2022/03/jwg.jpg", phone_jpeg()),
        image_alt="Delegates around a table",
        image_caption="The opening session.",
        image_credit="BNPT",
    )
    undescribed = Article.objects.create(
        title="A story whose picture has no alt text",
        slug="no-alt",
        section=section,
        featured_image=store("articles/2022/03/noalt.jpg", phone_jpeg()),
    )
    missing = Article.objects.create(
        title="A story whose file is gone",
        slug="gone",
        section=section,
        featured_image="articles/2022/03/gone.jpg",
    )
    plain = Article.objects.create(title="No picture", slug="plain", section=section)
    agency = Agency.objects.create(
        acronym="BNPT",
        name="Badan Nasional Penanggulangan Terorisme",
        slug="bnpt",
        country="ID",
        logo=store("agencies/logos/bnpt.jpg", phone_jpeg((120, 120))),
    )
    return described, undescribed, missing, plain, agency


def test_the_image_migrations_forwards_and_back(old_schema, media_root):
    """One round of the migrations (each takes seconds), three checks on it."""
    rows = make_old_rows(old_schema, media_root)
    version = old_revision(rows[0])

    apps = migrate(AFTER)
    check_old_featured_images_and_logos_become_library_images(apps, rows, media_root)
    check_old_revisions_point_to_the_new_images_and_still_restore(
        apps, rows[0], version
    )

    apps = migrate(BEFORE)
    check_the_migrations_go_back_to_file_fields(apps, rows[0])


def old_revision(described):
    """A revision of `described` saved before the migrations."""
    # reversion's and contenttypes' tables are as today.
    content_type = ContentType.objects.get_for_model(CurrentArticle)
    fields = {
        "title": described.title,
        "slug": described.slug,
        "section": described.section_id,
        "featured_image": "articles/2022/03/jwg.jpg",
        "image_alt": "Delegates around a table",
        "image_caption": "The opening session.",
        "image_credit": "BNPT",
    }
    return Version.objects.create(
        revision=Revision.objects.create(date_created="2022-03-24T12:00:00Z"),
        object_id=str(described.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps(
            [{"model": "articles.article", "pk": described.pk, "fields": fields}]
        ),
        object_repr=described.title,
    )


def check_old_featured_images_and_logos_become_library_images(apps, rows, media_root):
    described, undescribed, missing, plain, agency = rows
    Article = apps.get_model("articles", "Article")
    Agency = apps.get_model("agencies", "Agency")
    Image = apps.get_model("media", "Image")

    image = Article.objects.get(pk=described.pk).featured_image
    assert image.title == "Indonesia and the Philippines meet again"
    assert (image.alt_text, image.caption, image.credit) == (
        "Delegates around a table",
        "The opening session.",
        "BNPT",
    )
    assert (image.width, image.height) == (300, 200)
    assert image.file.name.startswith("images/originals/")
    assert image.original_filename == "jwg.jpg"
    # Re-encoded like an upload: no metadata left.
    stored = (media_root / image.file.name).read_bytes()
    assert b"SN-SECRET" not in stored and b"PhoneMaker" not in stored
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert not picture.getexif()

    # No alt text: the image has none either and is not decorative, so the
    # desk has to describe it before the story is published again.
    bare = Article.objects.get(pk=undescribed.pk).featured_image
    assert bare.alt_text == "" and not bare.decorative

    assert Article.objects.get(pk=missing.pk).featured_image is None
    assert Article.objects.get(pk=plain.pk).featured_image is None
    logo = Agency.objects.get(pk=agency.pk).logo
    assert logo.alt_text == "Logo Badan Nasional Penanggulangan Terorisme"
    assert Image.objects.count() == 3
    # Renditions come afterwards, from the command the README gives.
    assert not apps.get_model("media", "Rendition").objects.exists()
    call_command("media_renditions", stdout=io.StringIO())
    from newsroom.media.models import Rendition

    assert Rendition.objects.filter(image_id=image.pk, spec="card").exists()


def check_old_revisions_point_to_the_new_images_and_still_restore(
    apps, described, version
):
    article = apps.get_model("articles", "Article").objects.get(pk=described.pk)
    version.refresh_from_db()
    [stored] = json.loads(version.serialized_data)
    assert stored["fields"]["featured_image"] == article.featured_image_id
    assert "image_alt" not in stored["fields"]

    # Read by today's models, as the history pages and restore read it.
    assert version.field_dict["featured_image_id"] == article.featured_image_id


def check_the_migrations_go_back_to_file_fields(apps, described):
    article = apps.get_model("articles", "Article").objects.get(pk=described.pk)
    assert article.featured_image.name.startswith("images/originals/")
    assert article.image_alt == "Delegates around a table"
    assert article.image_credit == "BNPT"
    agency = apps.get_model("agencies", "Agency").objects.get(slug="bnpt")
    assert agency.logo.name.startswith("images/originals/")
