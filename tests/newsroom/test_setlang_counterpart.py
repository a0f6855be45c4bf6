"""The old language switch (POST /i18n/setlang/) leads where the page's own
language switcher does. An Indonesian story's address under /en/ moved back
to the Indonesian story (a tester's curl): the English translation was never
reached. Now a story leads to its translation, or to that edition's home
when it has none; a tag to its page there, as the tag page's switcher."""

from urllib.parse import urlsplit

import pytest

from tests.newsroom.test_language_switch_missing import (  # noqa: F401 (a fixture)
    demo_like,
    switcher,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(demo_like):  # noqa: F811 (the switcher tests' fixture)
    """The addresses of demo_like(): `untranslated`, `original`, `translation`."""
    return demo_like


def switch(client, language: str, next_url: str):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_english_on_an_indonesian_story_leads_to_its_translation(client, pages):
    response = switch(client, "en", pages["original"])

    assert response.status_code == 302
    assert response["Location"] == pages["translation"]
    assert client.get(response["Location"]).status_code == 200
    assert response.cookies["django_language"].value == "en"


def test_indonesian_on_the_english_translation_leads_to_the_original(client, pages):
    response = switch(client, "id", pages["translation"])

    assert response["Location"] == pages["original"]
    assert client.get(response["Location"]).status_code == 200


def test_a_story_without_a_translation_leads_to_that_editions_home(client, pages):
    response = switch(client, "en", pages["untranslated"] + "?reply=3")

    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("page", "language"),
    [
        ("original", "en"),
        ("translation", "id"),
        ("untranslated", "en"),
        ("/tags/filipina/", "en"),
        ("/en/tags/philippines/", "id"),
        ("/en/tags/border-control/", "id"),
        ("/tags/penjelasan/", "en"),
    ],
)
def test_the_switch_leads_where_the_pages_own_switcher_does(
    client, pages, page, language
):
    path = pages.get(page, page)
    offered = switcher(client, path).offered(language)["href"]

    response = switch(client, language, path)

    assert response["Location"] == offered
    assert client.get(urlsplit(offered).path).status_code == 200


def test_a_story_asked_under_its_old_slug_leads_to_its_translation(client, pages):
    from articles.models import Article, ArticleSlugHistory

    original = Article.objects.get(slug="bnpt-dan-filipina-gelar-jwg-ke-4")
    ArticleSlugHistory.objects.create(article=original, slug="jwg-lama")
    old = pages["original"].replace("bnpt-dan-filipina-gelar-jwg-ke-4", "jwg-lama")

    assert switch(client, "en", old)["Location"] == pages["translation"]


def test_another_site_in_next_is_still_refused(client, pages):
    target = "https://evil.example" + pages["original"]
    response = switch(client, "en", target)
    assert response["Location"] in {"/", "/en/"}


def test_the_story_asked_under_the_root_editions_prefix_leads_to_its_translation(
    client, pages
):
    """/id/… is the Indonesian story itself (it answers 301 to it)."""
    response = switch(client, "en", "/id" + pages["original"])

    assert response["Location"] == pages["translation"]


@pytest.mark.parametrize("next_url", ["", "//evil.example/", "https://evil.example/"])
def test_without_a_next_on_this_site_the_referer_leads_to_its_translation(
    client, pages, next_url
):
    """As Django's set_language, the page asked from is the Referer when
    `next` is missing or another site's: the switch leads where that page's
    own switcher does (it had led to the story's slug under /en/, which
    answered 301 back to the Indonesian story)."""
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": next_url},
        HTTP_REFERER="http://testserver" + pages["original"],
    )

    assert response.status_code == 302
    assert response["Location"] == pages["translation"]


SECTION = "/sections/international/"


@pytest.mark.parametrize("language", ["fr", "zh-hans", "de-AT", "xx", ""])
@pytest.mark.parametrize(
    ("next_url", "shown_in"), [(SECTION, "id"), ("/en" + SECTION, "en")]
)
def test_a_language_of_no_edition_leaves_the_reader_where_they_were(
    client, section, language, next_url, shown_in
):
    """A tester's "fr" led to /fr/sections/… (a 404) with a year's cookie:
    Django has a catalogue for it, the newsroom no edition."""
    response = switch(client, language, next_url)

    assert response.status_code == 302
    assert response["Location"] == next_url
    assert "django_language" not in response.cookies
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'<html lang="{shown_in}">' in page.content.decode()


@pytest.mark.parametrize(
    ("language", "next_url", "location"),
    [
        ("en-us", SECTION, "/en" + SECTION),
        ("EN-GB", SECTION, "/en" + SECTION),
        ("En", SECTION, "/en" + SECTION),
        ("id-ID", "/en" + SECTION, SECTION),
        ("ID-id", "/en" + SECTION, SECTION),
    ],
)
def test_a_regional_variant_chooses_its_languages_edition(
    client, section, language, next_url, location
):
    response = switch(client, language, next_url)

    assert response["Location"] == location
    chosen = language[:2].lower()
    assert response.cookies["django_language"].value == chosen
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'<html lang="{chosen}">' in page.content.decode()
