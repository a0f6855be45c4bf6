"""A reporter sending a form or a workflow step for another reporter's
story by hand (an attacker tester's POSTs): refused naming the account,
not as a story that changed after its page was opened, nor by its state."""

import pytest
from django.test import Client
from django.utils.html import escape

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
SOMEONE_ELSES = (
    "is someone else's story: your account may not change it or take its "
    "workflow steps."
)


@pytest.fixture
def theirs(staff_in, section):
    """Another reporter's draft, saved by them once since it was written."""
    author = staff_in("Reporter", "reporter-b")
    article = ArticleFactory(draft=True, section=section, created_by=author)
    browser = Client()
    browser.force_login(author)
    sent = browser.post(
        admin_url(Article, "change", article.pk), form_data(article, dek="Ringkasan")
    )
    assert sent.status_code == 302
    return fresh(article)


def as_reporter(reporter):
    browser = Client()
    browser.force_login(reporter)
    return browser


@pytest.mark.parametrize("opened", ["earlier", "now", "made up", "none"])
def test_another_reporters_draft_sent_by_hand_is_refused_as_theirs(
    reporter, theirs, opened
):
    data = form_data(theirs, title="Diganti")
    data["expected_version"] = {
        "earlier": str(theirs.version - 1),
        "now": str(theirs.version),
        "made up": "99",
        "none": "",
    }[opened]

    response = as_reporter(reporter).post(admin_url(Article, "change", theirs.pk), data)

    assert response.status_code == 403
    page = response.content.decode()
    assert escape(f"“{theirs.title}” {SOMEONE_ELSES}") in page
    assert "after you opened this page" not in page
    assert "Draft" not in page.split('class="messagelist"')[1].split("</ul>")[0]
    assert fresh(theirs).title == theirs.title


@pytest.mark.parametrize("in_review", [False, True])
def test_another_reporters_story_is_not_withdrawn_naming_its_state(
    reporter, theirs, in_review
):
    if in_review:
        services.article_submit(article=theirs, user=theirs.created_by)
    status = fresh(theirs).status

    response = as_reporter(reporter).post(admin_url(Article, "withdraw", theirs.pk))

    assert response.status_code == 403
    page = response.content.decode()
    assert escape(f"“{theirs.title}” {SOMEONE_ELSES}") in page
    assert "this article while it is" not in page
    assert fresh(theirs).status == status


def test_a_reporter_withdrawing_their_own_draft_is_still_told_its_state(
    reporter, section
):
    own = ArticleFactory(draft=True, section=section, created_by=reporter)
    response = as_reporter(reporter).post(
        admin_url(Article, "withdraw", own.pk), follow=True
    )
    assert "while it is Draft" in response.content.decode()
    assert escape(SOMEONE_ELSES) not in response.content.decode()
