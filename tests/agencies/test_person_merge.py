"""Merging a duplicate person into the one kept (agencies.services.person_merge,
the people admin's "Merge into another person…"): the stories naming the
duplicate and its meetings move, its addresses lead to the person kept, and
the history keeps it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from reversion.models import Version

from agencies import services
from agencies.models import MeetingAttendance, Person
from newsroom.history import revision_comment
from tests.agencies.factories import (
    MeetingAttendanceFactory,
    MeetingFactory,
    PersonFactory,
)
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

Role = MeetingAttendance.Role


@pytest.fixture
def amar(officials):
    return officials["Amar"]


@pytest.fixture
def duplicate(bnpt):
    """ "Boy Rafli", created again for a story, with an old address of its own."""
    person = PersonFactory(name="Boy Rafli", slug="rafli", agency=None, position="")
    person.slug = "boy-rafli"
    return person


@pytest.fixture
def saved_duplicate(duplicate, editor):
    return services.person_save(person=duplicate, user=editor)


def moved(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_the_duplicates_stories_name_the_person_kept_once(
    amar, saved_duplicate, editor
):
    only_duplicate = ArticleFactory(people=[saved_duplicate])
    both = ArticleFactory(people=[amar, saved_duplicate])

    services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    assert list(only_duplicate.people.all()) == [amar]
    assert list(both.people.all()) == [amar]
    assert not Person.objects.filter(pk=saved_duplicate.pk).exists()


def test_the_duplicates_meetings_become_the_kept_persons_without_doubles(
    amar, saved_duplicate, jwg4, editor
):
    other = MeetingFactory()
    MeetingAttendanceFactory(meeting=jwg4, person=saved_duplicate, role=Role.OPENED)
    MeetingAttendanceFactory(meeting=jwg4, person=saved_duplicate, role=Role.SPOKE)
    MeetingAttendanceFactory(meeting=other, person=saved_duplicate, role=Role.CHAIRED)

    services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    assert sorted(amar.attendances.values_list("meeting__slug", "role")) == sorted(
        [
            (jwg4.slug, Role.OPENED),  # Amar's own, not doubled
            (jwg4.slug, Role.SPOKE),
            (other.slug, Role.CHAIRED),
        ]
    )


def test_the_duplicates_addresses_lead_to_the_person_kept_in_both_editions(
    client, amar, saved_duplicate, editor
):
    services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    for old in ["boy-rafli", "rafli"]:
        assert moved(client, f"/people/{old}/") == "/people/boy-rafli-amar/"
        assert moved(client, f"/en/people/{old}/") == "/en/people/boy-rafli-amar/"
    assert client.get("/people/boy-rafli-amar/").status_code == 200


def test_the_person_kept_takes_what_it_lacked_from_the_duplicate(
    officials, bnpt, editor
):
    keep = officials["Carlos"]  # no agency
    duplicate = PersonFactory(name="Damian Carlos", agency=bnpt, bio="A biography.")

    services.person_merge(keep=keep, duplicate=duplicate, user=editor)

    keep.refresh_from_db()
    assert keep.agency == bnpt
    assert keep.bio == "A biography."
    assert keep.position == "Deputy Director General for Counter-Terrorism"


@pytest.mark.usefixtures("english")
def test_a_merge_keeps_history_with_the_duplicate_recoverable(
    amar, saved_duplicate, jwg4, editor
):
    MeetingAttendanceFactory(meeting=jwg4, person=saved_duplicate, role=Role.SPOKE)

    services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    merged = Version.objects.get_for_object(amar).order_by("-pk").first().revision
    assert merged.user == editor
    assert revision_comment(merged.comment) == (
        "Merged the duplicate “Boy Rafli” (boy-rafli) into “Boy Rafli Amar”."
    )
    assert Version.objects.get_for_object(jwg4).first().revision == merged
    [deleted] = Version.objects.get_deleted(Person)
    assert deleted.object_id == str(saved_duplicate.pk)
    assert deleted.field_dict["slug"] == "boy-rafli"
    assert deleted.revision.comment == merged.comment


@pytest.mark.usefixtures("english")
def test_each_story_that_named_the_duplicate_tells_of_the_merge_in_its_history(
    amar, saved_duplicate, editor
):
    only_duplicate = ArticleFactory(people=[saved_duplicate])
    both = ArticleFactory(people=[amar, saved_duplicate])
    untouched = ArticleFactory(people=[amar])
    before = Version.objects.get_for_object(untouched).count()

    services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    for story in (only_duplicate, both):
        latest = Version.objects.get_for_object(story).first()
        assert latest.revision.user == editor
        assert revision_comment(latest.revision.comment) == (
            "Merged the duplicate “Boy Rafli” (boy-rafli) into “Boy Rafli Amar”."
        )
        assert latest.field_dict["people"] == [amar.pk]  # as it is now
    assert Version.objects.get_for_object(untouched).count() == before


@pytest.mark.parametrize("missing", ["change_person", "delete_person"])
def test_only_who_may_change_and_delete_people_can_merge(
    amar, saved_duplicate, editor, missing
):
    editor.user_permissions.remove(*editor.user_permissions.filter(codename=missing))
    editor = type(editor).objects.get(pk=editor.pk)  # permissions read afresh
    with pytest.raises(PermissionDenied):
        services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)
    assert Person.objects.filter(pk=saved_duplicate.pk).exists()


def test_a_reporter_cannot_merge(amar, saved_duplicate, reporter):
    with pytest.raises(PermissionDenied):
        services.person_merge(keep=amar, duplicate=saved_duplicate, user=reporter)


def test_a_person_is_not_merged_into_itself(amar, editor):
    with pytest.raises(ValidationError):
        services.person_merge(keep=amar, duplicate=amar, user=editor)


def _merge_queries(editor, stories: int) -> int:
    keep, duplicate = PersonFactory(), PersonFactory()
    for _ in range(stories):
        ArticleFactory(people=[duplicate])
    ArticleFactory(people=[keep, duplicate])
    with CaptureQueriesContext(connection) as queries:
        services.person_merge(keep=keep, duplicate=duplicate, user=editor)
    assert keep.articles.count() == stories + 1
    return len(queries)


def test_the_merges_queries_do_not_grow_with_the_stories_moved(editor):
    _merge_queries(editor, 1)  # content types and permissions cached
    assert _merge_queries(editor, 1) == _merge_queries(editor, 8)


# In the admin


@pytest.fixture
def merge_url(saved_duplicate):
    return admin_url(Person, "merge", saved_duplicate.pk)


@pytest.mark.usefixtures("english")
def test_the_merge_page_shows_what_moves_then_merges(
    editor_client, amar, saved_duplicate, merge_url, jwg4
):
    story = ArticleFactory(title="Head of BNPT visits Manila", people=[saved_duplicate])
    MeetingAttendanceFactory(meeting=jwg4, person=saved_duplicate, role=Role.SPOKE)
    page = editor_client.get(merge_url)
    assert page.status_code == 200
    assert b"admin/js/autocomplete.js" in page.content

    preview = editor_client.post(merge_url, {"keep": amar.pk})
    html = preview.content.decode()
    assert admin_url(type(story), "change", story.pk) in html
    assert "Head of BNPT visits Manila" in html
    assert jwg4.title in html
    assert "/people/boy-rafli/ will lead to /people/boy-rafli-amar/" in html
    assert Person.objects.filter(pk=saved_duplicate.pk).exists()  # not yet

    done = editor_client.post(merge_url, {"keep": amar.pk, "confirm": "1"})
    assert done.status_code == 302
    assert done["Location"] == admin_url(Person, "change", amar.pk)
    assert list(story.people.all()) == [amar]
    assert not Person.objects.filter(pk=saved_duplicate.pk).exists()


def test_the_people_list_action_opens_the_merge_page(
    editor_client, saved_duplicate, merge_url
):
    response = editor_client.post(
        admin_url(Person, "changelist"),
        {"action": "merge_selected", "_selected_action": [saved_duplicate.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == merge_url


def test_the_persons_page_offers_the_merge(editor_client, saved_duplicate, merge_url):
    page = editor_client.get(admin_url(Person, "change", saved_duplicate.pk))
    assert merge_url in page.content.decode()


def test_a_reporter_is_not_offered_the_merge(
    client, reporter, saved_duplicate, merge_url
):
    client.force_login(reporter)
    assert client.get(merge_url).status_code == 403


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said"),
    [
        (
            "en",
            "id",
            "Duplikat “Boy Rafli” (boy-rafli) digabungkan ke “Boy Rafli Amar”.",
        ),
        (
            "id",
            "en",
            "Merged the duplicate “Boy Rafli” (boy-rafli) into “Boy Rafli Amar”.",
        ),
    ],
)
def test_the_merge_reads_in_the_readers_language_in_both_histories(
    editor_client, amar, saved_duplicate, editor, saved_in, read_in, said
):
    story = ArticleFactory(people=[saved_duplicate])
    with translation.override(saved_in):
        services.person_merge(keep=amar, duplicate=saved_duplicate, user=editor)

    assert said in history_page(editor_client, amar, read_in)
    assert said in history_page(editor_client, story, read_in)
