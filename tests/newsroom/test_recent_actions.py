"""The admin index's "Recent actions" names each object in the reader's
language: a meeting saved from the Indonesian desk reads its English title
on the English desk (Django keeps the name in the saver's language)."""

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.urls import reverse
from django.utils import translation

from agencies.models import Meeting

pytestmark = pytest.mark.django_db

INDONESIAN = "Pertemuan ke-4 JWG Filipina-Indonesia"
ENGLISH = "4th Philippines-Indonesia JWG"


def saved_in_indonesian(user, obj, flag=CHANGE):
    """The entry the admin writes for `user`'s save, on the Indonesian desk."""
    with translation.override("id"):
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[obj],
            action_flag=flag,
            change_message=[],
            single_object=True,
        )


def recent_actions(client, user, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("admin:index")).content.decode()
    return page[page.index('id="recent-actions-module"') :]


@pytest.fixture
def meeting(jwg4):
    Meeting.objects.filter(pk=jwg4.pk).update(title=INDONESIAN, title_en=ENGLISH)
    jwg4.refresh_from_db()
    return jwg4


def test_a_meeting_saved_in_indonesian_is_named_in_english_on_the_english_desk(
    client, editor, meeting
):
    saved_in_indonesian(editor, meeting)

    box = recent_actions(client, editor, "en")

    assert f">{ENGLISH}</a>" in box
    assert INDONESIAN not in box
    assert "Recent actions" in box


def test_the_indonesian_desk_reads_the_meetings_indonesian_title(
    client, editor, meeting
):
    with translation.override("en"):
        LogEntry.objects.log_actions(
            user_id=editor.pk, queryset=[meeting], action_flag=CHANGE, change_message=[]
        )

    box = recent_actions(client, editor, "id")

    assert f">{INDONESIAN}</a>" in box
    assert ENGLISH not in box


def test_a_deleted_object_keeps_the_name_it_was_saved_with(client, editor, meeting):
    saved_in_indonesian(editor, meeting, flag=DELETION)
    Meeting.objects.filter(pk=meeting.pk).delete()

    box = recent_actions(client, editor, "en")

    assert INDONESIAN in box
    assert "Deleted:" in box
