"""The replace page shows the picture the image has (a rendition, as its
change page does) and, beside it, the file chosen before it is sent
(media_replace_preview.js, read at a blob: address the page's policy allows,
this page only). A tester had to replace a file without seeing either."""

import pytest
from django.urls import reverse

from newsroom.media import rendering
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(upload_image):
    return upload_image(
        files.jpeg("delegasi.jpg", size=(1200, 800)),
        title="Delegasi",
        alt_text="Delegasi Indonesia dan Filipina di ruang rapat",
    )


@pytest.fixture
def editor_client(client, desk_editor, media_root):
    client.force_login(desk_editor)
    return client


def policy_of(response) -> dict[str, list[str]]:
    directives = response["Content-Security-Policy"].split(";")
    return {
        name: values for name, *values in (d.split() for d in directives if d.strip())
    }


def test_the_replace_page_shows_the_picture_the_image_has(
    photo, editor_client, english
):
    rendition = rendering.rendition_for(photo, "w640", "jpeg")
    page = editor_client.get(
        reverse("admin:media_image_replace", args=[photo.pk])
    ).content.decode()
    assert (
        f'<img src="{rendition.url}" width="{rendition.width}" '
        f'height="{rendition.height}" alt="{photo.alt_text}">'
    ) in page
    assert "The picture now" in page


def test_a_picture_not_yet_prepared_is_said_so(photo, editor_client, english):
    photo.renditions.all().delete()
    page = editor_client.get(
        reverse("admin:media_image_replace", args=[photo.pk])
    ).content.decode()
    assert "The sizes of this picture are being prepared." in page


def test_the_replace_page_has_the_preview_of_the_chosen_file(
    photo, editor_client, english
):
    response = editor_client.get(reverse("admin:media_image_replace", args=[photo.pk]))
    page = response.content.decode()
    assert "js/media_replace_preview.js" in page
    assert "css/media_replace.css" in page
    assert 'data-input="id_upload"' in page
    assert "The chosen file, not saved yet" in page
    policy = policy_of(response)
    assert "blob:" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]


def test_only_the_replace_page_lets_blob_pictures_in(photo, editor_client):
    response = editor_client.get(reverse("admin:media_image_change", args=[photo.pk]))
    assert "blob:" not in policy_of(response)["img-src"]
