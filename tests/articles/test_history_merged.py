"""A story's old revisions after what they name was merged or deleted: a
person merged into another, tags merged or renamed, an agency, a meeting or
a featured image deleted. History and compare name them as an editor reads
them; restoring puts back the person or tag kept, and says what it cannot."""

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from reversion.models import Version
from taggit.models import Tag

from agencies.services import agency_delete, person_merge
from articles.models import Article
from articles.services import article_restore, article_save
from articles.services.tags import tag_change, tag_merge
from newsroom.history import revision_comment
from tests.agencies.factories import PersonFactory
from tests.images import library_image
from tests.newsroom.admin_forms import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def save(article, user, *, people=None, tags=None, agencies=None, **changes):
    """An edit as the admin makes it: one service call, one revision."""
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article_save(article=article, user=user, expected_version=article.version)
        if people is not None:
            article.people.set(people)
        if tags is not None:
            article.tags.set(tags)
        if agencies is not None:
            article.agencies.set(agencies)
        reversion.set_user(user)
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def editor(editor):
    """The desk editor, who may also change, merge and delete tags."""
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="taggit")
    )
    return type(editor).objects.get(pk=editor.pk)  # permissions read afresh


def versions(article):
    return Version.objects.get_for_object(article).order_by("pk")


def tag_names(article):
    return sorted(tag.name for tag in article.tags.all())


@pytest.fixture
def duplicate(officials):
    """Boy Rafli Amar entered a second time, without his position."""
    return PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar-2", agency=None)


@pytest.fixture
def named_duplicate(jwg4_article, editor, duplicate, officials):
    """The story's first revision names the duplicate (not the person kept),
    the duplicate is merged into him, and a later revision names nobody:
    (first version, article, person kept)."""
    save(jwg4_article, editor, people=[duplicate])
    first = versions(jwg4_article).get()
    keep = officials["Amar"]
    person_merge(keep=keep, duplicate=duplicate, user=editor)
    article = save(jwg4_article, editor, people=[], title="Terror talks resume")
    return first, article, keep


# Restoring


def test_restoring_a_revision_naming_a_merged_duplicate_names_the_person_kept(
    named_duplicate, editor
):
    first, article, keep = named_duplicate

    article_restore(article=article, version=first, user=editor)

    assert list(Article.objects.get(pk=article.pk).people.all()) == [keep]


def test_a_duplicate_merged_twice_over_restores_as_the_last_person_kept(
    named_duplicate, editor
):
    first, article, keep = named_duplicate
    last = PersonFactory(name="Boy Rafli Amar (BNPT)", slug="boy-rafli-amar-bnpt")
    person_merge(keep=last, duplicate=keep, user=editor)

    article_restore(
        article=Article.objects.get(pk=article.pk), version=first, user=editor
    )

    assert list(Article.objects.get(pk=article.pk).people.all()) == [last]


def test_restoring_in_the_admin_names_the_person_kept_and_warns_of_nothing(
    named_duplicate, editor_client
):
    first, article, keep = named_duplicate
    url = admin_url(Article, "revision", article.pk, first.pk)

    page = editor_client.get(url)
    assert page.status_code == 200
    assert page.context["left_out"] == []
    response = editor_client.post(url, {"latest": versions(article).last().pk})

    assert response.status_code == 302
    assert list(Article.objects.get(pk=article.pk).people.all()) == [keep]
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]


def test_restoring_a_revision_with_a_merged_tag_carries_the_tag_kept(
    jwg4_article, editor
):
    save(jwg4_article, editor, tags=["terrorisme", "Philippines"])
    first = versions(jwg4_article).get()
    tag_merge(tags=Tag.objects.filter(name="terrorisme"), into="terrorism", user=editor)
    article = save(jwg4_article, editor, tags=["Philippines"])

    article_restore(article=article, version=first, user=editor)

    assert tag_names(Article.objects.get(pk=article.pk)) == ["Philippines", "terrorism"]


def test_restoring_a_revision_with_a_renamed_tag_carries_it_by_its_new_name(
    jwg4_article, editor
):
    save(jwg4_article, editor, tags=["terrorisme"])
    first = versions(jwg4_article).get()
    tag = Tag.objects.get(name="terrorisme")
    tag.name = "terrorism"
    tag_change(tag=tag, user=editor)
    article = save(jwg4_article, editor, tags=[])

    article_restore(article=article, version=first, user=editor)

    assert tag_names(Article.objects.get(pk=article.pk)) == ["terrorism"]


@pytest.fixture
def gone_since(jwg4_article, jwg3, editor, agencies, settings, tmp_path):
    """The story's first revision has a featured image, the JWG 4 meeting
    and every agency; a later one another image and meeting; then the first
    image, the meeting and BNPT are deleted: (first version, article)."""
    settings.MEDIA_ROOT = tmp_path
    first_image, second_image = library_image("one.jpg"), library_image("two.jpg")
    save(jwg4_article, editor, featured_image=first_image)
    first = versions(jwg4_article).get()
    article = save(jwg4_article, editor, featured_image=second_image, meeting=jwg3)
    first_image.delete()
    with reversion.create_revision():  # as the admin's saves keep one
        reversion.add_to_revision(agencies["BNPT"])
        reversion.add_to_revision(jwg4_article.meeting)
    jwg4_article.meeting.delete()
    agency_delete(agencies=[agencies["BNPT"]], user=editor)
    return first, Article.objects.get(pk=article.pk)


def test_restoring_what_was_deleted_since_keeps_the_rest_and_names_it(
    gone_since, editor_client, agencies, jwg3
):
    first, article = gone_since
    url = admin_url(Article, "revision", article.pk, first.pk)

    page = editor_client.get(url)
    assert page.status_code == 200
    left_out = page.context["left_out"]
    assert [line.split(":")[0] for line in left_out] == [
        "Agencies mentioned",
        "Related meeting",
        "Featured image",
    ]
    assert all(line.endswith("(deleted)") for line in left_out)
    assert "BNPT" in left_out[0]
    # Nothing else differs (the image and meeting now are kept): said once.
    assert "what differs from that revision no longer exists" in page.content.decode()
    response = editor_client.post(url, {"latest": versions(article).last().pk})

    assert response.status_code == 302
    restored = Article.objects.get(pk=article.pk)
    assert restored.meeting == jwg3  # the current one, kept
    assert restored.featured_image == article.featured_image
    assert restored.agencies.count() == len(agencies) - 1
    success, warning = get_messages(response.wsgi_request)
    assert warning.level_tag == "warning"
    assert "Not restored, as they no longer exist: Agencies mentioned" in str(warning)
    assert "Not restored" in revision_comment(versions(article).last().revision.comment)


# History and compare


def test_history_and_compare_name_the_merged_duplicate_as_the_person_kept(
    named_duplicate, editor_client
):
    first, article, keep = named_duplicate
    latest = versions(article).last()

    history = editor_client.get(admin_url(Article, "history", article.pk))
    compare = editor_client.get(
        admin_url(Article, "compare", article.pk), {"from": first.pk, "to": latest.pk}
    )

    assert history.status_code == 200
    assert compare.status_code == 200
    [people] = [c for c in compare.context["changes"] if c.name == "people"]
    assert people.old == f"Boy Rafli Amar (merged into {keep.described})"


def test_compare_names_a_merged_tag_by_its_name_and_the_tag_kept(
    jwg4_article, editor, editor_client
):
    save(jwg4_article, editor, tags=["terrorisme"])
    first = versions(jwg4_article).get()
    tag_merge(tags=Tag.objects.filter(name="terrorisme"), into="terrorism", user=editor)
    latest = versions(jwg4_article).last()

    compare = editor_client.get(
        admin_url(Article, "compare", jwg4_article.pk),
        {"from": first.pk, "to": latest.pk},
    )

    [tags] = [c for c in compare.context["changes"] if c.name == "tagged_items"]
    assert tags.old == "terrorisme (merged into terrorism)"
    assert tags.new == "terrorism"


def test_compare_names_a_deleted_meeting_by_its_last_name(
    gone_since, editor_client, jwg4_article
):
    first, article = gone_since
    latest = versions(article).last()

    compare = editor_client.get(
        admin_url(Article, "compare", article.pk), {"from": first.pk, "to": latest.pk}
    )

    assert compare.status_code == 200
    [meeting] = [c for c in compare.context["changes"] if c.name == "meeting_id"]
    assert meeting.old == f"{jwg4_article.meeting} (deleted)"


def test_restoring_where_only_what_was_deleted_differs_says_so_once(
    jwg4_article, editor, editor_client
):
    from tests.agencies.factories import AgencyFactory

    uls = AgencyFactory(acronym="ULS", name="Unit Lama Sekali")
    article = save(jwg4_article, editor, agencies=[uls])
    first = versions(article).last()
    with reversion.create_revision():  # as the admin's saves keep one
        reversion.add_to_revision(uls)
    agency_delete(agencies=[uls], user=editor)

    page = editor_client.get(admin_url(Article, "revision", article.pk, first.pk))

    html = page.content.decode()
    assert not page.context["changes"]
    assert "restoring would change nothing." not in html  # "the same as…" gone
    assert (
        "Restoring would change nothing: what differs from that revision no "
        "longer exists:" in html
    )
    assert "Not restored, as they no longer exist" not in html
    # The heading and its list in one box.
    box = html[html.index('<div class="errornote history-left-out">') :]
    box = box[: box.index("</div>")]
    assert "Agencies mentioned: ULS (ID) (deleted)" in box
