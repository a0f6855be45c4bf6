"""Readers' reports as the moderation desk shows them: a queue row said
"3 reports" twice (the reason "Reported by readers: 3 reports, 3 sources",
then the count again), and a comment's page showed its reports' table as a
header row over nothing when no reader had reported it."""

import re
from html import unescape

import pytest
from django.urls import reverse

from articles import services
from articles.models import Comment, CommentReason
from tests.articles.comment_factories import CommentFactory, CommentReasonFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_comment_page import posted_by
from tests.articles.test_moderation_queue_admin import row_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NO_REPORTS = "No reader has reported this comment."


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


def counts(row: str) -> list[str]:
    """Every "N reports" a row says."""
    return re.findall(r"\b\d+ reports?\b", row)


def page_of(comment) -> str:
    return reverse("admin:articles_comment_change", args=[comment.pk])


def reports_group(html: str) -> str:
    """The page's "Readers' reports", up to the moderation log."""
    return html[html.index('id="flags-group"') : html.index('id="log-group"')]


def flag(comment, reader: str, ip: str):
    services.comment_flag(comment=comment, reason="abusive", reader_key=reader, ip=ip)


def reported_from_three_networks(comment):
    for n, network in enumerate(["192.0.2.1", "198.51.100.1", "203.0.113.1"]):
        flag(comment, f"reader-{n}", network)


def reported_again_since_noted(comment):
    """Three reports the reason notes, a fourth after it."""
    for n in range(3):
        flag(comment, f"reader-{n}", f"192.0.2.{n + 1}")
    flag(comment, "reader-3", "198.51.100.1")


# The queue


def test_a_reported_comment_s_row_counts_its_reports_once(moderator_client, article):
    comment = CommentFactory(article=article)
    reported_from_three_networks(comment)

    row = row_of(moderator_client, comment)

    assert "Reported by readers: 3 reports, 3 sources" in row
    assert counts(row) == ["3 reports"]


def test_reports_their_reason_does_not_count_are_counted_once_after_it(
    moderator_client, article
):
    # The reason noted three reports, a fourth came since (and it counts it).
    noted = CommentFactory(article=article)
    reported_again_since_noted(noted)
    # A detail as stored before the counts were data: said as written.
    written = CommentFactory(article=article, flag_count=2, pending=True)
    CommentReasonFactory(
        comment=written, code=CommentReason.Code.FLAGGED, detail="2 flags"
    )

    noted_row = row_of(moderator_client, noted)
    written_row = row_of(moderator_client, written)

    assert counts(noted_row) == ["4 reports"]
    assert "Reported by readers: 2 flags" in written_row
    assert counts(written_row) == ["2 reports"]


# A comment's page


def test_a_comment_nobody_reported_says_so_instead_of_an_empty_table(
    moderator_client, article
):
    comment = CommentFactory(article=article)

    group = reports_group(moderator_client.get(page_of(comment)).content.decode())

    assert "<h2" in group and "Readers' reports</h2>" in unescape(group)
    assert NO_REPORTS in group
    assert "<table" not in group and "<th" not in group


def test_a_reported_comment_s_page_lists_its_reports(moderator_client, article):
    comment = CommentFactory(article=article)
    flag(comment, "reader-0", "192.0.2.1")

    group = reports_group(moderator_client.get(page_of(comment)).content.decode())

    assert NO_REPORTS not in group
    assert "<table" in group and "abusive" in group.lower()


def test_the_page_of_a_comment_nobody_reported_still_saves(moderator_client, article):
    """Its sentence carries the reports' management form, as the table did:
    without it the save is refused."""
    comment = CommentFactory(article=article, text="Sebelum.")
    page = moderator_client.get(page_of(comment))
    data = posted_by(page, "_save")
    data["text"] = ["Sesudah."]

    response = moderator_client.post(page_of(comment), data)

    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).text == "Sesudah."


def status_group(html: str) -> str:
    """The page's "Status and reasons" fieldset."""
    start = html.index("Status and reasons")
    return html[start : html.index("</fieldset>", start)]


def test_a_comment_s_page_counts_its_reports_once(moderator_client, article):
    """The reason said "3 reports, 3 sources", then "Reports: 3" under it."""
    comment = CommentFactory(article=article)
    reported_from_three_networks(comment)

    html = moderator_client.get(page_of(comment)).content.decode()
    status = unescape(status_group(html))

    assert "Reported by readers: 3 reports, 3 sources" in status
    assert counts(status) == ["3 reports"]
    assert "field-flag_count" not in status


def test_a_report_after_the_reason_counts_in_it_on_the_page_and_in_the_queue(
    moderator_client, article
):
    """The reason noted three reports; a fourth came since: the reason had
    been cut to "Reported by readers" with "Reports: 4" under it, its
    sources and "still shown" gone. It now says the reports as they are."""
    comment = CommentFactory(article=article)
    reported_again_since_noted(comment)  # 2 sources: 192.0.2.0/24 and another

    status = unescape(
        status_group(moderator_client.get(page_of(comment)).content.decode())
    )
    row = row_of(moderator_client, comment)

    for shown in (status, row):
        assert "Reported by readers: 4 reports, 2 sources; still shown" in shown
        assert counts(shown) == ["4 reports"]
    assert "field-flag_count" not in status


def test_a_reason_stored_before_its_counts_were_data_keeps_the_count_under_it(
    moderator_client, article
):
    written = CommentFactory(article=article, flag_count=2, pending=True)
    CommentReasonFactory(
        comment=written, code=CommentReason.Code.FLAGGED, detail="2 flags"
    )

    status = status_group(moderator_client.get(page_of(written)).content.decode())

    assert "Reported by readers: 2 flags" in unescape(status)
    count_row = r'field-flag_count.*?<div class="readonly">2</div>'
    assert re.search(count_row, status, re.S)


def test_a_report_after_the_reports_were_dismissed_is_a_round_of_its_own(
    moderator_client, moderator, article
):
    """Kept (reports dismissed), then reported once more: the old reason
    had come back as "Reported by readers: 1 report, 1 source; still shown",
    counted over the round the moderator had settled."""
    comment = CommentFactory(article=article)
    reported_again_since_noted(comment)
    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)
    flag(comment, "reader-later", "203.0.113.9")

    status = unescape(
        status_group(moderator_client.get(page_of(comment)).content.decode())
    )
    row = row_of(moderator_client, comment)

    for shown in (status, row):
        assert "Reported by readers" not in shown
    assert counts(row) == ["1 report"]
    assert re.search(r'field-flag_count.*?<div class="readonly">1</div>', status, re.S)
    assert not CommentReason.objects.filter(
        comment=comment, code=CommentReason.Code.FLAGGED
    ).exists()


def test_a_reason_left_from_a_round_settled_before_is_not_counted_again(
    moderator_client, article
):
    """Reasons were kept when their reports were dismissed, before: one
    noting four reports, then a single new report, must not become "1
    report, 1 source"."""
    comment = CommentFactory(article=article)
    CommentReasonFactory(
        comment=comment,
        code=CommentReason.Code.FLAGGED,
        detail=CommentReason.flags_detail(flags=4, sources=2, still_shown=True),
    )
    flag(comment, "reader-later", "203.0.113.9")

    reason = CommentReason.objects.get(comment=comment)
    assert reason.detail == "4 flags, 2 sources; still shown"
    assert counts(row_of(moderator_client, comment)) == ["1 report"]
