"""A story's delete page, and the list's "Delete selected" for stories, list
what a person recognises, in the desk's language: not the rows linking the
story to its agencies, people and tags ("Hubungan article-agency:
Article_agencies object (68)" on the English desk), nor the intake's
fingerprint of its wire copy and the values of its sketch. Those rows are
still deleted with the story."""

import datetime as dt
import re

import pytest
from django.utils import translation
from django.utils.text import capfirst
from taggit.models import TaggedItem

from articles.intake.services import copy_fingerprint_keep
from articles.models import Article, HomePin
from articles.models.article import ArticleSlugHistory
from articles.models.intake import CopyFingerprint, CopyShingle
from articles.models.reader import DailyReads
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.agencies.test_delete_selected_held_by_meetings import delete_selected
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url

pytestmark = pytest.mark.django_db

WIRE_COPY = (
    "BNPT and the Philippine delegation met in Jakarta on Thursday for the "
    "fourth Joint Working Group on Combating International Terrorism, the "
    "first since September 2019, and agreed to share more intelligence."
)

INTERNAL = [
    "article-agency",
    "article-person",
    "Article_agencies object",
    "Article_people object",
    "Hubungan",
    "Tagged item",
    "fingerprint",
    "sketch value",
    "Sidik naskah",
    "sketsa",
]


@pytest.fixture
def story():
    """An imported story with its agency, person and tags, pinned on the
    home page."""
    story = ArticleFactory(
        title="BNPT meets the Philippines",
        agencies=[AgencyFactory(acronym="BNPT")],
        people=[PersonFactory(name="Boy Rafli Amar")],
        tags=["counter-terrorism", "Philippines"],
    )
    copy_fingerprint_keep(article=story, body=WIRE_COPY)
    assert CopyShingle.objects.filter(fingerprint__article=story).exists()
    HomePin.objects.create(article=story, slot=HomePin.Slot.LEAD)
    # What the site keeps for itself: read counts and an old address.
    DailyReads.objects.create(article=story, day=dt.date(2026, 12, 7), count=9)
    ArticleSlugHistory.objects.create(article=story, slug="bnpt-meets")
    return story


def content(html: str) -> str:
    """The page's heading, its summary and the items it lists."""
    return re.search(r"<h1>.*?(<form method=\"post\">|</main>)", html, re.S)[0]


def summary(page: str) -> list[str]:
    """The lines of the page's summary (how many of each kind)."""
    counts = re.search(r"<ul>(.*?)</ul>", page, re.S)[1]
    return re.findall(r"<li>([^<]*)</li>", counts)


def plural(model, count: int) -> str:
    return f"{capfirst(model._meta.verbose_name_plural)}: {count}"


def assert_only_recognised(html: str, story: Article, language: str) -> None:
    page = content(html)
    with translation.override(language):
        assert summary(page) == [plural(Article, 1), plural(HomePin, 1)]
        story_item = capfirst(Article._meta.verbose_name)
        pin_item = capfirst(HomePin._meta.verbose_name)
    link = admin_url(Article, "change", story.pk)
    assert f'{story_item}: <a href="{link}">BNPT meets the Philippines</a>' in page
    assert f"{pin_item}: " in page
    for internal in INTERNAL:
        assert internal not in page


def assert_deleted_with_its_rows(story: Article) -> None:
    assert not Article.objects.filter(pk=story.pk).exists()
    assert not Article.agencies.through.objects.filter(article_id=story.pk).exists()
    assert not Article.people.through.objects.filter(article_id=story.pk).exists()
    assert not TaggedItem.objects.filter(object_id=story.pk).exists()
    assert not CopyFingerprint.objects.exists()
    assert not CopyShingle.objects.exists()
    assert not HomePin.objects.exists()


@pytest.mark.usefixtures("english")
def test_a_storys_delete_page_lists_only_what_a_person_recognises(editor_client, story):
    url = admin_url(Article, "delete", story.pk)

    assert_only_recognised(editor_client.get(url).content.decode(), story, "en")

    editor_client.post(url, {"post": "yes"})
    assert_deleted_with_its_rows(story)


def test_a_storys_delete_page_on_the_indonesian_desk_is_all_indonesian(
    editor_client, story
):
    url = admin_url(Article, "delete", story.pk)

    assert_only_recognised(editor_client.get(url).content.decode(), story, "id")


@pytest.mark.usefixtures("english")
def test_deleting_selected_stories_lists_only_what_a_person_recognises(
    editor_client, story
):
    html = delete_selected(editor_client, Article, story)

    assert_only_recognised(html, story, "en")

    editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
    )
    assert_deleted_with_its_rows(story)


def test_deleting_selected_stories_on_the_indonesian_desk_is_all_indonesian(
    editor_client, story
):
    assert_only_recognised(delete_selected(editor_client, Article, story), story, "id")


@pytest.mark.usefixtures("english")
def test_a_story_with_comments_is_still_refused_as_before(editor_client, story):
    """Comments are moderated, never deleted: the refusal Django gives for
    them is kept, and says nothing of the rows not listed."""
    CommentFactory(article=story)

    for html in (
        editor_client.get(admin_url(Article, "delete", story.pk)).content.decode(),
        delete_selected(editor_client, Article, story),
    ):
        page = content(html)
        assert "<h1>Cannot delete article</h1>" in page
        assert "<li>comment</li>" in page
        for internal in INTERNAL:
            assert internal not in page
    assert Article.objects.filter(pk=story.pk).exists()
