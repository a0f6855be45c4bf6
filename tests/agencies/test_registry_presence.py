"""Who else has an agency's, a person's or a meeting series' change form
open (newsroom/presence, PresenceAdmin), as a meeting's and a story's say:
the registry has the same edit lock, and two editors had found out only
when the second save was refused. What every form does, the registry's
too, is asked of each in tests/articles/test_presence.py; here, that each
object is counted apart."""

import pytest

from tests.newsroom.presence_pages import (
    logged_in,
    notice,
    open_form,
    with_revision,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_agency_open_is_not_said_of_the_meeting_or_person_with_its_number(
    bnpt, officials, jwg4, ayu, budi
):
    open_form(logged_in(ayu), with_revision(bnpt))

    for obj in (officials["Amar"], jwg4.series):
        page = open_form(logged_in(budi), with_revision(obj))
        assert notice(page) == "", type(obj)
