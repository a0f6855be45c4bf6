"""History in the admin for agencies, people, meeting series and meetings:
every save a revision, any two compared, any one restored, deletions undone."""

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingSeries, Person
from newsroom.history import revision_comment, revision_date
from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin
from tests.newsroom.history.pages import history_page

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def versions(obj):
    return Version.objects.get_for_object(obj).order_by("pk")


@pytest.fixture
def series(jwg_series):
    return jwg_series


@pytest.fixture
def person(officials):
    return officials["Amar"]


@pytest.mark.parametrize(
    ("fixture", "field", "value"),
    [
        ("bnpt", "name_en", "Counter Terrorism Agency"),
        ("person", "position", "Former head of BNPT"),
        ("series", "short_name", "JWG ID-PH"),
        ("jwg4", "venue", "BNPT headquarters, Sentul"),
    ],
)
def test_every_admin_save_keeps_a_revision(
    editor_client, editor, request, fixture, field, value
):
    obj = request.getfixturevalue(fixture)
    save_in_admin(editor_client, obj)
    save_in_admin(editor_client, obj, **{field: value})

    saved = list(versions(obj))
    assert len(saved) == 2
    assert saved[-1].field_dict[field] == value
    assert saved[-1].revision.user == editor


def test_the_history_page_lists_every_revision_newest_first(editor_client, bnpt):
    save_in_admin(editor_client, bnpt)
    save_in_admin(editor_client, bnpt, name_en="Counter Terrorism Agency")
    first, second = versions(bnpt)

    response = editor_client.get(admin_url(Agency, "history", bnpt.pk))

    assert response.status_code == 200
    rows = response.context["action_list"]
    assert [row["version"] for row in rows] == [second, first]
    assert rows[0]["previous_url"].endswith(f"?from={first.pk}&to={second.pk}")
    content = response.content.decode()
    assert "redaksi" in content  # who saved
    assert "Compare the chosen revisions" in content
    assert admin_url(Agency, "revision", bnpt.pk, first.pk) in content


def test_compare_shows_what_changed_field_by_field(editor_client, bnpt):
    save_in_admin(editor_client, bnpt)
    save_in_admin(
        editor_client,
        bnpt,
        name_en="Counter Terrorism Agency",
        description="Coordinates <em>all</em> counter-terrorism work.",
    )
    first, second = versions(bnpt)

    response = editor_client.get(
        admin_url(Agency, "compare", bnpt.pk), {"from": first.pk, "to": second.pk}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "National Counter Terrorism Agency" in content
    assert "Counter Terrorism Agency" in content
    # The description, a long text, as a text diff with the HTML escaped.
    assert "<ins>Coordinates &lt;em&gt;all&lt;/em&gt; counter-terrorism work." in (
        content
    )
    assert "<em>all</em>" not in content
    labels = [str(change.label) for change in response.context["changes"]]
    assert labels == ["English name", "Description"]


def test_compare_takes_the_two_revisions_in_either_order(editor_client, bnpt):
    save_in_admin(editor_client, bnpt)
    save_in_admin(editor_client, bnpt, name_en="Counter Terrorism Agency")
    first, second = versions(bnpt)

    response = editor_client.get(
        admin_url(Agency, "compare", bnpt.pk), {"from": second.pk, "to": first.pk}
    )

    change = response.context["changes"][0]
    assert (change.old, change.new) == (
        "National Counter Terrorism Agency",
        "Counter Terrorism Agency",
    )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"from": "1"},
        {"from": "abc", "to": "1"},
        {"from": "1", "to": "1; DROP TABLE"},
        {"from": "-1", "to": "1"},
        {"from": "99999999999999999999999", "to": "1"},
    ],
    ids=["none", "one", "not-a-number", "junk", "negative", "huge"],
)
def test_compare_with_bad_revision_ids_is_not_found(editor_client, bnpt, query):
    save_in_admin(editor_client, bnpt)
    response = editor_client.get(admin_url(Agency, "compare", bnpt.pk), query)
    assert response.status_code == 404


def test_compare_refuses_revisions_of_another_object(editor_client, agencies):
    bnpt, bin_ = agencies["BNPT"], agencies["BIN"]
    save_in_admin(editor_client, bnpt)
    save_in_admin(editor_client, bin_)
    ours, theirs = versions(bnpt).get(), versions(bin_).get()

    response = editor_client.get(
        admin_url(Agency, "compare", bnpt.pk), {"from": ours.pk, "to": theirs.pk}
    )

    assert response.status_code == 404


def test_a_revision_of_another_model_cannot_be_restored_here(editor_client):
    """An agency and a meeting may share an id; a version id of one is not a
    revision of the other."""
    meeting = MeetingFactory(pk=10_000)
    agency = AgencyFactory(pk=10_000)
    save_in_admin(editor_client, meeting)
    meeting_version = versions(meeting).get()

    revision = admin_url(Agency, "revision", agency.pk, meeting_version.pk)
    recover = admin_url(Agency, "recover", meeting_version.pk)

    assert editor_client.get(revision).status_code == 404
    assert editor_client.post(revision, {}).status_code == 404
    meeting.delete()
    assert editor_client.post(recover, {}).status_code == 404
    assert not Meeting.objects.filter(pk=10_000).exists()


def test_a_reporter_may_compare_but_not_restore_an_agency(
    editor_client, client, reporter, bnpt
):
    save_in_admin(editor_client, bnpt)
    save_in_admin(editor_client, bnpt, name_en="Counter Terrorism Agency")
    first, second = versions(bnpt)
    client.force_login(reporter)
    revision_url = admin_url(Agency, "revision", bnpt.pk, first.pk)

    history = client.get(admin_url(Agency, "history", bnpt.pk))
    compare = client.get(
        admin_url(Agency, "compare", bnpt.pk), {"from": first.pk, "to": second.pk}
    )
    restore_page = client.get(revision_url)
    restore = client.post(revision_url, {"name_en": "Hijacked"})

    assert history.status_code == 200
    assert revision_url not in history.content.decode()
    assert compare.status_code == 200
    assert restore_page.status_code == 403
    assert restore.status_code == 403
    bnpt.refresh_from_db()
    assert bnpt.name_en == "Counter Terrorism Agency"


def test_restoring_an_agency_brings_back_its_aliases(editor_client, agencies):
    ppatk = agencies["PPATK"]
    save_in_admin(editor_client, ppatk)
    first = versions(ppatk).get()
    ppatk.aliases.all().delete()
    save_in_admin(editor_client, ppatk, name_en="Indonesian FIU")

    url = admin_url(Agency, "revision", ppatk.pk, first.pk)
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))

    assert response.status_code == 302
    ppatk.refresh_from_db()
    assert ppatk.name_en == (
        "Indonesian Financial Transaction Reports and Analysis Centre"
    )
    assert [alias.name for alias in ppatk.aliases.all()] == ["INTRAC"]
    assert versions(ppatk).count() == 3


def test_restoring_a_meeting_brings_back_its_sessions(editor_client, jwg4):
    save_in_admin(editor_client, jwg4)
    first = versions(jwg4).get()
    agenda = list(jwg4.sessions.values_list("title", flat=True))
    jwg4.sessions.filter(order__gt=3).delete()
    jwg4.sessions.filter(order=1).update(title="Threats")
    save_in_admin(editor_client, jwg4, venue="Jakarta")
    assert jwg4.sessions.count() == 3

    url = admin_url(Meeting, "revision", jwg4.pk, first.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, admin_form_data(page))

    assert response.status_code == 302
    jwg4.refresh_from_db()
    assert list(jwg4.sessions.values_list("title", flat=True)) == agenda
    assert jwg4.venue == ""
    assert jwg4.participants.count() == 7
    assert jwg4.attendances.count() == 3
    latest = versions(jwg4).last()
    assert "Reverted" in revision_comment(latest.revision.comment)


def test_opening_a_revision_without_saving_changes_nothing(editor_client, jwg4):
    save_in_admin(editor_client, jwg4)
    first = versions(jwg4).get()
    save_in_admin(editor_client, jwg4, venue="Jakarta")

    editor_client.get(admin_url(Meeting, "revision", jwg4.pk, first.pk))

    jwg4.refresh_from_db()
    assert jwg4.venue == "Jakarta"
    assert versions(jwg4).count() == 2


def test_a_deleted_person_is_recovered_from_the_recover_list(editor_client, person):
    save_in_admin(editor_client, person, position="Head of BNPT until 2023")
    pk = person.pk
    response = editor_client.post(
        admin_url(Person, "delete", pk), {"post": "yes"}, follow=True
    )
    assert not Person.objects.filter(pk=pk).exists()

    recover_list = editor_client.get(admin_url(Person, "recoverlist"))
    assert "Boy Rafli Amar" in recover_list.content.decode()
    (deleted,) = recover_list.context["deleted"]
    url = admin_url(Person, "recover", deleted.pk)
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))

    assert response.status_code == 302
    recovered = Person.objects.get(pk=pk)
    assert recovered.position == "Head of BNPT until 2023"


def said_after(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("button", ["_save", "_continue"])
def test_a_recovery_says_recovered_not_changed(editor_client, bnpt, button):
    """Django's "was changed successfully" read as if an existing agency had
    been edited (a tester's finding)."""
    save_in_admin(editor_client, bnpt)
    delete = editor_client.post(admin_url(Agency, "delete", bnpt.pk), {"post": "yes"})
    assert delete.status_code == 302
    deleted = Version.objects.get_deleted(Agency).get()
    url = admin_url(Agency, "recover", deleted.pk)
    data = {**admin_form_data(editor_client.get(url)), button: "1"}

    response = editor_client.post(url, data, follow=True)

    assert Agency.objects.filter(pk=bnpt.pk).exists()
    messages = said_after(response)
    assert f"Recovered “{Agency.objects.get(pk=bnpt.pk)}”." in messages
    assert not [message for message in messages if "changed successfully" in message]


def test_a_restore_says_which_revision_it_restored_in_indonesian(editor_client, bnpt):
    save_in_admin(editor_client, bnpt)
    first = versions(bnpt).get()
    save_in_admin(editor_client, bnpt, name_en="Counter Terrorism Agency")
    url = admin_url(Agency, "revision", bnpt.pk, first.pk)
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    data = admin_form_data(editor_client.get(url))

    response = editor_client.post(url, data, follow=True)

    bnpt.refresh_from_db()
    assert bnpt.name_en != "Counter Terrorism Agency"
    with translation.override("id"):
        restored = f"“{bnpt}” dipulihkan ke revisi {revision_date(first)}."
    messages = said_after(response)
    assert restored in messages, messages
    assert not [message for message in messages if "berhasil" in message]


def test_the_change_list_links_to_the_deleted_objects(editor_client, client, reporter):
    link = admin_url(MeetingSeries, "recoverlist")
    assert (
        link
        in editor_client.get(admin_url(MeetingSeries, "changelist")).content.decode()
    )

    client.force_login(reporter)
    listing = client.get(admin_url(MeetingSeries, "changelist"))
    assert listing.status_code == 200
    assert link not in listing.content.decode()
    assert client.get(link).status_code == 403


def test_only_deleted_objects_can_be_recovered(editor_client, bnpt):
    save_in_admin(editor_client, bnpt)
    existing = versions(bnpt).get()

    response = editor_client.get(admin_url(Agency, "recover", existing.pk))

    assert response.status_code == 404


def test_a_deleted_meeting_is_recovered_with_its_agenda_and_delegations(
    editor_client, jwg4
):
    save_in_admin(editor_client, jwg4)
    pk = jwg4.pk
    agenda = list(jwg4.sessions.values_list("title", flat=True))
    editor_client.post(admin_url(Meeting, "delete", pk), {"post": "yes"})
    assert not Meeting.objects.filter(pk=pk).exists()

    deleted = Version.objects.get_deleted(Meeting).get()
    url = admin_url(Meeting, "recover", deleted.pk)
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))

    assert response.status_code == 302
    recovered = Meeting.objects.get(pk=pk)
    assert list(recovered.sessions.values_list("title", flat=True)) == agenda
    assert recovered.participants.count() == 7
    assert recovered.attendances.count() == 3


@pytest.mark.parametrize(("saved_in", "read_in"), [("en", "id"), ("id", "en")])
def test_a_restore_in_the_admin_reads_in_the_readers_language(
    editor_client, bnpt, saved_in, read_in
):
    save_in_admin(editor_client, bnpt)
    save_in_admin(editor_client, bnpt, name_en="Counter Terrorism Agency")
    first = versions(bnpt).first()
    url = admin_url(Agency, "revision", bnpt.pk, first.pk)
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = saved_in
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))
    assert response.status_code == 302

    said = {
        "id": "Dikembalikan ke versi sebelumnya, yang disimpan pada",
        "en": "Reverted to previous version, saved on",
    }[read_in]
    created = timezone.localtime(first.revision.date_created)
    with translation.override(read_in):
        day = formats.date_format(created, "DATE_FORMAT")
    assert f"{said} {day}" in history_page(editor_client, bnpt, read_in)
