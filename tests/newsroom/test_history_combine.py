"""A meeting's edit lock offers to combine: editor B's save, refused after
editor A's, had only "Save my version anyway", which put back A's summary
(B never touched it), wrote B's session title over A's and left two sessions
in one place of the agenda. Combining keeps A's work wherever B changed
nothing, asks B about what both changed, and the refusal's table shows both
versions (it had shown A's changes only, under "Your version | Now")."""

import pytest
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from agencies.models import Meeting, MeetingAttendance, MeetingParticipant
from tests.agencies.factories import PersonFactory
from tests.newsroom.admin_forms import opened, saves

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

A_SUMMARY = "The first meeting since 2019; both sides agreed on a joint task force."
A_TITLE = "Opening remarks by the Head of BNPT"
B_TITLE = "Opening: welcome by BNPT"


def panel(response):
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content.decode())
    return page.get_element_by_id("stale-save-title").getparent()


def table(section) -> dict[str, list[str]]:
    """The refusal's table: each field's cells, by its label."""
    rows = section.xpath('.//table[contains(@class, "stale-save-versions")]')[0]
    return {
        tr.xpath("./th")[0].text_content().strip(): [
            " ".join(td.text_content().split()) for td in tr.xpath("./td")
        ]
        for tr in rows.xpath("./tbody/tr")
    }


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def a_saves_summary_session_and_person(a, meeting):
    """A: a new summary, session 1 renamed, session 2 summed up, a session
    and a person added."""
    newcomer = PersonFactory(name="Rina Marlina", slug="rina-marlina")
    data = opened(a, meeting)
    data.update(
        {
            "summary": A_SUMMARY,
            "sessions-0-title": A_TITLE,
            "sessions-1-summary": "Each side reported on its cases.",
            "sessions-7-order": "8",
            "sessions-7-title": "Closing remarks",
            "attendances-3-person": str(newcomer.pk),
            "attendances-3-role": str(MeetingAttendance.Role.SPOKE),
            "attendances-3-order": "3",
        }
    )
    assert saves(a, meeting, data).status_code == 302
    return newcomer


def b_changes(data: dict) -> dict:
    """B: the city, session 1 renamed otherwise, session 2's English title,
    a delegation removed, a session added in the same place as A's."""
    return {
        **data,
        "city": "Jakarta Pusat",
        "sessions-0-title": B_TITLE,
        "sessions-1-title_en": "Country reports",
        "participants-0-DELETE": "on",
        "sessions-7-order": "8",
        "sessions-7-title": "Joint communiqué",
    }


def test_combining_keeps_a_colleagues_changes_where_the_editor_changed_nothing(
    tabs, meeting
):
    a, b = tabs
    old_summary = meeting.summary
    sent_by_b = opened(b, meeting)
    first_delegation = meeting.participants.first()
    newcomer = a_saves_summary_session_and_person(a, meeting)
    mine = b_changes(sent_by_b)

    # Refused; the table shows B's form beside what is saved, B's own
    # changes included, and what combining keeps.
    refused = panel(saves(b, meeting, mine))
    shown = table(refused)
    assert shown["City"] == ["Jakarta Pusat", "—", "yours"]
    assert shown["Summary"] == [old_summary, A_SUMMARY, "the saved one"]
    # Session 1's title both renamed: B's choice below, not "both".
    assert shown["Sessions"][2].startswith("row by row")
    assert shown["Sessions"][2].endswith("for what you both changed, your choice below")
    assert B_TITLE in shown["Sessions"][0] and A_TITLE not in shown["Sessions"][0]
    assert A_TITLE in shown["Sessions"][1] and B_TITLE not in shown["Sessions"][1]
    assert "Joint communiqué" in shown["Sessions"][0]
    assert "Closing remarks" in shown["Sessions"][1]
    assert str(first_delegation.agency) in shown["Participating agencies"][1]
    assert str(first_delegation.agency) not in shown["Participating agencies"][0]
    assert shown["People at the meeting"][2] == "the saved one"
    headers = [th.text_content() for th in refused.xpath(".//thead//th")]
    assert headers == [
        "Field",
        "In your form",
        "Saved now (by Ayu Lestari)",
        "Combining keeps",
    ]
    # The title both changed is B's to decide, named before anything is saved.
    clash = refused.xpath(".//fieldset")[0]
    assert clash.xpath("./legend")[0].text_content() == f"Sessions: “{A_TITLE}”, Title"
    combine = refused.xpath('.//button[@name="combine_revision"]')[0]
    assert combine.text_content() == "Combine my changes with theirs and save"
    mine["combine_revision"] = combine.get("value")

    # Combining without choosing is refused, naming the title.
    unchosen = saves(b, meeting, mine)
    errors = " ".join(unchosen.context["adminform"].form.non_field_errors())
    assert errors == (
        f"Nothing has been saved: you both changed Sessions: “{A_TITLE}”, Title. "
        "Choose below whose to keep for each, then combine again."
    )
    assert Meeting.objects.get(pk=meeting.pk).city == ""

    # B keeps their title and combines.
    mine[clash.xpath(".//input")[0].get("name")] = "mine"
    saved = saves(b, meeting, mine)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert said(saved)[0] == (
        "Saved: your changes and theirs are combined. Their version is kept in "
        "the history."
    )
    assert "Your new session “Joint communiqué” goes last (9)" in said(saved)[1]
    meeting.refresh_from_db()
    assert (meeting.summary, meeting.city) == (A_SUMMARY, "Jakarta Pusat")
    sessions = list(meeting.sessions.values_list("order", "title"))
    assert sessions[0] == (1, B_TITLE)
    assert sessions[-2:] == [(8, "Closing remarks"), (9, "Joint communiqué")]
    second = meeting.sessions.get(order=2)
    assert (second.summary, second.title_en) == (
        "Each side reported on its cases.",
        "Country reports",
    )
    assert meeting.attendances.filter(person=newcomer).exists()
    assert not meeting.participants.filter(pk=first_delegation.pk).exists()

    # A's tab, opened before B's combined save, is refused in turn.
    stale_a = {**opened(a, meeting), "venue": "JCC"}
    saves(b, meeting, {**opened(b, meeting), "venue": "Hotel Borobudur"})
    refused_a = saves(a, meeting, stale_a)
    assert refused_a.status_code == 200
    assert " ".join(refused_a.context["adminform"].form.non_field_errors()).startswith(
        "Someone else saved this meeting after you opened it."
    )
    assert Meeting.objects.get(pk=meeting.pk).venue == "Hotel Borobudur"


def test_choosing_theirs_keeps_the_colleagues_title(tabs, meeting):
    a, b = tabs
    sent_by_b = opened(b, meeting)
    a_saves_summary_session_and_person(a, meeting)
    mine = b_changes(sent_by_b)
    refused = panel(saves(b, meeting, mine))
    choice = refused.xpath(".//fieldset//input")[0].get("name")
    combine = refused.xpath('.//button[@name="combine_revision"]')[0].get("value")
    saved = saves(b, meeting, {**mine, choice: "theirs", "combine_revision": combine})
    assert saved.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sessions.first().title == A_TITLE
    assert meeting.city == "Jakarta Pusat"


def test_combining_after_yet_another_save_is_refused_again(tabs, meeting):
    a, b = tabs
    sent_by_b = opened(b, meeting)
    data = opened(a, meeting)
    assert saves(a, meeting, {**data, "venue": "JCC"}).status_code == 302
    mine = {**sent_by_b, "city": "Jakarta Pusat"}
    refused = panel(saves(b, meeting, mine))
    combine = refused.xpath('.//button[@name="combine_revision"]')[0].get("value")
    assert saves(a, meeting, {**opened(a, meeting), "venue": "ICE"}).status_code == 302
    again = saves(b, meeting, {**mine, "combine_revision": combine})
    assert again.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).city == ""
    assert table(panel(again))["Venue"] == ["—", "ICE", "the saved one"]


def a_changes_the_first_delegations_role(a, meeting) -> MeetingParticipant:
    first = meeting.participants.first()
    new_role = (
        MeetingParticipant.Role.OBSERVER
        if first.role != MeetingParticipant.Role.OBSERVER
        else MeetingParticipant.Role.MEMBER
    )
    data = opened(a, meeting)
    assert data["participants-0-id"] == str(first.pk)
    data["participants-0-role"] = str(new_role)
    assert saves(a, meeting, data).status_code == 302
    first.refresh_from_db()
    assert first.role == new_role
    return first


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_a_row_removed_by_the_editor_and_changed_by_a_colleague_is_the_editors_choice(
    tabs, meeting, choice
):
    """B removes the delegation A has just given another role: removed
    before without a word, A's change is now a choice B makes, and what B
    chooses is what is saved."""
    a, b = tabs
    sent_by_b = opened(b, meeting)
    changed = a_changes_the_first_delegations_role(a, meeting)
    mine = {**sent_by_b, "city": "Jakarta Pusat", "participants-0-DELETE": "on"}

    refused = panel(saves(b, meeting, mine))
    legends = [legend.text_content() for legend in refused.xpath(".//fieldset/legend")]
    assert f"Participating agencies: “{changed}”" in legends
    fieldset = refused.xpath(".//fieldset")[
        legends.index(f"Participating agencies: “{changed}”")
    ]
    labels = [
        " ".join(label.text_content().split()) for label in fieldset.xpath(".//label")
    ]
    assert labels == ["Yours: removed", "Saved now: kept, with their change to Role"]
    combine = refused.xpath('.//button[@name="combine_revision"]')[0].get("value")
    name = fieldset.xpath(".//input")[0].get("name")

    # Combining without choosing saves nothing and names the row.
    unchosen = saves(b, meeting, {**mine, "combine_revision": combine})
    errors = " ".join(unchosen.context["adminform"].form.non_field_errors())
    assert f"Participating agencies: “{changed}”" in errors
    assert meeting.participants.filter(pk=changed.pk).exists()

    saved = saves(b, meeting, {**mine, name: choice, "combine_revision": combine})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.city == "Jakarta Pusat"
    kept = meeting.participants.filter(pk=changed.pk).first()
    if choice == "theirs":
        assert kept is not None and kept.role == changed.role
    else:
        assert kept is None


def test_a_row_removed_by_the_editor_that_nobody_changed_is_removed_without_a_question(
    tabs, meeting
):
    a, b = tabs
    sent_by_b = opened(b, meeting)
    first = meeting.participants.first()
    assert saves(a, meeting, {**opened(a, meeting), "venue": "JCC"}).status_code == 302
    mine = {**sent_by_b, "participants-0-DELETE": "on"}
    refused = panel(saves(b, meeting, mine))
    assert not refused.xpath(".//fieldset")
    combine = refused.xpath('.//button[@name="combine_revision"]')[0].get("value")
    assert saves(b, meeting, {**mine, "combine_revision": combine}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue == "JCC"
    assert not meeting.participants.filter(pk=first.pk).exists()
