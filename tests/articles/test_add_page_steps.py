"""A workflow step's button on the add page (Publish, Submit for review, a
publication time for a scheduled story) saves the new story, takes the step
and opens the story, as the same button does on its change page: the list
had been the end, the story just filed out of sight."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition
from tests.newsroom.admin_forms import admin_url, filled_add_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADD = admin_url(Article, "add")
Status = Article.Status


def add_form(client, section, step: str, *, url: str = ADD, **values) -> dict:
    """The add page's form as the browser shows it, filled in, the button
    of `step` pressed."""
    return filled_add_form(
        client, section, url=url, _save=None, _transition=step, **values
    )


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_publish_on_the_add_page_opens_the_published_story(
    client, desk_editor, section
):
    client.force_login(desk_editor)

    response = client.post(ADD, add_form(client, section, "publish"))

    story = Article.objects.get()
    assert story.is_public
    assert response.status_code == 302
    assert response["Location"] == admin_url(Article, "change", story.pk)
    page = client.get(response["Location"])
    assert shown_messages(page) == [
        "The article “Delegasi NICA tiba di Sentul” was added successfully.",
        "Published.",
    ]
    assert f'href="{story.get_absolute_url()}" class="viewsitelink"' in (
        page.content.decode()
    )


def test_a_reporters_submit_on_the_add_page_opens_the_story_in_review(
    client, reporter, section
):
    client.force_login(reporter)

    response = client.post(ADD, add_form(client, section, "submit"))

    story = Article.objects.get()
    assert story.status == Status.IN_REVIEW
    assert response["Location"] == admin_url(Article, "change", story.pk)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert shown_messages(page) == [
        "The article “Delegasi NICA tiba di Sentul” was added successfully.",
        "Submitted for review.",
    ]
    # Its read-only page, with the step back to a draft at hand.
    assert "Withdraw" in page.content.decode()


def test_publish_with_a_later_time_on_the_add_page_opens_the_scheduled_story(
    client, desk_editor, section
):
    client.force_login(desk_editor)
    later = timezone.localtime() + dt.timedelta(days=2)
    data = add_form(
        client,
        section,
        "publish",
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1="07:30:00",
    )

    response = client.post(ADD, data)

    story = Article.objects.get()
    assert story.is_scheduled
    assert response["Location"] == admin_url(Article, "change", story.pk)
    said = shown_messages(client.get(response["Location"]))
    assert said[0] == (
        "The article “Delegasi NICA tiba di Sentul” was added successfully."
    )
    assert said[1].startswith("Scheduled: goes live by itself on")


def test_a_step_refused_after_the_save_still_opens_the_saved_story(
    client, desk_editor, section
):
    """A title still marked "needs a headline" is saved, not published:
    the editor is on the story to see why, not on the list."""
    client.force_login(desk_editor)

    response = client.post(
        ADD, add_form(client, section, "publish", needs_headline="on")
    )

    story = Article.objects.get()
    assert story.status == Status.DRAFT
    assert response["Location"] == admin_url(Article, "change", story.pk)
    said = shown_messages(client.get(response["Location"]))
    assert said[0] == (
        "The article “Delegasi NICA tiba di Sentul” was added successfully."
    )
    assert said[1].startswith("Your changes were saved, but the workflow step failed")


def test_the_lists_filters_are_kept_on_the_way_to_the_story(
    client, desk_editor, section
):
    client.force_login(desk_editor)
    url = f"{ADD}?_changelist_filters=status%3Ddraft"

    response = client.post(url, add_form(client, section, "publish", url=url))

    story = Article.objects.get()
    assert response["Location"] == (
        admin_url(Article, "change", story.pk) + "?_changelist_filters=status%3Ddraft"
    )


def test_publish_pressed_twice_on_the_add_page_files_and_publishes_once(
    client, desk_editor, section
):
    client.force_login(desk_editor)
    data = add_form(client, section, "publish")

    client.post(ADD, data)  # its answer never read: the browser sent again
    again = client.post(ADD, data)

    story = Article.objects.get()
    assert story.is_public
    assert ArticleTransition.objects.filter(article=story).count() == 1
    assert again["Location"] == admin_url(Article, "change", story.pk)
    assert shown_messages(client.get(again["Location"])) == [
        "The article “Delegasi NICA tiba di Sentul” was added successfully.",
        "Published.",
        "This form was saved already (Save pressed twice?): the story "
        "“Delegasi NICA tiba di Sentul” was saved once, and here it is.",
    ]


def test_a_plain_save_on_the_add_page_still_ends_on_the_list(
    client, desk_editor, section
):
    client.force_login(desk_editor)
    data = add_form(client, section, "")
    del data["_transition"]

    response = client.post(ADD, {**data, "_save": "Save"})

    assert response["Location"] == admin_url(Article, "changelist")
    assert Article.objects.get().status == Status.DRAFT
