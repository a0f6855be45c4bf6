"""An agency's delete page names the stories that will no longer mention it,
linked to their pages in the desk, as a person's does (not Django's rows of
the article-agency table)."""

import pytest

from agencies.models import Agency
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return AgencyFactory(acronym="ULS", name="Unit Lama Sekali")


@pytest.mark.usefixtures("english")
def test_the_delete_page_names_the_stories_mentioning_the_agency(editor_client, agency):
    story = ArticleFactory(title="ULS closes its doors", agencies=[agency])

    html = editor_client.get(admin_url(Agency, "delete", agency.pk)).content.decode()

    assert "Article_agencies object" not in html
    assert "Hubungan" not in html
    link = admin_url(type(story), "change", story.pk)
    assert (
        '<p class="stories-unlinked">Stories that will no longer mention this '
        f'agency:</p>\n  <ul class="stories-unlinked">\t<li><a href="{link}">'
        "ULS closes its doors</a> (Published)</li>"
    ) in html


@pytest.mark.usefixtures("english")
def test_deleting_selected_agencies_names_their_stories(editor_client, agency):
    ArticleFactory(title="ULS closes its doors", agencies=[agency])

    page = editor_client.post(
        admin_url(Agency, "changelist"),
        {"action": "delete_selected", "_selected_action": [agency.pk]},
    )

    html = page.content.decode()
    assert "ULS closes its doors</a> (Published)" in html
    assert "Article_agencies object" not in html
