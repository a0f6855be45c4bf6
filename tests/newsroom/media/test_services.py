"""Uploading, describing and deleting images; their renditions."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image as PILImage

from newsroom.media.models import Image, Rendition
from newsroom.media.services import (
    image_delete,
    image_update,
    renditions_make,
)
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db


def stored(file_field) -> bytes:
    with file_field.open("rb") as f:
        return f.read()


def opened(file_field) -> PILImage.Image:
    image = PILImage.open(io.BytesIO(stored(file_field)))
    image.load()
    return image


def assert_no_metadata(data: bytes):
    image = PILImage.open(io.BytesIO(data))
    image.load()
    assert not image.getexif(), "EXIF left"
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "Author"):
        assert key not in image.info, f"{key} left"
    for secret in files.SECRETS:
        assert secret not in data


def test_a_phone_photo_is_stored_upright_and_without_metadata(upload_image):
    image = upload_image(files.phone_jpeg())
    # Stored sideways (400×300) with orientation 6: upright it is 300×400,
    # the left half (red) now on top.
    assert (image.width, image.height) == (300, 400)
    original = opened(image.file)
    assert original.size == (300, 400)
    r, g, b = original.getpixel((150, 20))
    assert r > 150 and b < 100
    assert_no_metadata(stored(image.file))
    for rendition in image.renditions.all():
        assert_no_metadata(stored(rendition.file))


def test_an_iphone_heic_is_stored_upright_as_a_jpeg_without_metadata(upload_image):
    raw = files.HEIC.read_bytes()
    assert all(secret in raw for secret in (b"SECRET", b"PhoneMaker"))

    image = upload_image(files.phone_heic())

    # 400×300 turned upright: 300×400, the left half (red) on top.
    assert (image.width, image.height) == (300, 400)
    assert image.file.name.endswith(".jpg")
    assert image.original_filename == "IMG_0042.HEIC"
    original = opened(image.file)
    assert (original.format, original.size) == ("JPEG", (300, 400))
    r, g, b = original.getpixel((150, 20))
    assert r > 150 and b < 100
    r, g, b = original.getpixel((150, 380))
    assert b > 150 and r < 100
    assert_no_metadata(stored(image.file))
    renditions = list(image.renditions.all())
    assert {(r.spec, r.format) for r in renditions} >= {
        ("w300", "webp"),
        ("card", "jpeg"),
    }
    for rendition in renditions:
        assert_no_metadata(stored(rendition.file))


def test_an_avif_is_stored_upright_as_a_jpeg_without_metadata(upload_image):
    image = upload_image(files.avif())

    # 300×200 with EXIF orientation 6: upright it is 200×300.
    assert (image.width, image.height) == (200, 300)
    assert image.file.name.endswith(".jpg")
    original = opened(image.file)
    assert (original.format, original.size) == ("JPEG", (200, 300))
    assert_no_metadata(stored(image.file))
    assert image.renditions.exists()


@pytest.mark.parametrize(
    "make, fmt", [(files.png, "PNG"), (files.webp, "WEBP"), (files.gif, "GIF")]
)
def test_every_format_is_stored_in_its_format_without_metadata(upload_image, make, fmt):
    image = upload_image(make())
    assert opened(image.file).format == fmt
    assert_no_metadata(stored(image.file))


def test_a_16_bit_grey_png_keeps_its_greys(upload_image):
    upload = files.grey_16_bit_png()
    assert PILImage.open(upload).mode == "I;16"
    image = upload_image(upload)

    def greys(picture):
        picture = picture.convert("L")
        return [
            picture.getpixel((picture.width * part // 6, picture.height // 2))
            for part in (1, 3, 5)
        ]

    black, grey, white = greys(opened(image.file))
    assert (black, white) == (0, 255)
    assert 126 <= grey <= 129
    rendition = image.renditions.get(spec="w320", format="jpeg")
    black, grey, white = greys(opened(rendition.file))
    assert black <= 3 and white >= 252 and 123 <= grey <= 132


def test_the_stored_name_says_nothing_of_the_uploaded_one(upload_image):
    image = upload_image(files.phone_jpeg("Minister secret meeting.jpg"))
    assert image.file.name.startswith("images/originals/")
    assert image.file.name.endswith(".jpg")
    assert "secret" not in image.file.name.lower()
    assert image.original_filename == "Minister secret meeting.jpg"
    assert image.title == "Minister secret meeting"
    assert len(image.sha256) == 64
    assert image.uploaded_by is not None


def test_renditions_of_a_large_photo_have_every_width_and_format(upload_image):
    image = upload_image(files.jpeg(size=(2000, 1000)))
    found = {(r.spec, r.format): r for r in image.renditions.all()}
    for width in (320, 640, 1024, 1600):
        for fmt in ("webp", "jpeg"):
            rendition = found[(f"w{width}", fmt)]
            assert (rendition.width, rendition.height) == (width, width // 2)
            pixels = opened(rendition.file)
            assert pixels.format == fmt.upper()
            assert pixels.size == (width, width // 2)
            assert rendition.file_size == len(stored(rendition.file))
    assert (found[("card", "jpeg")].width, found[("card", "jpeg")].height) == (
        1200,
        630,
    )
    assert ("card", "webp") not in found
    for fmt in ("webp", "jpeg"):
        assert opened(found[("square", fmt)].file).size == (320, 320)
    assert len(found) == 11


def test_renditions_are_never_larger_than_the_original(upload_image):
    image = upload_image(files.jpeg(size=(500, 400)))
    widths = sorted(
        r.width for r in image.renditions.filter(format="jpeg", spec__startswith="w")
    )
    assert widths == [320, 500]
    card = image.renditions.get(spec="card")
    assert card.width <= 500 and abs(card.width / card.height - 1200 / 630) < 0.02
    square = image.renditions.get(spec="square", format="jpeg")
    assert (square.width, square.height) == (320, 320)


def spot_image(size=(1200, 600), spot=(800, 300)):
    """Blue, with a green square around `spot`."""
    image = PILImage.new("RGB", size, files.BLUE)
    x, y = spot
    image.paste(files.GREEN, (x - 60, y - 60, x + 60, y + 60))
    return image


def centre_colour(file_field):
    pixels = opened(file_field)
    return pixels.getpixel((pixels.width // 2, pixels.height // 2))


def test_crops_are_centred_on_the_focal_point(upload_image):
    image = upload_image(files.jpeg(image=spot_image()), focal=(800 / 1200, 0.5))
    r, g, b = centre_colour(image.renditions.get(spec="square", format="jpeg").file)
    assert g > 150 and b < 100, "the square is not centred on the green spot"

    centred = upload_image(files.jpeg("centred.jpg", image=spot_image()))
    r, g, b = centre_colour(centred.renditions.get(spec="square", format="jpeg").file)
    assert b > 150 and g < 100


def test_a_new_focal_point_remakes_the_crops_only(
    upload_image, librarian, django_capture_on_commit_callbacks
):
    image = upload_image(files.jpeg(image=spot_image()))
    widths_before = set(
        image.renditions.filter(spec__startswith="w").values_list("pk", flat=True)
    )
    old_square = image.renditions.get(spec="square", format="jpeg")
    old_name = old_square.file.name

    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image, user=librarian, focal_x=800 / 1200, focal_y=0.5)

    assert (
        set(image.renditions.filter(spec__startswith="w").values_list("pk", flat=True))
        == widths_before
    )
    square = image.renditions.get(spec="square", format="jpeg")
    assert square.pk != old_square.pk
    r, g, b = centre_colour(square.file)
    assert g > 150 and b < 100
    assert square.file.name != old_name
    assert not old_square.file.storage.exists(old_name)
    assert image.renditions.count() == 11


def test_renditions_are_made_once(upload_image):
    image = upload_image(files.jpeg())
    count = image.renditions.count()
    assert count > 0
    assert renditions_make(image) == []
    assert image.renditions.count() == count


def test_missing_renditions_are_made_again(upload_image):
    image = upload_image(files.jpeg(size=(900, 600)))
    image.renditions.filter(spec="w640").delete()
    made = renditions_make(image)
    assert sorted((r.spec, r.format) for r in made) == [
        ("w640", "jpeg"),
        ("w640", "webp"),
    ]


@pytest.mark.parametrize(
    "alt, decorative, refused",
    [
        ("", False, True),
        ("   ", False, True),
        ("", True, False),
        ("IMG_0042.jpg", False, True),
        ("img 0042", False, True),
        ("IMG-0042", False, True),
        ("Img_0042.JPG", False, True),
        ("The minister arrives at the meeting", False, False),
    ],
)
def test_the_alt_text_rules(upload_image, alt, decorative, refused, english):
    upload = files.phone_jpeg("IMG_0042.jpg")
    if refused:
        with pytest.raises(ValidationError) as error:
            upload_image(upload, alt_text=alt, decorative=decorative)
        assert "alt_text" in error.value.message_dict
        assert not Image.objects.exists()
    else:
        image = upload_image(upload, alt_text=alt, decorative=decorative)
        assert image.alt == ("" if decorative else alt)


def test_without_the_permission_nothing_is_uploaded(upload_image, django_user_model):
    outsider = django_user_model.objects.create_user(
        "luar", password="x", is_staff=True
    )
    with pytest.raises(PermissionDenied):
        upload_image(files.jpeg(), user=outsider)
    assert not Image.objects.exists()


def test_reporters_and_editors_may_upload_only_editors_delete(staff_in):
    reporter, editor = staff_in("Reporter"), staff_in("Editor", "redaktur")
    for user in (reporter, editor):
        assert user.has_perms(
            ["media.add_image", "media.change_image", "media.view_image"]
        )
    assert not reporter.has_perm("media.delete_image")
    assert editor.has_perm("media.delete_image")


def test_deleting_an_image_removes_its_files(
    upload_image, librarian, django_capture_on_commit_callbacks
):
    image = upload_image(files.jpeg())
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    storage = image.file.storage
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=image, user=librarian)
    assert not any(storage.exists(name) for name in names)
    assert not Rendition.objects.exists()


def test_image_update_refuses_other_fields(upload_image, librarian):
    image = upload_image(files.jpeg())
    with pytest.raises(TypeError):
        image_update(image=image, user=librarian, width=10)


def test_the_search_finds_every_word_in_any_described_field(upload_image):
    upload_image(files.jpeg("a.jpg"), title="Minister", caption="Jakarta meeting")
    upload_image(files.jpeg("b.jpg"), title="Logo", credit="BNPT")
    assert [i.title for i in Image.objects.search("minister jakarta")] == ["Minister"]
    assert [i.title for i in Image.objects.search("bnpt")] == ["Logo"]
    assert not Image.objects.search("minister bnpt").exists()
