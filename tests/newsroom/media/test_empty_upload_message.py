"""An empty file sent to the image library's add form is refused once,
naming the file: not also "Choose an image file.", which contradicted it."""

import pytest
from django.urls import reverse

from newsroom.media.models import Image
from tests.newsroom.media import files


@pytest.mark.django_db
def test_an_empty_file_is_refused_with_one_message(
    client, librarian, media_root, english
):
    client.force_login(librarian)
    response = client.post(
        reverse("admin:media_image_add"),
        {"upload": files.empty("empty.jpg"), "alt_text": "Dua warna", "title": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“empty.jpg” cannot be used: the file is empty." in page
    assert "Choose an image file." not in page
    assert response.context["adminform"].form.errors["upload"] == [
        "“empty.jpg” cannot be used: the file is empty."
    ]
    assert not Image.objects.exists()
