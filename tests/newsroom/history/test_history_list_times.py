"""A History page's times read alike, row by row: all to the minute, or
all with seconds when two of its rows fall in one minute (to tell them
apart). A story's History showed "05:50:09" in one row and "05:37" in the
next, each row's precision worked out on its own."""

import datetime as dt
import re

import pytest
import reversion
from lxml import html as lxml_html
from reversion.models import Revision, Version

from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

JAKARTA = dt.timezone(dt.timedelta(hours=7))
CLOCK = re.compile(r"\b\d\d:\d\d(?::\d\d)?\b")
# Two saves in the minute of 05:50, one at 05:37.
SAVED_AT = [
    dt.datetime(2025, 3, 24, 5, 37, 12, tzinfo=JAKARTA),
    dt.datetime(2025, 3, 24, 5, 50, 9, tzinfo=JAKARTA),
    dt.datetime(2025, 3, 24, 5, 50, 41, tzinfo=JAKARTA),
]


def saved_at(obj, user, when: dt.datetime) -> None:
    """A revision of `obj`, saved at `when`."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
    version = Version.objects.get_for_object(obj).order_by("-pk").first()
    Revision.objects.filter(pk=version.revision_id).update(date_created=when)


def history_times(client, obj) -> list[str]:
    """The time of each row of `obj`'s History page, newest first."""
    response = client.get(admin_url(type(obj), "history", obj.pk))
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content.decode())
    cells = page.xpath("//div[@id='change-history']//tbody/tr/th[@scope='row']")
    return [CLOCK.search(cell.text_content()).group() for cell in cells]


def test_a_storys_history_shows_every_row_with_seconds_when_two_share_a_minute(
    editor_client, editor, section
):
    story = ArticleFactory(section=section, title="Delegasi Filipina tiba")
    for when in SAVED_AT:
        saved_at(story, editor, when)

    assert history_times(editor_client, story) == ["05:50:41", "05:50:09", "05:37:12"]


def test_a_meetings_history_shows_every_row_with_seconds_when_two_share_a_minute(
    editor_client, editor, jwg4
):
    for when in SAVED_AT:
        saved_at(jwg4, editor, when)

    assert history_times(editor_client, jwg4) == ["05:50:41", "05:50:09", "05:37:12"]
