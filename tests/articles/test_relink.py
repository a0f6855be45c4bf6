"""An agency, a person or a meeting deleted takes its stories' links with it;
recovered from History's deleted list, it links them again
(articles/services/relink.py): the stories as the delete found them, but for
one deleted since or given another meeting since; each story's version
moves on, so an editor with it open is told instead of saving the link
away; search and the public pages know at once; the recover page says so
before saving, the revision and the message after."""

import html
import re

import pytest
from django.test import Client
from django.utils import translation
from lxml import html as lxml_html
from reversion.models import Version

from agencies.models import Agency, Meeting, Person
from articles.models import Article, LinksAtDelete
from articles.services.workflow import EditConflict, article_save
from newsroom.history import revision_comment
from tests.agencies.factories import AgencyFactory, MeetingFactory, PersonFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_search import searchable
from tests.newsroom.admin_forms import (
    admin_form_data,
    admin_url,
    opened,
    save_in_admin,
    saves,
)
from tests.newsroom.presence_pages import logged_in, with_revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def delete_in_admin(client, obj) -> None:
    response = client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def recover_page(client, model):
    """The recover page of the one deleted `model` object, as it opens."""
    deleted = Version.objects.get_deleted(model).first()
    url = admin_url(model, "recover", deleted.pk)
    page = client.get(url)
    assert page.status_code == 200
    return url, page


def recover_in_admin(client, model):
    url, page = recover_page(client, model)
    response = client.post(url, admin_form_data(page), follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]
    return response


def said(response) -> list[str]:
    """The messages on the page that speak of the stories."""
    return [
        str(message)
        for message in response.context["messages"]
        if "successfully" not in str(message) and "berhasil" not in str(message)
    ]


def note(page) -> str:
    """What the recover page says saving will do besides, above the fields."""
    found = re.search(r'<p class="recovering-also">(.*?)</p>', page.content.decode())
    return html.unescape(found.group(1)) if found else ""


@pytest.fixture
def stories(section, bnpt, agencies):
    """Two stories naming BNPT (one published, one a draft) and one that
    does not, each with its first revision, as the desk's saves keep."""
    return [
        with_revision(story)
        for story in (
            ArticleFactory(
                title="Delegasi Filipina tiba di Jakarta",
                slug="delegasi-filipina-tiba",
                body="Pertemuan kerja sama keamanan dibuka di Jakarta.",
                section=section,
                agencies=[bnpt],
            ),
            ArticleFactory(
                title="Rancangan nota kesepahaman dibahas",
                body="Kedua delegasi membahas rancangan nota kesepahaman.",
                section=section,
                agencies=[bnpt, agencies["BIN"]],
                draft=True,
            ),
            ArticleFactory(title="Cuaca Jakarta", section=section),
        )
    ]


def test_a_recovered_agency_is_linked_again_to_its_stories(
    editor_client, bnpt, stories
):
    published, draft, other = stories
    save_in_admin(editor_client, bnpt)  # its first revision
    versions = {story.pk: story.version for story in stories}
    delete_in_admin(editor_client, bnpt)
    assert not published.agencies.exists()
    assert list(draft.agencies.values_list("acronym", flat=True)) == ["BIN"]

    url, page = recover_page(editor_client, Agency)
    assert said(page) == []  # nothing is done yet: no message says so
    assert note(page) == (
        "Saving links it again to the 2 stories it was linked to when it was "
        "deleted: Delegasi Filipina tiba di Jakarta; Rancangan nota "
        "kesepahaman dibahas."
    )
    assert not published.agencies.exists()  # opening the page links nothing

    response = recover_in_admin(editor_client, Agency)

    bnpt = Agency.objects.get(acronym="BNPT")
    assert list(published.agencies.all()) == [bnpt]
    assert set(draft.agencies.values_list("acronym", flat=True)) == {"BIN", "BNPT"}
    assert not other.agencies.exists()
    assert (
        "Linked “BNPT (ID)” again to the 2 stories it was linked to when it was "
        "deleted: Delegasi Filipina tiba di Jakarta; Rancangan nota "
        "kesepahaman dibahas." in said(response)
    )
    # The stories' versions moved on at the delete and at the recovery; the
    # other's did not.
    for story in stories:
        story.refresh_from_db()
    assert published.version == versions[published.pk] + 2
    assert draft.version == versions[draft.pk] + 2
    assert other.version == versions[other.pk]
    # One revision: the agency and its stories, as they are now.
    revision = Version.objects.get_for_object(bnpt).first().revision
    assert Version.objects.get_for_object(published).first().revision == revision
    assert Version.objects.get_for_object(draft).first().revision == revision
    assert "Linked “BNPT (ID)” again to the 2 stories" in revision_comment(
        revision.comment
    )
    assert Version.objects.get_for_object(published).first().field_dict["agencies"] == [
        bnpt.pk
    ]
    assert not LinksAtDelete.objects.exists()


def test_the_public_pages_and_search_know_the_link_again_at_once(
    editor_client, bnpt, stories, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    reader = Client()
    published = stories[0]
    # The agency's name is on the page only while the story links it.
    agency_page = "Badan Nasional Penanggulangan Terorisme"
    url = published.get_absolute_url()
    save_in_admin(editor_client, bnpt)
    with django_capture_on_commit_callbacks(execute=True):
        delete_in_admin(editor_client, bnpt)
    assert agency_page not in reader.get(url).content.decode()
    assert reader.get(url)["X-Page-Cache"] == "hit"
    assert searchable("Penanggulangan") == []

    with django_capture_on_commit_callbacks(execute=True):
        recover_in_admin(editor_client, Agency)

    page = reader.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert agency_page in page.content.decode()
    assert searchable("Penanggulangan") == [published.slug]


def test_an_editor_with_a_relinked_story_open_is_told_not_reverted(
    editor, editor_client, bnpt, stories
):
    """The story was open before the recovery: saving it as the form had it
    (without BNPT) would take the link away again without a word."""
    published = stories[0]
    opened_at = published.version
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)
    recover_in_admin(editor_client, Agency)

    published.refresh_from_db()
    published.title = "Delegasi Filipina tiba di Jakarta pada Kamis"
    with pytest.raises(EditConflict):
        article_save(
            article=published,
            user=editor,
            expected_version=opened_at,
            agencies=[],
        )
    assert Article.objects.get(pk=published.pk).agencies.get().acronym == "BNPT"


def test_a_story_deleted_since_is_left_out_and_nothing_is_said_for_none(
    editor_client, bnpt, stories
):
    published, draft, _other = stories
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)
    Article.objects.filter(pk=draft.pk).delete()

    response = recover_in_admin(editor_client, Agency)

    assert published.agencies.get().acronym == "BNPT"
    assert (
        "Linked “BNPT (ID)” again to 1 story it was linked to when it was deleted: "
        "Delegasi Filipina tiba di Jakarta." in said(response)
    )

    # Deleted and recovered again: the stories it links now, once more.
    delete_in_admin(editor_client, Agency.objects.get(acronym="BNPT"))
    response = recover_in_admin(editor_client, Agency)
    assert published.agencies.get().acronym == "BNPT"
    assert any("Linked “BNPT (ID)” again to 1 story" in m for m in said(response))


def test_an_agency_that_named_no_story_is_recovered_without_a_word_of_stories(
    editor_client, agencies
):
    bin_ = agencies["BIN"]
    save_in_admin(editor_client, bin_)
    delete_in_admin(editor_client, bin_)
    assert not LinksAtDelete.objects.exists()

    response = recover_in_admin(editor_client, Agency)

    assert not any("Linked" in message for message in said(response))
    assert Agency.objects.filter(acronym="BIN").exists()


def test_a_recovered_person_is_named_again_by_their_stories(
    editor_client, officials, section
):
    amar = officials["Amar"]
    story = ArticleFactory(title="Kepala BNPT membuka pertemuan", section=section)
    story.people.add(amar)
    save_in_admin(editor_client, amar)
    delete_in_admin(editor_client, amar)
    assert not story.people.exists()

    response = recover_in_admin(editor_client, Person)

    assert [p.name for p in story.people.all()] == ["Boy Rafli Amar"]
    assert any("Linked “" in m and "Kepala BNPT membuka" in m for m in said(response))


def test_a_recovered_meeting_is_the_meeting_again_of_stories_given_no_other(
    editor_client, jwg4, section
):
    first = ArticleFactory(title="JWG ke-4 dibuka", section=section, meeting=jwg4)
    moved = ArticleFactory(title="JWG ke-4 ditutup", section=section, meeting=jwg4)
    save_in_admin(editor_client, jwg4)
    delete_in_admin(editor_client, jwg4)
    first.refresh_from_db()
    assert first.meeting is None
    # An editor gives the second story another meeting meanwhile.
    other = MeetingFactory(series=jwg4.series, number=5)
    Article.objects.filter(pk=moved.pk).update(meeting=other)

    response = recover_in_admin(editor_client, Meeting)

    first.refresh_from_db()
    moved.refresh_from_db()
    assert first.meeting_id == jwg4.pk
    assert moved.meeting_id == other.pk  # the editor's later choice stands
    assert any(
        "again to 1 story it was linked to when it was deleted: JWG ke-4 dibuka." in m
        for m in said(response)
    )


def test_the_delete_page_says_recovering_links_the_stories_again(
    editor_client, bnpt, stories
):
    page = editor_client.get(admin_url(Agency, "delete", bnpt.pk)).content.decode()
    assert "Stories that will no longer mention this agency:" in page
    assert (
        "If it is recovered later (“Recover deleted…” on its list), these "
        "stories are linked to it again." in page
    )


def test_in_indonesian_the_recovery_says_it_in_indonesian(
    editor_client, bnpt, stories, settings
):
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)
    settings.LANGUAGE_CODE = "id"
    _url, page = recover_page(editor_client, Agency)
    assert note(page) == (
        "Saat disimpan, 2 berita yang menautkannya ketika dihapus akan "
        "ditautkan lagi: Delegasi Filipina tiba di Jakarta; Rancangan nota "
        "kesepahaman dibahas."
    )
    response = recover_in_admin(editor_client, Agency)
    assert (
        "“BNPT (ID)” ditautkan lagi ke 2 berita yang menautkannya ketika dihapus: "
        "Delegasi Filipina tiba di Jakarta; Rancangan nota kesepahaman dibahas."
        in said(response)
    )


def test_the_delete_keeps_the_stories_without_it_in_a_revision_by_its_user(
    editor, editor_client, bnpt, stories
):
    """The story's History tells of the delete, and compares the delete's
    revision with the recovery's as a change (it had said "the same")."""
    published = stories[0]
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)

    removed = Version.objects.get_for_object(published).first()
    assert removed.field_dict["agencies"] == []
    assert removed.revision.user == editor
    assert "Links to “BNPT (ID)” removed: it was deleted." in revision_comment(
        removed.revision.comment
    )

    recover_in_admin(editor_client, Agency)
    back = Version.objects.get_for_object(published).first()
    assert back.field_dict["agencies"] == [bnpt.pk]
    assert back.field_dict["version"] == removed.field_dict["version"] + 1


def test_an_editor_who_opened_a_story_after_the_delete_keeps_the_recovered_link(
    editor_client, desk_editor, bnpt, stories
):
    """Editor B opens the story after the delete (no BNPT on the form);
    BNPT is recovered; B saves a new headline. The edit lock refuses it,
    and combining keeps BNPT with B's headline, B having changed nothing
    else (it had read the form's lack of BNPT as B's own removal, and taken
    the link away again)."""
    published = stories[0]
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)
    b = logged_in(desk_editor)
    mine = {**opened(b, published), "title": "Delegasi Filipina tiba Kamis"}
    recover_in_admin(editor_client, Agency)

    refused = saves(b, published, mine)
    assert refused.status_code == 200
    page = lxml_html.fromstring(refused.content.decode())
    keeps = page.xpath('.//th[normalize-space()="Agencies mentioned"]/..')[0]
    assert " ".join(keeps.text_content().split()) == (
        "Agencies mentioned — BNPT (ID) the saved one"
    )
    saved = combine(b, published, refused, mine)

    assert saved.status_code == 302
    published.refresh_from_db()
    assert published.title == "Delegasi Filipina tiba Kamis"
    assert published.agencies.get().acronym == "BNPT"


def test_an_untouched_form_opened_after_the_delete_leaves_the_link(
    editor_client, desk_editor, bnpt, stories
):
    published = stories[0]
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)
    b = logged_in(desk_editor)
    mine = opened(b, published)
    recover_in_admin(editor_client, Agency)

    saves(b, published, mine)

    assert published.agencies.get().acronym == "BNPT"


def test_more_stories_than_named_are_counted(editor_client, bnpt, section):
    titled = [
        ArticleFactory(title=f"Berita {number}", section=section, agencies=[bnpt])
        for number in range(1, 9)
    ]
    save_in_admin(editor_client, bnpt)
    delete_in_admin(editor_client, bnpt)

    _url, page = recover_page(editor_client, Agency)
    assert note(page) == (
        "Saving links it again to the 8 stories it was linked to when it was "
        "deleted: Berita 1; Berita 2; Berita 3; Berita 4; Berita 5 and 3 more."
    )
    response = recover_in_admin(editor_client, Agency)
    assert (
        "Linked “BNPT (ID)” again to the 8 stories it was linked to when it was "
        "deleted: Berita 1; Berita 2; Berita 3; Berita 4; Berita 5 and 3 more."
        in said(response)
    )
    assert all(story.agencies.exists() for story in titled)


def test_deleting_several_says_each_is_linked_again_to_its_own_stories(
    editor_client, bnpt, agencies, stories
):
    page = editor_client.post(
        admin_url(Agency, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [bnpt.pk, agencies["BIN"].pk],
        },
    ).content.decode()
    assert "Stories that will no longer mention these agencies:" in page
    assert (
        "If they are recovered later (“Recover deleted…” on their list), each "
        "is linked again to those of these stories it was linked to." in page
    )


def as_shown(response) -> dict:
    """The story form of `response` as the browser sends it back: the links'
    boxes as the page's HTML chooses them (admin_form_data reads the form's
    values, which a box may not show)."""
    data = admin_form_data(response)
    page = lxml_html.fromstring(response.content.decode())
    for name in ("agencies", "people", "meeting"):
        chosen = page.xpath(f'//select[@name="{name}"]//option[@selected]/@value')
        data[name] = [value for value in chosen if value]
        if name == "meeting":
            data[name] = data[name][0] if data[name] else ""
    return data


def combine(client, story, refused, data):
    """Press the edit lock panel's Combine on the page `refused`."""
    assert refused.status_code == 200
    button = lxml_html.fromstring(refused.content.decode()).xpath(
        './/button[@name="merge_version"]'
    )[0]
    return saves(client, story, {**data, "merge_version": button.get("value")})


def test_an_editor_who_had_the_story_open_before_the_delete_is_told_and_saves(
    editor_client, desk_editor, bnpt, stories
):
    """B's form still has BNPT ticked when the agency is deleted: B's save
    leaves BNPT out and says why (Django had refused the form: "Select a
    valid choice. 12 is not one of the available choices."), the edit lock
    shows its panel, and its Combine keeps B's headline without BNPT."""
    published = stories[0]
    save_in_admin(editor_client, bnpt)
    b = logged_in(desk_editor)
    mine = {**opened(b, published), "title": "Delegasi Filipina tiba Kamis"}
    assert mine["agencies"] == [str(bnpt.pk)]
    delete_in_admin(editor_client, bnpt)

    refused = saves(b, published, mine)

    assert said(refused) == [
        "An agency chosen on this story was deleted after the form was "
        "opened: it is left out."
    ]
    page = refused.content.decode()
    assert "not one of the available choices" not in page
    # The form shown again still names it, as deleted.
    chosen = re.search(r'<select name="agencies".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="\d+" selected>\(deleted\) BNPT \(ID\)<', chosen)
    again = as_shown(refused)
    assert again["agencies"] == [str(bnpt.pk)]

    saved = combine(b, published, refused, again)

    assert saved.status_code == 302
    published.refresh_from_db()
    assert published.title == "Delegasi Filipina tiba Kamis"
    assert not published.agencies.exists()


@pytest.mark.parametrize("model", [Agency, Person, Meeting])
def test_refused_across_a_delete_and_a_recovery_combining_keeps_the_link(
    editor_client, desk_editor, section, model
):
    """B opens the story; the agency (person, meeting) is deleted; B saves
    (refused by the edit lock); it is recovered; B combines from that panel
    (refused again: the recovery saved since) and combines again. B's
    headline and the recovered link are both kept: B removed nothing (the
    form shown again had dropped the link, and the second Combine took its
    absence for B's change)."""
    # Named by no meeting's rows: free to delete.
    agency = AgencyFactory(acronym="BSSN", name="Badan Siber dan Sandi Negara")
    person = PersonFactory(name="Hinsa Siburian", agency=agency)
    meeting = MeetingFactory()
    story = with_revision(
        ArticleFactory(
            title="Delegasi Filipina tiba di Jakarta",
            section=section,
            agencies=[agency],
            meeting=meeting,
        )
    )
    story.people.add(person)
    target = {Agency: agency, Person: person, Meeting: meeting}[model]
    save_in_admin(editor_client, target)
    b = logged_in(desk_editor)
    mine = {**opened(b, story), "title": "Delegasi Filipina tiba Kamis"}
    delete_in_admin(editor_client, target)
    first = saves(b, story, mine)
    again = as_shown(first)

    recover_in_admin(editor_client, model)
    second = combine(b, story, first, again)
    saved = combine(b, story, second, as_shown(second))

    assert saved.status_code == 302
    story.refresh_from_db()
    assert story.title == "Delegasi Filipina tiba Kamis"
    assert list(story.agencies.all()) == [agency]
    assert list(story.people.all()) == [person]
    assert story.meeting_id == meeting.pk


def test_a_deleted_meeting_kept_on_the_form_is_named_in_the_desks_language(
    editor_client, desk_editor, jwg4, section, settings
):
    """Its History kept the name in the language of whoever saved it last;
    the form names it in the reader's, "(deleted)" first, where a narrow box
    cuts the end of a long name."""
    Meeting.objects.filter(pk=jwg4.pk).update(
        title="JWG ke-4 Indonesia–Filipina", title_en="4th Indonesia–Philippines JWG"
    )
    jwg4.refresh_from_db()
    story = with_revision(
        ArticleFactory(title="JWG ke-4", section=section, meeting=jwg4)
    )
    save_in_admin(editor_client, jwg4)  # on the English desk
    b = logged_in(desk_editor)
    mine = opened(b, story)
    delete_in_admin(editor_client, jwg4)
    settings.LANGUAGE_CODE = "id"
    with translation.override("id"):
        indonesian = str(jwg4)

    page = saves(b, story, {**mine, "title": "JWG ke-4 ditutup"}).content.decode()

    chosen = re.search(r'<select name="meeting".*?</select>', page, re.S).group(0)
    assert indonesian == "JWG ke-4 Indonesia–Filipina"
    assert f"selected>(dihapus) {indonesian}<" in chosen
    stored = Version.objects.get_deleted(Meeting).get(object_id=str(jwg4.pk))
    assert stored.object_repr == "4th Indonesia–Philippines JWG"
