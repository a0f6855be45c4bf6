"""A picture's page shown read-only (a reporter's view of a picture in a
published story, which only an editor may change) gives no instruction it
cannot follow: it said "Click the picture where crops … must stay centred,
or type the position." above a position that cannot be changed there. The
editor's page, which can, still says how."""

import pytest

from articles.services.workflow import article_publish
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files
from tests.newsroom.media.test_permissions import change_url

pytestmark = pytest.mark.django_db

FOCAL_HELP = "Click the picture where crops (social cards, squares) must stay centred"


@pytest.fixture
def published_photo(upload_image, reporter, desk_editor):
    photo = upload_image(
        files.jpeg("delegasi.jpg", size=(600, 400)),
        user=reporter,
        title="Delegasi",
        alt_text="Delegasi Indonesia dan Filipina di ruang rapat",
    )
    draft = ArticleFactory(
        draft=True, title="Rapat JWG ke-4", featured_image=photo, created_by=reporter
    )
    article_publish(article=draft, user=desk_editor)
    return photo


def test_the_read_only_page_says_nothing_of_clicking_the_picture(
    client, reporter, published_photo, english
):
    client.force_login(reporter)
    page = client.get(change_url(published_photo)).content.decode()
    assert 'name="_save"' not in page  # read-only
    assert "Focal point" in page  # the position is still shown
    assert FOCAL_HELP not in page


def test_the_editors_page_still_says_how_to_set_it(
    client, desk_editor, published_photo, english
):
    client.force_login(desk_editor)
    page = client.get(change_url(published_photo)).content.decode()
    assert 'name="_save"' in page
    assert FOCAL_HELP in page
