"""Every form of the desk takes a pasted text whole (newsroom.forms.desk_form
adds WholeTextForm to each admin form): the browser's maxlength had cut a
library image's 350-character alt text at 300, and a tag's name at its
limit, while the save said it was done. Too long is said under the box as
it is typed, and refused at the field on save with the text kept."""

import re

import pytest
from taggit.models import Tag

from newsroom.media.models import Image
from tests.newsroom.admin_forms import admin_form_data, admin_url
from tests.newsroom.media import files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TOO_LONG = "Too long to save: {count} characters, at most {max}."


def box(page: str, name: str) -> str:
    """The input or textarea named `name` on `page`, its opening tag."""
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)[0]


@pytest.fixture
def image(upload_image):
    return upload_image(
        files.upload("minister.png", files.encode(files.halves(), "PNG"), "image/png"),
        caption="The minister at the signing.",
    )


def test_an_images_alt_text_pasted_long_is_kept_whole_and_refused_at_its_field(
    client, librarian, image
):
    client.force_login(librarian)
    url = admin_url(Image, "change", image.pk)
    page = client.get(url)
    alt = box(page.content.decode(), "alt_text")
    assert "maxlength" not in alt
    assert 'data-max-length="300"' in alt and f'data-too-long="{TOO_LONG}"' in alt
    assert "js/admin_lengths.js" in page.content.decode()
    long_alt = ("Kepala BNPT membuka pertemuan JWG ke-4 " * 9).strip()  # 350

    response = client.post(url, admin_form_data(page) | {"alt_text": long_alt})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["alt_text"]
    assert errors == [
        f"Ensure this value has at most 300 characters (it has {len(long_alt)})."
    ]
    assert long_alt in response.content.decode()  # kept in its box, whole
    image.refresh_from_db()
    assert image.alt_text == "Two coloured halves"


def test_a_tags_name_is_kept_whole(admin_client):
    tag = Tag.objects.create(name="terorisme", slug="terorisme")

    response = admin_client.get(admin_url(Tag, "change", tag.pk))

    assert response.status_code == 200
    page = response.content.decode()

    name = box(page, "name")
    assert "maxlength" not in name and "data-max-length" in name
    assert "maxlength" in box(page, "slug")  # made from the name to fit it
