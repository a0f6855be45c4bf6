"""A picture is locked for whoever may not edit a story that uses it: a
reporter's story in review (its featured image or a picture in its body),
anyone else's story. Changing the picture, its alt text or caption would
change the story past its review, unseen in its history; an editor, who may
edit the story, still changes it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError

from articles.services.workflow import article_submit, article_withdraw
from newsroom.media.models import Image
from newsroom.media.services import (
    image_change_refusal,
    image_delete,
    image_replace,
    image_update,
)
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files
from tests.newsroom.media.test_permissions import change_data, change_url, replace_url

pytestmark = pytest.mark.django_db

ALT = "Delegasi Indonesia dan Filipina di ruang rapat"
IN_REVIEW = (
    "“Delegasi” is used by article “Rapat JWG ke-4” (In review), which you may "
    "not edit: only someone who may edit that article may change this image or "
    "replace its file."
)


@pytest.fixture
def photo(upload_image, reporter):
    return upload_image(
        files.jpeg("delegasi.jpg", size=(600, 400)),
        user=reporter,
        title="Delegasi",
        alt_text=ALT,
        caption="Rapat di Jakarta",
    )


@pytest.fixture
def submitted(photo, reporter):
    """The reporter's story featuring the photo, sent to the desk."""
    draft = ArticleFactory(
        draft=True, title="Rapat JWG ke-4", featured_image=photo, created_by=reporter
    )
    return article_submit(article=draft, user=reporter)


def test_a_reporter_cannot_change_the_picture_of_their_story_in_review(
    client, reporter, desk_editor, photo, submitted, english
):
    client.force_login(reporter)

    # The page is read-only and says why, naming the story.
    page = client.get(change_url(photo)).content.decode()
    assert IN_REVIEW in page
    assert 'name="_save"' not in page
    assert replace_url(photo) not in page

    # Posting anyway changes nothing, and says why once.
    response = client.post(
        change_url(photo),
        change_data(photo, alt_text="Dua warna", caption="Keterangan baru"),
        follow=True,
    )
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert response.content.decode().count(IN_REVIEW) == 1
    response = client.get(replace_url(photo), follow=True)
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert IN_REVIEW in response.content.decode()
    response = client.post(
        replace_url(photo),
        {"upload": files.jpeg("swap.jpg", size=(900, 900))},
        follow=True,
    )
    assert response.redirect_chain == [(change_url(photo), 302)]
    assert response.content.decode().count(IN_REVIEW) == 1
    image = Image.objects.get(pk=photo.pk)
    assert (image.alt_text, image.caption, image.width, image.original_filename) == (
        ALT,
        "Rapat di Jakarta",
        600,
        "delegasi.jpg",
    )

    # The editor, who reviews the story, changes and replaces it.
    client.force_login(desk_editor)
    page = client.get(change_url(photo)).content.decode()
    assert IN_REVIEW not in page
    assert 'name="_save"' in page
    response = client.post(
        change_url(photo), change_data(photo, caption="Keterangan baru")
    )
    assert response.status_code == 302
    response = client.post(
        replace_url(photo), {"upload": files.jpeg("swap.jpg", size=(900, 900))}
    )
    assert response.status_code == 302
    image = Image.objects.get(pk=photo.pk)
    assert (image.caption, image.width) == ("Keterangan baru", 900)


def test_the_services_refuse_it_too(reporter, desk_editor, photo, submitted, english):
    with pytest.raises(PermissionDenied) as refused:
        image_update(image=photo, user=reporter, caption="Keterangan baru")
    assert str(refused.value) == IN_REVIEW
    with pytest.raises(PermissionDenied) as refused:
        image_replace(image=photo, file=files.jpeg("swap.jpg"), user=reporter)
    assert str(refused.value) == IN_REVIEW
    image = Image.objects.get(pk=photo.pk)
    assert (image.caption, image.original_filename) == (
        "Rapat di Jakarta",
        "delegasi.jpg",
    )
    assert image_change_refusal(image=photo, user=desk_editor) == ""


def test_a_picture_in_the_body_of_a_story_in_review_is_locked_too(
    reporter, photo, english
):
    draft = ArticleFactory(
        draft=True,
        title="Rapat JWG ke-4",
        body=f"Pembuka.\n\n![](image:{photo.pk})\n\nAkhir.",
        created_by=reporter,
    )
    image_update(image=photo, user=reporter, caption="Di draf")
    article_submit(article=draft, user=reporter)
    with pytest.raises(PermissionDenied) as refused:
        image_update(image=photo, user=reporter, caption="Dalam peninjauan")
    assert str(refused.value) == IN_REVIEW
    assert Image.objects.get(pk=photo.pk).caption == "Di draf"


def test_withdrawn_from_review_the_picture_is_the_reporters_again(
    reporter, photo, submitted, english
):
    assert image_change_refusal(image=photo, user=reporter) == IN_REVIEW
    article_withdraw(article=submitted, user=reporter)
    image_update(image=photo, user=reporter, caption="Ditarik")
    assert Image.objects.get(pk=photo.pk).caption == "Ditarik"


def test_another_reporters_draft_locks_the_picture_for_this_reporter(
    staff_in, reporter, photo, english
):
    other = staff_in("Reporter", "reporter-lain")
    ArticleFactory(
        draft=True, title="Draf orang lain", featured_image=photo, created_by=other
    )
    assert image_change_refusal(image=photo, user=reporter) == (
        "“Delegasi” is used by article “Draf orang lain” (Draft), which you may "
        "not edit: only someone who may edit that article may change this image "
        "or replace its file."
    )
    with pytest.raises(PermissionDenied):
        image_update(image=photo, user=reporter, alt_text="Dua warna")
    # The draft's own reporter may.
    image_update(image=photo, user=other, alt_text="Dua delegasi")
    assert Image.objects.get(pk=photo.pk).alt_text == "Dua delegasi"


def test_nobody_it_is_locked_for_deletes_it(
    staff_in, desk_editor, photo, submitted, english
):
    """Only editors delete images, and not while a story uses it; a role
    that may delete images but not edit the story is refused by the lock."""
    from django.contrib.auth.models import Permission

    deleter = staff_in("Reporter", "penghapus")
    deleter.user_permissions.add(Permission.objects.get(codename="delete_image"))
    with pytest.raises(PermissionDenied) as refused:
        image_delete(image=photo, user=deleter)
    assert "which you may not edit" in str(refused.value)
    with pytest.raises(ProtectedError):
        image_delete(image=photo, user=desk_editor)
    assert Image.objects.filter(pk=photo.pk).exists()


def test_the_check_reads_a_body_s_stories_in_one_query(
    reporter, photo, django_assert_max_num_queries
):
    """The stories that show the picture in their body come partly read
    (their id, title and body): they are read whole once, not each."""
    body = f"![](image:{photo.pk})"
    ArticleFactory(draft=True, body=body, created_by=reporter)
    reporter.has_perm("articles.change_article")  # the permissions, read once
    with django_assert_max_num_queries(20) as few:
        assert photo.usage_not_editable_by(reporter) is None
    for _ in range(10):
        ArticleFactory(draft=True, body=body, created_by=reporter)
    with django_assert_max_num_queries(len(few)):
        assert photo.usage_not_editable_by(reporter) is None
