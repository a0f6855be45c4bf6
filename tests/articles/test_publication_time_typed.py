"""A story's publication time as the desk types it, as meeting times are
typed (agencies.admin.MinuteTimeField): "7.5" in Waktu was taken as 07:05 and
the story went live then; the English desk refused "06.30" with a bare
"Enter a valid time."; the box showed seconds (06:30:00) no time is typed in."""

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

import lxml.html as lxml_html
import pytest
from django.conf import settings
from django.utils import translation

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data
from tests.newsroom.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
EXPECTED = "Enter a time as %(example)s (hours%(separator)sminutes)."
DESKS = {
    "id": {"example": "09.30", "separator": "."},
    "en": {"example": "09:30", "separator": ":"},
}


def at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2022, 3, 24, hour, minute, second, tzinfo=JAKARTA)


@pytest.fixture
def desk(client, desk_editor):
    """The article admin of an editor who may publish, in a desk's language."""

    def in_language(language: str):
        client.force_login(desk_editor)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return in_language


@pytest.fixture
def story(section, reporter):
    return ArticleFactory(
        section=section, created_by=reporter, published_at=at(6, 30, 45)
    )


def shown_time(client, story) -> str:
    page = client.get(admin_url(Article, "change", story.pk))
    [box] = lxml_html.fromstring(page.content.decode()).xpath(
        "//input[@name='published_at_1']"
    )
    return box.get("value")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("typed", ["7.5", "7:5", "06.305", "half six"])
def test_a_time_with_a_one_digit_minute_is_refused_naming_the_expected_form(
    desk, story, language, typed
):
    response = desk(language).post(
        admin_url(Article, "change", story.pk),
        form_data(
            story,
            title="Delegasi Filipina tiba pagi ini",
            body="Delegasi dipimpin NICA, tiba pukul tujuh.",
            published_at_0="2022-03-24",
            published_at_1=typed,
        ),
    )
    assert response.status_code == 200  # refused, not saved as 07:05
    with translation.override(language):
        message = translation.gettext(EXPECTED) % DESKS[language]
        assert response.context["adminform"].form.errors["published_at"] == [message]
    page = response.content.decode()
    assert escape(message) in page
    # What was typed stays in the form: the time, and the rest of the form.
    assert f'value="{typed}"' in page
    assert 'value="Delegasi Filipina tiba pagi ini"' in page
    assert "Delegasi dipimpin NICA, tiba pukul tujuh." in page
    story.refresh_from_db()
    assert story.published_at == at(6, 30, 45)
    assert story.title != "Delegasi Filipina tiba pagi ini"


def test_the_english_message_shows_the_form_to_type():
    with translation.override("en"):
        assert (
            translation.gettext(EXPECTED) % DESKS["en"]
            == "Enter a time as 09:30 (hours:minutes)."
        )


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("typed", ["09.30", "09:30", "9.30", "09.30.15", "09:30:15"])
def test_either_separator_is_taken_on_either_desk_to_the_minute(
    desk, section, language, typed
):
    response = desk(language).post(
        admin_url(Article, "add"),
        form_data(
            section=section,
            title=f"Dijadwalkan {typed}",
            slug=f"dijadwalkan-{language}-{typed.replace('.', '-').replace(':', '-')}",
            published_at_0="2022-03-24",
            published_at_1=typed,
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(title=f"Dijadwalkan {typed}")
    assert story.published_at == at(9, 30)  # seconds typed are dropped


@pytest.mark.parametrize(("language", "shown"), [("id", "06.30"), ("en", "06:30")])
def test_the_time_is_shown_to_the_minute_in_the_desks_form(
    desk, story, language, shown
):
    assert shown_time(desk(language), story) == shown


@pytest.mark.parametrize("language", ["id", "en"])
def test_saving_the_form_as_shown_keeps_a_time_stored_with_seconds(
    desk, story, language
):
    """The time shown without its seconds is the same time: a save of the
    form as shown does not move a story published now (at 06:30:45) to
    06:30:00."""
    client = desk(language)
    page = client.get(admin_url(Article, "change", story.pk))
    data = admin_form_data(page) | {"_save": "Save"}
    response = client.post(admin_url(Article, "change", story.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.published_at == at(6, 30, 45)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_new_time_typed_on_a_story_is_saved_to_the_minute(desk, story, language):
    response = desk(language).post(
        admin_url(Article, "change", story.pk),
        form_data(story, published_at_0="2022-03-24", published_at_1="06.15"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.published_at == at(6, 15)
