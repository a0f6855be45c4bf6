"""Pictures on the public pages: featured images, logos and portraits come
from the library's stored renditions, with srcset, sizes and dimensions;
only the lead picture loads eagerly; the original upload is never linked;
no request makes a rendition; lists cost the same queries however long."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.media.models import Rendition
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.factories import ArticleFactory
from tests.images import FULL_SIZE, library_image

pytestmark = pytest.mark.django_db

LEAD_SIZES = "(min-width: 74rem) 41rem, (min-width: 50rem) 58vw, calc(100vw - 2rem)"
STORY_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"


class Pictures(HTMLParser):
    """The <picture> elements of a page: each its <source> and <img> attributes,
    and the <figure> classes and <figcaption> texts around them."""

    def __init__(self, html: str):
        super().__init__()
        self.pictures: list[dict] = []
        self.captions: list[str] = []
        self._caption: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.pictures.append({})
        elif (
            tag in ("source", "img") and self.pictures and tag not in self.pictures[-1]
        ):
            self.pictures[-1][tag] = attrs
        elif tag == "figcaption":
            self._caption = []

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._caption is not None:
            self.captions.append(" ".join("".join(self._caption).split()))
            self._caption = None

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)

    def by_class(self, css_class: str) -> list[dict]:
        return [p for p in self.pictures if p["img"].get("class") == css_class]


def widths(srcset: str) -> dict[int, str]:
    return {
        int(width.removesuffix("w")): url
        for url, width in (item.rsplit(" ", 1) for item in srcset.split(", "))
    }


def stored(image, fmt: str) -> dict[int, str]:
    """The image's width renditions in one format, as srcset would list them."""
    return {
        r.width: r.url
        for r in image.renditions.filter(format=fmt, spec__startswith="w")
    }


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lead(jwg4_article, media_root):
    """The sample story as the lead, with a photo with every width
    rendition (FULL_SIZE), caption and credit, and two more stories of its
    section with pictures; all three in the Indonesian edition, whose pages
    these tests read."""
    jwg4_article.featured_image = library_image(
        "jwg4.jpg",
        size=FULL_SIZE,
        alt_text="Delegates around a conference table",
        caption="The opening session in Jakarta.",
        credit="BNPT",
    )
    jwg4_article.is_featured = True
    jwg4_article.language = "id"
    jwg4_article.save()
    for n in range(2):
        ArticleFactory(
            section=jwg4_article.section,
            slug=f"more-{n}",
            featured_image=library_image(f"more-{n}.jpg", size=(800, 600)),
        )
    return jwg4_article


def assert_picture_matches(picture: dict, image, sizes: str) -> None:
    """srcset lists exactly the stored renditions; sizes as the layout says;
    width and height of the <img>'s own rendition."""
    source, img = picture["source"], picture["img"]
    assert source["type"] == "image/webp"
    assert widths(source["srcset"]) == stored(image, "webp")
    assert widths(img["srcset"]) == stored(image, "jpeg")
    assert source["sizes"] == img["sizes"] == sizes
    chosen = image.renditions.get(file=img["src"].removeprefix("/media/"))
    assert (int(img["width"]), int(img["height"])) == (chosen.width, chosen.height)


def test_the_home_page_lead_picture_loads_first_and_the_cards_lazily(client, lead):
    pictures = Pictures(page(client, "/"))
    [lead_picture] = pictures.by_class("lead-story__image")
    assert_picture_matches(lead_picture, lead.featured_image, LEAD_SIZES)
    assert set(widths(lead_picture["img"]["srcset"])) == {320, 640, 1024, 1600}
    assert lead_picture["img"]["alt"] == "Delegates around a conference table"
    assert "loading" not in lead_picture["img"]
    assert lead_picture["img"]["fetchpriority"] == "high"
    cards = pictures.by_class("card__image")
    assert len(cards) == 2
    for card in cards:
        assert card["img"]["loading"] == "lazy"
        assert card["img"]["sizes"] == "6.5rem"
        assert card["img"]["alt"] == ""  # the card's title says it
        assert card["img"]["width"] and card["img"]["height"]


def test_the_article_page_shows_its_picture_with_caption_and_credit(client, lead):
    html = page(client, lead.get_absolute_url())
    pictures = Pictures(html)
    [story] = pictures.pictures  # "More in" the section is a list of links
    assert_picture_matches(story, lead.featured_image, STORY_SIZES)
    assert "loading" not in story["img"]
    assert story["img"]["alt"] == "Delegates around a conference table"
    assert pictures.captions == ["The opening session in Jakarta. BNPT"]
    assert '<span class="credit">BNPT</span>' in html


def test_every_picture_has_its_dimensions(client, lead):
    for url in ["/", lead.get_absolute_url(), "/sections/international/"]:
        for picture in Pictures(page(client, url)).pictures:
            assert int(picture["img"]["width"]) > 0
            assert int(picture["img"]["height"]) > 0


@pytest.fixture
def profiles(agencies, officials, media_root):
    bnpt = agencies["BNPT"]
    bnpt.logo = library_image("bnpt.png", size=(400, 400), alt_text="Logo BNPT")
    bnpt.save()
    amar = officials["Amar"]
    amar.portrait = library_image(
        "amar.jpg", size=(600, 750), alt_text="Boy Rafli Amar at a lectern"
    )
    amar.save()
    return bnpt, amar


def test_agency_logos_and_portraits_come_from_renditions(client, profiles):
    bnpt, amar = profiles
    [logo] = Pictures(page(client, bnpt.get_absolute_url())).by_class(
        "profile-header__logo"
    )
    assert_picture_matches(logo, bnpt.logo, "5rem")
    assert logo["img"]["alt"] == "Logo BNPT"
    [listed] = Pictures(page(client, "/agencies/")).by_class("agency-card__logo")
    assert_picture_matches(listed, bnpt.logo, "3rem")
    assert listed["img"]["loading"] == "lazy"
    [portrait] = Pictures(page(client, amar.get_absolute_url())).by_class(
        "profile-header__portrait"
    )
    assert_picture_matches(portrait, amar.portrait, "7rem")
    assert portrait["img"]["alt"] == "Boy Rafli Amar at a lectern"


def public_urls(lead, profiles) -> list[str]:
    bnpt, amar = profiles
    return [
        "/",
        lead.get_absolute_url(),
        "/sections/international/",
        "/agencies/",
        bnpt.get_absolute_url(),
        amar.get_absolute_url(),
        "/search/?q=terrorism",
        "/feeds/rss/",
        "/feeds/atom/",
    ]


def test_no_public_page_links_an_original_upload(client, lead, profiles):
    for url in public_urls(lead, profiles):
        html = page(client, url)
        assert "images/originals/" not in html, url
    assert "images/renditions/" in page(client, "/")


def test_pages_make_no_rendition_the_second_time_or_the_first(
    client, lead, profiles, media_root
):
    def files():
        return sorted(p for p in media_root.rglob("*") if p.is_file())

    rows, stored_files = Rendition.objects.count(), files()
    for _ in range(2):
        for url in public_urls(lead, profiles):
            page(client, url)
    assert Rendition.objects.count() == rows
    assert files() == stored_files


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return len(captured)


@pytest.mark.parametrize("url", ["/", "/sections/international/"])
def test_a_list_with_pictures_costs_the_same_queries_for_12_or_21_articles(
    client, lead, url, django_assert_num_queries, navigation_read
):
    # From 6 stories on, an edition's list asks nothing of the other edition
    # (tests/articles/test_editions.py counts that one query).
    def add_stories(first: int) -> None:
        for n in range(first, first + 9):
            ArticleFactory(
                section=lead.section,
                slug=f"extra-{n}",
                featured_image=library_image(f"extra-{n}.jpg", size=(64, 48)),
            )

    add_stories(0)
    some = queries(client, url)
    add_stories(9)
    with django_assert_num_queries(some):
        html = page(client, url)
    assert len(Pictures(html).pictures) >= 12


def test_the_agency_list_costs_the_same_queries_with_more_logos(
    client, profiles, django_assert_num_queries, navigation_read
):
    few = queries(client, "/agencies/")
    for n in range(5):
        AgencyFactory(
            acronym=f"AG{n}",
            logo=library_image(f"ag{n}.png", size=(64, 64), alt_text=f"Logo {n}"),
        )
    with django_assert_num_queries(few):
        html = page(client, "/agencies/")
    assert len(Pictures(html).by_class("agency-card__logo")) == 6


def test_a_person_page_without_a_portrait_shows_no_picture(client, agencies):
    person = PersonFactory(agency=agencies["BNPT"])
    assert Pictures(page(client, person.get_absolute_url())).pictures == []
