"""A comment's page in the moderation desk: "Remove from the site" asks first,
as the queue's action does, and a ban refused from the queue says why in one
sentence."""

from html.parser import HTMLParser

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from articles.models import Ban, Comment, ModerationLog
from tests.articles.comment_factories import BanFactory, CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
CONFIRMATION = "admin/articles/comment/remove_confirmation.html"


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


def page_of(comment) -> str:
    return reverse("admin:articles_comment_change", args=[comment.pk])


class PostedForm(HTMLParser):
    """What a browser posts with the page's one POST form and one of its
    submit buttons: hidden and text inputs, text areas, the button pressed."""

    def __init__(self, button: str):
        super().__init__()
        self.button, self.fields, self.buttons = button, [], []
        self.action = ""  # where it posts: "" for the page's own address
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The page's form, not the header's "Log out" one.
        if (
            tag == "form"
            and attrs.get("method") == "post"
            and ("logout" not in attrs.get("action", ""))
        ):
            self._in_form = True
            self.action = attrs.get("action", "")
        if not self._in_form or "name" not in attrs:
            return
        if tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((attrs["name"], ""))
        elif tag == "input" and attrs.get("type") == "submit":
            self.buttons.append(attrs["name"])
            if attrs["name"] == self.button:
                self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "input" and attrs.get("type") in ("hidden", "text"):
            self.fields.append((attrs["name"], attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def data(self) -> dict[str, list[str]]:
        posted: dict[str, list[str]] = {}
        for name, value in self.fields:
            posted.setdefault(name, []).append(value)
        return posted


def posted_by(response, button: str) -> dict[str, list[str]]:
    form = PostedForm(button)
    form.feed(response.content.decode())
    assert button in form.buttons, form.buttons
    return form.data()


def comment_page_post(client, comment, **fields) -> dict[str, list[str]]:
    """The comment's page as a browser posts it: its text, its note, what it
    showed of the comment (its hidden `seen`) and the inlines' management
    forms, with these fields."""
    page = client.get(page_of(comment))
    seen = page.context["adminform"].form["seen"].value()
    data = {"text": comment.text, "note": "", "seen": seen}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {
                management.add_prefix(name): value
                for name, value in management.initial.items()
            }
        )
    data.update(fields)
    return data


def status_of(comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


@pytest.mark.usefixtures("english")
def test_remove_on_a_comment_page_asks_first_and_changes_nothing(
    moderator_client, article
):
    comment = CommentFactory(article=article, text="Kirim pulsa ke 0812.")
    data = comment_page_post(
        moderator_client,
        comment,
        text="Kirim pulsa ke [nomor dihapus].",
        note="Nomor telepon",
        _moderate="remove",
    )

    response = moderator_client.post(page_of(comment), data, follow=True)

    assert response.status_code == 200
    assert CONFIRMATION in [t.name for t in response.templates]
    content = response.content.decode()
    assert "Remove this comment from the site?" in content
    assert "Your edit of its text is saved first." in content
    assert "Nomor telepon" in content  # the note, to be posted again
    # Nothing yet: not removed, not edited, nothing logged.
    comment.refresh_from_db()
    assert (comment.status, comment.text) == (Status.APPROVED, "Kirim pulsa ke 0812.")
    assert not ModerationLog.objects.filter(comment=comment).exists()
    assert article.__class__.objects.get(pk=article.pk).approved_comment_count == 1


@pytest.mark.usefixtures("english")
def test_confirming_removes_the_comment_keeps_the_edit_and_logs_the_note(
    moderator_client, article
):
    comment = CommentFactory(article=article, text="Kirim pulsa ke 0812.")
    data = comment_page_post(
        moderator_client,
        comment,
        text="Kirim pulsa ke [nomor dihapus].\nTerima kasih.",
        note="Nomor telepon",
        _moderate="remove",
    )
    asking = moderator_client.post(page_of(comment), data, follow=True)

    response = moderator_client.post(
        page_of(comment), posted_by(asking, "_confirmed"), follow=True
    )

    assert response.redirect_chain[-1][0] == QUEUE
    comment.refresh_from_db()
    assert comment.status == Status.REMOVED
    assert comment.text == "Kirim pulsa ke [nomor dihapus].\nTerima kasih."
    assert comment.original_text == "Kirim pulsa ke 0812."
    log = ModerationLog.objects.filter(comment=comment).order_by("id")
    assert [(e.action, e.note) for e in log] == [
        ("edit", "Nomor telepon"),
        ("remove", "Nomor telepon"),
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "1 comment removed from the site."
    ]


def test_the_other_buttons_and_a_plain_save_still_act_at_once(
    moderator_client, article
):
    spam = CommentFactory(article=article, pending=True)
    response = moderator_client.post(
        page_of(spam), comment_page_post(moderator_client, spam, _moderate="spam")
    )
    assert response.status_code == 302
    assert status_of(spam) == Status.SPAM

    saved = CommentFactory(article=article)
    response = moderator_client.post(
        page_of(saved), comment_page_post(moderator_client, saved, text="Disunting.")
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=saved.pk).text == "Disunting."


def test_a_get_or_a_post_without_the_csrf_token_removes_nothing(moderator, article):
    comment = CommentFactory(article=article)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)

    assert (
        browser.get(page_of(comment) + "?_moderate=remove&_confirmed=1").status_code
        == 200
    )
    data = comment_page_post(browser, comment, _moderate="remove", _confirmed="1")
    assert browser.post(page_of(comment), data).status_code == 403

    assert status_of(comment) == Status.APPROVED
    assert not ModerationLog.objects.filter(comment=comment).exists()


@pytest.mark.usefixtures("english")
def test_the_confirmation_carries_the_posted_fields_and_the_csrf_token(
    moderator, article
):
    comment = CommentFactory(article=article, text="Teks pembaca.")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    page = browser.get(page_of(comment))
    token = page.cookies["csrftoken"].value
    data = comment_page_post(
        browser, comment, _moderate="remove", csrfmiddlewaretoken=token
    )

    asking = browser.post(page_of(comment), data, follow=True)
    again = posted_by(asking, "_confirmed")

    assert again["_moderate"] == ["remove"]
    assert again["csrfmiddlewaretoken"][0] != ""
    assert {name for name in data if name != "csrfmiddlewaretoken"} <= set(again)
    assert browser.post(page_of(comment), again).status_code == 302
    assert status_of(comment) == Status.REMOVED


def test_only_a_moderator_is_asked(client, staff_in, article):
    """An editor cannot change comments: refused as before, not asked."""
    client.force_login(staff_in("Editor"))
    comment = CommentFactory(article=article)
    response = client.post(
        page_of(comment), {"text": comment.text, "_moderate": "remove"}
    )
    assert response.status_code == 403
    assert status_of(comment) == Status.APPROVED


@pytest.mark.usefixtures("english")
def test_an_edit_refused_with_remove_comes_back_with_its_error_not_the_question(
    moderator_client, article
):
    comment = CommentFactory(article=article, text="Teks pembaca.")
    data = comment_page_post(moderator_client, comment, text="", _moderate="remove")

    response = moderator_client.post(page_of(comment), data)

    assert response.status_code == 200
    assert CONFIRMATION not in [t.name for t in response.templates]
    assert list(response.context["adminform"].form.errors) == ["text"]
    assert status_of(comment) == Status.APPROVED


# A sender banned already, from the queue


@pytest.mark.parametrize(
    ("language", "told"),
    [
        (
            "en",
            "Not banned: dedi@gmail.com (dedi@gmail.com is banned already, for good).",
        ),
        (
            "id",
            "Tidak diblokir: dedi@gmail.com "
            "(dedi@gmail.com sudah diblokir, untuk selamanya).",
        ),
    ],
)
def test_banning_a_sender_banned_already_says_so_in_one_sentence(
    moderator_client, article, settings, language, told
):
    moderator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    BanFactory(kind=Ban.Kind.EMAIL, value="dedi@gmail.com", until=None)
    comment = CommentFactory(
        article=article, author_email="Dedi@Gmail.com", pending=True
    )

    response = moderator_client.post(
        QUEUE + "?status=all",
        {
            "action": "ban_senders",
            ACTION_CHECKBOX_NAME: [comment.pk],
            "apply": "Ban",
            "kind": "email",
            "duration": "7",
        },
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [told]
    assert Ban.objects.count() == 1


def test_a_long_comment_is_named_cut_at_a_word_with_a_mark(moderator_client, article):
    """Its page's heading, title and breadcrumb name it by its first words:
    they had stopped mid-word with no mark ("…kerja sama keaman")."""
    comment = CommentFactory(
        article=article,
        author_name="Siti",
        text="Paragraf panjang nomor 1 tentang kerja sama keamanan kedua negara.\n\n"
        "Paragraf kedua.",
    )

    page = moderator_client.get(page_of(comment))

    assert page.context["subtitle"] == (
        "Siti: Paragraf panjang nomor 1 tentang kerja sama…"
    )
    short = CommentFactory(article=article, author_name="Budi", text="Setuju.\n\nYa.")
    assert str(short) == "Budi: Setuju. Ya."
