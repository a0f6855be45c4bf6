"""A story's publication time never moves past its first correction or
update note (services.notes_time_check): a story taken off the site and
scheduled again later, or given a later time, showed a note dated before
its own publication."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import (
    article_publish,
    article_save,
    article_unpublish,
    correction_add,
)
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status


@pytest.fixture
def corrected(desk_editor, section):
    """A story published two hours ago, corrected an hour ago."""
    story = ArticleFactory(
        section=section, published_at=timezone.now() - dt.timedelta(hours=2)
    )
    note = correction_add(
        article=story,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text="Nama delegasi diperbaiki.",
    )
    Correction.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    return fresh(story)


def first_note_time(story):
    return Correction.objects.get(article=story).created_at


def test_a_corrected_story_taken_off_and_scheduled_later_is_refused_then_republished(
    client, desk_editor, corrected
):
    first_time = corrected.published_at
    url = admin_url(Article, "change", corrected.pk)
    login(client, desk_editor).post(url, form_data(corrected, _transition="unpublish"))
    assert fresh(corrected).status == Status.UNPUBLISHED

    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    taken_off = fresh(corrected)
    response = client.post(
        url,
        form_data(
            taken_off,
            title="Headline kept while the time is refused",
            published_at_0=tomorrow.strftime("%Y-%m-%d"),
            published_at_1=tomorrow.strftime("%H:%M:%S"),
            _transition="publish",
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["published_at"]
    assert (
        "a later publication time would date the note before the story" in (errors[0])
    )
    assert "Headline kept while the time is refused" in response.content.decode()
    story = fresh(corrected)
    assert story.status == Status.UNPUBLISHED
    assert story.title == corrected.title

    # What the editor does next: publish again without a new time. The story
    # goes back with its first publication time, before its note.
    client.post(url, form_data(story, _transition="publish"))
    story = fresh(corrected)
    assert story.status == Status.PUBLISHED and not story.is_scheduled
    assert story.published_at == first_time < first_note_time(story)
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "Nama delegasi diperbaiki." in page.content.decode()


def test_the_publish_service_refuses_a_time_after_the_first_note(
    desk_editor, corrected
):
    article_unpublish(article=corrected, user=desk_editor)
    later = first_note_time(corrected) + dt.timedelta(minutes=5)
    with pytest.raises(ValidationError) as refused:
        article_publish(article=fresh(corrected), user=desk_editor, at=later)
    assert "published_at" in refused.value.message_dict
    assert fresh(corrected).status == Status.UNPUBLISHED
    earlier = first_note_time(corrected) - dt.timedelta(minutes=5)
    article_publish(article=fresh(corrected), user=desk_editor, at=earlier)
    assert fresh(corrected).published_at == earlier


def test_a_live_storys_time_moved_past_its_note_is_refused_and_an_earlier_one_saved(
    desk_editor, corrected
):
    story = fresh(corrected)
    story.published_at = first_note_time(story) + dt.timedelta(minutes=30)
    with pytest.raises(ValidationError) as refused:
        article_save(
            article=story, user=desk_editor, expected_version=corrected.version
        )
    assert "published_at" in refused.value.message_dict
    assert fresh(corrected).published_at == corrected.published_at

    story = fresh(corrected)
    story.published_at = corrected.published_at - dt.timedelta(minutes=30)
    article_save(article=story, user=desk_editor, expected_version=story.version)
    assert fresh(corrected).published_at == story.published_at


def test_a_story_stored_with_a_later_time_still_takes_other_changes(
    desk_editor, corrected
):
    """Data from before the rule: the stored time stays and the story can
    still be edited; only a time that changes is checked."""
    late = first_note_time(corrected) + dt.timedelta(minutes=10)
    Article.objects.filter(pk=corrected.pk).update(published_at=late)
    story = fresh(corrected)
    story.title = "A headline edited afterwards"
    article_save(article=story, user=desk_editor, expected_version=story.version)
    assert fresh(corrected).title == "A headline edited afterwards"
    assert fresh(corrected).published_at == late


def test_refused_a_later_time_the_editor_clears_it_and_publishes_with_the_first_time(
    client, desk_editor, corrected
):
    """What an editor does after the refusal: clears the time and publishes.
    The save had emptied the time, and the step then took "now", after the
    note, and failed at every press."""
    first_time = corrected.published_at
    url = admin_url(Article, "change", corrected.pk)
    login(client, desk_editor).post(url, form_data(corrected, _transition="unpublish"))
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    refused = client.post(
        url,
        form_data(
            fresh(corrected),
            published_at_0=tomorrow.strftime("%Y-%m-%d"),
            published_at_1=tomorrow.strftime("%H:%M:%S"),
            _transition="publish",
        ),
    )
    assert "published_at" in refused.context["adminform"].form.errors

    response = client.post(
        url,
        form_data(
            fresh(corrected),
            published_at_0="",
            published_at_1="",
            _transition="publish",
        ),
    )
    assert response.status_code == 302
    story = fresh(corrected)
    assert story.status == Status.PUBLISHED
    assert story.published_at == first_time
    followed = client.get(response["Location"]).content.decode()
    assert "workflow step failed" not in followed


def test_an_unpublished_story_saved_with_its_time_cleared_keeps_its_first_time(
    client, desk_editor, corrected
):
    first_time = corrected.published_at
    url = admin_url(Article, "change", corrected.pk)
    login(client, desk_editor).post(url, form_data(corrected, _transition="unpublish"))
    client.post(url, form_data(fresh(corrected), published_at_0="", published_at_1=""))
    assert fresh(corrected).published_at == first_time
