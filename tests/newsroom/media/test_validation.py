"""Bad input is refused with a message naming the file, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom.media.models import Image, Rendition
from newsroom.media.processing import MAX_SIDE, width_specs
from newsroom.media.services import renditions_make
from newsroom.media.validation import MIN_SIZE, decode_upload
from tests.newsroom.media import files


@pytest.mark.parametrize(
    "make, reason",
    [
        (files.empty, "empty"),
        (files.truncated_jpeg, "damaged or incomplete"),
        (files.truncated_heic, "damaged or incomplete"),
        (files.html_as_jpg, "not a JPEG, PNG, WebP, GIF, HEIC or AVIF"),
        (files.php_as_jpg, "not a JPEG, PNG, WebP, GIF, HEIC or AVIF"),
        (files.svg, "not a JPEG, PNG, WebP, GIF, HEIC or AVIF"),
        (files.oversized, "the limit is 64.0\xa0MB"),
        (
            lambda: files.png_declaring(9000, 9000),
            "9,000 × 9,000 pixels (81 megapixels); the limit is 64 megapixels "
            "(9,248 × 6,936)",
        ),
        # Above Pillow's own limit (a warning): refused from its header as
        # over ours; above twice Pillow's (an error), as a bomb.
        (
            lambda: files.png_declaring(10000, 10000),
            "10,000 × 10,000 pixels (100 megapixels); the limit is 64 megapixels",
        ),
        (lambda: files.png_declaring(40000, 40000), "too large to be opened safely"),
        # Its 1,024-wide rendition would be 21,880 pixels tall: more than a
        # WebP file can hold (the upload was a 500).
        (files.scrolling_screenshot, "1170 × 25000 pixels, too tall for its width"),
        (files.sideways_strip, "300 × 17000 pixels, too tall for its width"),
        # The same rule turned a quarter: as wide for its height is refused
        # too (a 20,000 × 1 strip made 1-pixel-high renditions and a 2 × 1
        # card, while 1 × 20,000 was refused).
        (lambda: files.png(size=(20000, 1)), "20000 × 1 pixels, too wide for its"),
        (lambda: files.png(size=(17000, 300)), "17000 × 300 pixels, too wide for"),
    ],
)
def test_bad_files_are_refused_naming_the_file(make, reason, english):
    upload = make()
    with pytest.raises(ValidationError) as refused:
        decode_upload(upload)
    message = refused.value.messages[0]
    assert upload.name in message
    assert reason in message


def test_a_lower_pixel_limit_refuses_a_real_image(english):
    with pytest.raises(ValidationError, match=r"megapixels \(250 × 200\)"):
        decode_upload(files.jpeg(size=(300, 200)), max_size=(250, 200))


@pytest.mark.parametrize(
    "make, fmt",
    [
        (files.phone_jpeg, "JPEG"),
        (files.png, "PNG"),
        (files.webp, "WEBP"),
        (files.gif, "GIF"),
        (files.phone_heic, "HEIF"),
        (files.avif, "AVIF"),
    ],
)
def test_the_six_formats_are_accepted_by_their_content(make, fmt):
    decoded = decode_upload(make())
    assert decoded.format == fmt


def test_a_heic_named_jpg_is_taken_for_what_it_is():
    decoded = decode_upload(files.phone_heic("IMG_0042.jpg"))
    assert decoded.format == "HEIF"


def test_a_png_named_jpg_is_taken_for_what_it_is():
    decoded = decode_upload(files.upload("photo.jpg", files.png().read()))
    assert decoded.format == "PNG"


@pytest.mark.parametrize("size", [(1, 20000), (20000, 1)])
def test_tall_and_wide_strips_are_refused_alike(size, english):
    with pytest.raises(
        ValidationError, match="too (tall for its width|wide for its height)"
    ):
        decode_upload(files.png(size=size))


@pytest.mark.parametrize(
    "size, refused",
    [((1, 1), True), ((63, 400), True), ((400, 63), True), ((64, 64), False)],
)
def test_the_minimum_size_is_said_when_asked_for(size, refused, english):
    upload = files.png(size=size)
    if not refused:
        assert decode_upload(upload, min_size=MIN_SIZE).image.size == size
        return
    with pytest.raises(ValidationError) as refusal:
        decode_upload(upload, min_size=MIN_SIZE)
    width, height = size
    assert refusal.value.messages == [
        f"“chart.png” cannot be used: it is {width} × {height} pixels; an image "
        "must be at least 64 × 64 pixels, so that pages and social cards can "
        "show it."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "size, tallest",
    [
        ((300, MAX_SIDE), (300, MAX_SIDE)),  # shown at its own width
        ((1800, 18_000), (1600, 16_000)),  # its widest rendition fits
        # A wide strip: the tall rule turned a quarter (17,000 × 300 is
        # refused, as 300 × 17,000 is).
        ((MAX_SIDE, 300), (1600, 29)),
    ],
)
def test_a_tall_picture_whose_renditions_fit_is_taken_with_all_of_them(
    upload_image, size, tallest
):
    image = upload_image(files.png(size=size))
    renditions_make(image)  # as the worker does, for a large picture
    renditions = image.renditions.filter(spec__startswith="w")
    widest = renditions.order_by("-width").first()
    assert (widest.width, widest.height) == tallest
    # Every width, in both formats.
    assert sorted(renditions.values_list("spec", "format")) == sorted(
        (f"w{width}", fmt) for width in width_specs(size[0]) for fmt in ("jpeg", "webp")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        files.empty,
        files.truncated_jpeg,
        files.truncated_heic,
        files.html_as_jpg,
        files.svg,
        files.oversized,
        lambda: files.png_declaring(40000, 40000),
        files.scrolling_screenshot,
    ],
)
def test_a_refused_upload_stores_nothing(make, upload_image, media_root):
    with pytest.raises(ValidationError):
        upload_image(make())
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert not media_root.exists() or not any(
        p.is_file() for p in media_root.rglob("*")
    )


# Alt text that is only a camera's or a file's name, whatever the upload's
# own name (delegasi.jpg here): refused in both languages.
CAMERA_NAMES = [
    "IMG_0042.jpg",
    "img 0042",
    "IMG_0042",
    "IMG-20220324-WA0001.jpg",
    "IMG_0042 (1).jpg",
    "DSC01234",
    "DSCN0042.JPG",
    "DSCF1234",
    "PXL_20220324_101010",
    "PXL_20220324_101010123.MP.jpg",
    "P1000123.JPG",
    "GOPR0042",
    "WhatsApp Image 2022-03-24 at 10.10.10.jpeg",
    "WhatsApp Image 2022-03-24 at 10.10.10 (1)",
    "rapat_final.jpg",
    # WhatsApp on an Indonesian phone (what the desk mostly gets), a Samsung
    # camera, macOS (older, and in Indonesian), Android's screenshots.
    "Gambar WhatsApp 2022-03-24 pukul 10.10.10",
    "Gambar WhatsApp 2022-03-24 pukul 10.10.10.jpeg",
    "Gambar WhatsApp 2022-03-24 pukul 10.10.10 (1).jpeg",
    "20220324_101010",
    "20220324_101010.jpg",
    "Screen Shot 2022-03-24 at 10.10.10 AM",
    "Screenshot 2023-03-24 at 10.10.10\u202fAM.png",
    "Tangkapan Layar 2022-03-24 pukul 10.10.10",
    "Tangkapan Layar 2022-03-24 pukul 10.10.10.png",
    "Screenshot_20220324-101010_WhatsApp",
    "Screenshot_2022-03-24-10-10-10-123_com.whatsapp.jpg",
    # A closing full stop, full-width letters and digits.
    "IMG_0042.jpg.",
    "DSC01234.",
    "ＩＭＧ＿００４２",
]
DESCRIPTIONS = [
    "Delegasi Indonesia dan Filipina di ruang rapat",
    "The photo IMG_0042.jpg shows the minister arriving",
    "Foto DSC01234 dari arsip: kepala BNPT berbicara",
    "P 1 dari 3: para delegasi berjabat tangan",
    "Image of the 2022 meeting",
    "DSC",
    "Gambar WhatsApp 2022-03-24 pukul 10.10.10 dari juru bicara BNPT",
    "Tangkapan layar situs kementerian",
    "Screen shot of the ministry's website",
    "20220324_101010 adalah waktu foto diambil",
    "Screenshot_20220324-101010_WhatsApp: percakapan grup delegasi",
    "Rapat 2022-03-24 pukul 10.10.",
    "ＩＭＧ＿００４２ dari arsip: kepala BNPT berbicara",
]


def described(field: str, text: str) -> Image:
    fields = {"alt_text": "Dua warna", field: text}
    return Image(title="Delegasi", original_filename="delegasi.jpg", **fields)


@pytest.mark.parametrize("field", ["alt_text", "alt_text_en"])
@pytest.mark.parametrize("text", CAMERA_NAMES)
def test_alt_text_that_is_a_camera_file_name_is_refused(field, text, english):
    with pytest.raises(ValidationError) as refused:
        described(field, text).clean()
    assert refused.value.message_dict[field] == [
        "The alt text is the file name: describe what the picture shows instead."
    ]


@pytest.mark.parametrize("field", ["alt_text", "alt_text_en"])
@pytest.mark.parametrize("text", DESCRIPTIONS)
def test_a_description_mentioning_a_file_name_is_accepted(field, text):
    described(field, text).clean()


@pytest.mark.django_db
def test_the_upload_service_refuses_a_camera_name_as_alt_text(upload_image):
    with pytest.raises(ValidationError) as refused:
        upload_image(files.jpeg("delegasi.jpg"), alt_text="DSC01234")
    assert "alt_text" in refused.value.message_dict
    assert not Image.objects.exists()


@pytest.fixture
def librarian_client(client, librarian, media_root):
    client.force_login(librarian)
    return client


@pytest.mark.django_db
def test_an_empty_file_is_refused_by_the_add_form_naming_it(librarian_client, english):
    response = librarian_client.post(
        reverse("admin:media_image_add"),
        {"upload": files.empty("zero.jpg"), "alt_text": "Dua warna", "title": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“zero.jpg” cannot be used: the file is empty." in page
    assert "The submitted file is empty." not in page
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_empty_file_is_refused_by_the_replace_form_naming_it(
    librarian_client, upload_image, english
):
    image = upload_image(files.jpeg("delegasi.jpg"))
    response = librarian_client.post(
        reverse("admin:media_image_replace", args=[image.pk]),
        {"upload": files.empty("zero.jpg")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“zero.jpg” cannot be used: the file is empty." in page
    assert "The submitted file is empty." not in page
    assert Image.objects.get(pk=image.pk).original_filename == "delegasi.jpg"
