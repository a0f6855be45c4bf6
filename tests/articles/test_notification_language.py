"""Each staff member's notification e-mails are written in the language they
chose at My notifications (the site's, Indonesian, until they choose),
whatever language their desk shows."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import Article
from articles.notifications import (
    notification_language_for,
    notification_language_save,
)
from tests.articles.factories import ArticleFactory
from tests.articles.notification_page import save

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_notification_settings")
JAKARTA = dt.timezone(dt.timedelta(hours=7))


def staff(staff_in, group, name):
    user = staff_in(group, name)
    user.email = f"{name}@newsroom.example"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def people(staff_in):
    return {
        "reporter": staff(staff_in, "Reporter", "wartawan"),
        "english_editor": staff(staff_in, "Editor", "editor"),
        "indonesian_editor": staff(staff_in, "Editor", "redaktur"),
    }


def to_english_desk(client):
    """The "English" link among the user tools."""
    client.post(reverse("set_language"), {"language": "en", "next": URL})


def mail_to(user):
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    return message, message.alternatives[0][0]


def test_an_editor_who_chooses_english_gets_english_mail_and_others_keep_theirs(
    people, client, django_capture_on_commit_callbacks
):
    editor = people["english_editor"]
    client.force_login(editor)
    to_english_desk(client)
    page = client.get(URL).content.decode()
    assert "Language of my e-mails" in page
    # The desk in English is not a choice of e-mail language: still the site's.
    assert notification_language_for(editor) == "id"

    saved = save(client, language="en")
    assert "Your e-mails will be written in English." in saved.content.decode()
    assert 'value="en" selected' in saved.content.decode()

    story = ArticleFactory(
        draft=True,
        language=Article.Language.ENGLISH,
        title="Indonesia and the Philippines meet again",
        created_by=people["reporter"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=story, user=people["reporter"])

    english, html = mail_to(editor)
    assert english.subject == (
        "[Newsroom] For review: Indonesia and the Philippines meet again"
    )
    assert english.body.startswith("Hello editor,")
    assert '<html lang="en">' in html and "Untuk ditinjau" not in english.body
    indonesian, html = mail_to(people["indonesian_editor"])
    assert indonesian.subject.startswith("[Newsroom] Untuk ditinjau:")
    assert indonesian.body.startswith("Halo redaktur,")
    assert '<html lang="id">' in html


def test_a_reporter_who_chooses_english_reads_the_scheduled_time_in_english(
    people, django_capture_on_commit_callbacks
):
    reporter = people["reporter"]
    notification_language_save(user=reporter, language="en")
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    at = dt.datetime(2099, 3, 24, 14, 0, tzinfo=JAKARTA)  # a Tuesday
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, user=people["indonesian_editor"], at=at)

    message, html = mail_to(reporter)
    assert message.subject == "[Newsroom] Scheduled: Rapat JWG"
    assert "it goes live on Tuesday, 24 March 2099, 14:00 WIB." in message.body
    assert "Selasa" not in html and "Tuesday, 24 March 2099" in html


def test_choosing_again_keeps_one_choice_and_the_site_language_is_the_default(
    people, client
):
    editor = people["english_editor"]
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert f'value="{settings.LANGUAGE_CODE}" selected' in page
    save(client, language="en")
    save(client, language="id")
    assert editor.notification_language.language == "id"


def test_an_unknown_language_is_refused_and_only_staff_choose(people, client):
    editor = people["english_editor"]
    client.force_login(editor)
    refused = save(client, language="fr", follow=False)
    assert refused.status_code == 200
    assert notification_language_for(editor) == "id"
    editor.is_staff = False
    with pytest.raises(PermissionDenied):
        notification_language_save(user=editor, language="en")
