"""Whom an imported story credits (articles/intake/services.py): copy that
names no reporter is a release, not a staffer's story. The tester imported
BNPT's release ("Sumber: bnpt.go.id", no "Reporter :" line) as an editor and
published it: the page said "By Sari Wulandari", linked to her author page,
and the import report said nothing."""

import datetime as dt
from pathlib import Path

import pytest
from reversion.models import Version

from articles.intake.services import article_import, report_in_words
from articles.models import Article, AuthorProfile, IntakeRecord
from articles.permissions import can_edit
from articles.services import article_publish, article_save
from articles.services.authors import author_profile_save

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"
RELEASE = "bnpt-jwg-wire-copy.txt"  # the release, in our words
IMPORT_DAY = dt.date(2022, 12, 31)


def import_copy(user, data: bytes | None = None, name: str = RELEASE):
    data = (SAMPLES / name).read_bytes() if data is None else data
    return article_import(name=name, data=data, user=user, today=IMPORT_DAY)


def profile(user, name: str, slug: str, *, by) -> AuthorProfile:
    return author_profile_save(
        profile=AuthorProfile(user=user, name=name, slug=slug), user=by
    )


@pytest.fixture
def sari(desk_editor):
    """The importing editor, with a public author page."""
    profile(desk_editor, "Sari Wulandari", "sari-wulandari", by=desk_editor)
    return desk_editor


def publish(article: Article, editor) -> Article:
    article.title = "BNPT dan Filipina gelar JWG ke-4"
    article_save(article=article, user=editor, expected_version=article.version)
    return article_publish(article=Article.objects.get(pk=article.pk), user=editor)


def story_meta(client, article: Article) -> str:
    """The story page's line under the headline (dateline, byline, time)."""
    html = client.get(article.get_absolute_url()).content.decode()
    meta = html[html.index('class="meta story__meta"') :]
    return meta[: meta.index("</p>")]


def test_a_release_an_editor_imports_credits_its_source_not_the_editor(
    client, sari, agencies, section, english
):
    result = import_copy(sari)

    article = Article.objects.get(pk=result.article.pk)
    assert (article.byline, article.created_by) == ("", None)
    assert article.credited_name == ""
    assert (
        "No reporter named: no byline; the story credits its source (bnpt.go.id)."
        in result.warnings
    )
    # Who imported it is still known: the import's record and the revision.
    assert IntakeRecord.objects.get().created_by == sari
    [version] = Version.objects.get_for_object(article)
    assert version.revision.user == sari
    assert version.field_dict["created_by_id"] is None

    published = publish(article, sari)

    meta = story_meta(client, published)
    # The Indonesian story's page: no "Oleh …" at all.
    assert "Sari Wulandari" not in meta and 'class="byline"' not in meta
    assert "/authors/sari-wulandari/" not in meta
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'href="https://bnpt.go.id/" rel="nofollow noopener">bnpt.go.id</a>' in page
    assert published not in Article.objects.bylined_to(sari)


def test_a_release_naming_no_reporter_nor_source_says_it_credits_no_one(
    desk_editor, section, english
):
    result = import_copy(desk_editor, "DM – BNPT menggelar rapat.".encode())

    assert result.article.created_by is None
    assert (
        "No reporter named and no source: the story credits no one; give it a "
        "byline or a source." in result.warnings
    )


def test_copy_naming_its_reporter_keeps_the_byline_and_the_importer_as_author(
    client, sari, reporter, agencies, section, english
):
    profile(reporter, "Andi Pratama", "andi-pratama", by=sari)
    text = (
        (SAMPLES / RELEASE)
        .read_text()
        .replace("Editor : Redaksi", "Editor : Redaksi\nReporter : Andi Pratama")
    )

    result = import_copy(sari, text.encode())

    article = result.article
    assert (article.byline, article.created_by) == ("Andi Pratama", sari)
    assert not [w for w in result.warnings if w.startswith("No reporter named")]
    meta = story_meta(client, publish(article, sari))
    assert "Oleh Andi Pratama" in meta and "Sari Wulandari" not in meta


def test_a_reporter_who_imports_a_release_keeps_the_draft_and_is_told_whom_it_credits(
    client, reporter, sari, agencies, section, english
):
    # A reporter may edit only their own drafts: the draft stays theirs, and
    # the report names whom its empty byline credits, as readers will see it
    # (their public author profile's name, not their account's: a tester was
    # told "Demo reporter" of a story the page credited to Andi Pratama).
    reporter.first_name, reporter.last_name = "Demo", "reporter"
    reporter.save(update_fields=["first_name", "last_name"])
    profile(reporter, "Andi Pratama", "andi-pratama", by=sari)

    result = import_copy(reporter)

    assert result.article.created_by == reporter
    assert can_edit(reporter, result.article)
    said = (
        "No reporter named: readers will see the story credited to Andi Pratama, "
        "the name on its importer's public author profile, unless a byline is "
        "given; check it."
    )
    assert said in result.warnings
    assert not [w for w in result.warnings if "Demo reporter" in w]
    # The report kept with the import (the upload page's, the command's) says
    # the same when read again.
    record = IntakeRecord.objects.get()
    assert said in report_in_words(record.report)["warnings"]
    meta = story_meta(client, publish(result.article, sari))
    assert "Andi Pratama" in meta and "Demo reporter" not in meta


def test_a_reporter_without_a_public_author_profile_is_told_readers_see_no_name(
    client, reporter, sari, agencies, section, english
):
    result = import_copy(reporter)

    assert result.article.created_by == reporter
    assert result.article.credited_name == ""
    assert (
        "No reporter named: readers will see no author's name, as its importer, "
        "reporter, has no public author profile; give it a byline." in result.warnings
    )
    meta = story_meta(client, publish(result.article, sari))
    assert 'class="byline"' not in meta and "reporter" not in meta
