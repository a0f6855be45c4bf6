"""Combine with a paragraph both editors rewrote: the editor's choice is
for that paragraph alone, and every other change of both is kept (a tester's
Combine kept "mine" for the whole body, and their colleague's added sentence
in another paragraph was lost, said nowhere but in History)."""

import datetime as dt

import pytest
import reversion
from django.utils import timezone
from lxml import html as lxml_html

from agencies.models import Meeting
from articles.models import Article
from newsroom.history import merge_text
from tests.articles.factories import ArticleFactory
from tests.articles.test_edit_conflicts import as_sent, opened, saved
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PARAGRAPHS = [
    "BNPT dan NICA bertemu di Jakarta pada hari Kamis.",
    "Pertemuan dibuka oleh Kepala BNPT.",
    "Delegasi Filipina dipimpin NICA.",
    "Tujuh sesi membahas ancaman teror.",
    "Kedua pihak sepakat bertukar informasi.",
    "Pertemuan berikutnya digelar di Manila.",
]
BODY = "\n\n".join(PARAGRAPHS) + "\n"
A_REWRITES = "Pertemuan dibuka secara resmi oleh Kepala BNPT, A menulis."
B_REWRITES = "Kepala BNPT membuka pertemuan, B menulis."
A_ADDS = "ALPHA-ADD kalimat tambahan."
B_ADDS = "BRAVO-PARA"


def edited(rewrite: str, *, add_to: int, added: str, before=False) -> str:
    paragraphs = list(PARAGRAPHS)
    paragraphs[1] = rewrite
    line = paragraphs[add_to]
    paragraphs[add_to] = f"{added} {line}" if before else f"{line} {added}"
    return "\n\n".join(paragraphs)


A_BODY = edited(A_REWRITES, add_to=4, added=A_ADDS)
B_BODY = edited(B_REWRITES, add_to=5, added=B_ADDS, before=True)


def test_a_clash_in_one_paragraph_takes_the_chosen_side_there_and_both_elsewhere():
    assert merge_text(BODY, A_BODY, B_BODY) is None  # the editor's call
    keeps_mine = merge_text(BODY, A_BODY, B_BODY, prefer="mine")
    keeps_theirs = merge_text(BODY, A_BODY, B_BODY, prefer="theirs")
    for body, rewrite, other in (
        (keeps_mine, B_REWRITES, A_REWRITES),
        (keeps_theirs, A_REWRITES, B_REWRITES),
    ):
        assert rewrite in body and other not in body
        assert A_ADDS in body and B_ADDS in body
        assert PARAGRAPHS[0] in body and PARAGRAPHS[3] in body
        assert body.count("\n\n") == len(PARAGRAPHS) - 1


@pytest.mark.parametrize("deleted_first", [False, True])
def test_a_paragraph_changed_and_the_next_one_deleted_combine_without_a_choice(
    deleted_first,
):
    """A tester's: A added a sentence to paragraph 2, B deleted paragraph 3;
    the two met, and B's "Yours" kept paragraph 2 without A's sentence."""
    added = BODY.replace(PARAGRAPHS[1], f"{PARAGRAPHS[1]} Kalimat A.")
    deleted = BODY.replace(f"{PARAGRAPHS[2]}\n\n", "")
    theirs, mine = (deleted, added) if deleted_first else (added, deleted)
    merged = merge_text(BODY, theirs, mine)
    assert merged == "\n\n".join(
        [PARAGRAPHS[0], f"{PARAGRAPHS[1]} Kalimat A.", *PARAGRAPHS[3:]]
    )


@pytest.fixture
def story(section):
    article = ArticleFactory(
        section=section,
        title="Delegasi Filipina tiba di Jakarta",
        body=BODY,
        published_at=timezone.now() - dt.timedelta(hours=2),
    )
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_combine_keeps_the_other_paragraphs_of_both_whichever_is_chosen(
    two_editors, story, choice
):
    a, b = two_editors
    url = admin_url(Article, "change", story.pk)
    form_a, form_b = opened(a, story), opened(b, story)
    assert a.post(url, {**form_a, "body": A_BODY}).status_code == 302
    refused = b.post(url, as_sent({**form_b, "body": B_BODY, "dek": "Ringkasan B"}))
    assert refused.status_code == 200
    html = refused.content.decode()
    # The choice shows the paragraph both rewrote, not the ones that combine.
    assert B_REWRITES in html and A_REWRITES in html
    choice_box = html[html.index('name="combine-field-body"') :]
    choice_box = choice_box[: choice_box.index("</fieldset>")]
    assert A_ADDS not in choice_box and B_ADDS not in choice_box
    assert "every other change of both is kept" in choice_box
    # The list of what combining keeps names the body too.
    assert (
        "both sets of changes to Body, paragraph by paragraph, but for the "
        "paragraphs both changed: choose below"
    ) in html

    again = as_sent(admin_form_data(refused))
    response = b.post(
        url, {**again, "merge_version": "2", "combine-field-body": choice}
    )

    assert response.status_code == 302
    article = saved(story)
    assert A_ADDS in article.body and B_ADDS in article.body
    kept, lost = (B_REWRITES, A_REWRITES)
    if choice == "theirs":
        kept, lost = lost, kept
    assert kept in article.body and lost not in article.body
    assert article.dek == "Ringkasan B"
    assert article.version == 3


def test_a_meetings_text_both_changed_combines_in_the_same_way(
    editor_client, client, staff_in, jwg4
):
    """The registry's forms (newsroom.history.combine): a meeting's summary."""
    field = "summary"
    base = "\n\n".join(PARAGRAPHS)
    save_in_admin(editor_client, jwg4, **{field: base})
    url = admin_url(Meeting, "change", jwg4.pk)
    other = client.__class__()
    other.force_login(staff_in("Editor", "editor-b"))
    form_a = admin_form_data(editor_client.get(url))
    form_b = admin_form_data(other.get(url))
    assert editor_client.post(url, {**form_a, field: A_BODY}).status_code == 302

    refused = other.post(url, {**form_b, field: B_BODY})
    assert refused.status_code == 200
    again = admin_form_data(refused)
    page = lxml_html.fromstring(refused.content.decode())
    names = set(page.xpath("//input/@name"))
    (choice,) = {name for name in names if name.startswith("combine-")}
    html = refused.content.decode()
    assert "every other change of both is kept" in html
    # The choice shows the paragraph both rewrote, not the whole summary (a
    # tester's showed all eight paragraphs run together).
    choice_box = html[html.index(f'name="{choice}"') :]
    choice_box = choice_box[: choice_box.index("</fieldset>")]
    assert B_REWRITES in choice_box and A_REWRITES in choice_box
    assert PARAGRAPHS[0] not in choice_box and A_ADDS not in choice_box
    (button,) = page.xpath('.//button[@name="combine_revision"]')
    pressed = {choice: "theirs", "combine_revision": button.get("value")}
    response = other.post(url, {**again, **pressed})

    assert response.status_code == 302, response.content.decode()[:3000]
    text = getattr(Meeting.objects.get(pk=jwg4.pk), field)
    assert A_ADDS in text and B_ADDS in text
    assert A_REWRITES in text and B_REWRITES not in text
