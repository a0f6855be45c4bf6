"""Merging tags is an editor's act (articles.services.tags.tag_merge): a
reporter (view-only on tags) had merged tags through django-taggit's action
and page, re-tagging published stories with nothing in their history; a
moderator's POST to the page had created a tag, then answered 500."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import translation
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, TagSlugHistory
from articles.services.tags import tag_merge
from newsroom.history import revision_comment
from tests.articles.factories import ArticleFactory
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"
MERGE = "/admin/taggit/tag/merge-tags/"  # taggit's address, kept


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def stories(db):
    """Two published stories tagged "Terorisme", one "Teror", one both."""
    return [
        ArticleFactory(title="Satu", tags=["Terorisme"]),
        ArticleFactory(title="Dua", tags=["Terorisme", "Teror"]),
        ArticleFactory(title="Tiga", tags=["Teror"]),
    ]


def ids(*names):
    return [Tag.objects.get(name=name).pk for name in names]


def action_offered(client) -> bool:
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    return 'value="merge_selected"' in page.content.decode()


@pytest.mark.parametrize("role", ["reporter", "moderator"])
def test_staff_without_tag_rights_are_refused_the_merge(client, role, stories, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    if role == "reporter":  # may see the tags' list, without the action
        assert not action_offered(client)
    tags = ids("Terorisme", "Teror")
    assert client.get(MERGE, {"tags": tags}).status_code == 403
    sent = client.post(MERGE, {"tags": tags, "name": "digabung"})
    assert sent.status_code == 403
    # as the tester sent it to taggit's page
    assert client.post(MERGE, {"new_tag_name": "x"}).status_code == 403
    assert not Tag.objects.filter(name__in=["digabung", "x"]).exists()
    action = client.post(
        CHANGELIST, {"action": "render_tag_form", "_selected_action": tags}
    )
    assert action.status_code in (200, 302, 403)
    assert Tag.objects.filter(pk__in=tags).count() == 2
    assert set(Article.objects.get(title="Satu").tags.names()) == {"Terorisme"}


def test_an_editor_merges_and_the_public_pages_follow_at_once(
    client, desk_editor, stories, django_capture_on_commit_callbacks
):
    reader = type(client)()
    assert reader.get("/tags/terorisme/").status_code == 200
    reader.get("/tags/teror/")
    assert reader.get("/tags/teror/")["X-Page-Cache"] == "hit"

    client.force_login(desk_editor)
    assert action_offered(client)
    tags = ids("Terorisme", "Teror")
    chosen = client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": tags}
    )
    assert chosen.status_code == 302
    page = client.get(chosen["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Gabungkan tag" in text or "Merge tags" in text
    assert "/tags/terorisme/" in text and "/tags/teror/" in text
    # how many stories each carries
    assert "2" in text

    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        merged = client.post(MERGE, {"tags": tags, "name": "Teror"})
    assert merged.status_code == 302
    teror = Tag.objects.get(name="Teror")
    assert merged["Location"] == reverse("admin:taggit_tag_change", args=[teror.pk])
    assert not Tag.objects.filter(name="Terorisme").exists()
    for story in Article.objects.all():
        assert list(story.tags.names()) == ["Teror"]  # once, where it had both

    # The kept tag's public page lists every story now, from a cached page.
    page = reader.get("/tags/teror/")
    assert page.status_code == 200
    for title in ("Satu", "Dua", "Tiga"):
        assert title in page.content.decode()
    # The merged tag's address leads to it (301), its feed too.
    old = reader.get("/tags/terorisme/")
    assert old.status_code == 301 and old["Location"] == "/tags/teror/"
    feed = reader.get("/tags/terorisme/feed/rss/")
    assert feed.status_code == 301 and feed["Location"] == "/tags/teror/feed/rss/"

    # The stories' history and the tags' history say so.
    satu = Article.objects.get(title="Satu")
    version = Version.objects.get_for_object(satu).first()
    assert "Terorisme" in revision_comment(version.revision.comment)
    assert version.revision.user == desk_editor
    assert LogEntry.objects.filter(object_id=str(teror.pk)).exists()

    # Sent again (Back, then the same form): no 500, nothing doubled.
    again = client.post(MERGE, {"tags": tags, "name": "Teror"})
    assert again.status_code == 200
    assert Tag.objects.filter(name__iexact="teror").count() == 1
    assert Article.objects.get(title="Dua").tags.count() == 1
    # Back to the page of the merged tags: sent to the list, told why.
    back = client.get(MERGE, {"tags": tags})
    assert back.status_code in (200, 302)


def test_nothing_selected_or_no_name_is_said_and_nothing_is_made(
    client, desk_editor, stories
):
    client.force_login(desk_editor)
    empty = client.get(MERGE)
    assert empty.status_code == 302 and empty["Location"] == CHANGELIST
    assert client.post(MERGE, {"name": "baru"}).status_code == 200
    assert client.post(MERGE, {"new_tag_name": "x"}).status_code == 200  # taggit's
    tags = ids("Terorisme", "Teror")
    no_name = client.post(MERGE, {"tags": tags, "name": "  "})
    assert no_name.status_code == 200
    assert no_name.context["form"].errors["name"]
    assert not Tag.objects.filter(name__in=["baru", "x"]).exists()
    assert Tag.objects.count() == 2
    # then with the name typed: merged into a new tag
    done = client.post(MERGE, {"tags": tags, "name": "Terorisme dan teror"})
    assert done.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Terorisme dan teror"]
    assert set(TagSlugHistory.objects.values_list("slug", flat=True)) == {
        "terorisme",
        "teror",
    }


@pytest.fixture
def editions(db):
    """ "terorisme" on three Indonesian stories, "terrorism" on two English
    ones: the editions' two names for one subject."""
    return [
        *(ArticleFactory(title=f"Berita {n}", tags=["terorisme"]) for n in range(3)),
        *(
            ArticleFactory(title=f"Story {n}", language="en", tags=["terrorism"])
            for n in range(2)
        ),
    ]


def choose(client, *names):
    """The tags' list's action on the tags `names`: the merge page's address."""
    chosen = client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": ids(*names)}
    )
    assert chosen.status_code == 302
    return chosen["Location"]


def test_the_editions_two_names_for_a_subject_are_merged_only_when_ticked(
    client, desk_editor, editions, english
):
    client.force_login(desk_editor)
    address = choose(client, "terorisme", "terrorism")
    page = client.get(address)
    text = page.content.decode()
    assert "3 Indonesian, 0 English" in text
    assert "0 Indonesian, 2 English" in text
    assert 'name="across_editions"' in text

    refused = client.post(
        address, {"tags": ids("terorisme", "terrorism"), "name": "terorisme"}
    )
    assert refused.status_code == 200
    error = " ".join(refused.context["form"].non_field_errors())
    assert "Only Indonesian stories carry “terorisme”" in error
    assert "only English stories “terrorism”" in error
    assert 'name="across_editions"' in refused.content.decode()
    # Nothing changed: the English stories keep their tag, its page stays.
    assert set(Tag.objects.values_list("name", flat=True)) == {"terorisme", "terrorism"}
    assert not TagSlugHistory.objects.exists()
    assert Article.objects.get(title="Story 0").tags.names()[0] == "terrorism"
    assert type(client)().get("/tags/terrorism/").status_code == 200

    # Ticked: merged, as the editor chose.
    merged = client.post(
        address,
        {
            "tags": ids("terorisme", "terrorism"),
            "name": "terorisme",
            "across_editions": "on",
        },
    )
    assert merged.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["terorisme"]
    assert list(Article.objects.get(title="Story 0").tags.names()) == ["terorisme"]


def test_the_service_refuses_a_merge_across_editions_however_it_is_asked(
    desk_editor, editions
):
    from django.core.exceptions import ValidationError

    from articles.services.tags import tag_merge

    ArticleFactory(title="Berita teror", tags=["teror"])
    # into an English-only tag outside the selection
    with pytest.raises(ValidationError) as refused:
        tag_merge(
            tags=Tag.objects.filter(name="teror"), into="Terrorism", user=desk_editor
        )
    assert refused.value.code == "across_editions"
    with pytest.raises(ValidationError):
        tag_merge(
            tags=Tag.objects.filter(name__in=["teror", "terrorism"]),
            into="Teror dan terrorism",  # a new tag
            user=desk_editor,
        )
    assert Tag.objects.count() == 3
    # Within one edition, or with a tag both editions carry: merged.
    tag_merge(tags=Tag.objects.filter(name="teror"), into="terorisme", user=desk_editor)
    ArticleFactory(title="Both", language="en", tags=["terorisme"])
    kept = tag_merge(
        tags=Tag.objects.filter(name="terrorism"), into="terorisme", user=desk_editor
    )
    assert kept.name == "terorisme" and Tag.objects.count() == 1


def test_the_stories_of_each_edition_are_counted_in_one_query(
    editions, django_assert_num_queries, english
):
    from articles.services.tags import tags_with_story_counts

    ArticleFactory(language="en", tags=["terorisme", "Jakarta"])
    ArticleFactory(tags=["Jakarta"], draft=True)
    tags_with_story_counts([])  # the content type, cached
    every = list(Tag.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        counted = tags_with_story_counts(every)
    assert [(tag.name, tag.editions, tag.edition_only) for tag in counted] == [
        ("Jakarta", [("Indonesian", 1), ("English", 1)], ""),
        ("terorisme", [("Indonesian", 3), ("English", 1)], ""),
        ("terrorism", [("Indonesian", 0), ("English", 2)], "en"),
    ]


def test_back_after_a_merge_says_where_the_tags_went(client, desk_editor, english):
    ArticleFactory(title="Satu", tags=["intelijen"])
    ArticleFactory(title="Dua", tags=["intel"])
    ArticleFactory(title="Tiga", tags=["spionase"])
    client.force_login(desk_editor)
    address = choose(client, "intel", "intelijen")
    assert client.get(address).status_code == 200
    form = {"tags": ids("intel", "intelijen"), "name": "intelijen"}
    assert client.post(address, form, follow=True).status_code == 200
    kept = Tag.objects.get(name="intelijen")

    # Back: the page again, from its address.
    back = client.get(address, follow=True)
    assert back.redirect_chain == [
        (reverse("admin:taggit_tag_change", args=[kept.pk]), 302)
    ]
    said = [str(message) for message in back.context["messages"]]
    assert said == ["These tags were already merged into “intelijen”."]
    # Or Back to the page kept by the browser, and the form sent again.
    again = client.post(address, form, follow=True)
    said = [str(message) for message in again.context["messages"]]
    assert said == ["These tags were already merged into “intelijen”."]
    assert list(Tag.objects.order_by("name").values_list("name", flat=True)) == [
        "intelijen",
        "spionase",
    ]

    # Some merged, some not: said, and the others can still be merged.
    address = choose(client, "intelijen", "spionase")
    spionase = Tag.objects.get(name="spionase")
    address += "&slugs=intel"  # as if "intel" had been chosen with them
    page = client.get(address)
    assert page.status_code == 200
    said = [str(message) for message in page.context["messages"]]
    assert said == ["The tag at /tags/intel/ was already merged into “intelijen”."]
    assert [tag.name for tag in page.context["tags"]] == ["intelijen", "spionase"]
    done = client.post(address, {"tags": [kept.pk, spionase.pk], "name": "intelijen"})
    assert done.status_code == 302
    assert [str(n) for n in Article.objects.get(title="Tiga").tags.names()] == [
        "intelijen"
    ]


def test_the_merge_message_and_the_tag_page_read_in_the_desks_language(
    client, desk_editor
):
    """Indonesian desk: a merged tag's name kept as typed, in quotes ("penjelasan
    digabung" had begun the sentence as "Penjelasan"), and the tag's fields
    labelled in Indonesian (taggit's "Name" and "Slug" had shown in English)."""
    ArticleFactory(title="Satu", tags=["penjelasan"])
    ArticleFactory(title="Dua", tags=["kontra-narasi"])
    client.force_login(desk_editor)
    address = choose(client, "penjelasan", "kontra-narasi")
    form = {"tags": ids("penjelasan", "kontra-narasi"), "name": "kontra-narasi"}

    done = client.post(address, form, follow=True)

    said = [str(message) for message in done.context["messages"]]
    assert said[0].startswith("“penjelasan” digabung ke “kontra-narasi”")
    page = done.content.decode()
    assert ">Nama:</label>" in page and ">Slug:</label>" in page
    listing = client.get(CHANGELIST).content.decode()
    assert ">Nama</a>" in listing and ">Name<" not in listing


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said"),
    [
        ("en", "id", "Tag “Teror” digabung ke “Terorisme”."),
        ("id", "en", "Merged the tag “Teror” into “Terorisme”."),
    ],
)
def test_a_stories_history_tells_of_the_merge_in_the_readers_language(
    editor_client, desk_editor, stories, saved_in, read_in, said
):
    with translation.override(saved_in):
        tag_merge(
            tags=Tag.objects.filter(name="Teror"), into="Terorisme", user=desk_editor
        )

    assert said in history_page(editor_client, stories[2], read_in)
