"""A corrected re-send of wire copy (a few characters changed: "Kamis (24/3)"
become "Kamis (24/3/2022)") is imported as a new draft whose report and
history name the story made from the first copy, its state and a link to
it: the reporter updates that story rather than filing a second. The exact
copy stays a duplicate; other copy on the same subject is not "similar";
finding it reads a bounded number of rows, not the archive."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.intake.parser import parse_copy
from articles.intake.paste import clean_pasted_copy
from articles.intake.services import (
    article_import,
    copy_fingerprint_keep,
    stories_resembling,
)
from articles.intake.similarity import SKETCH_SIZE
from articles.models import Article
from articles.services import article_publish, article_save
from newsroom.history import revision_comment
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "intake_samples"
# BNPT's release on the 4th JWG with the Philippines, in the tests' own words.
RELEASE = (SAMPLES / "bnpt-jwg-wire-copy.txt").read_text()
RESENT = RELEASE.replace("Kamis (24/3)", "Kamis (24/3/2022)")
IMPORT_DAY = dt.date(2022, 3, 25)
UPLOAD = reverse("admin:articles_intakerecord_add")


@pytest.fixture
def desk(agencies, officials, jwg4, section, english):
    """The registry, a section to file drafts in, the desk in English."""
    return section


def import_text(name: str, text: str, user, encoding: str = "utf-8"):
    return article_import(
        name=name, data=text.encode(encoding), user=user, today=IMPORT_DAY
    )


def published_import(editor) -> Article:
    """The first copy imported, its headline written, and published."""
    story = import_text("bnpt.txt", RELEASE, editor).article
    story.title = "BNPT dan Filipina perkuat kerja sama kontra-terorisme"
    story.needs_headline = False
    article_save(article=story, user=editor, expected_version=story.version)
    article_publish(article=story, user=editor)
    story.refresh_from_db()
    return story


def test_a_corrected_resend_is_imported_naming_the_published_story(editor, desk):
    story = published_import(editor)

    result = import_text("bnpt-ralat.txt", RESENT, editor)

    assert result.status == "created"
    assert result.article != story
    assert result.article.status == "draft"
    assert [found.article for found in result.similar] == [story]
    assert result.similar[0].resemblance > 0.9
    said = (
        "Nearly the same copy (about 96% alike) is already in “BNPT dan "
        "Filipina perkuat kerja sama kontra-terorisme” (Published, story "
        f"{story.pk}): if this is a corrected re-send, update that story "
        "instead, and delete this draft."
    )
    # First in the report: it may make the rest of it needless.
    assert result.warnings[0] == said
    # And on the draft: its history says it, in the reader's language.
    [version] = Version.objects.get_for_object(result.article)
    assert said in revision_comment(version.revision.comment)


def test_the_exact_copy_and_its_utf16_version_stay_duplicates(editor, desk):
    story = published_import(editor)

    results = [
        import_text("again.txt", RELEASE, editor),
        import_text("notepad.txt", RELEASE, editor, encoding="utf-16"),
    ]

    assert [(r.status, r.article) for r in results] == [("duplicate", story)] * 2
    assert Article.objects.count() == 1


def test_the_upload_page_links_the_story_to_update(client: Client, editor, desk):
    story = published_import(editor)
    client.force_login(editor)

    response = client.post(
        UPLOAD,
        {
            "files": [_upload("bnpt-ralat.txt", RESENT)],
            "written_on": "2022-03-25",
        },
    )

    page = response.content.decode()
    change = reverse("admin:articles_article_change", args=[story.pk])
    [result] = response.context["rows"]
    percent = result["similar"][0]["percent"]
    assert (
        f"Nearly the same copy (about {percent}% alike) is in "
        f'<a href="{change}">{story.title}</a> (Published). If this is a '
        "corrected re-send, update that story instead, and delete this draft."
    ) in page
    # Said once, with its link: not again among the row's warnings (q2).
    assert page.count("Nearly the same copy") == 1


def test_another_story_on_the_same_meeting_is_not_similar(editor, desk):
    """Two agencies' copy of the same JWG: the same names and subject, not
    the same copy."""
    first = import_text("wire.txt", RELEASE, editor)

    other = import_text(
        "hybrid.txt", (SAMPLES / "jwg-hybrid-meeting.txt").read_text(), editor
    )

    assert first.status == other.status == "created"
    assert other.similar == []
    assert not any("Nearly the same copy" in w for w in other.warnings)


def test_a_resend_finds_a_story_edited_since_and_one_a_reporter_pasted(editor, desk):
    """The story's first copy is what is compared, however the story was
    edited since; a story a reporter wrote from the pasted copy (a paragraph
    of their own added) is found too, after the published one, but the
    import names only the published one, the story to update (two stories
    to update, a tester found, were one too many)."""
    imported = published_import(editor)
    imported.body = "Diperbarui. " + imported.body.replace("hybrid", "daring")
    article_save(article=imported, user=editor, expected_version=imported.version)
    pasted = Article(
        title="Salinan reporter",
        slug="salinan-reporter",
        body=parse_copy(RELEASE, today=IMPORT_DAY).body + "\n\nTambahan reporter.",
        section=desk,
    )
    article_save(article=pasted, user=editor)

    body = parse_copy(RESENT, today=IMPORT_DAY).body
    assert [found.article for found in stories_resembling(body)] == [imported, pasted]

    result = import_text("bnpt-ralat.txt", RESENT, editor)

    assert [found.article for found in result.similar] == [imported]


def test_looking_for_similar_copy_costs_two_queries_however_large_the_archive(
    editor, desk, django_assert_num_queries
):
    story = published_import(editor)
    body = story.body
    # An archive of other stories, each with its own kept sketch.
    for number in range(40):
        other = ArticleFactory(
            title=f"Berita {number}",
            body=" ".join(f"kata{number}x{word}" for word in range(200)),
        )
        copy_fingerprint_keep(article=other, body=other.body)
    resent = body.replace("Kamis (24/3)", "Kamis (24/3/2022)")

    with django_assert_num_queries(2):
        found = stories_resembling(resent)

    assert [f.article for f in found] == [story]
    assert story.copy_fingerprints.get().shingles.count() == SKETCH_SIZE


def _upload(name: str, text: str):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


# The paste path: the same rule (stories_resembling), said before saving.

CLEAN_COPY = reverse("admin:articles_article_clean_copy")


def test_a_pasted_resend_names_the_story_to_update_with_a_link(
    client: Client, editor, desk
):
    story = published_import(editor)
    client.force_login(editor)

    pasted = clean_pasted_copy(RESENT, today=IMPORT_DAY)
    answer = client.post(CLEAN_COPY, {"text": RESENT}).json()

    assert (pasted.holding, pasted.similar) == ([], [story])
    found = answer["earlier"]
    assert found["url"] == reverse("admin:articles_article_change", args=[story.pk])
    assert found["text"].startswith(
        f"Nearly the same copy is already in “{story.title}” (Published, "
        "imported from wire copy on "
    )
    assert found["text"].endswith(
        "if this is a corrected re-send, update that story instead of writing "
        "a second one."
    )
    # The exact copy is still "already in", not "nearly".
    exact = client.post(CLEAN_COPY, {"text": RELEASE}).json()["earlier"]
    assert exact["text"].startswith(f"This copy is already in “{story.title}”")


def test_copy_that_differs_is_never_said_to_be_100_percent_alike(editor, desk):
    """A re-send whose sketch matches the first's in full (one character
    changed, in a run of words the sketch does not keep) still differs."""
    from articles.intake.similarity import alike_percent

    assert alike_percent(1.0) == 99
    assert alike_percent(0.964) == 96
    published_import(editor)
    resent = RELEASE.replace("Kamis (24/3)", "Kamis, (24/3)")

    result = import_text("bnpt-ralat.txt", resent, editor)

    assert result.similar and result.similar[0].resemblance == 1.0
    assert "(about 99% alike)" in result.report["warnings"][0]
