"""A reporter withdrawing their story from review, on its read-only page, may
say why: the note goes with the step into the editors' e-mail."""

import pytest
from django.core import mail
from lxml import html as lxml_html

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def in_review(reporter, desk_editor):
    desk_editor.email = "redaktur@newsroom.example"
    desk_editor.save(update_fields=["email"])
    story = ArticleFactory(draft=True, title="Rapat JWG", created_by=reporter)
    return services.article_submit(article=story, user=reporter)


def test_the_reporters_reason_for_withdrawing_reaches_the_editors_email(
    client, reporter, in_review, django_capture_on_commit_callbacks
):
    url = admin_url(Article, "change", in_review.pk)
    page = login(client, reporter).get(url).content.decode()
    tree = lxml_html.fromstring(page)
    [form] = tree.xpath('//form[@id="article_form"]')
    [note] = form.xpath('.//textarea[@name="workflow_note"]')
    [label] = form.xpath(f'.//label[@for="{note.get("id")}"]')
    assert label.text_content() == "Why (optional, the editors read it)"
    # At the top of the form and at the bottom, by the note: the same step.
    top, bottom = form.xpath('.//button[text()="Withdraw to draft"]')
    assert top.get("formaction") == bottom.get("formaction")

    # The browser sends the form's fields to the button's address.
    data = dict(form.form_values())
    data["workflow_note"] = "Angka korban salah, saya perbaiki dulu."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bottom.get("formaction"), data)

    assert response.status_code == 302
    step = in_review.transitions.first()
    assert (step.to_status, step.note) == (
        Article.Status.DRAFT,
        "Angka korban salah, saya perbaiki dulu.",
    )
    [message] = [m for m in mail.outbox if m.to == ["redaktur@newsroom.example"]]
    assert message.subject.startswith("[Newsroom] Withdrawn by")
    assert "Angka korban salah, saya perbaiki dulu." in message.body
    assert "Angka korban salah, saya perbaiki dulu." in message.alternatives[0][0]


def test_withdrawing_without_a_note_still_works(
    client, reporter, in_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(client, reporter).post(
            admin_url(Article, "withdraw", in_review.pk), {"workflow_note": ""}
        )
    assert in_review.transitions.first().to_status == Article.Status.DRAFT
    [message] = [m for m in mail.outbox if m.to == ["redaktur@newsroom.example"]]
    assert "Their note" not in message.body
