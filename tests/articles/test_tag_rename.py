"""A tag's name or slug changed in the tag admin's change form
(articles.services.tags.tag_change): the tag's old address, in both editions,
and its feeds had answered 404, losing the links, bookmarks and search
engines that led there; a new name was not found by the search."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import translation
from reversion.models import Version
from taggit.models import Tag

from articles.models import TagSlugHistory
from articles.services.tags import tag_change, tag_merge
from newsroom.history import revision_comment
from tests.articles.factories import ArticleFactory
from tests.articles.search_fixture import postgres_only
from tests.newsroom.admin_forms import opened, save_in_admin, saves
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

OLD_ADDRESSES = (
    "/tags/{}/",
    "/en/tags/{}/",
    "/tags/{}/feed/rss/",
    "/tags/{}/feed/atom/",
    "/en/tags/{}/feed/rss/",
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def rename(client, django_capture_on_commit_callbacks):
    """The tag's change form, changed and saved as an editor would (its
    transaction as if committed: the page cache's bumps run)."""

    def save(client, tag, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            save_in_admin(client, tag, **changes)
        tag.refresh_from_db()
        return tag

    return save


@pytest.fixture
def story(db):
    return ArticleFactory(title="Satgas siaga di perbatasan", tags=["Teror"])


@pytest.fixture
def teror(story):
    return Tag.objects.get(name="Teror")


def assert_leads_to(reader, old: str, new: str):
    for address in OLD_ADDRESSES:
        answer = reader.get(address.format(old))
        assert answer.status_code == 301, address
        assert answer["Location"] == address.format(new)
        assert reader.get(answer["Location"]).status_code == 200


def test_an_editor_changes_the_slug_and_the_old_addresses_lead_to_the_new(
    client, desk_editor, teror, rename
):
    reader = type(client)()
    for address in OLD_ADDRESSES:
        assert reader.get(address.format("teror")).status_code == 200
    client.force_login(desk_editor)

    rename(client, teror, slug="terorisme")

    assert teror.slug == "terorisme"
    assert_leads_to(reader, "teror", "terorisme")
    entry = LogEntry.objects.get(object_id=str(teror.pk))
    assert entry.user == desk_editor
    assert "/tags/teror/" in revision_comment(entry.change_message)
    assert "/tags/terorisme/" in revision_comment(entry.change_message)


def test_renamed_twice_both_old_addresses_lead_to_the_last(
    client, desk_editor, teror, rename
):
    client.force_login(desk_editor)
    rename(client, teror, slug="b")
    rename(client, teror, slug="c")
    reader = type(client)()
    assert_leads_to(reader, "teror", "c")
    assert_leads_to(reader, "b", "c")
    assert sorted(TagSlugHistory.objects.values_list("slug", flat=True)) == [
        "b",
        "teror",
    ]


def test_renamed_back_the_address_is_the_tags_again_without_a_loop(
    client, desk_editor, teror, rename
):
    client.force_login(desk_editor)
    rename(client, teror, slug="b")
    rename(client, teror, slug="teror")
    reader = type(client)()
    assert reader.get("/tags/teror/").status_code == 200
    assert reader.get("/en/tags/teror/feed/rss/").status_code == 200
    assert_leads_to(reader, "b", "teror")
    assert list(TagSlugHistory.objects.values_list("slug", flat=True)) == ["b"]


def test_a_reporter_cannot_rename_a_tag(client, reporter, teror):
    client.force_login(reporter)
    data = {"name": "Terorisme", "slug": "terorisme"}
    assert saves(client, teror, data).status_code == 403
    teror.name, teror.slug = "Terorisme", "terorisme"
    with pytest.raises(PermissionDenied):
        tag_change(tag=teror, user=reporter)
    teror.refresh_from_db()
    assert (teror.name, teror.slug) == ("Teror", "teror")
    assert not TagSlugHistory.objects.exists()
    assert not LogEntry.objects.exists()


def test_the_tag_page_and_its_stories_show_the_new_name_at_the_next_request(
    client, desk_editor, story, teror, rename
):
    reader = type(client)()
    pages = ("/tags/teror/", story.get_absolute_url(), "/")
    for path in pages:
        reader.get(path)
        assert reader.get(path)["X-Page-Cache"] == "hit", path
    client.force_login(desk_editor)

    rename(client, teror, name="Terorisme", slug="terorisme")

    page = reader.get("/tags/terorisme/")
    assert page.status_code == 200 and "Terorisme" in page.content.decode()
    text = reader.get(story.get_absolute_url()).content.decode()
    assert "Terorisme" in text and "/tags/terorisme/" in text
    assert 'href="/tags/teror/"' not in text
    # The story's history says why its tag reads otherwise.
    version = Version.objects.get_for_object(story).first()
    assert "“Teror” menjadi “Terorisme”" in revision_comment(version.revision.comment)
    assert version.revision.user == desk_editor
    # One entry in the tag's history, the service's.
    assert LogEntry.objects.filter(object_id=str(teror.pk)).count() == 1


@postgres_only
def test_a_renamed_tag_finds_its_stories_by_the_new_name(
    client, desk_editor, story, rename
):
    ArticleFactory(title="Banjir di Jakarta", tags=["Cuaca"])
    client.force_login(desk_editor)
    rename(client, Tag.objects.get(name="Cuaca"), name="Kontraterorisme")
    found = client.get("/search/", {"q": "kontraterorisme"})
    assert [a.title for a in found.context["page_obj"]] == ["Banjir di Jakarta"]


def test_a_slug_or_name_another_tag_has_or_had_is_said_and_nothing_is_lost(
    client, desk_editor, teror, rename
):
    ArticleFactory(tags=["Bom", "Ledakan"])
    tag_merge(tags=Tag.objects.filter(name="Ledakan"), into="Bom", user=desk_editor)
    client.force_login(desk_editor)
    form = opened(client, teror)

    for field, typed, said in [
        ("slug", "bom", "Tag “Bom” sudah berada di /tags/bom/"),
        ("slug", "ledakan", "/tags/ledakan/ adalah alamat lama tag “Bom”"),
        ("name", "BOM", "Tag “Bom” sudah memakai nama ini"),
    ]:
        sent = saves(client, teror, {**form, field: typed})
        assert sent.status_code == 200
        shown = sent.context["adminform"].form
        assert said in " ".join(shown.errors[field])
        assert shown[field].value() == typed  # as typed, to be corrected
    teror.refresh_from_db()
    assert (teror.name, teror.slug) == ("Teror", "teror")
    reader = type(client)()
    assert reader.get("/tags/ledakan/")["Location"] == "/tags/bom/"
    assert reader.get("/tags/teror/").status_code == 200


def test_the_service_keeps_a_live_slug_from_being_anyones_old_address(
    desk_editor, teror
):
    teror.slug = "b"
    tag_change(tag=teror, user=desk_editor)
    teror.slug = "Teror"  # typed in capitals: the address is read in lower case
    tag_change(tag=teror, user=desk_editor)
    assert Tag.objects.get(pk=teror.pk).slug == "teror"
    assert list(TagSlugHistory.objects.values_list("slug", "owner")) == [
        ("b", teror.pk)
    ]


def test_the_tags_page_names_its_stories_and_has_no_rows_to_retag_them(
    client, desk_editor, teror, story, django_assert_max_num_queries
):
    """taggit's rows of tagged items (one form a story, by content type and
    object id) changed a story's tags without its service: no History, no
    search vector. The page now names the stories, linked to their pages."""
    other = ArticleFactory(title="Pelatihan bersama", tags=["Bom"])
    client.force_login(desk_editor)

    page = client.get(f"/admin/taggit/tag/{teror.pk}/change/")

    html = page.content.decode()
    assert "1 berita (1 terbit): 1 bahasa Indonesia, 0 bahasa Inggris" in html
    assert f'href="/admin/articles/article/{story.pk}/change/">{story.title}<' in html
    assert other.title not in html
    assert "taggit-taggeditem-content_type" not in html
    assert "TOTAL_FORMS" not in html
    # A forged row posted with the form is not read: the story keeps its tag.
    form = opened(client, teror)
    client.post(
        f"/admin/taggit/tag/{teror.pk}/change/",
        {
            **form,
            "taggit_taggeditem_items-TOTAL_FORMS": "1",
            "taggit_taggeditem_items-INITIAL_FORMS": "1",
            "taggit_taggeditem_items-0-id": str(story.tagged_items.get().pk),
            "taggit_taggeditem_items-0-DELETE": "on",
        },
    )
    assert list(story.tags.names()) == ["Teror"]


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said"),
    [
        ("en", "id", "Mengganti nama tag “Teror” menjadi “Terorisme”."),
        ("id", "en", "Renamed the tag “Teror” to “Terorisme”."),
    ],
)
def test_a_stories_history_tells_of_the_rename_in_the_readers_language(
    editor_client, desk_editor, story, teror, saved_in, read_in, said
):
    teror.name = "Terorisme"
    with translation.override(saved_in):
        tag_change(tag=teror, user=desk_editor)

    assert said in history_page(editor_client, story, read_in)
