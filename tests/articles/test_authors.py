"""The staff authors' pages: who they are, the stories they wrote in the
page's edition, their JSON-LD, the stories' `author`, and the sitemap."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, AuthorProfile
from tests.articles.factories import ArticleFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def make_profile(username="dewi", **fields) -> AuthorProfile:
    user = get_user_model().objects.create_user(
        username=username, password="x", is_staff=True
    )
    values = {
        "name": "Dewi Lestari",
        "slug": "dewi-lestari",
        "role": "Wartawan, Jakarta",
        "role_en": "Reporter, Jakarta",
        "bio": "Meliput pertemuan antarlembaga sejak 2015.",
        "bio_en": "Has covered meetings between agencies since 2015.",
        **fields,
    }
    return AuthorProfile.objects.create(user=user, **values)


@pytest.fixture
def dewi(section):
    return make_profile()


def json_ld(response) -> list[dict]:
    html = response.content.decode()
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def of_type(response, kind: str) -> dict:
    return next(item for item in json_ld(response) if item["@type"] == kind)


def story(profile, *, language="id", **fields) -> Article:
    return ArticleFactory(created_by=profile.user, language=language, **fields)


def test_the_author_page_shows_name_role_bio_and_their_stories(client, dewi, section):
    story(dewi, title="BNPT dan PNP bertemu di Manado", section=section)
    story(dewi, title="Draf belum terbit", draft=True, section=section)
    ArticleFactory(title="Tulisan orang lain", section=section)

    response = client.get("/authors/dewi-lestari/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dewi Lestari</h1>" in html
    assert "Wartawan, Jakarta" in html
    assert "Meliput pertemuan antarlembaga sejak 2015." in html
    assert "BNPT dan PNP bertemu di Manado" in html
    assert "Draf belum terbit" not in html
    assert "Tulisan orang lain" not in html


def test_the_english_page_gives_the_english_role_and_bio(client, dewi, section):
    story(dewi, language="en", title="BNPT and PNP meet in Manado", section=section)

    response = client.get("/en/authors/dewi-lestari/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Reporter, Jakarta" in html
    assert "Has covered meetings between agencies since 2015." in html
    assert "Wartawan, Jakarta" not in html
    assert "Stories by Dewi Lestari" in html


def test_an_empty_english_role_falls_back_to_the_indonesian(client, section):
    make_profile(role_en="", bio_en="")

    html = client.get("/en/authors/dewi-lestari/").content.decode()

    assert "Wartawan, Jakarta" in html
    assert "Meliput pertemuan antarlembaga sejak 2015." in html


def test_each_edition_lists_its_own_stories_and_the_other_when_few(
    client, dewi, section
):
    story(dewi, title="Cerita berbahasa Indonesia", section=section)
    story(dewi, language="en", title="A story in English", section=section)

    indonesian = client.get("/authors/dewi-lestari/")
    english = client.get("/en/authors/dewi-lestari/")

    assert indonesian.context["page_obj"].object_list[0].title == (
        "Cerita berbahasa Indonesia"
    )
    assert [a.title for a in indonesian.context["page_obj"]] == [
        "Cerita berbahasa Indonesia"
    ]
    assert [a.title for a in indonesian.context["other_edition"]["articles"]] == [
        "A story in English"
    ]
    assert "Terbaru dalam bahasa Inggris" in indonesian.content.decode()
    assert [a.title for a in english.context["page_obj"]] == ["A story in English"]
    assert "Latest in Indonesian" in english.content.decode()


def test_an_author_with_stories_in_the_other_edition_only_heads_them_alone(
    client, dewi, section
):
    """/en/authors/<slug>/ of an author with Indonesian stories only said
    "Stories by <name>" over nothing, then "Latest in Indonesian": as an
    agency's page, the other edition's stories are the news, under their
    own heading, one level up."""
    story(dewi, title="Cerita berbahasa Indonesia", section=section)

    page = client.get("/en/authors/dewi-lestari/").content.decode()

    assert "Stories by Dewi Lestari" not in page
    assert 'id="articles-heading"' not in page
    assert '<h2 class="section-heading" id="other-edition-heading">' in page
    assert "Latest in Indonesian" in page
    assert "Cerita berbahasa Indonesia" in page
    assert "No published stories yet." not in page


def test_an_author_with_no_stories_says_so_under_the_heading(client, dewi):
    page = client.get("/en/authors/dewi-lestari/").content.decode()

    assert '<h2 class="section-heading" id="articles-heading">Stories by Dewi' in page
    assert "No published stories yet." in page
    assert "other-edition" not in page


def test_the_stories_are_paginated_newest_first(client, dewi, section, settings):
    settings.ARTICLES_PER_PAGE = 3
    now = timezone.now()
    for n in range(7):  # Cerita 6 the newest
        story(
            dewi,
            title=f"Cerita {n}",
            slug=f"cerita-{n}",
            section=section,
            published_at=now - dt.timedelta(hours=10 - n),
        )

    first = client.get("/authors/dewi-lestari/")
    last = client.get("/authors/dewi-lestari/?page=3")

    assert [a.title for a in first.context["page_obj"]] == [
        "Cerita 6",
        "Cerita 5",
        "Cerita 4",
    ]
    assert first.context["page_obj"].paginator.num_pages == 3
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert [a.title for a in last.context["page_obj"]] == ["Cerita 0"]
    assert first.context["other_edition"] is None


def test_no_profile_or_a_hidden_one_is_not_found(client, section):
    make_profile(is_public=False)

    assert client.get("/authors/dewi-lestari/").status_code == 404
    assert client.get("/en/authors/dewi-lestari/").status_code == 404
    assert client.get("/authors/nobody/").status_code == 404


def test_the_photo_comes_from_the_media_library(client, section, media_root):
    photo = library_image("dewi.jpg", alt_text="Dewi Lestari di ruang redaksi")
    make_profile(photo=photo)

    response = client.get("/authors/dewi-lestari/")

    html = response.content.decode()
    assert 'alt="Dewi Lestari di ruang redaksi"' in html
    assert "profile-header__portrait" in html
    assert '<meta property="og:image"' in html


@pytest.mark.parametrize("stories", [1, 15])
def test_the_page_costs_the_same_queries_whatever_the_number_of_stories(
    client, section, media_root, django_assert_num_queries, stories
):
    profile = make_profile(photo=library_image("dewi.jpg"))
    cover = library_image("cover.jpg")
    for n in range(stories):
        story(
            profile,
            section=section,
            slug=f"cerita-{n}",
            featured_image=cover,
        )
    # Profile, the page with its count (and with under 6 stories the other
    # edition's latest), every picture's renditions (the photo's with the
    # stories'), and the navigation's sections.
    with django_assert_num_queries(4):
        response = client.get("/authors/dewi-lestari/")
    assert response.status_code == 200


def test_the_author_page_is_a_person_working_for_the_newsroom(client, dewi):
    person = of_type(client.get("/en/authors/dewi-lestari/"), "Person")

    assert person["@id"] == "http://testserver/authors/dewi-lestari/#person"
    assert person["url"] == "http://testserver/en/authors/dewi-lestari/"
    assert person["name"] == "Dewi Lestari"
    assert person["jobTitle"] == "Reporter, Jakarta"
    assert person["description"].startswith("Has covered meetings")
    assert person["worksFor"]["@id"] == "http://testserver/#organization"


def test_the_author_page_has_its_breadcrumbs(client, dewi):
    trail = of_type(client.get("/authors/dewi-lestari/"), "BreadcrumbList")

    assert [(i["name"], i["item"]) for i in trail["itemListElement"]] == [
        ("Beranda", "http://testserver/"),
        ("Dewi Lestari", "http://testserver/authors/dewi-lestari/"),
    ]


@pytest.mark.parametrize("byline", ["Dewi Lestari", "dewi lestari/ANTARA", "Dewi", ""])
def test_a_story_by_a_staff_author_names_them_as_its_author(
    client, dewi, section, byline
):
    article = story(dewi, section=section, byline=byline)

    news = of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert news["author"] == [
        {
            "@type": "Person",
            "@id": "http://testserver/authors/dewi-lestari/#person",
            "name": "Dewi Lestari",
            "url": "http://testserver/authors/dewi-lestari/",
        }
    ]


def test_a_byline_naming_someone_else_neither_links_nor_credits_the_writer(
    client, dewi, section
):
    # "Oleh Tim Redaksi" linked to the writer's page, and the structured
    # data named her where the page named the desk.
    article = story(dewi, section=section, byline="Tim Redaksi")

    response = client.get(article.get_absolute_url())

    assert of_type(response, "NewsArticle")["author"] == [
        {"@type": "Organization", "name": "Tim Redaksi"}
    ]
    html = response.content.decode()
    assert "Oleh Tim Redaksi" in html
    assert 'rel="author"' not in html


def test_a_story_by_a_hidden_profile_keeps_its_byline_as_author(client, section):
    profile = make_profile(is_public=False)
    article = story(profile, section=section, byline="Tim Redaksi")

    news = of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert news["author"] == [{"@type": "Organization", "name": "Tim Redaksi"}]


def test_a_story_without_a_profile_keeps_its_byline_as_author(client, section):
    article = ArticleFactory(section=section, byline="Tim Redaksi")

    news = of_type(client.get(article.get_absolute_url()), "NewsArticle")

    assert news["author"] == [{"@type": "Organization", "name": "Tim Redaksi"}]


def test_the_sitemap_lists_public_author_pages_in_both_editions(client, dewi):
    make_profile("budi", name="Budi", slug="budi", is_public=False)

    response = client.get("/sitemap-authors.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {
        urlsplit(url.findtext(f"{SM}loc")).path: {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SM}url")
    }
    alternates = {
        "id": "/authors/dewi-lestari/",
        "en": "/en/authors/dewi-lestari/",
        "x-default": "/authors/dewi-lestari/",
    }
    assert urls == {
        "/authors/dewi-lestari/": alternates,
        "/en/authors/dewi-lestari/": alternates,
    }
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-authors.xml" in index


def test_a_story_without_a_byline_names_and_links_the_writer_it_credits(
    client, dewi, section
):
    # The JSON-LD and the feeds credited Dewi Lestari; the page said nothing.
    article = story(dewi, section=section, byline="")

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'Oleh <a href="/authors/dewi-lestari/" rel="author">Dewi Lestari</a>' in html
