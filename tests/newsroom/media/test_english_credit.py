"""A picture's credit speaks the page's edition, as its caption and alt text
do: "Photo: BNPT Public Relations" on the English story, "Foto: Humas BNPT"
on the Indonesian one; the Indonesian credit on both until the desk writes
the English one."""

import re
from html import unescape

import pytest
from django.urls import reverse

from newsroom.media.models import Image
from newsroom.media.services import image_update
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

INDONESIAN_CREDIT = "Foto: Humas BNPT"
ENGLISH_CREDIT = "Photo: BNPT Public Relations"


@pytest.fixture
def photo(upload_image):
    image = upload_image(
        files.jpeg("jwg4.jpg", size=(1600, 1067)),
        alt_text="Delegasi Indonesia dan Filipina di meja perundingan",
        caption="Sesi pembukaan JWG ke-4 di Jakarta.",
        credit=INDONESIAN_CREDIT,
        credit_en=ENGLISH_CREDIT,
    )
    return Image.objects.with_renditions().get(pk=image.pk)


@pytest.fixture
def stories(photo):
    """The story and its English translation, each with the photo as its
    featured image and again alone in a paragraph of its body."""
    original = ArticleFactory(
        title="BNPT dan NICA menggelar JWG ke-4",
        featured_image=photo,
        body=f"Pertemuan dibuka di Jakarta.\n\n![](image:{photo.pk})\n\nSelesai.",
    )
    english = ArticleFactory(
        title="BNPT and NICA hold the 4th JWG",
        language="en",
        translation_of=original,
        featured_image=photo,
        body=f"The meeting opened in Jakarta.\n\n![](image:{photo.pk})\n\nThe end.",
    )
    return original, english


def figure_credits(page: str) -> dict[str, str]:
    """The credit under the lead picture and under the body's picture."""
    found = {}
    for kind in ("story__figure", "body-image"):
        figure = re.search(rf'<figure class="{kind}[^"]*">.*?</figure>', page, re.S)
        assert figure, f"no {kind} figure in the page"
        credit = re.search(r'<span class="credit"[^>]*>(.*?)</span>', figure.group(0))
        found[kind] = unescape(credit.group(1)) if credit else ""
    return found


def shown(page: str) -> str:
    """The page without its scripts (structured data): what a reader sees."""
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.S)


def both_credits(text: str) -> dict[str, str]:
    return {"story__figure": text, "body-image": text}


def test_each_edition_shows_the_credit_in_its_own_language(client, stories):
    original, english = stories
    indonesian_page = client.get(original.get_absolute_url()).content.decode()
    english_page = client.get(english.get_absolute_url()).content.decode()

    assert figure_credits(english_page) == both_credits(ENGLISH_CREDIT)
    assert figure_credits(indonesian_page) == both_credits(INDONESIAN_CREDIT)
    assert INDONESIAN_CREDIT not in shown(english_page)
    assert ENGLISH_CREDIT not in shown(indonesian_page)


def structured_credits(page: str) -> list[str]:
    """The creditText of every picture in the page's JSON-LD."""
    return [
        unescape(credit) for credit in re.findall(r'"creditText":\s*"([^"]*)"', page)
    ]


def test_the_structured_data_credits_the_picture_in_the_pages_language(client, stories):
    original, english = stories
    indonesian_page = client.get(original.get_absolute_url()).content.decode()
    english_page = client.get(english.get_absolute_url()).content.decode()
    assert structured_credits(english_page) == [ENGLISH_CREDIT]
    assert structured_credits(indonesian_page) == [INDONESIAN_CREDIT]


def test_until_the_desk_writes_the_english_credit_the_english_page_shows_the_indonesian(
    client, stories, photo, desk_editor
):
    original, english = stories
    image_update(image=photo, user=desk_editor, credit_en="")

    english_page = client.get(english.get_absolute_url()).content.decode()

    assert figure_credits(english_page) == both_credits(INDONESIAN_CREDIT)


def change_form_data(photo, **changes) -> dict:
    return {
        "title": photo.title,
        "alt_text": photo.alt_text,
        "alt_text_en": "",
        "caption": photo.caption,
        "caption_en": "",
        "credit": photo.credit,
        "credit_en": photo.credit_en,
        "source": "",
        "focal_x": "",
        "focal_y": "",
        **changes,
    }


def test_the_english_credit_is_written_beside_the_credit_in_the_media_librarys_form(
    client, librarian, photo
):
    image_update(image=photo, user=librarian, credit_en="")
    client.force_login(librarian)
    url = reverse("admin:media_image_change", args=[photo.pk])
    form = client.get(url).content.decode()
    # One row of the form holds both credits, as the agencies' names do.
    row = re.search(r'<div class="form-row[^"]*field-credit field-credit_en', form)
    assert row, "the two credits are not on one row"

    response = client.post(url, change_form_data(photo, credit_en=ENGLISH_CREDIT))

    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert (photo.credit, photo.credit_en) == (INDONESIAN_CREDIT, ENGLISH_CREDIT)
    assert Image.objects.search("Public Relations").get() == photo


def test_an_image_added_in_the_media_librarys_form_keeps_its_english_credit(
    client, librarian, media_root
):
    client.force_login(librarian)
    response = client.post(
        reverse("admin:media_image_add"),
        {
            "upload": files.jpeg("jwg4.jpg", size=(1600, 1067)),
            "pending_upload": "",
            "title": "",
            "alt_text": "Delegasi Indonesia dan Filipina di meja perundingan",
            "alt_text_en": "",
            "caption": "",
            "caption_en": "",
            "credit": INDONESIAN_CREDIT,
            "credit_en": ENGLISH_CREDIT,
            "source": "",
            "focal_x": "",
            "focal_y": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.credit, image.credit_en) == (INDONESIAN_CREDIT, ENGLISH_CREDIT)
