"""A story's change form saved with nothing changed (opened again with Back,
Save pressed) keeps nothing: no revision in History, no log entry, the same
version (a colleague's form is not refused for it), and the page says so. A
save that changes only its tags is a change, and a workflow step on an
unchanged story is one too."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from reversion.models import Version

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url, as_sent, opened, saves
from tests.newsroom.admin_forms import messages_of as said

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTHING_SAVED = "Nothing changed: nothing was saved."


@pytest.fixture
def story(editor_client, section):
    """A draft saved once through its change form (revision 1), its body of
    several paragraphs."""
    article = ArticleFactory(
        draft=True,
        section=section,
        title="Delegasi Filipina tiba di Jakarta",
        body="BNPT dan NICA bertemu di Jakarta.\n\nPertemuan dibuka Kepala BNPT.\n",
        tags=["terorisme"],
    )
    data = opened(editor_client, article)
    data["title"] = "Delegasi Filipina tiba di Sentul"
    response = saves(editor_client, article, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert revisions(article) == 1
    return Article.objects.get(pk=article.pk)


def revisions(article) -> int:
    return Version.objects.get_for_object(article).count()


def test_a_save_that_changes_nothing_keeps_no_revision(editor_client, story):
    logged = LogEntry.objects.count()

    response = saves(editor_client, story, as_sent(opened(editor_client, story)))

    assert response.status_code == 302
    assert NOTHING_SAVED in said(response)
    assert revisions(story) == 1
    assert LogEntry.objects.count() == logged
    assert Article.objects.get(pk=story.pk).version == story.version


def test_an_empty_save_does_not_refuse_a_colleagues_form(
    editor_client, desk_editor, story
):
    client = Client()
    client.force_login(desk_editor)
    colleagues = opened(client, story)

    saves(editor_client, story, as_sent(opened(editor_client, story)))
    colleagues["title"] = "Delegasi Filipina tiba di Bogor"
    response = saves(client, story, colleagues)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(pk=story.pk).title == "Delegasi Filipina tiba di Bogor"


def test_a_save_that_changes_only_the_tags_is_recorded(editor_client, story):
    data = opened(editor_client, story)
    data["tags"] = "terorisme, ASEAN"

    response = saves(editor_client, story, as_sent(data))

    assert response.status_code == 302
    assert NOTHING_SAVED not in said(response)
    assert revisions(story) == 2
    assert Article.objects.get(pk=story.pk).version == story.version + 1
    assert sorted(story.tags.values_list("name", flat=True)) == ["ASEAN", "terorisme"]


def test_a_workflow_step_on_an_unchanged_story_is_recorded(editor_client, story):
    data = opened(editor_client, story)
    data.pop("_save", None)
    data["_transition"] = "submit"

    response = saves(editor_client, story, as_sent(data))

    assert response.status_code == 302
    assert NOTHING_SAVED not in said(response)
    assert Article.objects.get(pk=story.pk).status == Article.Status.IN_REVIEW
    assert revisions(story) == 2


def test_a_step_that_fails_on_an_unchanged_story_does_not_say_it_was_saved(
    editor_client, story
):
    """A tester's story: nothing changed, the step refused, and the page said
    'Your changes were saved, but the workflow step failed: …' beside
    'Nothing changed: nothing was saved.'"""
    data = opened(editor_client, story)
    data.pop("_save", None)
    data["_transition"] = "launch"

    response = saves(editor_client, story, as_sent(data))

    assert response.status_code == 302
    assert response.url == admin_url(Article, "change", story.pk)  # as any step
    assert said(response) == [
        "The workflow step failed: Unknown workflow step.",
        NOTHING_SAVED,
    ]
    assert revisions(story) == 1
