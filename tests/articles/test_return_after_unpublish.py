"""A story the desk took off the site to be put right goes back to its
reporter: the editor returns it with a note, the reporter finds it under
"Returned to you" and by e-mail, changes it, submits it again, and the
editor publishes it at its first publication time. Unpublished, it had
been no one's but the editors': it left every list of its reporter's and
its page was read-only, without a step to take."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
NOTE = "Ditarik sementara: konfirmasi nama pejabat Filipina."


@pytest.fixture
def pulled(reporter, desk_editor, section, time_machine):
    """A reporter's story, published on 24 March 2022 at 10:00 and taken
    off the site an hour later."""
    reporter.email = "andi@example.org"
    reporter.save()
    first = dt.datetime(2022, 3, 24, 10, 0, tzinfo=dt.UTC)
    time_machine.move_to(first, tick=False)
    story = ArticleFactory(
        draft=True, title="Rapat BNPT dan NICA", section=section, created_by=reporter
    )
    services.article_submit(article=story, user=reporter)
    services.article_publish(article=fresh(story), user=desk_editor)
    time_machine.move_to(first + dt.timedelta(hours=1), tick=False)
    services.article_unpublish(article=fresh(story), user=desk_editor, note=NOTE)
    return fresh(story)


def test_an_unpublished_story_goes_back_to_its_reporter_and_out_again(
    client,
    reporter,
    desk_editor,
    pulled,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    url = admin_url(Article, "change", pulled.pk)
    first_published = pulled.published_at

    # The editor's page offers the step, and it asks for the note.
    page = login(client, desk_editor).get(url).content.decode()
    assert "Save and return to reporter" in page
    refused = client.post(url, form_data(pulled, _transition="return"))
    assert fresh(pulled).status == Status.UNPUBLISHED
    assert "needs a note saying what the reporter should change" in (
        refused.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(pulled, workflow_note=NOTE, _transition="return"))
    assert fresh(pulled).status == Status.DRAFT
    assert [(m.subject, m.to) for m in mailoutbox] == [
        ("[Newsroom] Returned to you: Rapat BNPT dan NICA", ["andi@example.org"])
    ]
    assert NOTE in mailoutbox[0].body

    # The reporter finds it returned, the note at the top, and may change it.
    login(client, reporter)
    start = client.get(reverse("admin:index")).content.decode()
    returned_panel = start[start.index("Returned to you") :]
    assert "Rapat BNPT dan NICA" in returned_panel.split("Your drafts")[0]
    page = client.get(url).content.decode()
    assert 'id="return-note"' in page and NOTE in page
    assert "Save and submit for review" in page
    story = fresh(pulled)
    client.post(
        url,
        form_data(story, title="Rapat BNPT dan NICA di Jakarta", _transition="submit"),
    )
    story = fresh(pulled)
    assert (story.status, story.title) == (
        Status.IN_REVIEW,
        "Rapat BNPT dan NICA di Jakarta",
    )

    # Published again, it keeps the time readers first saw it at.
    services.article_publish(article=story, user=desk_editor)
    story = fresh(pulled)
    assert story.is_public
    assert story.published_at == first_published
    assert timezone.now() > first_published


def test_a_story_never_published_is_published_at_the_time_of_its_step(
    reporter, desk_editor, section
):
    story = ArticleFactory(draft=True, section=section, created_by=reporter)
    services.article_submit(article=story, user=reporter)
    services.article_return(article=fresh(story), user=desk_editor, note=NOTE)
    services.article_submit(article=fresh(story), user=reporter)
    before = timezone.now()
    services.article_publish(article=fresh(story), user=desk_editor)
    assert fresh(story).published_at >= before


@pytest.mark.parametrize("state", ["published", "unpublished"])
def test_the_reporters_page_of_a_story_past_review_says_who_may_change_it(
    client, reporter, desk_editor, pulled, state
):
    if state == "published":
        services.article_publish(article=pulled, user=desk_editor)
    page = login(client, reporter).get(admin_url(Article, "change", pulled.pk))
    note = page.content.decode().split('id="read-only-note">')[1].split("</p>")[0]
    label = "Published" if state == "published" else "Unpublished"
    assert note == (
        f"This article is <strong>{label}</strong>: only editors can change it "
        "now. To have something changed or corrected, ask the desk; an editor "
        "can return it to you."
    )
    # An editor's own page of it says nothing of the kind.
    editors = login(client, desk_editor).get(admin_url(Article, "change", pulled.pk))
    assert 'id="read-only-note"' not in editors.content.decode()
