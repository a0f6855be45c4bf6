"""Story cards remembered by what they show (articles/templatetags/card_tags.py):
the same HTML as the card's include, rendered once, and a card whose shown
field changed is new on the next request, with nothing to invalidate."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from articles.models import Article, Section
from articles.templatetags import card_tags
from newsroom.media.models import Rendition
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory
from tests.images import FULL_SIZE, library_image

pytestmark = pytest.mark.django_db

INCLUDED = Template(
    '{% include "includes/article_card.html" %}'
    "|{% include 'includes/article_card.html' with heading_level=3 %}"
    "|{% include 'includes/article_card.html' with hide_section=True %}"
)
REMEMBERED = Template(
    "{% load card_tags %}{% article_card article %}"
    "|{% with heading_level=3 %}{% article_card article %}{% endwith %}"
    "|{% with hide_section=True %}{% article_card article %}{% endwith %}"
)


@pytest.fixture(autouse=True)
def no_remembered_cards():
    card_tags._cards.clear()
    yield
    card_tags._cards.clear()


def listed(article) -> Article:
    """`article` as lists read it, with its picture's renditions."""
    return Article.objects.for_listing().get(pk=article.pk)


def render(template, article, language="id") -> str:
    with translation.override(language):
        return template.render(
            Context({"article": listed(article), "LANGUAGE_CODE": language})
        )


def card_in(client, path: str, article) -> str:
    page = client.get(path).content.decode()
    url = article.get_absolute_url()
    cards = [
        c.split("</article>")[0]
        for c in page.split("<article ")[1:]
        if f'href="{url}"' in c
    ]
    assert cards, f"no card for {url} on {path}"
    return cards[0]


@pytest.fixture
def story(section, media_root):
    return ArticleFactory(
        title="Rapat JWG-4 di Manila",
        dek="Delegasi membahas kerja sama.",
        section=section,
        # A picture with the card's own rendition (w640): changed_picture.
        featured_image=library_image(size=FULL_SIZE),
        approved_comment_count=2,
        tags=["jwg"],
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_remembered_card_is_the_html_its_include_renders(story, language):
    expected = render(INCLUDED, story, language)
    assert "card__image" in expected
    assert render(REMEMBERED, story, language) == expected
    # Read back from memory the second time, still the same.
    assert render(REMEMBERED, story, language) == expected
    assert len(card_tags._cards) == 3


def test_a_card_is_rendered_once_for_what_it_shows(client, story):
    client.get("/tags/jwg/")
    remembered = dict(card_tags._cards)
    assert len(remembered) == 1
    client.get("/tags/jwg/")
    assert card_tags._cards == remembered


def test_the_card_of_each_edition_is_in_its_language(client, story):
    story.language = "en"
    story.save()
    assert "2 komentar" in card_in(client, "/tags/jwg/", story)
    assert "2 comments" in card_in(client, "/en/tags/jwg/", story)


def changed_title(story):
    Article.objects.filter(pk=story.pk).update(title="Rapat JWG-5 di Manila")
    return "JWG-5"


def changed_dek(story):
    Article.objects.filter(pk=story.pk).update(dek="Dek yang baru.")
    return "Dek yang baru."


def changed_comment_count(story):
    Article.objects.filter(pk=story.pk).update(approved_comment_count=7)
    return "7 komentar"


def changed_date(story):
    Article.objects.filter(pk=story.pk).update(
        published_at=timezone.now() - dt.timedelta(days=400)
    )
    return f'datetime="{Article.objects.get(pk=story.pk).published_at.year}'


def changed_section_name(story):
    Section.objects.filter(pk=story.section_id).update(name="Hukum")
    return ">Hukum</a>"


def changed_picture(story):
    Rendition.objects.filter(image=story.featured_image, spec="w640").delete()
    return "!w640"


def without_picture(story):
    Article.objects.filter(pk=story.pk).update(featured_image=None)
    return "!card__image"


@pytest.mark.parametrize(
    "change",
    [
        changed_title,
        changed_dek,
        changed_comment_count,
        changed_date,
        changed_section_name,
        changed_picture,
        without_picture,
    ],
)
def test_a_card_shows_a_changed_field_on_the_next_request(client, story, change):
    before = card_in(client, "/tags/jwg/", story)
    shown = change(story)
    story.refresh_from_db()
    after = card_in(client, "/tags/jwg/", story)
    assert after != before
    if shown.startswith("!"):
        assert shown[1:] in before and shown[1:] not in after
    else:
        assert shown in after
    fresh = render(INCLUDED, story).split("|")[0]
    assert after == fresh.split("<article ")[1].split("</article>")[0]


# The home page's agenda: each meeting remembered the same way.


MEETING_INCLUDED = Template('{% include "includes/home_meeting.html" %}')
MEETING_REMEMBERED = Template("{% load card_tags %}{% home_meeting meeting %}")


@pytest.fixture
def meeting():
    return MeetingFactory(
        title="JWG RI–Filipina ke-5",
        title_en="5th RI–Philippines JWG",
        # 03:00 UTC: the same day in Jakarta and Manila, whatever the time
        # the tests run (the agenda names the day where they differ).
        start=timezone.now().replace(hour=3, minute=0, second=0, microsecond=0)
        + dt.timedelta(days=3),
        timezone="Asia/Manila",
        city="Manila",
        country="PH",
    )


def agenda_on(client, path: str = "/") -> str:
    page = client.get(path).content.decode()
    return page.split('id="agenda-heading"')[1].split("</section>")[0]


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_remembered_meeting_is_the_html_its_include_renders(meeting, language):
    with translation.override(language):
        context = {"meeting": meeting, "LANGUAGE_CODE": language}
        expected = MEETING_INCLUDED.render(Context(context))
        assert "Manila" in expected
        assert MEETING_REMEMBERED.render(Context(context)) == expected
        assert MEETING_REMEMBERED.render(Context(context)) == expected


def moved_meeting(meeting):
    meeting.start += dt.timedelta(days=1)
    meeting.end += dt.timedelta(days=1)
    meeting.save()
    # The agenda tells the time in the meeting's own zone (Manila).
    local = meeting.start.astimezone(ZoneInfo(meeting.timezone))
    return f'datetime="{local:%Y-%m-%d}'


def renamed_meeting(meeting):
    meeting.title = "JWG RI–Filipina ke-6"
    meeting.save()
    return "ke-6"


def meeting_in_another_city(meeting):
    meeting.city = "Davao"
    meeting.save()
    return "Davao"


@pytest.mark.parametrize(
    "change", [moved_meeting, renamed_meeting, meeting_in_another_city]
)
def test_the_agenda_shows_a_changed_meeting_on_the_next_request(
    client, meeting, change
):
    before = agenda_on(client)
    assert meeting.get_absolute_url() in before
    shown = change(meeting)
    after = agenda_on(client)
    assert after != before
    assert shown in after
    assert shown not in before
