"""A reporter's page of their submitted story is read-only: its help says
what a field means, not how to change it (a tester found "Needs a headline"
telling the reporter to type a headline over it, and the featured image to
choose or upload one)."""

import html

import pytest
from django.urls import reverse

from articles import services
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TYPING = "Typing a headline over it unticks this box"
CHOOSING = "Choose a picture from the media library"
MEANING = (
    "Ticked: the title is a working one, and the desk still has to write the "
    "headline before the story can be published."
)


def change_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_submitted_story_tells_its_reporter_no_step_they_cannot_take(
    client, reporter, section
):
    story = ArticleFactory(
        section=section, created_by=reporter, draft=True, needs_headline=True
    )
    services.article_submit(article=story, user=reporter)

    page = change_page(client, reporter, story)

    assert 'name="title"' not in page and 'name="_save"' not in page  # read-only
    assert TYPING not in page and CHOOSING not in page
    assert MEANING in page  # what the tick means is still said


def test_the_editor_who_can_change_it_is_still_told_how(
    client, reporter, desk_editor, section
):
    story = ArticleFactory(
        section=section, created_by=reporter, draft=True, needs_headline=True
    )
    services.article_submit(article=story, user=reporter)

    page = change_page(client, desk_editor, story)

    assert 'name="title"' in page
    assert TYPING in page and CHOOSING in page and MEANING not in page
