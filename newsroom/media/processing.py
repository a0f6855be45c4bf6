"""Pixels in, clean files out: originals without metadata, and renditions.

No database and no storage here: functions take Pillow images or bytes and
return bytes, so they are easy to time and to test.
"""

import io
import math
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without littlecms
    ImageCms = None

# Widths of the renditions pages choose from (srcset); never upscaled.
WIDTHS = (320, 640, 1024, 1600)
# Fixed-ratio crops around the focal point: name -> (width, height).
CROPS = {"card": (1200, 630), "square": (320, 320)}
FORMATS = ("webp", "jpeg")
# Crops that only JPEG needs (og:image is read by crawlers, not browsers).
JPEG_ONLY = frozenset({"card"})
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
QUALITY = {"webp": 80, "jpeg": 82}
ORIGINAL_JPEG_QUALITY = 90
# The most pixels a stored original keeps (stored_size): a 12 MP phone photo
# (4032 × 3024) whole, a 50 MP one (8160 × 6120) at 4096 × 3072, still 2.5
# times the widest rendition. Encoding is paid per pixel, in the upload's
# request: a 50 MP WebP re-encoded whole took 10 to 24 s of CPU, and gunicorn
# killed its worker (README, Media library).
ORIGINAL_MAX_PIXELS = 4096 * 3072


@dataclass(frozen=True)
class Spec:
    """One rendition to make: its name, format and the size it is bound by."""

    name: str  # "w640", "card", "square"
    format: str  # "webp" or "jpeg"
    width: int  # target width (for w-specs the exact width)
    height: int | None  # None for w-specs: height follows the ratio

    @property
    def is_crop(self) -> bool:
        return self.height is not None


def width_specs(width: int) -> list[int]:
    """The rendition widths for an original this wide: every standard width
    below it, and the original's own width when it is under the largest."""
    widths = [w for w in WIDTHS if w < width]
    widths.append(min(width, WIDTHS[-1]))
    return sorted(set(widths))


# The longest side a WebP file can have (JPEG's is 65,535).
MAX_SIDE = 16_383
# EXIF orientations that turn the picture a quarter.
QUARTER_TURNS = frozenset({5, 6, 7, 8})


def upright_size(image: PILImage.Image) -> tuple[int, int]:
    """The size of the picture as normalise() will stand it up."""
    width, height = image.size
    if image.getexif().get(0x0112) in QUARTER_TURNS:  # Orientation
        return height, width
    return width, height


def renditions_fit(width: int, height: int) -> bool:
    """Whether every rendition of an upright original this size can be
    encoded: its widest width-rendition at most MAX_SIDE tall (a phone's
    scrolling screenshot, 1170 × 25,000, is 21,880 tall at 1,024 wide)."""
    widest = max(width_specs(width))
    return round(height * widest / width) <= MAX_SIDE


def rendition_specs(width: int) -> list[Spec]:
    """Every rendition an image of this width has once complete."""
    specs = [Spec(f"w{w}", fmt, w, None) for w in width_specs(width) for fmt in FORMATS]
    for name, (crop_w, crop_h) in CROPS.items():
        for fmt in FORMATS:
            if name in JPEG_ONLY and fmt != "jpeg":
                continue
            specs.append(Spec(name, fmt, crop_w, crop_h))
    return specs


def _to_srgb(image: PILImage.Image) -> PILImage.Image:
    """Pixels converted to sRGB when the file carried another colour profile;
    the profile itself is dropped with the rest of the metadata."""
    profile = image.info.get("icc_profile")
    if not profile or ImageCms is None or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError):
        return image


# Greyscale with 16 bits a pixel (a PNG from a scanner, a microscope or a
# chart tool; Pillow reads it as "I;16", or "I"): 0 to 65,535.
SIXTEEN_BIT_GREY = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N"})


def stored_size(width: int, height: int) -> tuple[int, int]:
    """The size an upright picture of `width` × `height` is stored at: the
    same with at most ORIGINAL_MAX_PIXELS pixels, otherwise scaled down, its
    shape kept, to about that many; but never narrower than the widest
    rendition (a tall screenshot, 1170 × 16,000, keeps its width and its
    legibility). So at most 26 MP (1,600 × 16,383: renditions_fit)."""
    if width * height <= ORIGINAL_MAX_PIXELS:
        return width, height
    scale = math.sqrt(ORIGINAL_MAX_PIXELS / (width * height))
    scale = max(scale, min(1.0, WIDTHS[-1] / width))
    return max(1, round(width * scale)), max(1, round(height * scale))


def sixteen_bit_to_eight(image: PILImage.Image) -> PILImage.Image:
    """16-bit grey scaled to 8 bits ("L"): 0, 32,768 and 65,535 become
    black, mid grey and white. (convert("RGB") clips at 255 instead: every
    pixel above 255 of 65,535 came out white.)"""
    return image.convert("I").point(lambda value: value / 257).convert("L")


def normalise(image: PILImage.Image) -> PILImage.Image:
    """The upright picture (EXIF orientation applied) as plain pixels, at its
    stored_size(): a new image that carries no EXIF, GPS, XMP, IPTC, comment
    or profile."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("P", "PA", "LA", "La", "RGBa"):
        has_alpha = image.mode != "P" or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    elif image.mode in SIXTEEN_BIT_GREY:
        image = sixteen_bit_to_eight(image)
    elif image.mode in ("CMYK", "YCbCr", "F", "1"):
        image = image.convert("RGB")
    size = stored_size(*image.size)
    if size != image.size:
        # BICUBIC: the renditions made from it measure as those made from a
        # LANCZOS reduction (55 dB against the full picture's), in 3/4 of
        # the time (0.9 s for 50 MP here).
        image = image.resize(size, PILImage.Resampling.BICUBIC)
    image = _to_srgb(image)
    clean = PILImage.new(image.mode, image.size)
    clean.paste(image)
    clean.info = {}
    return clean


def encode_original(image: PILImage.Image, fmt: str) -> bytes:
    """The stored original: the normalised pixels re-encoded in the upload's
    format (a GIF as its first frame; a HEIF or AVIF as a JPEG, which every
    browser shows), with no metadata at all.

    WebP with method 2 and PNG at zlib level 3: for a 12.6 MP photo, 1.0 s
    and 1.2 s of CPU here where the defaults (method 4, level 6) took 2.5 s
    and 3.3 s, for files as small (a flat chart's PNG comes out larger, 0.26
    MB for 0.08: only storage sees it, as readers are never sent the
    original)."""
    out = io.BytesIO()
    if fmt in ("JPEG", "HEIF", "AVIF"):
        _flatten(image).save(out, "JPEG", quality=ORIGINAL_JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=90, method=2)
    elif fmt == "GIF":
        image.save(out, "GIF")
    else:
        image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _flatten(image: PILImage.Image) -> PILImage.Image:
    """RGB for JPEG: transparency over white."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA"):
        base = PILImage.new("RGB", image.size, (255, 255, 255))
        base.paste(image, mask=image.getchannel("A"))
        return base
    return image.convert("RGB")


def crop_box(
    size: tuple[int, int], ratio: float, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (width / height) inside `size`, centred on
    the focal point (fractions of width and height) as far as the edges let it."""
    width, height = size
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    box_w, box_h = max(1, min(box_w, width)), max(1, min(box_h, height))
    left = round(focal[0] * width - box_w / 2)
    top = round(focal[1] * height - box_h / 2)
    left = min(max(left, 0), width - box_w)
    top = min(max(top, 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def open_for_renditions(data: io.BytesIO, specs: list[Spec]) -> PILImage.Image:
    """Open a stored original, decoding a JPEG only at the scale the largest
    of `specs` needs (JPEG draft mode: a 12 MP photo decodes at a quarter or
    less of its pixels), and load it."""
    image = PILImage.open(data)
    if image.format == "JPEG":
        width, height = image.size
        scale = 0.0
        for spec in specs:
            if spec.is_crop:
                left, top, right, bottom = crop_box(
                    (width, height), spec.width / spec.height, (0.5, 0.5)
                )
                scale = max(
                    scale,
                    spec.width / (right - left),
                    spec.height / (bottom - top),
                )
            else:
                scale = max(scale, spec.width / width)
        scale = min(scale, 1.0)
        image.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
    image.load()
    return image


def make_picture(
    image: PILImage.Image,
    spec: Spec,
    focal: tuple[float, float],
    *,
    original_size: tuple[int, int],
) -> PILImage.Image:
    """The pixels of one rendition, from an upright, metadata-free image.

    `image` may be a reduced decode of the stored original (draft mode), or a
    larger rendition of it; sizes are decided on `original_size`, the stored
    original's. Crops are never upscaled: a small original gives a smaller
    crop of the same ratio.
    """
    if spec.is_crop:
        box = crop_box(image.size, spec.width / spec.height, focal)
        orig_box_w = (box[2] - box[0]) * original_size[0] / image.size[0]
        if orig_box_w >= spec.width:
            target = (spec.width, spec.height)
        else:
            target = (
                max(1, round(orig_box_w)),
                max(1, round(orig_box_w * spec.height / spec.width)),
            )
        return image.resize(
            target, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0
        )
    target = (
        spec.width,
        max(1, round(original_size[1] * spec.width / original_size[0])),
    )
    if image.size == target:
        return image
    return image.resize(target, PILImage.Resampling.LANCZOS, reducing_gap=3.0)


def encode(picture: PILImage.Image, fmt: str) -> bytes:
    """A rendition's file: progressive JPEG, or WebP (method 2: nearly the
    size of the default method 4 at a third of the time)."""
    out = io.BytesIO()
    if fmt == "jpeg":
        _flatten(picture).save(
            out, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True
        )
    else:
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
        picture.save(out, "WEBP", quality=QUALITY["webp"], method=2)
    return out.getvalue()


def make_renditions(
    source: PILImage.Image,
    specs: list[Spec],
    focal: tuple[float, float],
    *,
    original_size: tuple[int, int],
):
    """Yield (spec, bytes, width, height) for each of `specs`. Each size is
    resized once for both formats, and each width from the next larger one."""
    pictures: dict[str, PILImage.Image] = {}
    larger = source
    order = sorted(specs, key=lambda s: (s.is_crop, -s.width))
    for spec in order:
        picture = pictures.get(spec.name)
        if picture is None:
            base = source if spec.is_crop else larger
            picture = make_picture(base, spec, focal, original_size=original_size)
            pictures[spec.name] = picture
            if not spec.is_crop:
                larger = picture
        yield spec, encode(picture, spec.format), picture.width, picture.height
