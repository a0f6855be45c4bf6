"""The editors' review queue waits from a story's latest submission, and the
editors hear of a submission withdrawn and submitted again once each, in
words that say so (articles/services/workflow.py, articles/notifications.py)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from articles import services
from articles.models import Article, NotificationSetting
from articles.notifications import notification_settings_save
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Kind = NotificationSetting.Kind


def review_panel(client):
    html = client.get("/admin/").content.decode()
    start = html.index('id="desk-review"')
    return html[start : html.index("</section>", start)]


def edit(article, user, **changes):
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    return services.article_save(
        article=article, user=user, expected_version=article.version
    )


def subjects():
    return [message.subject for message in mail.outbox]


# The queue's order and wait


def test_an_edit_after_submitting_keeps_the_storys_place_and_wait_in_the_queue(
    client, people, clock
):
    reporter, editor = people["wartawan"], people["redaktur"]
    early = ArticleFactory(draft=True, title="Masuk pagi", created_by=reporter)
    services.article_submit(article=early, user=reporter)
    clock.advance(hours=3)
    late = ArticleFactory(draft=True, title="Masuk siang", created_by=reporter)
    services.article_submit(article=late, user=reporter)
    clock.advance(minutes=5)
    # The desk fixes a typo in the early story while it waits.
    edit(early, editor, dek="Ringkasan yang diperbaiki.")

    assert list(Article.objects.review_queue()) == [early, late]
    client.force_login(editor)
    queue = review_panel(client)
    assert queue.index("Masuk pagi") < queue.index("Masuk siang")
    first = queue[queue.index("Masuk pagi") : queue.index("Masuk siang")]
    assert "waiting 3\xa0hours, 5\xa0minutes" in first
    # The queue's own page, the editor's next click: the same order.
    page = client.get(reverse("admin:articles_articleinreview_changelist"))
    titles = re.findall(r"Masuk (?:pagi|siang)", page.content.decode())
    assert titles[:2] == ["Masuk pagi", "Masuk siang"]


def test_a_resubmitted_story_waits_from_its_latest_submission(client, people, clock):
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Ditarik dulu", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    clock.advance(hours=2)
    other = ArticleFactory(draft=True, title="Menunggu", created_by=reporter)
    services.article_submit(article=other, user=reporter)
    services.article_withdraw(article=story, user=reporter)
    clock.advance(minutes=10)
    services.article_submit(article=story, user=reporter)

    assert list(Article.objects.review_queue()) == [other, story]
    client.force_login(people["redaktur"])
    queue = review_panel(client)
    assert "waiting less than a minute" in queue[queue.index("Ditarik dulu") :]


# Withdrawn, resubmitted: what the editors are told


def test_a_withdrawn_story_tells_the_editors_who_were_told_of_it(
    people, django_capture_on_commit_callbacks
):
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=reporter)
    # One editor turned "submitted for review" off: not told of it, nor of
    # its withdrawal.
    notification_settings_save(
        user=people["redaktur2"], enabled={Kind.SUBMITTED: False}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=story, user=reporter, note="Salah tanggal.")
    assert [m.to for m in mail.outbox] == [["redaktur@newsroom.example"]]
    message = mail.outbox[0]
    assert message.subject == "[Newsroom] Withdrawn by wartawan: Rapat JWG"
    assert "withdrew “Rapat JWG” from review" in message.body
    assert "Salah tanggal." in message.body
    change = reverse("admin:articles_article_change", args=[story.pk])
    assert change in message.body and change in message.alternatives[0][0]


def test_the_withdrawn_mail_is_written_in_indonesian(
    people, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "id"
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=story, user=reporter)
    assert mail.outbox[0].subject == "[Newsroom] Ditarik oleh wartawan: Rapat JWG"


def test_submit_withdraw_and_submit_again_is_one_for_review_then_resubmitted(
    people, clock, django_capture_on_commit_callbacks
):
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=reporter)
    clock.advance(minutes=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=story, user=reporter)
    clock.advance(minutes=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=reporter)

    # Each editor: told it is there, that it is not, that it is back; never
    # a second "For review" that reads like another story.
    per_editor = [
        m.subject for m in mail.outbox if m.to == ["redaktur@newsroom.example"]
    ]
    assert per_editor == [
        "[Newsroom] For review: Rapat JWG",
        "[Newsroom] Withdrawn by wartawan: Rapat JWG",
        "[Newsroom] Resubmitted: Rapat JWG",
    ]
    assert len(mail.outbox) == 6  # two editors
    assert "submitted “Rapat JWG” again after withdrawing it" in mail.outbox[-1].body


def test_a_resubmission_long_after_the_withdrawal_is_for_review_again(
    people, clock, django_capture_on_commit_callbacks
):
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    services.article_withdraw(article=story, user=reporter)
    clock.advance(minutes=31)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=reporter)
    assert set(subjects()) == {"[Newsroom] For review: Rapat JWG"}


def test_a_resubmission_after_an_editors_return_is_for_review_again(
    people, django_capture_on_commit_callbacks
):
    reporter = people["wartawan"]
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    services.article_return(article=story, user=people["redaktur"], note="Cek.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=reporter)
    assert set(subjects()) == {"[Newsroom] For review: Rapat JWG"}
    assert len(mail.outbox) == 2


def test_the_mails_of_a_submission_have_no_choice_of_their_own(people):
    from articles.notifications import notification_settings_for

    assert list(notification_settings_for(people["redaktur"])) == [
        Kind.SUBMITTED,
        Kind.RETURNED,
        Kind.PUBLISHED,
    ]
