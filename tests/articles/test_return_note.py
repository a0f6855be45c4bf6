"""A story an editor returned shows their note at the top of its form (who,
when, what), until its reporter submits it again: it had been only in the
Workflow history at the bottom of a long page."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url, save_in_admin

pytestmark = pytest.mark.django_db

NOTE = "Tambahkan tanggapan PPATK.\nDan <script>alert(1)</script> & sumbernya."


@pytest.fixture
def returned(reporter, desk_editor, section, time_machine):
    """A story its reporter submitted and Dewi Lestari returned with a note,
    on 25 December 2026 at 15:45 in Jakarta."""
    time_machine.move_to(
        dt.datetime(2026, 12, 25, 15, 45, tzinfo=timezone.get_current_timezone()),
        tick=False,
    )
    desk_editor.first_name, desk_editor.last_name = "Dewi", "Lestari"
    desk_editor.save()
    story = ArticleFactory(
        draft=True, title="Rapat BNPT", section=section, created_by=reporter
    )
    services.article_submit(article=story, user=reporter)
    services.article_return(article=story, user=desk_editor, note=NOTE)
    return Article.objects.get(pk=story.pk)


def form_page(client, user, story, language="en") -> str:
    client.force_login(user)
    response = client.get(
        admin_url(Article, "change", story.pk), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def banner(page: str) -> str:
    start = page.index('id="return-note"')
    return page[start : page.index("</section>", start)]


@pytest.mark.usefixtures("english")
def test_the_reporter_finds_the_editors_note_at_the_top_of_the_returned_story(
    client, reporter, returned
):
    page = form_page(client, reporter, returned)

    note = banner(page)
    assert "Returned by Dewi Lestari on 25 Dec 2026, 15:45" in note
    assert "Tambahkan tanggapan PPATK.<br>Dan" in note
    # At the top: before the form's first buttons and its first field.
    assert page.index('id="return-note"') < page.index('name="_save"')
    assert page.index('id="return-note"') < page.index('name="title"')


def test_the_note_is_escaped(client, reporter, returned):
    note = banner(form_page(client, reporter, returned))

    assert "<script>" not in note
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; sumbernya." in note


def test_the_note_is_dated_in_indonesian_on_the_indonesian_desk(
    client, reporter, returned
):
    note = banner(form_page(client, reporter, returned, language="id"))

    assert "Dewi Lestari" in note and "25 Des 2026 15.45" in note
    assert "Tambahkan tanggapan PPATK." in note


@pytest.mark.usefixtures("english")
def test_the_note_stays_while_the_reporter_works_on_the_story(
    client, reporter, returned
):
    client.force_login(reporter)
    save_in_admin(client, returned, title="Rapat BNPT dan PPATK")

    assert "Returned by Dewi Lestari" in banner(form_page(client, reporter, returned))


@pytest.mark.usefixtures("english")
def test_the_note_goes_once_the_story_is_submitted_again(
    client, reporter, desk_editor, returned
):
    services.article_submit(article=returned, user=reporter)

    assert 'id="return-note"' not in form_page(client, reporter, returned)
    assert 'id="return-note"' not in form_page(client, desk_editor, returned)
    # Taken back to draft by its reporter: a draft, not returned.
    services.article_withdraw(article=returned, user=reporter)
    assert 'id="return-note"' not in form_page(client, reporter, returned)


@pytest.mark.usefixtures("english")
def test_returned_twice_the_form_shows_the_latest_note(
    client, reporter, desk_editor, returned, time_machine
):
    services.article_submit(article=returned, user=reporter)
    time_machine.shift(dt.timedelta(hours=1))
    services.article_return(
        article=returned, user=desk_editor, note="Judulnya terlalu panjang."
    )

    note = banner(form_page(client, reporter, returned))
    assert "Judulnya terlalu panjang." in note and "PPATK" not in note
    assert "on 25 Dec 2026, 16:45" in note


@pytest.mark.usefixtures("english")
def test_the_editor_sees_the_note_they_left_too(client, desk_editor, returned):
    assert "Returned by Dewi Lestari" in banner(
        form_page(client, desk_editor, returned)
    )


@pytest.mark.usefixtures("english")
def test_a_draft_never_returned_has_no_note(client, reporter, section):
    story = ArticleFactory(draft=True, section=section, created_by=reporter)

    assert 'id="return-note"' not in form_page(client, reporter, story)


def test_the_latest_return_step_is_a_named_query(reporter, desk_editor, returned):
    step = Article.objects.return_step(returned)

    assert (step.by, step.note) == (desk_editor, NOTE)
    services.article_submit(article=returned, user=reporter)
    assert Article.objects.return_step(returned) is None
