"""A story's form that changes nothing of the version it was opened at,
saved after a colleague's save (a tab left open, Save pressed), saves
nothing and says so. It had been refused as if it held changes: "Combine"
then wrote an empty "Combined with revision N." and "Save my version
anyway" put the colleague's old values back. A form with a change, a
correction or a workflow step is still refused."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.articles import test_conflict_steps
from tests.articles.test_conflict_steps import (
    click,
    logged_in,
    opened,
    said,
    saved,
    url,
)
from tests.newsroom.admin_forms import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
# The reporter's story, submitted for review (its revisions kept).
story = test_conflict_steps.story


@pytest.fixture
def colleague(staff_in):
    other = staff_in("Editor", "editor-b")
    other.first_name, other.last_name = "Budi", "Santoso"
    other.save()
    return logged_in(other)


def revisions(article) -> int:
    return Version.objects.get_for_object(article).count()


def colleague_retitles(colleague, story) -> Article:
    sent = colleague.post(
        url(story), {**opened(colleague, story), "title": "Delegasi NICA di BNPT"}
    )
    assert sent.status_code == 302
    return saved(story)


@pytest.mark.parametrize(
    ("button", "lands_on"), [("_save", "changelist"), ("_continue", "change")]
)
def test_an_untouched_form_saves_nothing_and_keeps_the_colleagues_title(
    desk_editor, colleague, story, button, lands_on
):
    desk = logged_in(desk_editor)
    mine = opened(desk, story)
    theirs = colleague_retitles(colleague, story)
    count = revisions(story)
    for name in ("_save", "_continue", "_addanother"):
        mine.pop(name, None)

    response = desk.post(url(story), {**mine, button: "1"})

    assert response.status_code == 302
    args = [story.pk] if lands_on == "change" else []
    assert response.url == admin_url(Article, lands_on, *args)
    assert said(response) == [
        "Nothing changed: nothing was saved. Budi Santoso had saved it after you "
        f"opened it (revision {count} in History)."
    ]
    now = saved(story)
    assert (now.title, now.version) == ("Delegasi NICA di BNPT", theirs.version)
    assert revisions(story) == count


def test_an_untouched_form_after_my_own_save_in_another_tab(desk_editor, story):
    first_tab, second_tab = logged_in(desk_editor), logged_in(desk_editor)
    mine = opened(first_tab, story)
    second_tab.post(url(story), {**opened(second_tab, story), "dateline": "Manila"})

    response = first_tab.post(url(story), mine)

    assert said(response) == [
        "Nothing changed: nothing was saved. You had saved it in another tab or "
        f"window after you opened it here (revision {revisions(story)} in History)."
    ]
    assert saved(story).dateline == "Manila"


def test_a_workflow_step_on_an_untouched_form_is_still_refused(
    desk_editor, colleague, story
):
    """Publishing what the colleague changed, unseen, is not 'nothing'."""
    desk = logged_in(desk_editor)
    mine = opened(desk, story)
    colleague_retitles(colleague, story)
    mine.pop("_save", None)

    response = desk.post(url(story), {**mine, "_transition": "publish"})

    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None
    assert saved(story).status == Status.IN_REVIEW


def test_a_changed_field_is_still_refused(desk_editor, colleague, story):
    desk = logged_in(desk_editor)
    mine = opened(desk, story)
    colleague_retitles(colleague, story)

    response = desk.post(url(story), {**mine, "dateline": "Bogor"})

    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None
    assert saved(story).dateline == "Jakarta"


def test_combining_a_form_whose_change_was_undone_saves_nothing(
    desk_editor, colleague, story
):
    """Refused with a change, the editor typed the old value back and chose
    Combine: no empty 'Combined with revision N.', back to the story."""
    desk = logged_in(desk_editor)
    mine = opened(desk, story)
    colleague_retitles(colleague, story)
    count = revisions(story)
    refused = desk.post(url(story), {**mine, "dateline": "Bogor"})
    assert refused.status_code == 200

    response = click(desk, story, refused, "merge_version", dateline="Jakarta")

    assert response.status_code == 302
    assert response.url == url(story)
    assert said(response)[0].startswith("Nothing changed: nothing was saved.")
    assert saved(story).title == "Delegasi NICA di BNPT"
    assert revisions(story) == count
