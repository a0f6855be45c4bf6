"""Who else has a meeting's change form open (newsroom/presence,
PresenceAdmin), as a story's writing screen says it: two editors changing
the same meeting had found out only when the second save was refused by the
edit lock. What every form does, a meeting's too, is asked of each in
tests/articles/test_presence.py; here, what is a meeting's alone."""

import pytest

from tests.articles.factories import ArticleFactory
from tests.newsroom.presence_pages import (
    logged_in,
    notice,
    open_form,
    with_revision,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_meeting_open_is_not_said_on_the_story_with_its_number(
    jwg4, section, ayu, budi
):
    meeting = with_revision(jwg4)
    story = with_revision(ArticleFactory(id=meeting.pk, section=section, body="Teks."))
    open_form(logged_in(budi), meeting)

    assert notice(open_form(logged_in(ayu), story)) == ""
    assert "Budi Santoso" in notice(open_form(logged_in(ayu), meeting))
