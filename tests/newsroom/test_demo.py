from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingAttendance, MeetingParticipant
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [Agency, Meeting, MeetingParticipant, MeetingAttendance, Article]
    return {m.__name__: m.objects.count() for m in models} | {
        "users": get_user_model().objects.count(),
        "tags": Article.tags.through.objects.count(),
        "revisions": Version.objects.count(),
    }


def test_demo_loads_the_4th_jwg_meeting_whole():
    load_demo()
    meeting = Meeting.objects.get(series__short_name="JWG", number=4)
    assert meeting.format == Meeting.Format.HYBRID
    assert meeting.duration.total_seconds() == 4 * 3600
    assert meeting.sessions.count() == 7
    delegations = set(meeting.participants.values_list("country", flat=True))
    assert delegations == {"ID", "PH"}
    assert meeting.attendances.values("person").distinct().count() == 3
    assert meeting.previous_in_series().number == 3
    article = Article.objects.published().get(meeting=meeting, is_featured=True)
    assert article.featured_image and article.image_alt


def test_demo_loader_runs_twice_without_duplicates_or_new_passwords():
    first = load_demo()
    before = counts()
    second = load_demo()
    assert counts() == before
    assert before["revisions"] > 0  # history starts with the demo content
    assert first.count("password:") == 3
    assert "password:" not in second


def test_demo_loader_keeps_what_an_editor_changed():
    load_demo()
    article = Article.objects.get(is_featured=True)
    article.title = "Judul yang diperbaiki editor"
    article.save(update_fields=["title"])
    load_demo()
    article.refresh_from_db()
    assert article.title == "Judul yang diperbaiki editor"


def test_demo_accounts_get_random_passwords_and_their_groups():
    out = load_demo()
    user_model = get_user_model()
    for username, group in [
        ("editor", "Editor"),
        ("reporter", "Reporter"),
        ("moderator", "Moderator"),
    ]:
        user = user_model.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert user.groups.filter(name=group).exists()
        line = next(line for line in out.splitlines() if f"{username} " in line)
        password = line.split("password:")[1].strip()
        assert len(password) >= 12
        assert user.check_password(password)
    editor = user_model.objects.get(username="editor")
    assert editor.has_perm("articles.change_article")
    assert editor.has_perm("agencies.add_meeting")
    reporter = user_model.objects.get(username="reporter")
    assert reporter.has_perm("articles.add_article")
    assert not reporter.has_perm("agencies.change_agency")
