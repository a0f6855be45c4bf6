"""A replaced file of another shape puts the focal point back at the centre
(services.image_replace): the replace page warns before, and the message
after the save says it, when a focal point had been set, so that the editor
sets it again; a file of the same shape keeps it and says nothing of it."""

import pytest
from django.urls import reverse

from tests.newsroom.media import files
from tests.newsroom.media.pages import messages_of

pytestmark = pytest.mark.django_db

RESET = (
    "The new picture has another shape, so its focal point is back at the "
    "centre: set it again if the crops need it."
)


@pytest.fixture
def editor_client(client, desk_editor, media_root):
    client.force_login(desk_editor)
    return client


def test_a_focal_point_reset_by_a_replaced_file_is_said_only_then(
    editor_client, upload_image, english
):
    image = upload_image(files.jpeg("delegasi.jpg", size=(1200, 800)), focal=(0.7, 0.3))
    url = reverse("admin:media_image_replace", args=[image.pk])

    # The same shape (3:2): the focal point stands, nothing to say.
    response = editor_client.post(
        url, {"upload": files.jpeg("delegasi-tajam.jpg", size=(900, 600))}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Replaced the file with “delegasi-tajam.jpg”."]
    editor_client.get(response.url)
    image.refresh_from_db()
    assert image.focal == (0.7, 0.3)

    # Square: back at the centre, and said after the success message.
    response = editor_client.post(
        url, {"upload": files.jpeg("delegasi-kotak.jpg", size=(800, 800))}
    )
    assert messages_of(response) == [
        "Replaced the file with “delegasi-kotak.jpg”.",
        RESET,
    ]
    assert RESET in editor_client.get(response.url).content.decode()
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (None, None)

    # None set now: another shape again says nothing of it.
    response = editor_client.post(
        url, {"upload": files.jpeg("delegasi-lebar.jpg", size=(1200, 600))}
    )
    assert messages_of(response) == ["Replaced the file with “delegasi-lebar.jpg”."]
