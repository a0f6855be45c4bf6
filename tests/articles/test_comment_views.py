"""Reader discussion under articles: reading, writing, replying and reporting."""

import datetime as dt
import itertools
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches
from django.utils import timezone
from django.utils.html import escape

from articles import services
from articles.forms import read_rendered_at, sign_rendered_at
from articles.models import Article, Comment, CommentFlag, ModerationWord
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status


@pytest.fixture
def article(section, clock):
    """Post-moderated: a clean comment is public at once."""
    return ArticleFactory(
        section=section,
        language="en",  # the English edition: the texts the tests read
        meeting=None,
        comment_policy="post",
        published_at=clock.now - dt.timedelta(hours=1),
    )


_addresses = itertools.count(1)


def post_comment(client, article, clock=None, *, ip=None, **overrides):
    """Send the comment form as a reader on their own network would (or from `ip`)."""
    n = next(_addresses)
    now = clock.now if clock else timezone.now()
    data = {
        "author_name": "Sari",
        "author_email": f"sari{n}@example.org",
        "text": "Kerja sama ini penting untuk kawasan.",
        "rendered_at": sign_rendered_at(now - dt.timedelta(seconds=20)),
        "website": "",
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(
        f"/articles/{article.pk}/comments/",
        data,
        REMOTE_ADDR=ip or f"198.51.{n % 250}.7",
    )


def sent_back(client, response):
    """The page a comment that was not posted comes back on: the POST
    answers 303 to the form's own address and its error summary
    (Post/Redirect/Get), where this reader, and only they, find the form
    as they sent it."""
    assert response.status_code == 303, response.status_code
    location = response["Location"]
    assert re.fullmatch(r"(/en)?/articles/\d+/comments/#comment-errors", location)
    page = client.get(location)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    return page


def page_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def text(response):
    return response.content.decode()


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html):
    parser = Elements()
    parser.feed(html)
    return parser.found


def discussion(html):
    """The discussion section of an article page."""
    start = html.index('<section class="discussion"')
    return html[start : html.index("</section>", html.rindex('class="comment'))]


# Reading


def test_approved_comments_show_with_their_replies_nested(client, article):
    top = CommentFactory(article=article, text="Top-level remark")
    reply = CommentFactory(parent=top, text="A reply")
    deeper = CommentFactory(parent=reply, text="A reply to the reply")
    html = page_of(client, article.get_absolute_url())
    assert "Top-level remark" in html and "A reply to the reply" in html
    top_item = html[html.index(f'id="comment-{top.pk}"') :]
    assert top_item.index(f'id="comment-{reply.pk}"') < top_item.index(
        f'id="comment-{deeper.pk}"'
    )
    assert re.search(
        rf'id="comment-{top.pk}".*?<ol class="comment-list comment-list--replies">'
        rf'\s*<li[^>]*id="comment-{reply.pk}".*?<ol class="comment-list '
        rf'comment-list--replies">\s*<li[^>]*id="comment-{deeper.pk}"',
        html,
        re.DOTALL,
    )


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.REJECTED, Status.SPAM, Status.REMOVED]
)
def test_comments_that_are_not_approved_stay_hidden(client, article, status):
    CommentFactory(article=article, text="Visible remark")
    CommentFactory(article=article, status=status, text="Hidden remark")
    html = page_of(client, article.get_absolute_url())
    assert "Visible remark" in html
    assert "Hidden remark" not in html


def test_no_email_address_reaches_the_page(client, article):
    top = CommentFactory(article=article, author_email="rahasia@example.org")
    CommentFactory(parent=top, author_email="juga.rahasia@example.org")
    html = page_of(client, article.get_absolute_url())
    assert "rahasia@example.org" not in html
    assert "@example.org" not in html


def test_newest_threads_come_first_and_replies_in_the_order_written(
    client, article, clock
):
    older = CommentFactory(article=article, created_at=clock.now)
    newer = CommentFactory(
        article=article, created_at=clock.now + dt.timedelta(minutes=5)
    )
    first = CommentFactory(parent=older, created_at=clock.now + dt.timedelta(minutes=6))
    second = CommentFactory(
        parent=older, created_at=clock.now + dt.timedelta(minutes=7)
    )
    html = page_of(client, article.get_absolute_url())
    positions = [html.index(f'id="comment-{c.pk}"') for c in (newer, older, first)]
    assert positions == sorted(positions)
    assert html.index(f'id="comment-{first.pk}"') < html.index(
        f'id="comment-{second.pk}"'
    )


def test_the_comment_count_shows_on_the_article_and_in_lists(client, article):
    top = CommentFactory(article=article)
    CommentFactory(parent=top)
    CommentFactory(article=article, status=Status.PENDING)
    assert Article.objects.get(pk=article.pk).approved_comment_count == 2
    story = page_of(client, article.get_absolute_url())
    assert '<a href="#comments">2 comments</a>' in story
    for url in ["/", article.section.get_absolute_url()]:
        listing = page_of(client, url)
        assert f'href="{article.get_absolute_url()}#comments">2 comments</a>' in (
            listing
        )


def test_one_comment_is_counted_in_the_singular(client, article):
    CommentFactory(article=article)
    assert '<a href="#comments">1 comment</a>' in page_of(
        client, article.get_absolute_url()
    )


def test_the_discussion_has_its_own_page_parameter(client, article, settings):
    settings.COMMENTS_PER_PAGE = 2
    comments = [
        CommentFactory(article=article, text=f"Remark {n}") for n in range(1, 6)
    ]  # newest first: 5 4 | 3 2 | 1
    html = page_of(client, article.get_absolute_url(), comments=2)
    shown = {c.text for c in comments if f'id="comment-{c.pk}"' in html}
    assert shown == {"Remark 3", "Remark 2"}
    assert "Page 2 of 3" in html
    url = article.get_absolute_url()
    assert f'href="{url}?comments=1#comments"' in html
    assert f'href="{url}?comments=3#comments"' in html


def test_the_page_parameter_is_named_once_for_the_page_and_its_links(
    client, article, settings, monkeypatch
):
    """The article page reads the parameter its links write: Comment.PAGE_PARAMETER."""
    monkeypatch.setattr(Comment, "PAGE_PARAMETER", "diskusi")
    settings.COMMENTS_PER_PAGE = 2
    comments = [
        CommentFactory(article=article, text=f"Remark {n}") for n in range(1, 6)
    ]
    html = page_of(client, article.get_absolute_url(), diskusi=2)
    shown = {c.text for c in comments if f'id="comment-{c.pk}"' in html}
    assert shown == {"Remark 3", "Remark 2"}
    assert f'href="{article.get_absolute_url()}?diskusi=3#comments"' in html
    oldest = comments[0]
    assert oldest.get_absolute_url().endswith(f"?diskusi=3#comment-{oldest.pk}")


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("abc", 1),
        ("0", 1),
        ("-1", 1),
        ("99999", 3),
        ("", 1),
        ("2.5", 1),
        ("50000000000000000000", 3),  # past the database's integers (fuzz found)
    ],
)
def test_a_nonsense_discussion_page_still_shows_a_page(
    client, article, settings, value, number
):
    settings.COMMENTS_PER_PAGE = 2
    CommentFactory.create_batch(5, article=article)
    response = client.get(article.get_absolute_url(), {"comments": value})
    assert response.status_code == 200
    assert response.context["comment_page"].number == number


def test_discussion_page_links_keep_the_other_parameters(client, article, settings):
    settings.COMMENTS_PER_PAGE = 1
    CommentFactory.create_batch(2, article=article)
    html = page_of(client, article.get_absolute_url(), ref="newsletter")
    assert "?ref=newsletter&amp;comments=2#comments" in html


# The article page costs the same however long the discussion: the article
# page's 4 queries (its 5 less the related stories: these articles have no
# meeting, agency or tag in common with any), then one for the discussion
# (one page of threads, all their replies and the number of threads).
ARTICLE_QUERIES = 4
COMMENTED_ARTICLE_QUERIES = ARTICLE_QUERIES + 1


def bulk_discussion(article, threads: int, replies: int, deeper: int):
    """threads × (1 + replies × (1 + deeper)) approved comments, in bulk."""
    now = timezone.now()

    def comment(n, **kwargs):
        return Comment(
            article=article,
            author_name=f"Pembaca {n}",
            author_email=f"p{n}@example.org",
            text=f"Comment {n} with https://bnpt.go.id/ a link",
            status=Status.APPROVED,
            created_at=now - dt.timedelta(seconds=n),
            **kwargs,
        )

    counter = itertools.count()
    roots = Comment.objects.bulk_create(comment(next(counter)) for _ in range(threads))
    first = Comment.objects.bulk_create(
        comment(next(counter), parent=root, root=root, depth=1)
        for root in roots
        for _ in range(replies)
    )
    Comment.objects.bulk_create(
        comment(next(counter), parent=reply, root=reply.root, depth=2)
        for reply in first
        for _ in range(deeper)
    )
    total = next(counter)
    Article.objects.filter(pk=article.pk).update(approved_comment_count=total)
    return total


@pytest.mark.parametrize(
    ("threads", "replies", "deeper", "total"), [(1, 1, 1, 3), (500, 3, 2, 5000)]
)
def test_the_article_page_costs_the_same_with_3_or_5000_comments(
    client, section, django_assert_num_queries, threads, replies, deeper, total
):
    article = ArticleFactory(
        section=section, language="en", meeting=None, comment_policy="post"
    )
    assert bulk_discussion(article, threads, replies, deeper) == total
    with django_assert_num_queries(COMMENTED_ARTICLE_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = text(response)
    shown = min(threads, 20) * (1 + replies * (1 + deeper))
    assert html.count('<li class="comment') == shown
    assert f"{total:,} comments" in html


def test_an_article_nobody_commented_on_costs_no_query_for_comments(
    client, article, django_assert_num_queries
):
    with django_assert_num_queries(ARTICLE_QUERIES):
        html = text(client.get(article.get_absolute_url()))
    assert 'name="text"' in html
    assert "No comments yet" in html


def test_every_public_comment_links_to_its_reply_form(client, article):
    top = CommentFactory(article=article)
    reply = CommentFactory(parent=top)
    deepest = CommentFactory(parent=reply)  # its replies are shown beside it
    url = article.get_absolute_url()
    html = page_of(client, url)
    for comment in (top, reply, deepest):
        assert f'href="{url}?reply={comment.pk}#reply-{comment.pk}"' in html
    # No form under any comment until the reader asks for one.
    assert 'name="parent"' not in html
    assert "flag-form" not in html
    assert html.count('class="comment__action comment__action--reply') == 3
    assert html.count('class="comment__action comment__action--report') == 3


def test_reply_opens_one_form_under_its_comment(client, article):
    top = CommentFactory(article=article)
    reply = CommentFactory(parent=top)
    deepest = CommentFactory(parent=reply)
    html = page_of(client, article.get_absolute_url(), reply=reply.pk)
    assert f'id="reply-{reply.pk}"' in html
    assert f'name="parent" value="{reply.pk}"' in html
    assert html.count('name="parent"') == 1
    assert '<details class="comment__action comment__action--reply" open>' in html
    # The search form, the new comment's and this reply's.
    assert html.count('<form class="comment-form"') == 2
    # The deepest comment's own form, under it.
    html = page_of(client, article.get_absolute_url(), reply=deepest.pk)
    assert f'id="reply-{deepest.pk}"' in html
    assert f'name="parent" value="{deepest.pk}"' in html
    assert html.count('name="parent"') == 1
    # A comment not on the page: no reply form. "²" and "١" are digits to
    # str.isdigit() that int() refused (a 500).
    for asked in (999999, "x", "²", "1²", "٩" * 20):
        assert 'name="parent"' not in page_of(
            client, article.get_absolute_url(), reply=asked
        )


def test_report_opens_one_report_form_under_its_comment(client, article):
    top = CommentFactory(article=article)
    other = CommentFactory(article=article)
    html = page_of(client, article.get_absolute_url(), report=top.pk)
    assert html.count('class="flag-form"') == 1
    assert f'action="/comments/{top.pk}/flag/#report-problem"' in html
    assert f'id="report-{top.pk}"' in html
    assert f'id="flag-{top.pk}-reason"' in html
    assert '<option value="spam">' in html
    assert f"?report={other.pk}#report-{other.pk}" in html
    assert "flag-form" not in page_of(client, article.get_absolute_url(), report="²")


def test_reply_links_keep_the_page_of_the_discussion(client, article, settings):
    settings.COMMENTS_PER_PAGE = 2
    comments = [CommentFactory(article=article) for _ in range(3)]
    url = article.get_absolute_url()
    html = page_of(client, url, comments=2)
    oldest = comments[0]
    assert f'href="{url}?comments=2&amp;reply={oldest.pk}#reply-{oldest.pk}"' in html
    html = page_of(client, url, comments=2, reply=oldest.pk)
    assert f'name="parent" value="{oldest.pk}"' in html


def three_pages(article, settings):
    """Five threads, two a page (newest first: 5 4 | 3 2 | 1), a reply in the
    oldest; returns the oldest thread and its reply, on page 3."""
    settings.COMMENTS_PER_PAGE = 2
    comments = [CommentFactory(article=article) for _ in range(5)]
    return comments[0], CommentFactory(parent=comments[0])


def pagination_links(html):
    return re.findall(r'class="pagination__link"[^>]*href="([^"]+)"', html)


@pytest.mark.parametrize("parameter", ["reply", "report"])
@pytest.mark.parametrize("asked_page", [None, 1, 2])
def test_a_reply_or_report_link_opens_the_page_its_comment_has_moved_to(
    client, article, settings, parameter, asked_page
):
    """A link made on page 1 or 2 before newer threads pushed the comment on
    to page 3 (or shared): that page, the form open, not page 1 without it."""
    oldest, reply = three_pages(article, settings)
    url = article.get_absolute_url()
    for comment in (oldest, reply):
        params = {parameter: comment.pk, "ref": "newsletter"}
        if asked_page:
            params["comments"] = asked_page
        response = client.get(url, params)
        assert response.status_code == 200
        assert response.context["comment_page"].number == 3
        html = text(response)
        assert f'id="comment-{comment.pk}"' in html
        assert f'id="{parameter}-{comment.pk}"' in html  # where the link lands
        if parameter == "reply":
            assert f'name="parent" value="{comment.pk}"' in html
        else:
            assert f'action="/comments/{comment.pk}/flag/#report-problem"' in html
        # Its own links: this page; the pages' links: no form, other query kept.
        other = reply if comment == oldest else oldest
        assert f"?comments=3&amp;report={other.pk}#report-{other.pk}" in html
        assert pagination_links(html) == [
            f"{url}?ref=newsletter&amp;comments=2#comments"
        ]
        # Kept by the page cache only at the address of the page it shows.
        assert response.wsgi_request.page_numbers == {"comments": "3"}


def test_the_pages_of_a_discussion_with_a_form_open_lead_to_those_pages(
    client, article, settings
):
    """ "Newer comments" from page 3 with a reply form open is page 2: the
    links drop ?reply=, which would now bring the reader back to page 3."""
    oldest, _reply = three_pages(article, settings)
    url = article.get_absolute_url()
    html = page_of(client, url, comments=3, reply=oldest.pk)
    (newer,) = pagination_links(html)
    assert newer == f"{url}?comments=2#comments"
    response = client.get(newer.replace("&amp;", "&"))
    assert response.context["comment_page"].number == 2


@pytest.mark.parametrize("parameter", ["reply", "report"])
@pytest.mark.parametrize(
    "unshown", [Status.REJECTED, Status.REMOVED, Status.PENDING, "elsewhere", "none"]
)
def test_a_form_asked_for_a_comment_not_shown_says_so_where_it_lands(
    client, article, settings, parameter, unshown
):
    """The same words whatever the comment is, or whether there is one: a
    comment waiting for a moderator had been called "no longer shown" as one
    removed (readers never saw it)."""
    three_pages(article, settings)
    if unshown == "elsewhere":
        pk = CommentFactory(article=ArticleFactory(section=article.section)).pk
    elif unshown == "none":
        pk = 999999
    else:
        pk = CommentFactory(article=article, status=unshown).pk
    response = client.get(article.get_absolute_url(), {parameter: pk, "comments": 2})
    assert response.status_code == 200
    assert response.context["comment_page"].number == 2  # the page asked
    html = text(response)
    said = (
        "The comment you are replying to is not shown in this discussion."
        if parameter == "reply"
        else "The comment you wanted to report is not shown in this discussion."
    )
    (notice,) = [
        attrs
        for tag, attrs in elements(discussion(html))
        if attrs.get("id") == f"{parameter}-{pk}"
    ]
    assert notice["tabindex"] == "-1"  # focused as the link lands on it
    assert notice["role"] == "status"
    assert said in html
    assert 'name="parent"' not in html
    assert "flag-form" not in html


def test_a_form_open_on_the_page_asked_costs_no_more_queries(
    client, article, settings, django_assert_num_queries
):
    oldest, _reply = three_pages(article, settings)
    url = article.get_absolute_url()
    client.get(url, {"comments": 3})  # what the site keeps after a first page
    with CaptureQueriesContext(connection) as plain:
        client.get(url, {"comments": 3})
    with django_assert_num_queries(len(plain)):
        client.get(url, {"comments": 3, "reply": oldest.pk})
    # Moved on: the comment, its page's number, that page's threads.
    with django_assert_num_queries(len(plain) + 3):
        client.get(url, {"comments": 1, "reply": oldest.pk})


def test_reply_and_report_links_land_on_what_takes_the_focus(client, article):
    """Browsers focus the element a fragment names when it can take focus:
    the reply form (named by its "Reply to …") and the report form (named
    by its summary "Report …")."""
    top = CommentFactory(article=article, author_name="Dewi")
    url = article.get_absolute_url()
    found = elements(page_of(client, url, reply=top.pk))
    (form,) = [a for t, a in found if a.get("id") == f"reply-{top.pk}"]
    assert form["tabindex"] == "-1"
    (label,) = [(t, a) for t, a in found if a.get("id") == form["aria-labelledby"]]
    assert label[0] == "summary"
    found = elements(page_of(client, url, report=top.pk))
    (form,) = [a for t, a in found if a.get("id") == f"report-{top.pk}"]
    assert form["tabindex"] == "-1" and form["class"] == "flag-form"
    (label,) = [(t, a) for t, a in found if a.get("id") == form["aria-labelledby"]]
    assert label[0] == "summary"


def test_every_field_has_a_label_and_ids_are_unique(client, article):
    top = CommentFactory(article=article)
    CommentFactory(parent=top)
    html = page_of(client, article.get_absolute_url())
    tags = elements(discussion(html))
    ids = [attrs["id"] for _, attrs in tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    labelled = {attrs["for"] for tag, attrs in tags if tag == "label"}
    fields = [
        attrs
        for tag, attrs in tags
        if tag in {"input", "textarea", "select"} and attrs.get("type") != "hidden"
    ]
    assert fields
    for attrs in fields:
        assert attrs["id"] in labelled, attrs


def test_the_fields_take_no_more_than_the_service_keeps(client, article):
    comment = CommentFactory(article=article)
    html = discussion(page_of(client, article.get_absolute_url(), report=comment.pk))
    limits = {
        (tag, attrs.get("name"), attrs.get("maxlength"))
        for tag, attrs in elements(html)
        if tag in {"input", "textarea"} and attrs.get("type") != "hidden"
    }
    assert {(name, size) for tag, name, size in limits if tag == "input"} == {
        ("author_name", "80"),
        ("author_email", "254"),
        ("website", None),
    }
    # The comment's text and the report's details: the service counts them
    # (a browser's maxlength cut a paste without a word).
    assert {size for tag, _name, size in limits if tag == "textarea"} == {None}


def test_the_trap_field_is_hidden_from_people_and_screen_readers(client, article):
    html = page_of(client, article.get_absolute_url())
    assert re.search(
        r'<div class="comment-form__trap" aria-hidden="true">\s*'
        r'<label for="new-comment-website">Leave this empty</label>\s*'
        r'<input type="text" id="new-comment-website" name="website" value="" '
        r'tabindex="-1" autocomplete="off">',
        html,
    )


def test_the_form_carries_a_signed_time_it_was_shown(client, article, clock):
    html = page_of(client, article.get_absolute_url())
    value = re.search(r'name="rendered_at" value="([^"]+)"', html).group(1)
    assert read_rendered_at(value) == clock.now.replace(tzinfo=dt.UTC)
    assert read_rendered_at(value + "x") is None
    assert read_rendered_at("") is None


# Closed discussions


def close_by_policy(article, clock):
    article.comment_policy = "closed"
    article.save()


def close_by_switch(article, clock):
    article.comments_enabled = False
    article.save()


def close_by_age(article, clock):
    clock.advance(days=14, hours=1)


@pytest.mark.parametrize("close", [close_by_policy, close_by_switch, close_by_age])
def test_a_closed_discussion_shows_no_form(client, article, clock, close):
    comment = CommentFactory(article=article, created_at=clock.now)
    close(article, clock)
    html = page_of(client, article.get_absolute_url())
    assert "Comments are closed" in html
    assert 'id="new-comment"' not in html
    assert "/comments/#" not in html  # no comment or reply form at all
    assert "?reply=" not in html
    assert comment.text in html
    assert f"?report={comment.pk}#" in html  # still reportable
    html = page_of(client, article.get_absolute_url(), report=comment.pk)
    assert f'action="/comments/{comment.pk}/flag/#report-problem"' in html


@pytest.mark.parametrize("close", [close_by_policy, close_by_switch, close_by_age])
def test_a_comment_sent_to_a_closed_discussion_is_refused(
    client, article, clock, close
):
    close(article, clock)
    response = post_comment(client, article, clock, text="Komentar yang terlambat.")
    html = text(sent_back(client, response))
    assert "Comments are closed" in html
    assert "so your comment could not be posted" in html
    # What the reader wrote is kept, to copy; nothing offers to send it.
    assert ">Komentar yang terlambat.</textarea>" in html
    assert "/comments/#comment-errors" not in html
    assert not Comment.objects.exists()


def test_a_comment_on_an_unpublished_article_is_not_posted(client, section):
    """It comes back to copy (test_taken_off_meanwhile.py), never posted; to
    a draft, never on the site, it is not found, as to no story
    (test_comments_never_public.py)."""
    gone = ArticleFactory(section=section, status=Article.Status.UNPUBLISHED)
    response = post_comment(client, gone)
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{gone.pk}/comments/#comment-errors"
    draft = ArticleFactory(section=section, draft=True)
    assert post_comment(client, draft).status_code == 404
    assert not Comment.objects.exists()


def test_the_comment_address_takes_posts_and_sends_a_visit_on_to_the_story(
    client, article, clock
):
    # A form sent back with errors stays at this address: reloaded,
    # bookmarked or shared, it answered an empty 405.
    address = f"/articles/{article.pk}/comments/"
    for method in (client.get, client.head):
        response = method(address)
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert client.put(address).status_code == 405
    comment = CommentFactory(article=article)
    report = f"/comments/{comment.pk}/flag/"
    assert client.get(report)["Location"] == comment.get_absolute_url()
    # Neither a draft's nor a waiting comment's address says they exist.
    draft = ArticleFactory(section=article.section, draft=True)
    assert client.get(f"/articles/{draft.pk}/comments/").status_code == 404
    waiting = CommentFactory(article=article, pending=True)
    assert client.get(f"/comments/{waiting.pk}/flag/").status_code == 404


# Writing


def test_a_comment_without_the_csrf_token_is_refused(article, clock):
    client = Client(enforce_csrf_checks=True)
    client.get(article.get_absolute_url())  # the reader has a CSRF cookie
    response = post_comment(client, article, clock)
    assert "Your comment is ready to send" in text(sent_back(client, response))
    assert not Comment.objects.exists()


def test_the_form_carries_the_csrf_token(article, clock):
    client = Client(enforce_csrf_checks=True)
    html = page_of(client, article.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = post_comment(client, article, clock, csrfmiddlewaretoken=token)
    assert response.status_code == 303


def test_a_clean_comment_is_published_and_the_reader_lands_on_it(
    client, article, clock
):
    response = post_comment(client, article, clock, text="Semoga berlanjut.")
    comment = Comment.objects.get()
    assert comment.status == Status.APPROVED
    assert response.status_code == 303
    assert response["Location"] == (
        f"{article.get_absolute_url()}#comment-{comment.pk}"
    )
    html = page_of(client, article.get_absolute_url())
    assert "Thank you — your comment is published." in html
    assert "Semoga berlanjut." in html
    assert "Waiting for moderation" not in html


def test_a_held_comment_shows_only_to_its_writer_marked_waiting(client, section, clock):
    article = ArticleFactory(
        section=section,
        language="en",
        comment_policy="pre",
        published_at=clock.now - dt.timedelta(hours=1),
    )
    response = post_comment(client, article, clock, text="Menunggu moderator.")
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    mine = page_of(client, article.get_absolute_url())
    assert "Thank you — your comment is waiting for moderation." in mine
    assert "Menunggu moderator." in mine
    assert "Waiting for moderation." in mine
    assert f'class="comment comment--pending" id="comment-{comment.pk}"' in mine
    assert "Menunggu moderator." not in page_of(Client(), article.get_absolute_url())

    services.comment_moderate(
        comments=[comment], action="approve", moderator=_moderator()
    )
    again = page_of(client, article.get_absolute_url())
    assert "Menunggu moderator." in again
    assert "Waiting for moderation." not in again
    assert client.cookies["sessionid"].value == ""  # nothing left to remember


def _moderator():
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderator"))
    return User.objects.get(pk=user.pk)


def test_a_held_reply_shows_under_its_comment_to_its_writer(client, article, clock):
    top = CommentFactory(article=article, created_at=clock.now)
    article.comment_policy = "pre"
    article.save()
    post_comment(client, article, clock, text="Balasan saya.", parent=top.pk)
    reply = Comment.objects.get(parent=top)
    assert reply.status == Status.PENDING
    html = page_of(client, article.get_absolute_url())
    assert re.search(
        rf'id="comment-{top.pk}".*<ol class="comment-list comment-list--replies">\s*'
        rf'<li class="comment comment--pending" id="comment-{reply.pk}"',
        html,
        re.DOTALL,
    )


def test_a_reply_lands_under_its_comment(client, article, clock):
    top = CommentFactory(article=article, created_at=clock.now)
    response = post_comment(client, article, clock, text="Setuju.", parent=top.pk)
    reply = Comment.objects.get(parent=top)
    assert (reply.root, reply.depth, reply.status) == (top, 1, Status.APPROVED)
    assert response["Location"].endswith(f"#comment-{reply.pk}")


def test_a_reply_in_an_older_thread_lands_on_the_page_that_shows_it(
    client, article, clock, settings
):
    settings.COMMENTS_PER_PAGE = 1
    old = CommentFactory(article=article, created_at=clock.now - dt.timedelta(hours=1))
    CommentFactory(article=article, created_at=clock.now)
    post_comment(client, article, clock, parent=old.pk)
    reply = Comment.objects.get(parent=old)
    response = client.get(article.get_absolute_url(), {"comments": 2})
    assert f'id="comment-{reply.pk}"' in text(response)
    html = text(
        sent_back(client, post_comment(client, article, clock, parent=old.pk, text=""))
    )
    assert f'id="reply-{old.pk}"' in html  # the reply form, open under its comment


def test_the_reply_redirect_names_the_page_of_its_thread(
    client, article, clock, settings
):
    settings.COMMENTS_PER_PAGE = 1
    old = CommentFactory(article=article, created_at=clock.now - dt.timedelta(hours=1))
    CommentFactory(article=article, created_at=clock.now)
    response = post_comment(client, article, clock, parent=old.pk)
    reply = Comment.objects.get(parent=old)
    assert response["Location"] == (
        f"{article.get_absolute_url()}?comments=2#comment-{reply.pk}"
    )


def test_mistakes_are_explained_and_what_the_reader_typed_is_kept(
    client, article, clock
):
    response = sent_back(
        client,
        post_comment(
            client,
            article,
            clock,
            author_name="Sari <Pembaca>",
            author_email="not an address",
            text="Teks yang saya ketik",
        ),
    )
    html = text(response)
    assert not Comment.objects.exists()
    assert 'class="error-summary" id="comment-errors" role="alert"' in html
    assert '<a href="#new-comment-author_email">' in html
    assert 'id="new-comment-author_email"' in html
    assert re.search(r'id="new-comment-author_email"[^>]*aria-invalid="true"', html)
    assert 'value="Sari &lt;Pembaca&gt;"' in html
    assert 'value="not an address"' in html
    assert ">Teks yang saya ketik</textarea>" in html
    assert 'action="/articles/' in html and '/comments/#comment-errors"' in html


def test_an_empty_comment_is_refused_with_a_link_to_the_field(client, article, clock):
    response = sent_back(client, post_comment(client, article, clock, text="   "))
    assert '<a href="#new-comment-text">Write your comment.</a>' in text(response)


def test_an_email_longer_than_the_database_holds_is_explained(client, article, clock):
    """The standard allows 320 characters, the column 254: on PostgreSQL this
    was a server error (DataError)."""
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example"  # 255
    response = sent_back(
        client, post_comment(client, article, clock, author_email=email)
    )
    assert (
        '<a href="#new-comment-author_email">An email address can have at most '
        "254 characters.</a>"
    ) in text(response)
    assert not Comment.objects.exists()


def test_a_comment_of_only_invisible_characters_is_explained(client, article, clock):
    response = sent_back(
        client, post_comment(client, article, clock, text="\u200b\u2060\ufeff")
    )
    assert (
        '<a href="#new-comment-text">Your comment has only invisible characters. '
        "Write something readers can see.</a>"
    ) in text(response)
    assert not Comment.objects.exists()


def test_a_comment_too_long_is_refused(client, article, clock, settings):
    settings.COMMENTS_MAX_LENGTH = 20
    response = sent_back(client, post_comment(client, article, clock, text="x" * 21))
    assert (
        '<a href="#new-comment-text">A comment can have at most 20 characters; '
        "yours has 21.</a>"
    ) in text(response)


@pytest.mark.parametrize(
    ("field", "sent"),
    [
        ("text", ""),
        ("text", "x" * 5001),
        ("author_name", ""),
        ("author_name", "n" * 81),
        ("author_email", ""),
        ("author_email", "not an address"),
        ("parent", "hidden"),
    ],
    ids=[
        "no text",
        "text too long",
        "no name",
        "name too long",
        "no email",
        "bad email",
        "reply to a hidden comment",
    ],
)
def test_the_page_explains_a_mistake_in_the_services_own_words(
    client, article, clock, field, sent
):
    """One rule, one message: what the reader is told is what the comment
    service says, whether the mistake is caught on the page or by the service."""
    if field == "parent":
        sent = CommentFactory(article=article, status=Status.REMOVED)
    data = {
        "text": "Kerja sama ini penting.",
        "author_name": "Sari",
        "author_email": "sari@example.org",
        field: sent,
    }
    with pytest.raises(ValidationError) as refused:
        services.comment_create(
            article=article, **data, ip="198.51.100.7", form_token=None
        )
    (told,) = refused.value.message_dict[field]
    if field == "parent":
        data["parent"] = sent.pk
    response = sent_back(client, post_comment(client, article, clock, **data))
    assert [str(e) for e in response.context["comment_form"].errors[field]] == [told]
    assert escape(told) in text(response)
    assert not Comment.objects.exclude(status=Status.REMOVED).exists()


def test_line_ends_are_kept_as_line_ends_whatever_the_browser_sends(
    client, article, clock
):
    post_comment(client, article, clock, text="Satu\r\nDua\rTiga\nEmpat")
    comment = Comment.objects.get()
    assert comment.text == "Satu\nDua\nTiga\nEmpat"
    html = page_of(client, article.get_absolute_url())
    assert "<p>Satu<br>\nDua<br>\nTiga<br>\nEmpat</p>" in html


def test_a_reply_with_a_mistake_stays_open_under_its_comment(client, article, clock):
    top = CommentFactory(article=article, author_email="orang.lain@example.org")
    response = sent_back(
        client,
        post_comment(
            client,
            article,
            clock,
            parent=top.pk,
            author_email="saya@example.org",
            author_name="",
            text="Balasan saya",
        ),
    )
    html = text(response)
    assert '<details class="comment__action comment__action--reply" open>' in html
    assert f'<a href="#reply-{top.pk}-author_name">' in html
    assert ">Balasan saya</textarea>" in html
    assert 'value="saya@example.org"' in html  # the reader's own, in their form
    assert "orang.lain@example.org" not in html  # nobody else's, ever
    assert html.count("Balasan saya") == 1  # not also in the top form


def test_a_reply_to_a_comment_not_shown_is_explained(client, article, clock):
    hidden = CommentFactory(article=article, status=Status.REMOVED)
    response = sent_back(client, post_comment(client, article, clock, parent=hidden.pk))
    assert "is not shown in this discussion" in text(response)
    assert not Comment.objects.filter(parent=hidden).exists()


NOT_SHOWN = (
    "The comment you are replying to is not shown in this discussion. Your "
    "text is kept below: send it as a new comment."
)


@pytest.mark.parametrize("parent", ["pending", "none"])
def test_a_reply_to_a_comment_never_shown_tells_nothing_of_it(
    client, article, clock, settings, parent
):
    """A crafted reply to a comment waiting for a moderator was told it is
    "no longer shown", and came back on the page of its thread (page 3 for
    an old one): both said it exists. It reads now as for an id that does
    not exist: not shown, page 1, the text kept for a new comment."""
    waiting = CommentFactory(article=article, pending=True)  # older than all
    three_pages(article, settings)
    assert Comment.objects.thread_page(waiting) == 3
    pk = waiting.pk if parent == "pending" else 999999

    response = sent_back(
        client, post_comment(client, article, clock, parent=pk, text="Balasan saya")
    )

    html = text(response)
    assert NOT_SHOWN in html
    assert "no longer" not in html
    assert response.context["comment_page"].number == 1
    form = html.split('id="new-comment"', 1)[1].split("</form>", 1)[0]
    assert "Balasan saya</textarea>" in form and 'name="parent"' not in form
    assert not Comment.objects.filter(text="Balasan saya").exists()
    # Sent again from there, as the page says: a new comment.
    post_comment(client, article, clock, text="Balasan saya")
    assert Comment.objects.get(text="Balasan saya").parent is None


def error_summaries(html):
    return [
        (tag, attrs)
        for tag, attrs in elements(html)
        if attrs.get("id") == "comment-errors"
    ]


@pytest.mark.parametrize("as_reply", [False, True], ids=["comment", "reply"])
def test_a_form_sent_back_lands_on_its_error_summary(client, article, clock, as_reply):
    """The form's address names its error summary, which can take the focus:
    the browser lands on it and focuses it, and a screen reader reads it."""
    top = CommentFactory(article=article)
    html = page_of(client, article.get_absolute_url(), reply=top.pk)
    actions = re.findall(r'<form class="comment-form"[^>]*action="([^"]+)"', html)
    assert len(actions) == 2
    assert all(a.endswith("/comments/#comment-errors") for a in actions)
    assert not error_summaries(html)

    parent = {"parent": top.pk} if as_reply else {}
    response = sent_back(
        client,
        post_comment(
            client, article, clock, author_name="", author_email="bukan-email", **parent
        ),
    )
    html = text(response)
    ((tag, summary),) = error_summaries(html)
    assert (tag, summary["class"]) == ("div", "error-summary")
    assert summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    form = f'id="reply-{top.pk}"' if as_reply else 'id="new-comment"'
    assert html.index(form) < html.index('id="comment-errors"')


def test_a_report_sent_back_lands_on_why(client, article):
    comment = CommentFactory(article=article)
    response = report_sent_back(client, flag(client, comment, reason="other"))
    html = text(response)
    (problem,) = [a for t, a in elements(html) if a.get("id") == "report-problem"]
    assert problem["tabindex"] == "-1"
    assert problem["role"] == "alert"
    assert f'action="/comments/{comment.pk}/flag/#report-problem"' in html


def test_a_filled_trap_field_pretends_success_and_keeps_nothing(client, article, clock):
    response = post_comment(client, article, clock, website="http://spam.example/")
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert not Comment.objects.exists()
    assert "waiting for moderation" in page_of(client, article.get_absolute_url())


def test_a_rejected_comment_is_reported_to_the_reader(client, article, clock):
    ModerationWord.objects.create(word="bodoh", kind=ModerationWord.Kind.BANNED)
    response = post_comment(client, article, clock, text="Dasar bodoh!")
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert Comment.objects.get().status == Status.REJECTED
    html = page_of(client, article.get_absolute_url())
    assert "Your comment was not accepted." in html
    assert "Dasar bodoh!" not in html


def test_a_form_without_a_valid_time_stamp_is_held(client, article, clock):
    post_comment(client, article, clock, rendered_at="forged")
    assert Comment.objects.get().status == Status.PENDING


def test_a_reader_sending_too_fast_is_told_when_to_try_again(client, article, clock):
    sender = {"author_email": "cepat@example.org", "ip": "192.0.2.10"}
    assert post_comment(client, article, clock, **sender).status_code == 303
    # Same instant: a window (jittered per sender) cannot end in between.
    response = post_comment(client, article, clock, text="Lagi dan lagi", **sender)
    html = text(sent_back(client, response))
    wait = re.search(r"Please wait (\d+) seconds? and send it again", html)
    retry_after = int(wait.group(1))
    assert 0 < retry_after <= 30
    when = timezone.localtime(clock.now + dt.timedelta(seconds=retry_after))
    assert f"at {when:%H:%M} WIB or later" in html
    assert ">Lagi dan lagi</textarea>" in html
    assert Comment.objects.count() == 1

    # django-ratelimit's window ends on a whole second: Retry-After rounds down.
    clock.advance(seconds=retry_after + 1)
    response = post_comment(client, article, clock, text="Lagi dan lagi", **sender)
    assert response.status_code == 303
    assert Comment.objects.count() == 2


@pytest.fixture
def indonesian(settings):
    """The interface in Indonesian, the site's own (after `english`)."""
    settings.LANGUAGE_CODE = "id"
    clear_url_caches()
    yield
    clear_url_caches()


def test_when_to_try_again_is_written_as_the_site_writes_times(
    client, article, clock, indonesian
):
    """ "pukul 22.03 WIB", as the pages write a time, not "pukul 22:03"."""
    sender = {"author_email": "cepat@example.org", "ip": "192.0.2.10"}
    assert post_comment(client, article, clock, **sender).status_code == 303
    another = post_comment(client, article, clock, text="Satu hal lagi.", **sender)
    html = text(sent_back(client, another))
    retry_after = int(re.search(r"tunggu (\d+) detik lalu kirim lagi", html).group(1))
    when = timezone.localtime(clock.now + dt.timedelta(seconds=retry_after))
    assert f"lalu kirim lagi, pukul {when:%H.%M} WIB atau sesudahnya." in html


def test_two_readers_on_one_network_post_one_after_the_other(client, article, clock):
    """Carrier NAT: readers on one mobile network share a /24."""
    first = post_comment(client, article, clock, ip="114.124.5.10", text="Bagus.")
    second = post_comment(
        Client(), article, clock, ip="114.124.5.11", text="Perlu data lebih lengkap."
    )
    assert (first.status_code, second.status_code) == (303, 303)
    assert Comment.objects.filter(status=Status.APPROVED).count() == 2


def test_a_reader_who_has_not_posted_is_not_told_they_post_too_fast_on_a_busy_network(
    client, article, clock
):
    """Six readers on one mobile network (its ceiling, 6 a minute): the
    seventh, who has sent nothing, is told the network is busy, not that
    they are sending comments too fast."""
    for n in range(6):
        response = post_comment(
            Client(),
            article,
            clock,
            ip=f"114.124.5.{10 + n}",
            author_email=f"pembaca{n}@example.org",
            text=f"Komentar nomor {n}.",
        )
        assert response.status_code == 303
    response = sent_back(
        client,
        post_comment(
            client,
            article,
            clock,
            ip="114.124.5.99",
            author_email="baru@example.org",
            text="Komentar pertama saya.",
        ),
    )
    html = text(response)
    assert "Many comments are coming from your network" in html
    assert "You are sending comments faster" not in html
    assert ">Komentar pertama saya.</textarea>" in html


def test_a_second_reader_with_the_same_short_text_is_held_not_told_off(
    client, article, clock
):
    same = "Setuju dengan artikel ini."
    post_comment(Client(), article, clock, ip="114.124.5.10", text=same)
    response = post_comment(client, article, clock, ip="114.124.5.11", text=same)
    assert response.status_code == 303
    html = page_of(client, article.get_absolute_url())
    assert "Thank you — your comment is waiting for moderation." in html
    assert "not accepted" not in html
    assert Comment.objects.filter(status=Status.PENDING).count() == 1


def test_the_same_comment_sent_twice_is_explained_as_such(client, article, clock):
    reader = {"ip": "192.0.2.10", "author_email": "dua@example.org"}
    first = post_comment(client, article, clock, **reader)
    clock.advance(minutes=1)
    again = post_comment(client, article, clock, **reader)
    # Answered as the first was, to that comment: one comment, no copy kept.
    assert again["Location"] == first["Location"]
    html = page_of(client, again["Location"])
    assert "You sent this comment a moment ago; it is posted once" in html
    assert Comment.objects.count() == 1


def test_the_same_comment_under_another_story_comes_back_with_its_text(
    client, article, section, clock
):
    """Refused as a duplicate, it came back emptied, saying "not posted
    twice" as if it were posted (a tester's)."""
    reader = {"ip": "192.0.2.10", "author_email": "dua@example.org"}
    other = ArticleFactory(
        section=section,
        language="en",
        meeting=None,
        comment_policy="post",
        published_at=article.published_at,
    )
    post_comment(client, article, clock, **reader)
    clock.advance(minutes=1)

    html = text(sent_back(client, post_comment(client, other, clock, **reader)))

    assert "You sent this same comment a moment ago, under another story" in html
    assert ">Kerja sama ini penting untuk kawasan.</textarea>" in html
    assert 'value="dua@example.org"' in html
    assert not Comment.objects.filter(article=other).visible().exists()


def test_back_and_send_again_is_explained_as_sent_already_not_as_a_broken_rule(
    client, article, clock
):
    # The same form sent again (Back, then Send): the form's stamp is reused
    # and the text is a duplicate. The reader was told the comment "breaks
    # the discussion rules".
    reader = {
        "ip": "192.0.2.10",
        "author_email": "lagi@example.org",
        "rendered_at": sign_rendered_at(clock.now - dt.timedelta(seconds=20)),
    }
    assert post_comment(client, article, clock, **reader).status_code == 303
    clock.advance(seconds=40)
    again = post_comment(client, article, clock, **reader)
    assert again.status_code == 303
    html = page_of(client, again["Location"])
    assert "You sent this comment a moment ago; it is posted once" in html
    assert "breaks the discussion rules" not in html
    assert Comment.objects.filter(status=Status.APPROVED).count() == 1
    assert Comment.objects.count() == 1


def test_one_form_stamp_posts_one_comment_a_replay_waits_for_a_moderator(
    article, clock
):
    """Six posts in one second from one stamp: the 3-second wait must be paid
    for each comment, so only the first is published."""
    token = sign_rendered_at(clock.now - dt.timedelta(seconds=5))
    clients = [Client() for _ in range(6)]
    for n, reader in enumerate(clients):
        response = post_comment(
            reader, article, clock, rendered_at=token, text=f"Iklan nomor {n}"
        )
        assert response.status_code == 303
    statuses = list(Comment.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [Status.APPROVED] + [Status.PENDING] * 5
    html = page_of(clients[1], article.get_absolute_url())
    assert "the form had already sent a comment" in html


def test_a_form_sent_back_with_a_mistake_keeps_a_usable_stamp(client, article, clock):
    token = sign_rendered_at(clock.now - dt.timedelta(seconds=20))
    response = post_comment(client, article, clock, rendered_at=token, text="")
    assert f'name="rendered_at" value="{token}"' in text(sent_back(client, response))
    post_comment(client, article, clock, rendered_at=token, text="Sekarang lengkap.")
    assert Comment.objects.get().status == Status.APPROVED


def test_staff_comment_as_themselves_with_the_newsroom_badge(
    editor_client, editor, article, clock
):
    editor.first_name, editor.last_name = "Dewi", "Redaksi"
    editor.save()
    html = page_of(editor_client, article.get_absolute_url())
    assert 'name="author_email"' not in html
    assert "You are commenting as <strong>Dewi Redaksi</strong>" in html
    response = post_comment(
        editor_client,
        article,
        clock,
        author_name=None,
        author_email=None,
        text="Terima kasih atas masukannya.",
    )
    comment = Comment.objects.get()
    assert (comment.user, comment.author_name, comment.status) == (
        editor,
        "Dewi Redaksi",
        Status.APPROVED,
    )
    assert response.status_code == 303
    public = page_of(Client(), article.get_absolute_url())
    assert re.search(
        r'<bdi>Dewi Redaksi</bdi></span>\s*<span class="badge badge--newsroom">'
        r"Newsroom</span>",
        public,
    )


# Reporting


def flag(client, comment, REMOTE_ADDR="127.0.0.1", **data):
    return client.post(
        f"/comments/{comment.pk}/flag/",
        {"reason": "spam", "text": "", **data},
        REMOTE_ADDR=REMOTE_ADDR,
    )


def report_sent_back(client, response):
    """The page a report that was not sent comes back on: the POST answers
    303 to the form's own address and why (Post/Redirect/Get), where this
    reader finds the report as they sent it."""
    assert response.status_code == 303, response.status_code
    location = response["Location"]
    assert re.fullmatch(r"(/en)?/comments/\d+/flag/#report-problem", location)
    page = client.get(location)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    return page


def test_a_reader_reports_a_comment_once(client, article):
    comment = CommentFactory(article=article)
    response = flag(client, comment, reason="abusive")
    assert response.status_code == 303
    assert response["Location"] == (
        f"{article.get_absolute_url()}#comment-{comment.pk}"
    )
    report = CommentFlag.objects.get()
    assert (report.comment, report.reason) == (comment, "abusive")
    assert report.reader_key.startswith("reader:")
    html = page_of(client, article.get_absolute_url())
    assert "Thank you for your report." in html
    item = html[html.index(f'id="comment-{comment.pk}"') :]
    assert item.index("Thank you for your report.") < item.index("</li>")

    again = flag(client, comment, reason="spam")
    assert again.status_code == 303
    assert CommentFlag.objects.count() == 1
    assert "already reported this comment" in page_of(
        client, article.get_absolute_url()
    )


def test_another_reader_can_report_the_same_comment(client, article):
    comment = CommentFactory(article=article)
    flag(client, comment)
    flag(Client(), comment)
    assert CommentFlag.objects.filter(comment=comment).count() == 2


def test_a_logged_in_user_reports_under_their_account(editor_client, editor, article):
    comment = CommentFactory(article=article)
    flag(editor_client, comment)
    assert CommentFlag.objects.get().reader_key == f"user:{editor.pk}"


def test_other_needs_a_word_of_explanation(client, article):
    comment = CommentFactory(article=article)
    translated = ArticleFactory(
        translation_of=article,
        language="id" if article.language == "en" else "en",
        section=article.section,
    )
    response = report_sent_back(client, flag(client, comment, reason="other"))
    # The report comes back as chosen, with why: it was sent back to the
    # comment with its form closed and the reason lost.
    assert not CommentFlag.objects.exists()
    html = text(response)
    assert "Tell the moderators what is wrong with it." in html
    assert '<option value="other" selected>' in html
    assert f'action="/comments/{comment.pk}/flag/#report-problem"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    # Its language switcher leads to the story, not to this address, which
    # shows the report to its reader alone (anyone else is sent on).
    switcher = re.search(r"<nav[^>]*language[^>]*>.*?</nav>", html, re.S)
    links = re.findall(r'href="([^"]+)"', switcher.group(0) if switcher else html)
    assert translated.get_absolute_url() in links
    assert not any("/flag/" in link for link in links)
    # The reader writes a word and sends it again: it is taken.
    flag(client, comment, reason="other", text="Menyebut data pribadi")
    assert CommentFlag.objects.get().text == "Menyebut data pribadi"


def test_an_unknown_reason_is_refused(client, article):
    comment = CommentFactory(article=article)
    page = report_sent_back(client, flag(client, comment, reason="boring"))
    assert "Your report was not sent" in text(page)
    assert not CommentFlag.objects.exists()


@pytest.mark.parametrize(
    ("reason", "details"),
    [("", ""), ("boring", ""), ("other", "  "), ("other", "x" * 501)],
    ids=["no reason", "unknown reason", "other without words", "details too long"],
)
def test_a_refused_report_is_explained_in_the_services_own_words(
    client, article, reason, details
):
    comment = CommentFactory(article=article)
    with pytest.raises(ValidationError) as refused:
        services.comment_flag(
            comment=comment, reason=reason, text=details, reader_key="r", ip=None
        )
    (told,) = refused.value.messages
    response = report_sent_back(
        client, flag(client, comment, reason=reason, text=details)
    )
    assert escape(told) in text(response)
    assert f">{details}</textarea>" in text(response)  # as written
    assert not CommentFlag.objects.exists()


def test_control_characters_in_a_report_are_left_out(client, article):
    """A NUL was refused with "Null characters are not allowed."; nobody
    types one, so it is left out and the report goes through."""
    comment = CommentFactory(article=article)
    response = flag(client, comment, reason="oth\x00er", text="Iklan\x00judi\x1b")
    assert response.status_code == 303
    report = CommentFlag.objects.get()
    assert (report.reason, report.text) == ("other", "Iklanjudi")


@pytest.mark.parametrize("status", [Status.PENDING, Status.REMOVED])
def test_only_approved_comments_can_be_reported(client, article, status):
    comment = CommentFactory(article=article, status=status)
    assert flag(client, comment).status_code == 404


def test_a_report_without_the_csrf_token_is_refused(article):
    comment = CommentFactory(article=article)
    response = flag(Client(enforce_csrf_checks=True), comment)
    assert response.status_code == 403
    assert not CommentFlag.objects.exists()


def test_fresh_cookies_on_one_network_cannot_hide_a_comment(client, article):
    """The attack: three reports from three new cookies on one network."""
    comment = CommentFactory(article=article, text="Kritik yang sah.")
    for n in range(3):
        response = flag(Client(), comment, REMOTE_ADDR=f"114.124.5.{n + 1}")
        assert response.status_code == 303
    assert CommentFlag.objects.filter(comment=comment).count() == 3
    assert "Kritik yang sah." in page_of(client, article.get_absolute_url())
    comment.refresh_from_db()
    assert comment in Comment.objects.queue()  # a moderator will look


def test_readers_on_three_networks_hide_a_comment_for_review(client, article):
    comment = CommentFactory(article=article, text="Iklan judi online.")
    for address in ("114.124.5.1", "36.68.10.2", "180.252.7.3"):
        assert flag(Client(), comment, REMOTE_ADDR=address).status_code == 303
    assert "Iklan judi online." not in page_of(client, article.get_absolute_url())
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


def test_refused_reports_write_no_session(article):
    """Sixty reports over the limit: no session row, no flag, each one
    refused."""
    from django.contrib.sessions.models import Session

    comments = CommentFactory.create_batch(4, article=article)
    reader = Client()
    for comment in comments[:3]:
        assert flag(reader, comment).status_code == 303
    sessions = Session.objects.count()
    assert sessions == 0  # the reader's key is in their cookie (reader_state)
    for _ in range(60):
        refused = flag(Client(), comments[3])
        assert refused.status_code == 303
        assert refused["Location"].endswith("/flag/#report-problem")
        assert "newsroom_reader" not in refused.cookies  # no report key kept
    assert Session.objects.count() == sessions
    assert not CommentFlag.objects.filter(comment=comments[3]).exists()


def test_reporting_too_often_is_answered_with_when_to_try_again(client, article, clock):
    comments = CommentFactory.create_batch(4, article=article)
    for comment in comments[:3]:
        assert flag(client, comment).status_code == 303
    response = flag(client, comments[3], reason="other", text="Iklan judi")
    html = text(report_sent_back(client, response))
    assert "Please wait a moment" in html
    assert "You have sent several reports in a short time." in html
    retry_after = int(re.search(r"try again in (\d+) seconds?", html).group(1))
    assert 0 < retry_after <= 60
    when = timezone.localtime(clock.now + dt.timedelta(seconds=retry_after))
    assert f", at {when:%H:%M} WIB." in html
    assert ">Iklan judi</textarea>" in html
    assert '<option value="other" selected>' in html
    clock.advance(seconds=retry_after + 1)  # see the comment limit above
    assert flag(client, comments[3]).status_code == 303
    assert CommentFlag.objects.count() == 4


def test_reporting_too_often_in_indonesian_names_the_time_as_pages_do(
    client, article, clock, indonesian
):
    comments = CommentFactory.create_batch(4, article=article)
    for comment in comments[:3]:
        assert flag(client, comment).status_code == 303
    html = text(report_sent_back(client, flag(client, comments[3])))
    retry_after = int(re.search(r"coba lagi dalam (\d+) detik", html).group(1))
    when = timezone.localtime(clock.now + dt.timedelta(seconds=retry_after))
    assert f"Silakan coba lagi dalam {retry_after} detik, pukul {when:%H.%M} WIB." in (
        html
    )


# Messages elsewhere


def test_messages_show_on_any_public_page(client, article):
    comment = CommentFactory(article=article)
    flag(client, comment)
    html = page_of(client, "/")  # left the article before reading it
    assert "Thank you for your report." in html


def test_a_preview_shows_no_discussion(editor_client, section):
    draft = ArticleFactory(section=section, draft=True, language="en")
    html = page_of(editor_client, f"/preview/articles/{draft.pk}/")
    assert 'id="comments"' not in html


def test_comments_count_only_their_own_article(client, section):
    one = ArticleFactory(section=section, meeting=None)
    other = ArticleFactory(section=SectionFactory(), meeting=None)
    CommentFactory(article=other, text="Elsewhere")
    assert "Elsewhere" not in page_of(client, one.get_absolute_url())
