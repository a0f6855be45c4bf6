"""The workflow steps a story's revisions record after a given version:
what a refused save's panel tells its editor (who withdrew, returned,
published the story since the form was opened)."""

import pytest
import reversion
from reversion.models import Version

from articles import services
from newsroom.history import comment_steps, steps_since
from newsroom.history.summaries import combine_messages, step_message
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(section, reporter):
    article = ArticleFactory(section=section, draft=True, created_by=reporter)
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(reporter)
    return article


def test_a_comment_names_its_steps_by_their_message_ids():
    comment = combine_messages(
        step_message("Withdraw to draft", "Draft", ["status"]),
        [{"changed": {"fields": ["body"]}}],
    )

    assert comment_steps(comment) == [("Withdraw to draft", "Draft")]
    assert comment_steps("Restored the revision of 1 May") == []
    assert comment_steps("[]") == []


def test_the_steps_after_a_version_are_listed_oldest_first_with_who_took_them(
    draft, reporter, desk_editor
):
    opened = draft.version
    services.article_submit(article=draft, user=reporter)
    services.article_withdraw(article=draft, user=reporter)
    services.article_save(article=draft, user=reporter, expected_version=draft.version)
    services.article_submit(article=draft, user=reporter)
    services.article_publish(article=draft, user=desk_editor)

    steps = steps_since(draft, opened)

    assert [(step.label, step.state, step.user) for step in steps] == [
        ("Submit for review", "In review", reporter),
        ("Withdraw to draft", "Draft", reporter),
        ("Submit for review", "In review", reporter),
        ("Publish or schedule", "Published", desk_editor),
    ]
    later = draft.version - 1  # after the second submission
    assert [step.label for step in steps_since(draft, later)] == ["Publish or schedule"]
    assert steps_since(draft, draft.version) == []


def test_the_steps_are_found_when_the_version_opened_has_no_revision_kept(
    draft, reporter
):
    opened = draft.version
    Version.objects.get_for_object(draft).delete()
    services.article_submit(article=draft, user=reporter)

    assert [step.label for step in steps_since(draft, opened)] == ["Submit for review"]
