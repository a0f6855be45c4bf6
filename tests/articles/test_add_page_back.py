"""The add page shown again from the browser's history (Back after Save)
asks whether its form made a story already (add/saved/, desk_editor.js), to
say so and link to it. The save itself files one story per form
(tests/articles/test_add_twice.py); this is what the page learns before it."""

import pytest

from articles.models import Article
from tests.newsroom.admin_forms import admin_form_data, admin_url, filled_add_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADD = admin_url(Article, "add")
SAVED = admin_url(Article, "add_saved")


def saved_form(client, section) -> dict:
    """An add form, filled in and saved: what the page's history keeps."""
    data = filled_add_form(client, section)
    assert client.post(ADD, data).status_code == 302
    return data


def test_a_saved_form_names_and_links_its_story(client, reporter, section):
    client.force_login(reporter)
    token = saved_form(client, section)["add_token"]

    answer = client.get(SAVED, {"token": token}).json()

    story = Article.objects.get()
    assert answer == {
        "saved": True,
        "title": "Delegasi NICA tiba di Sentul",
        "state": "Draft",
        "url": admin_url(Article, "change", story.pk),
    }


def test_a_form_not_saved_names_nothing(client, reporter, section):
    client.force_login(reporter)
    unsaved = admin_form_data(client.get(ADD))["add_token"]

    assert client.get(SAVED, {"token": unsaved}).json() == {"saved": False}
    assert client.get(SAVED).json() == {"saved": False}


def test_another_persons_form_names_nothing_of_their_story(
    client, reporter, desk_editor, section
):
    client.force_login(reporter)
    token = saved_form(client, section)["add_token"]

    client.force_login(desk_editor)

    assert client.get(SAVED, {"token": token}).json() == {"saved": False}


def test_only_who_may_add_a_story_asks(client, moderator, reporter, section):
    client.force_login(reporter)
    token = saved_form(client, section)["add_token"]

    client.force_login(moderator)

    assert client.get(SAVED, {"token": token}).status_code == 403


def test_the_add_page_carries_the_notice_hidden_and_a_storys_page_does_not(
    client, reporter, section
):
    client.force_login(reporter)
    add_page = client.get(ADD).content.decode()
    saved_form(client, section)
    story_page = client.get(
        admin_url(Article, "change", Article.objects.get().pk)
    ).content.decode()

    assert 'id="desk-saved-notice" class="messagelist" role="alert" hidden' in (
        add_page
    )
    assert f'data-url="{SAVED}"' in add_page
    assert "desk-saved-notice" not in story_page
