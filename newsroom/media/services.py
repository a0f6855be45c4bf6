"""Writes of the media library: uploads, edits, deletions and renditions.

Each checks permission where a user acts, validates, runs in a transaction and
does its side effects (files stored or removed, renditions made or queued)
itself.
"""

import hashlib
import io
import logging
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

import reversion
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import formats, timezone
from django.utils.crypto import get_random_string
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from newsroom.history import combine_messages, history_message
from newsroom.media import processing, tasks
from newsroom.media.models import Image, Rendition, text_usages
from newsroom.media.validation import (
    FORMATS,
    UPLOADED_ANIMATED_ATTRIBUTE,
    UPLOADED_SIZE_ATTRIBUTE,
    decode_upload,
    uploaded_size,
)

logger = logging.getLogger(__name__)

# What is said about an image, in the order the library's form asks it.
DESCRIBED_FIELDS = (
    "title",
    "alt_text",
    "alt_text_en",
    "decorative",
    "caption",
    "caption_en",
    "credit",
    "credit_en",
    "source",
)
# What image_update may change (the form's fields): that and the focal point.
EDITABLE_FIELDS = (*DESCRIBED_FIELDS, "focal_x", "focal_y")
# A replacement this close in shape (width / height, relative difference) to
# the picture it replaces is the same picture recropped or corrected: its
# focal point still stands. 1% absorbs a resize's rounding (1,279 × 720).
SAME_SHAPE_TOLERANCE = 0.01
# What image_replace changes: the file and the facts read from it.
REPLACED_FIELDS = (
    "file",
    "original_filename",
    "sha256",
    "width",
    "height",
    "file_size",
    "focal_x",
    "focal_y",
)
# What an upload's typed description may give the image that already holds
# its bytes (image_add): each only where that image has none.
FILLABLE_FIELDS = (
    "alt_text",
    "alt_text_en",
    "caption",
    "caption_en",
    "credit",
    "credit_en",
    "source",
)
PENDING_DIR = "images/pending"
PENDING_SALT = "newsroom.media.pending"
PENDING_MAX_AGE = 24 * 60 * 60


def _check(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(_("You may not do this to images."))


# Who may change an image readers see: those who may publish stories (the
# desk's editors: articles.permissions.can_publish). Named, not imported: the
# media library sits below the apps that use it.
PUBLISHED_IMAGES_PERMISSION = "articles.publish_article"


def image_change_refusal(*, image: Image, user) -> str:
    """Why `user` may not change, replace or delete `image` although they
    may do so to images; empty when they may. The one lock rule on library
    images, for two reasons:

    - readers see it (Image.usage_readers_see) and they may not edit
      published stories (PUBLISHED_IMAGES_PERMISSION: reporters);
    - an object that uses it (a story featuring it or showing it in its
      body, a profile's photo…) is one they may not edit
      (Image.usage_not_editable_by: a reporter's story in review, anyone
      else's story): its picture and caption would change past its review,
      unseen in its history. Whoever may edit every such object (an editor)
      may.

    The admin shows it on a read-only page; image_update, image_replace and
    image_delete raise it."""
    if image.pk is None:
        return ""
    if not (user.is_active and user.has_perm(PUBLISHED_IMAGES_PERMISSION)):
        usage = image.usage_readers_see()
        if usage is not None:
            return _(
                "Readers see or will see “%(image)s” (%(model)s “%(object)s”): "
                "only an editor may change it or replace its file."
            ) % {"image": image, "model": usage.model_name, "object": usage.obj}
    usage = image.usage_not_editable_by(user)
    if usage is None:
        return ""
    names = {"image": image, "model": usage.model_name, "object": usage.obj}
    state = getattr(usage.obj, "state_label", "")
    if state:
        return _(
            "“%(image)s” is used by %(model)s “%(object)s” (%(state)s), which "
            "you may not edit: only someone who may edit that %(model)s may "
            "change this image or replace its file."
        ) % {**names, "state": state}
    return (
        _(
            "“%(image)s” is used by %(model)s “%(object)s”, which you may not "
            "edit: only someone who may edit that %(model)s may change this image "
            "or replace its file."
        )
        % names
    )


def _check_change(user, image: Image, perm: str = "media.change_image") -> None:
    _check(user, perm)
    refusal = image_change_refusal(image=image, user=user)
    if refusal:
        raise PermissionDenied(refusal)


@contextmanager
def _revision(user, said: list):
    """The block's saves of an image as one revision in its History (the
    edit lock of its change page compares with it), by `user`, saying
    `said` (a change message). Inside a revision already open (the admin's
    change form, whose save says what changed) they are part of that one."""
    joined = reversion.is_active()
    with reversion.create_revision():
        yield
        if not joined:
            reversion.set_user(user if user.is_authenticated else None)
            reversion.set_comment(combine_messages(said))


def _changed_message(names) -> list:
    """Image fields `names` changed, as a change message: named by their
    untranslated verbose names, which each reader's History translates."""
    with override(None):
        fields = [str(Image._meta.get_field(name).verbose_name) for name in names]
    return [{"changed": {"fields": fields}}]


# On a kept upload (pending_upload_open): the SHA-256 of the file as it was
# uploaded, which the kept file (re-encoded, without metadata) no longer has.
UPLOADED_SHA256_ATTRIBUTE = "_newsroom_uploaded_sha256"


def _sha256(file) -> str:
    """The upload's own bytes' SHA-256, read a megabyte at a time: a 64 MB
    photo waits in a temporary file and is never held whole in memory. A
    kept upload's is that of the file as uploaded, so that it finds the
    image holding those bytes (image_add) and is found by their next upload
    as a direct upload would be."""
    kept = getattr(file, UPLOADED_SHA256_ATTRIBUTE, None)
    if kept:
        return kept
    file.seek(0)
    digest = hashlib.sha256()
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def image_upload(
    *,
    file,
    user,
    title: str = "",
    alt_text: str = "",
    alt_text_en: str = "",
    decorative: bool = False,
    caption: str = "",
    caption_en: str = "",
    credit: str = "",
    credit_en: str = "",
    source: str = "",
    focal: tuple[float, float] | None = None,
) -> Image:
    """Add an image to the library.

    The upload is decoded (validation.py rules; ValidationError naming the
    file otherwise), turned upright, stripped of every metadata, scaled down
    to about 12.6 MP when larger (processing.stored_size) and stored
    re-encoded; the upload's own bytes are never stored. Renditions are made
    here when the image has at most MEDIA_INLINE_MAX_PIXELS pixels, otherwise
    by the background task once the transaction commits.

    It stores a copy even of bytes the library already holds (the demo's
    and the tests' pictures): a person's upload goes through image_add,
    which uses the image that holds them instead.
    """
    _check(user, "media.add_image")
    decoded = decode_upload(file)
    name = PurePath(decoded.name).name
    image = Image(
        original_filename=name[:255],
        title=(title or PurePath(name).stem)[:200],
        alt_text=alt_text.strip(),
        alt_text_en=alt_text_en.strip(),
        decorative=decorative,
        caption=caption,
        caption_en=caption_en,
        credit=credit,
        credit_en=credit_en,
        source=source,
        focal_x=focal[0] if focal else None,
        focal_y=focal[1] if focal else None,
        sha256=_sha256(file),
        uploaded_by=user if user.is_authenticated else None,
    )
    image.full_clean(exclude=["file"])
    pixels = processing.normalise(decoded.image)
    data = processing.encode_original(pixels, decoded.format)
    image.width, image.height = pixels.size
    image.file_size = len(data)
    image.file.save(
        f"original.{FORMATS[decoded.format]}", ContentFile(data), save=False
    )
    try:
        with transaction.atomic(), _revision(user, [{"added": {}}]):
            image.save()
    except BaseException:
        _delete_files([image.file.name])
        raise
    renditions_schedule(image)
    return image


@dataclass(frozen=True)
class ImageAdded:
    """What image_add did: `image` is the new image, or, when `existing`,
    the one that already held the upload's bytes, with what of the typed
    description was `filled` into it, what was not because it has its own
    (`kept`), and what it was not allowed to take (`refused`, for
    `refusal`: image_change_refusal's words). Field names, in the form's
    order; the focal point is "focal". `unused_title`: the title typed, when
    the existing image keeps another."""

    image: Image
    existing: bool = False
    filled: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    refusal: str = ""
    unused_title: str = ""

    @property
    def history(self) -> list:
        """What the image's History says of what was `filled` into it, as
        image_update's own saves say it: a change message read in each
        reader's language (the notice is in the uploader's)."""
        fields = [
            field
            for name in self.filled
            for field in (("focal_x", "focal_y") if name == "focal" else (name,))
        ]
        return history_message(
            gettext_noop("Filled in from another upload of this picture.")
        ) + _changed_message(fields)

    @property
    def notice(self) -> str:
        """What the person who uploaded is told; empty for a new image."""
        if not self.existing:
            return ""
        if self.image.uploaded_by is None:
            held = _(
                "This picture is already in the library as “%(image)s”, added "
                "on %(date)s: it is used."
            )
        else:
            held = _(
                "This picture is already in the library as “%(image)s”, added "
                "by %(user)s on %(date)s: it is used."
            )
        said = [held % _added(self.image)]
        if self.unused_title:
            said.append(
                _("It keeps its title “%(title)s”, not the one you typed: “%(typed)s”.")
                % {"title": self.image.title, "typed": self.unused_title}
            )
        if self.filled:
            said.append(
                _("What it lacked is filled in from what you typed: %(fields)s.")
                % {"fields": _field_names(self.filled)}
            )
        # The alt text readers will get is said whole: the reporter typed
        # another, and must know which one her story's picture carries.
        alt_kept = [name for name in self.kept if name.startswith("alt_text")]
        if alt_kept and self.image.decorative:
            said.append(
                _(
                    "It is marked decorative (screen readers skip it): the alt "
                    "text you typed is not used."
                )
            )
        elif alt_kept:
            said.extend(
                _("Its own %(field)s is used, not what you typed: “%(text)s”.")
                % {"field": _field_names((name,)), "text": getattr(self.image, name)}
                for name in alt_kept
            )
        others = tuple(name for name in self.kept if name not in alt_kept)
        if others:
            said.append(
                _("It keeps its own %(fields)s: what you typed there is not used.")
                % {"fields": _field_names(others)}
            )
        if self.refused:
            said.append(
                _("What you typed for %(fields)s is not added: %(reason)s")
                % {"fields": _field_names(self.refused), "reason": self.refusal}
            )
        return " ".join(said)


def _field_names(names: tuple[str, ...]) -> str:
    """The fields `names` as a sentence names them, in the desk's language:
    "caption, credit and focal point"."""
    return get_text_list(
        [
            str(
                _("focal point")
                if name == "focal"
                else Image._meta.get_field(name).verbose_name
            )
            for name in names
        ],
        _("and"),
    )


def _added(image: Image) -> dict[str, object]:
    """The image, who added it and the day, for the notices' words."""
    user = image.uploaded_by
    return {
        "image": image,
        "number": image.pk,
        "user": (user.get_full_name() or user.get_username()) if user else "",
        "date": formats.date_format(timezone.localtime(image.uploaded_at)),
    }


def image_add(
    *,
    file,
    user,
    title: str = "",
    alt_text: str = "",
    alt_text_en: str = "",
    decorative: bool = False,
    caption: str = "",
    caption_en: str = "",
    credit: str = "",
    credit_en: str = "",
    source: str = "",
    focal: tuple[float, float] | None = None,
) -> ImageAdded:
    """A person's upload to the library (the admin's add form and a
    chooser's "+"): image_upload, unless the library already holds these
    very bytes (the same SHA-256 of the upload). Then no copy is stored: the
    image that holds them, the first added, is used, and what it lacks (alt
    text, caption, credit, source in either language, decorative when it
    has no alt text, the focal point) is filled in from what was typed,
    through image_update, so only where the user may change it
    (image_change_refusal); what it has of its own is kept. The typed title
    is never used: the image keeps its name, and the notice says both."""
    _check(user, "media.add_image")
    # The lookup and the new image's save in one transaction: a twin upload
    # waits for it, then finds that image.
    with transaction.atomic():
        digest = _sha256(file)
        _wait_for_twin(digest)
        held = Image.objects.holding_file(digest).select_related("uploaded_by").first()
        if held is None:
            return ImageAdded(
                image=image_upload(
                    file=file,
                    user=user,
                    title=title,
                    alt_text=alt_text,
                    alt_text_en=alt_text_en,
                    decorative=decorative,
                    caption=caption,
                    caption_en=caption_en,
                    credit=credit,
                    credit_en=credit_en,
                    source=source,
                    focal=focal,
                )
            )
    typed = {
        "alt_text": alt_text.strip(),
        "alt_text_en": alt_text_en.strip(),
        "caption": caption,
        "caption_en": caption_en,
        "credit": credit,
        "credit_en": credit_en,
        "source": source,
    }
    fills: dict = {}
    kept = []
    for name in FILLABLE_FIELDS:
        value, own = typed[name], getattr(held, name)
        if not value or value == own:
            continue
        if own or (held.decorative and name.startswith("alt_text")):
            kept.append(name)
        else:
            fills[name] = value
    if decorative and not held.decorative:
        if held.alt_text or typed["alt_text"]:
            kept.append("decorative")
        else:
            fills["decorative"] = True
    if focal is not None and focal != (held.focal_x, held.focal_y):
        if held.focal_x is None and held.focal_y is None:
            fills["focal_x"], fills["focal_y"] = focal
        else:
            kept.append("focal")
    title = title.strip()
    unused_title = title if title and title != held.title else ""
    order = [*DESCRIBED_FIELDS, "focal"]
    filled = sorted(
        {"focal" if name.startswith("focal") else name for name in fills},
        key=order.index,
    )
    kept.sort(key=order.index)
    if not fills:
        return ImageAdded(
            image=held, existing=True, kept=tuple(kept), unused_title=unused_title
        )
    try:
        image_update(image=held, user=user, **fills)
    except PermissionDenied as error:
        return ImageAdded(
            image=held,
            existing=True,
            kept=tuple(kept),
            refused=tuple(filled),
            refusal=str(error),
            unused_title=unused_title,
        )
    return ImageAdded(
        image=held,
        existing=True,
        filled=tuple(filled),
        kept=tuple(kept),
        unused_title=unused_title,
    )


# The first key of the advisory locks _wait_for_twin takes on PostgreSQL
# (the second: the upload's digest), apart from any other lock's
# (articles.services.comments.TWIN_LOCKS, "cmt").
TWIN_LOCKS = 0x696D6700  # "img"


def _wait_for_twin(digest: str) -> None:
    """Wait, to the end of this transaction, while another upload of these
    bytes is being added: two uploads of one file at the same instant (a
    double click, two reporters, two workers) are then one image, the
    second finding the first saved. On PostgreSQL a transaction's advisory
    lock on the digest's first four bytes, one query, that holds up no
    other upload (but one in four billion, for as long as it takes to
    store); SQLite's transactions take the write lock as they begin
    (settings), one after the other already."""
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(bytes.fromhex(digest)[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [TWIN_LOCKS, key])


def image_held_notice(*, file) -> str:
    """What a refused add form says when the library already holds `file`'s
    bytes, before the uploader types more: the image its save will use
    (image_add) instead of adding a copy; empty when none does."""
    held = (
        Image.objects.holding_file(_sha256(file)).select_related("uploaded_by").first()
    )
    if held is None:
        return ""
    if held.uploaded_by is None:
        said = _(
            "This picture is already in the library as “%(image)s”, added on "
            "%(date)s: saving uses it, not a copy."
        )
    else:
        said = _(
            "This picture is already in the library as “%(image)s”, added by "
            "%(user)s on %(date)s: saving uses it, not a copy."
        )
    return said % _added(held)


def image_copy_notice(*, image: Image) -> str:
    """What is said when another image holds the same bytes as this one's
    file (after image_replace: the library now has the picture twice);
    empty when none does."""
    other = (
        Image.objects.holding_file(image.sha256)
        .exclude(pk=image.pk)
        .select_related("uploaded_by")
        .first()
    )
    if other is None:
        return ""
    if other.uploaded_by is None:
        said = _(
            "The same picture is also in the library as “%(image)s” (number "
            "%(number)s), added on %(date)s."
        )
    else:
        said = _(
            "The same picture is also in the library as “%(image)s” (number "
            "%(number)s), added by %(user)s on %(date)s."
        )
    return said % _added(other)


def image_scaled_notice(*, uploaded: tuple[int, int], image: Image) -> str:
    """What the person who uploaded a picture is told when it was stored
    scaled down (processing.stored_size): its size as uploaded and as
    stored; empty when it was stored whole."""
    if uploaded == (image.width, image.height):
        return ""
    return _(
        "The picture was %(width)s × %(height)s pixels; it is stored at "
        "%(stored_width)s × %(stored_height)s."
    ) % {
        name: formats.number_format(value, force_grouping=True)
        for name, value in {
            "width": uploaded[0],
            "height": uploaded[1],
            "stored_width": image.width,
            "stored_height": image.height,
        }.items()
    }


def image_animated_notice(*, animated: bool) -> str:
    """What the person who uploaded a picture is told when it was animated
    (validation.uploaded_animated): the library keeps its first frame only
    (processing.encode_original); empty otherwise."""
    if not animated:
        return ""
    return _("This picture is animated: only its first frame is kept.")


def image_focal_reset_notice(
    *, focal_before: tuple[float | None, float | None], image: Image
) -> str:
    """What is said after image_replace when it put back at the centre a
    focal point that had been set (`focal_before`: focal_x and focal_y
    before): the new picture has another shape. Empty otherwise."""
    was_set = any(value is not None for value in focal_before)
    is_reset = image.focal_x is None and image.focal_y is None
    if not (was_set and is_reset):
        return ""
    return _(
        "The new picture has another shape, so its focal point is back at the "
        "centre: set it again if the crops need it."
    )


def image_update(*, image: Image, user, **fields) -> Image:
    """Change what is said about an image (title, alt text, caption, credit,
    source, decorative, focal point). A new focal point remakes the crops.
    PermissionDenied when the user may not (image_change_refusal)."""
    _check_change(user, image)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"image_update cannot change {', '.join(sorted(unknown))}")
    old_focal = image.focal
    changed = [name for name, value in fields.items() if getattr(image, name) != value]
    for name in changed:
        setattr(image, name, fields[name])
    if not changed:
        return image
    image.full_clean(exclude=["file"])
    with transaction.atomic(), _revision(user, _changed_message(changed)):
        image.save(update_fields=changed)
        if image.focal != old_focal:
            crops = list(image.renditions.filter(spec__in=processing.CROPS))
            Rendition.objects.filter(pk__in=[r.pk for r in crops]).delete()
            names = [r.file.name for r in crops]
            transaction.on_commit(lambda: _delete_files(names))
    if image.focal != old_focal:
        renditions_schedule(image)
    return image


def image_same_file_notice(*, image: Image, file) -> str:
    """What is said when `file` is the very file `image` already has (the
    same SHA-256 of the upload), which image_replace leaves as it is; empty
    otherwise."""
    if _sha256(file) != image.sha256:
        return ""
    return _("This is the picture the image already has: nothing was changed.")


def image_replace(*, image: Image, file, user) -> Image:
    """Put a new file in place of an image's: the same image (id, title, alt
    texts, caption, credit, source), so every story that shows it shows the
    new picture.

    The file is decoded, turned upright and stripped exactly as an upload is
    (ValidationError naming it otherwise, and nothing changes). The old
    original and all the renditions are deleted, their files once the
    transaction commits; the new renditions are made as an upload's are,
    under new addresses. The focal point is kept when the new picture has the
    old one's shape (SAME_SHAPE_TOLERANCE), reset to the centre otherwise.
    Saving the image makes the pages showing it stale (pagecache/invalidation).
    The very file the image already has (the same SHA-256 of the upload)
    changes nothing: no revision, no renditions remade
    (image_same_file_notice says so).
    PermissionDenied when the user may not (image_change_refusal).
    """
    _check_change(user, image)
    decoded = decode_upload(file)
    digest = _sha256(file)
    if digest == image.sha256:
        return image
    pixels = processing.normalise(decoded.image)
    data = processing.encode_original(pixels, decoded.format)
    width, height = pixels.size
    old_names = [image.file.name] + [r.file.name for r in image.renditions.all()]
    before = {name: getattr(image, name) for name in REPLACED_FIELDS}
    before["file"] = image.file.name  # the FieldFile itself is saved over
    if not _same_shape((image.width, image.height), (width, height)):
        image.focal_x = image.focal_y = None
    image.original_filename = PurePath(decoded.name).name[:255]
    image.sha256 = digest
    image.width, image.height = width, height
    image.file_size = len(data)
    try:
        image.full_clean(exclude=["file"])
        image.file.save(
            f"original.{FORMATS[decoded.format]}", ContentFile(data), save=False
        )
        try:
            said = history_message(
                gettext_noop("Replaced the file with “%(name)s”."),
                name=image.original_filename,
            )
            with transaction.atomic(), _revision(user, said):
                image.renditions.all().delete()
                image.save(update_fields=list(REPLACED_FIELDS))
                transaction.on_commit(lambda: _delete_files(old_names))
        except BaseException:
            _delete_files([image.file.name])
            raise
    except BaseException:
        for name, value in before.items():
            setattr(image, name, value)
        raise
    # The renditions prefetched with the image are the deleted ones.
    getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    renditions_schedule(image)
    return image


def _same_shape(old: tuple[int, int], new: tuple[int, int]) -> bool:
    if not all(old) or not all(new):
        return False
    old_ratio, new_ratio = old[0] / old[1], new[0] / new[1]
    return abs(new_ratio - old_ratio) <= SAME_SHAPE_TOLERANCE * old_ratio


def image_delete(*, image: Image, user) -> None:
    """Delete an image, its renditions and their files (once committed).
    Refused (ProtectedError) while a text shows it (an article's body), as
    the database refuses it while something points to it with PROTECT.
    PermissionDenied when the user may not (image_change_refusal)."""
    _check_change(user, image, "media.delete_image")
    shown_in = text_usages([image.pk]).get(image.pk)
    if shown_in:
        raise ProtectedError(
            _("“%(image)s” is shown in a story's body: take it out of the story first.")
            % {"image": image},
            {usage.obj for usage in shown_in},
        )
    names = [image.file.name] + [r.file.name for r in image.renditions.all()]
    with transaction.atomic():
        image.delete()
        transaction.on_commit(lambda: _delete_files(names))


def renditions_schedule(image: Image) -> None:
    """Make the missing renditions now if the image is small enough to take
    under a second, otherwise queue the task (after the current transaction
    commits, so that a worker finds the image)."""
    if image.width * image.height <= settings.MEDIA_INLINE_MAX_PIXELS:
        renditions_make(image)
    else:
        image_id = image.pk
        transaction.on_commit(lambda: tasks.make_renditions.enqueue(image_id))


def renditions_make(image: Image) -> list[Rendition]:
    """Make and store the renditions this image lacks; returns the new ones.

    Idempotent: a second call makes none. Safe to run twice at once: a
    rendition another worker stored first is kept and ours discarded.
    """
    existing = set(image.renditions.values_list("spec", "format"))
    missing = [
        spec
        for spec in processing.rendition_specs(image.width)
        if (spec.name, spec.format) not in existing
    ]
    if not missing:
        return []
    try:
        with image.file.open("rb") as stored:
            source = processing.open_for_renditions(io.BytesIO(stored.read()), missing)
    except (OSError, ValueError):
        logger.exception("media: cannot read the original of image %s", image.pk)
        return []
    made = []
    renditions = processing.make_renditions(
        source, missing, image.focal, original_size=(image.width, image.height)
    )
    for spec, data, width, height in renditions:
        rendition = Rendition(
            image=image,
            spec=spec.name,
            format=spec.format,
            width=width,
            height=height,
            file_size=len(data),
        )
        ext = processing.EXTENSIONS[spec.format]
        # A new name for every file made: an address never changes content, so
        # browsers and CDNs may cache it for good (a new focal point, new crops).
        rendition.file.save(
            f"{spec.name}-{secrets.token_hex(4)}.{ext}", ContentFile(data), save=False
        )
        try:
            with transaction.atomic():
                rendition.save()
        except IntegrityError:
            default_storage.delete(rendition.file.name)
            continue
        made.append(rendition)
    return made


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("media: could not delete %s", name)


# Pending uploads: a file kept across a refused form ------------------------


def pending_upload_store(*, file, user) -> str:
    """Keep a valid upload whose form was refused for another reason (say, an
    empty alt text); returns a signed token for the form's hidden field.

    The file is decoded like any upload and stored without metadata, under a
    random name outside the library; `pending_upload_open` gives it back.
    """
    _check(user, "media.add_image")
    decoded = decode_upload(file)
    data = processing.encode_original(
        processing.normalise(decoded.image), decoded.format
    )
    ext = FORMATS[decoded.format]
    name = default_storage.save(
        f"{PENDING_DIR}/{get_random_string(24)}.{ext}", ContentFile(data)
    )
    return signing.dumps(
        {
            "name": name,
            "filename": PurePath(decoded.name).name,
            "user": user.pk,
            # Kept re-encoded: the fingerprint of the bytes uploaded, which
            # image_add looks up and stores (_sha256).
            "sha256": _sha256(file),
            # Kept scaled down: the size it came at, for image_scaled_notice.
            "size": list(uploaded_size(file)),
            # Kept as its first frame: whether it had more, for
            # image_animated_notice.
            "animated": decoded.animated,
        },
        salt=PENDING_SALT,
    )


def pending_upload_open(*, token: str, user) -> SimpleUploadedFile:
    """The file a pending-upload token stands for, under its original name
    and with the size it was uploaded at (validation.uploaded_size),
    whether it was animated (validation.uploaded_animated) and the SHA-256
    of its bytes as uploaded (_sha256: image_add finds its twin by it);
    ValidationError when the token is forged, expired, another user's, or
    its file is gone."""
    refused = ValidationError(
        _("The file kept from your last try has expired: choose it again."),
        code="pending_expired",
    )
    try:
        data = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        raise refused from None
    name = data.get("name", "")
    if data.get("user") != user.pk or not name.startswith(f"{PENDING_DIR}/"):
        raise refused
    try:
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
    except OSError:
        raise refused from None
    kept = SimpleUploadedFile(data.get("filename") or PurePath(name).name, content)
    size = data.get("size")
    if isinstance(size, list) and len(size) == 2:
        setattr(kept, UPLOADED_SIZE_ATTRIBUTE, (int(size[0]), int(size[1])))
    setattr(kept, UPLOADED_ANIMATED_ATTRIBUTE, data.get("animated") is True)
    digest = data.get("sha256")
    if isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest):
        setattr(kept, UPLOADED_SHA256_ATTRIBUTE, digest)
    return kept


def pending_uploads_prune(*, older_than: timedelta | None = None) -> int:
    """Remove pending uploads never used (their tokens have expired);
    returns how many. Run by `manage.py media_renditions`."""
    age = older_than if older_than is not None else timedelta(seconds=PENDING_MAX_AGE)
    try:
        _dirs, names = default_storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff = timezone.now() - age
    stale = [
        f"{PENDING_DIR}/{name}"
        for name in names
        if default_storage.get_modified_time(f"{PENDING_DIR}/{name}") <= cutoff
    ]
    _delete_files(stale)
    return len(stale)


def pending_upload_discard(token: str) -> None:
    """Remove a pending upload's file once it has become an image."""
    try:
        name = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE)["name"]
    except (signing.BadSignature, KeyError):
        return
    if name.startswith(f"{PENDING_DIR}/"):
        _delete_files([name])
