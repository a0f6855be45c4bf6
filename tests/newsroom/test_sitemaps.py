import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, AuthorProfile
from newsroom import sitemaps, views
from tests.agencies.factories import AgencyFactory, MeetingFactory, PersonFactory
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SECTIONS = [
    "articles", "sections", "tags", "agencies", "people", "meetings", "authors"
]  # fmt: skip


def parse(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(client, url, **extra):
    """The paths a sitemap lists (scheme and host checked separately)."""
    root = parse(client, url, **extra)
    return [urlsplit(loc.text).path for loc in root.iter(f"{SM}loc")]


@pytest.fixture
def unpublished(section):
    """A draft and a scheduled article, with their own tags and section."""
    hidden = SectionFactory(name="Hidden", slug="hidden")
    ArticleFactory(
        slug="unfinished-draft",
        title="Unfinished draft",
        section=hidden,
        tags=["only-on-drafts"],
        draft=True,
    )
    ArticleFactory(
        slug="embargoed-story",
        title="Embargoed story",
        section=hidden,
        tags=["only-on-drafts"],
        published_at=timezone.now() + dt.timedelta(days=1),
    )


# The index and its sitemaps


def test_the_index_lists_every_sitemap_and_each_has_locations_and_lastmod(
    client, jwg4_article, django_user_model
):
    AuthorProfile.objects.create(
        user=django_user_model.objects.create_user("penulis"),
        name="Penulis",
        slug="penulis",
    )
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    entries = index.findall(f"{SM}sitemap")
    assert [urlsplit(e.findtext(f"{SM}loc")).path for e in entries] == [
        f"/sitemap-{name}.xml" for name in SECTIONS
    ]
    for entry in entries:
        assert entry.findtext(f"{SM}lastmod")
        sitemap = parse(client, urlsplit(entry.findtext(f"{SM}loc")).path)
        assert sitemap.tag == f"{SM}urlset"
        urls = sitemap.findall(f"{SM}url")
        assert urls, entry.findtext(f"{SM}loc")
        for url in urls:
            assert url.findtext(f"{SM}loc").startswith("http://testserver/")
            assert url.findtext(f"{SM}lastmod")


def test_sitemaps_list_the_public_pages(client, jwg4_article):
    # The article in its own (English) edition; its tags in the editions
    # that have a story under them; every other page in both.
    assert locations(client, "/sitemap-articles.xml") == [
        "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
    ]
    assert locations(client, "/sitemap-sections.xml") == [
        "/sections/international/",
        "/en/sections/international/",
    ]
    assert sorted(locations(client, "/sitemap-tags.xml")) == [
        "/en/tags/counter-terrorism/",
        "/en/tags/philippines/",
    ]
    agencies = locations(client, "/sitemap-agencies.xml")
    assert "/agencies/bnpt/" in agencies and "/en/agencies/bnpt/" in agencies
    people = locations(client, "/sitemap-people.xml")
    assert "/people/boy-rafli-amar/" in people
    assert "/en/people/boy-rafli-amar/" in people
    assert locations(client, "/sitemap-meetings.xml") == [
        "/meetings/4th-jwg-philippines-indonesia/",
        "/en/meetings/4th-jwg-philippines-indonesia/",
        "/meetings/3rd-jwg-philippines-indonesia/",
        "/en/meetings/3rd-jwg-philippines-indonesia/",
    ]


def test_sitemaps_use_the_requests_scheme_and_host(client, jwg4_article):
    index = parse(client, "/sitemap.xml", secure=True, HTTP_HOST="localhost")
    for loc in index.iter(f"{SM}loc"):
        assert loc.text.startswith("https://localhost/sitemap-")
    root = parse(client, "/sitemap-articles.xml", secure=True, HTTP_HOST="localhost")
    assert root.findtext(f"{SM}url/{SM}loc").startswith(
        "https://localhost/en/articles/"
    )


def test_drafts_and_scheduled_articles_are_in_no_sitemap(
    client, jwg4_article, unpublished
):
    for url in ["/sitemap.xml", "/sitemap-news.xml"] + [
        f"/sitemap-{name}.xml" for name in SECTIONS
    ]:
        content = client.get(url).content
        assert b"unfinished-draft" not in content, url
        assert b"embargoed-story" not in content, url
    # Nor the section and tag that only they fill.
    assert "/sections/hidden/" not in locations(client, "/sitemap-sections.xml")
    assert "/tags/only-on-drafts/" not in locations(client, "/sitemap-tags.xml")


def test_a_sections_lastmod_is_its_latest_published_article(client, section):
    ArticleFactory(section=section)
    latest = ArticleFactory(section=section)
    root = parse(client, "/sitemap-sections.xml")
    expected = timezone.localtime(latest.updated_at).date().isoformat()
    assert root.findtext(f"{SM}url/{SM}lastmod") == expected


def test_an_article_saved_before_it_came_out_is_dated_by_its_publication(
    client, section
):
    """A story scheduled ahead changed for readers when it came out: its own
    entry, its section's, its tag's and the index say so (Article.last_modified),
    not the earlier save."""
    article = ArticleFactory(
        section=section,
        tags=["embargo"],
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    Article.objects.filter(pk=article.pk).update(
        updated_at=article.published_at - dt.timedelta(days=5)
    )
    expected = timezone.localtime(article.published_at).date().isoformat()
    for name in ["articles", "sections", "tags"]:
        root = parse(client, f"/sitemap-{name}.xml")
        assert root.findtext(f"{SM}url/{SM}lastmod") == expected, name
    index = {
        urlsplit(entry.findtext(f"{SM}loc")).path: entry.findtext(f"{SM}lastmod")
        for entry in parse(client, "/sitemap.xml")
    }
    for name in ["articles", "sections", "tags"]:
        lastmod = dt.datetime.fromisoformat(index[f"/sitemap-{name}.xml"])
        assert lastmod == article.published_at, name


def test_agencies_people_and_meetings_are_dated_by_their_last_change(client, db):
    long_ago = timezone.now() - dt.timedelta(days=400)
    for factory in (AgencyFactory, PersonFactory, MeetingFactory):
        row = factory()
        type(row).objects.filter(pk=row.pk).update(updated_at=long_ago)
    expected = timezone.localtime(long_ago).date().isoformat()
    for name in ["agencies", "meetings"]:
        root = parse(client, f"/sitemap-{name}.xml")
        assert root.findtext(f"{SM}url/{SM}lastmod") == expected
    lastmods = {
        u.findtext(f"{SM}lastmod")
        for u in parse(client, "/sitemap-people.xml").findall(f"{SM}url")
    }
    assert expected in lastmods  # the person's agency was made just now


def test_an_unknown_sitemap_is_not_found(client, db):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_works_before_anything_is_published(client, db):
    parse(client, "/sitemap.xml")


@pytest.mark.parametrize("name", SECTIONS)
def test_a_sitemap_costs_the_same_queries_for_2_or_20_rows(client, section, name):
    counts = []
    for added in (2, 18):
        for n in range(added):
            ArticleFactory(
                section=SectionFactory(),
                tags=[f"tag {added}-{n}"],
                meeting=MeetingFactory(),
                people=[PersonFactory()],
            )
        with CaptureQueriesContext(connection) as captured:
            parse(client, f"/sitemap-{name}.xml")
        counts.append(len(captured))
    # The articles' sitemap adds one query: the published translations of
    # the page's articles, for their alternates.
    assert counts[0] == counts[1] <= (3 if name == "articles" else 2)


# Google News sitemap


def news_entries(client):
    root = parse(client, "/sitemap-news.xml")
    assert root.tag == f"{SM}urlset"
    return root.findall(f"{SM}url")


def test_a_title_holding_control_characters_leaves_the_news_sitemap_well_formed(
    client,
):
    # A page break (form feed) copied out of a PDF into a headline made the
    # file XML that no reader takes (Google News would drop the whole file).
    ArticleFactory(title="Hasil rapat\x0cJWG\x07 ke-4", published_at=timezone.now())
    [url] = news_entries(client)  # parsed: well formed
    assert url.findtext(f"{NEWS}news/{NEWS}title") == "Hasil rapat JWG ke-4"


def test_the_news_sitemap_lists_articles_of_the_last_48_hours(
    client, jwg4_article, unpublished, settings
):
    settings.NEWSROOM_PUBLICATION_NAME = "Warta Antarlembaga"
    now = timezone.now()
    ArticleFactory(
        title="Yesterday's meeting",
        slug="yesterday",
        published_at=now - dt.timedelta(hours=30),
    )
    ArticleFactory(
        title="Hasil rapat & <catatan>",
        slug="just-now",
        language="id",
        published_at=now - dt.timedelta(minutes=5),
    )
    ArticleFactory(slug="three-days-ago", published_at=now - dt.timedelta(hours=72))
    english = ArticleFactory(
        slug="in-english", language="en", published_at=now - dt.timedelta(hours=47)
    )

    urls = news_entries(client)
    assert [urlsplit(u.findtext(f"{SM}loc")).path.split("/")[-2] for u in urls] == [
        "just-now",
        "yesterday",
        "in-english",
    ]
    first = urls[0].find(f"{NEWS}news")
    assert first.findtext(f"{NEWS}publication/{NEWS}name") == "Warta Antarlembaga"
    assert first.findtext(f"{NEWS}publication/{NEWS}language") == "id"
    assert first.findtext(f"{NEWS}title") == "Hasil rapat & <catatan>"
    published = dt.datetime.fromisoformat(first.findtext(f"{NEWS}publication_date"))
    assert published.tzinfo is not None
    assert abs(published - (now - dt.timedelta(minutes=5))) < dt.timedelta(seconds=1)
    assert urls[0].findtext(f"{SM}loc").startswith("http://testserver/articles/")
    last = urls[-1].find(f"{NEWS}news")
    assert last.findtext(f"{NEWS}publication/{NEWS}language") == english.language


def test_the_news_sitemap_stops_at_its_limit(client, db, monkeypatch):
    monkeypatch.setattr(views, "NEWS_SITEMAP_LIMIT", 2)
    for _ in range(3):
        ArticleFactory()
    assert len(news_entries(client)) == 2


def test_the_news_sitemap_is_valid_when_empty_and_kept_out_of_results(client, db):
    response = client.get("/sitemap-news.xml")
    assert ET.fromstring(response.content).findall(f"{SM}url") == []
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_the_news_sitemap_costs_one_query(client, db):
    for _ in range(5):
        ArticleFactory()
    with CaptureQueriesContext(connection) as captured:
        assert len(news_entries(client)) == 5
    assert len(captured) == 1


# Pages of a bounded size (issue 16: the sitemaps stay flat as the archive grows)


def index_paths(client):
    return [
        urlsplit(loc.text).path
        + (f"?{urlsplit(loc.text).query}" if "?" in loc.text else "")
        for loc in parse(client, "/sitemap.xml").iter(f"{SM}loc")
    ]


def test_the_articles_sitemap_is_split_into_blocks_of_ids(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 3)
    articles = [ArticleFactory() for _ in range(7)]
    draft = ArticleFactory(draft=True)
    first_block = articles[0].pk // 3
    pages = (max(a.pk for a in articles) // 3) - first_block + 1
    paths = index_paths(client)
    article_pages = [p for p in paths if p.startswith("/sitemap-articles.xml")]
    assert article_pages == ["/sitemap-articles.xml"] + [
        f"/sitemap-articles.xml?p={n}" for n in range(2, pages + 1)
    ]
    listed = []
    for page in article_pages:
        found = locations(client, page)
        assert len(found) <= 3
        listed += found
    # Every published article exactly once, on the page of its id's block.
    assert sorted(listed) == sorted(a.get_absolute_url() for a in articles)
    assert draft.get_absolute_url() not in listed
    block_of_last = articles[-1].pk // 3 - first_block + 1
    assert articles[-1].get_absolute_url() in locations(
        client, f"/sitemap-articles.xml?p={block_of_last}"
    )


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5", ""])
def test_a_page_beyond_or_beside_the_sitemap_is_not_found(client, db, page):
    ArticleFactory()
    assert client.get(f"/sitemap-articles.xml?p={page}").status_code in (200, 404)
    if page != "":
        assert client.get(f"/sitemap-articles.xml?p={page}").status_code == 404
    assert client.get(f"/sitemap-agencies.xml?p={page}").status_code in (200, 404)


def test_sitemaps_listed_in_both_editions_are_split_too(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 4)  # 2 agencies a page
    agencies = [AgencyFactory() for _ in range(5)]
    paths = [p for p in index_paths(client) if p.startswith("/sitemap-agencies.xml")]
    assert paths == [
        "/sitemap-agencies.xml",
        "/sitemap-agencies.xml?p=2",
        "/sitemap-agencies.xml?p=3",
    ]
    listed = [loc for path in paths for loc in locations(client, path)]
    assert len(listed) == 10
    for agency in agencies:
        assert f"/agencies/{agency.slug}/" in listed
        assert f"/en/agencies/{agency.slug}/" in listed


def test_an_articles_page_costs_the_same_queries_wherever_it_is(
    client, db, monkeypatch
):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 5)
    for _ in range(12):
        original = ArticleFactory(language="id")
        ArticleFactory(language="en", translation_of=original)
    counts = set()
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            parse(client, f"/sitemap-articles.xml?p={page}")
        counts.add(len(captured))
    assert counts == {3}


def test_a_translated_articles_alternates_survive_the_split(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 2)
    original = ArticleFactory(language="id", slug="asli")
    for _ in range(4):
        ArticleFactory()
    translation = ArticleFactory(
        language="en", translation_of=original, slug="terjemahan"
    )
    for path in [p for p in index_paths(client) if "articles" in p]:
        root = parse(client, path)
        for url in root.findall(f"{SM}url"):
            if url.findtext(f"{SM}loc").endswith(translation.get_absolute_url()):
                links = {
                    link.get("hreflang"): urlsplit(link.get("href")).path
                    for link in url.findall("{http://www.w3.org/1999/xhtml}link")
                }
                assert links == {
                    "id": original.get_absolute_url(),
                    "en": translation.get_absolute_url(),
                    "x-default": original.get_absolute_url(),
                }
                return
    raise AssertionError("the translation is in no page")


def test_the_index_costs_the_same_queries_for_few_or_many_pages(
    client, db, monkeypatch
):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 2)
    counts = []
    for added in (1, 9):
        for _ in range(added):
            ArticleFactory(tags=["t"], meeting=MeetingFactory())
        with CaptureQueriesContext(connection) as captured:
            parse(client, "/sitemap.xml")
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_index_is_kept_until_what_it_lists_changes(
    client, db, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 2)
    ArticleFactory()
    first = client.get("/sitemap.xml").content
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").content == first
    for _ in range(2):
        ArticleFactory()  # a second page of articles
    again = client.get("/sitemap.xml").content.decode()
    assert again != first.decode()
    assert "sitemap-articles.xml?p=2" in again
