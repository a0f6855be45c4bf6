"""Posting, checks, rate limits, flags, moderation and bans, through the services."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from articles import comment_checks, ratelimits, services
from articles.comment_checks import sign_rendered_at
from articles.models import (
    Article,
    Ban,
    Comment,
    CommentReason,
    ModerationLog,
    ModerationWord,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Comment.Status
Code = CommentReason.Code
Outcome = services.CommentOutcome


@pytest.fixture
def article(section, clock):
    return ArticleFactory(
        section=section,
        comment_policy="post",
        published_at=clock.now - dt.timedelta(hours=1),
    )


_senders = itertools.count(1)


def post(article, clock=None, **overrides):
    """A comment from a new sender (own email and network) unless told otherwise."""
    n = next(_senders)
    now = clock.now if clock else timezone.now()
    data = {
        "article": article,
        "text": "Kerja sama ini penting untuk kawasan.",
        "author_name": "Sari",
        "author_email": f"reader{n}@example.org",
        "ip": f"198.51.{n % 250}.7",
        "rendered_at": now - dt.timedelta(seconds=20),
    }
    data.update(overrides)
    shown = data.pop("rendered_at")
    if "form_token" not in data:  # a form shown at `rendered_at`, or none
        data["form_token"] = sign_rendered_at(shown) if shown else None
    return services.comment_create(**data)


def reasons(comment):
    return {r.code for r in comment.reasons.all()}


def count(article):
    return Article.objects.get(pk=article.pk).approved_comment_count


# Posting and policy


def test_a_clean_comment_on_a_post_moderated_article_is_public(article, clock):
    result = post(article, clock)
    assert result.outcome == Outcome.PUBLISHED
    assert result.comment.status == Status.APPROVED
    assert count(article) == 1
    entry = ModerationLog.objects.get(comment=result.comment)
    assert (entry.action, entry.to_status) == ("posted", Status.APPROVED)


def test_a_pre_moderated_article_holds_every_comment(article, clock):
    Article.objects.filter(pk=article.pk).update(comment_policy="pre")
    article.refresh_from_db()
    result = post(article, clock)
    assert result.outcome == Outcome.QUEUED
    assert count(article) == 0


def test_the_site_default_is_pre_moderation(section):
    assert ArticleFactory(section=section).comment_policy == "pre"


def test_a_filled_honeypot_is_dropped_without_a_trace(article, clock):
    result = post(article, clock, honeypot="http://spam.example")
    assert result.outcome == Outcome.DROPPED and result.comment is None
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"comment_policy": "closed"}, {"comments_enabled": False}],
    ids=["closed", "disabled"],
)
def test_a_closed_article_refuses_comments(article, clock, change):
    Article.objects.filter(pk=article.pk).update(**change)
    article.refresh_from_db()
    with pytest.raises(services.CommentsClosed):
        post(article, clock)


def test_comments_close_by_themselves_fourteen_days_after_publication(article, clock):
    clock.advance(days=13, hours=22)
    assert post(article, clock).comment
    clock.advance(hours=3)
    with pytest.raises(services.CommentsClosed):
        post(article, clock)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"author_name": ""}, "author_name"),
        ({"author_email": "not-an-email"}, "author_email"),
    ],
)
def test_bad_input_is_refused_field_by_field(article, clock, overrides, field):
    with pytest.raises(ValidationError) as error:
        post(article, clock, **overrides)
    assert field in error.value.message_dict
    assert not Comment.objects.exists()


def long_email(length: int) -> str:
    """A valid address of exactly `length` characters (the standard allows 320)."""
    labels, rest = [], length - len("@.example") - 64
    while rest > 0:
        size = min(63, rest - 2 if rest in (64, 65) else rest)
        labels.append("b" * size)
        rest -= size + 1
    return "a" * 64 + "@" + ".".join(labels) + ".example"


@pytest.mark.parametrize("length", [255, 320])
def test_an_email_longer_than_the_column_holds_is_refused(
    article, clock, english, length
):
    email = long_email(length)
    assert len(email) == length
    with pytest.raises(ValidationError) as error:
        post(article, clock, author_email=email)
    assert error.value.message_dict["author_email"] == [
        "An email address can have at most 254 characters."
    ]
    assert not Comment.objects.exists()


def test_an_email_of_254_characters_is_kept_whole(article, clock):
    email = long_email(254)
    assert post(article, clock, author_email=email).comment.author_email == email


def test_staff_comment_as_themselves_and_are_public_at_once(
    article, clock, desk_editor
):
    desk_editor.first_name, desk_editor.email = "Redaksi", "desk@newsroom.example"
    result = post(article, clock, user=desk_editor, author_name="", author_email="")
    assert result.outcome == Outcome.PUBLISHED
    assert result.comment.user == desk_editor
    assert result.comment.author_name == "Redaksi"


def test_replies_thread_up_to_the_configured_depth(article, clock):
    top = post(article, clock).comment
    reply = post(article, clock, parent=top).comment
    deeper = post(article, clock, parent=reply).comment
    deepest = post(article, clock, parent=deeper).comment
    assert (reply.depth, deeper.depth) == (1, 2)
    # No deeper than 2: beside the comment it answers, which it still names.
    assert deepest.depth == 2 and deepest.parent == deeper
    assert {c.root for c in (reply, deeper, deepest)} == {top}


def test_a_reply_to_a_hidden_comment_is_refused(article, clock):
    hidden = post(article, clock, honeypot="").comment
    Comment.objects.filter(pk=hidden.pk).update(status=Status.PENDING)
    hidden.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        post(article, clock, parent=hidden)
    assert "parent" in error.value.message_dict


# Checks


@pytest.mark.parametrize(
    ("seconds", "code"),
    [(1, Code.TOO_FAST), (2 * 3600 + 60, Code.FORM_EXPIRED)],
    ids=["too fast", "too old"],
)
def test_a_form_sent_too_fast_or_too_late_is_held(article, clock, seconds, code):
    result = post(article, clock, rendered_at=clock.now - dt.timedelta(seconds=seconds))
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {code}


def test_a_form_without_a_valid_timestamp_is_held(article, clock):
    result = post(article, clock, rendered_at=None)
    assert reasons(result.comment) == {Code.FORM_EXPIRED}


def test_more_than_two_links_are_held_two_are_fine(article, clock):
    two = "Lihat https://bnpt.go.id dan http://example.org/a"
    assert post(article, clock, text=two).outcome == Outcome.PUBLISHED
    three = two + " serta https://example.net"
    result = post(article, clock, text=three)
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {Code.LINKS}


def test_a_banned_word_rejects_whatever_its_case_and_accents(article, clock):
    ModerationWord.objects.create(word="bodoh", kind="banned")
    result = post(article, clock, text="Dasar BÓDOH semua!")
    assert result.outcome == Outcome.REJECTED
    assert result.comment.status == Status.REJECTED  # kept, not deleted
    assert reasons(result.comment) == {Code.BANNED_WORD}


def test_words_match_whole_words_only(article, clock):
    ModerationWord.objects.create(word="bodoh", kind="banned")
    assert post(article, clock, text="Kebodohan itu mahal.").outcome == (
        Outcome.PUBLISHED
    )


def test_a_suspect_word_holds_the_comment(article, clock):
    ModerationWord.objects.create(word="judi online", kind="suspect")
    result = post(article, clock, text="Main JUDI online di sini")
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {Code.SUSPECT_WORD}


def test_the_same_text_from_the_same_sender_within_six_minutes_is_a_duplicate(
    article, clock, section
):
    """Under another story it is refused; under the same one it is the
    comment it repeats (the same form sent again: a tester's replay after
    31 s had been kept as a second, rejected copy)."""
    sender = {"author_email": "sama@example.org", "ip": "192.0.2.10"}
    first = post(article, clock, **sender).comment
    clock.advance(minutes=1)  # past the 30 s rate limit
    other = ArticleFactory(
        section=section, comment_policy="post", published_at=article.published_at
    )
    result = post(other, clock, **sender)
    assert result.outcome == Outcome.REJECTED
    assert reasons(result.comment) == {Code.DUPLICATE}
    clock.advance(minutes=1)
    again = post(article, clock, **sender)
    assert again.sent_again and again.comment == first
    assert again.outcome == Outcome.PUBLISHED
    assert Comment.objects.filter(article=article).count() == 1
    clock.advance(minutes=7)
    later = post(article, clock, **sender)
    assert later.outcome == Outcome.PUBLISHED and later.comment != first


def test_a_copy_refused_as_a_duplicate_does_not_start_the_window_again(
    article, clock, section
):
    """Only a published or waiting copy counts: a reader retrying under
    another story had been refused for good, a rejected row each time (the
    same words are still held for a moderator, check_similar)."""
    sender = {"author_email": "lagi@example.org", "ip": "192.0.2.10"}
    other = ArticleFactory(
        section=section, comment_policy="post", published_at=article.published_at
    )
    post(article, clock, **sender)
    clock.advance(minutes=5)
    assert post(other, clock, **sender).outcome == Outcome.REJECTED
    clock.advance(minutes=2)  # 7 minutes after the first, 2 after the refusal
    again = post(other, clock, **sender)
    # Taken: held for a moderator, as the same words from one sender are.
    assert again.outcome == Outcome.QUEUED
    assert reasons(again.comment) == {Code.SIMILAR}


SHORT = "Setuju dengan artikel ini."


def test_another_reader_on_the_same_network_saying_the_same_is_held_not_rejected(
    article, clock
):
    post(article, clock, text=SHORT, ip="203.0.113.5", author_email="a@example.org")
    second = post(
        article, clock, text=SHORT, ip="203.0.113.77", author_email="b@example.org"
    )
    assert second.outcome == Outcome.QUEUED
    assert reasons(second.comment) == {Code.SIMILAR}


def test_the_same_words_from_another_network_and_email_are_published(article, clock):
    post(article, clock, text=SHORT, ip="203.0.113.5", author_email="a@example.org")
    other = post(
        article, clock, text=SHORT, ip="198.51.100.5", author_email="b@example.org"
    )
    assert other.outcome == Outcome.PUBLISHED


@pytest.mark.parametrize(
    ("again", "ip"),
    [
        ("setuju   dengan ARTIKEL ini!", "192.0.2.10"),  # the same words retyped
        (SHORT, "198.18.0.1"),  # the same email on another network
    ],
    ids=["retyped", "other network"],
)
def test_a_near_repeat_from_the_same_email_is_held_not_rejected(
    article, clock, again, ip
):
    post(article, clock, text=SHORT, ip="192.0.2.10", author_email="s@example.org")
    clock.advance(minutes=1)
    result = post(article, clock, text=again, ip=ip, author_email="s@example.org")
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {Code.SIMILAR}


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("email", "troll@example.org", Code.BLOCKED_EMAIL),
        ("domain", "example.org", Code.BLOCKED_DOMAIN),
        ("ip", "203.0.113.0/24", Code.BLOCKED_IP),
    ],
)
def test_a_blocked_sender_is_rejected(article, clock, moderator, kind, value, code):
    services.ban_create(kind=kind, value=value, moderator=moderator)
    result = post(article, clock, author_email="troll@example.org", ip="203.0.113.99")
    assert result.outcome == Outcome.REJECTED
    assert code in reasons(result.comment)


def test_an_expired_ban_no_longer_blocks(article, clock, moderator):
    services.ban_create(
        kind="email",
        value="troll@example.org",
        moderator=moderator,
        until=dt.timedelta(days=1),
    )
    clock.advance(days=2)
    result = post(article, clock, author_email="troll@example.org")
    assert result.outcome == Outcome.PUBLISHED


def test_a_failing_check_holds_the_comment_and_never_rejects(
    article, clock, monkeypatch
):
    def broken(sub, findings):
        raise RuntimeError("word list service down")

    monkeypatch.setattr(comment_checks, "CHECKS", [broken, *comment_checks.CHECKS])
    result = post(article, clock)
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {Code.CHECK_UNAVAILABLE}


def test_a_check_that_times_out_can_hold_but_not_reject(article, clock, settings):
    ModerationWord.objects.create(word="bodoh", kind="banned")
    settings.COMMENTS_CHECK_TIMEOUT_SECONDS = -1  # every check is too slow
    result = post(article, clock, text="bodoh")
    assert result.outcome == Outcome.QUEUED
    assert Code.CHECK_UNAVAILABLE in reasons(result.comment)
    assert Code.BANNED_WORD not in reasons(result.comment)


# One comment per form


def test_one_form_serves_one_comment_the_rest_are_held(article, clock):
    token = sign_rendered_at(clock.now - dt.timedelta(seconds=20))
    outcomes = [
        post(article, clock, form_token=token, text=f"Komentar {n}").outcome
        for n in range(6)
    ]
    assert outcomes == [Outcome.PUBLISHED] + [Outcome.QUEUED] * 5
    held = Comment.objects.filter(status=Status.PENDING)
    assert {code for c in held for code in reasons(c)} == {Code.FORM_REUSED}


def test_a_comment_refused_for_its_input_or_rate_leaves_its_form_usable(article, clock):
    token = sign_rendered_at(clock.now - dt.timedelta(seconds=20))
    reader = {"author_email": "s@example.org", "ip": "192.0.2.10"}
    with pytest.raises(ValidationError):
        post(article, clock, form_token=token, text="\u200b", **reader)
    assert post(article, clock, form_token=token, **reader).outcome == (
        Outcome.PUBLISHED
    )
    again = sign_rendered_at(clock.now - dt.timedelta(seconds=20))
    with pytest.raises(services.RateLimited):
        post(article, clock, form_token=again, text="Lagi.", **reader)
    clock.advance(minutes=1)
    assert post(article, clock, form_token=again, text="Lagi.", **reader).outcome == (
        Outcome.PUBLISHED
    )


def test_a_form_stamp_of_the_old_kind_without_a_one_time_number_is_held(article, clock):
    from django.core import signing

    old = signing.dumps(
        (clock.now - dt.timedelta(seconds=20)).timestamp(), salt="comments.form"
    )
    assert reasons(post(article, clock, form_token=old).comment) == {Code.FORM_EXPIRED}


# Invisible characters


def test_direction_and_zero_width_controls_are_removed_from_text_and_name(
    article, clock
):
    comment = post(
        article,
        clock,
        author_name="\u202eSari\u200b",
        text="Lihat https://evil.example/\u202egpj.exe\u2066 dan\ufeff ini\u061c.",
    ).comment
    assert comment.author_name == "Sari"
    assert comment.text == "Lihat https://evil.example/gpj.exe dan ini."


def test_control_characters_are_removed_and_a_page_break_is_a_line_end(article, clock):
    # Copied out of a PDF (a form feed between its pages) or a terminal (a
    # bell, an escape sequence's ESC): nothing a reader sees is lost.
    comment = post(
        article, clock, text="Rapat ini\x0cpenting\x07 bagi\x1b[1m kawasan."
    ).comment
    assert comment.text == "Rapat ini\npenting bagi[1m kawasan."


def test_joiners_stay_inside_emoji_sequences(article, clock):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    comment = post(article, clock, text=f"Keluarga {family} aman").comment
    assert comment.text == f"Keluarga {family} aman"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b\u200d\u2060\ufeff", "\u202e \u200b\n\u200c", "\u3164\u2800"],
    ids=["zero-width", "controls and spaces", "blank glyphs"],
)
def test_a_comment_of_only_invisible_characters_is_refused(
    article, clock, english, invisible
):
    with pytest.raises(ValidationError) as error:
        post(article, clock, text=invisible)
    assert error.value.message_dict["text"] == [
        "Your comment has only invisible characters. Write something readers can see."
    ]
    assert not Comment.objects.exists()


def test_an_empty_comment_is_still_asked_for(article, clock, english):
    with pytest.raises(ValidationError) as error:
        post(article, clock, text=" \n ")
    assert error.value.message_dict["text"] == ["Write your comment."]


def test_a_name_of_only_invisible_characters_is_refused(article, clock):
    with pytest.raises(ValidationError) as error:
        post(article, clock, author_name="\u3164")
    assert "author_name" in error.value.message_dict


def test_zero_width_characters_cannot_hide_a_banned_word(article, clock):
    ModerationWord.objects.create(word="bodoh", kind="banned")
    result = post(article, clock, text="Dasar bo\u200bdo\u00adh!")
    assert result.outcome == Outcome.REJECTED
    assert reasons(result.comment) == {Code.BANNED_WORD}


# Rate limits


def test_one_comment_per_thirty_seconds_per_reader(article, clock):
    """A reader is an email on an IP network (IPv4 /24): another address in
    the same /24 does not help."""
    reader = {"author_email": "sama@example.org"}
    post(article, clock, ip="203.0.113.5", **reader)
    with pytest.raises(services.RateLimited) as limited:
        post(article, clock, ip="203.0.113.200", text="Lagi.", **reader)
    assert 0 < limited.value.retry_after <= 31
    clock.advance(seconds=limited.value.retry_after)
    assert post(article, clock, ip="203.0.113.200", text="Lagi.", **reader).comment


def test_another_reader_on_the_same_network_is_not_kept_waiting(article, clock):
    """Carrier NAT puts many readers on one network: the second one posts at once."""
    post(article, clock, ip="203.0.113.5", author_email="sari@example.org")
    second = post(
        article,
        clock,
        ip="203.0.113.5",
        author_email="budi@example.org",
        text="Patroli bersama perlu diperluas.",
    )
    assert second.outcome == Outcome.PUBLISHED


def test_someone_using_a_readers_email_elsewhere_cannot_hold_them_up(article, clock):
    post(article, clock, ip="192.0.2.1", author_email="sari@example.org")
    own = post(article, clock, ip="198.18.0.1", author_email="sari@example.org")
    assert own.comment is not None


def test_ipv6_readers_are_counted_per_slash_48(article, clock):
    reader = {"author_email": "sama@example.org"}
    post(article, clock, ip="2001:db8:1:1::5", **reader)
    with pytest.raises(services.RateLimited):
        post(article, clock, ip="2001:db8:1:ffff::9", text="Satu lagi.", **reader)
    assert post(article, clock, ip="2001:db8:2::1", **reader).comment  # another /48


def test_five_comments_per_ten_minutes(article, clock):
    sender = {"author_email": "rajin@example.org", "ip": "192.0.2.50"}
    reader = ratelimits.reader("192.0.2.0/24", sender["author_email"])
    clock.start_of_window(reader, 600)  # all six attempts in one window
    for n in range(5):
        post(article, clock, text=f"Komentar {n}", **sender)
        clock.advance(seconds=31)
    with pytest.raises(services.RateLimited) as limited:
        post(article, clock, text="Komentar 6", **sender)
    assert limited.value.retry_after > 30


def flood(article, clock, *, every: int, seconds: int, ip, email) -> list[float]:
    """Try to post every `every` seconds for `seconds`; return when posts got in."""
    accepted = []
    for n in range(seconds // every):
        try:
            post(
                article,
                clock,
                ip=ip(n),
                author_email=email(n),
                text=f"Promo murah nomor {n}",
            )
        except services.RateLimited:
            pass
        else:
            accepted.append(n * every)
        clock.advance(seconds=every)
    return accepted


def most_in_a_minute(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 60) for start in times)


def bots_on(network_prefix: str):
    """A bot on one /24 with a new address and email for every post."""
    return {
        "ip": lambda n: f"{network_prefix}.{n % 250 + 1}",
        "email": lambda n: f"bot{n}@spam.example",
    }


def test_a_paced_flood_from_one_network_stops_at_the_network_ceiling(
    article, clock, settings
):
    """One post every 10 s from one /24: six per minute window get in, and
    thirty in ten minutes (the network alone allowed 2 and 5 before)."""
    assert settings.READER_RATES["comment_ceiling"] == ["6/m", "30/10m"]
    clock.start_of_window("203.0.113.0/24", 600)
    accepted = flood(article, clock, every=10, seconds=600, **bots_on("203.0.113"))
    assert len(accepted) == 30
    assert most_in_a_minute(accepted) == 6


def test_a_hammering_flood_uses_up_the_network_ceiling_at_once(article, clock):
    """One attempt every 2 s: refused attempts count too, so after the first
    minute's six the network is full for the rest of the ten minutes."""
    clock.start_of_window("203.0.113.0/24", 600)
    accepted = flood(article, clock, every=2, seconds=600, **bots_on("203.0.113"))
    assert len(accepted) == 6
    assert max(accepted) < 60


def test_an_unreachable_cache_holds_comments_instead_of_failing(
    article, clock, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    result = post(article, clock)
    assert result.outcome == Outcome.QUEUED
    assert reasons(result.comment) == {Code.CHECK_UNAVAILABLE}


# Flags


def flag(comment, reader, ip="192.0.2.1", reason="abusive"):
    return services.comment_flag(
        comment=comment, reason=reason, reader_key=reader, ip=ip
    )


def test_three_distinct_readers_hide_a_comment_for_review(article, clock, settings):
    comment = post(article, clock).comment
    assert count(article) == 1
    flag(comment, "r1", ip="192.0.2.1")
    flag(comment, "r2", ip="198.51.100.1")
    assert Comment.objects.get(pk=comment.pk).status == Status.APPROVED
    flag(comment, "r3", ip="203.0.113.1")
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert Code.FLAGGED in reasons(comment)
    assert count(article) == 0
    assert comment in Comment.objects.queue()


def test_three_fresh_cookies_on_one_network_cannot_hide_a_comment(article, clock):
    """The attack: one person, three readers' keys, one network. The comment
    stays shown and waits in the queue for a moderator."""
    comment = post(article, clock).comment
    for n in range(3):
        flag(comment, f"fresh-cookie-{n}", ip=f"192.0.2.{n + 1}")
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.flag_count == 3
    assert count(article) == 1
    assert comment in Comment.objects.queue()
    assert [r.detail for r in comment.reasons.all()] == [
        "3 flags, 1 source; still shown"
    ]


def test_reports_from_one_network_never_hide_a_comment_however_many(article, clock):
    comment = post(article, clock).comment
    for n in range(9):
        flag(comment, f"reader-{n}", ip="192.0.2.9")
        clock.advance(seconds=21)  # within the three-a-minute report limit
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.flag_count == 9
    assert comment.reasons.count() == 1  # noted once


def test_signed_in_reporters_count_as_independent_on_one_network(
    article, clock, django_user_model
):
    comment = post(article, clock).comment
    for n in range(3):
        user = django_user_model.objects.create_user(f"pembaca{n}")
        services.comment_flag(
            comment=comment,
            reason="abusive",
            reader_key=f"user:{user.pk}",
            user=user,
            ip="192.0.2.1",
        )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_flags_a_moderator_has_dealt_with_do_not_count_again(article, clock, moderator):
    comment = post(article, clock).comment
    flag(comment, "r1", ip="192.0.2.1")
    flag(comment, "r2", ip="198.51.100.1")
    clock.advance(minutes=5)
    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)
    clock.advance(minutes=5)
    flag(comment, "r3", ip="203.0.113.1")
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.flag_count == 1


def test_keeping_a_flagged_comment_that_is_still_shown_clears_its_flags(
    article, clock, moderator
):
    comment = post(article, clock).comment
    for n in range(3):
        flag(comment, f"fresh-cookie-{n}", ip="192.0.2.1")
    changed = services.comment_moderate(
        comments=[comment], action="approve", moderator=moderator, note="Fine."
    )
    comment.refresh_from_db()
    assert changed == 1
    assert comment.status == Status.APPROVED and comment.flag_count == 0
    assert comment not in Comment.objects.queue()
    entry = ModerationLog.objects.get(comment=comment, action="dismiss reports")
    assert (entry.from_status, entry.to_status, entry.note) == (
        "approved",
        "approved",
        "Fine.",
    )


def test_a_reader_flags_a_comment_only_once(article, clock):
    comment = post(article, clock).comment
    assert flag(comment, "r1")[1] is True
    clock.advance(minutes=1)
    assert flag(comment, "r1")[1] is False
    comment.refresh_from_db()
    assert comment.flag_count == 1


def test_other_needs_words(article, clock):
    comment = post(article, clock).comment
    with pytest.raises(ValidationError):
        flag(comment, "r1", reason="other")


def test_three_flags_a_minute_per_network(article, clock):
    comments = [post(article, clock).comment for _ in range(4)]
    for n, comment in enumerate(comments[:3]):
        flag(comment, f"r{n}", ip="192.0.2.9")
    with pytest.raises(services.RateLimited):
        flag(comments[3], "r9", ip="192.0.2.77")


# Moderation


def make_pending(article, n):
    """n comments waiting for a moderator, from p0@example.org, p1@…"""
    return [
        CommentFactory(
            article=article,
            pending=True,
            author_email=f"p{i}@example.org",
            text=f"Komentar {i}",
        )
        for i in range(n)
    ]


def test_a_hundred_comments_are_approved_in_one_go_and_logged(article, moderator):
    comments = make_pending(article, 100)
    changed = services.comment_moderate(
        comments=comments, action="approve", moderator=moderator, note="ok"
    )
    assert changed == 100
    assert Comment.objects.visible().count() == 100
    assert count(article) == 100
    assert ModerationLog.objects.filter(
        action="approve", moderator=moderator
    ).count() == (100)


def test_counts_follow_every_transition(article, moderator):
    (comment,) = make_pending(article, 1)

    def move(action):
        services.comment_moderate(
            comments=[comment], action=action, moderator=moderator
        )
        return count(article)

    assert move("approve") == 1
    assert move("reject") == 0
    assert move("restore") == 1  # back to approved
    assert move("spam") == 0
    assert move("approve") == 1
    assert move("remove") == 0
    assert Comment.objects.filter(pk=comment.pk).exists()  # never deleted


def test_a_removed_comment_whose_text_a_moderator_edited_is_restored(
    article, moderator
):
    # The edit is logged from "removed" to "removed": restore took it for the
    # latest change and left the comment removed for good.
    comment = CommentFactory(article=article)
    services.comment_moderate(comments=[comment], action="remove", moderator=moderator)
    services.comment_edit(
        comment=Comment.objects.get(pk=comment.pk),
        text="Teks yang disunting moderator.",
        moderator=moderator,
    )
    changed = services.comment_moderate(
        comments=[comment], action="restore", moderator=moderator
    )
    assert changed == 1
    comment.refresh_from_db()
    assert (comment.status, comment.text) == (
        Comment.Status.APPROVED,
        "Teks yang disunting moderator.",
    )


def test_restoring_leaves_a_comment_on_the_site_as_it_is(article, moderator):
    # A restored comment restored again went off the site (back to
    # "removed") without the confirmation "remove" asks for; an approved one
    # went back to the queue.
    restored = CommentFactory(article=article)
    approved = CommentFactory(article=article)
    waiting = CommentFactory(article=article, pending=True)
    services.comment_moderate(comments=[restored], action="remove", moderator=moderator)
    services.comment_moderate(
        comments=[restored], action="restore", moderator=moderator
    )
    changed = services.comment_moderate(
        comments=[restored, approved, waiting], action="restore", moderator=moderator
    )
    assert changed == 0
    assert [
        Comment.objects.get(pk=c.pk).status for c in (restored, approved, waiting)
    ] == [Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING]
    assert count(article) == 2


def test_the_log_is_append_only_history(article, moderator):
    (comment,) = make_pending(article, 1)
    for action in ("approve", "reject", "restore"):
        services.comment_moderate(
            comments=[comment], action=action, moderator=moderator
        )
    steps = list(
        ModerationLog.objects.filter(comment=comment)
        .order_by("at", "id")
        .values_list("action", "from_status", "to_status")
    )
    assert steps == [
        ("approve", "pending", "approved"),
        ("reject", "approved", "rejected"),
        ("restore", "rejected", "approved"),
    ]


def test_approving_a_flagged_comment_clears_its_flags(article, clock, moderator):
    comment = post(article, clock).comment
    for n, ip in enumerate(("192.0.2.1", "198.51.100.1", "203.0.113.1")):
        flag(comment, f"r{n}", ip=ip)
    services.comment_moderate(comments=[comment], action="approve", moderator=moderator)
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.flag_count == 0
    assert comment not in Comment.objects.queue()


def test_only_moderators_moderate(article, reporter, desk_editor):
    comments = make_pending(article, 1)
    for user in (reporter, desk_editor):
        with pytest.raises(PermissionDenied):
            services.comment_moderate(
                comments=comments, action="approve", moderator=user
            )


def test_only_moderators_edit_ban_and_lift_bans(
    article, moderator, reporter, desk_editor
):
    (comment,) = make_pending(article, 1)
    ban = services.ban_create(kind="email", value="x@example.org", moderator=moderator)
    for user in (reporter, desk_editor):
        with pytest.raises(PermissionDenied):
            services.comment_edit(comment=comment, text="Lain.", moderator=user)
        with pytest.raises(PermissionDenied):
            services.ban_create(kind="email", value="y@example.org", moderator=user)
        with pytest.raises(PermissionDenied):
            services.ban_lift(bans=[ban], moderator=user)
    assert Comment.objects.get(pk=comment.pk).text == "Komentar 0"
    assert list(Ban.objects.active()) == [ban]


@pytest.mark.parametrize(
    "attempt",
    [
        lambda c, m: services.comment_moderate(
            comments=[c], action="delete", moderator=m
        ),
        lambda c, m: services.comment_edit(comment=c, text="\u200b \n", moderator=m),
        lambda c, m: services.ban_create(kind="phone", value="0812", moderator=m),
    ],
    ids=["unknown action", "edit to nothing visible", "unknown kind of ban"],
)
def test_a_moderators_mistake_is_refused_and_changes_nothing(
    article, moderator, attempt
):
    (comment,) = make_pending(article, 1)
    with pytest.raises(ValidationError):
        attempt(comment, moderator)
    comment.refresh_from_db()
    assert (comment.status, comment.text) == (Status.PENDING, "Komentar 0")
    assert not ModerationLog.objects.exists() and not Ban.objects.exists()


def test_each_moderation_action_says_whether_it_would_change_a_comment(article):
    pending = CommentFactory(article=article, pending=True)
    shown = CommentFactory(article=article)
    flagged = CommentFactory(article=article, flag_count=1)
    offered = {
        name: [action.changes(c) for c in (pending, shown, flagged)]
        for name, action in services.MODERATION_ACTIONS.items()
    }
    assert offered == {
        "approve": [True, False, True],  # approving keeps a flagged one, unflagged
        "reject": [True, True, True],
        "spam": [True, True, True],
        "remove": [True, True, True],
        "restore": [False, False, False],  # none is off the site
    }
    assert [a.name for a in services.MODERATION_ACTIONS.values() if a.one_click] == [
        "approve",
        "reject",
    ]
    assert [a.name for a in services.MODERATION_ACTIONS.values() if a.confirm] == [
        "remove"
    ]


def test_an_edit_keeps_the_original_and_is_labelled(article, moderator):
    (comment,) = make_pending(article, 1)
    services.comment_edit(comment=comment, text="Disunting.", moderator=moderator)
    services.comment_edit(comment=comment, text="Disunting lagi.", moderator=moderator)
    comment.refresh_from_db()
    assert comment.text == "Disunting lagi."
    assert comment.original_text == "Komentar 0"
    assert comment.edited_by == moderator and comment.edited_at
    assert ModerationLog.objects.filter(comment=comment, action="edit").count() == 2


# Bans


def test_a_ban_can_reject_the_senders_pending_comments(article, moderator):
    make_pending(article, 3)
    services.ban_create(
        kind="email",
        value=" P1@Example.org ",
        moderator=moderator,
        reject_pending=True,
    )
    assert Comment.objects.get(author_email="p1@example.org").status == (
        Status.REJECTED
    )
    assert Comment.objects.pending().count() == 2
    assert Ban.objects.get().value == "p1@example.org"


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("domain", " @Example.COM ", "example.com"),
        ("ip", "203.0.113.7", "203.0.113.7/32"),
        ("ip", "2001:db8::/48", "2001:db8::/48"),
    ],
)
def test_ban_values_are_normalised(moderator, kind, value, stored):
    assert services.ban_create(kind=kind, value=value, moderator=moderator).value == (
        stored
    )


@pytest.mark.parametrize(
    ("kind", "value"), [("ip", "999.1.1.1"), ("domain", "nodot"), ("email", "x@")]
)
def test_bad_ban_values_are_refused(moderator, kind, value):
    with pytest.raises(ValidationError):
        services.ban_create(kind=kind, value=value, moderator=moderator)
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (
            "ip",
            "0.0.0.0/0",
            "0.0.0.0/0 is too wide a network to ban: it would shut out readers "
            "who are not this sender. Ban a /16 or a narrower network.",
        ),
        (
            "ip",
            "203.0.113.7/8",  # a mistyped /28
            "203.0.0.0/8 is too wide a network to ban: it would shut out readers "
            "who are not this sender. Ban a /16 or a narrower network.",
        ),
        (
            "ip",
            "2001:db8::/31",
            "2001:db8::/31 is too wide a network to ban: it would shut out "
            "readers who are not this sender. Ban a /32 or a narrower network.",
        ),
        (
            "domain",
            "co.id",
            "co.id is shared by the addresses of many owners: ban one owner's "
            "domain, such as example.co.id.",
        ),
        (
            "domain",
            "@go.id",  # every ministry's and agency's address
            "go.id is shared by the addresses of many owners: ban one owner's "
            "domain, such as example.go.id.",
        ),
    ],
)
def test_a_ban_that_would_shut_out_everyone_rejects_nothing(
    article, moderator, english, kind, value, message
):
    # "0.0.0.0/0" or a domain every company shares was taken: every reader
    # was banned, and with "reject pending" every comment waiting rejected.
    waiting = waiting_from(
        article, one="203.0.113.9", two="humas@bnpt.go.id", three="2001:db8::7"
    )
    with pytest.raises(ValidationError) as refused:
        services.ban_create(
            kind=kind, value=value, moderator=moderator, reject_pending=True
        )
    assert refused.value.messages == [message]
    assert not Ban.objects.exists()
    assert still_waiting(waiting) == {"one", "two", "three"}


@pytest.mark.parametrize(
    ("kind", "value"),
    [("ip", "203.0.0.0/16"), ("ip", "2001:db8::/32"), ("domain", "spam.co.id")],
)
def test_the_widest_bans_allowed_are_taken(moderator, kind, value):
    assert services.ban_create(kind=kind, value=value, moderator=moderator).value == (
        value
    )


@pytest.mark.parametrize("typed", ["YAHOO.CO.ID.", ".yahoo.co.id", "@yahoo.co.id"])
def test_a_domain_ban_written_with_a_dot_or_an_at_bans_the_domain(
    article, clock, moderator, typed
):
    # "yahoo.co.id." (fully qualified) was kept with its dot and matched no
    # address; ".yahoo.co.id" was refused, suggesting "example..yahoo.co.id".
    ban = services.ban_create(kind="domain", value=typed, moderator=moderator)
    assert ban.value == "yahoo.co.id"
    assert post(article, clock, author_email="yus@yahoo.co.id").outcome == (
        Outcome.REJECTED
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("::ffff:114.4.0.0/112", "114.4.0.0/16"), ("::ffff:114.4.5.6", "114.4.5.6/32")],
)
def test_an_ipv4_mapped_ban_is_the_ipv4_network_it_is(moderator, typed, kept):
    assert services.ban_create(kind="ip", value=typed, moderator=moderator).value == (
        kept
    )


def test_an_ipv4_mapped_network_wider_than_ipv4_allows_is_refused(moderator):
    # ::ffff:…/100 passed as an IPv6 /100; it is an IPv4 /4.
    with pytest.raises(ValidationError) as refused:
        services.ban_create(
            kind="ip", value="::ffff:114.4.0.0/100", moderator=moderator
        )
    # Named as the IPv4 network it is, held to IPv4's widest (/16).
    (message,) = refused.value.message_dict["value"]
    assert "112.0.0.0/4" in message and "/16" in message


def test_a_domain_ban_covers_its_subdomains_only(article, clock, moderator):
    services.ban_create(kind="domain", value="example.org", moderator=moderator)
    blocked = post(article, clock, author_email="a@mail.example.org")
    assert blocked.outcome == Outcome.REJECTED
    fine = post(article, clock, author_email="a@notexample.org")
    assert fine.outcome == Outcome.PUBLISHED


def waiting_from(article, **senders):
    """One comment waiting for a moderator per sender (name: email or IP)."""
    return {
        name: CommentFactory(
            article=article,
            pending=True,
            **({"author_email": sender} if "@" in sender else {"ip_address": sender}),
        )
        for name, sender in senders.items()
    }


def still_waiting(comments: dict) -> set[str]:
    pending = set(Comment.objects.pending().values_list("pk", flat=True))
    return {name for name, comment in comments.items() if comment.pk in pending}


def test_a_domain_ban_rejects_what_waits_from_the_domain_and_its_subdomains(
    article, moderator
):
    waiting = waiting_from(
        article,
        domain="a@example.org",
        capitals="B@EXAMPLE.ORG",
        subdomain="c@mail.example.org",
        lookalike="d@notexample.org",
        longer="e@example.org.evil.example",
    )
    services.ban_create(
        kind="domain", value="@Example.org", moderator=moderator, reject_pending=True
    )
    assert still_waiting(waiting) == {"lookalike", "longer"}
    assert (
        ModerationLog.objects.filter(action="reject", moderator=moderator).count() == 3
    )


@pytest.mark.parametrize(
    ("network", "inside", "outside"),
    [
        ("203.0.113.0/24", ["203.0.113.1", "203.0.113.254"], ["203.0.114.1"]),
        ("203.0.113.7", ["203.0.113.7"], ["203.0.113.8"]),
        (
            "2001:db8:abcd::/48",
            ["2001:db8:abcd::1", "2001:db8:abcd:ffff::2"],
            ["2001:db8:abce::1", "203.0.113.1"],
        ),
    ],
    ids=["IPv4 /24", "one IPv4 address", "IPv6 /48"],
)
def test_an_ip_ban_rejects_what_waits_from_inside_its_network_only(
    article, moderator, network, inside, outside
):
    waiting = waiting_from(
        article, **{f"in{n}": ip for n, ip in enumerate(inside)}
    ) | waiting_from(article, **{f"out{n}": ip for n, ip in enumerate(outside)})
    CommentFactory(article=article, pending=True, ip_address=None, ip_network="")
    services.ban_create(
        kind="ip", value=network, moderator=moderator, reject_pending=True
    )
    assert still_waiting(waiting) == {f"out{n}" for n in range(len(outside))}
    assert Comment.objects.pending().filter(ip_address=None).exists()


@pytest.mark.parametrize(
    ("network", "inside", "outside"),
    [
        ("203.0.113.0/24", "203.0.113.250", "203.0.114.1"),
        ("2001:db8:abcd::/48", "2001:db8:abcd:12::1", "2001:db8:abce::1"),
    ],
    ids=["IPv4 /24", "IPv6 /48"],
)
def test_an_ip_network_ban_blocks_new_comments_from_inside_it(
    article, clock, moderator, network, inside, outside
):
    services.ban_create(kind="ip", value=network, moderator=moderator)
    blocked = post(article, clock, ip=inside)
    assert blocked.outcome == Outcome.REJECTED
    assert reasons(blocked.comment) == {Code.BLOCKED_IP}
    assert post(article, clock, ip=outside).outcome == Outcome.PUBLISHED


def test_a_ban_by_someone_who_may_not_moderate_rejects_nothing(
    article, django_user_model
):
    waiting = waiting_from(article, troll="troll@example.org")
    banner = django_user_model.objects.create_user("banner", is_staff=True)
    banner.user_permissions.add(Permission.objects.get(codename="add_ban"))
    services.ban_create(
        kind="email", value="troll@example.org", moderator=banner, reject_pending=True
    )
    assert Ban.objects.get().value == "troll@example.org"
    assert still_waiting(waiting) == {"troll"}


# Moderators' edits are held to the readers' rules


@pytest.mark.parametrize("text", ["\u200b", "\u00ad", " \u200b\u00ad "])
def test_a_moderators_edit_of_only_invisible_characters_is_refused(
    article, moderator, text
):
    comment = CommentFactory(article=article, text="Teks asli.")
    with pytest.raises(ValidationError) as refused:
        services.comment_edit(comment=comment, text=text, moderator=moderator)
    assert list(refused.value.message_dict) == ["text"]
    assert Comment.objects.get(pk=comment.pk).text == "Teks asli."


def test_a_moderators_edit_is_held_to_the_readers_length_limit(
    article, moderator, settings
):
    settings.COMMENTS_MAX_LENGTH = 20
    comment = CommentFactory(article=article, text="Teks asli.")
    with pytest.raises(ValidationError) as refused:
        services.comment_edit(comment=comment, text="x" * 21, moderator=moderator)
    assert list(refused.value.message_dict) == ["text"]
    assert "20" in refused.value.message_dict["text"][0]
    assert Comment.objects.get(pk=comment.pk).text == "Teks asli."

    services.comment_edit(comment=comment, text="x" * 20, moderator=moderator)
    assert Comment.objects.get(pk=comment.pk).text == "x" * 20


# Banned phrases, however they are spaced


@pytest.mark.parametrize(
    "text",
    [
        "Beli OBAT  KUAT murah",
        "Obat-kuat di sini",
        "obat - kuat, obat_kuat",
        "Obat\nkuat!",
        "obat...kuat",
    ],
)
def test_a_banned_phrase_is_caught_whatever_spaces_or_hyphens_part_its_words(
    article, clock, text
):
    ModerationWord.objects.create(word="obat kuat", kind="banned")
    result = post(article, clock, text=text)
    assert result.outcome == Outcome.REJECTED
    assert reasons(result.comment) == {Code.BANNED_WORD}


def test_a_banned_phrase_still_needs_its_words_whole(article, clock):
    ModerationWord.objects.create(word="obat kuat", kind="banned")
    for text in ["Obatkuat itu apa?", "Obat yang kuat.", "obat kuatnya"]:
        assert post(article, clock, text=text).outcome == Outcome.PUBLISHED, text


def test_a_banned_word_repeated_with_a_hyphen_is_caught(article, clock):
    ModerationWord.objects.create(word="anjing", kind="banned")
    ModerationWord.objects.create(word="kucing-kucing", kind="banned")
    assert post(article, clock, text="Dasar anjing-anjing!").outcome == (
        Outcome.REJECTED
    )
    assert post(article, clock, text="Ada kucing  kucing.").outcome == (
        Outcome.REJECTED
    )


# The word lists


def test_a_word_is_listed_once_whatever_its_case(db):
    ModerationWord.objects.create(word="bodoh", kind="banned")
    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationWord.objects.create(word="Bodoh", kind="banned")
    ModerationWord.objects.create(word="Bodoh", kind="suspect")  # another list


# What the checks and readers' reports noted, in words


def test_reports_counts_are_translated_with_their_plural_forms(article, clock):
    comment = post(article, clock).comment
    for n, ip in enumerate(["192.0.2.1", "198.51.100.1", "203.0.113.1"]):
        flag(comment, f"r{n}", ip=ip)
    shown_by_one = post(article, clock).comment
    for n in range(3):
        flag(shown_by_one, f"fresh-cookie-{n}", ip=f"198.18.0.{n + 1}")

    hidden = CommentReason.objects.get(comment=comment)
    assert hidden.detail == "3 flags, 3 sources"  # stored as data
    still_shown = CommentReason.objects.get(comment=shown_by_one)
    entry = ModerationLog.objects.get(comment=comment, action="hidden by flags")
    with translation.override("id"):
        assert hidden.detail_text() == "3 laporan, 3 sumber"
        assert still_shown.detail_text() == ("3 laporan, 1 sumber; masih ditampilkan")
        assert entry.note_text() == hidden.detail_text()
    with translation.override("en"):
        assert still_shown.detail_text() == "3 reports, 1 source; still shown"


def test_what_the_checks_noted_reads_as_the_reasons_labels(article, clock, moderator):
    services.ban_create(kind="email", value="user9@example0.org", moderator=moderator)
    result = post(article, clock, author_email="user9@example0.org")
    entry = ModerationLog.objects.get(comment=result.comment, action="posted")
    assert entry.note == "blocked_email user9@example0.org"  # stored as data
    with translation.override("en"):
        assert entry.note_text() == "Blocked email: user9@example0.org"
        assert entry.get_action_display() == "Posted"
    # A moderator's own note is theirs, as written.
    services.comment_moderate(
        comments=[result.comment],
        action="approve",
        moderator=moderator,
        note="blocked_email by mistake",
    )
    entry = ModerationLog.objects.get(comment=result.comment, action="approve")
    assert entry.note_text() == "blocked_email by mistake"
