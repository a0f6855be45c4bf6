"""Copy fingerprinted before sketches were kept (articles 0040) gets its
sketch from articles 0041, where its story's body is still that copy: a
corrected re-send of it is then found nearly the same, as for copy imported
since. A story edited since is left without one (its exact copy is still
recognised). Run with Django's migration executor on real rows."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from articles.intake.services import copy_fingerprint_keep
from articles.intake.similarity import SKETCH_SIZE
from articles.models import Article
from articles.models.intake import CopyFingerprint, CopyShingle
from articles.services import article_save
from tests.articles.intake.test_similar_copy import (
    RELEASE,
    RESENT,
    import_text,
    published_import,
)
from tests.articles.test_paste_cleanup import CLEAN_COPY

BEFORE = [("articles", "0040_copy_shingle")]


def migrate(targets=None):
    """Migrate to `targets` (every app's latest when None)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def unsketched(story: Article) -> Article:
    """`story` as copy fingerprinted before 0040 left it: no sketch."""
    CopyShingle.objects.filter(fingerprint__article=story).delete()
    return story


def test_the_migration_sketches_old_copy_so_a_resend_names_its_story(
    transactional_db, editor, agencies, officials, jwg4, section, settings
):
    settings.LANGUAGE_CODE = "en"
    story = unsketched(published_import(editor))
    # Another story made from copy, edited since: its body is not its copy.
    edited = Article(
        title="Diedit", slug="diedit", body="Salinan lama.", section=section
    )
    article_save(article=edited, user=editor)
    copy_fingerprint_keep(article=edited, body="Salinan lama.")
    unsketched(edited)
    edited.body = "Salinan lama, disunting redaksi."
    article_save(article=edited, user=editor, expected_version=edited.version)

    migrate(BEFORE)
    migrate()

    assert story.copy_fingerprints.get().shingles.count() == SKETCH_SIZE
    assert not CopyShingle.objects.filter(fingerprint__article=edited).exists()
    assert CopyFingerprint.objects.filter(article=edited).exists()
    # What the desk notices: the re-send names the published story, pasted
    # and imported.
    client = Client()
    client.force_login(editor)
    answer = client.post(CLEAN_COPY, {"text": RESENT}).json()
    assert answer["earlier"]["url"].endswith(f"/{story.pk}/change/")
    assert answer["earlier"]["text"].startswith(
        f"Nearly the same copy is already in “{story.title}” (Published"
    )
    result = import_text("bnpt-ralat.txt", RESENT, editor)
    assert [found.article for found in result.similar] == [story]
    # The exact copy was known all along.
    assert import_text("bnpt.txt", RELEASE, editor).status == "duplicate"


def test_the_migration_keeps_sketches_already_there_and_reverses_to_nothing(
    transactional_db, editor, agencies, officials, jwg4, section
):
    story = published_import(editor)
    kept = set(
        CopyShingle.objects.filter(fingerprint__article=story).values_list(
            "pk", "value"
        )
    )

    migrate(BEFORE)
    assert (
        set(
            CopyShingle.objects.filter(fingerprint__article=story).values_list(
                "pk", "value"
            )
        )
        == kept
    )
    migrate()

    assert (
        set(
            CopyShingle.objects.filter(fingerprint__article=story).values_list(
                "pk", "value"
            )
        )
        == kept
    )
