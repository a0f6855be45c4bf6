"""Taking a comment readers can see off the site asks first (Reject and Spam
as Remove), from the queue's row buttons, the list's actions and the
comment's page; waiting comments are still moderated with one click. The
question is a page of its own address (Post/Redirect/Get): Back after the
answer shows it again, saying it is done, not a form to send again."""

import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from articles.admin.comments import CONFIRMATION_SECONDS, CONFIRMATIONS
from articles.models import Article, Ban, Comment, ModerationLog
from tests.articles.comment_factories import CommentFactory, as_listed
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_comment_page import (
    PostedForm,
    comment_page_post,
    page_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
CONFIRM = re.compile(r"^/admin/articles/comment/confirm/[\w-]+/$")
DONE = "Done: you have answered this already."


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


@pytest.fixture
def shown(article):
    """A comment readers see, flagged by readers: in the queue, with Approve
    and Reject on its row."""
    return CommentFactory(
        article=article, author_name="Dedi", status=Status.APPROVED, flag_count=2
    )


def stored(comment) -> Comment:
    return Comment.objects.get(pk=comment.pk)


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def asked(response) -> str:
    """The confirmation page's address an action's POST was sent on to."""
    assert response.status_code == 303, response.status_code
    assert CONFIRM.match(response["Location"]), response["Location"]
    return response["Location"]


def answer(client, page, button: str, **fields):
    """Press the confirmation page's `button`, as a browser would."""
    form = PostedForm(button)
    form.feed(page.content.decode())
    assert button in form.buttons, form.buttons
    return client.post(form.action, {**form.data(), **fields})


def row(client, comment, action: str):
    """Press a queue row's button, as the queue (its `next`) posts it."""
    html = client.get(QUEUE).content.decode()
    seen = dict(
        re.findall(r'form="row-moderation" name="(seen_\d+)" value="(\d+)"', html)
    )
    url = reverse("admin:articles_comment_moderate", args=[comment.pk])
    return client.post(url, {"moderate": action, "next": QUEUE, **seen})


def approved_count(article) -> int:
    return Article.objects.get(pk=article.pk).approved_comment_count


# 1. Asked before a comment readers see is taken off the site


def test_reject_on_the_row_of_a_shown_comment_asks_then_rejects_it(
    moderator_client, shown, article
):
    response = row(moderator_client, shown, "reject")

    page = moderator_client.get(asked(response))
    assert page.status_code == 200
    assert page.templates[0].name == "admin/articles/comment/remove_confirmation.html"
    assert page.context["title"] == "Reject and take off the site"
    assert "Reject this comment and take it off the site?" in text_of(page)
    assert stored(shown).status == Status.APPROVED  # nothing yet

    done = answer(moderator_client, page, "apply", note="Fitnah")

    assert done.status_code == 302 and done["Location"] == QUEUE
    assert messages_of(moderator_client.get(QUEUE)) == ["1 comment rejected."]
    assert stored(shown).status == Status.REJECTED
    assert approved_count(article) == 0
    assert ModerationLog.objects.get(comment=shown, action="reject").note == "Fitnah"


def test_a_waiting_comment_is_still_rejected_with_one_click(moderator_client, article):
    waiting = CommentFactory(article=article, pending=True)

    response = row(moderator_client, waiting, "reject")

    assert response.status_code == 302 and response["Location"] == QUEUE
    assert stored(waiting).status == Status.REJECTED


def test_marking_a_selection_with_a_shown_comment_as_spam_asks_first(
    moderator_client, shown, article
):
    waiting = CommentFactory(article=article, pending=True)
    response = moderator_client.post(
        QUEUE,
        {
            "action": "spam",
            ACTION_CHECKBOX_NAME: [shown.pk, waiting.pk],
            "note": "",
            **as_listed([shown, waiting]),
        },
    )

    page = moderator_client.get(asked(response))
    assert page.context["title"] == "Mark as spam and take off the site"
    assert "Mark these 2 comments as spam?" in text_of(page)
    assert {stored(shown).status, stored(waiting).status} == {
        Status.APPROVED,
        Status.PENDING,
    }

    done = answer(moderator_client, page, "apply")

    assert done.status_code == 302
    assert {stored(shown).status, stored(waiting).status} == {Status.SPAM}
    assert messages_of(moderator_client.get(QUEUE)) == ["2 comments marked as spam."]


def test_rejecting_only_waiting_comments_from_the_list_is_one_click(
    moderator_client, article
):
    waiting = CommentFactory.create_batch(2, article=article, pending=True)
    response = moderator_client.post(
        QUEUE,
        {
            "action": "reject",
            ACTION_CHECKBOX_NAME: [c.pk for c in waiting],
            **as_listed(waiting),
        },
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert {stored(c).status for c in waiting} == {Status.REJECTED}


def test_spam_on_the_page_of_a_shown_comment_asks_and_keeps_the_edit(
    moderator_client, shown
):
    data = comment_page_post(
        moderator_client,
        shown,
        text="Beli obat di [tautan dihapus].",
        note="Iklan",
        _moderate="spam",
    )
    response = moderator_client.post(page_of(shown), data)

    page = moderator_client.get(asked(response))
    assert page.context["title"] == "Mark as spam and take off the site"
    assert "Your edit of its text is saved first." in text_of(page)
    assert stored(shown).status == Status.APPROVED

    done = answer(moderator_client, page, "_confirmed")

    assert done.status_code == 302
    comment = stored(shown)
    assert (comment.status, comment.text) == (
        Status.SPAM,
        "Beli obat di [tautan dihapus].",
    )
    assert [
        (e.action, e.note)
        for e in ModerationLog.objects.filter(comment=shown).order_by("id")
    ] == [("edit", "Iklan"), ("spam", "Iklan")]


def test_reject_on_the_page_of_a_waiting_comment_acts_at_once(
    moderator_client, article
):
    waiting = CommentFactory(article=article, pending=True)
    data = comment_page_post(moderator_client, waiting, _moderate="reject")
    response = moderator_client.post(page_of(waiting), data)
    assert response.status_code == 302 and not CONFIRM.match(response["Location"])
    assert stored(waiting).status == Status.REJECTED


# 2. Back after the answer


def test_back_after_removing_from_the_list_shows_that_it_is_done(
    moderator_client, article
):
    comments = CommentFactory.create_batch(2, article=article, status=Status.APPROVED)
    ids = [c.pk for c in comments]
    response = moderator_client.post(
        QUEUE + "?status=all",
        {
            "action": "remove",
            ACTION_CHECKBOX_NAME: ids,
            "note": "Spam wave",
            **as_listed(comments),
        },
    )
    address = asked(response)

    page = moderator_client.get(address)
    assert page.status_code == 200
    assert sorted(c.pk for c in page.context["comments"]) == ids
    assert moderator_client.get(address).status_code == 200  # Back before answering

    done = answer(moderator_client, page, "apply")
    assert done.status_code == 302 and done["Location"] == QUEUE + "?status=all"
    assert messages_of(moderator_client.get(done["Location"])) == [
        "2 comments removed from the site."
    ]

    back = moderator_client.get(address)  # Back
    assert back.status_code == 200
    assert DONE in text_of(back)
    assert "Yes, remove from the site" not in text_of(back)
    assert [c.status for c in back.context["comments"]] == [Status.REMOVED] * 2
    assert ModerationLog.objects.filter(action="remove").count() == 2


def test_back_after_removing_from_a_comment_page_shows_that_it_is_done(
    moderator_client, shown
):
    data = comment_page_post(
        moderator_client, shown, text="Disunting.", note="Alamat", _moderate="remove"
    )
    address = asked(moderator_client.post(page_of(shown), data))
    page = moderator_client.get(address)
    assert page.context["original"] == shown
    assert page.context["note"] == "Alamat"

    done = answer(moderator_client, page, "_confirmed")
    assert done.status_code == 302

    back = moderator_client.get(address)
    assert back.status_code == 200
    assert DONE in text_of(back)
    assert (stored(shown).status, stored(shown).text) == (Status.REMOVED, "Disunting.")


def test_back_after_banning_shows_that_it_is_done(moderator_client, article):
    comment = CommentFactory(
        article=article, author_email="spam@bulk.example", pending=True
    )
    response = moderator_client.post(
        QUEUE, {"action": "ban_senders", ACTION_CHECKBOX_NAME: [comment.pk]}
    )
    address = asked(response)
    page = moderator_client.get(address)
    assert "spam@bulk.example" in text_of(page)

    done = answer(moderator_client, page, "apply", kind="email", duration="7")
    assert done.status_code == 302 and done["Location"] == QUEUE
    assert list(Ban.objects.values_list("value", flat=True)) == ["spam@bulk.example"]

    back = moderator_client.get(address)
    assert back.status_code == 200
    assert DONE in text_of(back)
    assert Ban.objects.count() == 1


def test_a_refused_ban_asks_again_and_is_then_done(moderator_client, article):
    comment = CommentFactory(
        article=article, ip_address=None, ip_network="", pending=True
    )
    address = asked(
        moderator_client.post(
            QUEUE, {"action": "ban_senders", ACTION_CHECKBOX_NAME: [comment.pk]}
        )
    )
    page = moderator_client.get(address)

    refused = answer(moderator_client, page, "apply", kind="ip", duration="7")
    assert refused.status_code == 200
    assert "None of the selected comments has one" in text_of(refused)

    answer(moderator_client, refused, "apply", kind="email", duration="7")
    assert Ban.objects.count() == 1
    assert DONE in text_of(moderator_client.get(address))


def test_a_question_is_only_its_askers(moderator_client, staff_in, shown):
    address = asked(row(moderator_client, shown, "reject"))
    other = Client()
    other.force_login(staff_in("Moderator", "budi"))

    elsewhere = other.get(address)

    assert elsewhere.status_code == 302 and elsewhere["Location"] == QUEUE
    assert messages_of(other.get(QUEUE))[0].startswith(
        "That question is no longer open"
    )
    assert stored(shown).status == Status.APPROVED


def test_a_question_is_kept_for_an_hour(moderator_client, shown):
    address = asked(row(moderator_client, shown, "reject"))
    session = moderator_client.session
    questions = session[CONFIRMATIONS]
    for question in questions.values():
        question["at"] -= CONFIRMATION_SECONDS
    session[CONFIRMATIONS] = questions
    session.save()

    response = moderator_client.get(address)

    assert response.status_code == 302 and response["Location"] == QUEUE
    assert stored(shown).status == Status.APPROVED
