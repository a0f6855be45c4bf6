"""The moderation desk in the admin: queue, actions, bans, edits, log and export."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import (
    Article,
    Ban,
    Comment,
    CommentFlag,
    CommentReason,
    ModerationLog,
    ModerationWord,
)
from newsroom.text import strip_invisible
from tests.articles.comment_factories import (
    BanFactory,
    CommentFactory,
    CommentReasonFactory,
    ModerationWordFactory,
    as_listed,
)
from tests.articles.factories import ArticleFactory

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
Code = CommentReason.Code


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


QUEUE = reverse("admin:articles_comment_changelist")
EVERY_COMMENT = QUEUE + "?status=all"
LOG = reverse("admin:articles_moderationlog_changelist")
EXPORT = reverse("admin:articles_moderationlog_export")


@pytest.fixture
def article(section):
    # English, as the interface the tests read: its page is the English one.
    return ArticleFactory(section=section, title="JWG meets again", language="en")


def listed(client, query=""):
    response = client.get(QUEUE + query)
    assert response.status_code == 200, response.get("Location")
    return list(response.context["cl"].result_list)


def act(client, action, comments, *, note="", url=EVERY_COMMENT, follow=False, **extra):
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: [c.pk for c in comments],
        "note": note,
        **as_listed(comments),
        **extra,
    }
    return client.post(url, data, follow=follow)


def save_comment_page(client, comment, **fields):
    """Post the comment's change page as a browser would (inline management
    forms included), with these fields."""
    url = admin_url(Comment, "change", comment.pk)
    page = client.get(url)
    data = {
        "text": comment.text,
        "seen": page.context["adminform"].form["seen"].value(),
    }
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {
                management.add_prefix(name): value
                for name, value in management.initial.items()
            }
        )
    data.update(fields)
    return client.post(url, data)


def row_seen(comment) -> dict[str, str]:
    """What a queue row posts with its buttons of the comment it shows: the
    latest entry of its log (seen_<id>)."""
    latest = Comment.objects.with_last_change().get(pk=comment.pk).last_change
    return {f"seen_{comment.pk}": str(latest)}


def approved_count(article) -> int:
    return Article.objects.get(pk=article.pk).approved_comment_count


def statuses(comments) -> list[str]:
    return [Comment.objects.get(pk=c.pk).status for c in comments]


def ago(**delta):
    return timezone.now() - dt.timedelta(**delta)


# The queue


def test_the_queue_lists_pending_first_then_flagged_oldest_first(
    moderator_client, article
):
    flagged_old = CommentFactory(
        article=article, status=Status.APPROVED, flag_count=2, created_at=ago(days=3)
    )
    pending_new = CommentFactory(article=article, created_at=ago(hours=1), pending=True)
    pending_old = CommentFactory(article=article, created_at=ago(days=2), pending=True)
    CommentFactory(article=article, status=Status.APPROVED)  # nothing to do
    CommentFactory(article=article, status=Status.REJECTED)

    assert listed(moderator_client) == [pending_old, pending_new, flagged_old]


def test_a_column_header_still_sorts_the_queue(moderator_client, article):
    old = CommentFactory(article=article, created_at=ago(days=2), pending=True)
    new = CommentFactory(article=article, created_at=ago(hours=1), pending=True)
    columns = list(moderator_client.get(QUEUE).context["cl"].list_display)
    # The comment's column sorts by when it was posted (shown under it).
    newest_first = f"?o=-{columns.index('excerpt')}"
    assert listed(moderator_client, newest_first) == [new, old]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=approved", {"approved", "approved_flagged"}),
        ("?status=rejected", {"rejected"}),
        ("?status=flagged", {"approved_flagged"}),
        ("?status=all", {"pending", "approved", "approved_flagged", "rejected"}),
    ],
)
def test_the_status_filter_shows_one_status_the_flagged_or_everything(
    moderator_client, article, query, expected
):
    made = {
        "pending": CommentFactory(article=article, pending=True),
        "approved": CommentFactory(article=article, status=Status.APPROVED),
        "approved_flagged": CommentFactory(
            article=article, status=Status.APPROVED, flag_count=1
        ),
        "rejected": CommentFactory(article=article, status=Status.REJECTED),
    }
    names = {comment.pk: name for name, comment in made.items()}
    assert {names[c.pk] for c in listed(moderator_client, query)} == expected


def test_the_reason_filter_lists_each_comment_once(moderator_client, article):
    two_banned_words = CommentFactory(article=article, pending=True)
    CommentReasonFactory(comment=two_banned_words, code=Code.SUSPECT_WORD, detail="a")
    CommentReasonFactory(comment=two_banned_words, code=Code.SUSPECT_WORD, detail="b")
    links = CommentFactory(article=article, pending=True)
    CommentReasonFactory(comment=links, code=Code.LINKS)

    assert listed(moderator_client, "?reason=suspect_word") == [two_banned_words]
    assert listed(moderator_client, "?reason=links") == [links]


def test_the_article_filter_offers_articles_with_comments_waiting(
    moderator_client, article, section
):
    quiet = ArticleFactory(section=section, title="Nothing to moderate here")
    CommentFactory(article=quiet, status=Status.APPROVED)
    waiting = CommentFactory(article=article, pending=True)
    CommentFactory(article=ArticleFactory(section=section), pending=True)

    response = moderator_client.get(QUEUE)
    content = response.content.decode()
    assert f"?article={article.pk}" in content
    assert "Nothing to moderate here" not in content
    assert listed(moderator_client, f"?article={article.pk}") == [waiting]
    assert moderator_client.get(QUEUE + "?article=x")["Location"].endswith("?e=1")


@pytest.mark.parametrize("query", ["Siti", "siti@example", "Natuna"])
def test_the_queue_is_searched_by_text_name_and_email(moderator_client, article, query):
    found = CommentFactory(
        article=article,
        author_name="Siti Rahma",
        author_email="siti@example.org",
        text="What about the Natuna sea patrols?",
        pending=True,
    )
    CommentFactory(article=article, pending=True)
    assert listed(moderator_client, f"?q={query}") == [found]


def test_each_row_shows_the_escaped_text_the_article_reasons_and_flags(
    moderator_client, article
):
    comment = CommentFactory(
        article=article,
        text="<script>alert('x')</script> Read http://spam.example now",
        flag_count=2,
        author_email="budi@example.net",
        pending=True,
    )
    CommentReasonFactory(comment=comment, code=Code.LINKS, detail="3 links")
    CommentReasonFactory(comment=comment, code=Code.FLAGGED, detail="2 flags")

    content = moderator_client.get(QUEUE).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content
    assert "<script>alert(" not in content
    assert "JWG meets again" in content
    assert "Too many links: 3 links" in content
    assert "Reported by readers: 2 flags" in content  # the detail as stored
    assert '<small class="why">2 reports</small>' in content
    assert "budi@example.net" in content


# Session, user, two for permissions, the article filter's choices, the count,
# the comments with their articles, their reasons.
QUEUE_QUERIES = 8


@pytest.mark.parametrize("count", [5, 60])
def test_the_queue_costs_the_same_queries_for_5_and_60_comments(
    moderator_client, moderator, section, django_assert_num_queries, count
):
    articles = [ArticleFactory(section=section) for _ in range(3)]
    for n in range(count):
        comment = CommentFactory(
            article=articles[n % 3], flag_count=n % 2, pending=True
        )
        CommentReasonFactory(comment=comment, code=Code.LINKS)
        CommentReasonFactory(comment=comment, code=Code.SUSPECT_WORD, detail="x")
    moderator_client.get(QUEUE)  # warm the session and content-type caches

    with django_assert_num_queries(QUEUE_QUERIES):
        response = moderator_client.get(QUEUE)
    assert len(response.context["cl"].result_list) == count


def test_the_queue_reads_no_article_body_or_search_vector(
    moderator_client, article, django_assert_num_queries
):
    """The queue's rows read their articles' titles and addresses, not the
    kilobytes of each body and search vector (100 rows at 100,000 articles:
    the queue's query took 15.5 ms with them, 2.7 without)."""
    article.body = "A body the queue never shows. " * 200
    article.save()
    CommentFactory.create_batch(3, article=article, pending=True)
    moderator_client.get(QUEUE)

    with django_assert_num_queries(QUEUE_QUERIES) as captured:
        response = moderator_client.get(QUEUE)
    assert response.content.decode().count(article.get_absolute_url()) == 3
    article_columns = {
        column
        for query in captured.captured_queries
        for column in re.findall(r'"articles_article"\."(\w+)"', query["sql"])
    }
    assert "title" in article_columns
    assert not article_columns & {"body", "search_vector", "rank_vector"}


# Actions


def test_approving_100_comments_takes_one_request_and_logs_each(
    moderator_client, moderator, article, django_assert_max_num_queries
):
    comments = CommentFactory.create_batch(100, article=article, pending=True)

    with django_assert_max_num_queries(30):
        response = act(moderator_client, "approve", comments, note="Batch", url=QUEUE)

    assert response.status_code == 302
    assert set(statuses(comments)) == {Status.APPROVED}
    log = ModerationLog.objects.filter(action="approve")
    assert log.count() == 100
    assert set(log.values_list("moderator", "from_status", "to_status", "note")) == {
        (moderator.pk, Status.PENDING, Status.APPROVED, "Batch")
    }
    assert approved_count(article) == 100


def test_selecting_the_whole_queue_approves_every_page(moderator_client, article):
    comments = CommentFactory.create_batch(3, article=article, pending=True)
    response = moderator_client.post(
        QUEUE,
        {
            "action": "approve",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [comments[0].pk],  # the ticked box on the page
            **as_listed(comments[:1]),
        },
    )
    assert response.status_code == 302
    assert set(statuses(comments)) == {Status.APPROVED}


def test_a_flagged_comment_leaves_the_queue_once_moderated(moderator_client, article):
    flagged = CommentFactory(article=article, status=Status.APPROVED, flag_count=2)
    act(moderator_client, "remove", [flagged], apply="yes")
    assert listed(moderator_client) == []


def test_the_approved_count_follows_every_action(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)
    other = CommentFactory(article=article, pending=True)

    act(moderator_client, "approve", [comment, other])
    assert approved_count(article) == 2
    act(moderator_client, "reject", [comment], apply="yes")  # it was shown
    assert approved_count(article) == 1
    act(moderator_client, "restore", [comment])
    assert statuses([comment]) == [Status.APPROVED]
    assert approved_count(article) == 2
    act(moderator_client, "spam", [comment], apply="yes")
    assert approved_count(article) == 1
    act(moderator_client, "remove", [other], apply="yes")
    assert approved_count(article) == 0
    act(moderator_client, "restore", [comment, other])
    assert statuses([comment, other]) == [Status.APPROVED, Status.APPROVED]
    assert approved_count(article) == 2

    actions = list(
        ModerationLog.objects.filter(comment=comment)
        .order_by("at", "id")
        .values_list("action", "from_status", "to_status")
    )
    assert actions == [
        ("approve", "pending", "approved"),
        ("reject", "approved", "rejected"),
        ("restore", "rejected", "approved"),
        ("spam", "approved", "spam"),
        ("restore", "spam", "approved"),
    ]


def test_an_action_reports_what_changed_and_what_did_not(moderator_client, article):
    pending = CommentFactory(article=article, pending=True)
    approved = CommentFactory(article=article, status=Status.APPROVED)

    response = act(moderator_client, "approve", [pending, approved], follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["1 comment approved. 1 left as it was."]


def test_the_note_from_the_actions_bar_goes_into_the_log(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)
    act(moderator_client, "reject", [comment], note="Off-topic")
    assert ModerationLog.objects.get(comment=comment, action="reject").note == (
        "Off-topic"
    )


def test_nothing_can_be_deleted(moderator_client, moderator, article):
    comment = CommentFactory(article=article, pending=True)
    act(moderator_client, "approve", [comment])
    entry = ModerationLog.objects.get(comment=comment)
    ban = BanFactory(created_by=moderator)

    for url in [
        admin_url(Comment, "delete", comment.pk),
        admin_url(ModerationLog, "delete", entry.pk),
        admin_url(Ban, "delete", ban.pk),
    ]:
        assert moderator_client.get(url).status_code == 403
    for url in [QUEUE, LOG, admin_url(Ban, "changelist")]:
        actions = dict(
            moderator_client.get(url).context["action_form"].fields["action"].choices
        )
        assert "delete_selected" not in actions
    assert Comment.objects.filter(pk=comment.pk).exists()


# Removing from the site, and one click per row


def test_removing_from_the_site_asks_for_confirmation_first(moderator_client, article):
    comments = CommentFactory.create_batch(3, article=article, status=Status.APPROVED)
    response = act(moderator_client, "remove", comments, note="Spam wave", follow=True)

    assert response.status_code == 200
    assert response.templates[0].name == (
        "admin/articles/comment/remove_confirmation.html"
    )
    content = response.content.decode()
    assert "Remove these 3 comments from the site?" in content
    for comment in comments:
        assert comment.text in content
        assert f'name="{ACTION_CHECKBOX_NAME}" value="{comment.pk}"' in content
    assert 'name="note" id="id_note" value="Spam wave"' in content
    assert set(statuses(comments)) == {Status.APPROVED}
    assert not ModerationLog.objects.exists()


def test_confirming_removes_them_logs_the_note_and_goes_back_to_the_queue(
    moderator_client, article
):
    comments = CommentFactory.create_batch(3, article=article, status=Status.APPROVED)
    response = act(
        moderator_client,
        "remove",
        comments,
        note="Spam wave",
        apply="Yes, remove from the site",
        follow=True,
    )

    assert response.redirect_chain[-1][0] == EVERY_COMMENT
    assert set(statuses(comments)) == {Status.REMOVED}
    assert set(
        ModerationLog.objects.filter(action="remove").values_list("note", flat=True)
    ) == {"Spam wave"}
    assert "3 comments removed from the site." in [
        str(m) for m in response.context["messages"]
    ]


def test_removing_the_whole_queue_is_confirmed_as_such(moderator_client, article):
    comments = CommentFactory.create_batch(5, article=article, pending=True)
    across = {"select_across": "1", "index": "0"}
    page = act(
        moderator_client, "remove", comments[:1], url=QUEUE, follow=True, **across
    )
    assert page.context["count"] == 5
    assert 'name="select_across" value="1"' in page.content.decode()
    act(
        moderator_client,
        "remove",
        comments[:1],
        url=QUEUE,
        select_across="1",
        apply="1",
    )
    assert set(statuses(comments)) == {Status.REMOVED}


def row_buttons(content: str, comment) -> list[str]:
    url = admin_url(Comment, "moderate", comment.pk)
    return re.findall(
        rf'<button type="submit" form="row-moderation" formaction="{url}" '
        r'name="moderate" value="(\w+)"',
        content,
    )


def test_each_queue_row_has_one_click_approve_and_reject(moderator_client, article):
    pending = CommentFactory(article=article, author_name="Sari", pending=True)
    flagged = CommentFactory(article=article, status=Status.APPROVED, flag_count=2)
    content = moderator_client.get(QUEUE).content.decode()
    assert row_buttons(content, pending) == ["approve", "reject"]
    assert row_buttons(content, flagged) == ["approve", "reject"]  # approve keeps it
    assert f'aria-label="Approve comment {pending.pk} by Sari"' in content
    form = re.search(
        r'<form id="row-moderation" method="post">(.*?)</form>', content, re.S
    )
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert 'name="next" value="/admin/articles/comment/"' in form.group(1)


def test_one_click_approves_one_comment_and_goes_back_to_the_list(
    moderator_client, moderator, article
):
    comment, other = CommentFactory.create_batch(2, article=article, pending=True)
    back = f"{QUEUE}?article={article.pk}"
    response = moderator_client.post(
        admin_url(Comment, "moderate", comment.pk),
        {"moderate": "approve", "next": back, **row_seen(comment)},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert statuses([comment, other]) == [Status.APPROVED, Status.PENDING]
    entry = ModerationLog.objects.get(comment=comment)
    assert (entry.moderator, entry.action) == (moderator, "approve")
    assert approved_count(article) == 1


def test_one_click_reject_and_keeping_a_flagged_comment(moderator_client, article):
    pending = CommentFactory(article=article, pending=True)
    flagged = CommentFactory(article=article, status=Status.APPROVED, flag_count=3)
    for comment, action in ((pending, "reject"), (flagged, "approve")):
        moderator_client.post(
            admin_url(Comment, "moderate", comment.pk),
            {"moderate": action, **row_seen(comment)},
        )
    assert statuses([pending, flagged]) == [Status.REJECTED, Status.APPROVED]
    assert listed(moderator_client) == []  # the flags were dealt with


def test_one_click_takes_only_a_post_with_a_known_action_and_a_safe_return(
    moderator_client, article
):
    comment = CommentFactory(article=article, pending=True)
    url = admin_url(Comment, "moderate", comment.pk)
    assert moderator_client.get(url).status_code == 405
    assert moderator_client.post(url, {"moderate": "delete"}).status_code == 400
    response = moderator_client.post(
        url,
        {"moderate": "reject", "next": "https://evil.example/", **row_seen(comment)},
    )
    assert response["Location"] == QUEUE
    assert statuses([comment]) == [Status.REJECTED]


def test_one_click_needs_the_csrf_token(moderator, article):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    comment = CommentFactory(article=article, pending=True)
    response = browser.post(
        admin_url(Comment, "moderate", comment.pk), {"moderate": "approve"}
    )
    assert response.status_code == 403
    assert statuses([comment]) == [Status.PENDING]


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_only_moderators_can_use_one_click(client, staff_in, article, role):
    client.force_login(staff_in(role))
    comment = CommentFactory(article=article, pending=True)
    response = client.post(
        admin_url(Comment, "moderate", comment.pk), {"moderate": "approve"}
    )
    assert response.status_code == 403
    assert statuses([comment]) == [Status.PENDING]


# Bans from the queue


@pytest.fixture
def from_two_senders(article):
    """Three comments from two addresses (one written in capitals) on two IPs."""
    return [
        CommentFactory(
            article=article,
            author_email="spam@bulk.example",
            ip_address="198.51.100.7",
            pending=True,
        ),
        CommentFactory(
            article=article,
            author_email="SPAM@bulk.example",
            ip_address="198.51.100.7",
            pending=True,
        ),
        CommentFactory(
            article=article,
            author_email="other@mail.example",
            ip_address="192.0.2.9",
            pending=True,
        ),
    ]


def test_banning_asks_for_confirmation_first(moderator_client, from_two_senders):
    response = act(moderator_client, "ban_senders", from_two_senders, follow=True)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/articles/comment/ban_confirmation.html"
    content = response.content.decode()
    assert "<h1>Ban the senders</h1>" in content
    assert "other@mail.example, spam@bulk.example" in content
    assert "bulk.example, mail.example" in content
    assert "192.0.2.9, 198.51.100.7" in content
    for comment in from_two_senders:
        assert f'name="{ACTION_CHECKBOX_NAME}" value="{comment.pk}"' in content
    assert not Ban.objects.exists()


def test_banning_makes_one_ban_per_address_and_rejects_their_pending_comments(
    moderator_client, moderator, article, from_two_senders
):
    unselected = CommentFactory(
        article=article, author_email="spam@bulk.example", pending=True
    )

    response = act(
        moderator_client,
        "ban_senders",
        from_two_senders,
        apply="Ban",
        kind="email",
        duration="7",
        reason="Bulk spam",
        reject_pending="on",
        follow=True,
    )

    bans = Ban.objects.order_by("value")
    assert [(b.kind, b.value, b.reason) for b in bans] == [
        (Ban.Kind.EMAIL, "other@mail.example", "Bulk spam"),
        (Ban.Kind.EMAIL, "spam@bulk.example", "Bulk spam"),
    ]
    for ban in bans:
        assert ban.created_by == moderator
        assert abs(ban.until - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(
            minutes=1
        )
    assert set(statuses([*from_two_senders, unselected])) == {Status.REJECTED}
    assert ModerationLog.objects.filter(action="reject").count() == 4
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "2 bans made" in shown and "spam@bulk.example" in shown


@pytest.mark.parametrize(
    ("kind", "duration", "values", "days", "said"),
    [
        ("domain", "forever", ["bulk.example", "mail.example"], None, "email domain"),
        ("ip", "1", ["192.0.2.9/32", "198.51.100.7/32"], 1, "IP address"),
        ("network", "30", ["203.0.113.0/24"], 30, "IP network"),
    ],
)
def test_banning_a_domain_an_ip_or_a_network_for_a_time_or_for_good(
    moderator_client, from_two_senders, kind, duration, values, days, said
):
    response = act(
        moderator_client,
        "ban_senders",
        from_two_senders,
        apply="Ban",
        kind=kind,
        duration=duration,
        follow=True,
    )

    # The kind as a sentence writes it ("ip network (/24 or /48)" had been).
    [message] = [str(m) for m in response.context["messages"]]
    assert f" made ({said}, " in message

    bans = list(Ban.objects.order_by("value"))
    assert [ban.value for ban in bans] == values
    for ban in bans:
        if days is None:
            assert ban.until is None
        else:
            expected = timezone.now() + dt.timedelta(days=days)
            assert abs(ban.until - expected) < dt.timedelta(minutes=1)
    # Without "reject pending", the comments wait for a moderator as before.
    assert set(statuses(from_two_senders)) == {Status.PENDING}


def test_banning_the_whole_queue_posts_the_selection_on_as_such(
    moderator_client, article, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20  # far fewer than the comments
    comments = CommentFactory.create_batch(
        30,
        article=article,
        author_email="bot@spam.example",
        pending=True,
    )
    across = {"select_across": "1", "index": "0"}
    page = act(
        moderator_client, "ban_senders", comments[:1], url=QUEUE, follow=True, **across
    )
    assert page.context["count"] == 30
    assert 'name="select_across" value="1"' in page.content.decode()

    act(
        moderator_client,
        "ban_senders",
        comments[:1],
        url=QUEUE,
        select_across="1",
        apply="Ban",
        kind="email",
        duration="1",
        reject_pending="on",
    )

    assert list(Ban.objects.values_list("value", flat=True)) == ["bot@spam.example"]
    assert set(statuses(comments)) == {Status.REJECTED}


def test_banning_what_the_comments_do_not_have_asks_again(moderator_client, article):
    no_ip = CommentFactory(
        article=article, ip_address=None, ip_network="", pending=True
    )
    response = act(
        moderator_client, "ban_senders", [no_ip], apply="Ban", kind="ip", duration="7"
    )
    assert response.status_code == 200
    assert "None of the selected comments has one" in response.content.decode()
    assert not Ban.objects.exists()


# The ban list


def test_a_ban_added_in_the_admin_goes_through_the_service(
    moderator_client, moderator, article
):
    waiting = CommentFactory(
        article=article, author_email="troll@example.com", pending=True
    )

    response = moderator_client.post(
        admin_url(Ban, "add"),
        {
            "kind": "email",
            "value": "  Troll@Example.COM ",
            "duration": "30",
            "reason": "Threats",
            "reject_pending": "on",
        },
    )

    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.value, ban.reason, ban.created_by) == (
        "troll@example.com",
        "Threats",
        moderator,
    )
    assert ban.until > timezone.now() + dt.timedelta(days=29)
    assert statuses([waiting]) == [Status.REJECTED]


def test_a_bad_ban_value_is_refused_on_the_form(moderator_client):
    response = moderator_client.post(
        admin_url(Ban, "add"), {"kind": "ip", "value": "300.1.2.3", "duration": "1"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"]
    assert not Ban.objects.exists()


def test_a_ban_on_every_reader_is_refused_on_the_form_saying_why(moderator_client):
    response = moderator_client.post(
        admin_url(Ban, "add"), {"kind": "ip", "value": "0.0.0.0/0", "duration": "1"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"] == [
        "0.0.0.0/0 is too wide a network to ban: it would shut out readers who "
        "are not this sender. Ban a /16 or a narrower network."
    ]
    assert not Ban.objects.exists()


def test_a_sender_banned_already_is_refused_on_the_form_saying_until_when(
    moderator_client,
):
    # "Dedi@Gmail.com" then "dedi@gmail.com" made two bans of one address.
    def ban(value, duration):
        return moderator_client.post(
            admin_url(Ban, "add"),
            {"kind": "email", "value": value, "duration": duration},
        )

    assert ban("Dedi@Gmail.com", "7").status_code == 302
    response = ban(" dedi@gmail.COM", "30")
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["value"]
    assert error.startswith("dedi@gmail.com is banned already, until ")
    assert error.endswith(": change that ban to make it longer.")
    assert Ban.objects.count() == 1
    # Lifted, the address may be banned again.
    Ban.objects.update(until=timezone.now() - dt.timedelta(minutes=1))
    assert ban("dedi@gmail.com", "forever").status_code == 302
    assert Ban.objects.count() == 2
    response = ban("dedi@gmail.com", "7")
    assert response.context["adminform"].form.errors["value"] == [
        "dedi@gmail.com is banned already, for good."
    ]


def test_lifting_a_ban_ends_it_now_and_keeps_its_record(moderator_client):
    lifted = BanFactory(value="a@example.com")
    forever = BanFactory(value="b@example.com")
    expired = BanFactory(value="c@example.com", until=ago(days=1))
    ban_list = admin_url(Ban, "changelist")

    moderator_client.post(
        ban_list, {"action": "lift", ACTION_CHECKBOX_NAME: [lifted.pk, expired.pk]}
    )

    lifted.refresh_from_db()
    assert not lifted.is_active
    assert Ban.objects.get(pk=expired.pk).until == expired.until  # untouched

    def shown(query):
        response = moderator_client.get(ban_list + query)
        return {ban.value for ban in response.context["cl"].result_list}

    assert shown("?state=active") == {forever.value}
    assert shown("?state=expired") == {lifted.value, expired.value}


def test_a_ban_can_be_shortened_or_extended_but_not_retargeted(
    moderator_client, moderator
):
    ban = BanFactory(value="a@example.com", created_by=moderator)
    later = timezone.localtime() + dt.timedelta(days=3)
    response = moderator_client.post(
        admin_url(Ban, "change", ban.pk),
        {
            "until_0": later.strftime("%Y-%m-%d"),
            "until_1": later.strftime("%H:%M:%S"),
            "reason": "Three days",
            "value": "someone-else@example.com",
        },
    )
    assert response.status_code == 302
    ban.refresh_from_db()
    assert ban.value == "a@example.com"
    assert ban.reason == "Three days"
    assert abs(ban.until - later) < dt.timedelta(seconds=1)


# Word lists


def test_moderators_keep_the_banned_and_suspect_word_lists(moderator_client):
    response = moderator_client.post(
        admin_url(ModerationWord, "add"), {"word": "judi online", "kind": "banned"}
    )
    assert response.status_code == 302
    word = ModerationWord.objects.get(word="judi online")

    moderator_client.post(
        admin_url(ModerationWord, "change", word.pk),
        {"word": "judi online", "kind": "suspect"},
    )
    assert ModerationWord.objects.get(pk=word.pk).kind == ModerationWord.Kind.SUSPECT

    ModerationWordFactory(word="slot gacor", kind=ModerationWord.Kind.BANNED)
    response = moderator_client.get(
        admin_url(ModerationWord, "changelist") + "?kind__exact=banned"
    )
    assert [w.word for w in response.context["cl"].result_list] == ["slot gacor"]


# A comment's page


def test_a_moderator_edits_the_text_and_the_reader_original_is_kept(
    moderator_client, moderator, article
):
    comment = CommentFactory(
        article=article, text="Call 0812 345 678 for cheap visas", pending=True
    )

    response = save_comment_page(
        moderator_client,
        comment,
        text="Call [number removed] for cheap visas",
        note="Phone number",
        status=Status.APPROVED,  # not on the form: ignored
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Call [number removed] for cheap visas"
    assert comment.original_text == "Call 0812 345 678 for cheap visas"
    assert comment.edited_by == moderator
    assert comment.status == Status.PENDING
    entry = ModerationLog.objects.get(comment=comment)
    assert (entry.action, entry.note, entry.moderator) == (
        "edit",
        "Phone number",
        moderator,
    )

    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    content = page.content.decode()
    assert "Edited by moderator" in content
    assert "Call 0812 345 678 for cheap visas" in content  # the original
    assert "Phone number" in content  # the log, inline


def test_saving_an_unchanged_text_logs_nothing(moderator_client, article):
    comment = CommentFactory(article=article, text="Line one\nLine two", pending=True)
    response = save_comment_page(moderator_client, comment, text="Line one\r\nLine two")
    assert response.status_code == 302
    assert not ModerationLog.objects.filter(comment=comment).exists()
    assert Comment.objects.get(pk=comment.pk).original_text == ""


def test_the_buttons_on_a_comment_page_moderate_it(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    buttons = [name for name, _label in page.context["moderation_actions"]]
    # Restore only for a comment taken off the site: it has a decision to undo.
    assert buttons == ["approve", "reject", "spam", "remove"]

    response = save_comment_page(
        moderator_client, comment, note="Fine", _moderate="approve"
    )

    assert response.status_code == 302
    assert statuses([comment]) == [Status.APPROVED]
    assert approved_count(article) == 1
    assert ModerationLog.objects.get(comment=comment).note == "Fine"
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    assert "approve" not in dict(page.context["moderation_actions"])


def test_a_removed_comment_edited_on_its_page_is_restored_from_it(
    moderator_client, article
):
    # Remove, correct the text, restore: the edit (logged from "removed" to
    # "removed") was taken for the change to undo: "1 left as it was".
    comment = CommentFactory(article=article)
    act(moderator_client, "remove", [comment], apply="yes")
    response = save_comment_page(
        moderator_client, comment, text="Teks yang disunting.", note="Alamat dihapus"
    )
    assert response.status_code == 302
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    assert "restore" in dict(page.context["moderation_actions"])
    response = save_comment_page(
        moderator_client, comment, text="Teks yang disunting.", _moderate="restore"
    )
    assert response.status_code == 302
    assert statuses([comment]) == [Status.APPROVED]
    assert approved_count(article) == 1
    assert (
        "Teks yang disunting."
        in moderator_client.get(article.get_absolute_url()).content.decode()
    )


def test_every_place_offers_the_same_actions_for_a_flagged_comment_still_shown(
    moderator_client, article
):
    """Approving keeps a flagged comment and clears its flags: the row, the
    comment's page and the list all offer it, and say the same when done."""
    flagged = CommentFactory(article=article, flag_count=2, author_name="Sari")
    on_its_page = moderator_client.get(admin_url(Comment, "change", flagged.pk))
    offered = [name for name, _label in on_its_page.context["moderation_actions"]]
    assert offered == ["approve", "reject", "spam", "remove"]
    assert row_buttons(moderator_client.get(QUEUE).content.decode(), flagged) == [
        "approve",
        "reject",
    ]

    response = save_comment_page(moderator_client, flagged, _moderate="approve")
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.status, flagged.flag_count) == (Status.APPROVED, 0)
    told = [str(m) for m in moderator_client.get(QUEUE).context["messages"]]
    assert "Reports on 1 comment dismissed; it stays published." in told
    page = moderator_client.get(admin_url(Comment, "change", flagged.pk))
    assert "approve" not in dict(page.context["moderation_actions"])


def test_people_are_named_alike_on_every_moderation_page(
    moderator_client, moderator, article
):
    """Full name where there is one, else the username; "automatic" for what
    no person did (a comment hidden by readers' reports)."""
    moderator.first_name, moderator.last_name = "Rina", "Moderator"
    moderator.save()
    comment = CommentFactory(article=article, pending=True)
    save_comment_page(moderator_client, comment, text="Disunting.", note="Edit")
    ban = BanFactory(created_by=moderator)
    ModerationLog.objects.create(
        comment=comment, action="hidden by flags", to_status=Status.PENDING
    )

    log = moderator_client.get(LOG).content.decode()
    assert '<td class="field-by">Rina Moderator</td>' in log
    assert '<td class="field-by">automatic</td>' in log
    assert f'moderator__id__exact={moderator.pk}">Rina Moderator</a>' in log
    bans = moderator_client.get(admin_url(Ban, "changelist")).content.decode()
    assert "Rina Moderator" in bans and ban.value in bans
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    assert "Edited by Rina Moderator on" in page.content.decode()
    rows = csv_rows(moderator_client.get(EXPORT + "?action=edit"))
    assert rows[1][1] == "Rina Moderator"


def view_on_site(client, comment) -> str:
    """The page "View on site" on the comment's admin page leads to."""
    page = client.get(admin_url(Comment, "change", comment.pk)).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', page).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_view_on_site_opens_the_page_of_the_discussion_that_shows_the_comment(
    moderator_client, article
):
    """45 threads, 20 to a page, newest first: the oldest thread is on page 3,
    a reply on the page of its thread however recent it is."""
    threads = [
        CommentFactory(article=article, created_at=ago(hours=50 - n)) for n in range(45)
    ]
    reply = CommentFactory(parent=threads[0], created_at=ago(minutes=1))
    for comment, page in [
        (threads[0], 3),
        (reply, 3),
        (threads[24], 2),
        (threads[25], 1),
    ]:
        html = view_on_site(moderator_client, comment)
        assert f'id="comment-{comment.pk}"' in html, page
        assert f"Page {page} of 3" in html
    assert (
        comment.get_absolute_url()
        == f"{article.get_absolute_url()}#comment-{comment.pk}"
    )
    assert reply.get_absolute_url() == (
        f"{article.get_absolute_url()}?comments=3#comment-{reply.pk}"
    )


def test_a_comment_on_a_story_off_the_site_offers_no_view_on_site(
    moderator_client, article
):
    # The link led the moderator to a 404 once the story was unpublished.
    comment = CommentFactory(article=article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    assert page.status_code == 200
    assert 'class="viewsitelink"' not in page.content.decode()


def test_a_comment_page_shows_the_readers_flags(moderator_client, article):
    comment = CommentFactory(article=article, status=Status.APPROVED, flag_count=1)
    CommentFlag.objects.create(
        comment=comment,
        reason=CommentFlag.Reason.MISINFORMATION,
        text="The meeting was in 2022",
        reader_key="r1",
    )
    content = moderator_client.get(
        admin_url(Comment, "change", comment.pk)
    ).content.decode()
    assert "The meeting was in 2022" in content


def test_comments_cannot_be_added_in_the_admin(moderator_client):
    assert moderator_client.get(admin_url(Comment, "add")).status_code == 403


# The log and its export


@pytest.fixture
def logged(moderator_client, article):
    """Two moderated comments: one approved, one rejected with a risky note."""
    approved = CommentFactory(article=article, pending=True)
    rejected = CommentFactory(article=article, pending=True)
    act(moderator_client, "approve", [approved], note="Looks fine")
    act(moderator_client, "reject", [rejected], note='=HYPERLINK("http://x.example")')
    return approved, rejected


def test_the_log_is_listed_and_filtered_read_only(moderator_client, logged):
    approved, rejected = logged
    response = moderator_client.get(LOG + "?to_status=rejected")
    entries = list(response.context["cl"].result_list)
    assert [e.comment for e in entries] == [rejected]

    entry = entries[0]
    assert moderator_client.get(admin_url(ModerationLog, "add")).status_code == 403
    change = admin_url(ModerationLog, "change", entry.pk)
    assert moderator_client.get(change).status_code == 200
    assert moderator_client.post(change, {"note": "rewritten"}).status_code == 403
    assert ModerationLog.objects.get(pk=entry.pk).note == entry.note


def csv_rows(response):
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    raw = b"".join(response.streaming_content)
    # UTF-8 with its byte-order mark, which Excel needs to read it as UTF-8.
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_log_exports_as_csv_with_the_current_filters(
    moderator_client, moderator, logged
):
    approved, rejected = logged
    listing = moderator_client.get(LOG + "?action=reject").content.decode()
    assert f'href="{EXPORT}?action=reject"' in listing

    rows = csv_rows(moderator_client.get(EXPORT + "?action=reject"))

    assert rows[0] == [
        "time (WIB)",
        "moderator",
        "comment id",
        "article",
        "action",
        "from",
        "to",
        "note",
    ]
    assert len(rows) == 2
    time, by, comment_id, title, action, from_status, to_status, note = rows[1]
    assert dt.datetime.strptime(time, "%Y-%m-%d %H:%M:%S")
    assert (by, comment_id, title, action, from_status, to_status) == (
        moderator.username,
        str(rejected.pk),
        "JWG meets again",
        "Rejected",
        "Waiting for moderation",
        "Rejected",
    )
    assert note == '\'=HYPERLINK("http://x.example")'


@pytest.mark.parametrize("risky", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_exported_cells_never_start_a_formula(moderator_client, article, risky):
    comment = CommentFactory(article=article, pending=True)
    act(moderator_client, "remove", [comment], note=risky, apply="yes")
    rows = csv_rows(moderator_client.get(EXPORT + "?action=remove"))
    assert rows[1][-1] == "'" + risky


def test_selected_log_entries_export_as_csv(moderator_client, logged):
    approved, _rejected = logged
    entry = ModerationLog.objects.get(comment=approved, action="approve")
    rows = csv_rows(
        moderator_client.post(
            LOG, {"action": "export_csv", ACTION_CHECKBOX_NAME: [entry.pk]}
        )
    )
    assert [row[2] for row in rows[1:]] == [str(approved.pk)]


# Who reaches the moderation desk


def test_the_moderator_admin_index_shows_comments_but_no_articles(moderator_client):
    content = moderator_client.get(reverse("admin:index")).content.decode()
    assert QUEUE in content
    assert LOG in content
    assert admin_url(Ban, "changelist") in content
    assert admin_url(ModerationWord, "changelist") in content
    assert admin_url(Article, "changelist") not in content


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_editors_and_reporters_cannot_reach_the_moderation_desk(
    client, staff_in, article, role
):
    comment = CommentFactory(article=article, pending=True)
    ban = BanFactory()
    client.force_login(staff_in(role))
    for url in [
        QUEUE,
        admin_url(Comment, "change", comment.pk),
        LOG,
        EXPORT,
        admin_url(Ban, "changelist"),
        admin_url(Ban, "add"),
        admin_url(Ban, "change", ban.pk),
        admin_url(ModerationWord, "changelist"),
    ]:
        assert client.get(url).status_code == 403, url
    response = act(client, "approve", [comment], url=QUEUE)
    assert response.status_code == 403
    assert statuses([comment]) == [Status.PENDING]


# A comment's page: edits held to the readers' rules, one message, its link


# Zero-width characters (the desk's forms drop them: nothing is left) and
# blank glyphs that the forms keep, and only the comment rules refuse.
@pytest.mark.parametrize("text", ["\u200b", "\u00ad", "\u2800", "\u3164 \u3164"])
@pytest.mark.parametrize("button", [None, "reject", "spam", "remove"])
def test_an_edit_of_only_invisible_characters_comes_back_with_the_error_at_the_text(
    moderator_client, article, text, button
):
    comment = CommentFactory(article=article, text="Teks pembaca.", pending=True)
    extra = {"_moderate": button} if button else {}

    response = save_comment_page(
        moderator_client, comment, text=text, note="Dibersihkan", **extra
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["text"]
    assert form.errors["text"] == ["A comment cannot be empty."]
    assert form["note"].value() == "Dibersihkan"
    assert form["text"].value() == strip_invisible(text)
    assert Comment.objects.get(pk=comment.pk).text == "Teks pembaca."
    assert statuses([comment]) == [Status.PENDING]
    assert not ModerationLog.objects.filter(comment=comment).exists()


def test_an_edit_longer_than_a_reader_may_write_comes_back_with_the_error_at_the_text(
    moderator_client, article, settings
):
    settings.COMMENTS_MAX_LENGTH = 20
    comment = CommentFactory(article=article, text="Teks pembaca.", pending=True)

    response = save_comment_page(moderator_client, comment, text="x" * 21)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["text"]
    assert "at most 20 characters" in errors["text"][0]
    assert Comment.objects.get(pk=comment.pk).text == "Teks pembaca."


def test_an_edit_the_service_refuses_after_the_form_is_not_a_server_error(
    moderator_client, article, monkeypatch
):
    """What the form could not foresee (the comment changed meanwhile, a
    permission taken away): told, nothing kept, not moderated."""

    def refuse(**kwargs):
        raise ValidationError("Refused for a reason the form could not know.")

    monkeypatch.setattr(services, "comment_edit", refuse)
    comment = CommentFactory(article=article, text="Teks pembaca.", pending=True)
    url = admin_url(Comment, "change", comment.pk)

    response = save_comment_page(
        moderator_client, comment, text="Teks baru.", _moderate="approve"
    )

    assert response.status_code == 302 and response["Location"] == url
    told = [str(m) for m in moderator_client.get(url).context["messages"]]
    assert told == [
        "The comment was not changed: Refused for a reason the form could not know."
    ]
    assert Comment.objects.get(pk=comment.pk).text == "Teks pembaca."
    assert statuses([comment]) == [Status.PENDING]
    assert not ModerationLog.objects.filter(comment=comment).exists()
    assert not LogEntry.objects.filter(object_id=str(comment.pk)).exists()


@pytest.mark.parametrize(
    ("button", "said"),
    [
        ("remove", "1 comment removed from the site."),
        ("approve", "1 comment approved."),
    ],
)
def test_a_button_on_a_comments_page_says_once_what_it_did(
    moderator_client, article, button, said
):
    comment = CommentFactory(article=article, pending=button == "approve")
    # Removing is confirmed first (test_moderation_comment_page.py): as answered.
    confirmed = {"_confirmed": "1"} if button == "remove" else {}
    response = save_comment_page(
        moderator_client, comment, _moderate=button, **confirmed
    )
    assert response.status_code == 302
    told = [
        str(m) for m in moderator_client.get(response["Location"]).context["messages"]
    ]
    assert told == [said]


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.REJECTED, Status.SPAM, Status.REMOVED]
)
def test_a_comment_not_shown_to_readers_offers_no_view_on_site(
    moderator_client, article, status
):
    comment = CommentFactory(article=article, status=status)
    page = moderator_client.get(admin_url(Comment, "change", comment.pk))
    assert page.status_code == 200
    assert 'class="viewsitelink"' not in page.content.decode()


# Reports that took comments off the site


def test_the_flagged_filter_lists_comments_reports_took_off_the_site_first(
    moderator_client, article
):
    shown = CommentFactory(article=article, flag_count=1, created_at=ago(hours=3))
    hidden = CommentFactory(
        article=article, pending=True, flag_count=3, created_at=ago(hours=1)
    )
    waiting = CommentFactory(article=article, pending=True)  # never reported
    CommentFactory(article=article, status=Status.REMOVED, flag_count=2)  # dealt with

    assert listed(moderator_client, "?status=flagged") == [hidden, shown]
    # The queue is as it was: what waits first, then what is shown.
    assert listed(moderator_client) == [hidden, waiting, shown]


# The log and the bans in words, on one line


def test_the_log_names_actions_and_what_the_checks_noted_in_words(
    moderator_client, moderator, article
):
    comment = CommentFactory(article=article, pending=True)
    ModerationLog.objects.create(
        comment=comment,
        action="posted",
        to_status=Status.PENDING,
        note="blocked_email user9@example0.org; links 3",
    )
    ModerationLog.objects.create(
        comment=comment,
        action="hidden by flags",
        from_status=Status.APPROVED,
        to_status=Status.PENDING,
        note="3 flags, 1 source",
    )
    act(moderator_client, "approve", [comment], note="links fine")

    response = moderator_client.get(LOG)
    content = unescape(response.content.decode())
    actions = re.findall(r'<td class="field-action">([^<]*)</td>', content)
    assert actions == ["Approved", "Hidden after readers' reports", "Posted"]
    notes = re.findall(r'<td class="field-note_label">([^<]*)</td>', content)
    assert notes == [
        "links fine",
        "3 reports, 1 source",
        "Blocked email: user9@example0.org; Too many links: 3",
    ]
    action_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "action"
    )
    offered = [
        choice["display"] for choice in action_filter.choices(response.context["cl"])
    ]
    assert "Marked as spam" in offered and "spam" not in offered


def test_the_log_and_the_bans_show_times_on_one_line(
    moderator_client, moderator, article
):
    at = timezone.make_aware(dt.datetime(2026, 12, 5, 19, 34))
    comment = CommentFactory(article=article, pending=True)
    ModerationLog.objects.create(
        comment=comment, action="posted", to_status=Status.PENDING, at=at
    )
    BanFactory(created_by=moderator, created_at=at, until=at + dt.timedelta(days=7))

    log = moderator_client.get(LOG).content.decode()
    bans = moderator_client.get(admin_url(Ban, "changelist")).content.decode()

    assert "5 Dec 2026, 19:34" in log and "Saturday" not in log
    assert "5 Dec 2026, 19:34" in bans and "12 Dec 2026, 19:34" in bans
    assert "Saturday" not in bans


# The word lists


def test_a_word_already_listed_in_another_case_is_refused_at_its_field(
    moderator_client,
):
    ModerationWordFactory(word="bodoh", kind=ModerationWord.Kind.BANNED)

    response = moderator_client.post(
        admin_url(ModerationWord, "add"), {"word": "Bodoh", "kind": "banned"}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["word"]
    assert "on this list already" in errors["word"][0]
    assert ModerationWord.objects.count() == 1
    response = moderator_client.post(
        admin_url(ModerationWord, "add"), {"word": "Bodoh", "kind": "suspect"}
    )
    assert response.status_code == 302  # the other list may hold it


# What the checks noted, in the moderator's language


@pytest.mark.parametrize(
    ("language", "code", "detail", "shown"),
    [
        ("id", Code.TOO_FAST, "1.4 s", "Dikirim terlalu cepat"),
        ("en", Code.TOO_FAST, "1.4 s", "shown: 1.4 seconds"),
        ("id", Code.FORM_EXPIRED, "125 min", "125 menit"),
        ("en", Code.FORM_EXPIRED, "1 min", "Form older than allowed: 1 minute"),
        (
            "en",
            Code.FORM_EXPIRED,
            "missing or altered form timestamp",
            "Form older than allowed: the form's time stamp is missing or was altered",
        ),
        ("en", Code.CHECK_UNAVAILABLE, "check_blocked", "unavailable: blocked senders"),
        (
            "en",
            Code.CHECK_UNAVAILABLE,
            "check_words timed out",
            "Check unavailable: word lists (timed out)",
        ),
    ],
)
def test_the_queue_puts_what_the_checks_noted_in_the_moderators_words(
    moderator_client, article, settings, language, code, detail, shown
):
    """The queue showed the checks' data: "Dikirim terlalu cepat setelah
    formulir ditampilkan: 1.4 s"."""
    settings.LANGUAGE_CODE = language
    comment = CommentFactory(article=article, pending=True)
    CommentReasonFactory(comment=comment, code=code, detail=detail)
    content = unescape(moderator_client.get(QUEUE).content.decode())
    assert shown in content
    assert f": {detail}<" not in content
    if language == "id" and code == Code.TOO_FAST:
        assert ": 1,4 " in content


def test_the_checks_notes_in_the_log_read_alike(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)
    ModerationLog.objects.create(
        comment=comment,
        action="posted",
        to_status=Status.PENDING,
        note="too_fast 0.4 s; check_unavailable rate limits",
    )
    content = unescape(moderator_client.get(LOG).content.decode())
    assert (
        "Sent too fast after the form was shown: 0.4 seconds; "
        "Check unavailable: rate limits"
    ) in content


def test_an_actions_result_groups_its_numbers_as_the_other_pages(
    moderator_client, article, settings
):
    """ "2101 komentar ditolak." where every other page writes "2.101"."""
    settings.LANGUAGE_CODE = "id"
    Comment.objects.bulk_create(
        CommentFactory.build(article=article, status=status)
        for status in [Status.PENDING] * 1000 + [Status.REJECTED] * 1000
    )
    response = act(
        moderator_client,
        "reject",
        Comment.objects.all()[:1],
        select_across="1",
        index="0",
        follow=True,
    )
    [told] = [str(m) for m in response.context["messages"]]
    assert told.startswith("1.000 ")
    assert told.count("1.000") == 2  # rejected, and left as they were
    assert Comment.objects.filter(status=Status.REJECTED).count() == 2000


def test_the_queue_writes_when_a_comment_came_as_the_log_does(
    moderator_client, article, settings
):
    """ "5 Des 2026, 23:19" in the queue beside the log's "5 Des 2026 23.21"."""
    from django.utils import translation
    from django.utils.formats import date_format

    settings.LANGUAGE_CODE = "id"
    at = timezone.make_aware(dt.datetime(2026, 12, 5, 23, 19))
    CommentFactory(article=article, pending=True, created_at=at)
    content = moderator_client.get(QUEUE).content.decode()
    with translation.override("id"):
        as_the_log = date_format(timezone.localtime(at), "SHORT_DATETIME_FORMAT")
    assert as_the_log == "5 Des 2026 23.19"
    assert f'">{as_the_log}</time>' in content
