"""The conflict panel of an article whose save met the editor's own save in
another tab: it spoke of "their change" and "their version", as if a
colleague had saved. Every word of it now says it was the editor, in the
other tab, and names nobody; when a colleague saved, it reads as before."""

import re

import pytest
import reversion
from django.test import Client
from lxml import html as lxml_html

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import opened, saves

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


@pytest.fixture
def own_tabs(editor_a):
    """Editor A's two tabs: one person, two pages of the same story."""
    first, second = Client(), Client()
    first.force_login(editor_a)
    second.force_login(editor_a)
    return first, second


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
    if who == "own tab":
        assert (
            "You changed Body both here and in the other tab. Copy what you need "
            "from the version saved there into the form, then save this one."
        ) in text
        assert words(label) == "Body as you saved it in the other tab"
        assert choices(refused) == [
            "Save this version anyway (replaces the other tab's changes)",
            "Discard these changes and open the version saved in the other tab",
        ]
        assert "Ayu Lestari" not in text
        assert SOMEONE_ELSE.findall(text) == []
    else:  # as before
        assert (
            "You both changed Body. Copy what you need from their version into "
            "the form, then save your version."
        ) in text
        assert words(label) == "Body as they saved it"
