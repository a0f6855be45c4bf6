"""A moderation question answered in one tab, then in a second tab that had
it open: nothing is done the second time, and the moderator is told so in
the words the capped list's question uses; the question page groups the
number of comments it lists, as the rest of the desk does."""

import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import Ban, Comment, ModerationLog
from articles.pagination import AdminCappedPaginator
from tests.articles.comment_factories import CommentFactory, as_listed
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_asks_first import answer, asked, messages_of
from tests.articles.test_moderation_comment_page import comment_page_post, page_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
ANSWERED = "Nothing was done: that confirmation was answered already."


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, language="en")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(response.content.decode()))


def test_removing_from_the_list_answered_in_a_second_tab_does_nothing_and_says_so(
    moderator_client, article
):
    comments = CommentFactory.create_batch(2, article=article)
    address = asked(
        moderator_client.post(
            QUEUE + "?status=all",
            {
                "action": "remove",
                ACTION_CHECKBOX_NAME: [c.pk for c in comments],
                **as_listed(comments),
            },
        )
    )
    first_tab = moderator_client.get(address)
    second_tab = moderator_client.get(address)
    moderator_client.get(answer(moderator_client, first_tab, "apply")["Location"])
    Comment.objects.filter(pk=comments[0].pk).update(status=Status.APPROVED)

    again = answer(moderator_client, second_tab, "apply", note="Tab kedua")

    assert again.status_code == 302
    assert messages_of(moderator_client.get(again["Location"])) == [ANSWERED]
    assert Comment.objects.get(pk=comments[0].pk).status == Status.APPROVED
    assert ModerationLog.objects.filter(action="remove").count() == 2
    assert not ModerationLog.objects.filter(note="Tab kedua").exists()


def test_removing_from_a_comment_page_answered_in_a_second_tab_does_nothing(
    moderator_client, article
):
    comment = CommentFactory(article=article, text="Asli.")
    data = comment_page_post(
        moderator_client, comment, text="Disunting.", _moderate="remove"
    )
    address = asked(moderator_client.post(page_of(comment), data))
    first_tab = moderator_client.get(address)
    second_tab = moderator_client.get(address)
    moderator_client.get(answer(moderator_client, first_tab, "_confirmed")["Location"])
    Comment.objects.filter(pk=comment.pk).update(status=Status.APPROVED, text="Baru.")

    again = answer(moderator_client, second_tab, "_confirmed")

    assert again.status_code == 302
    assert messages_of(moderator_client.get(again["Location"])) == [ANSWERED]
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.status, stored.text) == (Status.APPROVED, "Baru.")
    assert ModerationLog.objects.filter(action="remove").count() == 1


def test_a_ban_answered_in_a_second_tab_does_nothing_and_says_so(
    moderator_client, article
):
    comment = CommentFactory(
        article=article, author_email="spam@bulk.example", pending=True
    )
    address = asked(
        moderator_client.post(
            QUEUE, {"action": "ban_senders", ACTION_CHECKBOX_NAME: [comment.pk]}
        )
    )
    first_tab = moderator_client.get(address)
    second_tab = moderator_client.get(address)
    done = answer(moderator_client, first_tab, "apply", kind="email", duration="7")
    moderator_client.get(done["Location"])
    Ban.objects.all().delete()  # lifted meanwhile

    again = answer(moderator_client, second_tab, "apply", kind="email", duration="7")

    assert again.status_code == 302, text_of(again)[-1500:]
    assert messages_of(moderator_client.get(again["Location"])) == [ANSWERED]
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "The first 100 of 1,001 are shown."), ("id", "dari 1.001")],
)
def test_the_remove_question_groups_the_number_of_comments(
    moderator_client, article, monkeypatch, settings, language, words
):
    monkeypatch.setattr(AdminCappedPaginator, "cap", 1000)
    Comment.objects.bulk_create(
        CommentFactory.build_batch(1001, article=article, pending=True)
    )
    listed = list(Comment.objects.order_by("pk")[:3])
    settings.LANGUAGE_CODE = language
    moderator_client.cookies["django_language"] = language
    address = asked(
        moderator_client.post(
            QUEUE + "?status=pending",
            {
                "action": "remove",
                "index": "0",
                "select_across": "1",
                ACTION_CHECKBOX_NAME: [c.pk for c in listed],
                **as_listed(listed),
            },
        )
    )
    page = moderator_client.get(address)
    assert len(page.context["comments"]) == 100
    assert words in text_of(page)
    assert "1001" not in text_of(page)
