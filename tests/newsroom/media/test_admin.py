"""The media library in the admin: list, add (with a kept file), change,
chooser and the widget other admins use."""

import json
import re

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from newsroom.media.models import Image, Rendition
from newsroom.media.widgets import ImageChooserWidget
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form as form_data

pytestmark = pytest.mark.django_db

ADD = "admin:media_image_add"


@pytest.mark.parametrize(
    "make",
    [
        lambda: files.phone_jpeg("IMG_0042.jpg"),
        # As it comes off an iPhone: the form's picker offers .heic files.
        lambda: files.phone_heic("IMG_0042.HEIC"),
    ],
    ids=["jpeg", "heic"],
)
def test_a_refused_form_keeps_the_uploaded_file(
    reporter_client, media_root, english, make
):
    photo = make()
    form = reporter_client.get(reverse(ADD)).content.decode()
    assert re.search(r'accept="[^"]*image/jpeg[^"]*\.heic', form)

    response = reporter_client.post(reverse(ADD), form_data(upload=photo))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Describe what the picture shows" in page
    assert f"The file “{photo.name}” is kept" in page
    assert not Image.objects.exists()
    token = re.search(r'name="pending_upload" value="([^"]+)"', page).group(1)
    pending = [p for p in media_root.rglob("*") if p.is_file()]
    assert len(pending) == 1 and "pending" in str(pending[0])

    response = reporter_client.post(
        reverse(ADD),
        form_data(pending_upload=token, alt_text="A red and blue card on a desk"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.alt_text == "A red and blue card on a desk"
    assert image.original_filename == photo.name
    assert (image.width, image.height) == (300, 400)  # the photo, upright
    assert image.file.name.endswith(".jpg")  # a HEIC stored as a JPEG
    assert image.renditions.exists()
    assert not any("pending" in str(p) for p in media_root.rglob("*") if p.is_file())


def test_a_pending_upload_is_only_its_uploaders(
    reporter_client, client, staff_in, english
):
    response = reporter_client.post(reverse(ADD), form_data(upload=files.jpeg()))
    token = re.search(
        r'name="pending_upload" value="([^"]+)"', response.content.decode()
    ).group(1)
    other = staff_in("Reporter", "reporter2")
    client.force_login(other)
    response = client.post(
        reverse(ADD), form_data(pending_upload=token, alt_text="Cards")
    )
    assert response.status_code == 200
    assert "has expired: choose it again" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize("make", [files.html_as_jpg, files.svg, files.truncated_jpeg])
def test_a_bad_file_is_a_form_error_naming_it(
    reporter_client, media_root, make, english
):
    upload = make()
    response = reporter_client.post(
        reverse(ADD), form_data(upload=upload, alt_text="Something")
    )
    assert response.status_code == 200
    assert f"“{upload.name}” cannot be used" in response.content.decode()
    assert not Image.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_without_a_file_the_form_asks_for_one(reporter_client, english):
    response = reporter_client.post(reverse(ADD), form_data(alt_text="Something"))
    assert "Choose an image file." in response.content.decode()


def test_the_change_list_shows_thumbnails_and_searches(
    reporter_client, upload_image, django_assert_max_num_queries
):
    upload_image(files.jpeg("minister.jpg"), title="Minister at the podium")
    upload_image(files.png("logo.png"), title="BNPT logo")
    url = reverse("admin:media_image_changelist")
    response = reporter_client.get(url)
    page = response.content.decode()
    assert page.count('class="media-thumb"') == 2
    assert "Minister at the podium" in page and "BNPT logo" in page
    response = reporter_client.get(url, {"q": "podium"})
    page = response.content.decode()
    assert "Minister at the podium" in page and "BNPT logo" not in page


def test_the_change_list_does_not_query_per_image(
    reporter_client, upload_image, django_assert_num_queries
):
    url = reverse("admin:media_image_changelist")
    upload_image(files.jpeg("a.jpg"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        reporter_client.get(url)
    for n in range(4):
        upload_image(files.jpeg(f"more{n}.jpg"))
    with CaptureQueriesContext(connection) as five:
        reporter_client.get(url)
    assert len(five) == len(one)


def test_the_change_form_sets_the_focal_point_and_remakes_the_crops(
    reporter_client, upload_image, reporter, english
):
    image = upload_image(files.jpeg(size=(1200, 600)), user=reporter)
    url = reverse("admin:media_image_change", args=[image.pk])
    page = reporter_client.get(url).content.decode()
    assert 'class="media-focal"' in page
    assert "js/media_focal.js" in page
    assert "Not used anywhere yet." in page
    assert image.file.url not in page  # the preview is a rendition
    old_square = image.renditions.get(spec="square", format="jpeg").pk
    response = reporter_client.post(
        url,
        form_data(
            title=image.title, alt_text=image.alt_text, focal_x="0.8", focal_y="0.4"
        ),
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.8, 0.4)
    assert not Rendition.objects.filter(pk=old_square).exists()
    assert image.renditions.filter(spec="square").count() == 2


def test_reporters_cannot_delete_editors_can(
    reporter_client, client, desk_editor, upload_image
):
    image = upload_image(files.jpeg())
    url = reverse("admin:media_image_delete", args=[image.pk])
    assert reporter_client.post(url, {"post": "yes"}).status_code == 403
    client.force_login(desk_editor)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Image.objects.exists()


def test_the_chooser_answers_with_thumbnails(reporter_client, upload_image):
    image = upload_image(files.jpeg("m.jpg"), title="Minister")
    upload_image(files.jpeg("l.jpg"), title="Logo")
    response = reporter_client.get(
        reverse("admin:media_image_chooser"),
        {
            "term": "minis",
            "app_label": "media",
            "model_name": "rendition",
            "field_name": "image",
        },
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    square = image.renditions.get(spec="square", format="webp")
    assert [
        {key: result[key] for key in ("id", "text", "thumb", "description")}
        for result in results
    ] == [
        {
            "id": str(image.pk),
            "text": "Minister",
            "thumb": square.url,
            "description": "Two coloured halves",
        }
    ]
    assert "300 × 200" in results[0]["facts"]
    thumb = reporter_client.get(reverse("admin:media_image_thumb", args=[image.pk]))
    assert json.loads(thumb.content) == {"thumb": square.url, "title": "Minister"}


def test_the_chooser_is_closed_to_users_without_the_view_permission(
    client, django_user_model
):
    outsider = django_user_model.objects.create_user(
        "luar", password="x", is_staff=True
    )
    client.force_login(outsider)
    response = client.get(
        reverse("admin:media_image_chooser"),
        {
            "term": "",
            "app_label": "media",
            "model_name": "rendition",
            "field_name": "image",
        },
    )
    assert response.status_code == 403


def test_the_widget_shows_the_chosen_thumbnail_and_loads_its_script(upload_image):
    image = upload_image(files.jpeg())
    widget = ImageChooserWidget(Rendition._meta.get_field("image"), admin.site)
    widget.choices = forms.ModelChoiceField(Image.objects.all()).choices
    html = widget.render("image", image.pk, attrs={"id": "id_image"})
    square = image.renditions.get(spec="square", format="webp")
    assert f'src="{square.url}"' in html
    (select,) = re.findall(r"<select[^>]*>", html)
    assert 'class="media-image-chooser"' in select
    assert reverse("admin:media_image_chooser") in html
    assert "js/media_chooser.js" in str(widget.media)


def test_the_library_finds_the_images_that_still_need_alt_text(
    reporter_client, upload_image, reporter
):
    described = upload_image(files.jpeg(), user=reporter, title="Described")
    decorative = upload_image(
        files.png(), user=reporter, title="Ornament", alt_text="", decorative=True
    )
    migrated = upload_image(files.webp(), user=reporter, title="Migrated")
    Image.objects.filter(pk=migrated.pk).update(alt_text="")  # as the migration left it

    page = reporter_client.get("/admin/media/image/?alt=missing").content.decode()

    assert "Migrated" in page
    assert "Described" not in page and "Ornament" not in page
    assert decorative.pk and described.pk


def test_a_picture_too_tall_to_show_is_refused_and_the_next_one_taken(
    reporter_client, english
):
    # A whole-page screenshot: its 1,024-wide rendition could not be written
    # as WebP, and the upload was a 500.
    described = {"alt_text": "Jadwal rapat JWG ke-4", "credit": "Humas BNPT"}
    refused = reporter_client.post(
        reverse(ADD), form_data(upload=files.scrolling_screenshot(), **described)
    )
    assert refused.status_code == 200
    assert "too tall for its width to be shown on a page" in refused.content.decode()
    assert not Image.objects.exists()
    # What the reporter does next: crops it and uploads the top of it.
    cropped = files.scrolling_screenshot(name="jadwal.png", size=(1170, 2400))
    taken = reporter_client.post(reverse(ADD), form_data(upload=cropped, **described))
    assert taken.status_code == 302
    assert Image.objects.get().height == 2400


@pytest.mark.parametrize("size", [(1, 1), (20000, 1)])
def test_an_image_too_small_or_too_wide_is_refused_by_the_form(
    reporter_client, media_root, english, size
):
    response = reporter_client.post(
        reverse(ADD),
        form_data(upload=files.png("pixel.png", size=size), alt_text="Sebuah titik"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“pixel.png” cannot be used" in page
    reason = (
        "at least 64 × 64 pixels"
        if size == (1, 1)
        else "too wide for its height to be shown on a page"
    )
    assert reason in page
    assert "at least 64 × 64 pixels, at most 64 MB" in page  # the field's help
    assert not Image.objects.exists()


def test_the_minimum_size_is_said_in_indonesian(reporter_client, media_root):
    response = reporter_client.post(
        reverse(ADD),
        form_data(upload=files.png("titik.png", size=(1, 1)), alt_text="Titik"),
    )
    page = response.content.decode()
    assert "ukurannya 1 × 1 piksel; gambar harus berukuran minimal 64 × 64" in page
    assert not Image.objects.exists()


def test_the_change_form_shows_the_file_size_for_people(
    reporter_client, upload_image, english
):
    image = upload_image(files.jpeg())
    Image.objects.filter(pk=image.pk).update(file_size=6071732)
    page = reporter_client.get(
        reverse("admin:media_image_change", args=[image.pk])
    ).content.decode()
    assert "300 × 200 px, 5.8\xa0MB · photo.jpg" in page
    assert "6071732" not in page
