"""The edit lock's refusal says, in its "Combining keeps" column, what
combining does with rows both editors changed. A session both had given a
new start (a value to choose below) read "both, row by row: … the fields you
changed" beside the choice it asked for: which start was kept was the
choice's, not "both"."""

import datetime as dt

import pytest
import reversion
from lxml import html as lxml_html

from tests.newsroom.admin_forms import opened, saves

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

JAKARTA = dt.timezone(dt.timedelta(hours=7))


def words(element) -> str:
    return " ".join(element.text_content().split())


def refusal_table(response) -> dict[str, list[str]]:
    """The refusal's table: each line's cells, by its field's name."""
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content.decode())
    table = page.xpath('//table[contains(@class, "stale-save-versions")]')[0]
    return {
        words(tr.xpath("./th")[0]): [words(td) for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    }


def choices(response) -> list[str]:
    page = lxml_html.fromstring(response.content.decode())
    return [words(legend) for legend in page.xpath("//fieldset/legend")]


@pytest.fixture
def closing(meeting):
    """The meeting's last session, timed 12:00 to 13:00, in the revision
    both forms open."""
    session = meeting.sessions.order_by("order").last()
    session.start = dt.datetime(2022, 3, 24, 12, 0, tzinfo=JAKARTA)
    session.end = dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA)
    session.save()
    with reversion.create_revision():
        reversion.add_to_revision(meeting)
    return session


def row(data: dict, pk: int) -> str:
    return next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("sessions-") and key.endswith("-id") and str(value) == str(pk)
    )


@pytest.fixture
def refusal(meeting, closing):
    """Both browsers open the meeting; the first gives the closing session a
    new start, 12:30, and saves; the second sends its form with `field` of
    that session set to `value`: the response (the refusal)."""

    def refused(browsers, field: str, value: str):
        first, second = browsers
        sent_first, sent_second = opened(first, meeting), opened(second, meeting)
        prefix = row(sent_first, closing.pk)
        changed = {**sent_first, f"{prefix}-start_1": "12:30"}
        assert saves(first, meeting, changed).status_code == 302
        return saves(second, meeting, {**sent_second, f"{prefix}-{field}": value})

    return refused


@pytest.mark.parametrize(
    ("browsers", "kept"),
    [
        (
            "tabs",
            "row by row: the rows they added and yours, and in each row the "
            "fields you changed; for what you both changed, your choice below",
        ),
        (
            "own_tabs",
            "row by row: the rows added in the other tab and here, and in each "
            "row the fields you changed here; for what was changed in both, your "
            "choice below",
        ),
    ],
)
def test_a_session_both_changed_is_kept_as_chosen_not_both(
    request, refusal, closing, browsers, kept
):
    refused = refusal(request.getfixturevalue(browsers), "start_1", "12:45")

    mine, now, keeps = refusal_table(refused)["Sessions"]
    assert "12:45" in mine and "12:30" in now
    assert keeps == kept
    assert not keeps.startswith("both")
    assert f"Sessions: “{closing.title}”, Starts" in choices(refused)


def test_a_session_both_changed_in_different_fields_is_kept_row_by_row(tabs, refusal):
    """Nothing to choose: combining keeps both changes, as it says."""
    refused = refusal(tabs, "end_1", "13:30")

    _mine, _now, keeps = refusal_table(refused)["Sessions"]
    assert keeps == (
        "both, row by row: the rows they added and yours, and in each row the "
        "fields you changed"
    )
    assert choices(refused) == []


def test_a_session_removed_that_a_colleague_changed_is_kept_as_chosen(
    tabs, refusal, closing
):
    refused = refusal(tabs, "DELETE", "on")

    _mine, _now, keeps = refusal_table(refused)["Sessions"]
    assert keeps.endswith("for what you both changed, your choice below")
    assert f"Sessions: “{closing.title}”" in choices(refused)
