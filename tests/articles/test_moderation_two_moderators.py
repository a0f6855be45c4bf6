"""Two moderators on one comment: a page opened before another moderator's
change does not undo it or overrule it unseen (the comment's page, the
queue's row buttons, the list's actions)."""

import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from articles.admin.comments import change_words
from articles.models import Comment, ModerationLog
from articles.services.moderation import MODERATION_ACTIONS
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_moderation_asks_first import answer, asked
from tests.articles.test_moderation_comment_page import (
    comment_page_post as page_fields,
)
from tests.articles.test_moderation_comment_page import page_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
QUEUE = reverse("admin:articles_comment_changelist")
ORIGINAL = "Pejabat itu korup, rumahnya di Jl. Melati 5."
REDACTED = "Pejabat itu korup, rumahnya di […][disunting]."


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, title="JWG meets again", language="en")


@pytest.fixture
def rina(staff_in):
    user = staff_in("Moderator", "rina")
    user.first_name, user.last_name = "Rina", "Wati"
    user.save()
    return user


@pytest.fixture
def a(rina):
    client = Client()
    client.force_login(rina)
    return client


@pytest.fixture
def b(staff_in):
    client = Client()
    client.force_login(staff_in("Moderator", "budi"))
    return client


def comment_page_post(client, comment, **fields) -> dict:
    """The comment's page as the browser posts it, with what the page showed
    of the comment (its hidden `seen`)."""
    seen = client.get(page_of(comment)).context["adminform"].form["seen"].value()
    return page_fields(client, comment, **{"seen": seen, **fields})


def stored(comment) -> Comment:
    return Comment.objects.get(pk=comment.pk)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row_seen(client, query="") -> dict[str, str]:
    """What the queue's row form posts of the rows it shows (seen_<id>)."""
    html = client.get(QUEUE + query).content.decode()
    return dict(
        re.findall(r'form="row-moderation" name="(seen_\d+)" value="(\d+)"', html)
    )


def list_seen(client, query="") -> dict[str, str]:
    """What the list's form posts beside each row's checkbox (seen_<id>)."""
    html = client.get(QUEUE + query).content.decode()
    return dict(
        re.findall(r'<input type="hidden" name="(seen_\d+)" value="(\d+)"', html)
    )


# The comment's page


def test_an_approve_from_a_page_opened_before_a_redaction_keeps_the_redaction(
    a, b, article
):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    stale = comment_page_post(b, comment, note="ok", _moderate="approve")
    redaction = comment_page_post(a, comment, text=REDACTED, note="alamat dihapus")
    assert a.post(page_of(comment), redaction).status_code == 302

    refused = b.post(page_of(comment), stale, follow=True)

    assert refused.status_code == 200
    assert (stored(comment).text, stored(comment).status) == (
        REDACTED,
        Status.PENDING,
    )
    page = text_of(refused.content.decode())
    assert "Nothing was saved: this comment was changed after you opened it." in page
    assert "Text edited by Rina Wati at" in page
    assert "alamat dihapus" in page
    form = refused.context["adminform"].form
    assert form["text"].value() == REDACTED  # B had not edited: the text now
    assert form["note"].value() == "ok"  # what B typed is kept

    # B approves the comment as it is now, deliberately.
    again = {
        **stale,
        "text": form["text"].value(),
        "seen": form["seen"].value(),
        "_as_it_is": "approve",
    }
    del again["_moderate"]
    done = b.post(page_of(comment), again, follow=True)

    assert messages_of(done) == ["1 comment approved."]
    assert (stored(comment).text, stored(comment).status) == (
        REDACTED,
        Status.APPROVED,
    )


def test_an_untouched_text_of_several_lines_sent_as_a_browser_sends_it_is_not_an_edit(
    a, b, article
):
    """A browser sends a textarea's line ends as CRLF: B's untouched copy of
    a comment of two paragraphs had been taken for B's edit, kept in the
    form ("Your edit of the text is kept"), and B's next Approve published
    the phone number A had redacted (a tester's find)."""
    original = "Nomor telepon saya 0812-3456-7890.\n\nHubungi saja."
    redacted = "Nomor telepon saya [dihapus].\n\nHubungi saja."
    comment = CommentFactory(article=article, text=original, pending=True)
    stale = comment_page_post(b, comment, note="ok", _moderate="approve")
    stale["text"] = stale["text"].replace("\n", "\r\n")  # as Chromium posts it
    redaction = comment_page_post(a, comment, text=redacted, note="nomor dihapus")
    assert a.post(page_of(comment), redaction).status_code == 302

    refused = b.post(page_of(comment), stale, follow=True)

    page = text_of(refused.content.decode())
    assert "The form below now shows the text as it is" in page
    assert "Your edit of the text is kept" not in page
    form = refused.context["adminform"].form
    assert form["text"].value() == redacted
    # B's next press, the form's own Approve, approves the redacted text.
    again = {**stale, "text": form["text"].value(), "seen": form["seen"].value()}
    b.post(page_of(comment), again)
    assert (stored(comment).text, stored(comment).status) == (
        redacted,
        Status.APPROVED,
    )


def test_the_text_sent_with_the_as_it_is_button_is_not_saved(a, b, article):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    stale = comment_page_post(b, comment, _moderate="approve")
    redaction = comment_page_post(a, comment, text=REDACTED)
    a.post(page_of(comment), redaction)
    refused = b.post(page_of(comment), stale, follow=True)
    seen = refused.context["adminform"].form["seen"].value()

    # The panel's button sends the form, whatever its text area holds.
    b.post(page_of(comment), {**stale, "seen": seen, "_as_it_is": "approve"})

    assert (stored(comment).text, stored(comment).status) == (
        REDACTED,
        Status.APPROVED,
    )


def test_a_save_from_an_older_page_keeps_its_edit_and_saves_it_when_sent_again(
    a, b, article
):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    own_edit = "Pejabat itu korup."
    stale = comment_page_post(b, comment, text=own_edit)
    a.post(page_of(comment), comment_page_post(a, comment, text=REDACTED))

    refused = b.post(page_of(comment), stale, follow=True)

    assert refused.status_code == 200
    assert stored(comment).text == REDACTED
    form = refused.context["adminform"].form
    assert form["text"].value() == own_edit
    assert "saving it replaces the text above" in text_of(refused.content.decode())

    # Sent again from the page that showed the redaction: B's choice.
    saved = b.post(page_of(comment), {**stale, "seen": form["seen"].value()})
    assert saved.status_code == 302
    assert stored(comment).text == own_edit
    assert stored(comment).original_text == ORIGINAL


def test_a_reject_from_a_page_opened_before_an_approval_changes_nothing(a, b, article):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    stale = comment_page_post(b, comment, _moderate="reject")
    a.post(page_of(comment), comment_page_post(a, comment, _moderate="approve"))

    refused = b.post(page_of(comment), stale, follow=True)

    assert refused.status_code == 200
    assert stored(comment).status == Status.APPROVED
    assert "Approved by Rina Wati at" in text_of(refused.content.decode())
    assert ModerationLog.objects.filter(comment=comment, action="reject").count() == 0


def test_one_moderators_own_page_saved_twice_in_a_row_is_not_refused(a, article):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    first = a.post(page_of(comment), comment_page_post(a, comment, text=REDACTED))
    assert first.status_code == 302
    then = a.post(page_of(comment), comment_page_post(a, comment, _moderate="approve"))
    assert then.status_code == 302
    assert stored(comment).status == Status.APPROVED


# The queue's row buttons


def moderate_row(client, comment, action, seen):
    url = reverse("admin:articles_comment_moderate", args=[comment.pk])
    return client.post(url, {"moderate": action, **seen}, follow=True)


def test_a_reject_from_a_row_shown_before_an_approval_is_not_done(a, b, article):
    comment = CommentFactory(article=article, author_name="Dedi", pending=True)
    seen_by_b = row_seen(b)
    moderate_row(a, comment, "approve", row_seen(a))

    response = moderate_row(b, comment, "reject", seen_by_b)

    assert stored(comment).status == Status.APPROVED
    [message] = messages_of(response)
    assert message.startswith(
        "1 comment was changed meanwhile and is left as it is: Dedi (Approved by "
        "Rina Wati at "
    )
    # Seen as it is now (in the list of every comment), B's reject asks
    # first (the comment is shown to readers), and is done once answered.
    page = moderate_row(b, comment, "reject", row_seen(b, "?status=all"))
    assert page.context["title"] == "Reject and take off the site"
    response = answer(b, page, "apply")
    assert messages_of(b.get(response["Location"])) == ["1 comment rejected."]
    assert stored(comment).status == Status.REJECTED


def test_the_same_moderators_second_click_is_left_as_it_was(a, article):
    comment = CommentFactory(article=article, pending=True)
    seen = row_seen(a)
    moderate_row(a, comment, "approve", seen)

    response = moderate_row(a, comment, "approve", seen)

    assert messages_of(response) == ["1 left as it was."]
    assert stored(comment).status == Status.APPROVED


# The list's actions


def test_a_bulk_action_leaves_out_the_comments_changed_since_the_list_showed_them(
    a, b, article
):
    first = CommentFactory(article=article, author_name="Dedi", pending=True)
    second = CommentFactory(article=article, author_name="Sari", pending=True)
    seen_by_b = list_seen(b)
    assert set(seen_by_b) == {f"seen_{first.pk}", f"seen_{second.pk}"}
    moderate_row(a, first, "approve", row_seen(a))

    response = b.post(
        QUEUE,
        {
            "action": "reject",
            ACTION_CHECKBOX_NAME: [first.pk, second.pk],
            "note": "",
            **seen_by_b,
        },
        follow=True,
    )

    assert (stored(first).status, stored(second).status) == (
        Status.APPROVED,
        Status.REJECTED,
    )
    assert messages_of(response)[0] == "1 comment rejected."
    assert messages_of(response)[1].startswith(
        "1 comment was changed meanwhile and is left as it is: Dedi (Approved by "
    )


def test_removing_confirmed_after_another_moderator_acted_leaves_that_comment(
    a, b, article
):
    comment = CommentFactory(article=article, author_name="Dedi", pending=True)
    seen_by_b = list_seen(b)
    asked = b.post(
        QUEUE,
        {"action": "remove", ACTION_CHECKBOX_NAME: [comment.pk], **seen_by_b},
        follow=True,
    )
    assert asked.status_code == 200
    carried = dict(
        re.findall(
            r'<input type="hidden" name="(seen_\d+)" value="(\d+)"',
            asked.content.decode(),
        )
    )
    assert carried == seen_by_b
    moderate_row(a, comment, "reject", row_seen(a))

    response = b.post(
        QUEUE,
        {
            "action": "remove",
            ACTION_CHECKBOX_NAME: [comment.pk],
            "apply": "1",
            **carried,
        },
        follow=True,
    )

    assert stored(comment).status == Status.REJECTED
    assert "Rejected by Rina Wati" in messages_of(response)[0]


# The page that found the comment changed: the comment as it is stored


def log_shown(page) -> list[str]:
    """The actions the page's moderation log lists."""
    [log] = [
        inline
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is ModerationLog
    ]
    return [form.instance.action for form in log.formset.forms]


def panel_text(page) -> str:
    html = page.content.decode()
    panel = re.search(r'<div class="module changed-since".*?</div>', html, re.S)
    return text_of(panel[0]).replace(" ,", ",")


@pytest.mark.parametrize("own_edit", ["", "Pejabat itu korup."])
def test_the_changed_page_quotes_and_names_the_stored_text_and_logs_every_change(
    a, b, article, own_edit
):
    comment = CommentFactory(
        article=article, author_name="Dedi", text=ORIGINAL, pending=True
    )
    stale = comment_page_post(a, comment, note="tautan", _moderate="remove")
    if own_edit:
        stale["text"] = own_edit
    b.post(
        page_of(comment),
        comment_page_post(b, comment, text=REDACTED, _moderate="approve"),
    )

    refused = a.post(page_of(comment), stale, follow=True)

    assert refused.status_code == 200
    panel = panel_text(refused)
    assert f"Its status is now Approved, with this text: {REDACTED}" in panel
    assert ORIGINAL not in panel and (not own_edit or own_edit not in panel)
    assert refused.context["subtitle"] == f"Dedi: {REDACTED[:50]}"
    assert refused.context["original"].text == REDACTED  # breadcrumb, buttons
    assert refused.context["adminform"].form["text"].value() == (own_edit or REDACTED)
    # The log lists what the panel reports, as the database holds it.
    stored_log = list(
        ModerationLog.objects.filter(comment=comment).values_list("action", flat=True)
    )
    assert {"edit", "approve"} <= set(stored_log)
    assert log_shown(refused) == stored_log

    # A removes it as it is now: the redaction stays, and is what was removed.
    form = refused.context["adminform"].form
    again = {**stale, "seen": form["seen"].value(), "_as_it_is": "remove"}
    del again["_moderate"]
    asked = a.post(page_of(comment), again)
    if asked.status_code == 303:  # removing asks first
        answer(a, a.get(asked["Location"]), "_confirmed")
    assert (stored(comment).text, stored(comment).status) == (
        REDACTED,
        Status.REMOVED,
    )


def _marker_shapes():
    """Markers a comment's page may carry that this site did not write, made
    from the real one ("<entry>:<digest>"); None: the field left out."""
    return {
        "empty": lambda entry, digest: "",
        "letters": lambda entry, digest: "abc",
        "after the latest entry": lambda entry, digest: f"{entry + 1}:{digest}",
        "far after": lambda entry, digest: f"99999:{digest}",
        "negative": lambda entry, digest: "-5:ab",
        "leading space": lambda entry, digest: f" {entry}:{digest}",
        "decimal point": lambda entry, digest: f"{entry}.0:{digest}",
        "no digest": lambda entry, digest: f"{entry}",
        "short digest": lambda entry, digest: f"{entry}:ab",
        "left out": lambda entry, digest: None,
    }


@pytest.mark.parametrize("shape", list(_marker_shapes()))
def test_a_page_with_a_missing_or_malformed_marker_saves_nothing(a, article, shape):
    comment = CommentFactory(article=article, text=ORIGINAL, pending=True)
    posted = comment_page_post(a, comment, text=REDACTED, _moderate="approve")
    entry, _colon, digest = posted["seen"].partition(":")
    marker = _marker_shapes()[shape](int(entry), digest)
    if marker is None:
        del posted["seen"]
    else:
        posted["seen"] = marker

    refused = a.post(page_of(comment), posted, follow=True)

    assert refused.status_code == 200
    assert (stored(comment).text, stored(comment).status) == (
        ORIGINAL,
        Status.PENDING,
    )
    assert "Nothing was saved" in text_of(refused.content.decode())
    # The page shown again carries a marker: sent from it, the edit is saved.
    form = refused.context["adminform"].form
    assert form["text"].value() == REDACTED  # the moderator's edit, kept
    saved = a.post(page_of(comment), {**posted, "seen": form["seen"].value()})
    assert saved.status_code == 302
    assert (stored(comment).text, stored(comment).status) == (
        REDACTED,
        Status.APPROVED,
    )


def _row_shapes():
    return {
        "empty": lambda latest: "",
        "letters": lambda latest: "abc",
        "negative": lambda latest: "-1",
        "huge": lambda latest: "9" * 30,
        "decimal point": lambda latest: f"{latest}.0",
        "leading space": lambda latest: f" {latest}",
        "long": lambda latest: "x" * 5000,
        "after the latest entry": lambda latest: str(latest + 1),
        "left out": lambda latest: None,
    }


@pytest.mark.parametrize("shape", list(_row_shapes()))
def test_a_row_button_with_a_missing_or_malformed_marker_does_nothing(
    a, article, shape
):
    comment = CommentFactory(article=article, author_name="Dedi", pending=True)
    [(name, latest)] = row_seen(a).items()
    marker = _row_shapes()[shape](int(latest))
    posted = {} if marker is None else {name: marker}

    response = moderate_row(a, comment, "approve", posted)

    assert stored(comment).status == Status.PENDING
    assert messages_of(response) == ["The comment was changed after you opened it."]
    assert ModerationLog.objects.filter(comment=comment, action="approve").count() == 0
    # The queue shown again carries the marker: its button approves.
    done = moderate_row(a, comment, "approve", row_seen(a))
    assert messages_of(done) == ["1 comment approved."]
    assert stored(comment).status == Status.APPROVED


@pytest.mark.parametrize("shape", list(_row_shapes()))
def test_a_bulk_action_leaves_a_comment_with_a_missing_or_malformed_marker(
    a, article, shape
):
    """A list from before the markers (an old tab after a deploy) or a marker
    this site did not write: that comment is left as it was, as a row's
    button leaves it; the others selected with it are done."""
    odd = CommentFactory(article=article, author_name="Dedi", pending=True)
    fine = CommentFactory(article=article, author_name="Sari", pending=True)
    seen = list_seen(a)
    name = f"seen_{odd.pk}"
    marker = _row_shapes()[shape](int(seen[name]))
    if marker is None:
        del seen[name]
    else:
        seen[name] = marker

    response = a.post(
        QUEUE,
        {
            "action": "approve",
            ACTION_CHECKBOX_NAME: [odd.pk, fine.pk],
            "note": "",
            **seen,
        },
        follow=True,
    )

    assert (stored(odd).status, stored(fine).status) == (
        Status.PENDING,
        Status.APPROVED,
    )
    assert messages_of(response) == [
        "1 comment approved.",
        "1 comment is left as it was: the list did not say what it showed of "
        "it, so it may have changed since. The list below shows it as it is now.",
    ]
    # The list shown again carries its marker: sent from it, it is approved.
    again = a.post(
        QUEUE,
        {"action": "approve", ACTION_CHECKBOX_NAME: [odd.pk], **list_seen(a)},
        follow=True,
    )
    assert messages_of(again) == ["1 comment approved."]
    assert stored(odd).status == Status.APPROVED


def test_select_all_acts_on_the_comments_the_list_did_not_show(a, article):
    """With "Select all" across pages, the comments on later pages carry no marker
    (the list never showed them) and are acted on as they are."""
    shown = CommentFactory(article=article, author_name="Dedi", pending=True)
    unseen = CommentFactory(article=article, author_name="Sari", pending=True)
    seen = {f"seen_{shown.pk}": list_seen(a)[f"seen_{shown.pk}"]}

    response = a.post(
        QUEUE,
        {
            "action": "approve",
            ACTION_CHECKBOX_NAME: [shown.pk],
            "select_across": "1",
            "index": "0",
            **seen,
        },
        follow=True,
    )

    assert messages_of(response) == ["2 comments approved."]
    assert (stored(shown).status, stored(unseen).status) == (
        Status.APPROVED,
        Status.APPROVED,
    )


def test_removing_from_an_older_list_what_was_approved_meanwhile_asks_nothing(
    a, b, article
):
    """The confirmation had asked "Remove these 0 comments?" above an empty
    table: every comment selected had left the queue since."""
    comment = CommentFactory(article=article, author_name="Dedi", pending=True)
    seen_by_b = list_seen(b)
    moderate_row(a, comment, "approve", row_seen(a))

    response = b.post(
        QUEUE,
        {"action": "remove", ACTION_CHECKBOX_NAME: [comment.pk], **seen_by_b},
    )

    assert response.status_code == 302 and response["Location"] == QUEUE
    assert stored(comment).status == Status.APPROVED
    said = messages_of(b.get(QUEUE))
    assert len(said) == 1
    assert said[0].startswith(
        "1 comment was changed meanwhile and is left as it is: Dedi (Approved by "
    )


def test_the_question_says_which_selected_comments_were_changed_meanwhile(
    a, b, article
):
    approved = CommentFactory(article=article, author_name="Dedi", pending=True)
    waiting = CommentFactory(article=article, author_name="Sari", pending=True)
    seen_by_b = list_seen(b)
    moderate_row(a, approved, "approve", row_seen(a))

    response = b.post(
        QUEUE,
        {
            "action": "remove",
            ACTION_CHECKBOX_NAME: [approved.pk, waiting.pk],
            **seen_by_b,
        },
    )

    page = b.get(asked(response))
    shown = text_of(page.content.decode())
    assert "Remove this comment from the site?" in shown
    assert (
        "1 comment was changed meanwhile and is left as it is: Dedi (Approved by "
        in shown
    )
    # Said again on the page read again (Back, then Forward).
    assert "Dedi (Approved by " in text_of(b.get(asked(response)).content.decode())
    answer(b, page, "apply")
    assert (stored(approved).status, stored(waiting).status) == (
        Status.APPROVED,
        Status.REMOVED,
    )


def test_select_all_leaves_a_shown_row_without_its_marker_as_it_was(a, article):
    """A row the page showed, its box ticked, posted without its marker: left
    as it was, as without "Select all"."""
    shown = CommentFactory(article=article, author_name="Dedi", pending=True)
    other = CommentFactory(article=article, author_name="Sari", pending=True)
    seen = list_seen(a)
    del seen[f"seen_{shown.pk}"]

    response = a.post(
        QUEUE,
        {
            "action": "reject",
            ACTION_CHECKBOX_NAME: [shown.pk, other.pk],
            "select_across": "1",
            "index": "0",
            **seen,
        },
        follow=True,
    )

    assert (stored(shown).status, stored(other).status) == (
        Status.PENDING,
        Status.REJECTED,
    )
    assert messages_of(response)[0] == "1 comment rejected."


def test_a_change_no_moderator_made_is_said_as_automatic(rina, article):
    """The wave's hold, taken by no one: "… automatically at …" (it had read
    "Held as part of a wave by automatic at …")."""
    comment = CommentFactory(article=article, author_name="Dedi")
    held = ModerationLog.objects.create(
        comment=comment,
        action=ModerationLog.Action.HELD_IN_WAVE,
        from_status=Status.APPROVED,
        to_status=Status.PENDING,
    )
    approved = ModerationLog.objects.create(
        comment=comment,
        moderator=rina,
        action=ModerationLog.Action.APPROVE,
        from_status=Status.PENDING,
        to_status=Status.APPROVED,
    )

    assert change_words(held).startswith("Held as part of a wave automatically at ")
    assert change_words(approved).startswith("Approved by Rina Wati at ")


def test_the_question_leaves_out_a_changed_comment_the_list_still_shows(a, b, article):
    """On "All" the list still shows a comment approved meanwhile: the
    question had counted it and named nothing."""
    approved = CommentFactory(article=article, author_name="Dedi", pending=True)
    waiting = CommentFactory(article=article, author_name="Sari", pending=True)
    seen_by_b = list_seen(b, "?status=all")
    moderate_row(a, approved, "approve", row_seen(a))

    response = b.post(
        QUEUE + "?status=all",
        {
            "action": "remove",
            ACTION_CHECKBOX_NAME: [approved.pk, waiting.pk],
            **seen_by_b,
        },
    )

    page = b.get(asked(response))
    shown = text_of(page.content.decode())
    assert "Remove this comment from the site?" in shown
    assert "Dedi (Approved by " in shown
    assert [c.pk for c in page.context["comments"]] == [waiting.pk]


def test_a_wave_held_while_waiting_is_not_approved_from_an_older_list(
    b, article, staff_in
):
    """Pre-moderation: the wave's hold keeps a waiting comment waiting (no
    new status), and an older list's Approve had published the wave."""
    comment = CommentFactory(article=article, author_name="Promo", pending=True)
    seen_by_b = list_seen(b)
    ModerationLog.objects.create(
        comment=comment,
        action=ModerationLog.Action.HELD_IN_WAVE,
        from_status=Status.PENDING,
        to_status=Status.PENDING,
    )

    response = b.post(
        QUEUE,
        {"action": "approve", ACTION_CHECKBOX_NAME: [comment.pk], **seen_by_b},
        follow=True,
    )

    assert stored(comment).status == Status.PENDING
    assert messages_of(response)[0].startswith(
        "1 comment was changed meanwhile and is left as it is: Promo (Held as "
        "part of a wave automatically at "
    )
    # And its row's button, from the same older list.
    row = moderate_row(
        b, comment, "approve", {f"seen_{comment.pk}": seen_by_b[f"seen_{comment.pk}"]}
    )
    assert stored(comment).status == Status.PENDING
    assert "Held as part of a wave automatically at" in messages_of(row)[0]


def test_a_question_about_thousands_groups_the_number(english):
    question = MODERATION_ACTIONS["remove"].question_for(2012)
    assert question.startswith("Remove these 2,012 comments from the site?")
