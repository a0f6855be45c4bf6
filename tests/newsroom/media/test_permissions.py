"""Who may change a picture readers see: a reporter describes and replaces
the pictures of their drafts; once a story showing it is published (or an
agency's logo, a person's portrait), only an editor may."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Person
from articles.models import Article
from articles.services.workflow import article_publish
from newsroom.media.models import Image
from newsroom.media.services import (
    image_change_refusal,
    image_replace,
    image_update,
)
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

ALT = "Delegasi Indonesia dan Filipina di ruang rapat"


@pytest.fixture
def photo(upload_image, reporter):
    return upload_image(
        files.jpeg("delegasi.jpg", size=(600, 400)),
        user=reporter,
        title="Delegasi",
        alt_text=ALT,
    )


@pytest.fixture
def draft(photo, reporter):
    """The reporter's draft, featuring the photo."""
    return ArticleFactory(
        draft=True, title="Rapat JWG ke-4", featured_image=photo, created_by=reporter
    )


def change_data(image: Image, **fields) -> dict:
    data = {
        name: getattr(image, name) or ""
        for name in ("title", "alt_text", "alt_text_en", "caption", "caption_en")
    }
    data.update({"credit": "", "source": "", "focal_x": "", "focal_y": ""})
    data.update(fields)
    return data


def change_url(image: Image) -> str:
    return reverse("admin:media_image_change", args=[image.pk])


def replace_url(image: Image) -> str:
    return reverse("admin:media_image_replace", args=[image.pk])


def test_a_reporter_changes_and_replaces_the_picture_of_their_draft(
    client, reporter, photo, draft, english
):
    client.force_login(reporter)
    page = client.get(change_url(photo)).content.decode()
    assert f'href="{replace_url(photo)}"' in page
    assert 'name="_save"' in page

    response = client.post(change_url(photo), change_data(photo, alt_text="Dua warna"))
    assert response.status_code == 302
    response = client.post(
        replace_url(photo), {"upload": files.jpeg("baru.jpg", size=(900, 900))}
    )
    assert response.status_code == 302
    image = Image.objects.get(pk=photo.pk)
    assert image.alt_text == "Dua warna"
    assert (image.width, image.original_filename) == (900, "baru.jpg")


def test_once_published_only_an_editor_changes_or_replaces_the_picture(
    client, reporter, desk_editor, photo, draft, english, media_root
):
    article_publish(article=draft, user=desk_editor)
    story = draft.get_absolute_url()
    old_picture = photo.renditions.get(spec="w600", format="jpeg").url
    refusal = (
        "Readers see or will see “Delegasi” (article “Rapat JWG ke-4”): only an "
        "editor may change it or replace its file."
    )

    # The reporter: a read-only page that says why, and nothing saved.
    client.force_login(reporter)
    page = client.get(change_url(photo)).content.decode()
    assert refusal in page
    assert replace_url(photo) not in page
    assert 'name="_save"' not in page
    response = client.post(
        change_url(photo), change_data(photo, alt_text="x"), follow=True
    )
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert response.content.decode().count(refusal) == 1
    response = client.get(replace_url(photo), follow=True)
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert refusal in response.content.decode()
    response = client.post(
        replace_url(photo),
        {"upload": files.jpeg("lain.jpg", size=(900, 900))},
        follow=True,
    )
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert response.content.decode().count(refusal) == 1
    image = Image.objects.get(pk=photo.pk)
    assert (image.alt_text, image.width, image.original_filename) == (
        ALT,
        600,
        "delegasi.jpg",
    )
    public = client.get(story).content.decode()
    assert old_picture in public and f'alt="{ALT}"' in public

    # The editor: the same page, editable, and both saved.
    client.force_login(desk_editor)
    page = client.get(change_url(photo)).content.decode()
    assert refusal not in page
    assert f'href="{replace_url(photo)}"' in page
    response = client.post(
        change_url(photo), change_data(photo, alt_text="Dua delegasi berjabat tangan")
    )
    assert response.status_code == 302
    response = client.post(
        replace_url(photo), {"upload": files.jpeg("baru.jpg", size=(900, 900))}
    )
    assert response.status_code == 302
    image = Image.objects.get(pk=photo.pk)
    assert (image.alt_text, image.width) == ("Dua delegasi berjabat tangan", 900)
    public = client.get(story).content.decode()
    assert old_picture not in public
    assert 'alt="Dua delegasi berjabat tangan"' in public


def test_a_picture_in_a_published_body_is_the_editors_too(
    reporter, desk_editor, photo, english
):
    body = f"Pembuka.\n\n![](image:{photo.pk})\n\nAkhir."
    ArticleFactory(draft=True, body=body, created_by=reporter)
    image_update(image=photo, user=reporter, caption="Di draf")

    shown = ArticleFactory(title="Catatan rapat", body=body, created_by=reporter)
    with pytest.raises(PermissionDenied) as refused:
        image_update(image=photo, user=reporter, caption="Di berita")
    assert str(refused.value) == (
        "Readers see or will see “Delegasi” (article “Catatan rapat”): only an "
        "editor may change it or replace its file."
    )
    with pytest.raises(PermissionDenied):
        image_replace(image=photo, file=files.jpeg("baru.jpg"), user=reporter)
    assert Image.objects.get(pk=photo.pk).caption == "Di draf"

    image_update(image=photo, user=desk_editor, caption="Di berita")
    assert Image.objects.get(pk=photo.pk).caption == "Di berita"
    # Unpublished, readers no longer see it, but the story is still the
    # editors' alone; returned to its reporter as a draft, it is theirs again.
    shown.status = Article.Status.UNPUBLISHED
    shown.save(update_fields=["status"])
    with pytest.raises(PermissionDenied) as refused:
        image_update(image=photo, user=reporter, caption="Ditarik")
    assert str(refused.value).startswith(
        "“Delegasi” is used by article “Catatan rapat” (Unpublished)"
    )
    shown.status = Article.Status.DRAFT
    shown.save(update_fields=["status"])
    image_update(image=photo, user=reporter, caption="Ditarik")


def test_a_story_scheduled_by_an_editor_locks_its_picture(reporter, photo, english):
    """Readers do not see it yet: the refusal says they will."""
    ArticleFactory(
        title="Rapat besok",
        featured_image=photo,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert Article.objects.scheduled().exists()
    with pytest.raises(PermissionDenied) as refused:
        image_update(image=photo, user=reporter, alt_text="Dua warna")
    assert str(refused.value) == (
        "Readers see or will see “Delegasi” (article “Rapat besok”): only an "
        "editor may change it or replace its file."
    )


@pytest.mark.parametrize("use", ["logo", "portrait"])
def test_an_agencys_logo_or_a_persons_portrait_is_the_editors(
    use, reporter, desk_editor, photo, english
):
    if use == "logo":
        Agency.objects.create(acronym="BNPT", name="BNPT", slug="bnpt", logo=photo)
    else:
        Person.objects.create(name="Budi", slug="budi", portrait=photo)
    assert image_change_refusal(image=photo, user=reporter).startswith(
        "Readers see or will see “Delegasi”"
    )
    with pytest.raises(PermissionDenied):
        image_update(image=photo, user=reporter, alt_text="Logo")
    assert image_change_refusal(image=photo, user=desk_editor) == ""


def test_the_check_takes_as_many_queries_for_many_stories_as_for_one(
    reporter, photo, django_assert_max_num_queries
):
    """Both reasons are asked: whether readers see it (a few queries) and
    whether the reporter may edit every story using it (a few more)."""
    body = f"![](image:{photo.pk})"
    ArticleFactory(draft=True, featured_image=photo, body=body, created_by=reporter)
    reporter.has_perm("articles.publish_article")  # the permissions, read once
    with django_assert_max_num_queries(12) as few:
        assert image_change_refusal(image=photo, user=reporter) == ""
    for _ in range(10):
        ArticleFactory(draft=True, featured_image=photo, body=body, created_by=reporter)
    with django_assert_max_num_queries(len(few)):
        assert image_change_refusal(image=photo, user=reporter) == ""


def test_the_media_library_names_the_editors_own_permission():
    """The library may not import the articles app (the import layers): the
    permission it names must stay the one editors publish with."""
    from articles.permissions import PUBLISH
    from newsroom.media.services import PUBLISHED_IMAGES_PERMISSION

    assert PUBLISHED_IMAGES_PERMISSION == PUBLISH
