"""A picture over processing.ORIGINAL_MAX_PIXELS is stored scaled down: the
reporter who uploads it is told its size as uploaded and as stored, after
the library's add form (a kept file's second try too), a chooser's "+" and
a replaced file; and only then."""

import html
import json
import re

import pytest
from django.urls import reverse

from newsroom.media.models import Image
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form, messages_of

pytestmark = pytest.mark.django_db

ADD = "admin:media_image_add"
# 15 MP, stored at processing.stored_size(5000, 3000).
LARGE = (5000, 3000)
SCALED = "The picture was 5,000 × 3,000 pixels; it is stored at 4,579 × 2,748."


def large_png(name="IMG_20220324_101010.png", size=LARGE):
    """A flat PNG (quick to make and decode) over 12.6 megapixels."""
    return files.upload(name, files.encode(files.halves(size), "PNG"), "image/png")


def form_data(**fields):
    return add_form(**{"alt_text": "Delegasi tiba di bandara", **fields})


def test_a_picture_stored_smaller_is_said_after_the_upload(reporter_client, english):
    response = reporter_client.post(reverse(ADD), form_data(upload=large_png()))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (4579, 2748)
    page = reporter_client.get(response.url).content.decode()
    assert "was added successfully" in page
    assert SCALED in page


def test_a_picture_stored_whole_says_nothing_of_its_size(reporter_client, english):
    response = reporter_client.post(
        reverse(ADD), form_data(upload=files.jpeg("rapat.jpg", size=(1200, 800)))
    )
    assert response.status_code == 302
    messages = messages_of(response)
    assert len(messages) == 1 and "was added successfully" in messages[0]
    assert "pixels" not in reporter_client.get(response.url).content.decode()


def test_a_sideways_photo_is_told_in_its_upright_size(reporter_client, english):
    """A phone's photo stored sideways (5000 × 3000, EXIF turns it): the
    reporter saw it 3,000 wide, 5,000 high."""
    photo = files.upload(
        "IMG_0042.jpg",
        files.encode(
            files.halves(LARGE), "JPEG", quality=70, exif=files.phone_photo_exif()
        ),
    )
    response = reporter_client.post(reverse(ADD), form_data(upload=photo))
    assert response.status_code == 302
    assert (
        "The picture was 3,000 × 5,000 pixels; it is stored at 2,748 × 4,579."
        in messages_of(response)
    )


def test_a_kept_file_saved_on_the_second_try_is_still_told(reporter_client, english):
    """The form refused for its alt text keeps the file already scaled down:
    the size it was uploaded at goes with it."""
    response = reporter_client.post(
        reverse(ADD), form_data(upload=large_png(), alt_text="")
    )
    assert response.status_code == 200
    token = re.search(
        r'name="pending_upload" value="([^"]+)"', response.content.decode()
    ).group(1)
    assert not Image.objects.exists()

    response = reporter_client.post(reverse(ADD), form_data(pending_upload=token))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SCALED in messages_of(response)


def test_the_numbers_are_written_as_the_desk_writes_them(reporter_client):
    """In Indonesian, thousands are grouped with full stops."""
    response = reporter_client.post(reverse(ADD), form_data(upload=large_png()))
    page = reporter_client.get(response.url).content.decode()
    assert "5.000 × 3.000" in page and "4.579 × 2.748" in page


def test_an_upload_through_a_choosers_plus_chooses_it_and_hands_on_the_notice(
    reporter_client, english
):
    """The writing screen's featured image: its "+" opens the add form in a
    popup. Saved, the popup chooses the picture at once, as Django's does,
    and gives the chooser the notice to say beside it: it had waited for a
    "Use this picture" that a reporter never pressed, and her story went
    for review without its picture."""
    response = reporter_client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=large_png(), _popup="1", _to_field="id"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    image = Image.objects.get()
    handed_on = json.loads(
        html.unescape(re.search(r'data-popup-response="([^"]*)"', page).group(1))
    )
    assert handed_on == {"value": str(image.pk), "obj": str(image), "notice": SCALED}
    assert "js/media_popup_scaled.js" in page
    assert "Use this picture" not in page
    # Said by the page too, for a popup with no form to choose it in.
    assert SCALED in page and "was added successfully" in page
    # Not again on the writing screen's next page.
    assert not messages_of(response)


def test_a_small_upload_through_a_choosers_plus_closes_its_popup_at_once(
    reporter_client, english
):
    response = reporter_client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=files.jpeg("rapat.jpg"), _popup="1", _to_field="id"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "admin/js/popup_response.js" in page
    assert "pixels" not in page


def test_a_replaced_file_stored_smaller_is_said(
    client, desk_editor, upload_image, english
):
    image = upload_image(files.jpeg("delegasi.jpg", size=(1200, 800)))
    client.force_login(desk_editor)
    response = client.post(
        reverse("admin:media_image_replace", args=[image.pk]),
        {"upload": large_png("delegasi-besar.png")},
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Replaced the file with “delegasi-besar.png”.",
        SCALED,
    ]
    assert SCALED in client.get(response.url).content.decode()

    response = client.post(
        reverse("admin:media_image_replace", args=[image.pk]),
        {"upload": files.jpeg("delegasi-kecil.jpg", size=(1200, 800))},
    )
    assert messages_of(response) == ["Replaced the file with “delegasi-kecil.jpg”."]
