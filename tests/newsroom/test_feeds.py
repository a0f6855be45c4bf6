import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag

from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The sample article is in English: in the English edition and its feeds.
ARTICLE_URL = (
    "http://testserver/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
)

LATEST = [("feeds:latest_rss", {}), ("feeds:latest_atom", {})]
TOPICS = [
    ("section", "international"),
    ("tag", "philippines"),
    ("agency", "bnpt"),
]
ALL_FEEDS = LATEST + [
    (f"feeds:{kind}_{flavour}", {"slug": slug})
    for kind, slug in TOPICS
    for flavour in ("rss", "atom")
]


def fetch(client, name, language="id", **kwargs):
    """The feed's parsed XML root, of the edition in `language`; fails unless
    it is served and well formed."""
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def rss_items(root):
    return root.find("channel").findall("item")


def atom_entries(root):
    return root.findall(f"{ATOM}entry")


def feed_items(name, root):
    """RSS items or Atom entries, by the URL name's flavour."""
    return atom_entries(root) if name.endswith("atom") else rss_items(root)


@pytest.fixture
def illustrated(jwg4_article, media_root):
    """The sample article with a byline and a featured photograph."""
    jwg4_article.byline = "Rina Hartono & Damar Putra"
    jwg4_article.featured_image = library_image(
        "jwg4.jpg", alt_text="Delegates at the table"
    )
    jwg4_article.save()
    return jwg4_article


@pytest.fixture
def unpublished(section, bnpt):
    """A draft and a scheduled article in every topic of the sample article."""
    for title, extra in [
        ("Unfinished draft", {"draft": True}),
        (
            "Embargoed story",
            {"published_at": timezone.now() + dt.timedelta(days=1)},
        ),
    ]:
        ArticleFactory(
            title=title,
            section=section,
            tags=["Philippines"],
            agencies=[bnpt],
            **extra,
        )


# RSS


def test_the_rss_feed_describes_each_article_fully(client, illustrated):
    channel = fetch(client, "feeds:latest_rss", "en").find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/"
    [item] = channel.findall("item")
    assert item.findtext("title") == illustrated.title
    assert item.findtext("link") == ARTICLE_URL
    assert item.findtext("description") == illustrated.dek
    assert item.findtext(f"{DC}creator") == "Rina Hartono & Damar Putra"
    assert item.findtext("pubDate") == "Thu, 24 Mar 2022 12:00:00 +0000"
    assert [c.text for c in item.findall("category")] == [
        "International cooperation",
        "Philippines",
        "counter-terrorism",
    ]
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.startswith("tag:testserver,")
    # One id whatever port the feed is fetched through: a tag URI's
    # authority is a domain name (it had been "tag:testserver:8080,…").
    with translation.override("en"):
        url = reverse("feeds:latest_rss")
    through_a_port = client.get(url, HTTP_HOST="testserver:8080").content.decode()
    assert f'<guid isPermaLink="false">{guid.text}</guid>' in through_a_port
    # The 1200×630 card (as og:image), never the original upload.
    card = illustrated.featured_image.renditions.get(spec="card", format="jpeg")
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == "http://testserver" + card.url
    assert "/originals/" not in enclosure.get("url")
    assert enclosure.get("length") == str(card.file_size) == str(card.file.size)
    assert enclosure.get("type") == "image/jpeg"


@pytest.mark.parametrize("feed", ["feeds:latest_rss", "feeds:latest_atom"])
def test_a_title_reads_as_written_in_every_feed(client, feed):
    # RSS titles were escaped as HTML before the XML writer escaped them:
    # readers showed "Attorney General&#x27;s office".
    title = 'Attorney General\'s office & "law" <ministry> meet'
    ArticleFactory(title=title)
    root = fetch(client, feed)
    titles = [e.text for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "title"]
    assert title in titles


def test_an_article_without_a_summary_shows_the_start_of_its_body_as_text(client):
    ArticleFactory(
        dek="",
        body="BNPT and **NICA** met & talked.\n\n<script>alert(1)</script>\n\n"
        + "More words. " * 100,
    )
    [item] = rss_items(fetch(client, "feeds:latest_rss"))
    description = item.findtext("description")
    # Plain text, escaped once for HTML readers: no markup, no script; the
    # <script> written in the body is text, as the story's page shows it
    # (articles/rendering.py: TYPED_TAG).
    assert description.startswith(
        "BNPT and NICA met &amp; talked. &lt;script&gt;alert(1)&lt;/script&gt; "
        "More words."
    )
    assert "<" not in description
    assert description.endswith("…")
    assert len(description.split()) <= 61


def test_an_article_without_a_byline_or_a_writers_page_is_the_newsrooms(client):
    ArticleFactory(byline="")
    [item] = rss_items(fetch(client, "feeds:latest_rss"))
    assert item.findtext(f"{DC}creator") == settings.NEWSROOM_NAME
    assert item.find("author") is None


def test_an_image_without_renditions_yet_leaves_out_the_enclosure(client, illustrated):
    illustrated.featured_image.renditions.all().delete()
    [item] = rss_items(fetch(client, "feeds:latest_rss", "en"))
    assert item.find("enclosure") is None
    assert item.findtext("title") == illustrated.title


# Atom


def test_the_atom_feed_describes_each_article_fully(client, illustrated):
    root = fetch(client, "feeds:latest_atom", "en")
    assert root.get(XML_LANG) == "en"
    [entry] = atom_entries(root)
    assert entry.get(XML_LANG) == "en"  # the article's own language
    assert entry.findtext(f"{ATOM}title") == illustrated.title
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == ARTICLE_URL
    assert links["enclosure"].get("href").startswith("http://testserver/media/")
    card = illustrated.featured_image.renditions.get(spec="card", format="jpeg")
    assert links["enclosure"].get("href") == "http://testserver" + card.url
    assert links["enclosure"].get("type") == "image/jpeg"
    assert links["enclosure"].get("length") == str(card.file_size)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == illustrated.byline
    assert entry.findtext(f"{ATOM}summary") == illustrated.dek
    assert entry.findtext(f"{ATOM}published") == "2022-03-24T12:00:00+00:00"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}id").startswith("tag:testserver,")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "International cooperation",
        "Philippines",
        "counter-terrorism",
    ]


def test_atom_titles_are_plain_text(client):
    ArticleFactory(title="Budget & <staff> cuts")
    [entry] = atom_entries(fetch(client, "feeds:latest_atom"))
    assert entry.findtext(f"{ATOM}title") == "Budget & <staff> cuts"


def test_an_entry_is_never_updated_before_it_was_published(client):
    article = ArticleFactory(published_at=timezone.now() - dt.timedelta(seconds=5))
    article.__class__.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    [entry] = atom_entries(fetch(client, "feeds:latest_atom"))
    published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated >= published


# Every feed


@pytest.mark.parametrize(("name", "kwargs"), ALL_FEEDS)
def test_every_feed_parses_and_lists_the_article(client, jwg4_article, name, kwargs):
    root = fetch(client, name, "en", **kwargs)
    items = feed_items(name, root)
    assert len(items) == 1
    # The English article is not the Indonesian edition's.
    assert feed_items(name, fetch(client, name, **kwargs)) == []


@pytest.mark.parametrize(("name", "kwargs"), LATEST)
def test_the_site_feeds_parse_before_anything_is_published(client, db, name, kwargs):
    root = fetch(client, name, **kwargs)
    items = feed_items(name, root)
    assert items == []


@pytest.mark.parametrize(("name", "kwargs"), ALL_FEEDS)
def test_drafts_and_scheduled_articles_never_appear_in_a_feed(
    client, jwg4_article, unpublished, name, kwargs
):
    for language in ("id", "en"):
        with translation.override(language):
            response = client.get(reverse(name, kwargs=kwargs))
        ET.fromstring(response.content)
        assert b"Unfinished draft" not in response.content
        assert b"Embargoed story" not in response.content


@pytest.mark.parametrize("kind", ["section", "tag", "agency"])
@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_a_feed_for_an_unknown_slug_is_not_found(client, db, kind, flavour):
    url = reverse(f"feeds:{kind}_{flavour}", kwargs={"slug": "no-such-thing"})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("kind", "slug"), TOPICS)
def test_a_topic_feed_lists_only_its_topic(client, jwg4_article, kind, slug):
    ArticleFactory(
        title="Elsewhere", section=SectionFactory(), tags=["Budget"], language="en"
    )
    items = rss_items(fetch(client, f"feeds:{kind}_rss", "en", slug=slug))
    assert [item.findtext("title") for item in items] == [jwg4_article.title]
    assert len(rss_items(fetch(client, "feeds:latest_rss", "en"))) == 2


def test_a_feed_holds_the_20_newest_articles(client, db):
    now = timezone.now()
    for hours in range(1, 23):
        ArticleFactory(
            title=f"{hours} hours ago", published_at=now - dt.timedelta(hours=hours)
        )
    titles = [i.findtext("title") for i in rss_items(fetch(client, "feeds:latest_rss"))]
    assert titles == [f"{hours} hours ago" for hours in range(1, 21)]


def test_feeds_keep_the_sites_language_for_readers_who_prefer_english(
    client, jwg4_article
):
    response = client.get(reverse("feeds:latest_rss"), HTTP_ACCEPT_LANGUAGE="en")
    assert ET.fromstring(response.content).findtext("channel/language") == "id"


def test_feeds_use_the_requests_scheme_and_host(client, illustrated):
    response = client.get("/en/feeds/rss/", secure=True)
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("link").startswith("https://testserver/")
    assert item.find("enclosure").get("url").startswith("https://testserver/media/")


def publish_in_every_topic(count: int, section, agency):
    """Articles with tags, agency, byline and photo: everything an item shows."""
    for n in range(count):
        ArticleFactory(
            section=section,
            tags=["Philippines", f"topic {n}"],
            agencies=[agency],
            byline=f"Reporter {n}",
            featured_image=library_image(f"photo-{n}.jpg", size=(48, 32)),
        )


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    [
        ("feeds:latest_rss", {}, 3),
        ("feeds:latest_atom", {}, 3),
        ("feeds:section_rss", {"slug": "international"}, 4),
        ("feeds:tag_atom", {"slug": "philippines"}, 4),
        ("feeds:agency_rss", {"slug": "bnpt"}, 4),
    ],
)
def test_a_feed_costs_the_same_queries_for_2_or_20_articles(
    client, section, bnpt, media_root, name, kwargs, queries
):
    """The topic (topic feeds), the articles with their section and image,
    their tags, their images' renditions."""
    counts = []
    for added in (2, 18):
        publish_in_every_topic(added, section, bnpt)
        with CaptureQueriesContext(connection) as captured:
            root = fetch(client, name, **kwargs)
        items = feed_items(name, root)
        assert len(items) == len(counts) * 18 + 2
        counts.append(len(captured))
    assert counts == [queries, queries]


# Discovery links


def render_links(language="en", **context):
    """The discovery links of a page of the edition in `language` (titles in
    English by default)."""
    request = RequestFactory().get("/", secure=True)
    with translation.override(language):
        return render_to_string(
            "includes/feed_links.html",
            {"NEWSROOM_NAME": "Warta", **context},
            request=request,
        )


def test_every_page_links_to_the_sites_rss_and_atom_feeds(db):
    html = render_links()
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Warta: latest articles (RSS)" '
        'href="https://testserver/en/feeds/rss/">'
    ) in html
    assert 'type="application/atom+xml"' in html
    assert 'href="https://testserver/en/feeds/atom/"' in html
    assert html.count("<link") == 2


def test_an_indonesian_page_links_to_the_indonesian_feeds(db):
    html = render_links("id")
    assert (
        'title="Warta: artikel terbaru (RSS)" href="https://testserver/feeds/rss/"'
    ) in html
    assert 'href="https://testserver/feeds/atom/"' in html
    assert "/en/" not in html


def test_a_topic_page_also_links_to_its_own_feeds(jwg4_article, bnpt):
    html = render_links(
        feed_section=jwg4_article.section,
        feed_tag=Tag.objects.get(slug="philippines"),
        feed_agency=bnpt,
    )
    assert html.count("<link") == 8
    for path in [
        "/en/sections/international/feed/rss/",
        "/en/sections/international/feed/atom/",
        "/en/tags/philippines/feed/rss/",
        "/en/tags/philippines/feed/atom/",
        "/en/agencies/bnpt/feed/rss/",
        "/en/agencies/bnpt/feed/atom/",
    ]:
        assert f'href="https://testserver{path}"' in html
    assert "Warta: articles tagged “Philippines” (RSS)" in html


def test_feed_link_titles_are_escaped(db):
    html = render_links(feed_section=SectionFactory(name='Law & "order"'))
    assert 'title="Warta: Law &amp; &quot;order&quot; (RSS)"' in html


def test_every_advertised_feed_is_served(client, jwg4_article, bnpt):
    html = render_links(
        feed_section=jwg4_article.section,
        feed_tag=Tag.objects.get(slug="philippines"),
        feed_agency=bnpt,
    )
    hrefs = [part.split('"')[0] for part in html.split('href="')[1:]]
    for href in hrefs:
        response = client.get(href.removeprefix("https://testserver"), secure=True)
        assert response.status_code == 200, href


def test_control_characters_in_a_story_leave_every_feed_well_formed(
    client, jwg4_article, bnpt
):
    # A title copied out of a PDF keeps its page break (form feed), one from
    # Word its line break (vertical tab): XML cannot hold either, and Django's
    # feed writer failed every feed listing the story with a 500. Stored text
    # from before the forms left them out, or written by other code.
    jwg4_article.title = "Indonesia and the Philippines\x0cmeet again\x0b on terrorism"
    jwg4_article.dek = "BNPT hosts\x07 the 4th JWG."
    jwg4_article.body = "The delegations met\x0cin Jakarta.\x1b"
    jwg4_article.byline = "Rina\x0bHartono"
    jwg4_article.save()
    Tag.objects.filter(name="Philippines").update(name="Philip\x08pines")
    bnpt.name_en = "National Counter\x0cTerrorism Agency"
    bnpt.save()

    for name, kwargs in ALL_FEEDS:
        root = fetch(client, name, "en", **kwargs)  # served, and well formed
        [item] = feed_items(name, root)
        title = item.findtext(f"{ATOM}title" if name.endswith("atom") else "title")
        assert title == "Indonesia and the Philippines meet again  on terrorism"
    [item] = rss_items(fetch(client, "feeds:latest_rss", "en"))
    assert item.findtext("description") == "BNPT hosts the 4th JWG."
    assert item.findtext(f"{DC}creator") == "Rina Hartono"
    assert "Philippines" in [c.text for c in item.findall("category")]
    agency = fetch(client, "feeds:agency_rss", "en", slug="bnpt").find("channel")
    assert "National Counter Terrorism Agency" in agency.findtext("title")
    [entry] = atom_entries(fetch(client, "feeds:latest_atom", "en"))
    assert entry.findtext(f"{ATOM}summary") == "BNPT hosts the 4th JWG."


# Visible links: a reader finds the feeds on the page, not only in <head>
# (which browsers no longer show).


def footer(client, path):
    page = client.get(path).content.decode()
    return page.split('<footer class="site-footer">')[1].split("</footer>")[0]


@pytest.mark.parametrize(
    ("edition", "latest", "top"),
    [
        ("", "Berita terbaru (RSS)", "Berita utama (RSS)"),
        ("/en", "Latest news (RSS)", "Top stories (RSS)"),
    ],
)
def test_every_page_shows_its_editions_feeds_in_the_footer(
    client, jwg4_article, edition, latest, top
):
    for path in (f"{edition}/", f"{edition}{jwg4_article.meeting.get_absolute_url()}"):
        links = footer(client, path)
        assert (
            f'<a href="{edition}/feeds/rss/" type="application/rss+xml">{latest}</a>'
        ) in links
        assert (
            f'<a href="{edition}/feeds/top/rss/" type="application/rss+xml">{top}</a>'
        ) in links
    for feed in ("feeds/rss/", "feeds/top/rss/"):
        assert client.get(f"{edition}/{feed}").status_code == 200


def test_section_tag_and_agency_pages_show_their_own_feeds(client, jwg4_article, bnpt):
    """A reader on a topic's page finds its feeds under the heading, and
    they answer (browsers no longer show the <head> links)."""
    pages = [
        (jwg4_article.section.get_absolute_url(), "Ikuti rubrik ini"),
        ("/tags/philippines/", "Ikuti tag ini"),
        (bnpt.get_absolute_url(), "Ikuti berita tentang lembaga ini"),
    ]
    for page, words in pages:
        html = client.get(page).content.decode()
        start = html.index('<p class="topic-feeds">')
        block = html[start : html.index("</p>", start)]
        assert words in block, page
        feeds = f"{page}feed/"
        assert f'<a href="{feeds}rss/" type="application/rss+xml">RSS</a>' in block
        assert f'<a href="{feeds}atom/" type="application/atom+xml">Atom</a>' in block
        for feed in ("rss/", "atom/"):
            assert client.get(feeds + feed).status_code == 200, feeds + feed
