"""Library images for tests of the pages, feeds and admins that show them:
real files drawn with Pillow, uploaded through the media library's service
(so their renditions exist). Use with the `media_root` fixture."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from newsroom.media.models import Image
from newsroom.media.services import image_upload
from newsroom.media.validation import MIN_SIZE

# The smallest picture that has every rendition a page can ask for: each
# width up to 1600 (srcset) and the 1200 x 630 card crop (og:image). Only
# the tests that look at those widths, the card or the crops ask for it
# (`size=FULL_SIZE`): every upload makes its renditions, and at this size
# they cost the suite about ten times the CPU of the default.
FULL_SIZE = (1600, 900)
# The default: the smallest picture the admin's form accepts
# (validation.MIN_SIZE).
SMALL_SIZE = MIN_SIZE


def photo_file(name="photo.jpg", size=SMALL_SIZE) -> SimpleUploadedFile:
    """A JPEG of two colours, as an uploaded file."""
    picture = PILImage.new("RGB", size, (30, 90, 160))
    picture.paste((200, 60, 40), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def uploader():
    user, _ = get_user_model().objects.get_or_create(
        username="image-uploader", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def library_image(
    name="photo.jpg",
    size=SMALL_SIZE,
    *,
    alt_text="Delegates around a conference table",
    **described,
) -> Image:
    """An image in the library with all its renditions."""
    return image_upload(
        file=photo_file(name, size), user=uploader(), alt_text=alt_text, **described
    )
