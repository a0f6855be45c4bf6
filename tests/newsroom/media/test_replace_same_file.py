"""Replacing an image's file with the very file it already has (the same
SHA-256 of the upload) changes nothing, and says so: no revision in its
History, no "replaced" in Django's log, no renditions remade. A tester who
chose the same animated GIF again was told the file was replaced, and its
History had a revision where nothing had changed."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from PIL import Image as PILImage
from reversion.models import Version

from newsroom.media import services
from newsroom.media.models import Image, Rendition
from tests.newsroom.media import files
from tests.newsroom.media.pages import messages_of

pytestmark = pytest.mark.django_db

SAME = "This is the picture the image already has: nothing was changed."
ALT = "Grafik jumlah peserta rapat dari tahun ke tahun"


def anim_bytes() -> bytes:
    """An animated GIF (three flat frames), the same bytes at every call."""
    frames = [PILImage.new("RGB", (200, 150), c) for c in (files.RED, files.BLUE)]
    return files.encode(
        frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200
    )


def anim(name="anim.gif"):
    return files.upload(name, anim_bytes(), "image/gif")


@pytest.fixture
def image(upload_image):
    return upload_image(anim(), alt_text=ALT)


def state_of(image: Image) -> tuple:
    """What a replacement would change: the row, its renditions, History."""
    return (
        Image.objects.values().get(pk=image.pk),
        sorted(Rendition.objects.filter(image=image).values_list("pk", "file")),
        Version.objects.get_for_object(image).count(),
        LogEntry.objects.filter(object_id=str(image.pk)).count(),
    )


def test_the_service_leaves_an_image_given_its_own_file_as_it_is(
    image, librarian, django_capture_on_commit_callbacks
):
    before = state_of(image)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        same = services.image_replace(
            image=image, file=anim("anim-lagi.gif"), user=librarian
        )
    assert same == image
    assert callbacks == []
    assert state_of(image) == before
    assert image.original_filename == "anim.gif"
    for name in [image.file.name] + [r.file.name for r in image.renditions.all()]:
        assert image.file.storage.exists(name), name


def test_the_notice_is_said_of_its_own_file_only(image, english):
    assert services.image_same_file_notice(image=image, file=anim()) == SAME
    assert (
        services.image_same_file_notice(image=image, file=files.gif("lain.gif")) == ""
    )


def test_the_replace_page_says_nothing_was_changed(
    image, client, desk_editor, english, django_capture_on_commit_callbacks
):
    before = state_of(image)
    client.force_login(desk_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:media_image_replace", args=[image.pk]), {"upload": anim()}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:media_image_change", args=[image.pk])
    assert messages_of(response) == [SAME]
    assert state_of(image) == before


def test_another_file_is_still_a_replacement_with_its_revision(
    image, client, desk_editor, english
):
    versions = Version.objects.get_for_object(image).count()
    client.force_login(desk_editor)
    response = client.post(
        reverse("admin:media_image_replace", args=[image.pk]),
        {"upload": files.gif("lain.gif", size=(200, 150))},
    )
    assert messages_of(response) == ["Replaced the file with “lain.gif”."]
    assert Version.objects.get_for_object(image).count() == versions + 1
