"""Two editors, one article: the whole sequence in two logged-in browsers
(Django test clients), from the refusal to each way out of it."""

import datetime as dt
import re

import pytest
import reversion
from django.utils import timezone
from lxml import html as lxml_html

from articles import services
from articles.admin.articles import conflict_message
from articles.admin.common import display_user
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url
from tests.newsroom.history.pages import REFUSAL_WITH_AN_ERROR

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BODY = (
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.\n"
    "\n"
    "Pertemuan dibuka oleh Kepala BNPT.\n"
    "\n"
    "Delegasi Filipina dipimpin NICA.\n"
    "\n"
    "Tujuh sesi membahas ancaman teror.\n"
)
ADDED = "Pertemuan berikutnya digelar di Manila."


@pytest.fixture
def story(section):
    """A published story as filed: its first revision is version 1, and its
    publication time has a fraction of a second, as `now()` gives it."""
    article = ArticleFactory(
        section=section,
        title="Delegasi Filipina tiba di Jakarta",
        body=BODY,
        published_at=timezone.now().replace(microsecond=582087) - dt.timedelta(hours=2),
        tags=["terorisme"],
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


def opened(browser, article):
    """The change form as the browser shows it, and what it would send back
    (textareas with the CRLF line endings browsers send)."""
    page = browser.get(admin_url(Article, "change", article.pk))
    assert page.status_code == 200
    return as_sent(admin_form_data(page))


def as_sent(data):
    for name in ("body", "dek"):
        data[name] = data[name].replace("\r\n", "\n").replace("\n", "\r\n")
    return data


def saved(article):
    return Article.objects.get(pk=article.pk)


def a_adds_a_sentence_and_deletes_a_line(a, story, form):
    url = admin_url(Article, "change", story.pk)
    form["body"] = (
        BODY.replace("Pertemuan dibuka oleh Kepala BNPT.\n\n", "").replace(
            "ancaman teror.", f"ancaman teror. {ADDED}"
        )
    ).replace("\n", "\r\n")
    assert a.post(url, form).status_code == 302


def assert_a_wins(story):
    body = saved(story).body
    assert ADDED in body
    assert "Pertemuan dibuka oleh Kepala BNPT." not in body


# The refusal, and a plain save of the refused form


def test_a_plain_second_save_of_a_refused_form_is_refused_again(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    form_b["title"] = "Delegasi Filipina tiba, BNPT menyambut"

    refused = b.post(url, form_b)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this article" in html
    assert "Delegasi Filipina tiba, BNPT menyambut" in html  # B's text is kept
    assert_a_wins(story)
    # The refused form still says which version B's text starts from.
    again = admin_form_data(refused)
    assert str(again["expected_version"]) == "1"
    # B saves again as the form stands: refused again, every time.
    for _attempt in range(2):
        refused = b.post(url, as_sent(again))
        assert refused.status_code == 200
        assert "Someone else saved this article" in refused.content.decode()
        again = admin_form_data(refused)
    assert_a_wins(story)
    assert saved(story).title == "Delegasi Filipina tiba di Jakarta"
    assert saved(story).version == 2


def test_the_workflow_buttons_of_a_refused_form_are_refused_too(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    refused = b.post(url, {**form_b, "_transition": "unpublish"})
    assert refused.status_code == 200
    again = as_sent(admin_form_data(refused))

    assert b.post(url, {**again, "_transition": "unpublish"}).status_code == 200
    assert saved(story).status == Article.Status.PUBLISHED
    assert_a_wins(story)


def test_the_refusal_shows_what_the_other_editor_changed_as_a_diff(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    form_b["title"] = "Judul dari B"

    refused = b.post(url, form_b)

    conflict = refused.context["conflict"]
    assert [change.name for change in conflict.changes] == ["body"]
    html = refused.content.decode()
    assert f" <mark>{ADDED}</mark>" in html
    assert re.search(r"<mark>\s*Pertemuan dibuka oleh Kepala BNPT.", html)
    # The ways out, each an explicit choice.
    assert 'name="merge_version" value="2"' in html
    assert 'name="overwrite_version" value="2"' in html
    assert f'href="{url}"' in html  # their version, B's changes dropped


def test_the_refusal_never_strikes_through_what_combining_keeps(two_editors, story):
    """A tester's finding: B's own sentence, which combining keeps, was shown
    struck through in their form's column, read as deleted. Each column marks
    the words only it has, alike; nothing in the table is struck through."""
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    form_a["body"] = form_a["body"].replace("hari Kamis.", "hari Kamis [A].")
    assert a.post(url, form_a).status_code == 302
    form_b["body"] = form_b["body"].replace("ancaman teror.", "ancaman teror [B].")

    refused = b.post(url, form_b)

    table = lxml_html.fromstring(refused.content).get_element_by_id("content")
    mine = table.xpath(
        '//td[@data-label="In your form"][contains(@class, "history-diff")]'
    )
    assert [mark.text for mark in mine[0].iter("mark")] == ["[B]"]
    assert not table.xpath("//table[contains(@class, 'stale-save-versions')]//del")
    assert "both: your lines and theirs" in mine[0].getparent().text_content()
    merged = b.post(url, {**as_sent(admin_form_data(refused)), "merge_version": "2"})
    assert merged.status_code == 302
    assert "[A]" in saved(story).body and "[B]" in saved(story).body


def test_the_refusal_names_only_the_fields_the_other_editor_changed(two_editors, story):
    """Not the publication time, which A's form sent back unchanged (to the
    second) and the revision keeps to the millisecond."""
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)

    refused = b.post(url, {**form_b, "title": "Judul dari B"})

    [message] = refused.context["adminform"].form.non_field_errors()
    assert "They changed: Body." in message
    assert "Published at" not in message


# The refusal said once: in its panel, not again in Django's "Please correct
# the error below." (no field in error) and in red, which pushed the panel's
# choices a screen down on a phone.


def b_is_refused(two_editors, story, **changes):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    refused = b.post(url, {**form_b, **changes})
    assert refused.status_code == 200
    assert refused.context["conflict"] is not None
    return refused


def test_a_refusal_is_said_once_in_its_panel_without_a_note_to_correct_errors(
    two_editors, story
):
    refused = b_is_refused(two_editors, story, title="Judul dari B")

    page = lxml_html.fromstring(refused.content.decode())
    assert not page.xpath('//*[contains(@class, "errornote")]')
    assert not page.xpath('//ul[contains(@class, "errorlist")]')
    text = " ".join(page.text_content().split())
    assert text.count("Someone else saved this article") == 1  # the panel's
    assert not page.findtext(".//title").startswith("Error:")
    (panel,) = page.xpath('//section[contains(@class, "conflict-panel")]')
    # Focused when the page opens (stale_save.js), for a screen reader.
    assert panel.get("tabindex") == "-1"
    assert page.xpath('//script[contains(@src, "js/stale_save.js")]')
    assert "Nothing in this form has been saved" in panel.text_content()
    # Still the form's error: the save was refused.
    assert refused.context["adminform"].form.non_field_errors()
    assert_a_wins(story)


@pytest.mark.parametrize(("language", "note", "nothing_saved"), REFUSAL_WITH_AN_ERROR)
def test_a_refusal_with_a_field_in_error_keeps_the_note_for_the_field_only(
    two_editors, story, settings, language, note, nothing_saved
):
    settings.LANGUAGE_CODE = language
    refused = b_is_refused(two_editors, story, title="")

    page = lxml_html.fromstring(refused.content.decode())
    # Django's note counts the title only ("errors", plural, had counted
    # the refusal too), and the refusal is not said again in red between
    # the note and the panel: the panel says it, once.
    [shown_note] = page.xpath('//p[contains(@class, "errornote")]')
    assert " ".join(shown_note.text_content().split()) == note
    assert not page.xpath('//ul[contains(@class, "nonfield")]')
    assert " ".join(page.text_content().split()).count(nothing_saved) == 1
    # The panel is focused all the same, its choices in sight on a phone.
    (panel,) = page.xpath('//section[contains(@class, "conflict-panel")]')
    assert panel.get("tabindex") == "-1"
    assert nothing_saved in panel.text_content()
    # A screen reader reading the focused panel hears its heading and the
    # paragraph under it: what happened, and what to do.
    description = page.get_element_by_id(panel.get("aria-describedby"))
    assert "until you choose what to keep" in description.text_content() or (
        "sampai Anda memilih apa yang dipertahankan" in description.text_content()
    )
    assert_a_wins(story)


# The body's row: each unchanged stretch said once


def test_the_refusals_body_row_counts_each_unchanged_stretch_in_one_row(
    two_editors, story
):
    # A deleted the second paragraph and added a sentence to the last.
    refused = b_is_refused(two_editors, story, title="Judul dari B")

    page = lxml_html.fromstring(refused.content.decode())
    body = next(
        tr
        for tr in page.xpath('//table[contains(@class, "stale-save-versions")]//tr')
        if tr.xpath("./th")[0].text_content().strip() == "Body"
    )
    mine, now, _keeps = (td.text_content().split("\n") for td in body.xpath("./td"))
    # The version saved now: the first paragraph as it is (one line, not
    # "… 1 unchanged line …"), then one row for the three lines down to the
    # change; it had stacked "… 1 unchanged line …" over "… 3 unchanged
    # lines …", where the deleted paragraph stood in B's column.
    assert now == [
        "BNPT dan NICA bertemu di Jakarta pada hari Kamis.",
        "… 3 unchanged lines …",
        f"Tujuh sesi membahas ancaman teror. {ADDED}",
    ]
    assert mine == [
        "BNPT dan NICA bertemu di Jakarta pada hari Kamis.",
        "",
        "Pertemuan dibuka oleh Kepala BNPT.",
        "… 3 unchanged lines …",
        "Tujuh sesi membahas ancaman teror.",
    ]


# The ways out


def test_keeping_my_version_anyway_is_a_deliberate_choice(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    form_b["title"] = "Judul dari B"
    refused = b.post(url, form_b)
    again = as_sent(admin_form_data(refused))

    response = b.post(url, {**again, "overwrite_version": "2"})

    assert response.status_code == 302
    assert response["Location"] == url
    article = saved(story)
    assert article.title == "Judul dari B"
    assert article.body == BODY.strip()  # A's changes replaced, as B chose
    assert article.version == 3


def test_combining_keeps_their_sentence_and_my_title(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    form_b["title"] = "Judul dari B"
    form_b["body"] = form_b["body"].replace("dipimpin NICA", "dipimpin oleh NICA")
    refused = b.post(url, form_b)
    plan = refused.context["conflict"].plan
    assert plan.possible and plan.combined == {
        "body": BODY.replace("Pertemuan dibuka oleh Kepala BNPT.\n\n", "")
        .replace("ancaman teror.", f"ancaman teror. {ADDED}")
        .replace("dipimpin NICA", "dipimpin oleh NICA")
        .strip()
    }
    again = as_sent(admin_form_data(refused))

    response = b.post(url, {**again, "merge_version": "2"})

    assert response.status_code == 302
    article = saved(story)
    assert article.title == "Judul dari B"
    assert_a_wins(story)
    assert "dipimpin oleh NICA" in article.body
    assert article.version == 3


def test_combining_takes_their_other_fields_and_tags_when_i_left_them_alone(
    two_editors, story
):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    assert a.post(url, {**form_a, "dek": "Ringkasan A", "tags": "terorisme, ASEAN"})
    form_b["title"] = "Judul dari B"
    refused = b.post(url, form_b)
    again = as_sent(admin_form_data(refused))

    assert b.post(url, {**again, "merge_version": "2"}).status_code == 302

    article = saved(story)
    assert (article.title, article.dek) == ("Judul dari B", "Ringkasan A")
    assert sorted(tag.name for tag in article.tags.all()) == ["ASEAN", "terorisme"]


def test_taking_their_version_shows_their_text(two_editors, story):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    b.post(url, {**form_b, "title": "Judul dari B"})

    page = b.get(url)  # the panel's "discard my changes" link

    assert ADDED in page.content.decode()
    assert str(admin_form_data(page)["expected_version"]) == "2"


def test_overlapping_changes_are_not_combined_and_their_text_can_be_copied(
    two_editors, story
):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    form_b["body"] = form_b["body"].replace("ancaman teror.", "ancaman terorisme.")

    refused = b.post(url, form_b)

    plan = refused.context["conflict"].plan
    assert plan.clashes == ["body"]
    html = refused.content.decode()
    # Combine is offered with the body to choose (t4: it had been taken away).
    assert 'name="merge_version"' in html and 'name="combine-field-body"' in html
    assert 'id="conflict-theirs-body"' in html and ADDED in html
    # Combining without choosing is refused, and nothing is lost.
    again = as_sent(admin_form_data(refused))
    assert b.post(url, {**again, "merge_version": "2"}).status_code == 200
    assert_a_wins(story)


def test_a_save_after_the_panel_was_shown_is_caught_by_the_choice(
    two_editors, story, staff_in, client
):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    refused = b.post(url, {**form_b, "title": "Judul dari B"})
    again = as_sent(admin_form_data(refused))
    # A saves once more while B reads the panel.
    assert a.post(url, {**opened(a, story), "dek": "Ringkasan terbaru"}).status_code
    assert saved(story).version == 3

    for choice in ("overwrite_version", "merge_version"):
        response = b.post(url, {**again, choice: "2"})
        assert response.status_code == 200
        conflict = response.context["conflict"]
        # Everything since B's own version, not only since the panel.
        assert (conflict.base_version, conflict.current_version) == (1, 3)
        assert {change.name for change in conflict.changes} == {"body", "dek"}
    assert saved(story).dek == "Ringkasan terbaru"
    assert_a_wins(story)


def test_a_conflict_found_only_at_save_time_shows_the_form_again(
    two_editors, story, monkeypatch
):
    """Where the database cannot lock the row between the form's check and
    the save, the service's own check refuses, and the form says so."""
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)
    check = services.article_check_version
    calls = []

    def misses_the_first_time(**kwargs):
        calls.append(kwargs)
        if len(calls) > 1:
            check(**kwargs)

    monkeypatch.setattr(services, "article_check_version", misses_the_first_time)

    refused = b.post(url, {**form_b, "title": "Judul dari B"})

    assert refused.status_code == 200
    assert refused.context["conflict"].current_version == 2
    assert_a_wins(story)


# The service owns the check


def test_the_service_refuses_a_stale_save_and_names_what_changed(story, desk_editor):
    first, second = saved(story), saved(story)
    first.body = BODY + ADDED
    with reversion.create_revision():
        services.article_save(article=first, user=desk_editor, expected_version=1)
        reversion.set_user(desk_editor)
    second.title = "Judul lain"

    with pytest.raises(services.EditConflict) as refused:
        services.article_save(article=second, user=desk_editor, expected_version=1)

    conflict = refused.value
    assert (conflict.base_version, conflict.current_version) == (1, 2)
    assert conflict.changed_fields == ["body"]
    assert conflict.saved_by == desk_editor
    assert saved(story).title == "Delegasi Filipina tiba di Jakarta"


def test_the_forms_refusal_is_the_services_edit_conflict_in_words(two_editors, story):
    """The form has no version rule of its own: it asks the service and turns
    the EditConflict it raises into its error and its panel."""
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)

    refused = b.post(url, {**form_b, "title": "Judul dari B"})

    with pytest.raises(services.EditConflict) as checked:
        services.article_check_version(article=saved(story), expected_version=1)
    conflict = checked.value
    form = refused.context["adminform"].form
    assert form.non_field_errors() == [conflict_message(form.conflict, form.refusal)]
    assert (form.conflict.base_version, form.conflict.current_version) == (
        conflict.base_version,
        conflict.current_version,
    )
    assert [change.name for change in form.conflict.changes] == (
        conflict.changed_fields
    )


@pytest.mark.parametrize(
    ("first_name", "last_name", "shown"),
    [("Rina", "Wulandari", "Rina Wulandari"), ("", "", "desk-editor")],
)
def test_the_panel_names_the_other_editor_as_the_admin_names_people(
    two_editors, story, desk_editor, first_name, last_name, shown
):
    desk_editor.first_name, desk_editor.last_name = first_name, last_name
    desk_editor.save()
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    a_adds_a_sentence_and_deletes_a_line(a, story, form_a)

    html = b.post(url, {**form_b, "title": "Judul dari B"}).content.decode()

    assert display_user(desk_editor) == shown
    assert f"{shown} saved it on" in html and ": revision 2 in History." in html
