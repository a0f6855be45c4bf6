"""The moderation queue and log in the admin, as a moderator reads them: the
reasons a row gives after a decision, filter values the queue does not know,
a search by the sender's IP address, and the log entries' titles."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from articles import services
from articles.models import Comment, CommentReason, ModerationLog
from tests.articles.comment_factories import CommentFactory, CommentReasonFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


def row_of(client, comment, query="?status=all") -> str:
    """The text of the comment's row in the queue, as a moderator reads it."""
    response = client.get(QUEUE + query)
    assert response.status_code == 200, response.get("Location")
    html = response.content.decode()
    link = reverse("admin:articles_comment_change", args=[comment.pk])
    rows = [
        row.partition("</tr>")[0]
        for row in html.split("<tr")
        if f'href="{link}' in row.partition("</tr>")[0]
    ]
    assert len(rows) == 1, comment
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", rows[0])).split())


def reasons_field(client, comment) -> str:
    page = client.get(reverse("admin:articles_comment_change", args=[comment.pk]))
    html = page.content.decode()
    field = re.search(r'field-reason_list.*?class="readonly">(.*?)</div>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", field[1])).split())


def flag(comment, reader: str, ip: str):
    services.comment_flag(comment=comment, reason="abusive", reader_key=reader, ip=ip)


def one_click(client, comment, action: str):
    url = reverse("admin:articles_comment_moderate", args=[comment.pk])
    latest = Comment.objects.with_last_change().get(pk=comment.pk).last_change
    seen = {f"seen_{comment.pk}": str(latest)}  # as the row posts it
    assert client.post(url, {"moderate": action, **seen}).status_code == 302


# The reasons a row gives after a decision


@pytest.mark.usefixtures("english")
def test_an_approved_comment_that_reports_had_hidden_no_longer_says_it_is_flagged(
    moderator_client, article
):
    comment = CommentFactory(article=article)
    for n, network in enumerate(["192.0.2.1", "198.51.100.1", "203.0.113.1"]):
        flag(comment, f"reader-{n}", network)
    assert "Reported by readers: 3 reports, 3 sources" in row_of(
        moderator_client, comment
    )

    one_click(moderator_client, comment, "approve")

    row = row_of(moderator_client, comment)
    assert "Approved" in row
    assert "Reported by readers" not in row
    assert "reports" not in row
    assert reasons_field(moderator_client, comment) == "–"


@pytest.mark.usefixtures("english")
def test_a_restored_comment_no_longer_says_it_is_flagged_and_still_shown(
    moderator_client, moderator, article
):
    comment = CommentFactory(article=article)
    for n in range(3):  # one network: one source, the comment stays shown
        flag(comment, f"reader-{n}", f"192.0.2.{n + 1}")
    shown = row_of(moderator_client, comment, "")
    assert "Reported by readers: 3 reports, 1 source; still shown" in shown

    services.comment_moderate(comments=[comment], action="remove", moderator=moderator)
    removed = row_of(moderator_client, comment)
    assert "Removed" in removed
    assert "Reported by readers: 3 reports, 1 source" in removed
    assert "still shown" not in removed

    services.comment_moderate(comments=[comment], action="restore", moderator=moderator)
    restored = row_of(moderator_client, comment)
    assert "Approved" in restored
    assert "Reported by readers" not in restored
    assert "still shown" not in reasons_field(moderator_client, comment)


@pytest.mark.usefixtures("english")
def test_reports_noted_before_more_flags_came_give_no_past_counts(
    moderator_client, article
):
    comment = CommentFactory(article=article)
    for n in range(3):
        flag(comment, f"reader-{n}", f"192.0.2.{n + 1}")
    flag(comment, "reader-3", "198.51.100.1")  # a fourth: two sources, still shown

    row = row_of(moderator_client, comment, "")
    assert "3 reports" not in row
    assert "Reported by readers" in row
    assert "4 reports" in row


@pytest.mark.usefixtures("english")
def test_the_reason_filter_lists_only_reports_still_waiting(moderator_client, article):
    waiting = CommentFactory(article=article, flag_count=3)
    dealt_with = CommentFactory(article=article, flag_count=0)
    for comment in (waiting, dealt_with):
        CommentReasonFactory(
            comment=comment,
            code=CommentReason.Code.FLAGGED,
            detail="3 flags, 3 sources",
        )
    listed = moderator_client.get(QUEUE + "?status=all&reason=flagged").context["cl"]
    assert list(listed.result_list) == [waiting]


# Filter values the queue does not know


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("?status=bogus", "Status “bogus” is not known"),
        ("?reason=bogus", "Reason “bogus” is not known"),
        ("?article=999999", "Article “999999” is not known"),
        ("?article=x", "Article “x” is not known"),
        ("?status=bogus&e=1", "Status “bogus” is not known"),
    ],
)
def test_a_filter_value_the_queue_does_not_know_is_said_so(
    moderator_client, article, query, said
):
    waiting = CommentFactory(article=article, pending=True)
    response = moderator_client.get(QUEUE + query, follow=True)
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert said in response.content.decode()
    assert list(response.context["cl"].result_list) == [waiting]


@pytest.mark.usefixtures("english")
def test_the_message_about_an_unknown_value_is_escaped(moderator_client, article):
    response = moderator_client.get(QUEUE, {"status": "<b>x</b>"}, follow=True)
    html = response.content.decode()
    assert "Status “&lt;b&gt;x&lt;/b&gt;” is not known" in html
    assert "<b>x</b>" not in html


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "query", ["", "?status=pending", "?status=flagged", "?reason=links"]
)
def test_the_filter_values_the_queue_offers_still_list(
    moderator_client, article, query
):
    CommentFactory(article=article, pending=True)
    response = moderator_client.get(QUEUE + query)
    assert response.status_code == 200
    assert "is not known" not in response.content.decode()


# Searching by the sender's IP address


@pytest.fixture
def senders(article):
    return {
        "one": CommentFactory(
            article=article,
            pending=True,
            ip_address="127.0.10.1",
            ip_network="127.0.10.0/24",
        ),
        "neighbour": CommentFactory(
            article=article,
            pending=True,
            ip_address="127.0.10.200",
            ip_network="127.0.10.0/24",
        ),
        "further": CommentFactory(
            article=article,
            pending=True,
            ip_address="127.0.11.1",
            ip_network="127.0.11.0/24",
        ),
        "elsewhere": CommentFactory(
            article=article,
            pending=True,
            ip_address="198.51.100.10",
            ip_network="198.51.100.0/24",
        ),
        "ipv6": CommentFactory(
            article=article,
            pending=True,
            ip_address="2001:db8:1::5",
            ip_network="2001:db8:1::/48",
        ),
    }


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("127.0.10.1", {"one"}),
        (" 127.0.10.1 ", {"one"}),
        ("127.0.10.", {"one", "neighbour"}),
        ("127.0.10.0/24", {"one", "neighbour"}),
        ("127.0.", {"one", "neighbour", "further"}),
        ("127.0.10.0/25", {"one"}),
        ("2001:db8:1::5", {"ipv6"}),
        ("2001:DB8:1:", {"ipv6"}),
        ("127.0.10.2", set()),
    ],
)
def test_the_queue_is_searched_by_the_senders_ip_address(
    moderator_client, senders, query, expected
):
    names = {comment.pk: name for name, comment in senders.items()}
    response = moderator_client.get(QUEUE, {"q": query})
    assert response.status_code == 200
    assert {names[c.pk] for c in response.context["cl"].result_list} == expected


@pytest.mark.usefixtures("english")
def test_a_search_for_too_wide_a_network_says_so(moderator_client, senders):
    response = moderator_client.get(QUEUE, {"q": "127.0.0.0/8"})
    assert list(response.context["cl"].result_list) == []
    assert "is more addresses than the search looks through" in unescape(
        response.content.decode()
    )


@pytest.mark.usefixtures("english")
def test_a_search_that_is_no_address_still_searches_text_name_and_email(
    moderator_client, article, senders
):
    found = CommentFactory(article=article, pending=True, text="Nilai 10.5 persen")
    response = moderator_client.get(QUEUE, {"q": "10.5"})
    assert list(response.context["cl"].result_list) == [found]


# The log entries' titles


def entry(article):
    comment = CommentFactory(article=article, pending=True)
    return ModerationLog.objects.create(
        comment=comment, action="posted", from_status="", to_status=Status.PENDING
    )


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_log_entry_is_titled_in_words_not_codes(
    admin_client, article, settings, language
):
    settings.LANGUAGE_CODE = language
    logged = entry(article)
    with translation.override(language):
        title = f"{ModerationLog.Action.POSTED.label}: – → {Status.PENDING.label}"
    url = reverse("admin:articles_moderationlog_change", args=[logged.pk])
    history = reverse("admin:articles_moderationlog_history", args=[logged.pk])
    for page in (url, history):
        html = admin_client.get(page).content.decode()
        assert "posted: – → pending" not in html, page
        assert title in html, page
    html = admin_client.get(url).content.decode()
    assert f"<h2>{title}</h2>" in html
    assert re.search(rf"<title>{re.escape(title)} \|", html)
    listed = admin_client.get(reverse("admin:articles_moderationlog_changelist"))
    assert title in listed.content.decode()
    assert "posted: – → pending" not in listed.content.decode()


# Searching from the queue


@pytest.fixture
def complaint(article):
    """A reader's comment a moderator approved, and one waiting."""
    return {
        "approved": CommentFactory(
            article=article,
            status=Status.APPROVED,
            author_name="Joel Pardede",
            text="Patroli bersama di Laut Sulu perlu diperluas.",
        ),
        "waiting": CommentFactory(
            article=article, pending=True, author_name="Joel Pardede"
        ),
        "other": CommentFactory(article=article, pending=True, author_name="Siti"),
    }


def status_choices(html: str) -> dict[str, str]:
    """The status filter's choices: their words → their links (the one
    chosen marked with a star)."""
    part = html.partition('id="changelist-filter"')[2]
    status = part.partition("</ul>")[0]
    return {
        ("*" if "selected" in attrs else "") + unescape(words.strip()): unescape(href)
        for attrs, href, words in re.findall(
            r'<li([^>]*)>\s*<a href="([^"]*)"[^>]*>([^<]*)</a>', status
        )
    }


@pytest.mark.usefixtures("english")
def test_a_search_from_the_queue_finds_a_comment_already_approved(
    moderator_client, complaint
):
    """A moderator following up a reader's complaint searched "Joel" from
    the queue: "0 results (Show all)", and "Show all" led back to the queue.
    The search looks through every comment; the filter says so, and the
    queue alone is one click away."""
    response = moderator_client.get(QUEUE, {"q": "Joel"})

    found = {c.pk for c in response.context["cl"].result_list}
    assert found == {complaint["approved"].pk, complaint["waiting"].pk}
    html = response.content.decode()
    assert "<title>Comments |" in html
    choices = status_choices(html)
    assert "*All comments" in choices, choices
    queue_only = choices["Moderation queue"]
    assert "status=queue" in queue_only and "q=Joel" in queue_only

    # The moderator opens the approved comment from the results.
    page = moderator_client.get(
        reverse("admin:articles_comment_change", args=[complaint["approved"].pk])
    )
    assert page.status_code == 200
    assert "Patroli bersama di Laut Sulu" in page.content.decode()
    # The queue's own search, from the filter: the waiting comment alone.
    response = moderator_client.get(QUEUE + queue_only)
    assert [c.pk for c in response.context["cl"].result_list] == [
        complaint["waiting"].pk
    ]
    assert "<title>Moderation queue |" in response.content.decode()
    assert "*Moderation queue" in status_choices(response.content.decode())


@pytest.mark.usefixtures("english")
def test_without_a_search_the_queue_still_lists_what_waits(moderator_client, complaint):
    response = moderator_client.get(QUEUE)

    found = {c.pk for c in response.context["cl"].result_list}
    assert found == {complaint["waiting"].pk, complaint["other"].pk}
    choices = status_choices(response.content.decode())
    assert choices["*Moderation queue"] == "?"
    assert moderator_client.get(QUEUE + "?status=queue").status_code == 200


# As the queue's (test_moderation_admin.QUEUE_QUERIES): session, user, two
# for permissions, the article filter's choices, the count, the comments
# with their articles, their reasons.
SEARCH_QUERIES = 8


@pytest.mark.parametrize("count", [5, 60])
def test_a_search_of_every_comment_costs_the_same_queries_for_5_and_60(
    moderator_client, article, django_assert_num_queries, count
):
    for n in range(count):
        comment = CommentFactory(
            article=article,
            author_name=f"Joel {n}",
            status=Status.APPROVED if n % 2 else Status.PENDING,
        )
        CommentReasonFactory(comment=comment, code=CommentReason.Code.LINKS)
    moderator_client.get(QUEUE, {"q": "Joel"})  # warm the caches

    with django_assert_num_queries(SEARCH_QUERIES):
        response = moderator_client.get(QUEUE, {"q": "Joel"})
    assert len(response.context["cl"].result_list) == count
