"""A refused save whose story moved in the workflow since its form was
opened, after the conflict panel: the editor's empty publication time is
not taken for a cleared one once a colleague published the story, a note
for a step the choices no longer take stays in the form, and a step the
panel dropped cannot be sent back by hand."""

import pytest

from articles.models import Article, ArticleTransition
from tests.articles import test_conflict_workflow_moves
from tests.articles.test_conflict_steps import (
    NOTE,
    button,
    click,
    logged_in,
    opened,
    panel_text,
    said,
    saved,
    url,
)
from tests.articles.test_conflict_workflow_moves import (
    REPORTER_EDIT,
    carried_step,
    reporter_withdraws_and_writes,
)
from tests.newsroom.admin_forms import admin_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
# The reporter's story, submitted for review (its revisions kept).
story = test_conflict_workflow_moves.story
KEEPS_ITS_TIME = "A published story keeps its publication time"


def test_an_editor_whose_story_a_colleague_published_saves_it_keeping_its_time(
    desk_editor, staff_in, story
):
    """The editor's form, opened while the story was in review, has no
    publication time: after a colleague published it, every save had been
    refused with "A published story keeps its publication time: set it
    again…", a time the editor never cleared."""
    desk = logged_in(desk_editor)
    colleague = logged_in(staff_in("Editor", "editor-b"))
    form_desk = opened(desk, story)
    assert form_desk["published_at_0"] == ""
    published = colleague.post(
        url(story), {**opened(colleague, story), "_transition": "publish"}
    )
    assert published.status_code == 302
    published_at = saved(story).published_at
    assert published_at is not None

    refused = desk.post(url(story), {**form_desk, "dek": "Ringkasan editor"})

    assert refused.status_code == 200
    assert KEEPS_ITS_TIME not in refused.content.decode()
    assert "Editor-b published this story. It is now “Published”." in panel_text(
        refused
    )
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, and save"
    )

    combined = click(desk, story, refused, "merge_version")

    assert combined.status_code == 302
    assert said(combined) == [
        "Saved: their changes and yours are combined. Check the article below."
    ]
    article = saved(story)
    assert (article.status, article.dek) == (Status.PUBLISHED, "Ringkasan editor")
    assert article.published_at == published_at

    # Saving its own version over the colleague's keeps the time too.
    form_again = opened(desk, story)
    colleague.post(url(story), {**opened(colleague, story), "dateline": "Manila"})
    refused = desk.post(url(story), {**form_again, "byline": "Desk"})
    assert KEEPS_ITS_TIME not in refused.content.decode()
    kept = click(desk, story, refused, "overwrite_version")
    assert kept.status_code == 302
    assert saved(story).published_at == published_at


def test_clearing_the_time_of_a_published_story_is_still_refused(
    desk_editor, staff_in, story
):
    """The editor opened the story once it was published and cleared its
    time: that is their change, refused as before."""
    desk = logged_in(desk_editor)
    published = desk.post(url(story), {**opened(desk, story), "_transition": "publish"})
    assert published.status_code == 302
    form_desk = opened(desk, story)
    colleague = logged_in(staff_in("Editor", "editor-b"))
    colleague.post(url(story), {**opened(colleague, story), "dateline": "Manila"})

    refused = desk.post(
        url(story), {**form_desk, "published_at_0": "", "published_at_1": ""}
    )

    assert refused.status_code == 200
    assert KEEPS_ITS_TIME in refused.content.decode()


def test_a_note_for_a_step_the_choices_no_longer_take_stays_in_the_form(
    desk_editor, reporter, story
):
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    reporter_withdraws_and_writes(phone, story)
    refused = desk.post(
        url(story), {**form_desk, "workflow_note": NOTE, "_transition": "return"}
    )
    assert carried_step(refused) == []

    combined = click(desk, story, refused, "merge_version")

    assert combined.status_code == 302
    assert saved(story).status == Status.DRAFT
    assert not ArticleTransition.objects.filter(note=NOTE).exists()
    page = desk.get(combined["Location"])
    assert admin_form_data(page)["workflow_note"] == NOTE


def test_a_step_the_panel_dropped_is_not_taken_when_sent_by_hand(
    desk_editor, reporter, story
):
    """The panel carries no step over a story withdrawn since; a POST made
    by hand sending one anyway only saves."""
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    reporter_withdraws_and_writes(phone, story)
    refused = desk.post(
        url(story), {**form_desk, "byline": "Desk", "_transition": "publish"}
    )
    assert carried_step(refused) == []

    forged = click(
        desk, story, refused, "merge_version", _conflict_transition="publish"
    )

    assert forged.status_code == 302
    assert said(forged) == [
        "Saved: their changes and yours are combined. Check the article below."
    ]
    article = saved(story)
    assert article.status == Status.DRAFT and not article.is_public
    assert article.body.startswith(REPORTER_EDIT) and article.byline == "Desk"
    assert not ArticleTransition.objects.filter(
        article=story, to_status=Status.PUBLISHED
    ).exists()
