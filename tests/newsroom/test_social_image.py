"""The site's own social image: every page without a picture of its own
shares it (og:image and twitter:image, absolute, with its size and alt), so
that no share shows a blank card; a story's own picture still wins."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from PIL import Image

from newsroom.seo import SOCIAL_IMAGE_PATH, SOCIAL_IMAGE_SIZE
from tests.images import library_image
from tests.newsroom.test_metadata import ARTICLE_URL, ORIGIN, Head, head

pytestmark = pytest.mark.django_db

SOCIAL_IMAGE = f"{ORIGIN}/static/{SOCIAL_IMAGE_PATH}"
WITHOUT_PICTURES = [
    "/",
    "/en/",
    "/en/sections/international/",
    "/en/tags/counter-terrorism/",
    "/en/meetings/4th-jwg-philippines-indonesia/",
    "/en/meetings/",
    "/en/agencies/bnpt/",  # no logo
    "/en/people/{amar}/",  # no portrait
    ARTICLE_URL,  # the JWG story has no picture
]


@pytest.mark.parametrize("url", WITHOUT_PICTURES)
def test_a_page_without_a_picture_shares_the_sites_image_with_its_size(
    client, jwg4_article, officials, url
):
    """Shared, these pages showed a blank card: they had no og:image."""
    page = head(client, url.format(amar=officials["Amar"].slug))

    assert page.one("og:image") == page.one("twitter:image") == SOCIAL_IMAGE
    assert page.one("og:image:width") == "1200"
    assert page.one("og:image:height") == "630"
    assert page.one("og:image:alt") == page.one("twitter:image:alt")
    assert page.one("og:image:alt").startswith("Newsroom: ")


def test_the_size_the_pages_give_is_the_images_own():
    with Image.open(finders.find(SOCIAL_IMAGE_PATH)) as image:
        assert image.format == "PNG"
        assert image.size == SOCIAL_IMAGE_SIZE == (1200, 630)


def test_the_images_address_is_the_one_the_reader_asked(client, jwg4_article):
    """Absolute from the request, as a story's own picture: the page cache
    keeps one copy per address."""
    page = Head(client.get("/", HTTP_HOST="localhost", secure=True).content.decode())

    assert page.one("og:image") == f"https://localhost/static/{SOCIAL_IMAGE_PATH}"


def test_a_story_with_a_picture_keeps_its_own(client, jwg4_article, media_root):
    jwg4_article.featured_image = library_image(alt_text="Delegates at the table")
    jwg4_article.save()
    card = jwg4_article.featured_image.renditions.get(spec="card", format="jpeg")

    page = head(client, ARTICLE_URL)

    assert page.one("og:image") == page.one("twitter:image") == ORIGIN + card.url
    assert page.one("og:image:width") == str(card.width)
    assert page.one("og:image:height") == str(card.height)
    assert page.one("og:image:alt") == "Delegates at the table"


def test_the_command_draws_the_image_in_the_sites_colours(tmp_path, settings):
    settings.NEWSROOM_NAME = "Warta Rapat"
    output = tmp_path / "social.png"

    call_command("make_social_image", output=output, stdout=io.StringIO())

    with Image.open(output) as image:
        assert image.format == "PNG"
        assert image.size == SOCIAL_IMAGE_SIZE
        colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 20)}
    assert (0xA4, 0x16, 0x1A) in colours  # the accent: logo and band
    assert (0xF5, 0xF3, 0xEF) in colours  # the paper
