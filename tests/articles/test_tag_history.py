"""A tag's own History page (the tag admin's, Django's LogEntry): what
renaming and merging tags did, read in the reader's language, not in the
language of whoever did it; entries written as plain text still read as
written."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from taggit.models import Tag

from articles.services.tags import tag_change, tag_merge
from newsroom.history import revision_comment
from tests.articles.factories import ArticleFactory
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(client, desk_editor):
    """An editor of the desk's Editor group, who may see tags' history."""
    client.force_login(desk_editor)
    return client


@pytest.fixture
def teror(db):
    ArticleFactory(title="Satgas siaga di perbatasan", tags=["Teror"])
    return Tag.objects.get(name="Teror")


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said", "not_said"),
    [
        (
            "en",
            "id",
            "Mengganti nama tag “Teror” menjadi “Terorisme”.",
            "Renamed the tag",
        ),
        (
            "id",
            "en",
            "Renamed the tag “Teror” to “Terorisme”.",
            "Mengganti nama tag",
        ),
    ],
)
def test_a_tags_history_tells_of_its_rename_in_the_readers_language(
    desk_client, desk_editor, teror, saved_in, read_in, said, not_said
):
    teror.name = "Terorisme"
    with translation.override(saved_in):
        tag_change(tag=teror, user=desk_editor)

    page = history_page(desk_client, teror, read_in)
    assert said in page
    assert not_said not in page


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said"),
    [
        ("en", "id", "Tag “Teror” digabung ke “Terorisme”."),
        ("id", "en", "Merged the tag “Teror” into “Terorisme”."),
    ],
)
def test_a_kept_tags_history_tells_of_the_merge_in_the_readers_language(
    desk_client, desk_editor, teror, saved_in, read_in, said
):
    with translation.override(saved_in):
        kept = tag_merge(
            tags=Tag.objects.filter(name="Teror"), into="Terorisme", user=desk_editor
        )

    assert said in history_page(desk_client, kept, read_in)


def test_merging_one_tag_says_tag_and_several_tags(desk_editor, english):
    ArticleFactory(tags=["Kontra-narasi"])
    ArticleFactory(tags=["Narasi", "Kontra"])
    kept = tag_merge(
        tags=Tag.objects.filter(name="Kontra-narasi"),
        into="Penjelasan",
        user=desk_editor,
    )
    tag_merge(
        tags=Tag.objects.filter(name__in=["Narasi", "Kontra"]),
        into="Penjelasan",
        user=desk_editor,
    )

    said = [
        revision_comment(entry.change_message)
        for entry in LogEntry.objects.filter(object_id=str(kept.pk)).order_by("pk")
    ]
    assert said[0] == "Merged the tag “Kontra-narasi” into “Penjelasan”."
    assert said[1] in (
        "Merged the tags “Narasi”, “Kontra” into “Penjelasan”.",
        "Merged the tags “Kontra”, “Narasi” into “Penjelasan”.",
    )


def test_an_old_entry_in_plain_text_reads_as_written(desk_client, desk_editor, teror):
    LogEntry.objects.create(
        user=desk_editor,
        content_type=ContentType.objects.get_for_model(Tag),
        object_id=str(teror.pk),
        object_repr=str(teror),
        action_flag=CHANGE,
        change_message="Renamed the tag “Teror” to “Teror”.",
    )

    for language in ("id", "en"):
        page = history_page(desk_client, teror, language)
        assert "Renamed the tag “Teror” to “Teror”." in page
