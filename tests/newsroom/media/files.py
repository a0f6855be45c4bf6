"""Image files made by the tests with Pillow (and a few that only pretend)."""

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo

from newsroom.media.validation import MAX_BYTES

RED = (220, 20, 20)
BLUE = (20, 20, 220)
GREEN = (20, 200, 20)


def halves(size=(400, 300), left=RED, right=BLUE, mode="RGB"):
    """A picture whose left half is one colour and right half another."""
    image = PILImage.new(mode, size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def encode(image, fmt, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def phone_photo_exif() -> PILImage.Exif:
    """EXIF as a phone writes it: orientation 6 (turn right), GPS position,
    camera make, model and serial number, owner."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone X SECRETMODEL"
    exif[ExifTags.Base.Artist] = "Owner SECRETOWNER"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (6.0, 10.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (106.0, 49.0, 12.0),
    }
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-SECRETSERIAL"
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b"<rdf:Description>SECRETXMP</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def phone_jpeg(name="IMG_0042.jpg", size=(400, 300)) -> SimpleUploadedFile:
    """A JPEG stored sideways (400×300, shown 300×400) with GPS and camera
    data, an XMP packet and a comment."""
    data = encode(
        halves(size),
        "JPEG",
        quality=95,
        exif=phone_photo_exif(),
        comment=b"SECRETCOMMENT",
        xmp=XMP,
    )
    return upload(name, data)


SECRETS = (b"SECRET", b"PhoneMaker", b"GPS")

# An iPhone's kind of photo, HEIC, made once with pillow-heif's encoder (not
# a dependency): the picture of halves(), 400×300, stored turned upright
# (HEIF's rotation box), with phone_photo_exif()'s camera data and GPS and an
# XMP packet (SECRETS are in the file).
HEIC = Path(__file__).with_name("IMG_0042.HEIC")


def phone_heic(name="IMG_0042.HEIC", data: bytes | None = None) -> SimpleUploadedFile:
    return upload(name, HEIC.read_bytes() if data is None else data, "image/heic")


def truncated_heic(name="IMG_0043.HEIC") -> SimpleUploadedFile:
    data = HEIC.read_bytes()
    return phone_heic(name, data[: len(data) * 2 // 3])


def png(name="chart.png", size=(300, 200), alpha=False) -> SimpleUploadedFile:
    image = halves(size, mode="RGBA" if alpha else "RGB")
    if alpha:
        image.putalpha(128)
    info = PngInfo()
    info.add_text("Author", "SECRETAUTHOR")
    return upload(name, encode(image, "PNG", pnginfo=info), "image/png")


def grey_16_bit_png(name="scan.png", size=(600, 300)) -> SimpleUploadedFile:
    """A 16-bit greyscale PNG (Pillow's mode "I;16"): its left third black
    (0), middle third mid grey (32,768), right third white (65,535)."""
    image = PILImage.new("I", size, 0)
    third = size[0] // 3
    image.paste(32768, (third, 0, 2 * third, size[1]))
    image.paste(65535, (2 * third, 0, size[0], size[1]))
    return upload(name, encode(image.convert("I;16"), "PNG"), "image/png")


def webp(name="photo.webp", size=(300, 200)) -> SimpleUploadedFile:
    return upload(name, encode(halves(size), "WEBP", quality=90), "image/webp")


def avif(name="press-photo.avif", size=(300, 200)) -> SimpleUploadedFile:
    """As saved from a web page that serves AVIF, with EXIF."""
    data = encode(halves(size), "AVIF", quality=70, exif=phone_photo_exif())
    return upload(name, data, "image/avif")


def gif(name="logo.gif", size=(120, 80)) -> SimpleUploadedFile:
    image = halves(size).convert("P")
    return upload(name, encode(image, "GIF", comment=b"SECRETGIF"), "image/gif")


def jpeg(name="photo.jpg", size=(300, 200), image=None) -> SimpleUploadedFile:
    return upload(name, encode(image or halves(size), "JPEG", quality=90))


def scrolling_screenshot(name="tangkapan-layar.png", size=(1170, 25000)):
    """A phone's screenshot of a whole page: as wide as the screen, very tall."""
    return upload(name, encode(PILImage.new("RGB", size, RED), "PNG"), "image/png")


def sideways_strip(name="IMG_0044.jpg", size=(17000, 300)) -> SimpleUploadedFile:
    """A JPEG stored wide that its EXIF orientation (6) stands up tall."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    return upload(name, encode(halves(size), "JPEG", exif=exif))


def truncated_jpeg(name="cut.jpg") -> SimpleUploadedFile:
    data = encode(PILImage.effect_noise((600, 400), 60).convert("RGB"), "JPEG")
    return upload(name, data[: len(data) // 2])


def html_as_jpg(name="page.jpg") -> SimpleUploadedFile:
    return upload(name, b"<!DOCTYPE html><html><script>alert(1)</script></html>")


def php_as_jpg(name="shell.jpg") -> SimpleUploadedFile:
    return upload(name, b"<?php system($_GET['c']); ?>")


def svg(name="drawing.svg") -> SimpleUploadedFile:
    return upload(
        name,
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(1)</script><rect width="10" height="10"/></svg>',
        "image/svg+xml",
    )


def empty(name="empty.jpg") -> SimpleUploadedFile:
    return upload(name, b"")


def png_declaring(width: int, height: int, name="bomb.png") -> SimpleUploadedFile:
    """A tiny PNG whose header declares width × height pixels: decoding it
    would take gigabytes (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024, 9))
        + chunk(b"IEND", b"")
    )
    return upload(name, data, "image/png")


def oversized(name="huge.jpg") -> SimpleUploadedFile:
    """A real JPEG padded past validation.MAX_BYTES."""
    data = encode(halves((64, 64)), "JPEG") + b"\x00" * MAX_BYTES
    return upload(name, data)


def motion_photo(name: str, total_bytes: int) -> SimpleUploadedFile:
    """A JPEG of `total_bytes` as a phone's "motion photo" is: the picture
    (640 × 480, quality 95), then the seconds of video before it (an MP4)
    after its end, which a decoder never reads; quick to make."""
    picture = encode(halves((640, 480)), "JPEG", quality=95)
    video = b"\x00\x00\x00\x18ftypmp42"
    padding = total_bytes - len(picture) - len(video)
    return upload(name, picture + video + b"\x00" * padding)
