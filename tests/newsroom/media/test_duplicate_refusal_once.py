"""A reporter uploading again a photo a published story features is told
once why she may not change it: the message about the picture already in
the library ended with the lock's reason, and the image's read-only page
then said the same reason again as a second warning."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from newsroom.media.services import image_add
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form

pytestmark = pytest.mark.django_db

ALT = "Delegasi Indonesia dan Filipina di ruang rapat"


def photo():
    """The same bytes every call."""
    return files.upload(
        "IMG_2041.jpg", files.encode(files.halves((600, 400)), "JPEG", quality=90)
    )


@pytest.fixture
def featured(media_root, desk_editor):
    """The photo, without a credit, featuring a published story."""
    image = image_add(
        file=photo(), user=desk_editor, title="Delegasi di bandara", alt_text=ALT
    ).image
    ArticleFactory(title="Rapat JWG ke-4", featured_image=image)
    return image


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_lock_reason_of_a_photo_uploaded_again_is_said_once(
    client, reporter, featured
):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:media_image_add"),
        add_form(upload=photo(), alt_text=ALT, credit="Humas BNPT"),
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("admin:media_image_change", args=[featured.pk]), 302)
    ]
    said = shown_messages(response)
    assert len(said) == 1, said
    # In the desk's language (Indonesian), the reason ends the one message.
    assert said[0].startswith("Gambar ini sudah ada di pustaka")
    assert said[0].count("hanya editor") == 1
    page = response.content.decode()
    assert page.count("hanya editor") == 1


def test_the_read_only_page_opened_later_still_says_why(client, reporter, featured):
    client.force_login(reporter)
    response = client.get(reverse("admin:media_image_change", args=[featured.pk]))

    said = shown_messages(response)
    assert len(said) == 1
    assert "hanya editor" in said[0]
