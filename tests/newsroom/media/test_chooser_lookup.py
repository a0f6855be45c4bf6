"""The image chooser finds an image by its number too (the article body's
Image button looks a typed number up there), and says when no image has
the number searched for."""

import json

import pytest
from django.urls import reverse

from tests.newsroom.media import files

pytestmark = pytest.mark.django_db


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
        return json.loads(response.content)

    return ask


def test_a_number_finds_the_image_of_that_number_with_its_title_and_thumbnail(
    search, upload_image
):
    image = upload_image(files.jpeg("rapat.jpg"), title="Ruang rapat BNPT")
    upload_image(files.jpeg("lain.jpg"), title="Bandara")
    answer = search(str(image.pk))
    square = image.renditions.get(spec="square", format="webp")
    assert [
        {key: result[key] for key in ("id", "text", "thumb")}
        for result in answer["results"]
    ] == [{"id": str(image.pk), "text": "Ruang rapat BNPT", "thumb": square.url}]
    assert "missing" not in answer


def test_the_image_of_the_number_comes_before_the_ones_whose_words_match(
    search, upload_image
):
    first = upload_image(files.jpeg("a.jpg"), title="Rapat pertama")
    numbered = upload_image(files.jpeg("b.jpg"), title=f"Rapat ke-{first.pk}")
    answer = search(str(first.pk))
    assert [result["id"] for result in answer["results"]] == [
        str(first.pk),
        str(numbered.pk),
    ]


def test_a_number_no_image_has_is_said_to_be_missing(search, upload_image):
    image = upload_image(files.jpeg("rapat.jpg"), title="Ruang rapat")
    answer = search(str(image.pk + 9999))
    assert answer["results"] == []
    assert str(image.pk + 9999) in answer["missing"]
