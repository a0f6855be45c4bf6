"""A comment's own page bans its sender: "Ban sender…" beside the status
buttons asks the question the queue's "Ban the senders…" action asks, and
brings the moderator back to the comment. The page says the comment's
status as a label ("Status: Waiting for moderation"), not mid-sentence."""

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Ban, Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_comment_page import (
    PostedForm,
    comment_page_post,
    page_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
BAN_QUESTION = "admin/articles/comment/ban_confirmation.html"


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


def ban_url(comment) -> str:
    return reverse("admin:articles_comment_ban", args=[comment.pk])


def ban_button(page) -> str:
    return f'formaction="{ban_url(page.context["original"])}"'


def answer(question, **chosen) -> tuple[str, dict]:
    """Where the ban question's "Ban" posts, and what: its hidden fields and
    the moderator's choices."""
    form = PostedForm("apply")
    form.feed(question.content.decode())
    assert "apply" in form.buttons, form.buttons
    return form.action, {**form.data(), **chosen}


def press_ban_sender(client, comment):
    """The comment's page, then its "Ban sender…": what the browser posts
    (the page's form, to the button's address), followed to the question."""
    page = client.get(page_of(comment))
    assert ban_button(page) in page.content.decode()
    return client.post(
        ban_url(comment), comment_page_post(client, comment), follow=True
    )


def test_ban_sender_on_a_comment_page_bans_them_and_comes_back_to_it(
    moderator_client, moderator, article
):
    comment = CommentFactory(
        article=article,
        author_email="troll@example.com",
        ip_address="198.51.100.7",
        pending=True,
    )
    earlier = CommentFactory(
        article=article, author_email="troll@example.com", pending=True
    )

    question = press_ban_sender(moderator_client, comment)

    assert question.status_code == 200
    assert BAN_QUESTION in [t.name for t in question.templates]
    content = question.content.decode()
    assert "<h1>Ban the sender</h1>" in content
    assert "Ban the sender of this comment?" in content
    assert "troll@example.com" in content and "198.51.100.7" in content
    assert not Ban.objects.exists()

    post_to, data = answer(
        question, kind="email", duration="7", reason="Threats", reject_pending="on"
    )
    done = moderator_client.post(post_to, data, follow=True)

    assert done.redirect_chain[-1][0] == page_of(comment)
    ban = Ban.objects.get()
    assert (ban.kind, ban.value, ban.reason, ban.created_by) == (
        Ban.Kind.EMAIL,
        "troll@example.com",
        "Threats",
        moderator,
    )
    assert [str(m) for m in done.context["messages"]] == [
        "1 ban made (email address, 7 days): troll@example.com. "
        "Their pending comments were rejected."
    ]
    # The page the moderator lands on shows the comment as it is now.
    assert "Status: <strong>Rejected</strong>." in done.content.decode()
    statuses = dict(
        Comment.objects.filter(pk__in=[comment.pk, earlier.pk]).values_list(
            "pk", "status"
        )
    )
    assert statuses == {comment.pk: Status.REJECTED, earlier.pk: Status.REJECTED}


def test_back_to_the_answered_question_leads_back_to_the_comment(
    moderator_client, article
):
    comment = CommentFactory(article=article, pending=True)
    question = press_ban_sender(moderator_client, comment)
    post_to, data = answer(question, kind="email", duration="7")
    moderator_client.post(post_to, data)

    back = moderator_client.get(question.redirect_chain[-1][0])

    content = back.content.decode()
    assert "Done: you have answered this already." in content
    assert f'href="{page_of(comment)}" class="button">Back to the comment<' in content


def test_ban_sender_works_on_a_comment_no_longer_in_the_queue(
    moderator_client, article
):
    approved = CommentFactory(article=article, ip_address="192.0.2.44")

    question = press_ban_sender(moderator_client, approved)
    post_to, data = answer(question, kind="ip", duration="1")
    done = moderator_client.post(post_to, data, follow=True)

    assert done.redirect_chain[-1][0] == page_of(approved)
    assert list(Ban.objects.values_list("value", flat=True)) == ["192.0.2.44/32"]
    assert Comment.objects.get(pk=approved.pk).status == Status.APPROVED


def test_a_moderator_who_may_not_ban_sees_no_button_and_cannot_ban(
    django_user_model, client, article
):
    user = django_user_model.objects.create_user(
        username="checker", password="x", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["view_comment", "change_comment"],
        )
    )
    client.force_login(user)
    comment = CommentFactory(article=article, pending=True)

    page = client.get(page_of(comment))

    assert page.status_code == 200
    content = page.content.decode()
    assert "Reject" in content  # the status buttons are there
    assert "Ban sender…" not in content
    assert ban_url(comment) not in content
    response = client.post(ban_url(comment), comment_page_post(client, comment))
    assert response.status_code == 403
    assert not Ban.objects.exists()
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


def test_the_ban_question_is_not_asked_by_a_plain_link(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)

    assert moderator_client.get(ban_url(comment)).status_code == 405


def test_the_comment_page_names_the_status_as_a_label(moderator_client, article):
    comment = CommentFactory(article=article, pending=True)

    content = moderator_client.get(page_of(comment)).content.decode()

    assert "Status: <strong>Waiting for moderation</strong>. Each button" in content
    assert "This comment is" not in content


def test_what_the_comment_lacks_cannot_be_chosen_and_back_leads_to_it(
    moderator_client, article
):
    """A tester chose "IP address: none in the selection", was told "None
    of the selected comments has one", and "No, take me back" (the
    browser's Back) led to the same question again."""
    comment = CommentFactory(
        article=article, author_email="x@example.com", ip_address=None, pending=True
    )

    question = press_ban_sender(moderator_client, comment)

    html = lxml.html.fromstring(question.content)
    radios = {box.get("value"): box for box in html.xpath("//input[@name='kind']")}
    assert radios["ip"].get("disabled") is not None
    assert radios["email"].get("disabled") is None
    assert radios["email"].get("checked") is not None
    [back] = html.xpath("//a[normalize-space()='No, take me back']")
    assert back.get("href") == page_of(comment)
    assert back.get("data-history-back") is None  # a link, not history
    # Chosen by hand all the same: refused, the question again, back the same.
    post_to, data = answer(question, kind="ip", duration="7")
    refused = moderator_client.post(post_to, data, follow=True)
    assert "None of the selected comments has one" in refused.content.decode()
    [back] = lxml.html.fromstring(refused.content).xpath(
        "//a[normalize-space()='No, take me back']"
    )
    assert back.get("href") == page_of(comment)
    assert not Ban.objects.exists()
    # Then answered as it can be: the ban, and back on the comment's page.
    post_to, data = answer(refused, kind="email", duration="7")
    done = moderator_client.post(post_to, data)
    assert done["Location"] == page_of(comment)
    assert Ban.objects.get().value == "x@example.com"


def test_the_question_for_one_comment_speaks_of_that_comment_in_indonesian(
    moderator_client, article
):
    """Indonesian has one plural form: the question for one comment had read
    "Blokir pengirim 1 komentar yang dipilih?" on a comment's own page,
    where nothing was selected."""
    comment = CommentFactory(article=article, author_email="troll@example.com")
    moderator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    content = press_ban_sender(moderator_client, comment).content.decode()

    assert "Blokir pengirim komentar ini? Pilih apa yang diblokir" in content
    assert "yang dipilih" not in content
    assert "<caption>Komentar</caption>" in content
