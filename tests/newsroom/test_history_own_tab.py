"""A meeting's refusal and its combining, when the save met was the editor's
own in another tab: they said "Saved now: kept, with their change to Role",
"rows they added", "Combine my changes with theirs", as if a colleague had
saved. They now say it was the editor, in the other tab, and name nobody;
when a colleague saved, they read as before."""

import re

import pytest
import reversion
from django.test import Client

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
    "rows": "both, row by row: the rows added in the other tab and here, and in "
    "each row the fields you changed here",
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
}
COLLEAGUE = {
    "header": "Saved now (by Ayu Lestari)",
    "rows": "both, row by row: the rows they added and yours, and in each row "
    "the fields you changed",
    "clashes": "You both changed these: choose whose to keep",
    "removal": ["Yours: removed", "Saved now: kept, with their change to Role"],
    "buttons": [
        "Combine my changes with theirs and save",
        "Save my version anyway (replaces their changes)",
        "Discard my changes and open their version",
    ],
    "moved": "Your new session “Joint communiqué” goes last (9): their new "
    "session has its place (8).",
}


@pytest.fixture
def meeting(jwg4, editor):
    """The 4th JWG as first saved, with its revision."""
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
        reversion.set_user(editor)
    return jwg4


@pytest.fixture
def own_tabs(editor_a):
    """Editor A's two tabs: one person, two pages of the same meeting."""
    first, second = Client(), Client()
    first.force_login(editor_a)
    second.force_login(editor_a)
    return first, second


@pytest.fixture(params=["own tab", "colleague"])
def case(request, own_tabs, tabs):
    """Editor A in one tab and then the other, or editor A and then B; and
    what the refusal says in each case."""
    if request.param == "own tab":
        return own_tabs, OWN_TAB
    return tabs, COLLEAGUE


def words(element) -> str:
    return " ".join(element.text_content().split())


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

    # Combined, keeping this tab's values: the new session told where it went.
    for fieldset in shown.xpath(".//fieldset"):
        mine[fieldset.xpath(".//input")[0].get("name")] = "mine"
    mine["combine_revision"] = shown.xpath('.//button[@name="combine_revision"]')[
        0
    ].get("value")
    combined = saves(second, meeting, mine)
    assert combined.status_code == 302, combined.context["adminform"].form.errors
    assert expected["moved"] in said(combined)
