"""An image shown in a story's body (`![](image:31)`) is used as surely as a
featured image: listed where it is used, and not deleted from under the
story, in the admin (its page and the list's action) or by the service."""

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom.media.models import Image
from newsroom.media.services import image_delete
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, desk_editor, media_root):
    client.force_login(desk_editor)
    return client


@pytest.fixture
def photo(upload_image):
    return upload_image(files.jpeg())


def test_stories_showing_an_image_in_their_body_are_where_it_is_used(
    photo, upload_image, editor_client, english
):
    other = upload_image(files.jpeg("other.jpg"))
    story = ArticleFactory(
        title="Rapat di Jakarta", body=f"Pembuka.\n\n![]( image:{photo.pk} )\n\nAkhir."
    )
    translation = ArticleFactory(
        title="Meeting in Jakarta",
        language=Article.Language.ENGLISH,
        translation_of=story,
        body=f"Opening ![a table](image:{photo.pk}) inline.",
    )
    # Another image's id that starts with this one's is not a use of it.
    ArticleFactory(title="Lain", body=f"![](image:{photo.pk}0) ![](image:{other.pk})")

    usages = {(u.model_name, u.field_name, u.obj.pk) for u in photo.usages()}
    assert usages == {
        ("article", "body", story.pk),
        ("article", "body", translation.pk),
    }

    page = editor_client.get(
        reverse("admin:media_image_change", args=[photo.pk])
    ).content.decode()
    assert "Not used anywhere yet." not in page
    story_url = reverse("admin:articles_article_change", args=[story.pk])
    assert f'<li>article (body): <a href="{story_url}">Rapat di Jakarta</a></li>' in (
        page
    )
    assert "Meeting in Jakarta</a></li>" in page


def test_body_uses_cost_one_query_however_many_stories(photo):
    ArticleFactory(body=f"![](image:{photo.pk})")
    with CaptureQueriesContext(connection) as one_story:
        assert len(photo.usages()) == 1
    for n in range(4):
        ArticleFactory(body=f"Teks {n}.\n\n![](image:{photo.pk})")
    with CaptureQueriesContext(connection) as five_stories:
        assert len(photo.usages()) == 5
    assert len(five_stories) == len(one_story)


def test_an_image_in_a_body_cannot_be_deleted_from_its_page(
    photo, editor_client, english
):
    story = ArticleFactory(title="Rapat", body=f"![](image:{photo.pk})")
    url = reverse("admin:media_image_delete", args=[photo.pk])

    page = editor_client.get(url).content.decode()
    assert "cannot be deleted while these use it:" in page
    assert "<li>article (body): " in page and ">Rapat</a>" in page

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=photo.pk).exists()
    story.refresh_from_db()
    assert f"image:{photo.pk}" in story.body


def test_an_image_in_a_body_is_not_deleted_by_the_list_action(
    photo, upload_image, editor_client, english
):
    unused = upload_image(files.jpeg("unused.jpg"))
    ArticleFactory(body=f"![](image:{photo.pk})")
    response = editor_client.post(
        reverse("admin:media_image_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [photo.pk, unused.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert Image.objects.filter(pk__in=[photo.pk, unused.pk]).count() == 2


def test_the_service_refuses_to_delete_an_image_a_body_shows(photo, desk_editor):
    story = ArticleFactory(body=f"![](image:{photo.pk})")
    with pytest.raises(ProtectedError) as refused:
        image_delete(image=photo, user=desk_editor)
    assert refused.value.protected_objects == {story}
    assert Image.objects.filter(pk=photo.pk).exists()

    story.body = "The picture is gone from the text."
    story.save()
    image_delete(image=photo, user=desk_editor)
    assert not Image.objects.filter(pk=photo.pk).exists()
