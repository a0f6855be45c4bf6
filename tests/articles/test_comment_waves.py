"""A spam wave: near-identical comments, each with a link of its own, from
many networks and addresses. From the comment that makes it a wave on, each
is held for a moderator with the reason "part of a wave"."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.comment_checks import sign_rendered_at, text_shape
from articles.models import Comment, CommentReason
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Comment.Status
Code = CommentReason.Code


@pytest.fixture
def article(section, clock):
    """Post-moderated: a comment no check holds is public at once."""
    return ArticleFactory(
        section=section,
        language="en",
        comment_policy="post",
        published_at=clock.now - dt.timedelta(hours=1),
    )


def spam(n: int) -> str:
    return f"Beli obat murah di https://spam{n}.example/ sekarang juga! #{n}"


def send(article, clock, n: int, text: str | None = None):
    """Comment `n` of a run: its own network and address, a minute apart."""
    clock.advance(minutes=1)
    return services.comment_create(
        article=article,
        text=spam(n) if text is None else text,
        author_name=f"Pembeli {n}",
        author_email=f"buyer{n}@example.net",
        ip=f"203.0.{n}.9",
        form_token=sign_rendered_at(clock.now - dt.timedelta(seconds=20)),
    )


def reasons(comment) -> set:
    return set(comment.reasons.values_list("code", flat=True))


def test_a_text_s_shape_leaves_out_links_numbers_punctuation_and_case():
    assert text_shape(spam(1)) == text_shape(spam(37))
    assert text_shape(spam(1)) == text_shape(
        "BELI obat murah, di www.x.example sekarang juga"
    )
    assert text_shape(spam(1)) != text_shape("Beli obat mahal di sini sekarang juga")
    assert text_shape("Setuju!") == text_shape("Setuju dengan ini.") == ""


def test_a_wave_is_held_with_its_reason_from_the_fifth_comment_on(article, clock):
    results = [send(article, clock, n) for n in range(1, 51)]
    first_four, wave = results[:4], results[4:]
    assert all(r.outcome == services.CommentOutcome.PUBLISHED for r in first_four)
    assert all(not reasons(r.comment) for r in first_four)
    for result in wave:
        assert result.outcome == services.CommentOutcome.QUEUED
        assert reasons(result.comment) == {Code.WAVE}
    assert Comment.objects.pending().filter(reasons__code=Code.WAVE).count() == 46


def test_the_moderation_queue_says_why_a_wave_waits(
    admin_client, article, clock, english
):
    *_, fifth = [send(article, clock, n) for n in range(1, 6)]
    page = admin_client.get(reverse("admin:articles_comment_changelist"))
    html = page.content.decode()
    assert "Part of a wave: the same words from several networks" in html
    waiting = page.context["cl"].result_list
    assert [c.pk for c in waiting] == [fifth.comment.pk]


def test_short_comments_are_never_a_wave(article, clock):
    for n in range(1, 21):
        result = send(article, clock, n, text="Setuju dengan ini!")
        assert result.outcome == services.CommentOutcome.PUBLISHED, n
    assert not CommentReason.objects.exists()


def test_one_or_two_networks_are_not_a_wave(article, clock):
    for n in range(1, 11):
        result = services.comment_create(
            article=article,
            text=spam(n),
            author_name="Pembeli",
            author_email=f"buyer{n}@example.net",
            ip=f"203.0.{n % 2}.{n}",
            form_token=sign_rendered_at(clock.now - dt.timedelta(seconds=20)),
        )
        clock.advance(minutes=3)
        assert Code.WAVE not in result.reasons, n


def test_comments_of_one_shape_half_an_hour_apart_are_not_a_wave(article, clock):
    for n in range(1, 11):
        clock.advance(minutes=8)
        assert Code.WAVE not in send(article, clock, n).reasons, n


def test_posting_into_a_long_wave_costs_no_more_queries(article, clock):
    for n in range(1, 7):
        send(article, clock, n)
    with CaptureQueriesContext(connection) as sixth:
        send(article, clock, 7)
    for n in range(8, 60):
        send(article, clock, n)
    with CaptureQueriesContext(connection) as later:
        send(article, clock, 60)
    assert len(later) == len(sixth)
