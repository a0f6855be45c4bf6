"""Times History shows together read alike: all to the minute, as the desk
keeps a meeting's times, or, where their seconds differ, all with seconds.
History showed "02:18" beside "02:17:59" (each value had its precision
worked out on its own), read a second's change as a minute's ("12:17" to
"12:18"), and left out a session's time changed within its minute."""

import datetime as dt
import re

import pytest
import reversion
from lxml import html as lxml_html
from reversion.models import Revision, Version

from agencies.models import Meeting
from tests.newsroom.admin_forms import admin_url, opened, saves

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

JAKARTA = dt.timezone(dt.timedelta(hours=7))
# "12:17" or "12:17:59": every time of the day a line shows.
CLOCK = re.compile(r"\b\d\d:\d\d(?::\d\d)?\b")


def saved_revision(obj, user, when: dt.datetime | None = None) -> Version:
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
    version = Version.objects.get_for_object(obj).order_by("-pk").first()
    if when is not None:
        Revision.objects.filter(pk=version.revision_id).update(date_created=when)
        version.refresh_from_db()
    return version


def closing_session(meeting, start, end):
    closing = meeting.sessions.order_by("order").last()
    closing.start, closing.end = start, end
    closing.save()
    return closing


def compared(client, meeting, old: Version, new: Version):
    response = client.get(
        admin_url(Meeting, "compare", meeting.pk) + f"?from={old.pk}&to={new.pk}"
    )
    assert response.status_code == 200
    return response


def line_of(text: str, title: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(title))


def test_a_sessions_times_read_alike_before_and_after_a_change_of_seconds(
    editor_client, editor, jwg4
):
    """12:17:59 to 12:18:00 is a second's change: both lines with seconds,
    not "12:17" then "12:18", each time of a line as the other."""
    closing = closing_session(
        jwg4,
        dt.datetime(2022, 3, 24, 12, 17, 59, tzinfo=JAKARTA),
        dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA),
    )
    old = saved_revision(jwg4, editor)
    closing.start = dt.datetime(2022, 3, 24, 12, 18, tzinfo=JAKARTA)
    closing.end = dt.datetime(2022, 3, 24, 13, 30, tzinfo=JAKARTA)
    closing.save()
    new = saved_revision(jwg4, editor)

    response = compared(editor_client, jwg4, old, new)

    change = {c.label: c for c in response.context["changes"]}["Sessions"]
    before, after = (
        line_of(change.old, closing.title),
        line_of(change.new, closing.title),
    )
    assert CLOCK.findall(before) == ["12:17:59", "13:00:00"]
    assert CLOCK.findall(after) == ["12:18:00", "13:30:00"]


def test_a_sessions_time_changed_within_its_minute_shows(editor_client, editor, jwg4):
    closing = closing_session(
        jwg4,
        dt.datetime(2022, 3, 24, 12, 17, 30, tzinfo=JAKARTA),
        dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA),
    )
    old = saved_revision(jwg4, editor)
    closing.start = dt.datetime(2022, 3, 24, 12, 17, 59, tzinfo=JAKARTA)
    closing.save()
    new = saved_revision(jwg4, editor)

    response = compared(editor_client, jwg4, old, new)

    change = {c.label: c for c in response.context["changes"]}["Sessions"]
    assert CLOCK.findall(line_of(change.old, closing.title)) == ["12:17:30", "13:00:00"]
    assert CLOCK.findall(line_of(change.new, closing.title)) == ["12:17:59", "13:00:00"]


def test_meeting_times_kept_to_the_minute_read_to_the_minute(
    editor_client, editor, jwg4
):
    closing = closing_session(
        jwg4,
        dt.datetime(2022, 3, 24, 12, 0, tzinfo=JAKARTA),
        dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA),
    )
    old = saved_revision(jwg4, editor)
    data = opened(editor_client, jwg4)
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("sessions-")
        and key.endswith("-id")
        and str(value) == str(closing.pk)
    )
    data |= {f"{row}-end_1": "12:45", "start_1": "09:30"}
    assert saves(editor_client, jwg4, data).status_code == 302
    new = Version.objects.get_for_object(jwg4).order_by("-pk").first()

    response = compared(editor_client, jwg4, old, new)

    changes = {c.label: c for c in response.context["changes"]}
    assert CLOCK.findall(changes["Starts"].old) == ["09:00"]
    assert CLOCK.findall(changes["Starts"].new) == ["09:30"]
    assert CLOCK.findall(line_of(changes["Sessions"].old, closing.title)) == [
        "12:00",
        "13:00",
    ]
    assert CLOCK.findall(line_of(changes["Sessions"].new, closing.title)) == [
        "12:00",
        "12:45",
    ]


def test_the_refusals_two_values_of_a_time_read_alike(editor_client, editor, meeting):
    """An import set the start to 09:00:45 while the editor, who had opened
    the meeting at 09:00, typed 09:05: the refusal's line showed "09:05"
    beside "09:00:45"."""
    sent = opened(editor_client, meeting)
    meeting.start = dt.datetime(2022, 3, 24, 9, 0, 45, tzinfo=JAKARTA)
    meeting.save()
    saved_revision(meeting, None)

    refused = saves(editor_client, meeting, {**sent, "start_1": "09:05"})

    assert refused.status_code == 200
    page = lxml_html.fromstring(refused.content.decode())
    table = page.xpath('//table[contains(@class, "stale-save-versions")]')[0]
    starts = next(
        tr for tr in table.xpath("./tbody/tr") if tr.xpath("./th")[0].text == "Starts"
    )
    mine, now, _keeps = (td.text_content() for td in starts.xpath("./td"))
    assert CLOCK.findall(mine) == ["09:05:00"]
    assert CLOCK.findall(now) == ["09:00:45"]


def test_compare_names_both_revisions_times_alike(editor_client, editor, jwg4):
    """Revision 2 shares its minute with revision 1, revision 3 has its own:
    "From revision 2 (… 02:17:59) to revision 3 (… 02:18)" read as if 3
    were saved on the minute."""
    saved_revision(jwg4, editor, dt.datetime(2024, 5, 6, 2, 17, 10, tzinfo=JAKARTA))
    jwg4.venue = "JCC"
    jwg4.save()
    second = saved_revision(
        jwg4, editor, dt.datetime(2024, 5, 6, 2, 17, 59, tzinfo=JAKARTA)
    )
    jwg4.venue = "Sentul"
    jwg4.save()
    third = saved_revision(
        jwg4, editor, dt.datetime(2024, 5, 6, 2, 18, 0, tzinfo=JAKARTA)
    )

    response = compared(editor_client, jwg4, second, third)

    page = lxml_html.fromstring(response.content.decode())
    heading = page.xpath('//div[@id="content-main"]/p')[0].text_content()
    assert CLOCK.findall(heading) == ["02:17:59", "02:18:00"]
