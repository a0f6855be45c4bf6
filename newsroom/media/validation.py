"""What an uploaded image must be: decided by decoding it, never by its name
or the content type the browser sent."""

import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pi_heif import register_heif_opener
from PIL import Image as PILImage

from .processing import renditions_fit, upright_size

# Pillow opens HEIC/HEIF (an iPhone's photos) through pi-heif's libheif.
register_heif_opener()

# The largest file: a byte a pixel of MAX_SIZE's picture, rounded up. A 64 MP
# JPEG at a phone's quality (95) measured 20-48 MB with 4:2:0 chroma and up
# to 60 MB with 4:4:4, as the scene's detail and noise grow; a 50 MP one
# 15-38 MB (4:2:0) and up to 48 MB (4:4:4); a PNG screenshot 6 MB from a
# phone, 17-29 MB from a 5K screen (40-66 MB from an 8K one, a photo filling
# it the most). The 20 MB limit refused the photos MAX_SIZE invites. The bytes
# cost little: an upload over FILE_UPLOAD_MAX_MEMORY_SIZE waits in a
# temporary file (uploads.py), and decoding is bounded by the pixels, checked
# from the header first (_check_dimensions). The desk's request limit
# (settings.NEWSROOM_DESK_BODY_LIMIT) must stay above it.
MAX_BYTES = 64 * 1024 * 1024
# The largest picture, in pixels, as a phone sold as "64 MP" takes it (Sony
# IMX682/686: 9,248 × 6,936, 64.1 MP). "50 MP" phones take 8,160 × 6,144
# (Samsung ISOCELL GN1/GN2/JN1) or 8,192 × 6,144, 50.1 and 50.3 MP: a limit
# of 50,000,000 refused them. Checked and stored, a 64 MP upload costs a
# quarter more than a 50 MP one (1.25 s of CPU for a JPEG, 2.4 s for a WebP:
# README, Media library). Pillow's own guard (PILImage.MAX_IMAGE_PIXELS,
# 89.5 MP) must stay above it, so that this limit is the one a picture meets.
MAX_SIZE = (9248, 6936)
MAX_PIXELS = MAX_SIZE[0] * MAX_SIZE[1]
# The smallest picture (width, height) the desk may add to the library: a
# 1 × 1 upload (a tracking pixel saved from a web page) made a 1 × 1 card and
# renditions. Small enough for an agency's logo or an icon, which the
# library holds too (a social card's 300 × 157 would have refused them).
# The admin's form asks for it (ImageForm); the service itself takes any size.
MIN_SIZE = (64, 64)
# Pillow's format names of the formats we accept, and the extension we store:
# a HEIF photo (an iPhone's) or an AVIF (a picture saved from the web) is
# stored as a JPEG (processing.encode_original), which every browser shows.
FORMATS = {
    "JPEG": "jpg",
    "PNG": "png",
    "WEBP": "webp",
    "GIF": "gif",
    "HEIF": "jpg",
    "AVIF": "jpg",
}


# Where decode_upload keeps its answer on the file it decoded: decoding is
# the costly part (a 50 MP WebP, 1.5 s of CPU), and the admin's form checks
# the file that the service then stores.
DECODED_ATTRIBUTE = "_newsroom_decoded_image"


@dataclass
class DecodedImage:
    """An upload that passed: its pixels, fully decoded, and what it was."""

    image: PILImage.Image
    format: str  # a key of FORMATS
    name: str  # the name the file was uploaded under
    # More than one frame (an animated GIF, WebP, PNG or AVIF): `image` is
    # the first, the one the library keeps.
    animated: bool = False


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” cannot be used: %(reason)s"),
        code="invalid_image",
        params={"name": name, "reason": message},
    )


def decode_upload(
    file,
    *,
    max_size: tuple[int, int] = MAX_SIZE,
    min_size: tuple[int, int] = (1, 1),
) -> DecodedImage:
    """Decode an uploaded file completely, or raise a ValidationError naming it.

    Refused: empty files, more than MAX_BYTES (64 MB), anything Pillow
    cannot decode as JPEG, PNG, WebP, GIF, HEIC/HEIF or AVIF (SVG, HTML or
    PHP whatever their name), truncated files, more pixels than `max_size`
    has (the message gives the picture's size and the limit, each in pixels
    and in megapixels), decompression bombs (a small file declaring huge
    dimensions), pictures so tall for their width that a rendition could
    not be encoded (processing.MAX_SIDE), and, by the same rule turned a
    quarter, so wide for their height (a 20,000 × 1 strip made 1-pixel-high
    renditions), and pictures narrower or lower, upright, than `min_size`.
    Nothing is stored here.

    An animated picture (GIF, WebP, PNG or AVIF) is decoded as its first
    frame, and said to be animated (DecodedImage.animated).

    The file is decoded once: the answer is kept on it (DECODED_ATTRIBUTE),
    and a second call only checks the sizes again, for its own limits.
    """
    name = getattr(file, "name", "") or _("the file")
    size = getattr(file, "size", None)
    if not size:
        raise _refuse(name, _("the file is empty."))
    if size > MAX_BYTES:
        raise _refuse(
            name,
            _("it is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        )
    decoded = getattr(file, DECODED_ATTRIBUTE, None)
    if decoded is not None:
        _check_dimensions(decoded.image, name, max_size, min_size)
        return decoded
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow warns above MAX_IMAGE_PIXELS, which is above MAX_PIXELS:
        # _check_dimensions refuses such a picture from its header, saying
        # how large it is and what the limit is (a 108 MP phone photo was
        # "too large to be opened safely"). Above twice that Pillow raises.
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(file, formats=list(FORMATS))
            _check_dimensions(image, name, max_size, min_size)
            # Asked before load(): the answer seeks to the second frame and back.
            animated = bool(getattr(image, "is_animated", False))
            image.load()
        except ValidationError:
            raise
        except PILImage.DecompressionBombError:
            raise _refuse(
                name, _("its dimensions are too large to be opened safely.")
            ) from None
        except PILImage.UnidentifiedImageError:
            if _starts_as_heif(file):
                # libheif reads the whole file to open it: one cut short (an
                # interrupted AirDrop) is not identified at all.
                raise _refuse(name, _("the image is damaged or incomplete.")) from None
            raise _refuse(
                name, _("it is not a JPEG, PNG, WebP, GIF, HEIC or AVIF image.")
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            # Pillow's way of saying the data stops early or is corrupt.
            raise _refuse(name, _("the image is damaged or incomplete.")) from None
    decoded = DecodedImage(
        image=image, format=image.format, name=name, animated=animated
    )
    setattr(file, DECODED_ATTRIBUTE, decoded)
    return decoded


# Set on a file that stands for an upload kept already scaled down (a pending
# upload: services.pending_upload_open): the upright size it was uploaded at.
UPLOADED_SIZE_ATTRIBUTE = "_newsroom_uploaded_size"
# Set on such a file when the upload was animated: it is kept as its first
# frame already.
UPLOADED_ANIMATED_ATTRIBUTE = "_newsroom_uploaded_animated"


def uploaded_size(file) -> tuple[int, int]:
    """The upright size of the picture as it was uploaded, before
    processing.stored_size scaled it down (decoding the file when
    decode_upload has not already)."""
    kept = getattr(file, UPLOADED_SIZE_ATTRIBUTE, None)
    if kept is not None:
        return kept
    return upright_size(decode_upload(file).image)


def uploaded_animated(file) -> bool:
    """Whether the picture was animated as it was uploaded (more than one
    frame), although the library keeps its first frame only."""
    kept = getattr(file, UPLOADED_ANIMATED_ATTRIBUTE, None)
    if kept is not None:
        return bool(kept)
    return decode_upload(file).animated


def _check_dimensions(
    image: PILImage.Image,
    name: str,
    max_size: tuple[int, int],
    min_size: tuple[int, int],
) -> None:
    """decode_upload's rules on the size, read from the file's header."""
    width, height = image.size
    if width * height > max_size[0] * max_size[1]:
        megapixels, limit_megapixels = _megapixels(
            width * height, max_size[0] * max_size[1]
        )
        raise _refuse(
            name,
            _(
                "it is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
                "the limit is %(limit_megapixels)s megapixels "
                "(%(max_width)s × %(max_height)s)."
            )
            % {
                "width": _grouped(width),
                "height": _grouped(height),
                "megapixels": megapixels,
                "limit_megapixels": limit_megapixels,
                "max_width": _grouped(max_size[0]),
                "max_height": _grouped(max_size[1]),
            },
        )
    upright_width, upright_height = upright_size(image)
    if not renditions_fit(upright_width, upright_height):
        raise _refuse(
            name,
            _(
                "it is %(width)s × %(height)s pixels, too tall for its "
                "width to be shown on a page; crop it, or split it into "
                "parts."
            )
            % {"width": upright_width, "height": upright_height},
        )
    if not renditions_fit(upright_height, upright_width):
        raise _refuse(
            name,
            _(
                "it is %(width)s × %(height)s pixels, too wide for its "
                "height to be shown on a page; crop it, or split it into "
                "parts."
            )
            % {"width": upright_width, "height": upright_height},
        )
    if upright_width < min_size[0] or upright_height < min_size[1]:
        raise _refuse(
            name,
            _(
                "it is %(width)s × %(height)s pixels; an image must be "
                "at least %(min_width)s × %(min_height)s pixels, so that "
                "pages and social cards can show it."
            )
            % {
                "width": upright_width,
                "height": upright_height,
                "min_width": min_size[0],
                "min_height": min_size[1],
            },
        )


def _megapixels(pixels: int, limit: int) -> tuple[str, str]:
    """`pixels`, over `limit`, and `limit` in megapixels as a phone says
    them, whole (9,248 × 6,936 is sold as "64 MP", 11,547 × 8,660 as
    "100 MP"), or with the decimals it takes to tell them apart: 9,249 ×
    6,936 is 64.2 over a limit of 64.1, not 64 over 64."""
    places = 0
    while places < 6 and round(pixels / 1e6, places) <= round(limit / 1e6, places):
        places += 1
    said = (
        number_format(round(n / 1e6, places), places, force_grouping=True)
        for n in (pixels, limit)
    )
    return next(said), next(said)


def _grouped(number: int) -> str:
    """9248 as the language writes it: "9,248", "9.248"."""
    return number_format(number, force_grouping=True)


# The brands an ISO media file's first box ("ftyp") names for a HEIF image.
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1"})


def _starts_as_heif(file) -> bool:
    file.seek(0)
    head = file.read(12)
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS
