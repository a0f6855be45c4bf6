"""My notifications: each staff member sets the e-mail address their
notifications go to; and a scheduled story's mail says it is scheduled."""

import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.notifications import (
    notification_email_save,
    notification_settings_for,
)
from tests.articles.factories import ArticleFactory
from tests.articles.notification_page import save

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_notification_settings")


@pytest.fixture
def wartawan(staff_in):
    """A reporter whose account has no e-mail address yet."""
    return staff_in("Reporter", "wartawan")


@pytest.fixture
def redaktur(staff_in):
    editor = staff_in("Editor", "redaktur")
    editor.email = "redaktur@newsroom.example"
    editor.save(update_fields=["email"])
    return editor


def set_address(client, email):
    return save(client, email=email)


def test_a_reporter_without_an_address_sets_one_and_their_mail_arrives(
    wartawan, redaktur, client, english, django_capture_on_commit_callbacks
):
    client.force_login(wartawan)
    page = client.get(URL).content.decode()
    assert "Your account has no e-mail address" in page
    assert 'name="email"' in page

    page = set_address(client, "  Wartawan@NEWSROOM.Example ").content.decode()
    assert (
        "Your e-mail address is saved: e-mails go to Wartawan@newsroom.example." in page
    )
    assert "E-mails go to Wartawan@newsroom.example." in page
    wartawan.refresh_from_db()
    assert wartawan.email == "Wartawan@newsroom.example"

    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=wartawan)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, user=redaktur)
    assert [m.to for m in mail.outbox] == [["Wartawan@newsroom.example"]]


def test_an_address_can_be_changed_and_the_change_is_in_the_accounts_history(
    redaktur, client, english
):
    client.force_login(redaktur)
    page = client.get(URL).content.decode()
    assert "E-mails go to redaktur@newsroom.example." in page
    assert 'value="redaktur@newsroom.example"' in page
    set_address(client, "meja@newsroom.example")
    redaktur.refresh_from_db()
    assert redaktur.email == "meja@newsroom.example"
    [entry] = LogEntry.objects.filter(object_id=str(redaktur.pk))
    assert (entry.user, entry.action_flag) == (redaktur, CHANGE)
    assert entry.get_change_message() == "Changed Email address."
    assert entry.get_admin_url() == reverse(
        "admin:auth_user_change", args=[redaktur.pk]
    )


def test_saving_the_same_address_again_logs_nothing(redaktur, client):
    client.force_login(redaktur)
    set_address(client, "redaktur@newsroom.example")
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(
    "email", ["bukan alamat", "wartawan@", "", "a" * 250 + "@x.example"]
)
def test_an_invalid_address_is_refused_with_a_message_and_nothing_is_saved(
    redaktur, client, english, email
):
    client.force_login(redaktur)
    response = set_address(client, email)
    assert response.redirect_chain == []
    errors = response.context["address_form"].errors["email"]
    page = response.content.decode()
    assert errors and errors[0] in page
    redaktur.refresh_from_db()
    assert redaktur.email == "redaktur@newsroom.example"
    assert "Your e-mail address is saved" not in page


def test_only_my_own_address_changes(wartawan, redaktur, client):
    client.force_login(wartawan)
    save(
        client,
        email="wartawan@newsroom.example",
        user=redaktur.pk,
        username="redaktur",
        id=redaktur.pk,
    )
    redaktur.refresh_from_db()
    wartawan.refresh_from_db()
    assert redaktur.email == "redaktur@newsroom.example"
    assert wartawan.email == "wartawan@newsroom.example"


def test_the_address_form_needs_the_csrf_token(wartawan):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(wartawan)
    response = browser.post(URL, {"email": "x@newsroom.example", "language": "id"})
    assert response.status_code == 403
    wartawan.refresh_from_db()
    assert wartawan.email == ""


def test_setting_the_address_leaves_the_notification_choices_alone(wartawan, client):
    client.force_login(wartawan)
    set_address(client, "wartawan@newsroom.example")
    assert all(notification_settings_for(wartawan).values())


def test_readers_and_inactive_staff_cannot_set_an_address_through_the_service(
    django_user_model, wartawan
):
    reader = django_user_model.objects.create_user("pembaca", password="x")
    with pytest.raises(PermissionDenied):
        notification_email_save(user=reader, email="pembaca@newsroom.example")
    wartawan.is_active = False
    wartawan.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        notification_email_save(user=wartawan, email="wartawan@newsroom.example")
    assert not django_user_model.objects.exclude(email="").exists()


def test_the_page_says_when_mail_is_printed_on_the_console(
    redaktur, client, settings, english
):
    client.force_login(redaktur)
    console = "prints e-mails on its console"
    assert console not in client.get(URL).content.decode()  # tests: locmem
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert console in client.get(URL).content.decode()


# A scheduled story's mail.


def schedule(story, editor, capture):
    at = timezone.now() + dt.timedelta(days=1)
    with capture(execute=True):
        services.article_publish(article=story, user=editor, at=at)
    [message] = mail.outbox
    return message


@pytest.fixture
def story(staff_in, redaktur):
    reporter = staff_in("Reporter", "wartawan")
    reporter.email = "wartawan@newsroom.example"
    reporter.save(update_fields=["email"])
    return ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)


def test_a_scheduled_storys_mail_is_titled_scheduled_not_published(
    story, redaktur, english, django_capture_on_commit_callbacks
):
    message = schedule(story, redaktur, django_capture_on_commit_callbacks)
    assert message.subject == "[Newsroom] Scheduled: Rapat JWG"
    assert "scheduled your story “Rapat JWG”: it goes live on" in message.body
    story.refresh_from_db()
    assert story.get_absolute_url() not in message.body  # not live yet
    html = message.alternatives[0][0]
    assert "scheduled your story" in html and "See it on the site" not in html


def test_a_published_storys_mail_is_still_titled_published(
    story, redaktur, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, user=redaktur)
    [message] = mail.outbox
    assert message.subject == "[Newsroom] Published: Rapat JWG"
    assert "published your story “Rapat JWG”." in message.body
    assert "See it on the site" in message.alternatives[0][0]


def test_the_indonesian_mail_of_a_scheduled_story_does_not_say_published(
    story, redaktur, django_capture_on_commit_callbacks
):
    message = schedule(story, redaktur, django_capture_on_commit_callbacks)
    assert not message.subject.startswith("[Newsroom] Terbit")
    assert "menjadwalkan berita Anda, “Rapat JWG”: tayang pada" in message.body
    assert "WIB" in message.body  # the time is the newsroom's
