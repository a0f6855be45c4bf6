"""Metadata on the public pages: canonical address, description, Open Graph
and Twitter tags, and schema.org JSON-LD, read back as a crawler reads them."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from PIL import Image

from agencies.models import Meeting
from articles.models import Article, Correction
from articles.services import correction_add
from tests.agencies.factories import (
    AgencyAliasFactory,
    AgencyFactory,
    MeetingFactory,
    MeetingParticipantFactory,
)
from tests.articles.factories import ArticleFactory
from tests.images import FULL_SIZE, library_image

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
# The JWG story is written in English: it lives in the English edition.
ARTICLE_URL = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
MANILA = ZoneInfo("Asia/Manila")
SCHEMA = "https://schema.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def ui(text: str) -> str:
    """`text` as the site's default language (Indonesian) shows it."""
    with translation.override("id"):
        return translation.gettext(text)


class Head(HTMLParser):
    """What a crawler takes from a page: title, meta and link tags, JSON-LD."""

    def __init__(self, html: str):
        super().__init__()
        self.title = ""
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[dict] = []
        self.html_lang = None
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "title" or (
            tag == "script" and attrs.get("type") == "application/ld+json"
        ):
            self._in, self._text = tag, ""

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._in == "title":
            self.title = self._text.strip()
        elif tag == self._in == "script":
            self.json_ld.append(json.loads(self._text))
        if tag == self._in:
            self._in = None

    def one(self, key: str) -> str:
        """The content of the only meta tag named `key`."""
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def of_type(self, schema_type: str) -> dict:
        """The only top-level JSON-LD object of this @type."""
        found = [data for data in self.json_ld if data["@type"] == schema_type]
        assert len(found) == 1, [data["@type"] for data in self.json_ld]
        assert found[0]["@context"] == "https://schema.org"
        return found[0]

    def trail(self) -> list[tuple[str, str]]:
        """The BreadcrumbList as (name, address) pairs, checked for order."""
        items = self.of_type("BreadcrumbList")["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert all(item["@type"] == "ListItem" for item in items)
        return [(item["name"], item["item"]) for item in items]


def head(client, url, **kwargs) -> Head:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def pictured(jwg4_article, media_root):
    """The JWG article with a featured picture large enough for the
    1200×630 card, and a reporter's byline."""
    jwg4_article.featured_image = library_image(
        size=FULL_SIZE,
        alt_text="Delegates around a conference table",
        caption="The opening session.",
        credit="BNPT",
    )
    jwg4_article.byline = "Rina Wulandari"
    jwg4_article.save()
    return jwg4_article


@pytest.fixture
def corrected(pictured, desk_editor):
    """The article with one correction and one update note."""
    correction_add(
        article=pictured,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text="An earlier version gave the wrong year for the 3rd meeting.",
    )
    correction_add(
        article=pictured,
        user=desk_editor,
        kind=Correction.Kind.UPDATE,
        text="Adds the joint statement issued after the meeting.",
    )
    return pictured


@pytest.fixture
def public_pages(jwg4_article, jwg4, bnpt, officials):
    """Every kind of public page, with a trail that ends at the page itself."""
    return {
        "/": [],
        ARTICLE_URL: ["/en/sections/international/", ARTICLE_URL],
        "/sections/international/": ["/sections/international/"],
        "/tags/philippines/": ["/tags/philippines/"],
        "/agencies/": ["/agencies/"],
        "/agencies/bnpt/": ["/agencies/", "/agencies/bnpt/"],
        "/people/boy-rafli-amar/": [
            "/agencies/",
            "/agencies/bnpt/",
            "/people/boy-rafli-amar/",
        ],
        "/meetings/": ["/meetings/"],
        jwg4.get_absolute_url(): ["/meetings/", jwg4.get_absolute_url()],
    }


# Every page


def test_every_public_page_declares_its_address_title_description_and_cards(
    client, public_pages
):
    for url, trail in public_pages.items():
        page = head(client, url)
        canonical = ORIGIN + url
        assert page.canonical == [canonical], url
        assert page.one("og:url") == canonical
        assert page.title
        description = page.one("description")
        assert description
        assert page.one("og:description") == description
        assert page.one("twitter:description") == description
        assert page.one("og:title") == page.one("twitter:title") != ""
        assert page.one("og:site_name") == "Newsroom"
        assert page.one("og:type") == ("article" if url == ARTICLE_URL else "website")
        assert page.one("og:locale") in {"id_ID", "en_US"}
        assert page.one("twitter:card") in {"summary", "summary_large_image"}
        home = "/en/" if url.startswith("/en/") else "/"
        assert page.trail()[0][1] == ORIGIN + home
        assert [address for _name, address in page.trail()[1:]] == [
            ORIGIN + path for path in trail
        ], url


def test_the_page_language_follows_its_edition(client, jwg4_article):
    page = head(client, "/")
    assert page.html_lang == "id"
    assert page.one("og:locale") == "id_ID"
    assert page.meta["og:locale:alternate"] == ["en_US"]
    # A reader's language cookie changes nothing: the address decides.
    client.cookies["django_language"] = "en"
    assert head(client, "/").html_lang == "id"
    page = head(client, "/en/")
    assert page.html_lang == "en"
    assert page.one("og:locale") == "en_US"
    assert page.meta["og:locale:alternate"] == ["id_ID"]


# Home


def test_the_home_page_describes_the_site_and_its_publisher(client, jwg4_article):
    page = head(client, "/")
    site = page.of_type("WebSite")
    assert site["url"] == ORIGIN + "/"
    assert site["name"] == "Newsroom"
    assert site["publisher"]["@type"] == "Organization"
    assert site["publisher"]["logo"]["url"] == ORIGIN + "/static/img/logo.png"
    assert [name for name, _address in page.trail()] == [ui("Home")]
    assert page.one("twitter:card") == "summary"
    # No picture of its own: the site's (tests/newsroom/test_social_image.py).
    assert page.one("og:image") == ORIGIN + "/static/img/social.png"


def test_the_publisher_logo_is_a_square_png_of_at_least_112_pixels():
    with Image.open(finders.find("img/logo.png")) as logo:
        assert logo.format == "PNG"
        assert logo.width == logo.height >= 112


# Articles


def test_an_article_is_a_news_article_with_everything_the_desk_recorded(
    client, corrected, agencies, officials
):
    page = head(client, ARTICLE_URL)
    story = page.of_type("NewsArticle")
    url = ORIGIN + ARTICLE_URL
    assert story["url"] == url
    assert story["mainEntityOfPage"]["@id"] == url
    assert story["headline"] == "Indonesia and the Philippines meet again on terrorism"
    assert story["description"] == corrected.dek
    assert story["datePublished"] == "2022-03-24T19:00:00+07:00"
    assert dt.datetime.fromisoformat(story["dateModified"]) > dt.datetime.fromisoformat(
        story["datePublished"]
    )
    assert story["inLanguage"] == "en"
    assert story["articleSection"] == "International cooperation"
    assert sorted(story["keywords"]) == ["Philippines", "counter-terrorism"]
    assert story["author"] == [{"@type": "Person", "name": "Rina Wulandari"}]
    publisher = story["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Newsroom"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == ORIGIN + "/static/img/logo.png"
    [image] = story["image"]
    card = corrected.featured_image.renditions.get(spec="card", format="jpeg")
    assert image["url"] == ORIGIN + card.url
    assert (image["width"], image["height"]) == (1200, 630)
    assert image["caption"] == "The opening session."
    assert image["creditText"] == "BNPT"
    # Named and linked in the English edition, the article's.
    with translation.override("en"):
        assert {(org["@type"], org["name"], org["url"]) for org in story["about"]} == {
            ("Organization", agency.local_name, ORIGIN + agency.get_absolute_url())
            for agency in agencies.values()
        }
        assert {(p["@type"], p["name"], p["url"]) for p in story["mentions"]} == {
            ("Person", person.name, ORIGIN + person.get_absolute_url())
            for person in officials.values()
        }


def test_only_corrections_become_correction_comments(client, corrected):
    story = head(client, ARTICLE_URL).of_type("NewsArticle")
    note = corrected.corrections.get(kind=Correction.Kind.CORRECTION)
    assert story["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version gave the wrong year for the 3rd meeting.",
            "datePublished": note.created_at.astimezone(
                ZoneInfo("Asia/Jakarta")
            ).isoformat(timespec="seconds"),
        }
    ]
    # The update shows as a later modification time, not as a correction.
    assert "joint statement" not in json.dumps(story)
    assert story["dateModified"] >= story["correction"][0]["datePublished"]


def test_an_article_shares_as_a_large_picture_card_with_its_tags(client, corrected):
    page = head(client, ARTICLE_URL)
    # The 1200×630 card rendition, never the original, with its size.
    card = corrected.featured_image.renditions.get(spec="card", format="jpeg")
    image_url = ORIGIN + card.url
    assert page.one("og:image:width") == "1200"
    assert page.one("og:image:height") == "630"
    assert page.one("og:type") == "article"
    assert page.one("og:title") == corrected.title
    assert page.one("og:locale") == "en_US"  # the story's language, not the UI's
    assert page.one("og:image") == image_url
    assert page.one("og:image:alt") == "Delegates around a conference table"
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:image") == image_url
    assert page.one("article:published_time") == "2022-03-24T19:00:00+07:00"
    story = page.of_type("NewsArticle")
    assert page.one("article:modified_time") == story["dateModified"]
    assert page.one("article:section") == "International cooperation"
    assert sorted(page.meta["article:tag"]) == ["Philippines", "counter-terrorism"]


def test_a_corrected_article_says_when_it_changed_with_one_time_everywhere(
    client, corrected
):
    """The page's "Updated" and article:modified_time, the JSON-LD
    dateModified, the feed entry's <updated> and the sitemaps' lastmod all
    read Article.last_modified: here, the time of the last note."""
    article = Article.objects.get(pk=corrected.pk)
    changed = article.last_modified
    assert changed == article.corrections.last().created_at > article.published_at
    assert article.was_updated

    html = client.get(ARTICLE_URL).content.decode()
    shown = html.split("Updated")[1].split("</time>")[0]  # the English edition
    assert dt.datetime.fromisoformat(shown.split('datetime="')[1].split('"')[0]) == (
        changed
    )
    page = Head(html)
    modified = dt.datetime.fromisoformat(page.of_type("NewsArticle")["dateModified"])
    assert modified == changed.replace(microsecond=0)
    assert dt.datetime.fromisoformat(page.one("article:modified_time")) == modified

    atom = ET.fromstring(client.get("/en/feeds/atom/").content)
    [entry] = atom.findall(f"{ATOM}entry")
    assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == changed

    urlset = ET.fromstring(client.get("/sitemap-articles.xml").content)
    assert urlset.findtext(f"{SITEMAP}url/{SITEMAP}lastmod") == (
        timezone.localtime(changed).date().isoformat()
    )
    index = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        urlsplit(entry.findtext(f"{SITEMAP}loc")).path: entry.findtext(
            f"{SITEMAP}lastmod"
        )
        for entry in index
    }
    assert dt.datetime.fromisoformat(lastmods["/sitemap-articles.xml"]) == changed


def test_an_article_without_byline_or_picture_credits_the_newsroom(
    client, jwg4_article
):
    page = head(client, ARTICLE_URL)
    story = page.of_type("NewsArticle")
    [author] = story["author"]
    assert author["@type"] == "Organization"
    assert author["@id"] == story["publisher"]["@id"]
    assert "image" not in story
    assert "correction" not in story
    # No picture of its own: the site's (tests/newsroom/test_social_image.py).
    assert page.one("og:image") == ORIGIN + "/static/img/social.png"
    assert page.one("twitter:card") == "summary"


def test_a_long_title_is_cut_to_110_characters_in_the_headline(client, section):
    title = "BNPT and NICA " + "agree to share more intelligence " * 5
    article = ArticleFactory(section=section, title=title)
    story = head(client, article.get_absolute_url()).of_type("NewsArticle")
    assert len(story["headline"]) <= 110
    assert story["headline"].startswith("BNPT and NICA agree")
    assert len(title) > 110


def test_the_article_body_declares_its_own_language(client, jwg4_article, section):
    # An article's page is in its own edition: the page and the story agree.
    html = client.get(ARTICLE_URL).content.decode()
    assert Head(html).html_lang == "en"
    assert '<article class="story" lang="en">' in html
    indonesian = ArticleFactory(section=section, language="id")
    html = client.get(indonesian.get_absolute_url()).content.decode()
    assert Head(html).html_lang == "id"
    assert '<article class="story" lang="id">' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "</script><script>alert(1)</script>",
        "</SCRIPT ><!-- <script>",
        "Tom & Jerry <b>bold</b> \u2028 \"quoted\" 'single'",
    ],
)
def test_markup_in_a_title_cannot_break_out_of_the_json_ld(client, section, hostile):
    article = ArticleFactory(
        section=section,
        title=f"Talks {hostile}",
        dek=f"Summary {hostile}",
        byline=hostile,
        tags=[f"tag {hostile}"],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    page = Head(html)
    assert len(page.json_ld) == 2  # the article and its trail, both intact
    story = page.of_type("NewsArticle")
    assert story["headline"] == f"Talks {hostile}"
    assert story["description"] == f"Summary {hostile}"
    assert story["author"] == [{"@type": "Person", "name": hostile}]
    assert story["keywords"] == [f"tag {hostile}"]
    assert page.trail()[-1][0] == f"Talks {hostile}"
    # Meta tags hold one line of text: runs of white space become one space.
    assert page.one("og:title") == " ".join(f"Talks {hostile}".split())
    assert page.one("description") == " ".join(f"Summary {hostile}".split())


def test_a_preview_keeps_out_of_search_and_claims_no_public_address(
    editor_client, section
):
    draft = ArticleFactory(section=section, draft=True, title="Unfinished")
    page = head(editor_client, f"/preview/articles/{draft.pk}/")
    assert page.one("robots") == "noindex, nofollow"
    assert page.canonical == []
    assert "og:url" not in page.meta
    assert [data["@type"] for data in page.json_ld] == ["BreadcrumbList"]
    assert len(page.trail()) == 1


def test_a_comment_sent_back_for_errors_keeps_the_articles_own_address(client, section):
    article = ArticleFactory(section=section)
    response = client.post(f"/articles/{article.pk}/comments/", {"text": ""})
    assert response.status_code == 303  # to the form's address, which shows it
    page = Head(client.get(response["Location"]).content.decode())
    assert page.canonical == [ORIGIN + article.get_absolute_url()]
    assert page.of_type("NewsArticle")["url"] == ORIGIN + article.get_absolute_url()


# Lists


def test_a_later_page_of_a_list_keeps_its_page_number_and_nothing_else(
    client, section, settings
):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(5, section=section)
    base = f"{ORIGIN}/sections/international/"
    page = head(client, "/sections/international/?page=2&utm_source=newsletter")
    assert page.canonical == [f"{base}?page=2"]
    assert page.one("og:url") == f"{base}?page=2"
    assert head(client, "/sections/international/?page=1").canonical == [base]
    # Out of range: the page shown is the last one, and says so.
    assert head(client, "/sections/international/?page=99").canonical == [
        f"{base}?page=3"
    ]
    # The home page's page 2 leaves out what its front shows: more stories.
    ArticleFactory.create_batch(10, section=section)
    assert head(client, "/?page=2&ref=x").canonical == [f"{ORIGIN}/?page=2"]


def test_section_and_tag_pages_are_named_in_their_trails(client, jwg4_article):
    assert head(client, "/sections/international/").trail() == [
        (ui("Home"), ORIGIN + "/"),
        ("International cooperation", ORIGIN + "/sections/international/"),
    ]
    page = head(client, "/tags/philippines/")
    assert page.trail()[-1] == ("Philippines", ORIGIN + "/tags/philippines/")
    assert page.one("og:title") == "Philippines"


# Meetings


def manila_meeting(meeting_format, **kwargs):
    return MeetingFactory(
        title="Bilateral talks in Manila",
        format=meeting_format,
        timezone="Asia/Manila",
        start=dt.datetime(2023, 5, 10, 9, 0, tzinfo=MANILA),
        end=dt.datetime(2023, 5, 10, 16, 30, tzinfo=MANILA),
        venue="Sofitel Philippine Plaza",
        city="Pasay",
        country="PH",
        **kwargs,
    )


@pytest.mark.parametrize(
    "meeting_format, mode, location_types",
    [
        (
            Meeting.Format.HYBRID,
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
        (Meeting.Format.VIRTUAL, "OnlineEventAttendanceMode", ["VirtualLocation"]),
        (Meeting.Format.IN_PERSON, "OfflineEventAttendanceMode", ["Place"]),
    ],
)
def test_a_meeting_is_an_event_in_its_own_time_zone(
    client, agencies, meeting_format, mode, location_types
):
    meeting = manila_meeting(meeting_format, host=agencies["NICA"])
    event = head(client, meeting.get_absolute_url()).of_type("Event")
    assert event["name"] == "Bilateral talks in Manila"
    assert event["url"] == ORIGIN + meeting.get_absolute_url()
    assert event["eventAttendanceMode"] == SCHEMA + mode
    assert event["startDate"] == "2023-05-10T09:00:00+08:00"
    assert event["endDate"] == "2023-05-10T16:30:00+08:00"
    locations = event["location"]
    locations = locations if isinstance(locations, list) else [locations]
    assert [location["@type"] for location in locations] == location_types
    for place in locations:
        if place["@type"] == "Place":
            assert place["name"] == "Sofitel Philippine Plaza"
            assert place["address"]["addressLocality"] == "Pasay"
            assert place["address"]["addressCountry"] == "PH"


def test_a_meeting_is_organised_by_its_host_and_attended_by_the_delegations(
    client, jwg4, agencies
):
    page = head(client, jwg4.get_absolute_url())
    event = page.of_type("Event")
    bnpt = agencies["BNPT"]
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"] == bnpt.name
    assert event["organizer"]["url"] == ORIGIN + bnpt.get_absolute_url()
    assert sorted(org["alternateName"] for org in event["attendee"]) == sorted(agencies)
    assert all(org["@type"] == "Organization" for org in event["attendee"])
    assert event["startDate"] == "2022-03-24T09:00:00+07:00"  # Asia/Jakarta
    assert event["superEvent"]["@type"] == "EventSeries"
    assert page.trail() == [
        (ui("Home"), ORIGIN + "/"),
        (ui("Meetings"), ORIGIN + "/meetings/"),
        (jwg4.title, ORIGIN + jwg4.get_absolute_url()),
    ]


def test_a_meeting_without_an_end_a_host_or_delegations_leaves_them_out(client, db):
    meeting = MeetingFactory(end=None, host=None, country="", city="", venue="")
    event = head(client, meeting.get_absolute_url()).of_type("Event")
    assert "endDate" not in event
    assert "organizer" not in event
    assert "location" not in event
    assert "attendee" not in event  # an empty list said nothing


def test_a_delegation_from_another_country_still_attends_as_its_agency(client, db):
    meeting = manila_meeting(Meeting.Format.IN_PERSON)
    embassy = AgencyFactory(acronym="KBRI", country="ID")
    MeetingParticipantFactory(meeting=meeting, agency=embassy, country="PH")
    event = head(client, meeting.get_absolute_url()).of_type("Event")
    assert [org["url"] for org in event["attendee"]] == [
        ORIGIN + embassy.get_absolute_url()
    ]


# Agencies and people


def test_an_agency_page_is_an_organization_with_its_names_and_family(
    client, agencies, media_root
):
    ppatk = agencies["PPATK"]
    ppatk.logo = library_image("ppatk.png", size=(400, 400), alt_text="Logo PPATK")
    ppatk.website = "https://www.ppatk.go.id/"
    ppatk.description = "Indonesia's financial intelligence unit."
    ppatk.save()
    unit = AgencyFactory(acronym="PPATK-DKI", parent=ppatk)
    AgencyAliasFactory(agency=ppatk, name="Indonesian FIU")
    page = head(client, "/agencies/ppatk/")
    org = page.of_type("Organization")
    assert org["name"] == ppatk.name
    assert org["url"] == ORIGIN + "/agencies/ppatk/"
    assert org["@id"] == ORIGIN + "/agencies/ppatk/#organization"
    assert org["alternateName"] == [
        "PPATK",
        "Indonesian Financial Transaction Reports and Analysis Centre",
        # The aliases in alphabetical order whatever the case (in_order).
        "Indonesian FIU",
        "INTRAC",
    ]
    assert org["description"] == "Indonesia's financial intelligence unit."
    assert org["address"]["addressCountry"] == "ID"
    assert org["sameAs"] == ["https://www.ppatk.go.id/"]
    # A logo is shared as its square rendition, never the original.
    square = ppatk.logo.renditions.get(spec="square", format="jpeg")
    assert org["logo"] == ORIGIN + square.url
    assert [child["url"] for child in org["subOrganization"]] == [
        ORIGIN + unit.get_absolute_url()
    ]
    assert page.one("og:image") == ORIGIN + square.url
    assert page.one("og:image:width") == page.one("og:image:height") == "320"
    assert page.one("og:image:alt") == "Logo PPATK"
    assert page.one("twitter:card") == "summary"  # a logo, not a photograph
    unit_page = head(client, unit.get_absolute_url())
    assert unit_page.of_type("Organization")["parentOrganization"]["name"] == ppatk.name


def test_an_agency_is_the_same_node_wherever_it_appears(client, jwg4_article, jwg4):
    # In both editions: the node is named after the root edition's page.
    meeting = "/meetings/4th-jwg-philippines-indonesia/"
    article = head(client, ARTICLE_URL).of_type("NewsArticle")
    event = head(client, meeting).of_type("Event")
    english_event = head(client, "/en" + meeting).of_type("Event")
    agency = head(client, "/agencies/bnpt/").of_type("Organization")
    english_agency = head(client, "/en/agencies/bnpt/").of_type("Organization")
    bnpt_id = ORIGIN + "/agencies/bnpt/#organization"
    assert agency["@id"] == english_agency["@id"] == bnpt_id
    assert event["organizer"]["@id"] == english_event["organizer"]["@id"] == bnpt_id
    assert bnpt_id in {org["@id"] for org in article["about"]}
    assert english_agency["url"] == ORIGIN + "/en/agencies/bnpt/"


def test_a_person_page_is_a_person_working_for_their_agency(client, officials):
    page = head(client, "/people/boy-rafli-amar/")
    person = page.of_type("Person")
    assert person["name"] == "Boy Rafli Amar"
    assert person["jobTitle"] == "Head of BNPT"
    assert person["worksFor"]["url"] == ORIGIN + "/agencies/bnpt/"
    assert [name for name, _address in page.trail()] == [
        ui("Home"),
        ui("Agencies"),
        "Badan Nasional Penanggulangan Terorisme (BNPT)",
        "Boy Rafli Amar",
    ]


def test_a_person_without_an_agency_hangs_from_the_home_page(client, officials):
    page = head(client, "/people/damian-l-carlos/")
    assert "worksFor" not in page.of_type("Person")
    assert [name for name, _address in page.trail()] == [ui("Home"), "Damian L. Carlos"]


def test_lists_of_agencies_and_meetings_have_their_own_trails(client, db):
    assert head(client, "/agencies/").trail()[1:] == [
        (ui("Agencies"), ORIGIN + "/agencies/")
    ]
    assert head(client, "/meetings/").trail()[1:] == [
        (ui("Meetings"), ORIGIN + "/meetings/")
    ]


def test_the_search_title_and_description_replace_the_headline_and_summary(
    client, jwg4_article
):
    jwg4_article.seo_title = "BNPT and NICA meet: the 4th JWG"
    jwg4_article.seo_description = "What the two delegations agreed in Jakarta."
    jwg4_article.save()

    page = client.get(jwg4_article.get_absolute_url()).content.decode()

    assert "<title>BNPT and NICA meet: the 4th JWG · " in page
    assert 'name="description" content="What the two delegations agreed' in page
    assert 'property="og:title" content="BNPT and NICA meet: the 4th JWG"' in page
    assert "<h1" in page and jwg4_article.title in page  # the page keeps its own
