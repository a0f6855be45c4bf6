"""The editions' lists and feeds (issue 14): each edition lists its own
language's stories; where it has few (under 6 on the first page) the other
edition's latest of the same list follow in a headed block, each story marked
with its language and linked to its own edition's address."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.search.index import update_search_vectors
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADINGS = {"en": "Latest in Indonesian", "id": "Terbaru dalam bahasa Inggris"}
SEARCH_HEADINGS = {"en": "Results in Indonesian", "id": "Hasil dalam bahasa Inggris"}

# Every list of articles, by its Indonesian address (the English one is the
# same under /en/).
LISTS = [
    "/",
    "/sections/international/",
    "/tags/philippines/",
    "/search/?q=JWG",
    "/agencies/bnpt/",
    "/people/boy-rafli-amar/",
    "/meetings/4th-jwg-philippines-indonesia/",
]


def address(path: str, language: str) -> str:
    return path if language == "id" else "/en" + path


def html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def other_heading(path: str, language: str) -> str:
    headings = SEARCH_HEADINGS if path.startswith("/search/") else HEADINGS
    return headings[language]


def split_at_block(page: str) -> tuple[str, str]:
    """The page before the other edition's block, and the block ("" if none)."""
    parts = page.split('id="other-edition-heading"')
    assert len(parts) <= 2
    return parts[0], parts[1] if len(parts) == 2 else ""


@pytest.fixture
def publish(section, jwg4, bnpt, officials):
    """Publish `count` stories in `language` in every list of LISTS (newest
    first by their number); returns them, newest first."""

    def make(language: str, count: int, *, hours_ago: int = 1) -> list[Article]:
        now = timezone.now()
        stories = [
            ArticleFactory(
                title=f"JWG story {language} {n}",
                slug=f"jwg-story-{language}-{n}",
                language=language,
                section=section,
                meeting=jwg4,
                tags=["Philippines"],
                agencies=[bnpt],
                people=[officials["Amar"]],
                published_at=now - dt.timedelta(hours=hours_ago + n),
            )
            for n in range(count)
        ]
        update_search_vectors([story.pk for story in stories])  # PostgreSQL
        return stories

    return make


# The lists


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_list_shows_its_editions_stories_and_marks_the_other_editions_below(
    client, publish, path, language
):
    other = "en" if language == "id" else "id"
    own = publish(language, 2)
    others = publish(other, 3, hours_ago=10)
    page = html(client, address(path, language))
    main, block = split_at_block(page)
    for story in own:
        assert story.title in main
        assert story.title not in block
    assert block.split("</h")[0] == ">" + other_heading(path, language)
    for story in others:
        assert story.title not in main
        assert story.title in block
        # Marked with its language, linked to its own edition's address.
        assert f'lang="{other}">' in block
        assert f'href="{story.get_absolute_url()}" hreflang="{other}"' in block
    assert [a.pk for a in _block_articles(client, address(path, language))] == [
        a.pk for a in others
    ]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_other_editions_block_leaves_out_translations_of_stories_on_the_page(
    client, publish, path, language
):
    # "Latest in Indonesian" under the English list held the originals of
    # English stories shown above it: the same story twice.
    other = "en" if language == "id" else "id"
    own = publish(language, 2)
    others = publish(other, 3, hours_ago=10)
    Article.objects.filter(pk=others[0].pk).update(
        translation_of=None if other == "id" else own[0]
    )
    if other == "id":
        Article.objects.filter(pk=own[0].pk).update(translation_of=others[0])
    update_search_vectors([a.pk for a in [*own, *others]])
    page = html(client, address(path, language))
    main, block = split_at_block(page)
    assert own[0].title in main
    assert others[0].title not in block
    assert [a.pk for a in _block_articles(client, address(path, language))] == [
        a.pk for a in others[1:]
    ]


def _block_articles(client, path):
    other = client.get(path).context["other_edition"]
    return other["articles"] if other else []


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_an_edition_with_6_stories_shows_no_other_edition(
    client, publish, path, language
):
    other = "en" if language == "id" else "id"
    own = publish(language, 6)
    others = publish(other, 2, hours_ago=10)
    page = html(client, address(path, language))
    assert 'id="other-edition-heading"' not in page
    assert other_heading(path, language) not in page
    for story in others:
        assert story.title not in page
    assert all(story.title in page for story in own)


@pytest.mark.parametrize("path", LISTS)
def test_an_empty_edition_shows_the_other_editions_latest_6_newest_first(
    client, publish, path
):
    indonesian = publish("id", 8)
    response = client.get(address(path, "en"))
    page = response.content.decode()
    main, block = split_at_block(page)
    assert "Latest in Indonesian" in block or "Results in Indonesian" in block
    assert [a.pk for a in response.context["other_edition"]["articles"]] == [
        a.pk for a in indonesian[:6]
    ]
    assert indonesian[6].title not in page and indonesian[7].title not in page
    assert not response.context["page_obj"].object_list
    # No "nothing here" message over stories the reader can read.
    assert "No articles" not in main and "There are no articles" not in main


def all_link(block: str) -> tuple[str, str, str]:
    """The other edition's block's link to all its stories: (address,
    hreflang, text)."""
    (found,) = re.findall(
        r'<p class="other-edition__all"><a href="([^"]*)" hreflang="(\w+)">([^<]*)</a>',
        block,
    )
    return found


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_other_editions_block_links_to_all_of_that_editions_list(
    client, publish, path, language
):
    """/en/search/?q=patroli showed 6 of its 21 "Results in Indonesian",
    and no way to the rest: a link to the same list in that edition says
    how many it holds."""
    other = "en" if language == "id" else "id"
    publish(language, 1)
    publish(other, 8, hours_ago=10)
    response = client.get(address(path, language))
    _main, block = split_at_block(response.content.decode())
    assert len(response.context["other_edition"]["articles"]) == 6
    where, hreflang, said = all_link(block)
    assert (where, hreflang) == (address(path, other).replace("&", "&amp;"), other)
    assert "8" in said and said.endswith("→")
    if language == "en":
        assert said == "All 8 in Indonesian →"


@pytest.mark.parametrize("path", LISTS)
def test_a_block_showing_all_of_the_other_editions_list_has_no_link(
    client, publish, path
):
    publish("id", 4)
    page = html(client, address(path, "en"))
    _main, block = split_at_block(page)
    assert block and "other-edition__all" not in block


@pytest.mark.parametrize("path", LISTS)
def test_the_link_to_a_long_list_in_the_other_edition_says_more_than(
    client, publish, path, monkeypatch
):
    monkeypatch.setattr("articles.views.editions.OTHER_COUNT_CAP", 7)
    publish("id", 8)
    _main, block = split_at_block(html(client, address(path, "en")))
    assert all_link(block) == (
        path.replace("&", "&amp;"),
        "id",
        "More than 7 in Indonesian →",
    )


def test_an_edition_with_6_stories_or_more_on_several_pages_shows_no_other_edition(
    client, publish, settings
):
    settings.ARTICLES_PER_PAGE = 4
    publish("id", 7)
    publish("en", 2, hours_ago=10)
    first = client.get("/sections/international/")
    assert first.context["other_edition"] is None  # 4 of its 7: not few
    second = client.get("/sections/international/", {"page": 2})
    assert len(second.context["page_obj"].object_list) == 3
    assert second.context["other_edition"] is None
    assert "Terbaru dalam bahasa Inggris" not in second.content.decode()


def test_a_meeting_covered_only_in_indonesian_shows_its_coverage_in_english(
    client, publish, jwg4
):
    [story] = publish("id", 1)
    page = html(client, "/en" + jwg4.get_absolute_url())
    assert 'id="articles-heading"' not in page
    coverage = page.split('id="other-edition-heading"')[1]
    assert "Latest in Indonesian" in coverage
    assert (
        f'<a href="{story.get_absolute_url()}" hreflang="id">{story.title}</a>'
        in coverage
    )
    assert "No articles about this meeting yet." not in coverage


def test_a_list_with_nothing_in_either_edition_says_so(client, section):
    page = html(client, "/en/sections/international/")
    assert "There are no articles in this section yet." in page
    assert "other-edition" not in page


def test_the_home_page_leads_with_its_editions_featured_story(client, publish):
    [english] = publish("en", 1)
    indonesian = publish("id", 2)
    Article.objects.filter(pk=english.pk).update(is_featured=True)
    assert client.get("/").context["lead"] == indonesian[0]
    assert client.get("/en/").context["lead"] == english


def test_search_counts_the_editions_results_and_shows_the_others_below(client, publish):
    publish("id", 1)
    english = publish("en", 2, hours_ago=10)
    response = client.get("/search/", {"q": "JWG"})
    page = response.content.decode()
    assert response.context["page_obj"].paginator.count == 1
    assert "1 artikel" in page
    block = page.split('id="other-edition-heading"')[1]
    assert "Hasil dalam bahasa Inggris" in block
    for story in english:
        assert '<h4 class="search-result__title" lang="en">' in block
        assert story.title in block


def test_search_with_matches_in_the_other_edition_only_heads_them_alone(
    client, publish
):
    """No empty "Articles" heading over nothing: the other edition's matches
    are the articles found, under their own heading, one level up."""
    indonesian = publish("id", 2)
    page = html(client, "/en/search/?q=JWG")
    assert 'id="found-articles-heading"' not in page
    assert "No articles match" not in page
    block = page.split('id="found-articles"')[1]
    assert '<h2 class="section-heading" id="other-edition-heading">' in block
    assert "Results in Indonesian" in block
    for story in indonesian:
        assert story.title in block
    assert block.count('<h3 class="search-result__title" lang="id">') == 2


def search_count(page: str) -> str:
    return re.search(r'<p class="search-count" id="search-count">(.*?)</p>', page)[1]


def test_search_with_matches_in_the_other_edition_only_counts_them_in_their_language(
    client, publish
):
    """Not "0 articles" above the other edition's 3 results: the count is
    theirs, in their language, and they follow under their heading."""
    publish("id", 3)
    page = html(client, "/en/search/?q=JWG")
    assert search_count(page) == "3 articles in Indonesian"
    assert "Results in Indonesian" in page
    # The Indonesian edition with one match, in English.
    publish("en", 1, hours_ago=10)
    Article.objects.filter(language="id").delete()
    page = html(client, "/search/?q=JWG")
    assert SEARCH_HEADINGS["id"] in page
    assert search_count(page) != "0 artikel"
    assert search_count(page).startswith("1 ")


def test_search_finds_nothing_in_either_edition_and_says_so(client, publish):
    publish("id", 1)
    page = html(client, "/en/search/?q=Zamboanga")
    assert 'No articles match <span class="search-query">Zamboanga</span>.' in page
    assert "other-edition" not in page


# Query counts: the other edition costs one query, whatever its size


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sections/international/",
        "/tags/philippines/",
        "/agencies/bnpt/",
        "/people/boy-rafli-amar/",
        "/meetings/4th-jwg-philippines-indonesia/",
    ],
)
def test_a_list_costs_no_query_more_with_the_other_edition_whatever_its_size(
    client, publish, path, navigation_read
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    publish("id", 6)
    with CaptureQueriesContext(connection) as full:
        client.get(path)
    for own, others in ((1, 1), (5, 6)):
        Article.objects.all().delete()
        publish("id", own)
        publish("en", others, hours_ago=20)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert len(response.context["other_edition"]["articles"]) == others
        counts[own] = len(captured)
    # Read in the same query as the list's own page.
    assert counts == {1: len(full), 5: len(full)}


# Feeds per edition

TOPIC_FEEDS = [
    "/feeds/{flavour}/",
    "/sections/international/feed/{flavour}/",
    "/tags/philippines/feed/{flavour}/",
    "/agencies/bnpt/feed/{flavour}/",
]


@pytest.mark.parametrize("feed", TOPIC_FEEDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_each_feed_carries_its_editions_stories_in_its_language(
    client, publish, feed, language
):
    own = publish(language, 2)
    publish("en" if language == "id" else "id", 3)
    rss = ET.fromstring(
        client.get(address(feed.format(flavour="rss"), language)).content
    )
    channel = rss.find("channel")
    assert channel.findtext("language") == language
    assert [item.findtext("title") for item in channel.findall("item")] == [
        story.title for story in own
    ]
    assert [
        item.findtext("link").removeprefix("http://testserver")
        for item in channel.findall("item")
    ] == [story.get_absolute_url() for story in own]
    atom = ET.fromstring(
        client.get(address(feed.format(flavour="atom"), language)).content
    )
    assert atom.get(XML_LANG) == language
    entries = atom.findall(f"{ATOM}entry")
    assert [entry.get(XML_LANG) for entry in entries] == [language, language]


def test_a_section_feed_is_titled_in_its_editions_language(client, db):
    section = SectionFactory(
        name="Internasional",
        name_en="International",
        description="Kerja sama antarnegara.",
        description_en="Cooperation between countries.",
        slug="internasional",
    )
    ArticleFactory(section=section, language="id")
    ArticleFactory(section=section, language="en")
    for path, title, description, category in [
        (
            "/sections/internasional/feed/rss/",
            "Internasional",
            "Kerja sama antarnegara.",
            "Internasional",
        ),
        (
            "/en/sections/internasional/feed/rss/",
            "International",
            "Cooperation between countries.",
            "International",
        ),
    ]:
        channel = ET.fromstring(client.get(path).content).find("channel")
        assert channel.findtext("title").endswith(f": {title}")
        assert channel.findtext("description") == description
        assert channel.find("item").findtext("category") == category


def test_the_feeds_titles_are_in_their_editions_language(client, db):
    indonesian = ET.fromstring(client.get("/feeds/rss/").content)
    english = ET.fromstring(client.get("/en/feeds/rss/").content)
    assert indonesian.findtext("channel/title").endswith(": artikel terbaru")
    assert english.findtext("channel/title").endswith(": latest articles")


@pytest.mark.parametrize(
    ("path", "feeds"),
    [
        ("/sections/international/", "/sections/international/feed/"),
        ("/en/sections/international/", "/en/sections/international/feed/"),
        ("/en/", "/en/feeds/"),
    ],
)
def test_a_page_links_to_its_editions_feeds(client, section, path, feeds):
    head = html(client, path).split("</head>")[0]
    hrefs = re.findall(r'type="application/(?:rss|atom)\+xml"[^>]*href="([^"]+)"', head)
    assert hrefs
    assert any(feeds in href for href in hrefs)
    if path.startswith("/en/"):
        assert all("/en/" in href for href in hrefs)
    else:
        assert not any("/en/" in href for href in hrefs)


# Names and texts in the edition's language, with the other as fallback


def test_a_section_shows_its_english_name_in_english_and_falls_back(client, db):
    named = SectionFactory(name="Internasional", name_en="International", slug="a")
    SectionFactory(name="Nasional", name_en="", slug="b")
    ArticleFactory(section=named, language="en", title="Cross-border story")
    english = html(client, "/en/sections/a/")
    assert "<h1>International</h1>" in english
    # The Indonesian name an English page falls back to is marked so.
    assert '<h1 lang="id">Nasional</h1>' in html(client, "/en/sections/b/")
    assert "<h1>Internasional</h1>" in html(client, "/sections/a/")
    # The card's section kicker too, on the English home page.
    assert ">International</a></p>" in html(client, "/en/")


def test_the_search_filters_name_sections_and_agencies_in_the_editions_language(
    client, db
):
    SectionFactory(name="Internasional", name_en="International", slug="a")
    bnpt = AgencyFactory(
        acronym="BNPT",
        name="Badan Nasional Penanggulangan Terorisme",
        name_en="National Counter-Terrorism Agency",
        slug="bnpt",
        country="ID",
    )
    for language in ("id", "en"):  # the filter offers agencies with stories
        ArticleFactory(language=language, agencies=[bnpt])
    english = html(client, "/en/search/?q=x")
    indonesian = html(client, "/search/?q=x")
    assert '<option value="a">International</option>' in english
    assert '<option value="a">Internasional</option>' in indonesian
    assert "BNPT – National Counter-Terrorism Agency</option>" in english
    assert "BNPT – Badan Nasional Penanggulangan Terorisme</option>" in indonesian


def test_the_search_box_suggests_words_in_the_editions_language(client, db):
    indonesian = html(client, "/")
    english = html(client, "/en/")
    assert 'placeholder="BNPT, JWG, patroli…"' in indonesian
    assert 'placeholder="BNPT, JWG, patrols…"' in english


# Previews


@pytest.mark.parametrize(
    ("language", "banner"), [("en", "Preview"), ("id", "Pratinjau")]
)
def test_a_preview_reads_as_its_articles_edition(
    desk_editor, section, language, banner
):
    draft = ArticleFactory(section=section, draft=True, language=language)
    client = Client()
    client.force_login(desk_editor)
    # At its edition's address: the unprefixed one moves an English one's.
    response = client.get(f"/preview/articles/{draft.pk}/", follow=True)
    moved = [(f"/en/preview/articles/{draft.pk}/", 301)] if language == "en" else []
    assert response.redirect_chain == moved
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<strong>{banner}</strong>" in page
    assert response["Content-Language"] == language
