"""A change form sent after its story left the sender's hands (a reporter's
second tab, saved after the first submitted the story for review): the
story's page as the sender may see it, saying why nothing was saved, with
the texts they changed kept to copy. It had been Django's bare 403 ("This
page is not open to you… log in with an account that may open it"), the
typed text lost."""

import pytest
from django.test import Client
from lxml import html as lxml_html

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login
from tests.newsroom.admin_forms import admin_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
NEW_TITLE = "Delegasi <Filipina> tiba lebih awal"
NEW_BODY = "Paragraf baru yang ditulis di tab kedua."


@pytest.fixture
def own_draft(reporter, section):
    return ArticleFactory(draft=True, section=section, created_by=reporter)


def test_a_second_tabs_save_after_submitting_keeps_what_was_typed_to_copy(
    client, reporter, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    second_tab = form_data(own_draft, title=NEW_TITLE, body=NEW_BODY)
    login(client, reporter).post(url, form_data(own_draft, _transition="submit"))
    assert fresh(own_draft).status == Status.IN_REVIEW

    response = client.post(url, second_tab, follow=False)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: after you opened this page" in page
    assert "you can no longer change it. What you changed is below, to copy." in page
    tree = lxml_html.fromstring(page)
    kept = {
        label.text_content(): tree.get_element_by_id(label.get("for")).text_content()
        for label in tree.xpath('//fieldset[contains(@class, "unsaved-texts")]//label')
    }
    assert kept == {"Title": NEW_TITLE, "Body": NEW_BODY}
    assert "<Filipina>" not in page  # escaped
    story = fresh(own_draft)
    assert (story.title, story.body, story.status) == (
        own_draft.title,
        own_draft.body,
        Status.IN_REVIEW,
    )

    # What the reporter does next: withdraw it, and save the text again.
    services.article_withdraw(article=story, user=reporter)
    story = fresh(own_draft)
    saved = client.post(url, form_data(story, title=NEW_TITLE, body=NEW_BODY))
    assert saved.status_code == 302
    assert fresh(own_draft).title == NEW_TITLE


def test_nothing_changed_in_the_refused_form_says_so_without_a_list(
    client, reporter, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    second_tab = form_data(own_draft)
    login(client, reporter).post(url, form_data(own_draft, _transition="submit"))
    response = client.post(url, second_tab)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: after you opened this page" in page
    assert "What you changed is below" not in page
    assert "unsaved-texts" not in page


def test_someone_who_may_not_see_the_story_is_still_refused(
    client, own_draft, django_user_model
):
    outsider = django_user_model.objects.create_user(
        "tamu", password=None, is_staff=True
    )
    url = admin_url(Article, "change", own_draft.pk)
    response = login(client, outsider).post(url, form_data(own_draft, title="x"))
    assert response.status_code == 403
    assert fresh(own_draft).title == own_draft.title


def test_a_form_that_was_never_the_senders_to_send_is_refused_as_before(
    client, reporter, section
):
    """Another writer's draft, unchanged since the page was opened: not a
    story that left the reporter's hands, Django's 403 as before."""
    theirs = ArticleFactory(draft=True, section=section)
    url = admin_url(Article, "change", theirs.pk)
    response = login(client, reporter).post(url, form_data(theirs, title="x"))
    assert response.status_code == 403
    assert fresh(theirs).title == theirs.title


# Only what the sender changed is kept: the page's texts as a browser sends
# them (CRLF line endings, tags as the tag field shows them) are no change.


def tabs_of(reporter):
    first, second = Client(), Client()
    first.force_login(reporter)
    second.force_login(reporter)
    return first, second


def as_the_browser_shows(browser, article) -> dict:
    """The change form as opened in a browser, and what it sends back: its
    long texts with CRLF line endings."""
    data = admin_form_data(browser.get(admin_url(Article, "change", article.pk)))
    for name in ("body", "dek"):
        data[name] = data[name].replace("\n", "\r\n")
    return data


@pytest.fixture
def long_draft(reporter, section):
    """A draft of several paragraphs and a summary of two lines, its tags
    with spaces and capitals (the form shows them quoted)."""
    return ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        body="BNPT dan NICA bertemu.\n\nDelegasi Filipina dipimpin NICA.",
        dek="Pertemuan pertama.\nSejak 2019.",
        byline="Tim Jakarta",
        tags=["Jakarta Selatan", "terorisme"],
    )


def test_a_second_tab_that_changed_only_the_byline_keeps_only_the_byline(
    reporter, long_draft
):
    """It said "Your changes, not saved: Body, Byline": the browser's CRLF
    body read as a change."""
    first, second = tabs_of(reporter)
    url = admin_url(Article, "change", long_draft.pk)
    form_a = as_the_browser_shows(first, long_draft)
    form_b = as_the_browser_shows(second, long_draft)
    assert '"Jakarta Selatan"' in form_b["tags"]  # quoted, as the field shows it
    assert first.post(url, {**form_a, "_transition": "submit"}).status_code == 302

    refused = second.post(
        url, {**form_b, "byline": "Tim Jakarta dan Manila", "_continue": "1"}
    )

    assert refused.status_code == 409
    assert [
        (str(text["label"]), text["value"]) for text in refused.context["unsaved_texts"]
    ] == [("Byline", "Tim Jakarta dan Manila")]
    tree = lxml_html.fromstring(refused.content.decode())
    labels = tree.xpath('//fieldset[contains(@class, "unsaved-texts")]//label')
    assert [label.text_content() for label in labels] == ["Byline"]
    assert fresh(long_draft).byline == "Tim Jakarta"

    # What the reporter does next: withdraw the story, open it again, and
    # put the byline in.
    withdrawn = second.post(admin_url(Article, "withdraw", long_draft.pk))
    assert withdrawn.status_code == 302
    again = as_the_browser_shows(second, long_draft)
    saved = second.post(url, {**again, "byline": "Tim Jakarta dan Manila"})
    assert saved.status_code == 302
    story = fresh(long_draft)
    assert (story.status, story.byline, story.body) == (
        Status.DRAFT,
        "Tim Jakarta dan Manila",
        long_draft.body,
    )


def test_a_second_tab_sent_unchanged_keeps_nothing(reporter, long_draft):
    first, second = tabs_of(reporter)
    url = admin_url(Article, "change", long_draft.pk)
    form_a = as_the_browser_shows(first, long_draft)
    form_b = as_the_browser_shows(second, long_draft)
    assert first.post(url, {**form_a, "_transition": "submit"}).status_code == 302

    refused = second.post(url, {**form_b, "_continue": "1"})

    assert refused.status_code == 409
    assert refused.context["unsaved_texts"] == []
    assert "unsaved-texts" not in refused.content.decode()


def test_a_changed_paragraph_and_tag_are_kept_as_typed(reporter, long_draft):
    first, second = tabs_of(reporter)
    url = admin_url(Article, "change", long_draft.pk)
    form_a = as_the_browser_shows(first, long_draft)
    form_b = as_the_browser_shows(second, long_draft)
    assert first.post(url, {**form_a, "_transition": "submit"}).status_code == 302
    body = form_b["body"].replace("dipimpin NICA", "dipimpin Kepala NICA")

    refused = second.post(
        url, {**form_b, "body": body, "tags": '"jakarta selatan", BNPT'}
    )

    assert refused.status_code == 409
    assert [
        (str(text["label"]), text["value"]) for text in refused.context["unsaved_texts"]
    ] == [("Body", body), ("Tags", '"jakarta selatan", BNPT')]
