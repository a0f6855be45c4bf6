"""A spam wave: near-identical comments, each with a link of its own, from
many networks and addresses. From the comment that makes it a wave on, each
is held for a moderator with the reason "part of a wave", and the comment
that makes it holds the earlier ones with it (posted before the wave was
seen), unless a moderator approved them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.comment_checks import sign_rendered_at, text_shape
from articles.models import Comment, CommentReason, ModerationLog
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
    # Published when they came: the wave was not seen yet.
    assert all(r.outcome == services.CommentOutcome.PUBLISHED for r in first_four)
    for result in wave:
        assert result.outcome == services.CommentOutcome.QUEUED
        assert set(result.reasons) == {Code.WAVE}
    # The fifth held them with it: the whole wave waits, each once.
    for result in results:
        assert reasons(result.comment) == {Code.WAVE}
    assert Comment.objects.pending().filter(reasons__code=Code.WAVE).count() == 50
    assert CommentReason.objects.count() == 50


def test_the_moderation_queue_says_why_a_wave_waits(
    admin_client, article, clock, english
):
    results = [send(article, clock, n) for n in range(1, 6)]
    page = admin_client.get(
        reverse("admin:articles_comment_changelist"), {"reason": Code.WAVE}
    )
    html = page.content.decode()
    assert "Part of a wave: the same words from several networks" in html
    waiting = page.context["cl"].result_list
    assert sorted(c.pk for c in waiting) == sorted(r.comment.pk for r in results)


def test_the_comments_before_a_wave_leave_the_site_when_it_is_seen(
    client, article, section, clock, settings, django_capture_on_commit_callbacks
):
    """Earlier comments of the wave, on any story, are taken off the site as
    a check would have held them: each logged, the stories' counts and
    stored pages in step."""
    settings.NEWSROOM_PAGE_CACHE = True
    other = ArticleFactory(
        section=section,
        language="en",
        comment_policy="post",
        published_at=clock.now - dt.timedelta(hours=1),
    )
    for n, story in [(1, article), (2, article), (3, other), (4, other)]:
        with django_capture_on_commit_callbacks(execute=True):
            send(story, clock, n)
    article.refresh_from_db()
    assert article.approved_comment_count == 2
    page = client.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "spam1.example" in page.content.decode()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        fifth = send(other, clock, 5)

    for story in (article, other):
        story.refresh_from_db()
        assert story.approved_comment_count == 0
    html = client.get(article.get_absolute_url()).content.decode()
    assert "spam1.example" not in html and "spam2.example" not in html
    held = Comment.objects.exclude(pk=fifth.comment.pk)
    assert {c.status for c in held} == {Status.PENDING}
    for comment in held:
        assert reasons(comment) == {Code.WAVE}
        (entry,) = comment.log.filter(action=ModerationLog.Action.HELD_IN_WAVE)
        assert entry.moderator is None
        assert (entry.from_status, entry.to_status) == (Status.APPROVED, Status.PENDING)


def test_a_comment_waiting_before_the_wave_is_marked_as_part_of_it(article, clock):
    send(article, clock, 1)
    clock.advance(minutes=1)
    hasty = services.comment_create(  # sent 1 s after its form was shown
        article=article,
        text=spam(2),
        author_name="Pembeli 2",
        author_email="buyer2@example.net",
        ip="203.0.2.9",
        form_token=sign_rendered_at(clock.now - dt.timedelta(seconds=1)),
    ).comment
    assert hasty.status == Status.PENDING
    for n in range(3, 6):
        send(article, clock, n)
    hasty.refresh_from_db()
    assert hasty.status == Status.PENDING
    assert reasons(hasty) == {Code.TOO_FAST, Code.WAVE}
    (entry,) = hasty.log.filter(action=ModerationLog.Action.HELD_IN_WAVE)
    assert (entry.from_status, entry.to_status) == (Status.PENDING, Status.PENDING)


def test_a_comment_a_moderator_approved_stays_approved_when_the_wave_is_seen(
    article, clock, moderator
):
    """The moderator read it and decided; the wave's other comments wait."""
    clock.advance(minutes=1)
    hasty = services.comment_create(
        article=article,
        text=spam(1),
        author_name="Pembeli 1",
        author_email="buyer1@example.net",
        ip="203.0.1.9",
        form_token=sign_rendered_at(clock.now - dt.timedelta(seconds=1)),
    ).comment
    services.comment_moderate(comments=[hasty], action="approve", moderator=moderator)
    others = [send(article, clock, n).comment for n in range(2, 6)]
    hasty.refresh_from_db()
    assert hasty.status == Status.APPROVED
    assert Code.WAVE not in reasons(hasty)
    assert not hasty.log.filter(action=ModerationLog.Action.HELD_IN_WAVE).exists()
    for comment in others:
        comment.refresh_from_db()
        assert comment.status == Status.PENDING
        assert Code.WAVE in reasons(comment)
    article.refresh_from_db()
    assert article.approved_comment_count == 1


def test_the_comment_that_makes_a_wave_costs_six_queries_more_than_one_joining_it(
    article, clock
):
    """The fifth holds the four before it: it locks and reads them (2), logs
    the change, takes them off the site and recounts their stories (3, as a
    moderator's action does) and gives them their reason (1). The sixth joins
    a wave already held: nothing to hold."""
    for n in range(1, 5):
        send(article, clock, n)
    with CaptureQueriesContext(connection) as fifth:
        send(article, clock, 5)
    with CaptureQueriesContext(connection) as sixth:
        send(article, clock, 6)
    assert len(fifth) == len(sixth) + 6


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
