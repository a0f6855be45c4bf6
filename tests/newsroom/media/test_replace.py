"""Replacing an image's file: the same image (id, texts, uses) with a new
picture, its old files gone; and the delete page of an image in use."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from newsroom.media.models import Image, Rendition
from newsroom.media.services import image_replace
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

TEXTS = ("title", "alt_text", "alt_text_en", "caption", "caption_en", "credit")


@pytest.fixture
def photo(upload_image):
    return upload_image(
        files.jpeg("delegasi.jpg", size=(1200, 800)),
        title="Delegasi",
        alt_text="Delegasi Indonesia dan Filipina di ruang rapat",
        alt_text_en="The Indonesian and Philippine delegations",
        caption="Pembukaan JWG ke-4 di Jakarta.",
        caption_en="The opening of the 4th JWG in Jakarta.",
        credit="Foto: Humas BNPT",
        source="Humas BNPT",
        focal=(0.7, 0.3),
    )


@pytest.fixture
def stories(photo):
    """A published story featuring the photo, and another showing it in its
    body."""
    featured = ArticleFactory(title="Rapat JWG ke-4", featured_image=photo)
    in_body = ArticleFactory(
        title="Catatan rapat", body=f"Pembuka.\n\n![](image:{photo.pk})\n\nAkhir."
    )
    return featured, in_body


@pytest.fixture
def editor_client(client, desk_editor, media_root):
    client.force_login(desk_editor)
    return client


def files_of(image: Image) -> list[str]:
    return [image.file.name] + [r.file.name for r in image.renditions.all()]


def texts_of(image: Image) -> dict:
    return {name: getattr(image, name) for name in (*TEXTS, "source")}


def test_a_used_image_replaced_shows_the_new_picture_on_its_stories(
    photo, stories, editor_client, django_capture_on_commit_callbacks
):
    featured, in_body = stories
    texts = texts_of(photo)
    old_files = files_of(photo)
    old_urls = [r.url for r in photo.renditions.all()]
    for story in stories:
        page = editor_client.get(story.get_absolute_url()).content.decode()
        assert old_urls[0] in page

    url = reverse("admin:media_image_replace", args=[photo.pk])
    change_page = editor_client.get(
        reverse("admin:media_image_change", args=[photo.pk])
    ).content.decode()
    assert f'href="{url}"' in change_page
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {"upload": files.jpeg("delegasi-baru.jpg", size=(900, 900))}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:media_image_change", args=[photo.pk])

    image = Image.objects.get(pk=photo.pk)
    assert texts_of(image) == texts
    assert (image.width, image.height) == (900, 900)
    assert image.original_filename == "delegasi-baru.jpg"
    assert image.file_size == image.file.size
    # A square where there was a 3:2 picture: the old focal point means nothing.
    assert (image.focal_x, image.focal_y) == (None, None)
    renditions = list(image.renditions.all())
    assert {(r.spec, r.format) for r in renditions} >= {
        ("w900", "jpeg"),
        ("w900", "webp"),
        ("card", "jpeg"),
    }
    for name in old_files:
        assert not default_storage.exists(name), name
    for name in files_of(image):
        assert default_storage.exists(name), name
    featured.refresh_from_db()
    assert featured.featured_image_id == photo.pk

    w900 = image.renditions.get(spec="w900", format="jpeg").url
    for story in stories:
        page = editor_client.get(story.get_absolute_url()).content.decode()
        assert w900 in page
        assert not any(old in page for old in old_urls)
    assert LogEntry.objects.filter(object_id=str(photo.pk)).exists()


@pytest.mark.usefixtures("page_cache_on")
def test_a_cached_story_page_shows_the_new_picture_at_the_next_request(
    photo, stories, client, desk_editor, django_capture_on_commit_callbacks
):
    url = stories[0].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    # An editor's: readers see the picture (tests/newsroom/media/test_permissions.py).
    with django_capture_on_commit_callbacks(execute=True):
        image = image_replace(
            image=photo, file=files.jpeg("baru.jpg", size=(600, 400)), user=desk_editor
        )

    response = client.get(url)
    assert response["X-Page-Cache"] != "hit"
    new = image.renditions.get(spec="w600", format="jpeg").url
    assert new in response.content.decode()


@pytest.fixture
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def test_the_same_shape_keeps_the_focal_point(photo, librarian):
    # 1200 × 800 and 600 × 400: the same picture, smaller (a better crop's
    # shape would be kept too).
    image = image_replace(
        image=photo, file=files.jpeg("kecil.jpg", size=(600, 400)), user=librarian
    )
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.7, 0.3)
    assert (image.width, image.height) == (600, 400)


def test_another_shape_resets_the_focal_point(photo, librarian):
    image = image_replace(
        image=photo, file=files.jpeg("tegak.jpg", size=(400, 600)), user=librarian
    )
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (None, None)


def test_a_phone_photo_replacing_is_turned_upright_and_stripped(photo, librarian):
    image = image_replace(image=photo, file=files.phone_jpeg(), user=librarian)
    assert (image.width, image.height) == (300, 400)
    with image.file.open("rb") as stored:
        data = stored.read()
    for secret in files.SECRETS:
        assert secret not in data


def test_a_bad_file_is_refused_with_the_uploads_message_and_nothing_changes(
    photo, stories, editor_client, english
):
    before = Image.objects.values().get(pk=photo.pk)
    renditions = set(Rendition.objects.values_list("pk", "file"))
    old_files = files_of(photo)
    url = reverse("admin:media_image_replace", args=[photo.pk])

    response = editor_client.post(url, {"upload": files.html_as_jpg("foto.jpg")})

    assert response.status_code == 200
    assert (
        "“foto.jpg” cannot be used: it is not a JPEG, PNG, WebP, GIF, HEIC or "
        "AVIF image." in response.content.decode()
    )
    assert Image.objects.values().get(pk=photo.pk) == before
    assert set(Rendition.objects.values_list("pk", "file")) == renditions
    for name in old_files:
        assert default_storage.exists(name)


def test_the_service_refuses_a_bad_file_and_changes_nothing(photo, librarian):
    before = Image.objects.values().get(pk=photo.pk)
    with pytest.raises(ValidationError):
        image_replace(image=photo, file=files.truncated_jpeg(), user=librarian)
    assert Image.objects.values().get(pk=photo.pk) == before
    assert (photo.width, photo.height) == (1200, 800)


def test_a_moderator_may_not_replace_an_image(photo, moderator, client, media_root):
    with pytest.raises(PermissionDenied):
        image_replace(image=photo, file=files.jpeg(size=(600, 400)), user=moderator)
    client.force_login(moderator)
    url = reverse("admin:media_image_replace", args=[photo.pk])
    response = client.post(url, {"upload": files.jpeg(size=(600, 400))})
    assert response.status_code == 403
    assert Image.objects.get(pk=photo.pk).width == 1200


def test_the_delete_page_of_a_used_image_says_plainly_it_cannot_be_deleted(
    photo, stories, editor_client, english
):
    featured, in_body = stories
    url = reverse("admin:media_image_delete", args=[photo.pk])
    text = editor_client.get(url).content.decode()

    assert "The image “Delegasi” cannot be deleted while these use it:" in text
    assert "protected related objects" not in text
    featured_url = reverse("admin:articles_article_change", args=[featured.pk])
    body_url = reverse("admin:articles_article_change", args=[in_body.pk])
    assert (
        f'<li>article (featured image): <a href="{featured_url}">Rapat JWG ke-4</a>'
        in text
    )
    assert f'<li>article (body): <a href="{body_url}">Catatan rapat</a>' in text
    assert "Article:" not in text

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=photo.pk).exists()


def test_the_list_action_names_each_image_and_its_uses(
    photo, stories, upload_image, editor_client, english
):
    unused = upload_image(files.jpeg("unused.jpg"))
    response = editor_client.post(
        reverse("admin:media_image_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [photo.pk, unused.pk],
            "post": "yes",
        },
    )
    text = response.content.decode()
    assert "The selected images cannot be deleted while these use them:" in text
    assert "<li>Delegasi: article (featured image): <a " in text
    assert "protected related objects" not in text
    assert Image.objects.filter(pk__in=[photo.pk, unused.pk]).count() == 2


def test_a_file_named_as_the_alt_text_is_refused_and_leaves_no_file(
    photo, librarian, media_root
):
    stored_before = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    named = files.jpeg(f"{photo.alt_text}.jpg", size=(600, 400))
    with pytest.raises(ValidationError) as refused:
        image_replace(image=photo, file=named, user=librarian)
    assert "alt_text" in refused.value.message_dict
    assert (photo.width, photo.original_filename) == (1200, "delegasi.jpg")
    assert Image.objects.get(pk=photo.pk).file.name == photo.file.name
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == (
        stored_before
    )


def test_a_picture_too_small_for_the_library_is_refused_as_an_upload_is(
    photo, editor_client, english
):
    url = reverse("admin:media_image_replace", args=[photo.pk])
    response = editor_client.post(url, {"upload": files.jpeg("titik.jpg", (1, 1))})
    assert response.status_code == 200
    assert "an image must be at least 64 × 64 pixels" in response.content.decode()
    assert Image.objects.get(pk=photo.pk).width == 1200


def test_a_large_replacement_gets_its_renditions_from_the_background_task(
    photo, librarian, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_INLINE_MAX_PIXELS = 1000
    old_files = files_of(photo)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = image_replace(
            image=photo, file=files.jpeg("besar.jpg", size=(900, 600)), user=librarian
        )
    assert image.renditions.count() == 0
    for callback in callbacks:
        callback()
    assert image.renditions.count() == 9
    assert not any(default_storage.exists(name) for name in old_files)


def test_the_replace_page_asks_for_a_file_as_the_upload_form_does(
    photo, editor_client, english
):
    url = reverse("admin:media_image_replace", args=[photo.pk])
    page = editor_client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'type="file" name="upload"' in page
    assert "image/heic" in page and "at least 64 × 64 pixels" in page
    assert "Replace the file of “Delegasi”" in page


def test_the_delete_page_in_indonesian_lists_the_uses_as_the_image_page_does(
    photo, stories, editor_client
):
    url = reverse("admin:media_image_delete", args=[photo.pk])
    text = editor_client.get(url).content.decode()
    assert "objek terlindungi" not in text
    assert "<li>artikel (gambar utama): <a " in text
    assert "<li>artikel (isi): <a " in text
