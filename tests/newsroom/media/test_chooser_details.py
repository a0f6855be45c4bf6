"""The chooser tells apart pictures named after the camera's file (a phone's
three "IMG_20220324_101010"): each result says what it shows (its alt text,
else its caption), when it was uploaded and its size; and a search finds
pictures by what they show."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.media.models import Image
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

CAMERA_NAME = "IMG_20220324_101010"


@pytest.fixture
def search(client, reporter, media_root):
    client.force_login(reporter)

    def ask(term):
        response = client.get(
            reverse("admin:media_image_chooser"),
            {
                "term": term,
                "app_label": "articles",
                "model_name": "article",
                "field_name": "featured_image",
            },
        )
        assert response.status_code == 200
        return json.loads(response.content)["results"]

    return ask


@pytest.fixture
def phone_uploads(upload_image, reporter):
    """Three photos off one phone, each uploaded under the camera's name."""
    shown = [
        ("Menteri membuka rapat", ""),
        ("Delegasi Filipina tiba", "Di bandara Soekarno-Hatta"),
        ("", "Peta lokasi banjir"),
    ]
    images = []
    for number, (alt_text, caption) in enumerate(shown):
        image = upload_image(
            files.jpeg(f"{CAMERA_NAME}.jpg", size=(400 + number * 100, 300)),
            user=reporter,
            alt_text=alt_text,
            caption=caption,
            decorative=not alt_text,
        )
        images.append(image)
    Image.objects.filter(pk=images[0].pk).update(
        uploaded_at=timezone.make_aware(dt.datetime(2022, 3, 24, 10, 10))
    )
    return images


def test_three_photos_of_one_name_are_told_apart(search, phone_uploads, english):
    results = {result["id"]: result for result in search("IMG_2022")}
    first, second, third = (results[str(image.pk)] for image in phone_uploads)
    assert {result["text"] for result in results.values()} == {CAMERA_NAME}
    assert first["description"] == "Menteri membuka rapat"
    assert second["description"] == "Delegasi Filipina tiba"
    # Decorative: no alt text, the caption says what it is.
    assert third["description"] == "Peta lokasi banjir"
    assert first["facts"] == "uploaded 24 Mar 2022, 10:10 · 400 × 300 px"
    assert second["facts"].endswith("· 500 × 300 px")
    assert third["facts"].endswith("· 600 × 300 px")


def test_the_upload_time_is_written_as_the_desk_writes_it(search, phone_uploads):
    """In Indonesian, as the desk's lists: a full stop in the time."""
    results = {result["id"]: result for result in search("menteri")}
    assert (
        " 24 Mar 2022 10.10 · 400 × 300 px"
        in (results[str(phone_uploads[0].pk)]["facts"])
    )


@pytest.mark.parametrize(
    ("term", "found"),
    [("filipina", 1), ("bandara", 1), ("banjir", 2), ("menteri rapat", 0)],
)
def test_a_search_finds_pictures_by_alt_text_and_caption(
    search, phone_uploads, term, found
):
    assert [result["id"] for result in search(term)] == [str(phone_uploads[found].pk)]


def test_a_long_description_is_shortened_and_kept_as_text(
    search, upload_image, reporter
):
    alt = "<b>Rapat</b> & " + "sangat panjang " * 15
    image = upload_image(files.jpeg("rapat.jpg"), user=reporter, alt_text=alt)
    (result,) = search("rapat")
    assert result["id"] == str(image.pk)
    assert result["description"].startswith("<b>Rapat</b> & sangat panjang")
    assert len(result["description"]) == 100
    assert result["description"].endswith("…")


def test_a_decorative_picture_without_a_caption_says_so(
    search, upload_image, reporter, english
):
    upload_image(files.jpeg("ornamen.jpg"), user=reporter, alt_text="", decorative=True)
    (result,) = search("ornamen")
    assert result["description"] == "(decorative)"
