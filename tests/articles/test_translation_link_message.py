"""The save message names the story an article was linked to as its
translation: the "Translation of" autocomplete can pick another story than
the one typed, and the desk sees which at once."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}  # the staff member's own language


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save(client, article, *, translation_of) -> list[str]:
    """Save `article`'s change form as it is, "Translation of" set to
    `translation_of` (an article or None); the messages of the page shown
    next."""
    article.refresh_from_db()
    data = {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "language": article.language,
        "translation_of": translation_of.pk if translation_of else "",
        "dateline": "",
        "byline": "",
        "editor_name": "",
        "source_name": "",
        "source_url": "",
        "section": article.section_id,
        "tags": "",
        "featured_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "workflow_note": "",
        "expected_version": article.version,
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "_continue": "Save and continue editing",
    }
    response = client.post(change_url(article), data, headers=ENGLISH, follow=True)
    assert response.status_code == 200
    assert "adminform" not in response.context or not (
        response.context["adminform"].form.errors
    ), response.context["adminform"].form.errors
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def draft(section):
    return ArticleFactory(
        title="Pandemi dan perbatasan", slug="pandemi", language="id", draft=True
    )


@pytest.fixture
def stories(section):
    """Two English originals: the one meant and the one an early Enter took."""
    return (
        ArticleFactory(title="Pandemic at the border", language="en", section=section),
        ArticleFactory(title="Budget talks resume", language="en", section=section),
    )


def test_the_save_names_the_story_linked_and_the_one_corrected_to(
    editor_client, draft, stories
):
    meant, taken = stories
    said = save(editor_client, draft, translation_of=taken)
    assert "Linked as the Indonesian translation of “Budget talks resume”." in said
    # The desk sees the wrong story named, and picks the right one.
    said = save(editor_client, draft, translation_of=meant)
    assert "Linked as the Indonesian translation of “Pandemic at the border”." in said
    draft.refresh_from_db()
    assert draft.translation_of == meant
    # A save that leaves the link as it is says nothing of it.
    said = save(editor_client, draft, translation_of=meant)
    assert not [words for words in said if "translation of" in words]


def test_clearing_the_link_names_the_story_it_left(editor_client, draft, stories):
    meant, _taken = stories
    save(editor_client, draft, translation_of=meant)
    said = save(editor_client, draft, translation_of=None)
    assert "No longer linked as a translation of “Pandemic at the border”." in said
    draft.refresh_from_db()
    assert draft.translation_of is None
    assert list(Article.objects.in_story(meant)) == []
