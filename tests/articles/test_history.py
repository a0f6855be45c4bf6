"""An article's history: every save a revision, any two compared, any one
restored without bypassing the workflow, a deleted article recovered."""

import datetime as dt
import re

import pytest
import reversion
from django.conf import settings
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone, translation
from reversion.models import Revision, Version

from articles.models import Article, ArticleSlugHistory
from articles.services import (
    CONTENT_FIELDS,
    EditConflict,
    article_publish,
    article_recover,
    article_restore,
    article_save,
)
from newsroom.history import revision_comment
from newsroom.history.admin import WorkflowHistoryAdmin
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.conftest import JAKARTA
from tests.images import library_image
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status


def versions(article):
    return Version.objects.get_for_object(article).order_by("pk")


def save(article, user, **changes):
    """An edit as the admin makes it: one service call, one revision."""
    article = Article.objects.get(pk=article.pk)
    tags = changes.pop("tags", None)
    agencies = changes.pop("agencies", None)
    for name, value in changes.items():
        setattr(article, name, value)
    with reversion.create_revision():
        article_save(article=article, user=user, expected_version=article.version)
        if tags is not None:
            article.tags.set(tags)
        if agencies is not None:
            article.agencies.set(agencies)
        reversion.set_user(user)
    return article


@pytest.fixture
def edited(jwg4_article, editor, agencies):
    """The sample article as filed, then rewritten: (first version, article)."""
    save(jwg4_article, editor)
    first = versions(jwg4_article).get()
    article = save(
        jwg4_article,
        editor,
        title="Terror talks resume",
        body="A shorter <b>rewrite</b>.",
        tags=["ASEAN"],
        agencies=[agencies["BNPT"]],
    )
    return first, article


def tag_names(article):
    return sorted((tag.name for tag in article.tags.all()), key=str.casefold)


# The service


def test_restoring_brings_back_the_title_body_tags_and_mentions(edited, editor):
    first, article = edited

    restored = article_restore(article=article, version=first, user=editor)

    restored = Article.objects.get(pk=restored.pk)
    assert restored.title == "Indonesia and the Philippines meet again on terrorism"
    assert restored.body.startswith("Indonesia's counter-terrorism agency BNPT")
    assert tag_names(restored) == ["counter-terrorism", "Philippines"]
    assert restored.agencies.count() == 7


def test_restoring_keeps_the_status_and_bumps_the_version(edited, editor):
    first, article = edited
    published_at, version = article.published_at, article.version

    article_restore(article=article, version=first, user=editor)

    restored = Article.objects.get(pk=article.pk)
    assert restored.status == Status.PUBLISHED
    assert restored.published_at == published_at
    assert restored.version == version + 1


def test_restoring_an_old_draft_does_not_unpublish_the_article(
    section, editor, reporter
):
    draft = ArticleFactory(section=section, draft=True, created_by=reporter)
    save(draft, reporter, title="Draft title")
    draft_version = versions(draft).get()
    article = article_publish(article=Article.objects.get(pk=draft.pk), user=editor)
    article = save(article, editor, title="Published title")

    article_restore(article=article, version=draft_version, user=editor)

    article.refresh_from_db()
    assert article.title == "Draft title"
    assert article.status == Status.PUBLISHED
    assert article.is_public


def test_a_restore_is_kept_as_a_new_revision_that_says_so(edited, editor):
    first, article = edited

    article_restore(article=article, version=first, user=editor)

    latest = versions(article).last()
    assert revision_comment(latest.revision.comment).startswith(
        "Restored the revision of"
    )
    assert latest.revision.user == editor
    assert latest.field_dict["title"] == first.field_dict["title"]
    assert versions(article).count() == 3


def test_restoring_an_old_slug_keeps_the_newer_address_redirecting(edited, editor):
    first, article = edited
    article = save(article, editor, slug="terror-talks-resume")

    article_restore(article=article, version=first, user=editor)

    article.refresh_from_db()
    assert article.slug == "indonesia-philippines-jwg-terrorism"
    assert ArticleSlugHistory.objects.filter(
        slug="terror-talks-resume", article=article
    ).exists()


def test_a_reporter_cannot_restore_a_published_article(edited, reporter):
    first, article = edited

    with pytest.raises(PermissionDenied):
        article_restore(article=article, version=first, user=reporter)

    article.refresh_from_db()
    assert article.title == "Terror talks resume"


def test_restore_refuses_a_revision_of_another_article(edited, editor, section):
    first, _ = edited
    other = ArticleFactory(section=section)

    with pytest.raises(ValidationError):
        article_restore(article=other, version=first, user=editor)


def content(article):
    """Every content field of `article`, as comparable values."""
    values = {}
    for name in CONTENT_FIELDS:
        value = getattr(article, name)
        if name == "tags":
            value = sorted(value.names())
        elif Article._meta.get_field(name).many_to_many:
            value = sorted(value.values_list("pk", flat=True))
        values[name] = value
    return values


def test_restoring_brings_back_every_content_field_and_no_publication_field(
    jwg4_article, editor, agencies, officials, jwg3, media_root
):
    article = Article.objects.get(pk=jwg4_article.pk)
    article.featured_image = library_image("first.jpg", alt_text="The first picture")
    with reversion.create_revision():
        article_save(article=article, user=editor, expected_version=article.version)
    first = versions(article).get()
    filed = content(Article.objects.get(pk=article.pk))
    rewritten = {
        "title": "Terror talks resume",
        "needs_headline": True,
        "seo_title": "Terror talks resume in Jakarta",
        "seo_description": "Indonesia and the Philippines meet again.",
        "slug": "terror-talks-resume",
        "dek": "A new summary.",
        "body": "A rewrite.",
        "language": Article.Language.INDONESIAN,
        "dateline": "Manila",
        "byline": "Another reporter",
        "editor_name": "Another editor",
        "source_name": "Another source",
        "source_url": "https://example.org/statement",
        "section": SectionFactory(name="Asia", slug="asia"),
        "meeting": jwg3,
        "featured_image": library_image("second.jpg", alt_text="The second picture"),
        "comments_enabled": False,
    }
    mentions = {
        "tags": ["ASEAN"],
        "agencies": [agencies["BNPT"]],
        "people": [officials["Amar"]],
    }
    assert {*rewritten, *mentions} == set(CONTENT_FIELDS)
    for name, value in rewritten.items():
        setattr(article, name, value)
    article.is_featured = True
    with reversion.create_revision():
        article_save(
            article=article, user=editor, expected_version=article.version, **mentions
        )
    changed = content(Article.objects.get(pk=article.pk))
    assert all(changed[name] != filed[name] for name in CONTENT_FIELDS)

    article_restore(
        article=Article.objects.get(pk=article.pk), version=first, user=editor
    )

    restored = Article.objects.get(pk=article.pk)
    assert content(restored) == filed
    assert restored.is_featured  # publication fields stay as they are
    assert restored.published_at == jwg4_article.published_at


def test_restore_refuses_when_someone_saved_in_between(edited, editor):
    first, article = edited
    save(article, editor, dek="Saved by someone else meanwhile.")

    with pytest.raises(EditConflict):
        article_restore(article=article, version=first, user=editor)  # stale


# The admin


def test_the_article_admin_keeps_history_through_the_workflow():
    model_admin = admin.site._registry[Article]
    assert isinstance(model_admin, WorkflowHistoryAdmin), (
        "ArticleAdmin must extend newsroom.history.admin.WorkflowHistoryAdmin "
        "and restore with articles.services.article_restore"
    )


def test_every_admin_save_of_an_article_keeps_a_revision(
    editor_client, editor, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")

    first, second = versions(jwg4_article)
    assert first.field_dict["title"] != second.field_dict["title"]
    assert second.field_dict["title"] == "Terror talks resume"
    assert second.revision.user == editor
    assert second.field_dict["version"] == first.field_dict["version"] + 1


def test_the_history_page_lists_the_revisions_with_compare_and_restore(
    editor_client, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")
    first, second = versions(jwg4_article)

    response = editor_client.get(admin_url(Article, "history", jwg4_article.pk))

    assert response.status_code == 200
    content = response.content.decode()
    compare = admin_url(Article, "compare", jwg4_article.pk)
    assert f"{compare}?from={first.pk}&amp;to={second.pk}" in content
    assert admin_url(Article, "revision", jwg4_article.pk, first.pk) in content


def test_revisions_are_numbered_per_story_from_its_first_save(
    editor_client, jwg4_article, section, monkeypatch
):
    """The numbers were the versions' ids, shared by every object: a story's
    two revisions read "92" and "94". Now its first save is 1, over pages of
    the history too; the compare page and its restore links say the same."""
    other = ArticleFactory(section=section)
    for title in ("One", "Two", "Three"):
        save_in_admin(editor_client, jwg4_article, title=title)
        save_in_admin(editor_client, other, title=f"Other {title}")
    first, second, third = versions(jwg4_article)
    monkeypatch.setattr("newsroom.history.admin.HISTORY_PAGE_SIZE", 2)
    history = admin_url(Article, "history", jwg4_article.pk)

    numbers = [
        re.findall(
            r"<td>(\d+)</td>", editor_client.get(history, {"p": page}).content.decode()
        )
        for page in (1, 2)
    ]
    compare = editor_client.get(
        admin_url(Article, "compare", jwg4_article.pk),
        {"from": first.pk, "to": third.pk},
    ).content.decode()

    assert third.pk > 3 + 2  # the ids are not the numbers
    assert numbers == [["3", "2"], ["1"]]
    assert "From revision 1 (" in compare and "to revision 3 (" in compare
    assert re.findall(r"Restore revision (\d+) \(", compare) == ["1", "3"]
    # The radio buttons still send the versions' ids.
    page = editor_client.get(history).content.decode()
    assert f'name="to" value="{third.pk}"' in page
    assert f'name="from" value="{second.pk}"' in page


def test_compare_shows_the_changed_fields_and_the_body_as_a_text_diff(
    editor_client, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    body = jwg4_article.body.replace(
        "on Thursday", "on Thursday <script>alert('x')</script>"
    )
    save_in_admin(
        editor_client,
        jwg4_article,
        title="Terror talks resume",
        body=body,
        tags="counter-terrorism, ASEAN",
    )
    first, second = versions(jwg4_article)

    response = editor_client.get(
        admin_url(Article, "compare", jwg4_article.pk),
        {"from": first.pk, "to": second.pk},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Indonesia and the Philippines meet again on terrorism" in content
    assert "Terror talks resume" in content
    assert (
        "on Thursday<ins> &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</ins>"
        in (content)
    )
    assert "<script>alert" not in content
    assert [str(change.label) for change in response.context["changes"]] == [
        "Title",
        "Body",
        "Tags",
    ]
    tags = response.context["changes"][-1]
    assert (tags.old, tags.new) == (
        "counter-terrorism\nPhilippines",
        "ASEAN\ncounter-terrorism",
    )


@pytest.mark.parametrize(
    "query",
    [{"from": "x", "to": "y"}, {"from": "0", "to": "1"}, {}],
    ids=["letters", "zero", "none"],
)
def test_compare_with_bad_ids_is_not_found(editor_client, jwg4_article, query):
    save_in_admin(editor_client, jwg4_article)
    url = admin_url(Article, "compare", jwg4_article.pk)
    assert editor_client.get(url, query).status_code == 404


def test_the_restore_page_shows_what_restoring_would_change(edited, editor_client):
    first, article = edited

    response = editor_client.get(admin_url(Article, "revision", article.pk, first.pk))

    assert response.status_code == 200
    labels = [str(change.label) for change in response.context["changes"]]
    assert labels == ["Title", "Body", "Tags", "Agencies mentioned"]
    content = response.content.decode()
    assert "A shorter &lt;b&gt;rewrite&lt;/b&gt;." in content
    # Only a look: nothing was saved.
    article.refresh_from_db()
    assert article.title == "Terror talks resume"
    assert versions(article).count() == 2


def test_restoring_in_the_admin_goes_through_the_workflow_service(
    edited, editor_client
):
    first, article = edited
    url = admin_url(Article, "revision", article.pk, first.pk)
    latest = versions(article).last()

    response = editor_client.post(url, {"latest": latest.pk})

    assert response.status_code == 302
    assert response["Location"] == admin_url(Article, "change", article.pk)
    restored = Article.objects.get(pk=article.pk)
    assert restored.title == "Indonesia and the Philippines meet again on terrorism"
    assert tag_names(restored) == ["counter-terrorism", "Philippines"]
    assert restored.status == Status.PUBLISHED
    assert restored.version == article.version + 1
    assert "Restored the revision of" in revision_comment(
        versions(article).last().revision.comment
    )


def test_restoring_from_a_page_opened_before_another_save_is_refused(
    edited, editor_client, editor
):
    first, article = edited
    url = admin_url(Article, "revision", article.pk, first.pk)
    seen = versions(article).last()
    save(article, editor, dek="Saved while the restore page was open.")

    response = editor_client.post(url, {"latest": seen.pk})

    assert response.status_code == 302
    assert response["Location"] == url
    [message] = get_messages(response.wsgi_request)
    assert "Someone saved this article" in str(message)
    article.refresh_from_db()
    assert article.title == "Terror talks resume"


def test_a_reporter_cannot_restore_an_editors_article(edited, client, reporter):
    first, article = edited
    client.force_login(reporter)
    url = admin_url(Article, "revision", article.pk, first.pk)

    assert client.get(url).status_code == 403
    assert client.post(url, {"latest": versions(article).last().pk}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Terror talks resume"


def test_a_deleted_article_is_recovered_with_its_tags_and_agencies(
    editor_client, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    pk = jwg4_article.pk
    editor_client.post(admin_url(Article, "delete", pk), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()

    recover_list = editor_client.get(admin_url(Article, "recoverlist"))
    assert recover_list.status_code == 200
    (deleted,) = recover_list.context["deleted"]
    url = admin_url(Article, "recover", deleted.pk)
    assert url in recover_list.content.decode()
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "Indonesia and the Philippines meet again on terrorism" in (
        page.content.decode()
    )
    response = editor_client.post(url)

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert recovered.title == "Indonesia and the Philippines meet again on terrorism"
    assert tag_names(recovered) == ["counter-terrorism", "Philippines"]
    assert sorted(recovered.agencies.values_list("acronym", flat=True)) == [
        "AMLC",
        "BIN",
        "BNPT",
        "BSSN",
        "KBRI Manila",
        "NICA",
        "PPATK",
    ]
    assert recovered.people.count() == 3
    assert revision_comment(versions(recovered).last().revision.comment).startswith(
        "Recovered"
    )


def test_the_recover_pages_read_in_indonesian(editor_client, jwg4_article):
    # django-reversion ships no Indonesian: its pages were in English.
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    empty = editor_client.get(admin_url(Article, "recoverlist")).content.decode()
    assert "Tidak ada objek terhapus yang dapat dikembalikan." in empty
    save_in_admin(editor_client, jwg4_article)
    editor_client.post(admin_url(Article, "delete", jwg4_article.pk), {"post": "yes"})
    listed = editor_client.get(admin_url(Article, "recoverlist")).content.decode()
    assert "Pilih tanggal dari daftar di bawah untuk mengembalikan" in listed
    assert "Choose a date" not in listed


def test_a_recovered_article_whose_slug_was_taken_is_refused_with_a_reason(
    editor_client, jwg4_article, section
):
    save_in_admin(editor_client, jwg4_article)
    pk, slug = jwg4_article.pk, jwg4_article.slug
    editor_client.post(admin_url(Article, "delete", pk), {"post": "yes"})
    ArticleFactory(section=section, slug=slug)
    deleted = Version.objects.get_deleted(Article).get()
    url = admin_url(Article, "recover", deleted.pk)

    response = editor_client.post(url)

    assert response.status_code == 302
    *_, message = get_messages(response.wsgi_request)
    assert "slug" in str(message).lower()
    assert not Article.objects.filter(pk=pk).exists()


def test_a_reporter_cannot_recover_deleted_articles(
    editor_client, client, reporter, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    editor_client.post(admin_url(Article, "delete", jwg4_article.pk), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    client.force_login(reporter)

    assert client.get(admin_url(Article, "recoverlist")).status_code == 403
    assert client.post(admin_url(Article, "recover", deleted.pk)).status_code == 403
    assert not Article.objects.filter(pk=jwg4_article.pk).exists()


# What each revision says, in the reader's language (issue #9, point 3)


def history_page(client, article, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(admin_url(Article, "history", article.pk)).content.decode()


def test_a_reporters_submit_revision_says_the_status_changed_not_the_body(
    client, reporter, section
):
    draft = ArticleFactory(
        section=section, draft=True, created_by=reporter, body="Satu.\n\nDua."
    )
    client.force_login(reporter)
    url = admin_url(Article, "change", draft.pk)
    data = admin_form_data(client.get(url))
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends it

    assert client.post(url, {**data, "_transition": "submit"}).status_code == 302

    revision = versions(draft).last().revision
    assert revision_comment(revision.comment) == "Submit for review: In review."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(admin_url(Article, "history", draft.pk))
    [action] = page.context["action_list"]
    assert action["comment"] == "Submit for review: In review."


def test_history_summaries_name_the_fields_in_the_readers_language(
    editor_client, jwg4_article
):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")
    save_in_admin(
        editor_client,
        jwg4_article,
        title="Terror talks resume again",
        body=jwg4_article.body + "\nOne more line.",
    )

    indonesian = history_page(editor_client, jwg4_article, "id")
    english = history_page(editor_client, jwg4_article, "en")

    assert "Judul dan isi berubah." in indonesian
    assert "Title" not in indonesian and "Body" not in indonesian
    assert "Changed title and body." in english


def test_an_admin_save_that_leaves_the_publication_time_alone_keeps_it(
    editor_client, jwg4_article
):
    exact = jwg4_article.published_at.replace(microsecond=582087)
    Article.objects.filter(pk=jwg4_article.pk).update(published_at=exact)

    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")

    assert Article.objects.get(pk=jwg4_article.pk).published_at == exact
    assert "published" not in versions(jwg4_article).last().revision.comment


def test_compare_shows_no_change_of_a_time_that_differs_below_a_second(
    editor_client, editor, jwg4_article
):
    """An older save rounded the publication time to the second: the same
    time to an editor, so no change to show ("04.20 WIB → 04.20 WIB")."""
    exact = jwg4_article.published_at.replace(microsecond=582087)
    save(jwg4_article, editor, published_at=exact)
    save(jwg4_article, editor, published_at=exact.replace(microsecond=0), dek="")
    first, second = versions(jwg4_article)

    response = editor_client.get(
        admin_url(Article, "compare", jwg4_article.pk),
        {"from": first.pk, "to": second.pk},
    )

    assert [change.name for change in response.context["changes"]] == ["dek"]


def at(version, hour, minute, second):
    """Date `version`'s revision at that local time, 24 March 2022."""
    when = dt.datetime(2022, 3, 24, hour, minute, second, tzinfo=JAKARTA)
    Revision.objects.filter(pk=version.revision_id).update(date_created=when)


def test_two_revisions_in_the_same_minute_show_seconds_and_distinct_links(
    editor_client, jwg4_article
):
    save_in_admin(editor_client, jwg4_article)
    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")
    first, second = versions(jwg4_article)
    at(first, 4, 20, 5)
    at(second, 4, 20, 41)

    page = history_page(editor_client, jwg4_article, "id")
    compare = editor_client.get(
        admin_url(Article, "compare", jwg4_article.pk),
        {"from": first.pk, "to": second.pk},
    ).content.decode()

    assert "04.20.05 WIB" in page and "04.20.41 WIB" in page
    links = re.findall(r'<a href="[^"]*/history/\d+/">([^<]*)</a>', compare)
    assert len(links) == 2 and links[0] != links[1]
    assert " 1 (" in links[0] and " 2 (" in links[1]
    assert "04.20.05" in links[0] and "04.20.41" in links[1]


def test_revisions_in_different_minutes_show_no_seconds(editor_client, jwg4_article):
    save_in_admin(editor_client, jwg4_article)
    save_in_admin(editor_client, jwg4_article, title="Terror talks resume")
    first, second = versions(jwg4_article)
    at(first, 4, 20, 5)
    at(second, 4, 21, 41)

    page = history_page(editor_client, jwg4_article, "id")

    assert "04.20 WIB" in page and "04.21 WIB" in page
    assert "04.20.05" not in page


def day_in(version, language: str) -> str:
    """The day `version` was saved, as a reader of `language` reads it
    ("Minggu, 6 Desember 2026")."""
    created = timezone.localtime(version.revision.date_created)
    with translation.override(language):
        return formats.date_format(created, "DATE_FORMAT")


@pytest.mark.parametrize(("saved_in", "read_in"), [("en", "id"), ("id", "en")])
def test_a_restore_reads_in_the_readers_language_with_the_date_in_their_format(
    edited, editor, editor_client, saved_in, read_in
):
    first, article = edited
    with translation.override(saved_in):
        article_restore(article=article, version=first, user=editor)

    page = history_page(editor_client, article, read_in)
    # A sentence, its full stop after the time (as the desk's notice says it).
    said = {
        "id": rf"Revisi {day_in(first, read_in)},? [0-9.:]+ WIB telah dipulihkan\.",
        "en": rf"Restored the revision of {day_in(first, read_in)},? [0-9.:]+ WIB\.",
    }[read_in]
    assert re.search(said, page), page


@pytest.mark.parametrize(("saved_in", "read_in"), [("en", "id"), ("id", "en")])
def test_a_recovery_reads_in_the_readers_language(
    editor_client, editor, jwg4_article, saved_in, read_in
):
    save_in_admin(editor_client, jwg4_article)
    editor_client.post(admin_url(Article, "delete", jwg4_article.pk), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    with translation.override(saved_in):
        recovered = article_recover(version=deleted, user=editor)

    said = {"id": "Mengembalikan revisi", "en": "Recovered the revision of"}[read_in]
    page = history_page(editor_client, recovered, read_in)
    assert re.search(rf"{said} {day_in(deleted, read_in)},? [0-9.:]+ WIB\.", page)
