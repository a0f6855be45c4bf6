"""The moderation log's CSV export reads as the log does: in the moderator's
language, with times a spreadsheet takes for times."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from articles import services
from articles.models import Comment, ModerationLog
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:articles_moderationlog_export")
LOG = reverse("admin:articles_moderationlog_changelist")


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG bertemu lagi")


def exported(client, query="", language="id"):
    """The export's rows after its header, as a spreadsheet reads them."""
    response = client.get(EXPORT + query, HTTP_ACCEPT_LANGUAGE=language)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_actions_and_statuses_export_by_the_names_the_log_shows(
    moderator_client, moderator, article
):
    comment = CommentFactory(article=article, pending=True)
    services.comment_moderate(
        comments=[comment], action="reject", moderator=moderator, note="Iklan"
    )

    header, row = exported(moderator_client, "?action=reject")

    assert row[4:] == ["Ditolak", "Menunggu moderasi", "Ditolak", "Iklan"]
    listing = moderator_client.get(LOG, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    for label in row[4:7]:
        assert label in listing
    # In English for a moderator who works in English.
    _header, row = exported(moderator_client, "?action=reject", language="en")
    assert row[4:7] == ["Rejected", "Waiting for moderation", "Rejected"]


def test_times_export_in_local_time_as_a_spreadsheet_reads_them(
    moderator_client, article
):
    comment = CommentFactory(article=article, pending=True)
    ModerationLog.objects.create(
        comment=comment,
        action=ModerationLog.Action.POSTED,
        to_status=Comment.Status.PENDING,
        at=dt.datetime(2026, 12, 5, 15, 11, 31, tzinfo=dt.UTC),
    )

    header, row = exported(moderator_client)

    assert "WIB" in header[0]  # the desk's zone, Asia/Jakarta: UTC+7
    assert row[0] == "2026-12-05 22:11:31"


def test_what_the_checks_logged_exports_in_words_by_no_one(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)
    ModerationLog.objects.create(
        comment=comment,
        action=ModerationLog.Action.POSTED,
        to_status=Comment.Status.PENDING,
        note="links 3",
    )

    _header, row = exported(moderator_client, language="en")

    assert row[1] == "automatic"
    assert row[4:] == ["Posted", "", "Waiting for moderation", "Too many links: 3"]
