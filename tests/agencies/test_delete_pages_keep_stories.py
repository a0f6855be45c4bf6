"""The delete pages of a meeting, an agency and a person name the stories
that are kept but will no longer name what is deleted, apart from the items
that "will be deleted": the meeting's page had not named them at all (a
story's meeting is emptied), the agency's and person's had listed them among
the items to delete. A series that has meetings cannot be deleted, said as
an agency's or a person's page says it, not in Django's "would require
deleting the following protected related objects"."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from agencies.models import Agency, Meeting, MeetingSeries, Person
from articles.models import Article
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.agencies.test_delete_selected_held_by_meetings import delete_selected
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

DJANGOS = "would require deleting the following protected"
DJANGOS_ID = "akan membutuhkan penghapusan objek terlindungi terkait"


def parts(html: str) -> tuple[str, str, str]:
    """The page's list of items to delete, the heading of the stories kept,
    and their list."""
    deleted = re.search(
        r'<ul id="deleted-objects">(.*?)</ul>\s*(<form|</div)', html, re.S
    )
    heading = re.search(r'<p class="stories-unlinked">([^<]*)</p>', html)
    stories = re.search(r'<ul class="stories-unlinked">(.*?)</ul>', html, re.S)
    return (
        deleted[1] if deleted else "",
        heading[1] if heading else "",
        stories[1] if stories else "",
    )


def indonesian(singular: str, plural: str, count: int) -> str:
    with translation.override("id"):
        return ngettext(singular, plural, count)


@pytest.fixture
def jwg4_stories(jwg4):
    """The 4th JWG's nine stories, seven published and two drafts."""
    published = [
        ArticleFactory(title=f"JWG story {n}", meeting=jwg4) for n in range(1, 8)
    ]
    drafts = [
        ArticleFactory(title=f"JWG draft {n}", meeting=jwg4, draft=True) for n in (8, 9)
    ]
    return published + drafts


@pytest.mark.usefixtures("english")
def test_a_meetings_delete_page_names_the_stories_that_will_lose_it(
    editor_client, jwg4, jwg4_stories
):
    html = editor_client.get(admin_url(Meeting, "delete", jwg4.pk)).content.decode()

    deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer name this meeting:"
    for story in jwg4_stories:
        link = admin_url(Article, "change", story.pk)
        assert f'<a href="{link}">{story.title}</a> (' in stories
        assert story.title not in deleted
    assert stories.count("(Published)") == 7
    assert stories.count("(Draft)") == 2
    assert "Person at the meeting: " in deleted  # what is deleted is listed

    editor_client.post(admin_url(Meeting, "delete", jwg4.pk), {"post": "yes"})
    assert Article.objects.filter(pk__in=[s.pk for s in jwg4_stories]).count() == 9


def test_a_meetings_delete_page_names_the_stories_on_the_indonesian_desk(
    editor_client, jwg4, jwg4_stories
):
    html = editor_client.get(admin_url(Meeting, "delete", jwg4.pk)).content.decode()

    deleted, heading, stories = parts(html)
    assert heading == indonesian(
        "Stories that will no longer name this meeting:",
        "Stories that will no longer name these meetings:",
        1,
    )
    assert stories.count("<li>") == 9
    assert "JWG story" not in deleted


@pytest.mark.usefixtures("english")
def test_deleting_selected_meetings_names_their_stories(
    editor_client, jwg4, jwg3, jwg4_stories
):
    html = delete_selected(editor_client, Meeting, jwg3, jwg4)

    _deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer name these meetings:"
    assert stories.count("<li>") == 9


@pytest.mark.usefixtures("english")
def test_an_agencys_stories_are_not_among_the_items_to_delete(editor_client):
    agency = AgencyFactory(acronym="ULS", name="Unit Lama Sekali")
    story = ArticleFactory(title="ULS closes its doors", agencies=[agency], draft=True)

    html = editor_client.get(admin_url(Agency, "delete", agency.pk)).content.decode()

    deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer mention this agency:"
    link = admin_url(Article, "change", story.pk)
    assert f'<a href="{link}">ULS closes its doors</a> (Draft)' in stories
    assert "ULS closes its doors" not in deleted
    assert "Story mentioning this agency" not in html
    assert "Article_agencies object" not in html
    assert "Stories mentioning them" not in html

    html = delete_selected(editor_client, Agency, agency)
    deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer mention this agency:"
    assert "ULS closes its doors</a> (Draft)" in stories
    assert "ULS closes its doors" not in deleted


def test_an_agencys_stories_are_named_apart_on_the_indonesian_desk(editor_client):
    agency = AgencyFactory(acronym="ULS", name="Unit Lama Sekali")
    ArticleFactory(title="ULS tutup", agencies=[agency])

    html = editor_client.get(admin_url(Agency, "delete", agency.pk)).content.decode()

    deleted, heading, stories = parts(html)
    assert heading == indonesian(
        "Stories that will no longer mention this agency:",
        "Stories that will no longer mention these agencies:",
        1,
    )
    assert "ULS tutup" in stories
    assert "ULS tutup" not in deleted
    assert "Hubungan" not in html


@pytest.mark.usefixtures("english")
def test_a_persons_stories_are_not_among_the_items_to_delete(editor_client):
    person = PersonFactory(name="Boy Rafli", slug="boy-rafli")
    ArticleFactory(title="Head of BNPT visits Manila", people=[person])

    html = editor_client.get(admin_url(Person, "delete", person.pk)).content.decode()

    deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer name this person:"
    assert "Head of BNPT visits Manila</a> (Published)" in stories
    assert "Head of BNPT visits Manila" not in deleted
    assert "Story naming this person" not in html

    html = delete_selected(editor_client, Person, person)
    deleted, heading, stories = parts(html)
    assert heading == "Stories that will no longer name this person:"
    assert "Head of BNPT visits Manila" not in deleted


def why(html: str) -> str:
    return re.search(r"<p>([^<]*cannot be deleted while[^<]*)</p>", html)[1]


@pytest.mark.usefixtures("english")
def test_a_series_with_meetings_is_refused_as_an_agency_is(
    editor_client, jwg_series, jwg3, jwg4
):
    for html in (
        editor_client.get(
            admin_url(MeetingSeries, "delete", jwg_series.pk)
        ).content.decode(),
        delete_selected(editor_client, MeetingSeries, jwg_series),
    ):
        assert DJANGOS not in html
        assert why(html) == (
            f"The meeting series “{jwg_series}” cannot be deleted while these "
            "meetings belong to it:"
        )
        for meeting in (jwg3, jwg4):
            link = admin_url(Meeting, "change", meeting.pk)
            assert f'<a href="{link}">{meeting}</a>' in html
        assert "Move each meeting to another series" in html
    assert MeetingSeries.objects.filter(pk=jwg_series.pk).exists()


def test_a_series_with_meetings_is_refused_so_on_the_indonesian_desk(
    editor_client, jwg_series, jwg4
):
    html = editor_client.get(
        admin_url(MeetingSeries, "delete", jwg_series.pk)
    ).content.decode()

    assert DJANGOS_ID not in html
    with translation.override("id"):
        sentence = ngettext(
            "The meeting series %(series)s cannot be deleted while these meetings "
            "belong to it:",
            "The meeting series %(series)s cannot be deleted while these meetings "
            "belong to them:",
            1,
        ) % {"series": f"“{jwg_series}”"}
        advice = gettext(
            "Move each meeting to another series, or delete it, then delete the series."
        )
    assert sentence in html
    assert advice in html
