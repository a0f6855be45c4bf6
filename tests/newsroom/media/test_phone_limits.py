"""The pixel limit admits what phones sold as "50 MP" and "64 MP" take, and
says itself in a phone's terms and in pixels when a picture is over it; the
byte limit admits the files such photos make."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image as PILImage

from newsroom.media.models import Image
from newsroom.media.uploads import UnnamedTemporaryUploadedFile
from newsroom.media.validation import MAX_BYTES, MAX_PIXELS, MAX_SIZE, decode_upload
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form as form_data

ADD = "admin:media_image_add"


def flat_jpeg(name: str, size: tuple[int, int]):
    """A real JPEG of that size: flat, so quick to make and to decode."""
    return files.upload(name, files.encode(files.halves(size), "JPEG", quality=60))


@pytest.mark.django_db
def test_a_50_megapixel_phone_photo_is_added_and_stored_smaller(
    client, reporter, media_root, english
):
    # Samsung's ISOCELL GN1/GN2/JN1: 8160 × 6144, 50.1 MP, was refused
    # ("the limit is 50 megapixels").
    client.force_login(reporter)
    response = client.post(
        reverse(ADD),
        add_form(flat_jpeg("gn1.jpg", (8160, 6144))),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert (image.width, image.height) == (4088, 3078)
    page = client.get(response.url).content.decode()
    assert "The picture was 8,160 × 6,144 pixels; it is stored at 4,088 × 3,078." in (
        page
    )


def add_form(upload) -> dict:
    return form_data(upload=upload, alt_text="Delegasi tiba di bandara")


@pytest.mark.django_db
def test_a_phone_photo_of_60_megabytes_is_added(client, reporter, media_root):
    # A 64 MP JPEG at a phone's quality measured 20-60 MB (validation.py,
    # MAX_BYTES): the limit of 20 MB refused what the pixel limit invites.
    client.force_login(reporter)
    photo = files.motion_photo("IMG_0042.jpg", 60 * 1024 * 1024)
    response = client.post(reverse(ADD), add_form(photo))

    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert (image.original_filename, image.width, image.height) == (
        "IMG_0042.jpg",
        640,
        480,
    )
    assert image.file_size < 1024 * 1024  # the picture, re-encoded, alone
    # The upload's own bytes, every one, hashed a megabyte at a time.
    assert image.sha256 == hashlib.sha256(photo.file.getvalue()).hexdigest()


@pytest.mark.django_db
def test_a_file_over_the_byte_limit_is_refused_saying_the_limit(
    client, reporter, media_root, english
):
    client.force_login(reporter)
    too_large = files.motion_photo("IMG_0042.jpg", MAX_BYTES + 512 * 1024)
    response = client.post(reverse(ADD), add_form(too_large))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["upload"] == [
        "“IMG_0042.jpg” cannot be used: it is 64.5\xa0MB; the limit is 64.0\xa0MB."
    ]
    assert not Image.objects.exists()
    # It came in a temporary file (uploads.py), never held in memory whole.
    assert isinstance(form.files["upload"], UnnamedTemporaryUploadedFile)


@pytest.mark.parametrize(
    "size",
    [(8192, 6144), (6144, 8192), MAX_SIZE, (MAX_SIZE[1], MAX_SIZE[0])],
    ids=["50mp", "50mp-portrait", "64mp", "64mp-portrait"],
)
def test_50_and_64_megapixel_phone_photos_pass_the_check(size):
    decoded = decode_upload(flat_jpeg("IMG_0042.jpg", size))
    assert decoded.image.size == size


@pytest.mark.parametrize(
    "size, said",
    [
        # A 100 MP photo: said in megapixels as the limit is, not only in
        # pixels, which a reporter could not hold against "64 megapixels".
        (
            (11547, 8660),
            "11,547 × 8,660 pixels (100 megapixels); the limit is 64 megapixels",
        ),
        # A 108 MP phone photo, above Pillow's own guard (89.5 MP) too: it
        # was "too large to be opened safely", which does not tell a
        # reporter what to do.
        (
            (12000, 9000),
            "12,000 × 9,000 pixels (108 megapixels); the limit is 64 megapixels",
        ),
        # Just over: with the decimal that tells the two apart, not "64
        # megapixels; the limit is 64 megapixels".
        (
            (9249, 6936),
            "9,249 × 6,936 pixels (64.2 megapixels); the limit is 64.1 megapixels",
        ),
    ],
)
def test_a_larger_picture_is_refused_naming_its_size_and_the_limit_as_a_phone_does(
    size, said, english
):
    with pytest.raises(ValidationError) as refused:
        decode_upload(files.png_declaring(*size, name="IMG_0043.jpg"))
    assert refused.value.messages == [
        f"“IMG_0043.jpg” cannot be used: it is {said} (9,248 × 6,936)."
    ]


def test_the_limit_is_said_in_indonesian():
    with pytest.raises(ValidationError) as refused:
        decode_upload(files.png_declaring(11547, 8660, name="mp100.jpg"))
    message = refused.value.messages[0]
    # Numbers as Indonesian writes them: "11.547", not "11,547".
    assert "11.547 × 8.660" in message
    assert "(100 mega" in message
    assert "(9.248 × 6.936)" in message


def test_pillows_guard_is_above_the_limit():
    # Pillow warns above MAX_IMAGE_PIXELS: decode_upload refuses a picture
    # over MAX_PIXELS from its header first, saying why in its own words.
    assert MAX_PIXELS < PILImage.MAX_IMAGE_PIXELS
