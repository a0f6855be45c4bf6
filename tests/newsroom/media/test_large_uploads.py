"""Large pictures within the limits (64 MP, 64 MB): the upload's request does
a bounded amount of work, whatever the picture; the renditions are left to
the background task; nothing is left in the temporary directory."""

import io
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import ExifTags
from PIL import Image as PILImage

from newsroom.media import processing
from newsroom.media.models import Image
from newsroom.media.validation import decode_upload
from tests.newsroom.media import files

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def stored(image: Image) -> PILImage.Image:
    with image.file.open("rb") as original:
        picture = PILImage.open(io.BytesIO(original.read()))
        picture.load()
    return picture


def colour_at(picture: PILImage.Image, x: float, y: float) -> tuple[int, ...]:
    """The colour at a fraction of the width and height."""
    rgb = picture.convert("RGB")
    return rgb.getpixel((int(x * rgb.width), int(y * rgb.height)))


def near(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


# The tests' pictures are a little over processing.ORIGINAL_MAX_PIXELS
# (4096 × 3072) rather than 50 MP: the rule is the same, and the suite
# quicker (README, Media library, gives the times for 50 MP).


@pytest.mark.django_db
def test_a_webp_over_12_megapixels_is_stored_as_a_webp_of_about_12_megapixels(
    upload_image,
):
    # 4800 × 3600 (17.3 MP); a 50 MP WebP, re-encoded whole, took 24 s.
    upload = files.upload(
        "IMG_5000.webp",
        files.encode(files.halves((4800, 3600)), "WEBP", quality=80, method=0),
        "image/webp",
    )

    image = upload_image(upload)

    picture = stored(image)
    assert picture.format == "WEBP"
    assert image.file.name.endswith(".webp")
    assert picture.size == (image.width, image.height) == (4096, 3072)
    assert image.file_size == image.file.size
    # The same picture, only smaller: red on the left, blue on the right.
    assert near(colour_at(picture, 0.25, 0.5), files.RED)
    assert near(colour_at(picture, 0.75, 0.5), files.BLUE)


@pytest.mark.django_db
def test_a_large_sideways_phone_jpeg_is_stored_upright_and_smaller(upload_image):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored sideways: turn right
    upload = files.upload(
        "IMG_5001.jpg",
        files.encode(files.halves((4800, 3600)), "JPEG", quality=85, exif=exif),
    )

    image = upload_image(upload)

    picture = stored(image)
    assert picture.format == "JPEG"
    assert picture.size == (image.width, image.height) == (3072, 4096)
    assert not picture.getexif()
    # Turned right: the left half (red) is now on top.
    assert near(colour_at(picture, 0.5, 0.25), files.RED)
    assert near(colour_at(picture, 0.5, 0.75), files.BLUE)


@pytest.mark.django_db
def test_a_12_megapixel_phone_photo_is_stored_whole(upload_image):
    upload = files.upload(
        "IMG_5002.jpg", files.encode(files.halves((4032, 3024)), "JPEG", quality=85)
    )

    image = upload_image(upload)

    assert stored(image).size == (image.width, image.height) == (4032, 3024)


@pytest.mark.django_db
def test_a_tall_screenshot_keeps_the_width_of_the_widest_rendition(upload_image):
    # 2000 × 10,000 (20 MP): scaled down to 12.6 MP it would be 1,586 wide,
    # and pages would lose its 1,600 px rendition.
    upload = files.upload(
        "tangkapan-layar.png",
        files.encode(files.halves((2000, 10000)), "PNG"),
        "image/png",
    )

    image = upload_image(upload)

    picture = stored(image)
    assert picture.format == "PNG"
    assert picture.size == (image.width, image.height) == (1600, 8000)
    assert max(processing.width_specs(image.width)) == 1600


def test_the_form_and_the_service_decode_an_upload_once(english):
    upload = files.jpeg(size=(300, 200))

    first = decode_upload(upload, min_size=(64, 64))

    assert decode_upload(upload) is first
    # A second call still holds the file to its own limits.
    with pytest.raises(ValidationError, match="at least 400 × 400 pixels"):
        decode_upload(upload, min_size=(400, 400))


@pytest.mark.django_db(transaction=True)
def test_with_tasks_on_a_large_png_is_stored_smaller_and_its_renditions_queued(
    roles, client, reporter, media_root, settings
):
    # roles: a transactional test's database may have been emptied by the
    # one before it, groups included (tests/conftest.py).
    settings.TASKS = DATABASE_TASKS
    client.force_login(reporter)
    # A poster or a chart, 4000 × 4000: a few KB, but 16 MP to encode (a
    # 7000 × 7000 one took 10.9 s, the renditions already left to the task).
    upload = files.upload(
        "poster.png",
        files.encode(files.halves((4000, 4000)), "PNG", optimize=True),
        "image/png",
    )

    response = client.post(
        reverse("admin:media_image_add"),
        {
            "upload": upload,
            "title": "",
            "alt_text": "A poster in two colours",
            "caption": "The caption the reporter wrote",
            "credit": "",
            "source": "",
            "focal_x": "",
            "focal_y": "",
            "pending_upload": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.caption == "The caption the reporter wrote"
    picture = stored(image)
    assert picture.format == "PNG"
    assert picture.size == (image.width, image.height) == (3547, 3547)
    # The renditions are the worker's: queued, none made in the request.
    assert image.renditions.count() == 0
    task = DBTaskResult.objects.get()
    assert task.task_path == "newsroom.media.tasks.make_renditions"
    assert task.status == "READY"
    assert task.args_kwargs["args"] == [image.pk]


# A process that receives an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE
# through the given handler, then is killed (gunicorn's worker timeout) with
# the file still open; it prints the names in the temporary directory at the
# moment it is killed.
KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    import django
    from django.conf import settings

    settings.configure(
        FILE_UPLOAD_TEMP_DIR=sys.argv[2],
        FILE_UPLOAD_MAX_MEMORY_SIZE=1000,
        FILE_UPLOAD_HANDLERS=[
            "django.core.files.uploadhandler.MemoryFileUploadHandler",
            sys.argv[1],
        ],
    )
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory

    data = os.urandom(50_000)
    request = RequestFactory().post(
        "/", {"upload": SimpleUploadedFile("IMG_5000.webp", data)}
    )
    upload = request.FILES["upload"]
    assert upload.read() == data and upload.size == 50_000
    print(sorted(os.listdir(sys.argv[2])), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_an_upload_leaves_no_file_behind_when_its_worker_is_killed(tmp_path):
    handler = "newsroom.media.uploads.UnnamedTemporaryFileUploadHandler"

    worker = subprocess.run(
        [sys.executable, "-c", KILLED_WORKER, handler, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],  # the project's root
    )

    assert worker.returncode == -signal.SIGKILL, worker.stderr
    # Nothing had a name even while the upload was being read...
    assert worker.stdout.strip() == "[]"
    # ...and nothing is left now that the process is gone.
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_an_upload_kept_in_an_unnamed_file_is_stored(
    settings, tmp_path, reporter, client, media_root
):
    waiting = tmp_path / "uploads"
    waiting.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(waiting)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.FILE_UPLOAD_HANDLERS = [
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "newsroom.media.uploads.UnnamedTemporaryFileUploadHandler",
    ]
    client.force_login(reporter)
    photo = files.phone_jpeg("IMG_0042.jpg")
    assert photo.size > 1000

    response = client.post(
        reverse("admin:media_image_add"),
        {
            "upload": photo,
            "alt_text": "A red and blue card on a desk",
            "pending_upload": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (300, 400)
    assert image.renditions.exists()
    assert list(waiting.iterdir()) == []


def test_the_site_keeps_large_uploads_in_unnamed_files(settings):
    # The handler above only helps if the site uses it for every upload.
    assert settings.FILE_UPLOAD_HANDLERS == [
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "newsroom.media.uploads.UnnamedTemporaryFileUploadHandler",
    ]
