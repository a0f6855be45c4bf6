"""Shared by the data migrations that move image files into the media library
(agencies' logos here, articles' featured images in articles/migrations).

A module whose name starts with "_" is not a migration: the loader skips it.

Each stored file becomes a media Image the way an upload does: decoded,
turned upright and re-encoded without metadata under a new random name
(newsroom.media.processing). Its renditions are not made here (that takes a
second or so a photo): `manage.py media_renditions` makes them after
migrating. The old files are left where they were, for the operator to remove
once the site is checked (README, Deployment). A file that is missing or
cannot be decoded is left out: the object then has no image, and the
migration says how many.
"""

import hashlib
import io
import json
import warnings
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from newsroom.media import processing

STORED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def image_from_file(apps, name: str, **described):
    """A media Image (historical model) from the stored file `name`, with the
    given title, alt_text, caption and credit; None when there is no such file
    or it is no image Pillow can read."""
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data))
            picture.load()
    except (OSError, ValueError, SyntaxError, EOFError, PILImage.DecompressionBombError):
        return None
    fmt = picture.format if picture.format in STORED_FORMATS else "PNG"
    pixels = processing.normalise(picture)
    clean = processing.encode_original(pixels, fmt)
    Image = apps.get_model("media", "Image")
    image = Image(
        original_filename=PurePath(name).name[:255],
        width=pixels.width,
        height=pixels.height,
        file_size=len(clean),
        sha256=hashlib.sha256(data).hexdigest(),
        title=described.get("title", "")[:200],
        alt_text=described.get("alt_text", "")[:300],
        caption=described.get("caption", ""),
        credit=described.get("credit", "")[:200],
    )
    image.file.save(f"original.{STORED_FORMATS[fmt]}", ContentFile(clean), save=False)
    image.save()
    return image


def rewrite_versions(apps, *, app_label: str, model_name: str, rewrite) -> None:
    """Rewrite the stored revisions (django-reversion, JSON) of one model:
    `rewrite(fields)` changes each revision's field dict in place, so that
    restoring or comparing an old revision reads the new fields."""
    try:
        Version = apps.get_model("reversion", "Version")
    except LookupError:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(
        app_label=app_label, model=model_name
    ).first()
    if content_type is None:
        return
    versions = Version.objects.filter(content_type=content_type, format="json")
    for version in versions.iterator():
        try:
            objects = json.loads(version.serialized_data)
        except ValueError:
            continue
        for obj in objects:
            rewrite(obj.setdefault("fields", {}))
        version.serialized_data = json.dumps(objects)
        version.save(update_fields=["serialized_data"])
