"""A corrected re-send already imported as a draft, pasted again: the paste
names the draft holding this very copy and, further along, the published
story made from the first copy, the one the desk must update; the import of
the re-send says the same. Who made each story is said in words a reporter
understands ("imported from wire copy on 25 Mar 2022 by redaksi"), never a
bare dash, on both desks."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy

from articles.intake.parser import parse_copy
from articles.models import Article, IntakeRecord
from articles.services import article_save
from tests.articles.intake.test_similar_copy import (
    CLEAN_COPY,
    IMPORT_DAY,
    RELEASE,
    RESENT,
    UPLOAD,
    _upload,
    import_text,
    published_import,
)
from tests.articles.test_paste_cleanup import ADD, add_form

pytestmark = pytest.mark.django_db

IMPORTED_BY = gettext_lazy("imported from wire copy on %(date)s by %(user)s")


@pytest.fixture
def desk(agencies, officials, jwg4, section):
    """The registry and a section to file drafts in (the language: each test's)."""
    return section


@pytest.fixture
def resent_draft(editor, desk):
    """The first copy imported and published; the re-send imported since as
    a draft (its import said which story it resembles)."""
    story = published_import(editor)
    result = import_text("bnpt-ralat.txt", RESENT, editor)
    assert (result.status, [f.article for f in result.similar]) == (
        "created",
        [story],
    )
    return story, result.article


def imported_on(draft: Article, desk: str, user: str = "redaksi") -> str:
    """Who made `draft`, as the `desk`'s language says it."""
    record = IntakeRecord.objects.get(article=draft)
    with translation.override(desk):
        day = date_format(localtime(record.created_at), "SHORT_DATE_FORMAT")
        return str(IMPORTED_BY) % {"date": day, "user": user}


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_pasted_resend_held_by_its_draft_names_the_published_story_to_update(
    client: Client, editor, resent_draft, english
):
    story, draft = resent_draft
    client.force_login(editor)

    answer = client.post(CLEAN_COPY, {"text": RESENT}).json()

    held, to_update = answer["earlier"], answer["to_update"]
    assert held["url"] == change_url(draft)
    assert held["text"].startswith(
        f"This copy is already in “{draft.title}” (Draft, "
        f"{imported_on(draft, 'en')}, last saved "
    )
    assert to_update["url"] == change_url(story)
    assert to_update["text"].startswith(
        f"Nearly the same copy is in “{story.title}” (Published, "
        f"{imported_on(story, 'en')}, last saved "
    )
    assert to_update["text"].endswith(
        "a story further along: if this is a corrected re-send, update that "
        "story rather than writing a new one or publishing the one above."
    )
    assert Article.objects.count() == 2  # a paste saves nothing


def test_without_javascript_the_form_names_both_with_their_links(
    client: Client, editor, resent_draft, english
):
    story, draft = resent_draft
    client.force_login(editor)

    response = client.post(ADD, add_form(draft.section, body=RESENT, _cleanup="1"))

    page = response.content.decode()
    assert f"This copy is already in “{draft.title}” (Draft" in page
    assert f"Nearly the same copy is in “{story.title}” (Published" in page
    for article in (draft, story):
        assert (
            f'<a href="{change_url(article)}" target="_blank" rel="noopener">'
            "Open it</a>"
        ) in page
    assert Article.objects.count() == 2


@pytest.mark.parametrize("desk_language", ["en", "id"])
def test_an_imported_draft_without_author_is_said_to_be_imported_not_by_a_dash(
    client: Client, editor, resent_draft, settings, desk_language
):
    """An editor's import of copy naming no reporter has no author: the
    notice says which import made it, in the desk's language."""
    story, draft = resent_draft
    assert draft.created_by is None and story.created_by is None
    settings.LANGUAGE_CODE = desk_language
    client.force_login(editor)

    answer = client.post(CLEAN_COPY, {"text": RESENT}).json()

    for notice, article in ((answer["earlier"], draft), (answer["to_update"], story)):
        assert f", {imported_on(article, desk_language)}, " in notice["text"]
        assert "–" not in notice["text"]


def test_a_reporters_own_import_names_them_and_a_written_story_its_author(
    client: Client, reporter, staff_in, desk, english
):
    """A reporter's import is theirs ("imported … by reporter"); a story a
    reporter wrote from pasted copy is "by" them."""
    imported = import_text("bnpt.txt", RELEASE, reporter).article
    assert imported.created_by == reporter
    dewi = staff_in("Reporter", "dewi")
    written = Article(
        title="Tulisan Dewi",
        slug="tulisan-dewi",
        body=parse_copy(RESENT, today=IMPORT_DAY).body,
        section=desk,
    )
    article_save(article=written, user=dewi)
    client.force_login(reporter)

    first = client.post(CLEAN_COPY, {"text": RELEASE}).json()["earlier"]
    second = client.post(CLEAN_COPY, {"text": RESENT}).json()["earlier"]

    assert (
        f"(Draft, {imported_on(imported, 'en', 'reporter')}, last saved"
        in (first["text"])
    )
    assert "(Draft, by dewi, last saved" in second["text"]


def test_importing_the_resend_again_names_the_published_story_to_update(
    client: Client, editor, resent_draft, english
):
    """The same file again, and the re-send pasted by a reporter into a
    story then imported: each a duplicate of the story holding it, and the
    upload page names the published story further along to update."""
    story, draft = resent_draft

    again = import_text("bnpt-ralat-lagi.txt", RESENT, editor)
    client.force_login(editor)
    response = client.post(
        UPLOAD,
        {"files": [_upload("bnpt-ralat.txt", RESENT)], "written_on": "2022-03-25"},
    )

    assert (again.status, again.article) == ("duplicate", draft)
    assert [found.article for found in again.similar] == [story]
    page = response.content.decode()
    assert f'Imported before as <a href="{change_url(draft)}">' in page
    assert (
        f'Nearly the same copy is in <a href="{change_url(story)}">{story.title}</a>'
        " (Published). It is further along: if this is a corrected re-send, "
        "update that story."
    ) in page


def test_a_resend_a_story_holds_by_its_body_is_a_duplicate_naming_the_story_ahead(
    editor, reporter, desk, english, tmp_path, capsys
):
    story = published_import(editor)
    pasted = Article(
        title="Salinan ralat",
        slug="salinan-ralat",
        body=parse_copy(RESENT, today=IMPORT_DAY).body,
        section=desk,
    )
    article_save(article=pasted, user=reporter)
    (tmp_path / "ralat.txt").write_text(RESENT)

    result = import_text("ralat.txt", RESENT, editor)
    call_command(
        "import_articles",
        str(tmp_path / "ralat.txt"),
        "--user",
        "redaksi",
        "--date",
        IMPORT_DAY.isoformat(),
    )

    assert (result.status, result.by_body) == ("duplicate", True)
    assert result.article == pasted
    assert [found.article for found in result.similar] == [story]
    out = capsys.readouterr().out
    # The words of the JSON's warning (q2: they had differed).
    [warning] = result.warnings_said()
    assert f"  ! {warning['message']}\n" in out
    assert f"is in “{story.title}” (Published, story {story.pk})" in out


def test_a_resend_held_by_a_published_story_names_no_other(
    client: Client, editor, resent_draft, english
):
    """The story holding the copy is as far along as any: it is the one."""
    story, draft = resent_draft
    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, published_at=story.published_at
    )
    client.force_login(editor)

    answer = client.post(CLEAN_COPY, {"text": RESENT}).json()

    assert answer["earlier"]["url"] == change_url(draft)
    assert answer["earlier"]["text"].endswith("check it before writing a second story.")
    assert answer["to_update"] is None
