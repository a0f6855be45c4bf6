"""What the page says after a reporter's "Save and submit for review" of the
wire copy pasted on the add page: the message of what was linked names the
meeting in the desk's language, as the add page's "Linked when you save"
does (Meeting.local_title); it sends the reporter, who can no longer edit
the story in review, to no review of theirs; and the Workflow history names
who took the step as the rest of the page names people (display_user)."""

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from articles.models import Article
from tests.articles.test_add_page_links import ADD, pasted_form, said
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

INDONESIAN_TITLE = "JWG ke-4 Indonesia–Filipina tentang Penanggulangan Terorisme"
ENGLISH_TITLE = "4th Indonesia–Philippines JWG on Counter-Terrorism"


@pytest.fixture
def meeting(jwg4):
    """The 4th meeting with its title in both languages, as the registry
    keeps it: Indonesian in `title`, English in `title_en`."""
    jwg4.title, jwg4.title_en = INDONESIAN_TITLE, ENGLISH_TITLE
    jwg4.save()
    return jwg4


@pytest.fixture
def demo_reporter(reporter):
    reporter.first_name, reporter.last_name = "Demo", "reporter"
    reporter.save()
    return reporter


def desk(client, user, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def linked_message(page) -> str:
    """The message of what the story's text linked (it links to Suggest links)."""
    [message] = [each for each in said(page) if "/links/" in each]
    return message


def preview_meeting(client, section, language: str) -> str:
    """The meeting the add page's "Linked when you save" names for the copy."""
    data = pasted_form(client, section, None)
    html = client.post(reverse("admin:articles_article_links_preview"), data)
    tree = lxml.html.fromstring(html.content.decode())
    with translation.override(language):
        heading = gettext("Meeting:")
    [item] = tree.xpath(
        "//li[strong = $heading]/span[@class='links-preview-item']", heading=heading
    )
    return item.text_content()


@pytest.mark.parametrize(
    ("language", "title", "other"),
    [("en", ENGLISH_TITLE, INDONESIAN_TITLE), ("id", INDONESIAN_TITLE, ENGLISH_TITLE)],
)
def test_the_message_after_submit_names_the_meeting_as_the_desk_does(
    client, agencies, officials, meeting, demo_reporter, section, language, title, other
):
    client = desk(client, demo_reporter, language)
    assert preview_meeting(client, section, language) == title

    response = client.post(ADD, pasted_form(client, section, "submit"))

    story = Article.objects.get()
    assert story.status == Article.Status.IN_REVIEW and story.meeting == meeting
    message = linked_message(client.get(response["Location"]))
    assert f"“{title}”" in message
    assert other not in message


@pytest.mark.parametrize("language", ["en", "id"])
def test_after_submit_the_reporter_is_not_asked_to_review_the_links(
    client, agencies, officials, meeting, demo_reporter, section, language
):
    client = desk(client, demo_reporter, language)

    response = client.post(ADD, pasted_form(client, section, "submit"))

    story = Article.objects.get()
    links = reverse("admin:articles_article_links", args=[story.pk])
    message = linked_message(client.get(response["Location"]))
    assert "Review what was linked" not in message
    assert "Periksa tautannya" not in message
    if language == "en":
        assert message.endswith(
            f'The editors check what was linked on <a href="{links}">Suggest links</a>.'
        ), message


def test_a_draft_saved_with_nothing_left_to_check_still_asks_for_a_review(
    client, agencies, officials, meeting, demo_reporter, section
):
    client = desk(client, demo_reporter, "en")

    response = client.post(ADD, pasted_form(client, section, None), follow=True)

    story = Article.objects.get()
    assert story.status == Article.Status.DRAFT
    links = reverse("admin:articles_article_links", args=[story.pk])
    message = linked_message(response)
    assert f"“{ENGLISH_TITLE}”" in message
    assert message.endswith(
        f'Review what was linked on <a href="{links}">Suggest links</a>.'
    ), message


def history_by(page) -> list[str]:
    """The "By" column of the page's Workflow history, row by row."""
    tree = lxml.html.fromstring(page.content.decode())
    [table] = tree.xpath("//div[@id='transitions-group']//table")
    heads = [th.text_content().strip() for th in table.xpath(".//thead//th")]
    with translation.override(page.wsgi_request.LANGUAGE_CODE):
        by = gettext("by").capitalize()
    column = heads.index(by)
    return [
        row.xpath("./td")[column].text_content().strip()
        for row in table.xpath(".//tbody/tr[contains(@class, 'form-row')]")
    ]


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_workflow_history_names_who_took_the_step_by_full_name(
    client,
    agencies,
    officials,
    meeting,
    demo_reporter,
    desk_editor,
    section,
    language,
):
    client = desk(client, demo_reporter, language)
    response = client.post(ADD, pasted_form(client, section, "submit"))
    story = Article.objects.get()

    for user in (demo_reporter, desk_editor):
        page = desk(client, user, language).get(admin_url(Article, "change", story.pk))
        assert history_by(page) == ["Demo reporter"]
    assert response.status_code == 302
