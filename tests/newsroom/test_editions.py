"""The two editions (issue 14): Indonesian at the root, English under /en/.

The address alone decides a public page's language; each page names itself
in the other edition (hreflang, sitemap, JSON-LD) and the switcher links
there; an article links only to its published translations."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
ENGLISH_STORY = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
INDONESIAN_STORY = "/articles/2022/03/indonesia-filipina-jwg-terorisme/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Every kind of public page, by its Indonesian address (the English one is
# the same under /en/), with a word of the interface shown on it in each
# language.
PAGES = [
    "/",
    INDONESIAN_STORY,
    "/sections/international/",
    "/tags/philippines/",
    "/agencies/",
    "/agencies/bnpt/",
    "/people/boy-rafli-amar/",
    "/meetings/",
    "/meetings/4th-jwg-philippines-indonesia/",
    "/search/?q=terrorism",
]
NAV = {"id": ">Pertemuan</a>", "en": ">Meetings</a>"}


def html(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def english(path: str) -> str:
    """The English edition's address of an Indonesian page."""
    if path == INDONESIAN_STORY:
        return ENGLISH_STORY
    return "/en" + path


def hreflangs(page: str) -> dict[str, str]:
    head = page.split("</head>")[0]
    links = {}
    for tag in head.split('<link rel="alternate" hreflang="')[1:]:
        code, rest = tag.split('"', 1)
        links[code] = rest.split('href="')[1].split('"')[0]
    return links


def switcher(page: str) -> dict[str, str]:
    nav = page.split('<nav class="language-switcher"')[1].split("</nav>")[0]
    links = {}
    for anchor in nav.split("<a ")[1:]:
        href = anchor.split('href="')[1].split('"')[0]
        code = anchor.split('hreflang="')[1].split('"')[0]
        links[code] = href.replace("&amp;", "&")
    return links


def json_ld(page: str, kind: str) -> dict:
    for block in page.split('<script type="application/ld+json">')[1:]:
        data = json.loads(block.split("</script>")[0])
        if data["@type"] == kind:
            return data
    raise AssertionError(f"no {kind}")


@pytest.fixture
def story(jwg4_article, section):
    """The JWG story in Indonesian (the original) and English (its
    translation, the conftest's English article), both published."""
    original = ArticleFactory(
        title="Indonesia dan Filipina kembali bertemu soal terorisme",
        slug="indonesia-filipina-jwg-terorisme",
        language=Article.Language.INDONESIAN,
        section=section,
        meeting=jwg4_article.meeting,
        published_at=jwg4_article.published_at,
        tags=["counter-terrorism", "Philippines"],
    )
    jwg4_article.translation_of = original
    jwg4_article.save()
    return original


# The language comes from the address


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_is_in_the_language_of_its_address(client, story, path):
    for language, address in [("id", path), ("en", english(path))]:
        response = client.get(address)
        page = html(response)
        assert f'<html lang="{language}">' in page, address
        assert NAV[language] in page, address
        assert response["Content-Language"] == language, address
        assert "Accept-Language" not in response.get("Vary", ""), address


@pytest.mark.parametrize("path", PAGES)
def test_neither_the_browser_nor_a_cookie_changes_an_indonesian_page(
    client, story, path
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = html(response)
    assert '<html lang="id">' in page and NAV["id"] in page
    assert response["Content-Language"] == "id"
    assert "Accept-Language" not in response.get("Vary", "")


def test_nor_an_english_page(client, story):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    response = client.get("/en/meetings/", HTTP_ACCEPT_LANGUAGE="id")
    assert '<html lang="en">' in html(response)


@pytest.mark.parametrize(
    "path, language, channel_link",
    [
        ("/feeds/rss/", "id", f"{ORIGIN}/"),
        ("/en/feeds/rss/", "en", f"{ORIGIN}/en/"),
        ("/sections/international/feed/rss/", "id", None),
        ("/en/sections/international/feed/rss/", "en", None),
    ],
)
def test_each_edition_has_its_own_feeds(client, story, path, language, channel_link):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    if channel_link:
        assert channel.findtext("link") == channel_link
    links = [urlsplit(item.findtext("link")).path for item in channel.iter("item")]
    assert links == [INDONESIAN_STORY if language == "id" else ENGLISH_STORY]


@pytest.mark.parametrize(
    "path, language", [("/nowhere/", "id"), ("/en/nowhere/", "en")]
)
def test_the_404_page_speaks_its_editions_language_and_names_no_alternate(
    client, db, path, language
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en" if language == "id" else "id")
    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in page
    assert hreflangs(page) == {}
    assert switcher(page) == {"id": "/", "en": "/en/"}


def test_the_indonesian_prefix_moves_to_the_unprefixed_address(client, db):
    response = client.get("/id/meetings/?year=2022&page=2")
    assert response.status_code == 301
    assert response["Location"] == "/meetings/?year=2022&page=2"
    assert client.get("/id/")["Location"] == "/"
    assert client.get("/id")["Location"] == "/"


def test_an_english_articles_old_address_moves_to_the_english_edition(
    client, jwg4_article
):
    response = client.get("/articles/2022/03/indonesia-philippines-jwg-terrorism/")
    assert response.status_code == 301
    assert response["Location"] == ENGLISH_STORY
    # And an Indonesian article asked for in the English edition.
    indonesian = ArticleFactory(slug="berita", language="id")
    response = client.get("/en" + indonesian.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == indonesian.get_absolute_url()


@pytest.mark.parametrize(
    "path", ["/en", "/en/", "/EN/", "/id", "/en/en/", "/en/id/", "/En/meetings/"]
)
def test_odd_edition_addresses_never_fail(client, db, path):
    response = client.get(path)
    assert response.status_code in {200, 301, 302, 404}, path
    if response.status_code in {301, 302}:
        assert response["Location"].startswith("/") and not response[
            "Location"
        ].startswith("//")


def test_a_path_starting_with_two_slashes_stays_on_this_site(client, db):
    response = client.get("/", PATH_INFO="//evil.example/en/")
    assert response.status_code == 301
    assert response["Location"] == "/evil.example/en/"
    response = client.get("/", PATH_INFO="/id//evil.example/")
    assert response["Location"] == "/evil.example/"


def test_the_admin_keeps_the_staff_members_language(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = editor_client.get("/admin/")
    assert '<html lang="en"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_the_desk_switches_its_language_from_any_admin_page(editor_client):
    """The admin's own switch (it had none: only the browser's language)."""
    page = editor_client.get("/admin/articles/article/", HTTP_ACCEPT_LANGUAGE="id")
    html_text = page.content.decode()
    assert '<html lang="id"' in html_text
    form = re.search(r'<form class="desk-language".*?</form>', html_text, re.S)
    assert form, "no language switch among the user tools"
    assert 'name="next" value="/admin/articles/article/"' in form.group(0)
    assert 'value="id" lang="id" aria-pressed="true"' in form.group(0)
    switched = editor_client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/admin/articles/article/"},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert switched.status_code == 302
    assert switched["Location"] == "/admin/articles/article/"
    again = editor_client.get(switched["Location"], HTTP_ACCEPT_LANGUAGE="id")
    assert '<html lang="en"' in again.content.decode()
    assert 'value="en" lang="en" aria-pressed="true"' in again.content.decode()
    # The public site stays on its address's edition.
    assert '<html lang="id"' in editor_client.get("/").content.decode()


def test_the_language_switch_is_only_on_the_desk_of_staff(client, db):
    page = client.get("/admin/login/").content.decode()
    assert "desk-language" not in page


# hreflang


# Not the search page: it is noindex, and names no alternates
# (test_alternates_pages.py).
@pytest.mark.parametrize(
    "path", [p for p in PAGES if p != INDONESIAN_STORY and "/search/" not in p]
)
def test_every_list_and_entity_page_names_both_editions_and_x_default(
    client, story, path
):
    for address in [path, english(path)]:
        assert hreflangs(html(client.get(address))) == {
            "id": ORIGIN + path,
            "en": ORIGIN + english(path),
            "x-default": ORIGIN + path,
        }, address


def test_a_later_page_of_a_list_names_that_page_and_only_it(
    client, story, section, settings
):
    # Page 2's canonical address is ?page=2, but its alternates all named
    # page 1: the page never named itself. Naming the other edition's page 2
    # was no better: that edition's list may be shorter (its page 2 shows
    # page 1), so the pair was not named back.
    settings.ARTICLES_PER_PAGE = 1
    # The home page's page 2 leaves out what its front shows (the top and
    # the section's block): more stories than that.
    for language in ("id", "en"):
        ArticleFactory.create_batch(12, section=section, language=language)
    for address in ["/sections/international/?page=2", "/en/?page=2"]:
        page = html(client.get(address))
        language = "en" if address.startswith("/en/") else "id"
        assert hreflangs(page) == {language: ORIGIN + address}, address
        assert f'rel="canonical" href="{ORIGIN}{address}"' in page


def test_an_article_names_itself_and_its_published_translation(client, story):
    expected = {
        "id": ORIGIN + INDONESIAN_STORY,
        "en": ORIGIN + ENGLISH_STORY,
        "x-default": ORIGIN + INDONESIAN_STORY,
    }
    assert hreflangs(html(client.get(INDONESIAN_STORY))) == expected
    assert hreflangs(html(client.get(ENGLISH_STORY))) == expected


def test_an_article_without_a_translation_names_no_other_edition(client, jwg4_article):
    assert hreflangs(html(client.get(ENGLISH_STORY))) == {"en": ORIGIN + ENGLISH_STORY}


def test_an_unpublished_translation_is_not_named(client, story, jwg4_article):
    jwg4_article.status = Article.Status.DRAFT
    jwg4_article.save()
    page = html(client.get(INDONESIAN_STORY))
    assert hreflangs(page) == {"id": ORIGIN + INDONESIAN_STORY}
    assert "indonesia-philippines-jwg-terrorism" not in page
    assert "Baca dalam bahasa Inggris" not in page
    assert switcher(page)["en"] == "/en/"
    assert "workTranslation" not in json_ld(page, "NewsArticle")


def test_a_preview_names_no_alternate(editor_client, story):
    page = html(editor_client.get(f"/preview/articles/{story.pk}/"))
    assert hreflangs(page) == {}


def test_og_locale_alternate_names_the_other_edition(client, story):
    page = html(client.get(ENGLISH_STORY))
    assert '<meta property="og:locale" content="en_US">' in page
    assert '<meta property="og:locale:alternate" content="id_ID">' in page


# The switcher and the link to the translation


def test_the_switcher_goes_to_the_translation(client, story):
    assert switcher(html(client.get(INDONESIAN_STORY))) == {
        "id": INDONESIAN_STORY,
        "en": ENGLISH_STORY,
    }
    assert switcher(html(client.get(ENGLISH_STORY))) == {
        "id": INDONESIAN_STORY,
        "en": ENGLISH_STORY,
    }


def test_the_switcher_goes_to_the_other_home_without_a_translation(
    client, jwg4_article
):
    assert switcher(html(client.get(ENGLISH_STORY))) == {
        "id": "/",
        "en": ENGLISH_STORY,
    }


def test_the_switcher_keeps_a_lists_query_but_not_its_page(client, story):
    page = html(client.get("/search/?q=terrorism&page=1"))
    assert switcher(page)["en"] == "/en/search/?q=terrorism"
    page = html(client.get("/en/meetings/?page=1"))
    assert switcher(page)["id"] == "/meetings/"


def test_an_article_links_to_its_translation_in_words_and_languages(client, story):
    page = html(client.get(INDONESIAN_STORY))
    link = page.split('<p class="story__translation"')[1].split("</p>")[0]
    assert f'href="{ENGLISH_STORY}" hreflang="en">Baca dalam bahasa Inggris</a>' in link
    title = "Indonesia and the Philippines meet again on terrorism"
    assert f'lang="en" dir="auto">{title}' in link
    page = html(client.get(ENGLISH_STORY))
    link = page.split('<p class="story__translation"')[1].split("</p>")[0]
    assert f'href="{INDONESIAN_STORY}" hreflang="id">Read in Indonesian</a>' in link


def test_the_first_visit_notice_is_hidden_and_offers_the_other_edition(client, story):
    page = html(client.get(INDONESIAN_STORY))
    notice = page.split('<aside class="edition-notice"')[1].split("</aside>")[0]
    assert 'data-edition-notice="en" lang="en"' in notice
    assert " hidden>" in notice.split("\n")[0]
    assert f'href="{ENGLISH_STORY}"' in notice and "Read in English" in notice
    # Its script deferred, holding up nothing; the notice it shows stands
    # over the window's foot, so nothing moves (tests/e2e/test_editions.py).
    script = '<script src="/static/js/edition_notice.js" defer></script>'
    assert page.count(script) == 1
    between = page.split('<aside class="edition-notice"')[1].split("<main")[0]
    assert script in between
    assert "onclick" not in page


# Sitemaps


def sitemap(client, name):
    """Every page of the sitemap `name` as the index lists them: a page is a
    block of 1,000 ids, and stories made one after the other fall on two
    when their ids cross a thousand (PostgreSQL's ids go on growing across
    the test run: CI's once did)."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [
        urlsplit(loc.text)
        for loc in index.iter(f"{SM}loc")
        if urlsplit(loc.text).path == f"/sitemap-{name}.xml"
    ]
    assert pages, f"the index lists no sitemap-{name}.xml"
    found = {}
    for page in pages:
        address = f"{page.path}?{page.query}" if page.query else page.path
        root = ET.fromstring(client.get(address).content)
        found.update(
            {
                urlsplit(url.findtext(f"{SM}loc")).path: {
                    link.get("hreflang"): urlsplit(link.get("href")).path
                    for link in url.findall(f"{XHTML}link")
                }
                for url in root.findall(f"{SM}url")
            }
        )
    return found


def test_the_articles_sitemap_links_each_story_to_its_translation(client, story):
    both = {"id": INDONESIAN_STORY, "en": ENGLISH_STORY, "x-default": INDONESIAN_STORY}
    lonely = ArticleFactory(slug="sendiri", language="id")
    assert sitemap(client, "articles") == {
        INDONESIAN_STORY: both,
        ENGLISH_STORY: both,
        lonely.get_absolute_url(): {},
    }


def test_a_draft_translation_is_no_sitemap_alternate(client, story, jwg4_article):
    jwg4_article.status = Article.Status.DRAFT
    jwg4_article.save()
    assert sitemap(client, "articles") == {INDONESIAN_STORY: {}}


@pytest.mark.parametrize(
    "name, path",
    [
        ("sections", "/sections/international/"),
        ("tags", "/tags/philippines/"),
        ("agencies", "/agencies/bnpt/"),
        ("people", "/people/boy-rafli-amar/"),
        ("meetings", "/meetings/4th-jwg-philippines-indonesia/"),
    ],
)
def test_other_pages_are_in_the_sitemap_in_both_editions(client, story, name, path):
    urls = sitemap(client, name)
    alternates = {"id": path, "en": "/en" + path, "x-default": path}
    assert urls[path] == alternates
    assert urls["/en" + path] == alternates


def test_the_news_sitemap_gives_each_articles_language(client, story, jwg4_article):
    # Google News lists the last two days: both editions' stories, just out.
    now = timezone.now()
    Article.objects.filter(pk__in=[story.pk, jwg4_article.pk]).update(published_at=now)
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    languages = {
        urlsplit(url.findtext(f"{SM}loc")).path.split("/")[1]: url.findtext(
            f"{news}news/{news}publication/{news}language"
        )
        for url in root.findall(f"{SM}url")
    }
    assert languages == {"articles": "id", "en": "en"}


# JSON-LD


def test_the_original_lists_its_translation_and_the_translation_its_original(
    client, story
):
    original = json_ld(html(client.get(INDONESIAN_STORY)), "NewsArticle")
    translation = json_ld(html(client.get(ENGLISH_STORY)), "NewsArticle")
    assert original["inLanguage"] == "id" and translation["inLanguage"] == "en"
    assert original["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "@id": ORIGIN + ENGLISH_STORY + "#article",
            "url": ORIGIN + ENGLISH_STORY,
            "inLanguage": "en",
        }
    ]
    assert translation["translationOfWork"]["@id"] == ORIGIN + INDONESIAN_STORY + (
        "#article"
    )
    assert "translationOfWork" not in original
    assert "workTranslation" not in translation
    # One newsroom in both editions.
    assert (
        original["publisher"]["@id"]
        == translation["publisher"]["@id"]
        == (ORIGIN + "/#organization")
    )


def test_names_in_structured_data_follow_the_edition(client, story, jwg4, bnpt):
    section = story.section
    section.name_en = "International cooperation"
    section.name = "Kerja sama internasional"
    section.save()
    jwg4.title_en = "4th Philippines-Indonesia JWG"
    jwg4.title = "JWG Filipina-Indonesia ke-4"
    jwg4.save()
    bnpt.name_en = "National Counter Terrorism Agency"
    bnpt.save()
    assert (
        json_ld(html(client.get(INDONESIAN_STORY)), "NewsArticle")["articleSection"]
        == "Kerja sama internasional"
    )
    assert (
        json_ld(html(client.get(ENGLISH_STORY)), "NewsArticle")["articleSection"]
        == "International cooperation"
    )
    path = "/meetings/4th-jwg-philippines-indonesia/"
    assert json_ld(html(client.get(path)), "Event")["name"] == (
        "JWG Filipina-Indonesia ke-4"
    )
    assert json_ld(html(client.get("/en" + path)), "Event")["name"] == (
        "4th Philippines-Indonesia JWG"
    )
    agency = json_ld(html(client.get("/en/agencies/bnpt/")), "Organization")
    assert agency["name"] == "National Counter Terrorism Agency"
    assert bnpt.name in agency["alternateName"]
    trail = json_ld(html(client.get("/en/sections/international/")), "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Home",
        "International cooperation",
    ]
