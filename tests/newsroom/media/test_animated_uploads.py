"""An animated picture (GIF, WebP, PNG) is kept as its first frame: the
reporter who uploads one is told so wherever an upload's outcome is said,
the add form's message, a chooser's "+" and a replaced file, also when the
form was first refused and saved from the kept file; a still picture says
nothing of it. She had found her animation still on the story, unwarned."""

import html
import json
import re

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from newsroom.media.models import Image
from newsroom.media.validation import decode_upload
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form, messages_of

pytestmark = pytest.mark.django_db

ADD = "admin:media_image_add"
ANIMATED = "This picture is animated: only its first frame is kept."
ALT = "Grafik jumlah peserta rapat dari tahun ke tahun"
FRAMES = (files.RED, files.GREEN, files.BLUE)


def animated(name="grafik.gif", fmt="GIF", size=(200, 150), colours=FRAMES):
    """A real animation: one flat frame of each colour, looping."""
    frames = [PILImage.new("RGB", size, colour) for colour in colours]
    data = files.encode(
        frames[0], fmt, save_all=True, append_images=frames[1:], duration=200, loop=0
    )
    return files.upload(name, data, f"image/{fmt.lower()}")


def still_gif(name="logo.gif"):
    return files.upload(
        name, files.encode(files.halves((200, 150)), "GIF"), "image/gif"
    )


def form_data(**fields):
    return add_form(**{"alt_text": ALT, **fields})


def handed_on(response) -> dict:
    """What a chooser's "+" popup hands to the form that opened it."""
    found = re.search(r'data-popup-response="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("grafik.gif", "GIF"), ("grafik.webp", "WEBP"), ("grafik.png", "PNG")],
    ids=["gif", "webp", "apng"],
)
def test_an_animation_is_kept_as_its_first_frame_and_said(
    reporter_client, media_root, english, name, fmt
):
    assert decode_upload(animated(name, fmt)).animated
    response = reporter_client.post(reverse(ADD), form_data(upload=animated(name, fmt)))
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", response.content.decode()
    )
    said = messages_of(response)
    assert len(said) == 2 and "was added successfully" in said[0]
    assert said[1] == ANIMATED
    image = Image.objects.get()
    with image.file.open("rb") as stored, PILImage.open(stored) as kept:
        assert not getattr(kept, "is_animated", False)
        pixel = kept.convert("RGB").getpixel((100, 75))
    # The first frame's colour (WebP's is near it: lossy).
    assert all(abs(a - b) <= 8 for a, b in zip(pixel, files.RED, strict=True))


def test_a_still_gif_says_nothing_of_frames(reporter_client, english):
    response = reporter_client.post(reverse(ADD), form_data(upload=still_gif()))
    assert response.status_code == 302
    said = messages_of(response)
    assert len(said) == 1 and "was added successfully" in said[0]
    assert not decode_upload(still_gif()).animated


def test_an_animation_through_a_choosers_plus_is_said_beside_the_picture(
    reporter_client, english
):
    """The featured image's "+": the popup chooses the picture and closes,
    handing the notice to the chooser; its page says it too."""
    response = reporter_client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=animated(), _popup="1", _to_field="id"),
    )
    assert response.status_code == 200
    image = Image.objects.get()
    assert handed_on(response) == {
        "value": str(image.pk),
        "obj": str(image),
        "notice": ANIMATED,
    }
    page = response.content.decode()
    assert "js/media_popup_scaled.js" in page
    assert ANIMATED in page and "was added successfully" in page
    assert not messages_of(response)


def test_a_kept_animation_saved_on_the_second_try_is_still_said(
    reporter_client, english
):
    """Refused for its alt text, the form keeps the file as its first frame
    already: that it was animated goes with it."""
    response = reporter_client.post(
        reverse(ADD), form_data(upload=animated(), alt_text="")
    )
    assert response.status_code == 200
    token = re.search(
        r'name="pending_upload" value="([^"]+)"', response.content.decode()
    ).group(1)
    response = reporter_client.post(reverse(ADD), form_data(pending_upload=token))
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", response.content.decode()
    )
    assert ANIMATED in messages_of(response)


def test_an_animation_the_library_holds_is_said_with_the_image_used(
    reporter_client, reporter, english
):
    """Uploaded again, the image used is the first frame kept before."""
    reporter_client.get(
        reporter_client.post(reverse(ADD), form_data(upload=animated())).url
    )
    held = Image.objects.get()
    response = reporter_client.post(reverse(ADD), form_data(upload=animated()))
    assert response.status_code == 302
    said = messages_of(response)
    assert said[0].startswith("This picture is already in the library as “grafik”")
    assert said[1:] == [ANIMATED]

    response = reporter_client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=animated(), _popup="1", _to_field="id"),
    )
    notice = handed_on(response)["notice"]
    assert notice.startswith("This picture is already in the library")
    assert notice.endswith(f": it is used. {ANIMATED}")
    assert Image.objects.get() == held


def test_a_file_replaced_by_an_animation_is_said(
    client, desk_editor, upload_image, english
):
    image = upload_image(files.jpeg("grafik.jpg", size=(200, 150)))
    client.force_login(desk_editor)
    url = reverse("admin:media_image_replace", args=[image.pk])
    response = client.post(url, {"upload": animated("grafik-baru.gif")})
    assert response.status_code == 302
    assert messages_of(response) == [
        "Replaced the file with “grafik-baru.gif”.",
        ANIMATED,
    ]
    assert ANIMATED in client.get(response.url).content.decode()
    response = client.post(url, {"upload": still_gif("grafik-diam.gif")})
    assert messages_of(response) == ["Replaced the file with “grafik-diam.gif”."]
