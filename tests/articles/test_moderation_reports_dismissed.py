"""Keeping a published comment readers reported ("Keep (dismiss reports)"):
the log says the reports were dismissed, not that an approved comment was
approved; its status time stays; the reports stay on its page, marked
dismissed, while they no longer count; and the English desk calls them
reports, as the Indonesian one (laporan) and the Keep button do."""

import datetime as dt
import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Comment, CommentFlag, ModerationLog
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_admin import row_seen, save_comment_page

pytestmark = pytest.mark.django_db

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
LONG_AGO = timezone.now() - dt.timedelta(days=3)


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


@pytest.fixture
def reported(article):
    """Published three days ago, since reported by two readers on one network
    (still shown, waiting in the queue)."""
    comment = CommentFactory(
        article=article, author_name="Dedi", status_changed_at=LONG_AGO
    )
    for reader, reason in [("r1", "abusive"), ("r2", "off_topic")]:
        services.comment_flag(
            comment=comment, reason=reason, reader_key=reader, ip="192.0.2.1"
        )
    comment.refresh_from_db()
    assert (comment.status, comment.flag_count) == (Status.APPROVED, 2)
    return comment


def page_of(comment) -> str:
    return reverse("admin:articles_comment_change", args=[comment.pk])


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def keep(client, comment):
    url = reverse("admin:articles_comment_moderate", args=[comment.pk])
    response = client.post(url, {"moderate": "approve", **row_seen(comment)})
    assert response.status_code == 302


def test_keep_is_logged_as_reports_dismissed_and_leaves_the_status_time(
    moderator, article, reported
):
    waiting = CommentFactory(article=article, pending=True, status_changed_at=LONG_AGO)

    services.comment_moderate(
        comments=[reported, waiting],
        action="approve",
        moderator=moderator,
        note="Fair",
    )

    latest = reported.log.first()
    assert latest.action == ModerationLog.Action.DISMISS_REPORTS
    assert (latest.from_status, latest.to_status) == (Status.APPROVED,) * 2
    assert (latest.moderator, latest.note) == (moderator, "Fair")
    reported.refresh_from_db()
    assert reported.status_changed_at == LONG_AGO
    assert reported.flag_count == 0
    # Approving one that waited is logged and timed as before.
    assert waiting.log.first().action == ModerationLog.Action.APPROVE
    waiting.refresh_from_db()
    assert waiting.status_changed_at > LONG_AGO
    article.refresh_from_db()
    assert article.approved_comment_count == 2


def test_kept_reports_stay_marked_dismissed_and_leave_every_queue(moderator, reported):
    services.comment_moderate(
        comments=[reported], action="approve", moderator=moderator
    )

    flags = CommentFlag.objects.filter(comment=reported)
    assert flags.count() == 2
    assert set(flags.values_list("dismissed_by", flat=True)) == {moderator.pk}
    assert None not in set(flags.values_list("dismissed_at", flat=True))
    assert not CommentFlag.objects.unreviewed(reported).exists()
    assert reported not in Comment.objects.flagged()
    assert reported not in Comment.objects.queue()


def test_a_report_after_keep_counts_alone(moderator, reported):
    services.comment_moderate(
        comments=[reported], action="approve", moderator=moderator
    )

    services.comment_flag(
        comment=reported, reason="spam", reader_key="r3", ip="198.51.100.1"
    )

    reported.refresh_from_db()
    assert reported.flag_count == 1
    assert [f.reader_key for f in CommentFlag.objects.unreviewed(reported)] == ["r3"]
    assert list(
        CommentFlag.objects.filter(comment=reported)
        .order_by("reader_key")
        .values_list("reader_key", "dismissed_by")
    ) == [("r1", moderator.pk), ("r2", moderator.pk), ("r3", None)]
    assert reported in Comment.objects.flagged()


def test_approving_a_comment_hidden_by_reports_dismisses_them(moderator, article):
    comment = CommentFactory(article=article)
    for n, ip in enumerate(["192.0.2.1", "198.51.100.1", "203.0.113.1"]):
        services.comment_flag(
            comment=comment, reason="abusive", reader_key=f"r{n}", ip=ip
        )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING

    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)

    assert comment.log.first().action == ModerationLog.Action.APPROVE
    assert not CommentFlag.objects.filter(comment=comment, dismissed_at=None).exists()


@pytest.mark.usefixtures("english")
def test_the_comment_page_shows_kept_reports_as_dismissed_and_the_log_says_so(
    moderator_client, moderator, reported
):
    moderator.first_name, moderator.last_name = "Rina", "Moderator"
    moderator.save()

    before = text_of(moderator_client.get(page_of(reported)).content.decode())
    assert "Readers' reports" in before
    assert "by Rina Moderator" not in before

    response = save_comment_page(moderator_client, reported, _moderate="approve")
    assert response.status_code == 302

    html = moderator_client.get(page_of(reported)).content.decode()
    text = text_of(html)
    assert "Readers' reports" in text
    assert "Reports: 0" in text
    assert text.count("by Rina Moderator") == 2  # each report, dismissed
    assert "Reports dismissed" in text
    assert "flag" not in text.lower()


@pytest.mark.usefixtures("english")
def test_the_queue_speaks_of_reports(moderator_client, reported):
    text = text_of(moderator_client.get(QUEUE).content.decode())

    assert "2 reports" in text
    assert "Reported by readers" in text
    assert "flag" not in text.lower()


@pytest.mark.usefixtures("english")
def test_keep_on_a_queue_row_leaves_the_reports_on_the_comment_page_dismissed(
    moderator_client, moderator, reported
):
    keep(moderator_client, reported)

    html = moderator_client.get(page_of(reported)).content.decode()
    dismissed = re.findall(r'<td class="field-dismissed"[^>]*>(.*?)</td>', html, re.S)
    by = f"by {moderator.get_username()}"
    assert [text_of(cell).endswith(by) for cell in dismissed] == [True, True]


def test_reports_cleared_before_are_marked_dismissed_by_the_migration(
    moderator, reported
):
    """Cleared as before this change: flag_count set back to 0, the reports
    left as they were, an approving entry in the log."""
    ModerationLog.objects.create(
        comment=reported,
        moderator=moderator,
        action=ModerationLog.Action.APPROVE,
        from_status=Status.APPROVED,
        to_status=Status.APPROVED,
    )
    Comment.objects.filter(pk=reported.pk).update(flag_count=0)
    services.comment_flag(
        comment=reported, reason="spam", reader_key="r3", ip="198.51.100.1"
    )
    CommentFlag.objects.update(dismissed_at=None, dismissed_by=None)

    migration = importlib.import_module("articles.migrations.0039_reports_dismissed")
    migration.mark_cleared_reports_dismissed(apps, None)

    assert list(
        CommentFlag.objects.filter(dismissed_at__isnull=False)
        .order_by("reader_key")
        .values_list("reader_key", "dismissed_by")
    ) == [("r1", moderator.pk), ("r2", moderator.pk)]
