"""The desk's e-mail notifications: who is told of a step, after it commits,
in which words, and each person's choice to be told or not."""

import datetime as dt
import logging

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Comment, NotificationSetting
from articles.notifications import (
    notification_settings_for,
    notification_settings_save,
    recipients,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.notification_page import save
from tests.articles.test_admin_workflow import form_data

Kind = NotificationSetting.Kind
Status = Article.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(people):
    return ArticleFactory(
        draft=True, title="Rapat JWG keempat", created_by=people["wartawan"]
    )


def outbox_to():
    return sorted(address for message in mail.outbox for address in message.to)


def submit(article, user, capture, note=""):
    with capture(execute=True):
        return services.article_submit(article=article, user=user, note=note)


def test_a_submitted_story_goes_to_every_editor_and_no_one_else(
    draft, people, django_capture_on_commit_callbacks
):
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    assert outbox_to() == [
        "redaktur2@newsroom.example",
        "redaktur@newsroom.example",
    ]
    message = mail.outbox[0]
    assert "Rapat JWG keempat" in message.subject
    assert "wartawan" in message.body
    change = reverse("admin:articles_article_change", args=[draft.pk])
    assert f"http://localhost:8000{change}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"http://localhost:8000{change}" in html


def test_mail_is_written_in_indonesian_and_links_to_the_configured_site(
    draft, people, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_SITE_URL = "https://redaksi.example.id"
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject.startswith("[Newsroom] Untuk ditinjau: Rapat JWG")
    assert "mengirim “Rapat JWG keempat” untuk ditinjau" in message.body
    assert "https://redaksi.example.id/admin/articles/article/" in message.body


def test_nothing_is_sent_before_the_transaction_commits(
    draft, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_submit(article=draft, user=people["wartawan"])
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_a_step_rolled_back_sends_nothing(
    draft, people, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.article_submit(article=draft, user=people["wartawan"])
            raise RuntimeError("the request fails after the step")
    assert callbacks == [] and mail.outbox == []


def test_a_returned_story_goes_to_its_author_with_the_editors_note(
    draft, people, django_capture_on_commit_callbacks
):
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(
            article=draft,
            user=people["redaktur"],
            note="Tambahkan tanggapan BNPT di paragraf kedua.",
        )
    assert outbox_to() == ["wartawan@newsroom.example"]
    message = mail.outbox[0]
    assert "Rapat JWG keempat" in message.subject
    assert "Tambahkan tanggapan BNPT di paragraf kedua." in message.body
    assert "redaktur" in message.body
    assert "Tambahkan tanggapan BNPT" in message.alternatives[0][0]


def test_a_published_story_goes_to_its_author_not_to_the_editor_who_published(
    draft, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=people["redaktur"])
    assert outbox_to() == ["wartawan@newsroom.example"]
    draft.refresh_from_db()
    assert f"http://localhost:8000{draft.get_absolute_url()}" in mail.outbox[0].body


def test_a_scheduled_story_tells_its_author_when_it_goes_live(
    draft, people, django_capture_on_commit_callbacks, english
):
    at = timezone.now() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=people["redaktur"], at=at)
    assert "scheduled your story" in mail.outbox[0].body


def test_an_editor_publishing_their_own_story_is_not_told(
    people, django_capture_on_commit_callbacks
):
    own = ArticleFactory(draft=True, created_by=people["redaktur"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=own, user=people["redaktur"])
    assert mail.outbox == []


def test_an_editor_who_submits_is_not_told_of_their_own_submission(
    people, django_capture_on_commit_callbacks
):
    own = ArticleFactory(draft=True, created_by=people["redaktur"])
    submit(own, people["redaktur"], django_capture_on_commit_callbacks)
    assert outbox_to() == ["redaktur2@newsroom.example"]


def test_unpublish_tells_no_one(people, django_capture_on_commit_callbacks):
    # A withdrawal tells the editors: tests/articles/test_review_waits.py.
    published = ArticleFactory(created_by=people["wartawan"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=published, user=people["redaktur"])
    assert mail.outbox == []


def test_a_kind_turned_off_is_not_sent_and_others_still_are(
    draft, people, django_capture_on_commit_callbacks
):
    notification_settings_save(user=people["redaktur"], enabled={Kind.SUBMITTED: False})
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    assert outbox_to() == ["redaktur2@newsroom.example"]
    # The reporter turned off "published", not "returned".
    notification_settings_save(user=people["wartawan"], enabled={Kind.PUBLISHED: False})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=draft, user=people["redaktur"], note="Cek.")
    assert outbox_to() == ["wartawan@newsroom.example"]


def test_inactive_non_staff_and_addressless_editors_get_nothing(
    draft, people, django_capture_on_commit_callbacks
):
    people["redaktur"].is_active = False
    people["redaktur"].save()
    people["redaktur2"].is_staff = False
    people["redaktur2"].save()
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_one_mail_each_even_with_the_permission_twice_over(
    draft, people, django_capture_on_commit_callbacks
):
    """An editor who holds the permission through the group and directly,
    and is a moderator too, gets one mail."""
    editor = people["redaktur"]
    editor.user_permissions.add(Permission.objects.get(codename="publish_article"))
    editor.groups.add(people["moderator"].groups.get())
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    assert outbox_to().count("redaktur@newsroom.example") == 1
    assert len(mail.outbox) == 2


def test_superusers_outside_the_roles_are_not_written_to(
    draft, people, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser(
        "root", email="root@newsroom.example", password="x"
    )
    submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    assert "root@newsroom.example" not in outbox_to()


def test_a_mail_failure_is_logged_and_the_step_stands(
    draft, people, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.articles.test_notifications.BrokenBackend"
    with caplog.at_level(logging.ERROR, logger="articles.notifications"):
        submit(draft, people["wartawan"], django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert "notification not sent: submitted" in caplog.text


def test_a_mail_failure_does_not_break_the_editors_request(
    draft, people, settings, client, caplog, django_capture_on_commit_callbacks
):
    """Through the admin, as the editor clicks: no 500, the step is taken."""
    settings.EMAIL_BACKEND = "tests.articles.test_notifications.BrokenBackend"
    services.article_submit(article=draft, user=people["wartawan"])
    draft.refresh_from_db()
    client.force_login(people["redaktur"])
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = form_data(draft, workflow_note="Perbaiki judul.", _transition="return")
    with (
        caplog.at_level(logging.ERROR, logger="articles.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert "notification not sent: returned" in caplog.text


class BrokenBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


# Comments reported by readers.


def report(comment, times, first=1):
    for n in range(first, first + times):
        services.comment_flag(
            comment=comment,
            reason="abusive",
            reader_key=f"reader-{n}",
            ip=f"198.51.{n}.7",
        )


def test_a_comment_reported_up_to_the_threshold_goes_to_the_moderators_once(
    people, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_FLAG_THRESHOLD = 3
    comment = CommentFactory(text="Komentar kasar.")
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, 2)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, 1, first=3)
    assert outbox_to() == ["moderator@newsroom.example"]
    message = mail.outbox[0]
    assert comment.article.title in message.subject
    assert "Komentar kasar." in message.body
    assert reverse("admin:articles_comment_change", args=[comment.pk]) in message.body
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING  # hidden: the mail says so


def test_reports_past_the_threshold_send_no_more_mail(
    people, clock, django_capture_on_commit_callbacks
):
    comment = CommentFactory()
    for n in range(3):  # one network: shown, in the queue, told once
        clock.advance(seconds=21)  # within the three-a-minute report limit
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_flag(
                comment=comment,
                reason="spam",
                reader_key=f"cookie-{n}",
                ip=f"192.0.2.{n + 1}",
            )
    assert len(mail.outbox) == 1
    clock.advance(seconds=21)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_flag(
            comment=comment, reason="spam", reader_key="cookie-9", ip="192.0.2.9"
        )
    assert len(mail.outbox) == 1


def test_a_moderator_who_turned_reports_off_gets_nothing(
    people, django_capture_on_commit_callbacks
):
    notification_settings_save(user=people["moderator"], enabled={Kind.REPORTED: False})
    comment = CommentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report(comment, 3)
    assert mail.outbox == []


# Each person's choices.


def test_each_role_chooses_among_the_kinds_it_receives(people):
    assert list(notification_settings_for(people["wartawan"])) == [
        Kind.RETURNED,
        Kind.PUBLISHED,
    ]
    assert list(notification_settings_for(people["redaktur"])) == [
        Kind.SUBMITTED,
        Kind.RETURNED,
        Kind.PUBLISHED,
    ]
    assert list(notification_settings_for(people["moderator"])) == [Kind.REPORTED]
    assert all(notification_settings_for(people["wartawan"]).values())  # no row: on


def test_no_one_turns_off_a_kind_their_roles_do_not_receive(people):
    with pytest.raises(PermissionDenied):
        notification_settings_save(
            user=people["wartawan"], enabled={Kind.SUBMITTED: False}
        )
    assert not NotificationSetting.objects.exists()


def test_recipients_is_a_queryset_of_users(people):
    assert list(recipients(Kind.REPORTED)) == [people["moderator"]]


# The "My notifications" page.


def test_my_notifications_page_shows_and_saves_only_my_own_choices(
    people, client, english
):
    client.force_login(people["wartawan"])
    url = reverse("admin:articles_notification_settings")
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields) == [Kind.RETURNED, Kind.PUBLISHED]
    assert "wartawan@newsroom.example" in page.content.decode()
    response = save(client, untick=[Kind.PUBLISHED], follow=False)
    assert response.status_code == 302
    assert notification_settings_for(people["wartawan"]) == {
        Kind.RETURNED: True,
        Kind.PUBLISHED: False,
    }
    assert notification_settings_for(people["redaktur"])[Kind.PUBLISHED] is True


def test_a_kind_posted_that_my_roles_do_not_receive_is_ignored(people, client):
    client.force_login(people["moderator"])
    save(client, submitted="")
    assert not NotificationSetting.objects.filter(kind=Kind.SUBMITTED).exists()
    assert notification_settings_for(people["moderator"]) == {Kind.REPORTED: True}


def test_the_page_is_for_staff_only(client, django_user_model):
    reader = django_user_model.objects.create_user("pembaca", password="x")
    client.force_login(reader)
    response = client.get(reverse("admin:articles_notification_settings"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_notification_settings_are_not_listed_in_the_admin(people, client):
    client.force_login(people["redaktur"])
    app_list = client.get(reverse("admin:index")).context["app_list"]
    listed = [model["object_name"] for app in app_list for model in app["models"]]
    assert "Article" in listed and "NotificationSetting" not in listed
