"""The edit lock of the admin's forms of meetings, agencies and people
(HistoryAdmin): a save from a form opened before a colleague's save had gone
through and put back what the colleague changed, without a word. It is now
refused, the form kept as typed, saying who saved, when and what; the
editor may still save their version on purpose."""

import pytest
import reversion
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from agencies.models import Meeting, Person
from tests.newsroom.admin_forms import opened, saves

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SUMMARY_EN = "The yearly bilateral meeting, the first since 2019."


def first_revision(obj, user):
    """`obj` as first saved, with its revision (as the demo's objects are)."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
    return obj


def refusal(response) -> str:
    """The reason the page gives at the top of the form."""
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_colleagues_changes_to_a_meeting_are_not_overwritten_without_a_word(
    tabs, editor, editor_a, jwg4
):
    a, b = tabs
    first_revision(jwg4, editor)
    sent_by_a, sent_by_b = opened(a, jwg4), opened(b, jwg4)
    stale_tab = {**sent_by_b, "summary_en": SUMMARY_EN}
    title = "4th Indonesia-Philippines JWG on Counter-Terrorism"
    assert (
        saves(a, jwg4, {**sent_by_a, "title": title, "start_1": "10:00"}).status_code
        == 302
    )

    # B's save is refused, naming A, the time and what A changed; B's text kept.
    refused = saves(b, jwg4, stale_tab)
    said_at_top = refusal(refused)
    assert said_at_top.startswith(
        "Someone else saved this meeting after you opened it. The latest save "
        "is revision 2 in History: Ayu Lestari, "
    )
    assert said_at_top.endswith(
        "Nothing in this form has been saved: your changes are still below. "
        "They changed: Title and Starts. Combining keeps their changes and adds "
        "yours."
    )
    assert refused.context["adminform"].form["summary_en"].value() == SUMMARY_EN
    jwg4.refresh_from_db()
    assert (jwg4.title, jwg4.summary_en) == (title, "")
    page = lxml_html.fromstring(refused.content.decode())
    panel = page.get_element_by_id("stale-save-title").getparent()
    assert "Ayu Lestari saved it on" in panel.text_content()
    # Both versions, each field either changed: A's and B's own (it had
    # listed A's changes only).
    assert [th.text_content() for th in panel.xpath(".//tbody/tr/th")] == [
        "Title",
        "Starts",
        "Summary in English",
    ]
    # Enter in a field presses the form's first button: a plain save, refused
    # again, not "Save my version anyway".
    first_button = page.xpath('//form[@id="meeting_form"]//*[@type="submit"]')[0]
    assert first_button.get("name") != "overwrite_revision"
    overwrite = panel.xpath('.//button[@name="overwrite_revision"]')[0]
    assert overwrite.text_content() == "Save my version anyway (replaces their changes)"

    # B saves their version on purpose: it goes in, A's kept in the history.
    chosen = {**stale_tab, "overwrite_revision": overwrite.get("value")}
    saved = saves(b, jwg4, chosen)
    assert saved.status_code == 302
    assert said(saved)[0] == (
        "Saved your version over their changes. Their version is kept in the history."
    )
    jwg4.refresh_from_db()
    assert jwg4.summary_en == SUMMARY_EN
    assert jwg4.title != title  # B's version, as B chose

    # The stale tab, sent again either way, is refused: B's save is newer.
    again = refusal(saves(b, jwg4, stale_tab))
    assert again.startswith(
        "You saved this meeting in another tab or window after you opened it here."
    )
    assert "Changed since then: " in refusal(saves(b, jwg4, chosen))


def test_a_colleagues_change_to_a_meetings_sessions_alone_makes_a_form_stale(
    tabs, editor, jwg4
):
    a, b = tabs
    first_revision(jwg4, editor)
    sent_by_a, sent_by_b = opened(a, jwg4), opened(b, jwg4)
    renamed = {**sent_by_a, "sessions-0-title": "Opening remarks by BNPT"}
    assert saves(a, jwg4, renamed).status_code == 302
    said_at_top = refusal(saves(b, jwg4, {**sent_by_b, "venue": "Jakarta"}))
    assert (
        "They changed: Sessions. Combining keeps their changes and adds yours."
        in said_at_top
    )
    assert jwg4.sessions.first().title == "Opening remarks by BNPT"


def test_a_form_opened_after_the_colleagues_save_saves(tabs, editor, jwg4):
    a, b = tabs
    first_revision(jwg4, editor)
    assert saves(a, jwg4, {**opened(a, jwg4), "venue": "Jakarta"}).status_code == 302
    assert saves(b, jwg4, {**opened(b, jwg4), "city": "Jakarta"}).status_code == 302
    assert saves(a, jwg4, {**opened(a, jwg4), "city": "Bogor"}).status_code == 302
    jwg4.refresh_from_db()
    assert (jwg4.venue, jwg4.city) == ("Jakarta", "Bogor")


def test_an_agencys_stale_form_is_refused(tabs, editor, bnpt):
    a, b = tabs
    first_revision(bnpt, editor)
    sent_by_a, sent_by_b = opened(a, bnpt), opened(b, bnpt)
    assert saves(a, bnpt, {**sent_by_a, "name_en": "BNPT"}).status_code == 302
    said_at_top = refusal(saves(b, bnpt, {**sent_by_b, "website": "bnpt.go.id"}))
    assert said_at_top.startswith("Someone else saved this agency after you opened it.")
    assert "They changed: English name." in said_at_top


def test_a_persons_stale_form_is_refused_even_without_an_earlier_revision(
    tabs, officials
):
    # No revision of the person as opened: the history cannot say what
    # changed, but the save is refused all the same.
    a, b = tabs
    amar = officials["Amar"]
    sent_by_a, sent_by_b = opened(a, amar), opened(b, amar)
    assert saves(a, amar, {**sent_by_a, "position": "Kepala BNPT"}).status_code == 302
    said_at_top = refusal(saves(b, amar, {**sent_by_b, "bio": "Lahir di Jakarta."}))
    assert said_at_top.startswith("Someone else saved this person after you opened it.")
    assert said_at_top.endswith("See the history for what they changed.")
    assert Person.objects.get(pk=amar.pk).position == "Kepala BNPT"


def test_a_meeting_saved_twice_from_one_form_is_refused_the_second_time(
    editor_client, editor, jwg4
):
    # Two tabs of one editor: the second save tells them it was theirs.
    first_revision(jwg4, editor)
    tab_one, tab_two = opened(editor_client, jwg4), opened(editor_client, jwg4)
    assert saves(editor_client, jwg4, {**tab_one, "venue": "JCC"}).status_code == 302
    said_at_top = refusal(saves(editor_client, jwg4, {**tab_two, "city": "Jakarta"}))
    assert said_at_top.startswith(
        "You saved this meeting in another tab or window after you opened it here."
    )
    assert "Changed since then: Venue." in said_at_top
    assert Meeting.objects.get(pk=jwg4.pk).venue == "JCC"
