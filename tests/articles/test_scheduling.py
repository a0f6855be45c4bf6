"""A scheduled article goes live by itself: no job, no process, just the clock."""

import datetime as dt

import pytest

from articles.services import article_publish
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed(section):
    return ArticleFactory(
        section=section,
        draft=True,
        title="Joint statement on cross-border financing",
        slug="joint-statement-financing",
        language="en",
    )


def test_an_article_scheduled_a_minute_ahead_is_hidden_then_shown(
    client, editor, embargoed, clock
):
    article_publish(
        article=embargoed, user=editor, at=clock.now + dt.timedelta(minutes=1)
    )
    url = embargoed.get_absolute_url()
    assert embargoed.is_scheduled

    assert client.get(url).status_code == 404
    assert embargoed.title not in client.get("/").content.decode()

    clock.advance(seconds=59)
    assert client.get(url).status_code == 404
    assert embargoed.title not in client.get("/").content.decode()

    clock.advance(seconds=1)
    assert client.get(url).status_code == 200
    assert embargoed.title in client.get("/").content.decode()
    assert embargoed.title in client.get("/sections/international/").content.decode()
    assert embargoed.is_public


def test_staff_preview_says_scheduled_until_the_time_comes(
    desk_editor, embargoed, clock, client, english
):
    article_publish(
        article=embargoed, user=desk_editor, at=clock.now + dt.timedelta(minutes=1)
    )
    client.force_login(desk_editor)
    preview = f"/preview/articles/{embargoed.pk}/"
    assert "scheduled for" in client.get(preview).content.decode()
    clock.advance(minutes=1)
    assert "readers see this page at" in client.get(preview).content.decode()
