"""A refused save whose story moved in the workflow since its form was
opened (withdrawn to draft, returned, submitted, published): the conflict
panel says who moved it and where it is now, and its choices take the step
the refused save asked for only where it still makes sense.

The tester's case: an editor opened a story in review; the reporter, on
their phone, withdrew it to draft and saved "REPORTER EDIT: …" into the
body; the editor's "Save and publish" was refused, the panel showed a bare
"Status: In review → Draft" row, and one click on "Combine their changes
and mine, save and publish or schedule" put the reporter's unfinished text
live. The reporter's next save then met a 409 ("…became 'Published'")."""

import pytest
import reversion
from reversion.models import Version

from articles.models import Article, ArticleTransition
from tests.articles import test_conflict_steps
from tests.articles.factories import ArticleFactory
from tests.articles.test_conflict_steps import (
    BODY,
    NOTE,
    as_sent,
    button,
    click,
    logged_in,
    opened,
    panel,
    panel_text,
    said,
    saved,
    url,
)
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
REPORTER_EDIT = "REPORTER EDIT: belum selesai, jangan terbitkan."


# The reporter's story, submitted for review (its revisions kept).
story = test_conflict_steps.story


def carried_step(page) -> list[str]:
    """The step the panel's choices take after saving ([]: none)."""
    return [
        hidden.get("value")
        for hidden in panel(page).xpath(".//input[@name='_conflict_transition']")
    ]


def reporter_withdraws_and_writes(phone, story) -> dict:
    """On their phone the reporter clicks "Withdraw to draft" on the story's
    page, types into the body and clicks "Save and continue editing": the
    form their phone then shows."""
    withdrawn = phone.post(admin_url(Article, "withdraw", story.pk))
    assert withdrawn.status_code == 302
    assert saved(story).status == Status.DRAFT
    form = opened(phone, story)
    body = f"{REPORTER_EDIT}\r\n\r\n{form['body']}"
    written = phone.post(url(story), {**form, "body": body, "_continue": "1"})
    assert written.status_code == 302
    assert saved(story).body.startswith(REPORTER_EDIT)
    return as_sent(admin_form_data(phone.get(written["Location"])))


def test_the_reporters_withdrawn_draft_is_not_published_by_one_click(
    desk_editor, reporter, story
):
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    form_phone = reporter_withdraws_and_writes(phone, story)

    refused = desk.post(
        url(story), {**form_desk, "dek": "Ringkasan editor", "_transition": "publish"}
    )

    assert refused.status_code == 200
    text = panel_text(refused)
    assert (
        "Reporter took this story back to draft to change it. It is now “Draft”."
    ) in text
    assert (
        "The choices below only save, without “Publish or schedule”: the story "
        "moved in the workflow after you opened it. Check it as it is now, then "
        "take the step yourself if it still applies."
    ) in text
    assert "You asked for" not in text
    assert carried_step(refused) == []
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, and save"
    )
    assert button(refused, "overwrite_version") == (
        "Save my version anyway (replaces their changes)"
    )

    combined = click(desk, story, refused, "merge_version")

    assert combined.status_code == 302
    assert said(combined) == [
        "Saved: their changes and yours are combined. Check the article below."
    ]
    article = saved(story)
    assert article.status == Status.DRAFT and not article.is_public
    assert article.body.startswith(REPORTER_EDIT)
    assert article.dek == "Ringkasan editor"
    assert not ArticleTransition.objects.filter(
        article=story, to_status=Status.PUBLISHED
    ).exists()

    # What the editor sees next: the draft, with the step to take knowingly.
    page = desk.get(combined["Location"])
    assert page.context["original"].state_label == "Draft"
    assert "publish" in {step.name for step, _url in page.context["steps"]}

    # What the reporter sees next: their phone's next save meets the editor's
    # combined save, a conflict they may combine (not a 409, "…became
    # 'Published', and you can no longer change it").
    more = form_phone["body"].replace(REPORTER_EDIT, f"{REPORTER_EDIT} Ditambah.")
    again = phone.post(url(story), {**form_phone, "body": more})
    assert again.status_code == 200
    assert "can no longer change it" not in again.content.decode()
    assert button(again, "merge_version") == "Combine their changes and mine, and save"
    kept = click(phone, story, again, "merge_version")
    assert kept.status_code == 302
    article = saved(story)
    assert article.body.startswith(f"{REPORTER_EDIT} Ditambah.")
    assert (article.status, article.dek) == (Status.DRAFT, "Ringkasan editor")
    # And submits it when it is ready.
    submitted = phone.post(
        url(story), {**opened(phone, story), "_transition": "submit"}
    )
    assert submitted.status_code == 302
    assert saved(story).status == Status.IN_REVIEW


def test_saving_over_a_withdrawn_draft_does_not_publish_it_either(
    desk_editor, reporter, story
):
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    reporter_withdraws_and_writes(phone, story)
    refused = desk.post(url(story), {**form_desk, "_transition": "publish"})

    kept = click(desk, story, refused, "overwrite_version")

    assert kept.status_code == 302
    assert said(kept) == [
        "Saved your version over their changes. Their version is kept in the history."
    ]
    article = saved(story)
    assert article.status == Status.DRAFT and not article.is_public


def test_a_return_asked_after_the_reporter_withdrew_is_not_offered(
    desk_editor, reporter, story
):
    """The panel offered "Combine …, save and return to reporter", which
    saved, then said the step was not taken: "You may not return to
    reporter this article while it is Draft"."""
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    reporter_withdraws_and_writes(phone, story)

    refused = desk.post(
        url(story),
        {
            **form_desk,
            "title": "Delegasi Filipina disambut BNPT",
            "workflow_note": NOTE,
            "_transition": "return",
        },
    )

    text = panel_text(refused)
    assert "Reporter took this story back to draft to change it." in text
    assert (
        "“Return to reporter” cannot be taken now that the story is “Draft”: the "
        "choices below only save. Your note in “Note for the workflow step” stays "
        "in the form after the save, for when you take the step yourself."
    ) in text
    assert carried_step(refused) == []
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, and save"
    )

    combined = click(desk, story, refused, "merge_version")

    assert combined.status_code == 302
    assert said(combined) == [
        "Saved: their changes and yours are combined. Check the article below."
    ]
    article = saved(story)
    assert article.status == Status.DRAFT
    assert article.title == "Delegasi Filipina disambut BNPT"
    assert article.body.startswith(REPORTER_EDIT)
    assert not ArticleTransition.objects.filter(note=NOTE).exists()
    # The reporter was not returned anything: no note of the editor's.
    assert NOTE not in phone.get("/admin/").content.decode()


def test_a_step_the_new_state_allows_after_a_submission_is_still_carried(
    desk_editor, reporter, section
):
    """The reporter submitted the draft the editor had open: publishing it
    is what the editor was doing anyway, so the choices still take it, and
    the panel says the story was submitted."""
    draft = ArticleFactory(
        section=section, draft=True, created_by=reporter, body=BODY, dateline="X"
    )
    with reversion.create_revision():
        reversion.add_to_revision(draft)
        reversion.set_user(reporter)
    desk, laptop = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, draft)
    submitted = laptop.post(
        url(draft),
        {**opened(laptop, draft), "dateline": "Jakarta", "_transition": "submit"},
    )
    assert submitted.status_code == 302

    refused = desk.post(
        url(draft), {**form_desk, "dek": "Ringkasan", "_transition": "publish"}
    )

    text = panel_text(refused)
    assert ("Reporter submitted this story for review. It is now “In review”.") in text
    assert "You asked for “Publish or schedule”" in text
    assert carried_step(refused) == ["publish"]
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, save and publish or schedule"
    )
    published = click(desk, draft, refused, "merge_version")
    assert said(published) == [
        "Saved: their changes and yours are combined. Published. Check the "
        "article below."
    ]
    article = saved(draft)
    assert (article.status, article.dateline, article.dek) == (
        Status.PUBLISHED,
        "Jakarta",
        "Ringkasan",
    )


def test_a_story_withdrawn_then_submitted_again_is_published_by_the_choice(
    desk_editor, reporter, story
):
    """The reporter took the story back, changed it and submitted it again:
    handed to the desk again, the step asked for is carried, each move
    said."""
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    form_phone = reporter_withdraws_and_writes(phone, story)
    resubmitted = phone.post(url(story), {**form_phone, "_transition": "submit"})
    assert resubmitted.status_code == 302

    refused = desk.post(
        url(story), {**form_desk, "dek": "Ringkasan", "_transition": "publish"}
    )

    assert (
        "Reporter took this story back to draft to change it. Reporter submitted "
        "this story for review. It is now “In review”."
    ) in panel_text(refused)
    assert carried_step(refused) == ["publish"]
    published = click(desk, story, refused, "merge_version")
    assert published.status_code == 302
    article = saved(story)
    assert article.status == Status.PUBLISHED
    assert article.body.startswith(REPORTER_EDIT) and article.dek == "Ringkasan"


def test_a_story_a_colleague_published_is_said_to_be_published(
    desk_editor, staff_in, story
):
    desk = logged_in(desk_editor)
    colleague = logged_in(staff_in("Editor", "editor-b"))
    form_desk = opened(desk, story)
    assert (
        colleague.post(
            url(story), {**opened(colleague, story), "_transition": "publish"}
        ).status_code
        == 302
    )

    refused = desk.post(
        url(story), {**form_desk, "dek": "Ringkasan", "_transition": "publish"}
    )

    text = panel_text(refused)
    assert "Editor-b published this story. It is now “Published”." in text
    assert (
        "“Publish or schedule” cannot be taken now that the story is "
        "“Published”: the choices below only save."
    ) in text
    assert "Your note" not in text  # none written
    assert carried_step(refused) == []
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, and save"
    )


def test_a_step_taken_in_my_other_tab_is_told_as_mine(desk_editor, story):
    first, second = logged_in(desk_editor), logged_in(desk_editor)
    form_second = opened(second, story)
    returned = first.post(
        url(story),
        {**opened(first, story), "workflow_note": NOTE, "_transition": "return"},
    )
    assert returned.status_code == 302

    refused = second.post(url(story), {**form_second, "_transition": "publish"})

    text = panel_text(refused)
    assert (
        "You returned this story to its reporter in the other tab or window. It "
        "is now “Draft”."
    ) in text
    assert "The choices below only save, without “Publish or schedule”" in text
    assert "desk-editor" not in text.lower().replace("desk-editor saved", "")
    assert carried_step(refused) == []
    kept = click(second, story, refused, "overwrite_version")
    # The other tab's step changed no field of the form: saving this version
    # over it changes nothing, and keeps nothing (HistoryAdmin: no empty
    # revision), without the step this tab had asked for.
    assert said(kept) == ["Nothing changed: nothing was saved."]
    assert saved(story).status == Status.DRAFT


def test_a_withdrawal_while_the_panel_was_read_drops_the_step_on_the_next_click(
    desk_editor, staff_in, reporter, story
):
    """The panel carried the step (a colleague had changed the dateline);
    the reporter withdrew the story before the editor clicked: the click is
    refused again, and the new panel no longer carries it."""
    desk = logged_in(desk_editor)
    colleague = logged_in(staff_in("Editor", "editor-b"))
    form_desk = opened(desk, story)
    assert colleague.post(
        url(story), {**opened(colleague, story), "dateline": "Manila"}
    ).status_code
    refused = desk.post(
        url(story), {**form_desk, "dek": "Ringkasan", "_transition": "publish"}
    )
    assert carried_step(refused) == ["publish"]
    reporter_withdraws_and_writes(logged_in(reporter), story)

    again = click(desk, story, refused, "merge_version")

    assert again.status_code == 200
    assert saved(story).status == Status.DRAFT
    assert "Reporter took this story back to draft to change it." in panel_text(again)
    assert carried_step(again) == []
    combined = click(desk, story, again, "merge_version")
    assert combined.status_code == 302
    article = saved(story)
    assert (article.status, article.dateline, article.dek) == (
        Status.DRAFT,
        "Manila",
        "Ringkasan",
    )
    assert article.body.startswith(REPORTER_EDIT)


def test_the_move_is_told_when_the_history_has_no_copy_of_the_version_opened(
    desk_editor, reporter, story
):
    desk, phone = logged_in(desk_editor), logged_in(reporter)
    form_desk = opened(desk, story)
    Version.objects.get_for_object(story).delete()
    reporter_withdraws_and_writes(phone, story)

    refused = desk.post(url(story), {**form_desk, "_transition": "publish"})

    text = panel_text(refused)
    assert "The history has no copy of the version you opened" in text
    assert "Reporter took this story back to draft to change it." in text
    assert carried_step(refused) == []
    assert button(refused, "overwrite_version") == (
        "Save my version anyway (replaces their changes)"
    )
