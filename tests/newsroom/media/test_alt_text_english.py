"""English alt text on the desk: the media library finds the pictures whose
English alt text is missing (English pages then read the Indonesian one),
above all those an English story shows, and its list says so."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom.media.models import Image
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

LIST = "admin:media_image_changelist"
ENGLISH = Article.Language.ENGLISH
# A row's title, linked to the image's page.
TITLE_LINK = re.compile(r'<a href="/admin/media/image/\d+/change/[^"]*">([^<]+)</a>')


def listed(client, choice: str) -> set[str]:
    """The titles of the library's list under an alt text choice."""
    page = client.get(reverse(LIST), {"alt": choice}).content.decode()
    return set(TITLE_LINK.findall(page))


@pytest.fixture
def library(upload_image):
    """Pictures and the stories that use them, by title."""

    def image(title, **kwargs):
        return upload_image(files.jpeg(f"{title}.jpg"), title=title, **kwargs)

    lead = image("lead-en")
    in_body = image("body-en")
    own_alt = image("body-en-own-alt")
    translated = image("lead-id-translated")
    original_body = image("body-id-translated")
    indonesian = image("lead-id-only")
    withdrawn = image("lead-en-unpublished")
    image("unused")
    ornament = image("ornament", alt_text="", decorative=True)
    both = image("both", alt_text_en="Two coloured halves")
    undescribed = image("undescribed")
    Image.objects.filter(pk=undescribed.pk).update(alt_text="")  # as migrated

    ArticleFactory(language=ENGLISH, featured_image=lead)
    ArticleFactory(
        language=ENGLISH,
        draft=True,
        body=(
            f"Opening.\n\n![ ]( image:0{in_body.pk} )\n\n"
            f"![Officials at the table](image:{own_alt.pk})\n\n"
            # Another image's number: not image `indonesian` in English.
            f"![](image:{indonesian.pk}0)"
        ),
    )
    # The translation features the same picture, as the desk sets it; the
    # original's body picture is on the Indonesian page only (a tester's
    # finding: it had been listed).
    story = ArticleFactory(
        featured_image=translated, body=f"![](image:{original_body.pk})"
    )
    ArticleFactory(
        language=ENGLISH, draft=True, translation_of=story, featured_image=translated
    )
    ArticleFactory(featured_image=indonesian, body=f"![](image:{indonesian.pk})")
    ArticleFactory(
        language=ENGLISH, status=Article.Status.UNPUBLISHED, featured_image=withdrawn
    )
    for picture in (ornament, both, undescribed):
        ArticleFactory(language=ENGLISH, featured_image=picture)


def test_the_library_lists_pictures_missing_english_alt_text(reporter_client, library):
    assert listed(reporter_client, "missing_en") == {
        "lead-en",
        "body-en",
        "body-en-own-alt",
        "lead-id-translated",
        "body-id-translated",
        "lead-id-only",
        "lead-en-unpublished",
        "unused",
        "undescribed",
    }
    # The Indonesian choice as it was.
    assert listed(reporter_client, "missing") == {"undescribed"}


def test_the_library_lists_pictures_english_stories_show_without_english_alt_text(
    reporter_client, library
):
    assert listed(reporter_client, "missing_en_used") == {
        "lead-en",
        "body-en",
        "lead-id-translated",
        "undescribed",
    }


def test_the_list_says_when_only_the_english_alt_text_is_missing(
    reporter_client, upload_image, english
):
    upload_image(files.jpeg("a.jpg"), title="Indonesian only")
    upload_image(files.jpeg("b.jpg"), title="Both", alt_text_en="Two halves")
    upload_image(files.jpeg("c.jpg"), title="Ornament", alt_text="", decorative=True)

    page = reporter_client.get(reverse(LIST)).content.decode()

    rows = {
        title: row for row in page.split("<tr") for title in TITLE_LINK.findall(row)
    }
    assert "(English missing)" in rows["Indonesian only"]
    assert "(English missing)" not in rows["Both"]
    assert "(English missing)" not in rows["Ornament"]


def test_pictures_on_english_stories_are_listed_in_the_same_queries_however_many(
    reporter_client, upload_image
):
    def add_used(n):
        picture = upload_image(files.jpeg(f"p{n}.jpg"), title=f"p{n}")
        ArticleFactory(language=ENGLISH, featured_image=picture)

    upload_image(files.jpeg("idle.jpg"), title="idle")
    add_used(0)
    with CaptureQueriesContext(connection) as one:
        assert listed(reporter_client, "missing_en_used") == {"p0"}
    for n in range(1, 5):
        add_used(n)
    with CaptureQueriesContext(connection) as five:
        assert len(listed(reporter_client, "missing_en_used")) == 5
    assert len(five) == len(one)
