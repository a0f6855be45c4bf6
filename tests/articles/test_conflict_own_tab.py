"""The conflict panel of an article whose save met the editor's own save in
another tab: it spoke of "their change" and "their version", as if a
colleague had saved, and so did the messages around it (the refusal's "The
latest save is revision 2 in History: Ayu Lestari", "Saved: their changes
and yours are combined", "Saved your version over their changes"). Every
word of them now says it was the editor, in the other tab, and names
nobody; when a colleague saved, they read as before."""

import re

import pytest
import reversion
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, opened, saves

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BODY = (
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.\n"
    "\n"
    "Delegasi Filipina dipimpin NICA.\n"
)
# Words that take the other save for someone else's.
SOMEONE_ELSE = re.compile(r"\b(?:they|their|theirs|them|someone else)\b", re.I)


@pytest.fixture
def story(section, editor):
    """A published story as filed, with its first revision."""
    article = ArticleFactory(
        section=section, title="Delegasi Filipina tiba di Jakarta", body=BODY
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(editor)
    return article


@pytest.fixture(params=["own tab", "colleague"])
def case(request, own_tabs, tabs):
    """(who saved first, whose save is refused): editor A in one tab and in
    the other, or editor A and then editor B."""
    return request.param, (own_tabs if request.param == "own tab" else tabs)


def refused_after_another_save(browsers, story, first: dict, second: dict):
    """The second browser's form, opened before the first one saves
    `first`, sent with `second`: refused."""
    one, two = browsers
    form = opened(two, story)
    assert saves(one, story, {**opened(one, story), **first}).status_code == 302
    refused = saves(two, story, {**form, **second})
    assert refused.status_code == 200
    assert Article.objects.get(pk=story.pk).title == story.title
    return refused


def panel(response):
    page = lxml_html.fromstring(response.content.decode())
    return page.find_class("conflict-panel")[0]


def words(element) -> str:
    return " ".join(element.text_content().split())


def choices(response) -> list[str]:
    return [words(choice) for choice in panel(response).find_class("button")]


def test_combinable_changes_after_a_save_in_my_other_tab_are_told_as_mine(case, story):
    who, browsers = case

    refused = refused_after_another_save(
        browsers, story, {"dateline": "Manila"}, {"title": "Judul dari tab kedua"}
    )

    text = words(panel(refused))
    if who == "own tab":
        assert (
            "Your changes here and those you saved in the other tab do not overlap, "
            "so they can be combined: your changes in the other tab to Dateline "
            "your changes here to Title"
        ) in text
        assert choices(refused) == [
            "Combine these changes with the other tab's, and save",
            "Save this version anyway (replaces the other tab's changes)",
            "Discard these changes and open the version saved in the other tab",
        ]
        # Nobody else is named, nor spoken of.
        assert "Ayu Lestari" not in text
        assert SOMEONE_ELSE.findall(text.replace("so they can be combined", "")) == []
        errors = " ".join(refused.context["adminform"].form.non_field_errors())
        assert SOMEONE_ELSE.findall(errors) == []
    else:  # as before
        assert "Ayu Lestari saved it on" in text
        assert (
            "Your changes and theirs do not overlap, so they can be combined: "
            "their changes to Dateline your changes to Title"
        ) in text
        assert choices(refused) == [
            "Combine their changes and mine, and save",
            "Save my version anyway (replaces their changes)",
            "Discard my changes and open their version",
        ]


def test_a_sentence_changed_in_both_my_tabs_is_offered_as_mine_to_copy(case, story):
    who, browsers = case

    refused = refused_after_another_save(
        browsers,
        story,
        {"body": BODY.replace("dipimpin NICA", "dipimpin Direktur NICA")},
        {"body": BODY.replace("dipimpin NICA", "dipimpin oleh NICA")},
    )

    text = words(panel(refused))
    [label] = panel(refused).xpath(".//label[@for='conflict-theirs-body']")
    assert "dipimpin Direktur NICA" in refused.content.decode()
    # The paragraph both changed is chosen (a meeting's clash); the rest
    # would combine, so Combine is offered too.
    if who == "own tab":
        assert (
            "You changed these both here and in the other tab: choose which to keep"
        ) in text
        assert words(label) == "Body as you saved it in the other tab"
        assert choices(refused) == [
            "Combine these changes with the other tab's, and save",
            "Save this version anyway (replaces the other tab's changes)",
            "Discard these changes and open the version saved in the other tab",
        ]
        assert "Ayu Lestari" not in text
        assert SOMEONE_ELSE.findall(text) == []
    else:
        assert "You both changed these: choose whose to keep" in text
        assert words(label) == "Body as they saved it"


# What the refusal says at the top of the form, and what the panel's
# choices say once saved: of the editor's own other tab, or of a colleague.
OWN_TAB = {
    "latest": "The latest save is revision 2 in History: yours, in another tab or "
    "window, ",
    "combined": "Saved: your changes here and in the other tab are combined. Check "
    "the article below.",
    "combined, step taken": "Saved: your changes here and in the other tab are "
    "combined. Unpublished: the article is off the site. Check the article below.",
    "overwritten": "Saved this version over the one from your other tab. That "
    "version is kept in the history.",
    "overwritten, step taken": "Saved this version over the one from your other "
    "tab (that version is kept in the history). Unpublished: the article is off "
    "the site.",
    # A field changed both here and in the other tab is chosen, then combined.
    "not combined": "Nothing has been saved: you changed Dateline both here and in "
    "the other tab. Choose below which to keep for each, then combine again.",
}
COLLEAGUE = {
    "latest": "The latest save is revision 2 in History: Ayu Lestari, ",
    "combined": "Saved: their changes and yours are combined. Check the article below.",
    "combined, step taken": "Saved: their changes and yours are combined. "
    "Unpublished: the article is off the site. Check the article below.",
    "overwritten": "Saved your version over their changes. Their version is kept "
    "in the history.",
    "overwritten, step taken": "Saved your version over their changes (their "
    "version is kept in the history). Unpublished: the article is off the site.",
    "not combined": "Nothing has been saved: you both changed Dateline. Choose "
    "below whose to keep for each, then combine again.",
}


def expected(who: str) -> dict:
    return OWN_TAB if who == "own tab" else COLLEAGUE


def refusal(response) -> str:
    """What the refused form says at its top."""
    return " ".join(response.context["adminform"].form.non_field_errors())


def click(browser, story, refused, name: str, **changes):
    """Press the conflict panel's button `name` on the `refused` page: the
    browser sends the form as shown, the panel's hidden fields and the
    button's own name and value."""
    data = admin_form_data(refused)
    for hidden in panel(refused).xpath(".//input[@type='hidden']"):
        data[hidden.get("name")] = hidden.get("value")
    [pressed] = panel(refused).xpath(f".//button[@name='{name}']")
    data[pressed.get("name")] = pressed.get("value")
    return browser.post(admin_url(Article, "change", story.pk), {**data, **changes})


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_refusal_names_the_latest_save_as_mine(case, story):
    who, browsers = case

    refused = refused_after_another_save(
        browsers, story, {"dateline": "Manila"}, {"title": "Judul dari tab kedua"}
    )

    said_at_top = refusal(refused)
    assert expected(who)["latest"] in said_at_top
    if who == "own tab":
        assert "Ayu Lestari" not in said_at_top
        assert SOMEONE_ELSE.findall(said_at_top) == []


@pytest.mark.parametrize(
    "choice, outcome",
    [("merge_version", "combined"), ("overwrite_version", "overwritten")],
)
def test_a_choice_saved_over_my_other_tab_says_so(case, story, choice, outcome):
    who, (one, two) = case
    refused = refused_after_another_save(
        (one, two), story, {"dateline": "Manila"}, {"title": "Judul dari tab kedua"}
    )

    saved = click(two, story, refused, choice)

    assert saved.status_code == 302, refusal(saved)
    assert said(saved) == [expected(who)[outcome]]
    assert Article.objects.get(pk=story.pk).title == "Judul dari tab kedua"


@pytest.mark.parametrize(
    "choice, outcome",
    [("merge_version", "combined"), ("overwrite_version", "overwritten")],
)
@pytest.mark.parametrize("step", ["unpublish", "publish"])
def test_a_step_carried_over_my_other_tab_says_so(case, story, choice, outcome, step):
    """The step the refused save asked for, taken after the choice
    (unpublish); one the story's state does not allow (a live story is not
    published again) is not carried: the panel says so, and the choice only
    saves."""
    who, (one, two) = case
    refused = refused_after_another_save(
        (one, two),
        story,
        {"dateline": "Manila"},
        {"title": "Judul dari tab kedua", "_transition": step},
    )
    if step == "publish":
        text = words(panel(refused))
        assert (
            "“Publish or schedule” cannot be taken now that the story is "
            "“Published”: the choices below only save."
        ) in text
        assert not panel(refused).xpath(".//input[@name='_conflict_transition']")
        if who == "own tab":
            assert (
                SOMEONE_ELSE.findall(text.replace("so they can be combined", "")) == []
            )

    saved = click(two, story, refused, choice)

    assert saved.status_code == 302, refusal(saved)
    [message] = said(saved)
    if step == "unpublish":
        assert message == expected(who)[f"{outcome}, step taken"]
    else:
        assert message == expected(who)[outcome]
        assert Article.objects.get(pk=story.pk).status == Article.Status.PUBLISHED


def test_changes_that_no_longer_combine_with_my_other_tab_say_so(case, story):
    """Combine pressed after changing, in this form, the field the other save
    changed: nothing combines, nothing is saved."""
    who, (one, two) = case
    refused = refused_after_another_save(
        (one, two), story, {"dateline": "Manila"}, {"title": "Judul dari tab kedua"}
    )

    again = click(two, story, refused, "merge_version", dateline="Cebu")

    assert again.status_code == 200
    assert expected(who)["not combined"] in refusal(again)
    assert Article.objects.get(pk=story.pk).dateline == "Manila"
