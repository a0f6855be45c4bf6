"""A meeting's refusal and its combining, when the save met was the editor's
own in another tab: they said "Saved now: kept, with their change to Role",
"rows they added", "Combine my changes with theirs", as if a colleague had
saved, and so did the messages around them ("The latest save is revision 3
in History: Ayu Lestari", "you both changed", "Saved your version over their
changes"). They now say it was the editor, in the other tab, and name
nobody; when a colleague saved, they read as before."""

import re

import pytest

from tests.newsroom.admin_forms import opened, saves
from tests.newsroom.test_history_combine import (
    a_changes_the_first_delegations_role,
    a_saves_summary_session_and_person,
    b_changes,
    panel,
    said,
    table,
)

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Words that take the other save for someone else's.
SOMEONE_ELSE = re.compile(r"\b(?:they|their|theirs|them|someone else)\b", re.I)

OWN_TAB = {
    "header": "Saved now (your other tab)",
    # Session 1's title changed in both: the choice's, not "both".
    "rows": "row by row: the rows added in the other tab and here, and in each "
    "row the fields you changed here; for what was changed in both, your choice "
    "below",
    "clashes": "You changed these both here and in the other tab: choose which to keep",
    "removal": [
        "In this form: removed",
        "Saved now (your other tab): kept, with your change to Role",
    ],
    "buttons": [
        "Combine these changes with the other tab's, and save",
        "Save this version anyway (replaces the other tab's changes)",
        "Discard these changes and open the version saved in the other tab",
    ],
    "moved": "Your new session “Joint communiqué” goes last (9): the new session "
    "you saved in the other tab has its place (8).",
    "latest": "The latest save is revision 3 in History: yours, in another tab or "
    "window, ",
    "unchosen": "Nothing has been saved: you changed Sessions: “Opening remarks by "
    "the Head of BNPT”, Title and Participating agencies: “BNPT (ID) – Observer” "
    "both here and in the other tab. Choose below which to keep for each, then "
    "combine again.",
    "combined": "Saved: your changes here and in the other tab are combined. The "
    "other tab's version is kept in the history.",
    "overwritten": "Saved this version over the one from your other tab. That "
    "version is kept in the history.",
}
COLLEAGUE = {
    "header": "Saved now (by Ayu Lestari)",
    "rows": "row by row: the rows they added and yours, and in each row the "
    "fields you changed; for what you both changed, your choice below",
    "clashes": "You both changed these: choose whose to keep",
    "removal": ["Yours: removed", "Saved now: kept, with their change to Role"],
    "buttons": [
        "Combine my changes with theirs and save",
        "Save my version anyway (replaces their changes)",
        "Discard my changes and open their version",
    ],
    "moved": "Your new session “Joint communiqué” goes last (9): their new "
    "session has its place (8).",
    "latest": "The latest save is revision 3 in History: Ayu Lestari, ",
    "unchosen": "Nothing has been saved: you both changed Sessions: “Opening "
    "remarks by the Head of BNPT”, Title and Participating agencies: “BNPT (ID) – "
    "Observer”. Choose below whose to keep for each, then combine again.",
    "combined": "Saved: your changes and theirs are combined. Their version is "
    "kept in the history.",
    "overwritten": "Saved your version over their changes. Their version is kept "
    "in the history.",
}


@pytest.fixture(params=["own tab", "colleague"])
def case(request, own_tabs, tabs):
    """Editor A in one tab and then the other, or editor A and then B; and
    what the refusal says in each case."""
    if request.param == "own tab":
        return own_tabs, OWN_TAB
    return tabs, COLLEAGUE


def words(element) -> str:
    return " ".join(element.text_content().split())


def refusal(response) -> str:
    """What the refused form says at its top."""
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_the_refusal_and_combining_after_a_save_in_my_other_tab_are_told_as_mine(
    case, meeting
):
    (first, second), expected = case
    sent = opened(second, meeting)
    a_saves_summary_session_and_person(first, meeting)
    a_changes_the_first_delegations_role(first, meeting)
    mine = b_changes(sent)

    refused = saves(second, meeting, mine)
    shown = panel(refused)
    said_at_top = refusal(refused)
    assert expected["latest"] in said_at_top

    headers = [words(th) for th in shown.xpath(".//thead//th")]
    assert headers[2] == expected["header"]
    assert table(shown)["Sessions"][2] == expected["rows"]
    assert words(shown.xpath(".//h3")[-1]) == expected["clashes"]
    removal = shown.xpath(".//fieldset")[-1]
    assert [words(label) for label in removal.xpath(".//label")] == expected["removal"]
    buttons = shown.xpath('.//div[@class="submit-row"]/*')
    assert [words(button) for button in buttons] == expected["buttons"]
    if expected is OWN_TAB:
        # Nobody else is named, nor spoken of.
        assert "Ayu Lestari" not in words(shown)
        assert SOMEONE_ELSE.findall(words(shown)) == []
        assert "Ayu Lestari" not in said_at_top
        assert SOMEONE_ELSE.findall(said_at_top) == []

    # Combining without choosing is refused, naming what is left to choose.
    mine["combine_revision"] = shown.xpath('.//button[@name="combine_revision"]')[
        0
    ].get("value")
    unchosen = refusal(saves(second, meeting, mine))
    assert unchosen == expected["unchosen"]
    if expected is OWN_TAB:
        assert SOMEONE_ELSE.findall(unchosen) == []

    # Combined, keeping this tab's values: the new session told where it went.
    for fieldset in shown.xpath(".//fieldset"):
        mine[fieldset.xpath(".//input")[0].get("name")] = "mine"
    combined = saves(second, meeting, mine)
    assert combined.status_code == 302, combined.context["adminform"].form.errors
    assert said(combined)[0] == expected["combined"]
    assert expected["moved"] in said(combined)


def test_saving_over_my_other_tab_says_so(case, meeting):
    (first, second), expected = case
    sent = opened(second, meeting)
    a_saves_summary_session_and_person(first, meeting)
    mine = b_changes(sent)
    refused = panel(saves(second, meeting, mine))

    overwrite = refused.xpath('.//button[@name="overwrite_revision"]')[0]
    saved = saves(
        second, meeting, {**mine, "overwrite_revision": overwrite.get("value")}
    )

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert said(saved)[0] == expected["overwritten"]
    meeting.refresh_from_db()
    assert meeting.city == "Jakarta Pusat"
