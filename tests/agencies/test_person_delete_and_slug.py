"""A person's delete page names the stories that will no longer name them,
in the desk's language, and offers the merge instead; a new person who
shares a name with another gets a free slug by themselves."""

import pytest

from agencies import services
from agencies.models import Person
from tests.agencies.factories import MeetingAttendanceFactory, PersonFactory
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(db):
    return PersonFactory(name="Boy Rafli", slug="boy-rafli")


@pytest.mark.usefixtures("english")
def test_the_delete_page_names_the_stories_in_the_desks_language(
    editor_client, duplicate
):
    story = ArticleFactory(title="Head of BNPT visits Manila", people=[duplicate])

    page = editor_client.get(admin_url(Person, "delete", duplicate.pk))

    html = page.content.decode()
    assert "Article_people object" not in html
    assert "Hubungan" not in html
    link = admin_url(type(story), "change", story.pk)
    assert (
        '<p class="stories-unlinked">Stories that will no longer name this '
        f'person:</p>\n  <ul class="stories-unlinked">\t<li><a href="{link}">'
        "Head of BNPT visits Manila</a> (Published)</li>"
    ) in html
    assert "the page /people/boy-rafli/ will answer “not found”" in html
    assert admin_url(Person, "merge", duplicate.pk) in html


@pytest.mark.usefixtures("english")
def test_deleting_selected_people_names_their_stories(editor_client, duplicate):
    ArticleFactory(title="Head of BNPT visits Manila", people=[duplicate])

    page = editor_client.post(
        admin_url(Person, "changelist"),
        {"action": "delete_selected", "_selected_action": [duplicate.pk]},
    )

    html = page.content.decode()
    assert "Head of BNPT visits Manila</a> (Published)" in html
    assert "Article_people object" not in html


@pytest.mark.usefixtures("english")
def test_a_person_at_a_meeting_is_offered_the_merge_with_the_meeting_named(
    editor_client, duplicate, jwg4
):
    MeetingAttendanceFactory(meeting=jwg4, person=duplicate)

    html = editor_client.get(admin_url(Person, "delete", duplicate.pk)).content.decode()

    assert admin_url(type(jwg4), "change", jwg4.pk) in html
    assert admin_url(Person, "merge", duplicate.pk) in html


def add_person(client, **fields):
    data = {"name": "", "slug": "", "position": "", "position_en": "", "agency": ""}
    data.update(portrait="", bio="", bio_en="", **fields)
    return client.post(admin_url(Person, "add"), data)


def test_a_new_person_with_anothers_name_gets_a_slug_of_their_own(
    editor_client, officials, bnpt
):
    # The admin fills the slug in from the name: Boy Rafli Amar's.
    response = add_person(
        editor_client, name="Boy Rafli Amar", slug="boy-rafli-amar", agency=bnpt.pk
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Person.objects.filter(name="Boy Rafli Amar").count() == 2
    assert Person.objects.filter(slug="boy-rafli-amar-bnpt").exists()

    add_person(editor_client, name="Boy Rafli Amar", slug="boy-rafli-amar")
    assert Person.objects.filter(slug="boy-rafli-amar-2").exists()


def test_a_new_person_does_not_take_an_old_address(editor_client, editor):
    moved = PersonFactory(name="Boy Rafli", slug="boy-rafli")
    moved.slug = "boy-rafli-amar"
    services.person_save(person=moved, user=editor)  # /people/boy-rafli/ redirects

    response = add_person(editor_client, name="Boy Rafli", slug="boy-rafli")

    assert response.status_code == 302
    assert Person.objects.filter(slug="boy-rafli-2").exists()
    assert moved.old_slugs.filter(slug="boy-rafli").exists()


def test_a_slug_typed_by_hand_that_is_taken_is_still_refused(editor_client, officials):
    response = add_person(editor_client, name="Boy Rafli", slug="boy-rafli-amar")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]
