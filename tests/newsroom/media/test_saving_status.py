"""The image forms carry the status that static/js/media_saving.js fills
while a large picture is saved: the add form, a chooser's "+" popup and the
replace form, each with the script."""

import re

import pytest
from django.urls import reverse

from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

STATUS = re.compile(
    r'<div class="submit-row">.*<span class="media-saving" role="status" '
    r'aria-live="polite" data-message="Saving the picture: large photos take a '
    r'few seconds…"></span>\s*</div>',
    re.S,
)


@pytest.mark.parametrize(
    "address",
    [
        lambda image: reverse("admin:media_image_add"),
        lambda image: reverse("admin:media_image_add") + "?_popup=1&_to_field=id",
        lambda image: reverse("admin:media_image_change", args=[image.pk]),
        lambda image: reverse("admin:media_image_replace", args=[image.pk]),
    ],
    ids=["add", "popup", "change", "replace"],
)
def test_the_image_forms_have_the_saving_status_and_its_script(
    client, librarian, upload_image, english, address
):
    image = upload_image(files.phone_jpeg())
    client.force_login(librarian)
    page = client.get(address(image)).content.decode()
    assert STATUS.search(page)
    assert re.search(r'<script src="/static/js/media_saving\.js[^"]*"', page)
