"""A meeting's form that changes nothing of the version it was opened at,
saved after a colleague's save (a tab left open, Save pressed), saves
nothing and says so: it is not refused as if it held changes, whose
"Combine" wrote an empty "Combined with revision N." and whose "Save my
version anyway" put the colleague's old values back. A form with a change,
in a field or a row, is still refused."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from reversion.models import Version

from agencies.models import Meeting
from tests.newsroom.admin_forms import (
    admin_form_data,
    admin_url,
    as_sent,
    opened,
    saves,
)
from tests.newsroom.admin_forms import messages_of as said
from tests.newsroom.history import test_empty_save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# The 4th JWG with its first revision.
meeting = test_empty_save.meeting


@pytest.fixture
def colleague(desk_editor):
    desk_editor.first_name, desk_editor.last_name = "Budi", "Santoso"
    desk_editor.save()
    client = Client()
    client.force_login(desk_editor)
    return client


def refusal(response) -> str:
    """The edit lock's refusal, said at the top of the form."""
    return " ".join(response.context["adminform"].form.lock_errors)


def revisions(obj) -> int:
    return Version.objects.get_for_object(obj).count()


def colleague_saves(colleague, meeting, **changes):
    response = saves(
        colleague, meeting, as_sent({**opened(colleague, meeting), **changes})
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("button", "lands_on"), [("_save", "changelist"), ("_continue", "change")]
)
def test_an_untouched_form_saves_nothing_and_keeps_the_colleagues_values(
    editor_client, colleague, meeting, button, lands_on
):
    mine = as_sent(opened(editor_client, meeting))
    colleague_saves(colleague, meeting, venue="Hotel Borobudur", city="Jakarta Pusat")
    logged = LogEntry.objects.count()
    for name in ("_save", "_continue", "_addanother"):
        mine.pop(name, None)
    mine[button] = "1"

    response = saves(editor_client, meeting, mine)

    assert response.status_code == 302
    args = [meeting.pk] if lands_on == "change" else []
    assert response.url == admin_url(Meeting, lands_on, *args)
    assert said(response) == [
        "Nothing changed: nothing was saved. Budi Santoso had saved it after you "
        "opened it (revision 2 in History)."
    ]
    kept = Meeting.objects.get(pk=meeting.pk)
    assert (kept.venue, kept.city) == ("Hotel Borobudur", "Jakarta Pusat")
    assert revisions(meeting) == 2
    assert LogEntry.objects.count() == logged


def test_an_untouched_form_after_my_own_save_in_another_tab(editor_client, meeting):
    first_tab = as_sent(opened(editor_client, meeting))
    second_tab = as_sent(opened(editor_client, meeting))
    saves(editor_client, meeting, {**second_tab, "venue": "Hotel Borobudur"})

    response = saves(editor_client, meeting, first_tab)

    assert said(response)[-1] == (
        "Nothing changed: nothing was saved. You had saved it in another tab or "
        "window after you opened it here (revision 2 in History)."
    )
    assert Meeting.objects.get(pk=meeting.pk).venue == "Hotel Borobudur"


def test_a_changed_field_is_still_refused(editor_client, colleague, meeting):
    mine = as_sent(opened(editor_client, meeting))
    colleague_saves(colleague, meeting, venue="Hotel Borobudur")

    response = saves(editor_client, meeting, {**mine, "city": "Bogor"})

    assert response.status_code == 200
    assert refusal(response).startswith(
        "Someone else saved this meeting after you opened it."
    )
    assert Meeting.objects.get(pk=meeting.pk).city != "Bogor"
    assert revisions(meeting) == 2


def test_a_changed_session_row_is_still_refused(editor_client, colleague, meeting):
    mine = as_sent(opened(editor_client, meeting))
    colleague_saves(colleague, meeting, venue="Hotel Borobudur")
    row = next(
        key.removesuffix("-title_en")
        for key in mine
        if key.startswith("sessions-") and key.endswith("-title_en")
    )

    response = saves(
        editor_client, meeting, {**mine, f"{row}-title_en": "Opening, main hall"}
    )

    assert response.status_code == 200
    assert refusal(response).startswith(
        "Someone else saved this meeting after you opened it."
    )
    assert revisions(meeting) == 2


def test_an_invalid_value_in_an_untouched_form_is_refused_with_its_error(
    editor_client, colleague, meeting
):
    """Not 'nothing changed': the editor's text would be lost."""
    mine = as_sent(opened(editor_client, meeting))
    colleague_saves(colleague, meeting, venue="Hotel Borobudur")

    response = saves(editor_client, meeting, {**mine, "title": ""})

    assert response.status_code == 200
    assert "Nothing changed" not in response.content.decode()
    assert response.context["adminform"].form.errors["title"]


def test_combining_a_form_whose_change_was_undone_saves_nothing(
    editor_client, colleague, meeting
):
    """Refused with a change, the editor typed the old value back and chose
    Combine: nothing of theirs to save, no empty 'Combined with revision'."""
    mine = as_sent(opened(editor_client, meeting))
    city = mine["city"]
    colleague_saves(colleague, meeting, venue="Hotel Borobudur")
    refused = saves(editor_client, meeting, {**mine, "city": "Bogor"})
    assert refusal(refused)

    response = saves(
        editor_client,
        meeting,
        {**mine, "city": city, "combine_revision": str(latest_version(meeting))},
    )

    assert response.status_code == 302
    assert said(response)[0].startswith("Nothing changed: nothing was saved.")
    assert response.url == admin_url(Meeting, "change", meeting.pk)
    assert Meeting.objects.get(pk=meeting.pk).venue == "Hotel Borobudur"
    assert revisions(meeting) == 2


def latest_version(obj) -> int:
    return Version.objects.get_for_object(obj).order_by("-pk").first().pk


def test_an_untouched_form_after_a_colleague_removed_a_session(
    editor_client, colleague, meeting
):
    """The editor's form still holds the session removed since: nothing of
    the editor's to save, and the session stays removed."""
    mine = as_sent(opened(editor_client, meeting))
    sessions = meeting.sessions.count()
    theirs = opened(colleague, meeting)
    row = next(
        key.removesuffix("-id")
        for key, value in theirs.items()
        if key.startswith("sessions-") and key.endswith("-id") and value
    )
    colleague_saves(colleague, meeting, **{f"{row}-DELETE": "on"})
    assert meeting.sessions.count() == sessions - 1

    response = saves(editor_client, meeting, mine)

    assert response.status_code == 302
    assert said(response)[-1].startswith("Nothing changed: nothing was saved.")
    assert meeting.sessions.count() == sessions - 1
    assert revisions(meeting) == 2


def test_a_restore_of_the_version_opened_after_a_colleagues_save_is_refused(
    editor_client, colleague, meeting
):
    """A restore means to put the old version back: not 'nothing changed'
    (it had answered 500), but refused as before, their change shown."""
    version = Version.objects.get_for_object(meeting).first()
    url = admin_url(Meeting, "revision", meeting.pk, version.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    colleague_saves(colleague, meeting, venue="Hotel Borobudur")

    response = editor_client.post(url, as_sent(admin_form_data(page)))

    assert response.status_code == 200
    assert refusal(response).startswith(
        "Someone else saved this meeting after you opened it."
    )
    assert Meeting.objects.get(pk=meeting.pk).venue == "Hotel Borobudur"
    assert revisions(meeting) == 2
