"""The reader's pages in two languages (tester findings F6): names shown for
want of one in the page's language are marked with their own; a preview
links its story's other edition and is at its edition's address; a slug
asked in capitals leads to its page, a feed's to its feed, and an edition's
prefix in capitals (/EN/) to the edition (F19)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from agencies import services
from tests.agencies.factories import (
    AgencyFactory,
    MeetingFactory,
    PersonFactory,
)
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


# Fallback names


def navigation(page: str) -> str:
    return page.split('class="site-nav"')[1].split("</nav>")[0]


@pytest.fixture
def bais(db):
    """An Indonesian agency with its Indonesian name only."""
    return AgencyFactory(
        acronym="BAIS",
        name="Badan Intelijen Strategis Tentara Nasional Indonesia",
        name_en="",
        slug="bais",
        country="ID",
    )


@pytest.fixture
def siber(db):
    """A section named in Indonesian only."""
    return SectionFactory(name="Keamanan Siber", name_en="", slug="keamanan-siber")


@pytest.fixture
def english_story(bais, siber):
    budi = PersonFactory(
        name="Budi Santoso",
        slug="budi-santoso",
        position="Kepala Badan Intelijen Strategis",
        position_en="",
        agency=bais,
    )
    return ArticleFactory(
        section=siber,
        language="en",
        title="Military intelligence chief warns of ransomware",
        slug="bais-ransomware",
        agencies=[bais],
        people=[budi],
    )


def test_an_english_story_marks_the_indonesian_names_it_falls_back_to(
    client, english_story
):
    page = html(client, english_story.get_absolute_url())
    footer = page.split('class="story__footer"')[1]
    assert (
        '<strong>BAIS</strong> <span lang="id">'
        "Badan Intelijen Strategis Tentara Nasional Indonesia</span>" in footer
    )
    assert ', <span lang="id">Kepala Badan Intelijen Strategis</span>' in footer
    # The section's name is Indonesian: not marked as the page's English.
    assert '<p class="kicker" lang="id">' in page
    assert 'lang="en"><a href="/en/sections/keamanan-siber/"' not in page


def test_the_marks_follow_the_rule_of_the_agencies_pages(client, english_story):
    """The agency's page marks the same name the same way, and names given in
    the page's language are not marked."""
    agency_page = html(client, "/en/agencies/bais/")
    assert (
        'lang="id">Badan Intelijen Strategis Tentara Nasional Indonesia</span></h1>'
        in agency_page
    )
    # Once translated, the English names are the page's own: no mark.
    bais = english_story.agencies.get()
    bais.name_en = "Indonesian Armed Forces Strategic Intelligence Agency"
    bais.save()
    budi = english_story.people.get()
    budi.position_en = "Head of Strategic Intelligence"
    budi.save()
    footer = html(client, english_story.get_absolute_url()).split(
        'class="story__footer"'
    )[1]
    assert (
        "<strong>BAIS</strong> Indonesian Armed Forces Strategic Intelligence "
        "Agency</a>" in footer
    )
    assert ", Head of Strategic Intelligence" in footer
    assert 'lang="id"' not in footer


def test_an_indonesian_story_marks_nothing_of_its_own_language(client, bais, siber):
    story = ArticleFactory(section=siber, language="id", agencies=[bais])
    page = html(client, story.get_absolute_url())
    assert '<p class="kicker" lang="id">' in page
    assert 'lang="id">Badan Intelijen' not in page


def test_the_english_navigation_and_cards_mark_an_indonesian_section_name(
    client, english_story
):
    home = html(client, "/en/")
    assert 'lang="id">Keamanan Siber</a>' in navigation(home)
    cards = re.findall(r'<p class="kicker"[^>]*>', home.split("</nav>", 1)[1])
    assert cards and all('lang="id"' in card for card in cards), cards
    # The section's own page lists the story in a card: marked as well.
    section_page = html(client, "/en/sections/keamanan-siber/")
    assert 'lang="id">Keamanan Siber</a>' in navigation(section_page)
    assert '<h1 lang="id">Keamanan Siber</h1>' in section_page
    # The Indonesian edition's names are its own: no mark.
    assert 'lang="id">Keamanan Siber' not in html(client, "/")


# Previews


@pytest.fixture
def scheduled_translation(section):
    original = ArticleFactory(
        section=section,
        language="id",
        title="Kepala BNPT bertemu NICA",
        slug="kepala-bnpt-bertemu-nica",
    )
    return ArticleFactory(
        section=section,
        language="en",
        title="BNPT chief meets NICA",
        slug="bnpt-chief-meets-nica",
        translation_of=original,
        published_at=timezone.now() + dt.timedelta(days=1),
    )


def test_the_preview_of_a_translation_links_its_published_original(
    desk_editor, scheduled_translation
):
    original = scheduled_translation.translation_of
    editor = as_user(desk_editor)
    page = html(editor, f"/en/preview/articles/{scheduled_translation.pk}/")
    address = original.get_absolute_url()
    switcher = page.split('class="language-switcher"')[1].split("</nav>")[0]
    assert f'href="{address}" hreflang="id"' in switcher
    notice = page.split('class="edition-notice"')[1].split("</aside>")[0]
    assert f'<a href="{address}" hreflang="id">Baca dalam bahasa Indonesia</a>' in (
        notice
    )
    assert 'class="story__translation"' in page
    # No hreflang for a page without a public address of its own.
    assert 'rel="alternate" hreflang' not in page
    # The reader follows the link to the original, which is published.
    assert editor.get(address).status_code == 200


def test_a_preview_at_the_other_editions_address_moves_to_its_own(
    client, desk_editor, scheduled_translation
):
    editor = as_user(desk_editor)
    pk = scheduled_translation.pk
    response = editor.get(f"/preview/articles/{pk}/?x=1")
    assert response.status_code == 301
    assert response["Location"] == f"/en/preview/articles/{pk}/?x=1"
    page = html(editor, response["Location"])
    assert "BNPT chief meets NICA" in page
    # An Indonesian story's preview asked under /en/ moves to the root.
    original = scheduled_translation.translation_of
    response = editor.get(f"/en/preview/articles/{original.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/preview/articles/{original.pk}/"
    # A share link keeps its token: the reader without an account follows it.
    share = html(editor, f"/preview/articles/{pk}/share/")
    shared = r"http://testserver(/en/preview/(?!articles/)[^/\"<\s]+/)"
    token_address = re.search(shared, share)[1]
    unprefixed = token_address.removeprefix("/en")
    response = client.get(unprefixed)
    assert response.status_code == 301
    assert response["Location"] == token_address
    assert "BNPT chief meets NICA" in html(client, token_address)


# Slugs in capitals


@pytest.fixture
def covered(section, bais):
    budi = PersonFactory(name="Budi Santoso", slug="budi-santoso", agency=bais)
    meeting = MeetingFactory(slug="jwg-4")
    return ArticleFactory(
        section=section,
        language="en",
        slug="bais-meets-nica",
        agencies=[bais],
        people=[budi],
        meeting=meeting,
        tags=["terrorism"],
    )


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("/en/agencies/BAIS/", "/en/agencies/bais/"),
        ("/agencies/Bais/", "/agencies/bais/"),
        ("/en/tags/Terrorism/", "/en/tags/terrorism/"),
        ("/en/people/Budi-Santoso/", "/en/people/budi-santoso/"),
        ("/meetings/JWG-4/", "/meetings/jwg-4/"),
        ("/en/sections/International/", "/en/sections/international/"),
    ],
)
def test_a_slug_in_capitals_leads_to_its_page_with_its_query(
    client, covered, asked, found
):
    response = client.get(asked + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == found + "?page=1"
    assert client.get(response["Location"]).status_code == 200


def test_a_storys_slug_in_capitals_leads_to_the_story(client, covered):
    address = covered.get_absolute_url()
    response = client.get(address.replace("bais-meets-nica", "BAIS-Meets-NICA"))
    assert response.status_code == 301
    assert response["Location"] == address
    assert client.get(address).status_code == 200


@pytest.mark.parametrize(
    "asked",
    ["/en/agencies/NOPE/", "/en/tags/Nope/", "/people/Nobody/", "/sections/Nope/"],
)
def test_a_slug_in_capitals_that_no_page_has_is_not_found(client, covered, asked):
    assert client.get(asked).status_code == 404


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("/agencies/BAIS/feed/rss/", "/agencies/bais/feed/rss/"),
        ("/en/agencies/Bais/feed/atom/", "/en/agencies/bais/feed/atom/"),
        ("/sections/INTERNATIONAL/feed/rss/", "/sections/international/feed/rss/"),
        (
            "/en/sections/International/feed/atom/",
            "/en/sections/international/feed/atom/",
        ),
        ("/en/tags/TERRORISM/feed/rss/", "/en/tags/terrorism/feed/rss/"),
        ("/tags/Terrorism/feed/atom/", "/tags/terrorism/feed/atom/"),
    ],
)
def test_a_feeds_slug_in_capitals_leads_to_the_feed_with_its_query(
    client, covered, asked, found
):
    response = client.get(asked + "?utm=x")
    assert response.status_code == 301
    assert response["Location"] == found + "?utm=x"
    # The reader's feed reader follows it to the feed, which lists the story
    # in its edition (English).
    feed = client.get(response["Location"])
    assert feed.status_code == 200
    assert ("bais-meets-nica" in feed.content.decode()) == found.startswith("/en/")


@pytest.mark.parametrize(
    "asked",
    [
        "/agencies/NOPE/feed/rss/",
        "/en/tags/Nope/feed/atom/",
        "/sections/Nope/feed/rss/",
    ],
)
def test_a_feeds_slug_in_capitals_that_no_feed_has_is_not_found(client, covered, asked):
    assert client.get(asked).status_code == 404


def test_an_old_agency_slug_in_capitals_leads_to_its_feed_now(client, bais, editor):
    bais.slug = "bais-tni"
    services.agency_save(agency=bais, user=editor)
    response = client.get("/en/agencies/BAIS/feed/rss/")
    assert response.status_code == 301
    assert response["Location"] == "/en/agencies/bais-tni/feed/rss/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("/EN/agencies/bais/", "/en/agencies/bais/"),
        ("/En/agencies/bais/feed/rss/", "/en/agencies/bais/feed/rss/"),
        ("/EN/", "/en/"),
        ("/ID/agencies/bais/", "/agencies/bais/"),
    ],
)
def test_an_edition_prefix_in_capitals_leads_to_the_edition(
    client, covered, asked, found
):
    response = client.get(asked + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == found + "?page=1"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("asked", ["/EX/agencies/bais/", "/ENGLISH/"])
def test_a_first_segment_in_capitals_that_is_no_edition_is_not_found(
    client, covered, asked
):
    assert client.get(asked).status_code == 404
