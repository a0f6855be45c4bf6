"""A story's form saved with nothing changed keeps nothing ("Nothing changed:
nothing was saved."), and its editor's autosaved copy of the form is done
with all the same, as after a save that keeps something: the page does not
offer back a copy the story already is, or an older one."""

import pytest
import reversion
from django.test import Client

from articles.models import Article, ArticleAutosave
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url, as_sent, opened, saves
from tests.newsroom.admin_forms import messages_of as said

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTHING_SAVED = "Nothing changed: nothing was saved."
OFFER = "Restore your unsaved changes of"


@pytest.fixture
def story(section):
    article = ArticleFactory(
        draft=True,
        section=section,
        title="Delegasi Filipina tiba di Jakarta",
        body="BNPT dan NICA bertemu di Jakarta.\n\nPertemuan dibuka Kepala BNPT.\n",
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


def autosaved(client, article, **values) -> None:
    data = {"expected_version": article.version, **values}
    response = client.post(admin_url(Article, "autosave", article.pk), data)
    assert response.status_code == 200


def change_page(client, article) -> str:
    return client.get(admin_url(Article, "change", article.pk)).content.decode()


@pytest.mark.parametrize(
    "copied",
    [
        # Typed, then typed back as it was: the copy is the story itself.
        {"title": "Delegasi Filipina tiba di Jakarta"},
        # Typed, autosaved, then undone before the save: an older copy.
        {"title": "Delegasi Filipina tiba di Sentul"},
    ],
)
def test_a_save_that_changes_nothing_drops_the_autosaved_copy(
    editor_client, story, copied
):
    data = opened(editor_client, story)
    autosaved(editor_client, story, **{**data, **copied})
    assert OFFER in change_page(editor_client, story)

    data["_continue"] = "Save and continue editing"
    response = saves(editor_client, story, as_sent(data))

    assert response.status_code == 302
    assert NOTHING_SAVED in said(response)
    assert not ArticleAutosave.objects.filter(article=story).exists()
    page = editor_client.get(response["Location"]).content.decode()
    assert NOTHING_SAVED in page
    assert OFFER not in page
    assert 'id="desk-autosave-offer"' not in page


def test_an_empty_save_drops_only_its_editors_copy(editor_client, desk_editor, story):
    """A colleague's copy of the same story is theirs: it stays."""
    client = Client()
    client.force_login(desk_editor)
    autosaved(client, story, body="Catatan rekan yang belum disimpan.")
    data = opened(editor_client, story)
    autosaved(editor_client, story, body="Catatan saya.")

    response = saves(editor_client, story, as_sent(data))

    assert NOTHING_SAVED in said(response)
    assert list(ArticleAutosave.objects.values_list("user__username", flat=True)) == [
        desk_editor.username
    ]
    assert OFFER in change_page(client, story)
