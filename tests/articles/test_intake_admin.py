"""The "Import wire copy" admin page (the wire copy imports' add page) and
the list of imports: reporters and editors only, one result row per file."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.admin.intake import suggestions_url
from articles.intake.services import article_import
from articles.models import Article, IntakeRecord
from articles.services import article_publish, article_save
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"
UPLOAD = reverse("admin:articles_intakerecord_add")
IMPORTS = reverse("admin:articles_intakerecord_changelist")


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    if data is None:
        data = (SAMPLES / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="text/plain")


@pytest.fixture
def desk(agencies, officials, jwg4, section):
    """The registry and a section to file drafts in."""
    return section


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_reporter_uploads_several_files_and_gets_a_row_for_each(
    client, reporter, desk, english
):
    client.force_login(reporter)

    response = client.post(
        UPLOAD,
        {
            "files": [
                upload("jwg-hybrid-meeting.txt"),
                # Neither UTF-8 nor Windows-1252 (0x81 is no character in it).
                upload("latin.txt", b"Berita dari Bogot\x81"),
                upload("again.txt", (SAMPLES / "jwg-hybrid-meeting.txt").read_bytes()),
                # The same copy saved by Notepad as "Unicode" (UTF-16).
                upload(
                    "notepad.txt",
                    (SAMPLES / "jwg-hybrid-meeting.txt")
                    .read_text(encoding="utf-8")
                    .encode("utf-16"),
                ),
            ]
        },
    )

    assert response.status_code == 200
    draft = Article.objects.get()
    assert draft.created_by == reporter and draft.status == Article.Status.DRAFT
    rows = response.context["rows"]
    assert [(row["file"], row["status"]) for row in rows] == [
        ("jwg-hybrid-meeting.txt", "created"),
        ("latin.txt", "refused"),
        ("again.txt", "duplicate"),
        ("notepad.txt", "duplicate"),
    ]
    html = response.content.decode()
    assert f'href="{change_url(draft)}"' in html
    assert f'href="{suggestions_url(draft)}"' in html
    assert "latin.txt: the text is neither UTF-8 nor Windows-1252 (byte 18)" in html
    assert "Imported before as" in html
    assert "No title: proposed one from the first sentence; write a headline." in html
    # The duplicates link to the draft the first file made.
    assert rows[2]["article_url"] == rows[3]["article_url"] == change_url(draft)


def test_the_upload_page_is_a_multipart_form_with_a_csrf_token(
    client, desk_editor, desk, english
):
    client.force_login(desk_editor)

    response = client.get(UPLOAD)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'type="file" name="files"' in html and "multiple" in html
    assert (
        'accept=".txt,.md,.docx,text/plain,text/markdown,application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document"'
    ) in html
    assert "<title>Import wire copy" in html


def test_an_upload_without_the_csrf_token_is_refused(reporter, desk):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reporter)

    response = browser.post(UPLOAD, {"files": [upload("no-source-line.txt")]})

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_posting_no_file_asks_for_one(client, reporter, desk, english):
    client.force_login(reporter)

    response = client.post(UPLOAD, {})

    assert response.status_code == 200
    assert "Please choose one or more files to import." in response.content.decode()
    assert response.context["rows"] == []


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_reporters_and_editors_find_the_import_in_the_articles_admin(
    client, staff_in, role, desk, english
):
    client.force_login(staff_in(role))

    index = client.get(reverse("admin:app_list", args=["articles"]))
    imports = client.get(IMPORTS)

    assert f'href="{IMPORTS}"' in index.content.decode()
    assert f'href="{UPLOAD}"' in imports.content.decode()
    assert "Import wire copy" in imports.content.decode()


def test_a_moderator_may_neither_open_nor_post_the_upload_page(client, moderator, desk):
    client.force_login(moderator)

    assert client.get(UPLOAD).status_code == 403
    response = client.post(UPLOAD, {"files": [upload("no-source-line.txt")]})
    assert response.status_code == 403
    assert client.get(IMPORTS).status_code == 403
    assert not Article.objects.exists()


def test_reporters_list_their_own_imports_and_editors_everyones(
    client, reporter, desk_editor, desk
):
    mine = article_import(
        name="mine.txt", data=upload("no-source-line.txt").read(), user=reporter
    )
    theirs = article_import(
        name="theirs.txt", data=upload("wrong-weekday.txt").read(), user=desk_editor
    )

    client.force_login(reporter)
    reporter_list = client.get(IMPORTS).context["cl"].result_list
    client.force_login(desk_editor)
    editor_list = client.get(IMPORTS).context["cl"].result_list

    assert [record.article for record in reporter_list] == [mine.article]
    assert {record.article for record in editor_list} == {mine.article, theirs.article}


def test_the_list_shows_which_drafts_still_need_a_headline(
    client, desk_editor, desk, english
):
    proposed = article_import(
        name="a.txt", data=upload("no-source-line.txt").read(), user=desk_editor
    )
    titled = article_import(
        name="b.md", data=upload("front-matter.md").read(), user=desk_editor
    )
    client.force_login(desk_editor)

    needing = client.get(IMPORTS, {"headline_written": "no"})
    written = client.get(IMPORTS, {"headline_written": "yes"})

    assert [r.article for r in needing.context["cl"].result_list] == [proposed.article]
    assert [r.article for r in written.context["cl"].result_list] == [titled.article]
    html = client.get(IMPORTS).content.decode()
    # A tick is good news: the headline is written. The column had been
    # "Needs a headline", its green tick on the drafts still needing one.
    assert "Headline written" in html and "Needs a headline" not in html
    rows = html[html.index('id="result_list"') :].split("<tr")[2:]
    [needs] = [row for row in rows if proposed.article.title[:40] in row]
    [done] = [row for row in rows if titled.article.title in row]
    assert 'alt="False"' in needs and 'alt="True"' not in needs
    assert 'alt="True"' in done and 'alt="False"' not in done


def test_an_import_shows_what_was_read_and_recognised(
    client, desk_editor, desk, english
):
    result = article_import(
        name="jwg.txt",
        data=upload("jwg-hybrid-meeting.txt").read(),
        user=desk_editor,
    )
    record = IntakeRecord.objects.get()
    client.force_login(desk_editor)

    response = client.get(
        reverse("admin:articles_intakerecord_change", args=[record.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{change_url(result.article)}"' in html
    assert "BNPT (Badan Nasional Penanggulangan Terorisme, ID): linked" in html
    assert "Boy Rafli Amar, Kepala BNPT" in html
    assert "4th Philippines-Indonesia JWG on Combating International Terrorism" in html
    assert "No title: proposed one from the first sentence" in html
    # Records are written by the service only.
    assert 'name="_save"' not in html


def test_a_file_pasted_into_a_story_before_is_shown_as_that_story(
    client, reporter, desk, english
):
    from articles.intake.parser import parse_copy

    text = (SAMPLES / "jwg-hybrid-meeting.txt").read_text()
    body = parse_copy(text, today=dt.date(2022, 12, 31)).body
    story = ArticleFactory(title="Ditempel lebih dulu", body=body)
    client.force_login(reporter)

    response = client.post(UPLOAD, {"files": [upload("jwg-hybrid-meeting.txt")]})

    [row] = response.context["rows"]
    assert (row["status"], row["article_url"]) == ("duplicate", change_url(story))
    html = response.content.decode()
    assert "The same text is already in" in html
    assert "Imported before as" not in html
    assert Article.objects.count() == 1


def test_an_upload_of_two_stories_in_one_file_is_refused_saying_to_split_it(
    client, reporter, desk, english
):
    one = (SAMPLES / "jwg-hybrid-meeting.txt").read_text().rstrip("\n")
    client.force_login(reporter)

    response = client.post(
        UPLOAD,
        {
            "files": [
                upload("two.txt", (one * 2).encode()),
                upload(
                    "two.md",
                    b"---\ntitle: One\n---\nFirst story BNPT.\n\n"
                    b"---\ntitle: Two\n---\nSecond story NICA.",
                ),
                upload("jwg-hybrid-meeting.txt"),
            ]
        },
    )

    rows = response.context["rows"]
    assert [(row["file"], row["status"]) for row in rows] == [
        ("two.txt", "refused"),
        ("two.md", "refused"),
        ("jwg-hybrid-meeting.txt", "created"),
    ]
    html = response.content.decode()
    assert "two.txt: it seems to hold 2 stories: another begins at line 10," in html
    assert "two.md: it seems to hold 2 stories: another begins at line 6 with" in html
    assert "Split it, one story a file, and import each." in html
    assert Article.objects.get().intake_records.get().file_name == (
        "jwg-hybrid-meeting.txt"
    )


# The date the copy was written on (the command's --date)


def test_a_date_given_on_the_upload_is_the_day_weekday_dates_are_read_against(
    client, reporter, desk, english
):
    client.force_login(reporter)

    response = client.post(
        UPLOAD,
        {"files": [upload("jwg-hybrid-meeting.txt")], "written_on": "2022-03-25"},
    )

    [row] = response.context["rows"]
    assert row["status"] == "created"
    assert IntakeRecord.objects.get().report["published_date"] == "2022-03-24"
    assert not [w for w in row["warnings"] if "(24/3)" in w]
    # The next files are likely of the same day: the date stays in the form.
    assert 'name="written_on" value="2022-03-25"' in response.content.decode()


def test_without_a_date_an_old_weekday_date_is_the_latest_that_agrees_to_check(
    client, reporter, desk, english, clock
):
    # The tester's import, in 2026, of BNPT's release of March 2022: the
    # report said "24 March 2026 is a Tuesday; no date taken".
    clock.now = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    client.force_login(reporter)

    response = client.post(UPLOAD, {"files": [upload("bnpt-jwg-wire-copy.txt")]})

    assert (
        "Kamis (24/3): taken as Thursday 24 March 2022, the latest year it was a "
        "Thursday — check it."
    ) in response.content.decode()
    assert IntakeRecord.objects.get().report["published_date"] == "2022-03-24"


def test_a_date_that_is_no_date_is_refused_at_its_field(
    client, reporter, desk, english
):
    client.force_login(reporter)

    response = client.post(
        UPLOAD,
        {"files": [upload("jwg-hybrid-meeting.txt")], "written_on": "0024-03-25"},
    )

    html = response.content.decode()
    assert "Please correct the error below." in html
    assert "Enter a date from the year 1900 to 2100." in html
    assert not Article.objects.exists()


def test_the_upload_page_offers_the_date_as_an_optional_date_field(
    client, reporter, desk, english
):
    client.force_login(reporter)

    html = client.get(UPLOAD).content.decode()

    assert '<input type="date" name="written_on"' in html
    assert 'aria-describedby="id_written_on_helptext"' in html
    assert "Written on" in html


# The import's own page


def test_an_imports_page_views_the_published_story_on_the_site_and_no_dead_link(
    client, desk_editor, desk, english
):
    result = article_import(
        name="jwg.txt",
        data=upload("jwg-hybrid-meeting.txt").read(),
        user=desk_editor,
        today=dt.date(2022, 12, 31),
    )
    record = IntakeRecord.objects.get()
    client.force_login(desk_editor)
    page = reverse("admin:articles_intakerecord_change", args=[record.pk])

    # A draft has no public page: no "View on site" (it had been a link to
    # /admin/r/…/ that came back to this very page).
    assert "viewsitelink" not in client.get(page).content.decode()

    article = result.article
    article.title = "BNPT dan Filipina gelar JWG ke-4"
    article_save(article=article, user=desk_editor, expected_version=article.version)
    article = article_publish(
        article=Article.objects.get(pk=article.pk), user=desk_editor
    )

    html = client.get(page).content.decode()
    assert f'href="{article.get_absolute_url()}" class="viewsitelink"' in html
