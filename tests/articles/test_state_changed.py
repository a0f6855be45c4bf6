"""A change form sent after its story left the sender's hands (a reporter's
second tab, saved after the first submitted the story for review): the
story's page as the sender may see it, saying why nothing was saved, with
the texts they changed kept to copy. It had been Django's bare 403 ("This
page is not open to you… log in with an account that may open it"), the
typed text lost."""

import pytest
from lxml import html as lxml_html

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

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
