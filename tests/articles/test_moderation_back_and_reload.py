"""The moderation desk's questions and refusals, and what the moderator does
next: the page a refused save or a question about a whole capped list shows
is read with a GET (Back, Forward and reload show it again without sending a
form), its answer is a POST refused once answered or made up; "Select all"
with Reject asks once; a row marker no row showed is said as such."""

import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from articles.models import Comment, ModerationLog
from articles.pagination import AdminCappedPaginator
from tests.articles.comment_factories import CommentFactory, as_listed
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_counts import form_fields, post_form
from tests.articles.test_moderation_asks_first import answer
from tests.articles.test_moderation_comment_page import page_of
from tests.articles.test_moderation_two_moderators import ORIGINAL as TEXT
from tests.articles.test_moderation_two_moderators import (
    QUEUE,
    REDACTED,
    comment_page_post,
    messages_of,
    panel_text,
    stored,
    text_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
PENDING = QUEUE + "?status=pending"
CAP = 3


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


@pytest.fixture
def a(staff_in):
    user = staff_in("Moderator", "rina")
    user.first_name, user.last_name = "Rina", "Wati"
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def b(staff_in):
    client = Client()
    client.force_login(staff_in("Moderator", "budi"))
    return client


@pytest.fixture
def small_cap(monkeypatch):
    """A bound of 3 rows stands for ADMIN_COUNT_CAP's 2,000."""
    monkeypatch.setattr(AdminCappedPaginator, "cap", CAP)


# 1 and 2. The comment's page that refused a stale save


def refused_save(a, b, comment, **fields):
    """B's page, opened before A's redaction, saved after it: the answer."""
    stale = comment_page_post(b, comment, **fields)
    a.post(page_of(comment), comment_page_post(a, comment, text=REDACTED))
    return stale, b.post(page_of(comment), stale)


def test_a_refused_save_is_answered_with_a_page_read_again_on_reload(a, b, article):
    comment = CommentFactory(article=article, text=TEXT, pending=True)
    stale, refused = refused_save(a, b, comment, note="ok", _moderate="approve")

    assert refused.status_code == 303
    page_url = refused["Location"]
    assert page_url.startswith(page_of(comment) + "?stale=")
    shown = [b.get(page_url) for _reload in range(2)]  # shown, then reloaded

    for page in shown:
        assert page.status_code == 200
        assert (
            f"Its status is now Waiting for moderation, with this text: {REDACTED}"
            in panel_text(page)
        )
        assert "Text edited by Rina Wati at" in panel_text(page)
        form = page.context["adminform"].form
        assert form["text"].value() == REDACTED
        assert form["note"].value() == "ok"  # what B typed is kept
        assert 'name="_as_it_is" value="approve"' in page.content.decode()
    assert (stored(comment).text, stored(comment).status) == (REDACTED, Status.PENDING)

    # B approves it as it is now, from the page read again.
    again = {**stale, "seen": form["seen"].value(), "_as_it_is": "approve"}
    del again["_moderate"]
    done = b.post(page_url, again, follow=True)
    assert messages_of(done) == ["1 comment approved."]
    assert (stored(comment).text, stored(comment).status) == (REDACTED, Status.APPROVED)

    # Back to the refused page: it says it is done, and shows the comment.
    back = b.get(page_url, follow=True)
    assert back.redirect_chain[-1][0] == page_of(comment)
    assert messages_of(back) == [
        "You have saved from that page already: the comment is shown as it is now."
    ]
    assert ModerationLog.objects.filter(comment=comment, action="approve").count() == 1


def test_the_refused_save_says_only_what_changed_not_please_correct(a, b, article):
    comment = CommentFactory(article=article, text=TEXT, pending=True)
    _stale, refused = refused_save(a, b, comment, _moderate="reject")

    page = b.get(refused["Location"])

    html = page.content.decode()
    assert "Please correct the error" not in text_of(html)
    assert 'class="errornote"' not in html
    said = text_of(html)
    assert said.count("Nothing was saved: this comment was changed after") == 1
    assert "See what changed below." in panel_text(page)


def test_an_edit_refused_as_stale_is_kept_on_reload_and_saved_when_sent_again(
    a, b, article
):
    comment = CommentFactory(article=article, text=TEXT, pending=True)
    own_edit = "Pejabat itu korup."
    stale, refused = refused_save(a, b, comment, text=own_edit)

    page = b.get(refused["Location"])

    form = page.context["adminform"].form
    assert form["text"].value() == own_edit
    assert "saving it replaces the text above" in text_of(page.content.decode())
    saved = b.post(refused["Location"], {**stale, "seen": form["seen"].value()})
    assert saved.status_code == 302
    assert (stored(comment).text, stored(comment).original_text) == (own_edit, TEXT)


def test_a_made_up_or_other_comments_refused_page_key_shows_the_comment(a, b, article):
    comment = CommentFactory(article=article, text=TEXT, pending=True)
    other = CommentFactory(article=article, pending=True)
    _stale, refused = refused_save(a, b, comment)
    key = refused["Location"].partition("?stale=")[2]

    for url in (page_of(comment) + "?stale=made-up", page_of(other) + f"?stale={key}"):
        shown = b.get(url, follow=True)
        assert shown.redirect_chain[-1][0] == url.partition("?")[0]
        assert messages_of(shown) == [
            "That page is not open any more (it is kept for an hour): the "
            "comment is shown as it is now."
        ]
    # Another moderator's session does not hold B's page.
    assert messages_of(a.get(refused["Location"], follow=True))[-1:] == [
        "That page is not open any more (it is kept for an hour): the "
        "comment is shown as it is now."
    ]


# 2. The question about a whole capped list


def approve_all(client, comments, **extra):
    return client.post(
        PENDING,
        {
            "action": "approve",
            "index": "0",
            "select_across": "1",
            "note": "Spam wave",
            ACTION_CHECKBOX_NAME: [c.pk for c in comments[:CAP]],
            **as_listed(comments[:CAP]),
            **extra,
        },
    )


@pytest.mark.usefixtures("small_cap")
def test_the_whole_list_question_is_read_again_and_answered_once(a, article):
    pending = CommentFactory.create_batch(5, article=article, pending=True)
    asked = approve_all(a, pending)

    assert asked.status_code == 303
    question_url = asked["Location"]
    assert question_url.startswith(PENDING + "&across_question=")
    shown = [a.get(question_url) for _reload in range(2)]  # shown, then reloaded
    for page in shown:
        assert page.status_code == 200
        assert "“Approve the selected comments” acts on 5 comments" in (
            text_of(page.content.decode())
        )
        assert 'action="/admin/articles/comment/?status=pending"' in (
            page.content.decode()
        )
    assert not ModerationLog.objects.filter(action="approve").exists()

    done = post_form(a, shown[-1])
    assert "5 comments approved." in messages_of(done)
    assert ModerationLog.objects.filter(action="approve").count() == 5

    # Back to the question: the list, saying it was answered.
    back = a.get(question_url, follow=True)
    assert back.redirect_chain[-1][0] == PENDING
    assert messages_of(back) == [
        "You have answered that confirmation already: the list is shown as it is now."
    ]
    # The answer sent again (the form resubmitted): refused, nothing done.
    Comment.objects.filter(pk=pending[0].pk).update(status=Status.PENDING)
    replayed = post_form(a, shown[-1])
    assert messages_of(replayed) == [
        "Nothing was done: that confirmation was answered already."
    ]
    assert stored(pending[0]).status == Status.PENDING
    assert ModerationLog.objects.filter(action="approve").count() == 5


@pytest.mark.usefixtures("small_cap")
def test_a_made_up_whole_list_question_or_answer_is_refused(a, b, article):
    pending = CommentFactory.create_batch(5, article=article, pending=True)
    question_url = approve_all(a, pending)["Location"]
    page = a.get(question_url)

    for url in (PENDING + "&across_question=made-up", question_url):
        client = a if "made-up" in url else b  # B's session has not A's
        shown = client.get(url, follow=True)
        assert shown.redirect_chain[-1][0] == PENDING
        assert messages_of(shown) == [
            "That confirmation is not open any more (it is kept for an hour): "
            "nothing was done. Choose the action again."
        ]
    fields = {}
    for name, value in form_fields(page.content.decode()):
        fields.setdefault(name, []).append(unescape(value))
    forged = a.post(PENDING, {**fields, "across_question": "made-up"}, follow=True)
    assert messages_of(forged) == [
        "Nothing was done: that confirmation is not open any more (it is kept "
        "for an hour). Choose the action again."
    ]
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.PENDING}
    # The real answer still stands.
    assert "5 comments approved." in messages_of(post_form(a, page))


# 3. Reject on a whole capped list with comments readers see: asked once


@pytest.mark.usefixtures("small_cap")
def test_rejecting_a_whole_capped_list_with_shown_comments_asks_once(a, article):
    shown = CommentFactory.create_batch(5, article=article)  # approved: on the site
    listed = QUEUE + "?status=approved"

    asked = a.post(
        listed,
        {
            "action": "reject",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [c.pk for c in shown[:CAP]],
            **as_listed(shown[:CAP]),
        },
        follow=True,
    )

    assert "Reject these 5 comments?" in text_of(asked.content.decode())
    assert "across_question" not in asked.redirect_chain[-1][0]
    done = answer(a, asked, "apply")
    assert done.status_code == 302
    assert done["Location"] == listed
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.REJECTED}
    assert messages_of(a.get(listed)) == ["5 comments rejected."]


# 4. A row marker from before the comment was posted


@pytest.mark.parametrize("marker", ["0", "before", "another comment's"])
def test_a_bulk_action_with_a_marker_no_row_showed_says_the_row_was_not_matched(
    a, article, marker
):
    odd = CommentFactory(article=article, author_name="Dedi", pending=True)
    other = CommentFactory(article=article, pending=True)
    before = ModerationLog.objects.create(
        comment=other, action="posted", to_status=Status.PENDING
    )
    ModerationLog.objects.create(comment=odd, action="posted", to_status=Status.PENDING)
    others = ModerationLog.objects.create(
        comment=other, action="edit", from_status="pending", to_status="pending"
    )
    # A later edit of Dedi's comment: no row showed the entries before it
    # but its own.
    ModerationLog.objects.create(
        comment=odd, action="edit", from_status="pending", to_status="pending"
    )
    forged = {"0": "0", "before": before.pk, "another comment's": others.pk}[marker]

    response = a.post(
        QUEUE,
        {"action": "approve", ACTION_CHECKBOX_NAME: [odd.pk], f"seen_{odd.pk}": forged},
        follow=True,
    )

    assert stored(odd).status == Status.PENDING
    assert messages_of(response) == [
        "1 comment is left as it was: the list did not say what it showed of "
        "it, so it may have changed since. The list below shows it as it is now."
    ]
    # The list shown again carries the marker its row shows: approved.
    again = a.post(
        QUEUE,
        {"action": "approve", ACTION_CHECKBOX_NAME: [odd.pk], **as_listed([odd])},
        follow=True,
    )
    assert messages_of(again) == ["1 comment approved."]


def test_a_row_button_with_a_marker_from_before_the_post_is_refused_as_unmatched(
    a, article
):
    comment = CommentFactory(article=article, author_name="Dedi", pending=True)
    ModerationLog.objects.create(
        comment=comment, action="posted", to_status=Status.PENDING
    )
    url = f"/admin/articles/comment/{comment.pk}/moderate/"

    refused = a.post(
        url,
        {"moderate": "approve", "next": QUEUE, f"seen_{comment.pk}": "0"},
        follow=True,
    )

    assert stored(comment).status == Status.PENDING
    # As a missing or malformed marker is told; not "changed meanwhile".
    assert messages_of(refused) == ["The comment was changed after you opened it."]
    html = a.get(QUEUE).content.decode()
    seen = dict(
        re.findall(r'form="row-moderation" name="(seen_\d+)" value="(\d+)"', html)
    )
    done = a.post(url, {"moderate": "approve", "next": QUEUE, **seen}, follow=True)
    assert messages_of(done) == ["1 comment approved."]
