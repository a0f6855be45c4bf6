"""A picture the library already holds, chosen again on an add form refused
for another reason (half a focal point) and saved from the kept file, is
the image that holds it, as a direct upload of it is: the refused page says
so at once, and the save says it again and adds no copy. The kept file is
the picture re-encoded, and its image had stored that file's fingerprint,
not the upload's: the reporter who typed the alt text and saved had a
second copy of her photo, which no later upload of it found either.

Such an upload needs no alt text: the held image's own is used. The form
had refused it for want of one, and the alt text then typed was not used;
the typed title was dropped too, unsaid."""

import hashlib
import html
import re

import pytest
from django.urls import reverse

from newsroom.media.models import Image
from tests.newsroom.media import files
from tests.newsroom.media.pages import ADD, ALT, DAY, add_form, messages_of

pytestmark = pytest.mark.django_db

HELD_ON_REFUSAL = (
    "This picture is already in the library as “{title}”, added by reporter on "
    "Thursday, 24 March 2022: saving uses it, not a copy."
)

# Every call the same bytes: a WebP, and a PNG with text metadata (which
# the kept file, stripped, no longer has).
PICTURES = {
    "webp": lambda: files.webp("photo.webp"),
    "png": lambda: files.png("chart.png"),
}


@pytest.fixture(params=sorted(PICTURES))
def picture(request):
    return PICTURES[request.param]


def stored_originals(media_root) -> list:
    return [p for p in (media_root / "images" / "originals").rglob("*") if p.is_file()]


def pending_files(media_root) -> list:
    return [p for p in (media_root / "images" / "pending").rglob("*") if p.is_file()]


def kept_token(response) -> str:
    page = response.content.decode()
    return re.search(r'name="pending_upload" value="([^"]+)"', page).group(1)


def saved(client, **fields):
    """The add form posted with `fields` and saved, followed to the page it
    leads to (which says the messages)."""
    response = client.post(reverse(ADD), add_form(_continue="1", **fields), follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    return response


def change_page(image) -> str:
    return reverse("admin:media_image_change", args=[image.pk])


def refused(client, upload, error, **fields):
    """The add form posted with `upload` and `fields`: refused with `error`,
    the file kept."""
    response = client.post(
        reverse(ADD), add_form(upload=upload, _continue="1", **fields)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert f"The file “{upload.name}” is kept" in page
    return response


def refused_without_alt_text(client, upload):
    return refused(client, upload, "Describe what the picture shows")


def refused_for_half_a_focal_point(client, upload):
    return refused(client, upload, "Give both coordinates", alt_text=ALT, focal_x="0.5")


def test_a_kept_upload_of_a_held_picture_is_the_held_image_not_a_copy(
    reporter_client, picture, media_root, english
):
    saved(reporter_client, upload=picture(), alt_text=ALT)
    held = Image.objects.get()
    Image.objects.filter(pk=held.pk).update(uploaded_at=DAY)

    refused = refused_for_half_a_focal_point(reporter_client, picture())
    # Said on the refused page already, before the reporter types more.
    notice = HELD_ON_REFUSAL.format(title=held.title)
    assert messages_of(refused) == [notice]
    assert html.escape(notice) in refused.content.decode()

    kept_route = saved(
        reporter_client, pending_upload=kept_token(refused), alt_text=ALT
    )
    assert kept_route.redirect_chain[0][0] == change_page(held)
    assert Image.objects.count() == 1
    assert len(stored_originals(media_root)) == 1
    assert not pending_files(media_root)

    # What a direct upload of the same file says, word for word.
    direct = saved(reporter_client, upload=picture(), alt_text=ALT)
    assert direct.redirect_chain[0][0] == change_page(held)
    said = messages_of(kept_route)
    assert said == messages_of(direct)
    assert said[0].startswith(
        f"This picture is already in the library as “{held.title}”"
    )
    assert Image.objects.count() == 1


def test_an_image_saved_from_a_kept_upload_is_found_by_the_next_upload(
    reporter_client, picture, media_root, english
):
    upload = picture()
    uploaded_bytes = upload.read()
    upload.seek(0)
    refused = refused_without_alt_text(reporter_client, upload)
    # A picture the library does not hold: nothing said of it.
    assert messages_of(refused) == []

    saved(reporter_client, pending_upload=kept_token(refused), alt_text=ALT)
    image = Image.objects.get()
    # The fingerprint a direct upload of the file stores.
    assert image.sha256 == hashlib.sha256(uploaded_bytes).hexdigest()

    again = saved(reporter_client, upload=picture(), alt_text=ALT)
    assert again.redirect_chain[0][0] == change_page(image)
    assert messages_of(again)[0].startswith(
        f"This picture is already in the library as “{image.title}”"
    )
    assert Image.objects.count() == 1
    assert len(stored_originals(media_root)) == 1


def test_a_held_picture_needs_no_alt_text_and_its_kept_title_is_said(
    reporter_client, picture, media_root, english
):
    saved(reporter_client, upload=picture(), alt_text=ALT, title="Delegasi")
    held = Image.objects.get()
    Image.objects.filter(pk=held.pk).update(uploaded_at=DAY)

    # The tester's second add: the same file, a title, no alt text.
    again = saved(reporter_client, upload=picture(), title="QA4 lingkaran kuning kedua")
    assert again.redirect_chain[0][0] == change_page(held)
    assert Image.objects.count() == 1
    assert len(stored_originals(media_root)) == 1
    assert not pending_files(media_root)
    assert messages_of(again) == [
        "This picture is already in the library as “Delegasi”, added by "
        "reporter on Thursday, 24 March 2022: it is used. It keeps its title "
        "“Delegasi”, not the one you typed: “QA4 lingkaran kuning kedua”."
    ]
    held.refresh_from_db()
    assert (held.title, held.alt_text, held.decorative) == ("Delegasi", ALT, False)

    # No title typed: none is said unused (the file's name is not typed).
    untitled = saved(reporter_client, upload=picture())
    assert messages_of(untitled) == [messages_of(again)[0].split(" It keeps")[0]]

    # A picture the library does not hold still needs its alt text.
    assert messages_of(refused_without_alt_text(reporter_client, files.gif())) == []
    assert Image.objects.count() == 1
