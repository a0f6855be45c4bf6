"""The article edit lock, as a tester found it on the demo: a refused form
after the story left its reporter's hands lists only what they changed
since their version; one field both changed no longer takes Combine away
(the clashing field is chosen, the rest combined, as a meeting's form
does); and a combined save says "Combined with revision N." in History."""

import pytest
import reversion
from django.test import Client
from lxml import html as lxml_html
from reversion.models import Version

from articles.models import Article
from newsroom.history import revision_comment
from tests.articles import test_edit_conflicts
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
BODY = test_edit_conflicts.BODY  # the story both edit-lock files edit
opened = test_edit_conflicts.opened
fresh = test_edit_conflicts.saved


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(reporter, section):
    """The reporter's draft, its first revision kept."""
    article = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title="Delegasi Filipina tiba di Jakarta",
        dek="Pertemuan pertama.",
        body=BODY,
        dateline="",
        byline="Tim Jakarta",
        seo_title="",
        tags=["terorisme"],
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


def history_comments(client, article) -> list[str]:
    page = client.get(admin_url(Article, "history", article.pk))
    assert page.status_code == 200
    return [str(entry["comment"]) for entry in page.context["action_list"]]


# 1. The refusal after the story left the reporter's hands.


def test_a_refused_second_tab_lists_only_what_it_changed_since_its_version(
    reporter, desk_editor, draft
):
    url = admin_url(Article, "change", draft.pk)
    tab_a, tab_b = browser(reporter), browser(reporter)
    form_a, form_b = opened(tab_a, draft), opened(tab_b, draft)
    submitted = tab_a.post(
        url, {**form_a, "dek": "Ringkasan baru dari tab A.", "_transition": "submit"}
    )
    assert submitted.status_code == 302
    desk = browser(desk_editor)
    published = desk.post(
        url,
        {
            **opened(desk, draft),
            "seo_title": "Delegasi Filipina di Jakarta",
            "_transition": "publish",
        },
    )
    assert published.status_code == 302
    assert fresh(draft).status == Status.PUBLISHED

    refused = tab_b.post(
        url, {**form_b, "byline": "Tim Jakarta dan Manila", "_continue": "1"}
    )

    assert refused.status_code == 409
    kept = [
        (str(text["label"]), text["value"]) for text in refused.context["unsaved_texts"]
    ]
    assert kept == [("Byline", "Tim Jakarta dan Manila")]
    tree = lxml_html.fromstring(refused.content.decode())
    labels = tree.xpath('//fieldset[contains(@class, "unsaved-texts")]//label')
    assert [label.text_content() for label in labels] == ["Byline"]
    story = fresh(draft)
    assert (story.dek, story.seo_title, story.byline) == (
        "Ringkasan baru dari tab A.",
        "Delegasi Filipina di Jakarta",
        "Tim Jakarta",
    )


# 2. One field both changed: the rest combines, that field is chosen.


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


@pytest.fixture
def both_saved(reporter, desk_editor, draft):
    """The reporter's form opened; the editor changes the summary, a body
    paragraph and the dateline, and saves; the reporter changes the title, a
    later paragraph, the tags and the dateline, and saves: refused.
    (the reporter's browser, what their form sent, the refusal)"""
    url = admin_url(Article, "change", draft.pk)
    mine = browser(reporter)
    sent = opened(mine, draft)
    desk = browser(desk_editor)
    theirs = opened(desk, draft)
    theirs.update(
        dek="Ringkasan dari redaktur.",
        body=theirs["body"].replace("Kepala BNPT", "Kepala BNPT Eddy Hartono"),
        dateline="Jakarta",
    )
    assert desk.post(url, theirs).status_code == 302
    sent.update(
        title="Delegasi Filipina tiba lebih awal",
        body=sent["body"].replace("ancaman teror", "ancaman teror lintas batas"),
        tags="terorisme, Filipina",
        dateline="Jakarta, 24/3",
    )
    refused = mine.post(url, {**sent, "_continue": "1"})
    assert refused.status_code == 200
    return mine, sent, refused


def test_a_field_both_changed_is_chosen_and_the_rest_combined(draft, both_saved):
    mine, sent, refused = both_saved
    url = admin_url(Article, "change", draft.pk)
    conflict = refused.context["conflict"]
    tree = lxml_html.fromstring(refused.content.decode())
    panel = tree.xpath('//section[contains(@class, "conflict-panel")]')[0]
    combine = panel.xpath('.//button[@name="merge_version"]')
    assert len(combine) == 1  # Combine is offered
    assert [legend.text_content() for legend in panel.xpath(".//legend")] == [
        "Dateline"
    ]
    assert panel.xpath('.//input[@name="combine-field-dateline"]/@value') == [
        "mine",
        "theirs",
    ]
    assert "Combining keeps every change that does not clash, theirs and yours:" in (
        panel.text_content()
    )
    merge_version = combine[0].get("value")
    assert fresh(draft).title == "Delegasi Filipina tiba di Jakarta"  # not saved

    # Combine without choosing: refused again, asked to choose, nothing saved.
    again = mine.post(url, {**sent, "merge_version": merge_version})
    assert again.status_code == 200
    assert "you both changed Dateline. Choose below whose to keep" in (
        again.content.decode()
    )
    assert fresh(draft).title == "Delegasi Filipina tiba di Jakarta"
    assert conflict.plan.clashes == ["dateline"]

    # Chosen: theirs for the dateline; everything else combined.
    done = mine.post(
        url,
        {**sent, "merge_version": merge_version, "combine-field-dateline": "mine"},
    )
    assert done.status_code == 302
    story = fresh(draft)
    assert story.title == "Delegasi Filipina tiba lebih awal"
    assert story.dek == "Ringkasan dari redaktur."  # the editor's, kept
    assert "Kepala BNPT Eddy Hartono" in story.body  # the editor's paragraph
    assert "ancaman teror lintas batas" in story.body  # the reporter's
    assert story.dateline == "Jakarta, 24/3"
    assert sorted(tag.name for tag in story.tags.all()) == ["Filipina", "terorisme"]

    # The page after it, saved again as it opens: nothing of anyone's undone.
    page = opened(mine, story)
    assert mine.post(url, {**page, "_continue": "1"}).status_code == 302
    again = fresh(draft)
    assert (again.dek, again.body, again.dateline) == (
        story.dek,
        story.body,
        story.dateline,
    )


def test_keeping_their_value_of_the_clashing_field(draft, both_saved):
    mine, sent, refused = both_saved
    url = admin_url(Article, "change", draft.pk)
    merge_version = refused.context["conflict"].current_version
    done = mine.post(
        url,
        {**sent, "merge_version": merge_version, "combine-field-dateline": "theirs"},
    )
    assert done.status_code == 302
    story = fresh(draft)
    assert (story.title, story.dek, story.dateline) == (
        "Delegasi Filipina tiba lebih awal",
        "Ringkasan dari redaktur.",
        "Jakarta",
    )


def test_a_paragraph_both_changed_is_a_clash_of_the_body(reporter, desk_editor, draft):
    url = admin_url(Article, "change", draft.pk)
    mine, desk = browser(reporter), browser(desk_editor)
    sent, theirs = opened(mine, draft), opened(desk, draft)
    theirs["body"] = theirs["body"].replace("dipimpin NICA", "dipimpin Kepala NICA")
    theirs["dek"] = "Ringkasan dari redaktur."
    assert desk.post(url, theirs).status_code == 302
    sent["body"] = sent["body"].replace("dipimpin NICA", "dipimpin Direktur NICA")
    sent["title"] = "Delegasi Filipina tiba lebih awal"
    refused = mine.post(url, sent)
    assert refused.status_code == 200
    [clash] = refused.context["conflict"].plan.choices
    assert (clash.label, clash.mine, clash.theirs) == (
        "Body",
        "Delegasi Filipina dipimpin Direktur NICA.",
        "Delegasi Filipina dipimpin Kepala NICA.",
    )
    merge_version = refused.context["conflict"].current_version
    done = mine.post(
        url, {**sent, "merge_version": merge_version, "combine-field-body": "theirs"}
    )
    assert done.status_code == 302
    story = fresh(draft)
    assert "dipimpin Kepala NICA" in story.body
    assert (story.title, story.dek) == (
        "Delegasi Filipina tiba lebih awal",
        "Ringkasan dari redaktur.",
    )


# 3. History says "Combined with revision N.", crediting the saver's own.


def test_a_combined_save_says_so_in_history(draft, both_saved):
    mine, sent, refused = both_saved
    url = admin_url(Article, "change", draft.pk)
    merge_version = refused.context["conflict"].current_version
    mine.post(
        url,
        {**sent, "merge_version": merge_version, "combine-field-dateline": "mine"},
    )
    *_, editors, latest = versions(draft)
    said = revision_comment(latest.revision.comment)
    assert "Combined with revision 2." in said
    assert "summary" not in said.lower()
    assert "Title" in said or "title" in said
    assert "Summary" in revision_comment(editors.revision.comment) or "summary" in (
        revision_comment(editors.revision.comment)
    )
    shown = history_comments(mine, draft)
    assert any("Combined with revision 2." in comment for comment in shown)


def test_an_editors_combine_and_publish_says_so_in_history(
    reporter, desk_editor, draft
):
    url = admin_url(Article, "change", draft.pk)
    writer, desk = browser(reporter), browser(desk_editor)
    submitted = writer.post(url, {**opened(writer, draft), "_transition": "submit"})
    assert submitted.status_code == 302
    desk_form = opened(desk, draft)
    writer_again = browser(reporter)
    withdrawn = writer_again.post(admin_url(Article, "withdraw", draft.pk))
    assert withdrawn.status_code == 302
    form = opened(writer_again, draft)
    form["dek"] = "Ringkasan dari reporter."
    assert writer_again.post(url, {**form, "_transition": "submit"}).status_code == 302

    desk_form["title"] = "Delegasi Filipina tiba lebih awal"
    refused = desk.post(url, {**desk_form, "_transition": "publish"})
    assert refused.status_code == 200
    conflict = refused.context["conflict"]
    assert conflict.step is not None
    combined = desk.post(
        url,
        {
            **desk_form,
            "merge_version": conflict.current_version,
            "_conflict_transition": conflict.step.name,
        },
    )
    assert combined.status_code == 302
    story = fresh(draft)
    assert (story.status, story.title, story.dek) == (
        Status.PUBLISHED,
        "Delegasi Filipina tiba lebih awal",
        "Ringkasan dari reporter.",
    )
    latest = versions(draft)[-1]
    said = revision_comment(latest.revision.comment)
    assert "Combined with revision" in said
    assert "summary" not in said.lower()
