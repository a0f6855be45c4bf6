"""The day copy was written on (the upload page's *Written on*, the day
weekday dates are read against) cannot be after today in the newsroom's
zone: "Kamis (24/3)" read against 2099 became a Thursday of 2095. The page
says so and keeps the rest of the form; the files must be chosen again."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.intake.services import article_import
from articles.models import Article, IntakeRecord

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "intake_samples"
UPLOAD = reverse("admin:articles_intakerecord_add")
# 00:30 on 7 December 2026 in Jakarta (UTC+7), still the 6th in UTC.
JAKARTA_MORNING = dt.datetime(2026, 12, 6, 17, 30, tzinfo=dt.UTC)
AFTER_TODAY = "Copy cannot have been written after today (7 December 2026)."


@pytest.fixture
def desk(agencies, officials, jwg4, section, english):
    """The registry, a section to file drafts in, the desk in English."""
    return section


def upload() -> SimpleUploadedFile:
    data = (SAMPLES / "jwg-hybrid-meeting.txt").read_bytes()
    return SimpleUploadedFile("jwg.txt", data, content_type="text/plain")


def test_a_day_after_today_is_refused_and_the_rest_of_the_form_is_kept(
    client, reporter, desk, clock
):
    clock.now = JAKARTA_MORNING
    client.force_login(reporter)

    response = client.post(UPLOAD, {"files": [upload()], "written_on": "2026-12-08"})

    html = response.content.decode()
    assert AFTER_TODAY in html
    assert "Then choose the files again: a browser cannot keep them." in html
    assert 'name="written_on" value="2026-12-08"' in html
    assert response.context["rows"] == []
    assert not Article.objects.exists() and not IntakeRecord.objects.exists()


def test_today_in_the_newsrooms_zone_is_taken(client, reporter, desk, clock):
    clock.now = JAKARTA_MORNING
    client.force_login(reporter)

    response = client.post(UPLOAD, {"files": [upload()], "written_on": "2026-12-07"})

    [row] = response.context["rows"]
    assert row["status"] == "created"
    html = response.content.decode()
    # The browser's calendar offers no later day.
    assert 'max="2026-12-07"' in html
    assert AFTER_TODAY not in html


def test_the_service_refuses_copy_written_after_today(editor, desk, clock):
    clock.now = JAKARTA_MORNING

    result = article_import(
        name="jwg.txt",
        data=upload().read(),
        user=editor,
        today=dt.date(2099, 1, 1),
    )

    assert (result.status, result.error) == ("refused", f"jwg.txt: {AFTER_TODAY}")
    assert not Article.objects.exists()
