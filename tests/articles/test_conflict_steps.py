"""A workflow step asked for by a save the edit lock refused: carried through
the conflict panel's choice and taken after it, said with it, its note kept;
the panel's and the refusal's revisions numbered as History numbers them,
and a save in one's own other tab told as one's own."""

import re

import pytest
import reversion
from django.contrib.messages import get_messages
from django.test import Client
from lxml import html as lxml_html

from articles.models import Article, ArticleTransition
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
NOTE = "Tambahkan tanggapan BNPT di paragraf kedua."
BODY = (
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.\n"
    "\n"
    "Delegasi Filipina dipimpin NICA.\n"
)


@pytest.fixture
def story(section, reporter):
    """The reporter's draft as first saved (its first revision), then
    submitted for review through the admin, as story 18 was."""
    article = ArticleFactory(
        section=section,
        draft=True,
        created_by=reporter,
        title="Delegasi Filipina tiba di Jakarta",
        dateline="Jakarta",
        body=BODY,
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(reporter)
    browser = logged_in(reporter)
    sent = browser.post(
        url(article), {**opened(browser, article), "_transition": "submit"}
    )
    assert sent.status_code == 302
    assert saved(article).status == Status.IN_REVIEW
    return saved(article)


@pytest.fixture
def tabs(desk_editor):
    """The editor's two tabs (one person, two pages of the same story)."""
    return logged_in(desk_editor), logged_in(desk_editor)


@pytest.fixture
def colleagues(desk_editor, staff_in):
    """The editor's browser and another editor's: the panel speaks of the
    other's changes as theirs."""
    return logged_in(desk_editor), logged_in(staff_in("Editor", "editor-b"))


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def url(article):
    return admin_url(Article, "change", article.pk)


def saved(article):
    return Article.objects.get(pk=article.pk)


def opened(browser, article):
    """The change form as the browser shows it, and what it would send back."""
    page = browser.get(url(article))
    assert page.status_code == 200
    return as_sent(admin_form_data(page))


def as_sent(data):
    for name in ("body", "dek"):
        data[name] = data[name].replace("\r\n", "\n").replace("\n", "\r\n")
    return data


def panel(page):
    return lxml_html.fromstring(page.content.decode()).find_class("conflict-panel")[0]


def panel_text(page) -> str:
    return " ".join(panel(page).text_content().split())


def button(page, name: str) -> str:
    """The words of the conflict panel's button `name`."""
    [found] = panel(page).xpath(f".//button[@name='{name}']")
    return " ".join(found.text_content().split())


def click(browser, article, page, name: str, **changes):
    """Press the conflict panel's button `name` on the refused `page`: the
    browser sends the form as shown, the panel's hidden fields and the
    button's own name and value."""
    data = as_sent(admin_form_data(page))
    for hidden in panel(page).xpath(".//input[@type='hidden']"):
        data[hidden.get("name")] = hidden.get("value")
    [pressed] = panel(page).xpath(f".//button[@name='{name}']")
    data[pressed.get("name")] = pressed.get("value")
    return browser.post(url(article), {**data, **changes})


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def b_changes_the_dateline(b, story):
    assert b.post(url(story), {**opened(b, story), "dateline": "Manila"}).status_code
    assert saved(story).dateline == "Manila"


def a_asks_to_return_it(a, story, form_a, note=NOTE):
    """A writes a note and a headline of their own, and clicks "Save and
    return to reporter": refused, the note still in the form."""
    before = saved(story)
    refused = a.post(
        url(story),
        {
            **form_a,
            "title": "Delegasi Filipina disambut BNPT",
            "workflow_note": note,
            "_transition": "return",
        },
    )
    assert refused.status_code == 200
    assert "conflict-panel" in refused.content.decode()
    assert admin_form_data(refused)["workflow_note"] == note
    assert saved(story).version == before.version  # nothing saved
    return refused


# 1. The step goes with the choice


def test_combining_after_a_refused_return_returns_the_story_with_its_note(
    colleagues, story, reporter
):
    a, b = colleagues
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a_asks_to_return_it(a, story, form_a)
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, save and return to reporter"
    )
    assert "You asked for “Return to reporter”" in panel_text(refused)

    combined = click(a, story, refused, "merge_version")

    assert combined.status_code == 302
    assert said(combined) == [
        "Saved: their changes and yours are combined. Returned to the reporter. "
        "Check the article below."
    ]
    article = saved(story)
    assert article.status == Status.DRAFT
    assert (article.title, article.dateline) == (
        "Delegasi Filipina disambut BNPT",
        "Manila",
    )
    step = ArticleTransition.objects.filter(article=story).latest("at")
    assert (step.to_status, step.note) == (Status.DRAFT, NOTE)
    # The reporter is told: the note is on their start page.
    start = logged_in(reporter).get("/admin/").content.decode()
    assert NOTE in start


def test_saving_my_version_anyway_takes_the_refused_step_too(colleagues, story):
    a, b = colleagues
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a_asks_to_return_it(a, story, form_a)
    assert button(refused, "overwrite_version") == (
        "Save my version anyway (replaces their changes) and return to reporter"
    )

    kept = click(a, story, refused, "overwrite_version")

    assert kept.status_code == 302
    assert said(kept) == [
        "Saved your version over their changes (their version is kept in the "
        "history). Returned to the reporter."
    ]
    article = saved(story)
    assert (article.status, article.dateline) == (Status.DRAFT, "Jakarta")
    assert ArticleTransition.objects.filter(article=story, note=NOTE).exists()


def test_a_reporters_refused_submit_is_submitted_after_combining(reporter, section):
    draft = ArticleFactory(
        section=section, draft=True, created_by=reporter, body=BODY, dateline="Jakarta"
    )
    with reversion.create_revision():
        reversion.add_to_revision(draft)
        reversion.set_user(reporter)
    a, b = logged_in(reporter), logged_in(reporter)
    form_a = opened(a, draft)
    b_changes_the_dateline(b, draft)
    refused = a.post(
        url(draft), {**form_a, "title": "Judul baru", "_transition": "submit"}
    )
    assert refused.status_code == 200

    combined = click(a, draft, refused, "merge_version")

    assert said(combined) == [
        "Saved: your changes here and in the other tab are combined. "
        "Submitted for review. Check the article below."
    ]
    article = saved(draft)
    assert (article.status, article.title, article.dateline) == (
        Status.IN_REVIEW,
        "Judul baru",
        "Manila",
    )


def test_a_refused_publish_publishes_after_combining(tabs, story):
    a, b = tabs
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a.post(
        url(story), {**form_a, "title": "Judul A", "_transition": "publish"}
    )
    assert refused.status_code == 200

    combined = click(a, story, refused, "merge_version")

    assert said(combined) == [
        "Saved: your changes here and in the other tab are combined. "
        "Published. Check the article below."
    ]
    article = saved(story)
    assert article.status == Status.PUBLISHED and article.is_public
    assert (article.title, article.dateline) == ("Judul A", "Manila")
    assert ArticleTransition.objects.filter(
        article=story, to_status=Status.PUBLISHED
    ).exists()


def test_a_second_conflict_in_a_row_still_carries_the_step_and_its_note(
    colleagues, story, reporter
):
    a, b = colleagues
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a_asks_to_return_it(a, story, form_a)
    # B saves again while A reads the panel.
    assert b.post(url(story), {**opened(b, story), "byline": "Tim Jakarta"}).status_code

    again = click(a, story, refused, "merge_version")

    assert again.status_code == 200
    assert saved(story).status == Status.IN_REVIEW
    assert admin_form_data(again)["workflow_note"] == NOTE
    assert button(again, "merge_version") == (
        "Combine their changes and mine, save and return to reporter"
    )
    combined = click(a, story, again, "merge_version")

    assert combined.status_code == 302
    article = saved(story)
    assert (article.status, article.dateline, article.byline) == (
        Status.DRAFT,
        "Manila",
        "Tim Jakarta",
    )
    assert article.title == "Delegasi Filipina disambut BNPT"
    assert NOTE in logged_in(reporter).get("/admin/").content.decode()


def test_a_return_without_its_note_is_refused_before_the_combine_saves(tabs, story):
    a, b = tabs
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a_asks_to_return_it(a, story, form_a)

    response = click(a, story, refused, "merge_version", workflow_note="")

    assert response.status_code == 200
    assert "needs a note" in response.content.decode()
    article = saved(story)
    assert (article.status, article.title) == (
        Status.IN_REVIEW,
        "Delegasi Filipina tiba di Jakarta",
    )


def test_a_step_a_colleague_took_first_is_not_carried_and_the_note_is_flagged(
    tabs, story, staff_in, reporter
):
    """Another editor returns the story first: the panel said "Combine …,
    save and return to reporter", which saved, then said the step was not
    taken. It now says who returned it, offers only to save, and that the
    note does not go with that."""
    a, _b = tabs
    form_a = opened(a, story)
    other = logged_in(staff_in("Editor", "editor-b"))
    assert (
        other.post(
            url(story),
            {
                **opened(other, story),
                "workflow_note": "Cek ejaan.",
                "_transition": "return",
            },
        ).status_code
        == 302
    )
    assert saved(story).status == Status.DRAFT
    refused = a_asks_to_return_it(a, story, form_a)

    text = panel_text(refused)
    assert "Editor-b returned this story to its reporter. It is now “Draft”." in text
    assert (
        "“Return to reporter” cannot be taken now that the story is “Draft”: the "
        "choices below only save. Your note in “Note for the workflow step” stays "
        "in the form after the save, for when you take the step yourself."
    ) in text
    assert "You asked for" not in text
    assert button(refused, "merge_version") == (
        "Combine their changes and mine, and save"
    )
    assert button(refused, "overwrite_version") == (
        "Save my version anyway (replaces their changes)"
    )

    combined = click(a, story, refused, "merge_version")

    assert combined.status_code == 302
    assert said(combined) == [
        "Saved: their changes and yours are combined. Check the article below."
    ]
    article = saved(story)
    assert (article.status, article.title) == (
        Status.DRAFT,
        "Delegasi Filipina disambut BNPT",
    )
    assert not ArticleTransition.objects.filter(note=NOTE).exists()
    # The reporter has one return, with the note of the editor who made it.
    start = logged_in(reporter).get("/admin/").content.decode()
    assert "Cek ejaan." in start and NOTE not in start


def test_publishing_rules_still_refuse_the_step_after_the_combine(tabs, story):
    Article.objects.filter(pk=story.pk).update(needs_headline=True)
    a, b = tabs
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)
    refused = a.post(
        url(story), {**form_a, "dek": "Ringkasan A", "_transition": "publish"}
    )
    assert refused.status_code == 200

    combined = click(a, story, refused, "merge_version")

    [message] = said(combined)
    assert "the step “Publish or schedule” was not taken" in message
    assert "write a headline" in message
    article = saved(story)
    assert (article.status, article.dek, article.dateline) == (
        Status.IN_REVIEW,
        "Ringkasan A",
        "Manila",
    )


# 2. Revisions as History numbers them


def history_rows(browser, article) -> dict[int, int]:
    """The History page's revision number of each of the article's versions
    (its internal counter), and who saved it."""
    page = browser.get(admin_url(Article, "history", article.pk))
    return {
        row["version"].field_dict["version"]: (
            row["number"],
            row["revision"].user.get_username(),
        )
        for row in page.context["action_list"]
    }


def test_the_refusal_numbers_revisions_as_history_does(tabs, story, staff_in):
    a, _b = tabs
    form_a = opened(a, story)
    other = logged_in(staff_in("Editor", "editor-b"))
    assert other.post(url(story), {**opened(other, story), "dateline": "Manila"})
    current = saved(story).version
    rows = history_rows(a, story)
    # The counter went up by two with the submit step: not History's numbers.
    assert rows[current] == (3, "editor-b") and current == 4
    assert rows[story.version] == (2, "reporter")

    refused = a.post(url(story), {**form_a, "title": "Judul A"})

    [message] = refused.context["adminform"].form.non_field_errors()
    assert message.startswith(
        "Someone else saved this article after you opened it. The latest save "
        "is revision 3 in History: editor-b, "
    )
    assert "Your text starts from revision 2." in message
    text = panel_text(refused)
    assert re.search(r"editor-b saved it on .+: revision 3 in History\.", text)
    assert "Your text starts from revision 2." in text
    assert "version 4" not in text and "version 4" not in message
    # The lock still compares the counter.
    assert f'name="merge_version" value="{current}"' in refused.content.decode()


# 7. One's own save in another tab


def test_a_save_in_my_other_tab_is_told_as_mine(tabs, story):
    a, b = tabs
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)

    refused = a.post(url(story), {**form_a, "title": "Judul A"})

    [message] = refused.context["adminform"].form.non_field_errors()
    assert message.startswith(
        "You saved this article in another tab or window after you opened it here."
    )
    assert "Someone else" not in refused.content.decode()
    assert "Changed since then: Dateline." in message
    text = panel_text(refused)
    assert text.startswith(
        "You saved this article in another tab or window while you were editing it here"
    )
    assert re.search(
        r"You saved it in the other tab or window on .+: revision 3 in History\.",
        text,
    )


def test_the_choices_carrying_a_step_speak_of_my_other_tab(tabs, story):
    """The buttons said "Combine their changes and mine, save and return to
    reporter" when the other save was the editor's own."""
    a, b = tabs
    form_a = opened(a, story)
    b_changes_the_dateline(b, story)

    refused = a_asks_to_return_it(a, story, form_a)

    assert button(refused, "merge_version") == (
        "Combine these changes with the other tab's, save and return to reporter"
    )
    assert button(refused, "overwrite_version") == (
        "Save this version anyway (replaces the other tab's changes) and return "
        "to reporter"
    )
    text = panel_text(refused)
    assert "your changes in the other tab to Dateline" in text
    assert not re.search(r"\b(?:they|their|theirs)\b", text.replace("so they", ""))
    combined = click(a, story, refused, "merge_version")
    assert combined.status_code == 302
    assert saved(story).status == Status.DRAFT
