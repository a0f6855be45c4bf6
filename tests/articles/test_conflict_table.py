"""The story's refusal table reads as a meeting's: for every field either
editor changed, the value in the editor's form, the one saved now and what
combining keeps. It had only "When you opened it | Saved now": the
editor's own dateline, changed by both, showed only in the choice below."""

import pytest
import reversion
from lxml import html as lxml_html

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import opened, saves

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BODY = (
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.\n"
    "\n"
    "Delegasi Filipina dipimpin NICA.\n"
    "\n"
    "Tujuh sesi membahas ancaman teror.\n"
)
ADDED = "Pertemuan berikutnya digelar di Manila."


@pytest.fixture
def story(section, editor):
    article = ArticleFactory(
        section=section,
        title="Delegasi Filipina tiba di Jakarta",
        dateline="Jakarta",
        body=BODY,
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(editor)
    return article


def words(element) -> str:
    return " ".join(element.text_content().split())


def table_of(response) -> dict[str, dict[str, str]]:
    """The panel's table: each row by its field, each cell by its column."""
    page = lxml_html.fromstring(response.content.decode())
    [table] = page.find_class("conflict-panel")[0].find_class("stale-save-versions")
    columns = [words(th) for th in table.xpath("./thead/tr/th")]
    return {
        words(row.xpath("./th")[0]): dict(
            zip(columns[1:], [words(td) for td in row.xpath("./td")], strict=True)
        )
        for row in table.xpath("./tbody/tr")
    }


def test_the_story_refusal_table_puts_my_form_beside_the_version_saved_now(tabs, story):
    a, b = tabs
    form = opened(b, story)
    saved = {
        **opened(a, story),
        "dateline": "Manila",
        "body": BODY.replace("teror.", f"teror. {ADDED}"),
    }
    assert saves(a, story, saved).status_code == 302

    refused = saves(
        b, story, {**form, "dateline": "Bandung", "title": "Delegasi tiba di Bandung"}
    )

    assert refused.status_code == 200
    table = table_of(refused)
    now = "Saved now (by Ayu Lestari)"
    assert table["Dateline"] == {
        "In your form": "Bandung",
        now: "Manila",
        "Combining keeps": "your choice below",
    }
    assert table["Title"] == {
        "In your form": "Delegasi tiba di Bandung",
        now: "Delegasi Filipina tiba di Jakarta",
        "Combining keeps": "yours",
    }
    # The body, by its lines that differ: their added sentence highlighted.
    assert table["Body"]["Combining keeps"] == "the saved one"
    assert ADDED in table["Body"][now] and ADDED not in table["Body"]["In your form"]
    page = lxml_html.fromstring(refused.content.decode())
    marks = page.xpath("//table[contains(@class, 'stale-save-versions')]//td/mark")
    assert [ADDED in mark.text_content() for mark in marks].count(True) == 1
    # A value of one line has its differing words marked too (a tester found
    # a summary's added words unmarked beside a marked body).
    mine, now = page.xpath(
        "//table[contains(@class, 'stale-save-versions')]"
        "//tr[normalize-space(th) = 'Title']/td[position() < 3]"
    )
    assert [mark.text for mark in mine.iter("mark")] == ["Bandung"]
    assert [mark.text for mark in now.iter("mark")] == ["Filipina", "Jakarta"]
    assert Article.objects.get(pk=story.pk).dateline == "Manila"


def with_correction(data: dict, kind: str, text: str) -> dict:
    """The form with one more correction row filled in ("Add another")."""
    count = int(data["corrections-TOTAL_FORMS"])
    return {
        **data,
        "corrections-TOTAL_FORMS": str(count + 1),
        f"corrections-{count}-kind": kind,
        f"corrections-{count}-text": text,
    }


def test_corrections_both_added_are_a_line_of_the_table_and_both_kept(tabs, story):
    """A tester's story: the panel of a refusal met over corrections only had
    a table of headers and "they can be combined:" above an empty list."""
    a, b = tabs
    form = opened(b, story)
    theirs = with_correction(opened(a, story), "update", "Agenda sesi ketujuh.")
    assert saves(a, story, theirs).status_code == 302

    refused = saves(b, story, with_correction(form, "correction", "Nama diperbaiki."))

    assert refused.status_code == 200
    assert table_of(refused)["Corrections and updates"] == {
        "In your form": "Correction: Nama diperbaiki.",
        "Saved now (by Ayu Lestari)": "Update: Agenda sesi ketujuh.",
        "Combining keeps": "both: the rows they added and yours",
    }
    page = lxml_html.fromstring(refused.content.decode())
    [plan] = page.find_class("conflict-plan")
    assert [words(item) for item in plan.xpath("./li")] == [
        "their changes to Corrections and updates",
        "your changes to Corrections and updates",
    ]

    combined = saves(
        b,
        story,
        {
            **with_correction(form, "correction", "Nama diperbaiki."),
            "merge_version": str(Article.objects.get(pk=story.pk).version),
        },
    )

    assert combined.status_code == 302
    assert sorted(story.corrections.values_list("text", flat=True)) == [
        "Agenda sesi ketujuh.",
        "Nama diperbaiki.",
    ]


def test_a_value_both_changed_alike_is_not_a_line_of_the_table(tabs, story):
    a, b = tabs
    form = opened(b, story)
    assert (
        saves(a, story, {**opened(a, story), "dateline": "Manila"}).status_code == 302
    )

    refused = saves(b, story, {**form, "dateline": "Manila", "title": "Delegasi tiba"})

    assert set(table_of(refused)) == {"Title"}


def test_when_every_change_clashes_no_sentence_leads_into_an_empty_list(tabs, story):
    a, b = tabs
    form = opened(b, story)
    assert (
        saves(a, story, {**opened(a, story), "dateline": "Manila"}).status_code == 302
    )

    refused = saves(b, story, {**form, "dateline": "Bandung"})

    page = lxml_html.fromstring(refused.content.decode())
    assert not page.find_class("conflict-plan")
    text = words(page.find_class("conflict-panel")[0])
    assert "Combining keeps every change that does not clash" not in text
    assert "You both changed" in text or "both changed" in text
