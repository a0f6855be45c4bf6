"""Publishing a story whose "Dates to check before publishing" panel is still
open: published (or scheduled) all the same, an editor may mean it, but
said as a warning naming the dates, with a link to where they are put
right; once the date is written in full, nothing more is said."""

import datetime as dt
import html

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.test_admin_workflow import form_data
from tests.articles.test_desk_byline_body_dates import (
    CAUTION,
    change_page,
    pasted_and_saved,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

STILL_TO_CHECK = f"Still to check: {CAUTION}"


def said(response) -> list[tuple[int, str]]:
    """The messages the response's request left, with their levels."""
    return [
        (message.level, html.unescape(str(message)))
        for message in get_messages(response.wsgi_request)
    ]


def post_change(client, user, story, **overrides):
    client.force_login(user)
    story.refresh_from_db()
    return client.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        form_data(story, **overrides),
    )


def pasted(client, reporter, section) -> Article:
    """The reporter's pasted story in review (test_desk_byline_body_dates),
    the messages of its saving read."""
    story = pasted_and_saved(client, reporter, section)
    client.get(reverse("admin:articles_article_change", args=[story.pk]))
    return story


def in_full(story) -> str:
    return story.body.replace("Kamis (24/3)", "Kamis (24/3/2022)")


def test_publishing_with_a_date_to_check_warns_naming_it_until_written_in_full(
    client, reporter, desk_editor, section
):
    story = pasted(client, reporter, section)

    response = post_change(client, desk_editor, story, _transition="publish")

    story.refresh_from_db()
    assert story.is_public  # published all the same
    assert said(response) == [
        (
            messages.WARNING,
            f'Published. {STILL_TO_CHECK} <a href="#id_body">Write the date in '
            "full, with its year, in the body</a>",
        )
    ]
    # Live: the panel is said no more; the body it links to is there.
    page = change_page(client, desk_editor, story)
    assert 'id="date-cautions"' not in page and 'id="id_body"' in page

    # The date written in full: saved without a word of it.
    response = post_change(client, desk_editor, story, body=in_full(story))

    story.refresh_from_db()
    assert "Kamis (24/3/2022)" in story.body
    assert all("Still to check" not in text for _, text in said(response))


def test_scheduling_with_a_date_to_check_warns_and_keeps_the_panel_until_written(
    client, reporter, desk_editor, section
):
    story = pasted(client, reporter, section)
    at = timezone.localtime() + dt.timedelta(days=1)
    when = {
        "published_at_0": at.strftime("%Y-%m-%d"),
        "published_at_1": at.strftime("%H:%M"),
    }

    response = post_change(client, desk_editor, story, _transition="publish", **when)

    story.refresh_from_db()
    assert story.is_scheduled
    [(level, text)] = said(response)
    assert level == messages.WARNING
    assert text.startswith("Scheduled: goes live by itself on ")
    assert text.endswith(
        f'. {STILL_TO_CHECK} <a href="#date-cautions">See the dates to check</a>'
    )
    # Not live yet: the panel the warning links to is still on the page.
    page = change_page(client, desk_editor, story)
    assert 'id="date-cautions"' in page and CAUTION in page

    # Written in full and saved: the panel goes; scheduled again, no warning.
    post_change(client, desk_editor, story, body=in_full(story))
    assert 'id="date-cautions"' not in change_page(client, desk_editor, story)
    response = post_change(client, desk_editor, story, _transition="publish", **when)

    story.refresh_from_db()
    assert story.is_scheduled
    [(level, text)] = said(response)
    assert level == messages.SUCCESS and "Still to check" not in text


def test_an_unpublished_story_shows_its_dates_again_and_once_written_says_published(
    client, reporter, desk_editor, section
):
    story = pasted(client, reporter, section)
    Article.objects.filter(pk=story.pk).update(needs_headline=False)
    story.refresh_from_db()
    services.article_publish(
        article=story, user=desk_editor, at=timezone.now() - dt.timedelta(minutes=1)
    )
    services.article_unpublish(article=story, user=desk_editor)

    # Off the site, before publishing again: the panel is back.
    page = change_page(client, desk_editor, story)
    assert 'id="date-cautions"' in page and CAUTION in page

    post_change(client, desk_editor, story, body=in_full(story))
    assert 'id="date-cautions"' not in change_page(client, desk_editor, story)
    response = post_change(client, desk_editor, story, _transition="publish")

    story.refresh_from_db()
    assert story.is_public
    assert said(response) == [(messages.SUCCESS, "Published.")]


def test_publishing_by_the_steps_own_address_warns_too(
    client, reporter, desk_editor, section
):
    story = pasted(client, reporter, section)
    Article.objects.filter(pk=story.pk).update(needs_headline=False)
    client.force_login(desk_editor)

    response = client.post(reverse("admin:articles_article_publish", args=[story.pk]))

    story.refresh_from_db()
    assert story.is_public
    [(level, text)] = said(response)
    assert level == messages.WARNING and STILL_TO_CHECK in text
