"""Every field of a meeting's rows (its sessions' times, a person's agency)
in the edit lock's refusal and in History's compare, and the rows' labels in
History read in the reader's language."""

import datetime as dt

import pytest
import reversion
from django.conf import settings
from lxml import html as lxml_html
from reversion.models import Version

from agencies.models import Meeting, MeetingParticipant
from newsroom.history import revision_comment
from tests.agencies.factories import AgencyFactory
from tests.newsroom.admin_forms import admin_url, opened, saves
from tests.newsroom.admin_forms import opened as opened_form
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

JAKARTA = dt.timezone(dt.timedelta(hours=7))


def first_revision(obj, user):
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
    return obj


def timed_closing(meeting):
    """The meeting's last session, 12:00 to 13:00 in Jakarta."""
    closing = meeting.sessions.order_by("order").last()
    closing.start = dt.datetime(2022, 3, 24, 12, 0, tzinfo=JAKARTA)
    closing.end = dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA)
    closing.save()
    return closing


def row_prefix(data: dict, prefix: str, pk: int) -> str:
    return next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith(prefix) and key.endswith("-id") and str(value) == str(pk)
    )


@pytest.mark.usefixtures("english")
def test_a_colleagues_change_to_a_sessions_time_is_named_when_a_save_is_refused(
    tabs, editor, jwg4
):
    a, b = tabs
    closing = timed_closing(jwg4)
    first_revision(jwg4, editor)
    sent_by_a, sent_by_b = opened(a, jwg4), opened(b, jwg4)
    row = row_prefix(sent_by_a, "sessions-", closing.pk)
    assert saves(a, jwg4, {**sent_by_a, f"{row}-start_1": "12:30"}).status_code == 302

    refused = saves(b, jwg4, {**sent_by_b, "venue": "Sentul"})

    assert refused.status_code == 200
    said = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "They changed: Sessions. Combining keeps their changes and adds" in said
    page = lxml_html.fromstring(refused.content.decode())
    panel = page.get_element_by_id("stale-save-title").getparent()
    rows = {
        tr.xpath("./th")[0].text_content(): [
            td.text_content() for td in tr.xpath("./td")
        ]
        for tr in panel.xpath(".//tbody/tr")
    }
    mine, now, _keeps = rows["Sessions"]
    assert "12:00" in mine.split(closing.title)[1].splitlines()[0]
    assert "12:30" in now.split(closing.title)[1].splitlines()[0]
    closing.refresh_from_db()
    assert closing.start == dt.datetime(2022, 3, 24, 12, 30, tzinfo=JAKARTA)


@pytest.mark.usefixtures("english")
def test_compare_shows_a_change_to_a_sessions_time(editor_client, editor, jwg4):
    closing = timed_closing(jwg4)
    first_revision(jwg4, editor)
    data = opened(editor_client, jwg4)
    row = row_prefix(data, "sessions-", closing.pk)
    assert (
        saves(editor_client, jwg4, {**data, f"{row}-end_1": "12:45"}).status_code == 302
    )
    old, new = Version.objects.get_for_object(jwg4).order_by("pk")

    response = editor_client.get(
        admin_url(Meeting, "compare", jwg4.pk) + f"?from={old.pk}&to={new.pk}"
    )

    changes = {change.label: change for change in response.context["changes"]}
    assert "Ends: " in changes["Sessions"].old
    assert "13:00" in changes["Sessions"].old
    assert "12:45" in changes["Sessions"].new


@pytest.mark.parametrize(
    ("saved_in", "read_in", "role", "opened", "other"),
    [
        ("en", "id", "Anggota", "Membuka pertemuan", "– Member"),
        ("id", "en", "Member", "Opened the meeting", "– Anggota"),
    ],
)
def test_rows_added_and_removed_are_named_in_the_readers_language(
    editor_client, editor, jwg4, agencies, saved_in, read_in, role, opened, other
):
    first_revision(jwg4, editor)
    newcomer = AgencyFactory(name="Densus 88", acronym="DENSUS", country="ID")
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = saved_in
    data = opened_form(editor_client, jwg4)
    amar = jwg4.attendances.get(person__name="Boy Rafli Amar")
    row = row_prefix(data, "attendances-", amar.pk)
    added = f"participants-{data['participants-TOTAL_FORMS']}"
    data |= {
        f"{row}-DELETE": "on",
        "participants-TOTAL_FORMS": str(int(data["participants-TOTAL_FORMS"]) + 1),
        f"{added}-agency": str(newcomer.pk),
        f"{added}-role": str(MeetingParticipant.Role.MEMBER),
        f"{added}-meeting": str(jwg4.pk),
    }
    response = saves(editor_client, jwg4, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert jwg4.participants.filter(agency=newcomer).exists()

    page = history_page(editor_client, jwg4, read_in)

    assert f"“{newcomer} – {role}”" in page
    assert f"“Boy Rafli Amar – {opened}”" in page
    assert other not in page


@pytest.mark.usefixtures("english")
def test_a_combined_save_does_not_name_the_delete_box_as_a_change(tabs, editor, jwg4):
    """B removes the delegation A has just given another role, then keeps
    A's: History says B changed the venue, not "Delete" of the delegation."""
    a, b = tabs
    first_revision(jwg4, editor)
    sent_by_a, sent_by_b = opened_form(a, jwg4), opened_form(b, jwg4)
    first = jwg4.participants.first()
    row = row_prefix(sent_by_a, "participants-", first.pk)
    a_sends = {**sent_by_a, f"{row}-role": str(MeetingParticipant.Role.OBSERVER)}
    assert saves(a, jwg4, a_sends).status_code == 302
    mine = {**sent_by_b, "venue": "Sentul", f"{row}-DELETE": "on"}
    refused = lxml_html.fromstring(saves(b, jwg4, mine).content.decode())
    choice = refused.xpath('.//fieldset[contains(@class, "stale-save-clash")]//input')
    combine = refused.xpath('.//button[@name="combine_revision"]')[0].get("value")

    saved = saves(
        b,
        jwg4,
        {**mine, choice[0].get("name"): "theirs", "combine_revision": combine},
    )

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert jwg4.participants.filter(pk=first.pk).exists()
    latest = Version.objects.get_for_object(jwg4).order_by("pk").last()
    said = revision_comment(latest.revision.comment)
    assert "Changed venue." in said
    assert "Delete" not in said
