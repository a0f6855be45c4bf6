"""A meeting's dates and times on a phone (390 px), in Chromium: each date
picker and time box, the meeting's and each session's, in one column inside
the form. The date picker kept Django's 5 px margin and a width of its own:
it ended past the time box under it and, in a session's card, past the
card's other fields."""

import datetime as dt

import pytest

from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

WIDTH = 390

# Each date-time of the form (not the inline's hidden template row): its
# fields' boxes, and the content box of what holds it (a session's card
# cell, else the form's row).
DATE_TIMES = """() => [...document.querySelectorAll('#content-main form p.datetime')]
    .filter((p) => p.getClientRects().length && !p.closest('.empty-form'))
    .map((p) => {
        const holder = p.closest('td') || p.closest('.form-row');
        const style = getComputedStyle(holder);
        const room = holder.getBoundingClientRect();
        return {
            fields: [...p.querySelectorAll('input:not([type=hidden])')].map((input) => {
                const {left, right} = input.getBoundingClientRect();
                return {name: input.name, left, right};
            }),
            left: room.left + parseFloat(style.paddingLeft),
            right: room.right - parseFloat(style.paddingRight),
        };
    })"""


@pytest.fixture
def meeting(transactional_db, e2e_settings):
    start = dt.datetime(2022, 3, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    meeting = MeetingFactory(
        title="JWG ke-4 Penanggulangan Terorisme",
        timezone="Asia/Manila",
        start=start,
        end=start + dt.timedelta(hours=4),
    )
    MeetingSessionFactory(
        meeting=meeting,
        order=1,
        title="Pembukaan",
        start=start,
        end=start + dt.timedelta(hours=1),
    )
    return meeting


@pytest.mark.parametrize("view", ["change", "add"])
def test_on_a_phone_a_meetings_dates_and_times_fit_the_form(
    open_page, make_staff, meeting, view
):
    make_staff("Editor", "redaktur")
    page = open_page(viewport={"width": WIDTH, "height": 844})
    admin_login(page, "redaktur")
    address = f"/admin/agencies/meeting/{meeting.pk}/change/"
    page.goto(address if view == "change" else "/admin/agencies/meeting/add/")

    form = page.locator("#content-main form").bounding_box()
    date_times = page.evaluate(DATE_TIMES)
    # The meeting's start and end, and each session row's (one saved on the
    # change page, one empty).
    assert len(date_times) == (6 if view == "change" else 4), date_times
    for date_time in date_times:
        date, time = date_time["fields"]
        for field in (date, time):
            assert field["left"] >= max(form["x"], date_time["left"]) - 1, field
            assert (
                field["right"]
                <= min(form["x"] + form["width"], date_time["right"], WIDTH) + 1
            ), (field, date_time)
        # The date picker over the time box, in one column.
        assert abs(date["left"] - time["left"]) <= 1, date_time
        assert abs(date["right"] - time["right"]) <= 1, date_time
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
