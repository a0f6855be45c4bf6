"""A picture shared by a story and its English translation speaks each
edition's language: its caption and alt text in English on the English
pages when the desk wrote them, the Indonesian ones until then."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from newsroom.media import rendering
from newsroom.media.models import Image
from newsroom.media.services import image_update
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

INDONESIAN_ALT = "Delegasi Indonesia dan Filipina di meja perundingan"
INDONESIAN_CAPTION = "Sesi pembukaan JWG ke-4 di Jakarta."
ENGLISH_ALT = "The Indonesian and Philippine delegations at the negotiating table"
ENGLISH_CAPTION = "The opening session of the 4th JWG in Jakarta."


@pytest.fixture
def photo(upload_image):
    image = upload_image(
        files.jpeg("jwg4.jpg", size=(1600, 1067)),
        alt_text=INDONESIAN_ALT,
        caption=INDONESIAN_CAPTION,
        credit="Humas BNPT",
    )
    return Image.objects.with_renditions().get(pk=image.pk)


@pytest.fixture
def stories(photo):
    original = ArticleFactory(
        title="BNPT dan NICA menggelar JWG ke-4", featured_image=photo
    )
    english = ArticleFactory(
        title="BNPT and NICA hold the 4th JWG",
        language="en",
        translation_of=original,
        featured_image=photo,
    )
    return original, english


def picture_texts(page: str) -> tuple[str, str]:
    """The lead picture's alt text and its caption (credit left out)."""
    figure = re.search(r'<figure class="story__figure">.*?</figure>', page, re.S)
    alt = re.search(r'<img [^>]*alt="([^"]*)"', figure.group(0)).group(1)
    caption = re.search(
        r'<figcaption>\s*(?:<span lang="[a-z]+">)?(.*?)(?:</span>)?\s*<span class',
        figure.group(0),
        re.S,
    )
    return alt, caption.group(1)


def json_ld_captions(page: str) -> set[str]:
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S
    )
    for block in blocks:
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            if node.get("@type") == "NewsArticle":
                return {image["caption"] for image in node["image"]}
    raise AssertionError("no NewsArticle in the page")


def test_until_the_desk_writes_english_both_editions_show_the_indonesian_texts(
    client, stories
):
    original, english = stories
    for story in stories:
        page = client.get(story.get_absolute_url()).content.decode()
        assert picture_texts(page) == (INDONESIAN_ALT, INDONESIAN_CAPTION)


def test_an_indonesian_text_on_the_english_page_is_marked_as_indonesian(
    client, stories, photo, desk_editor
):
    """Shown for want of an English one, a caption, alt text or credit is
    read as Indonesian (lang="id"), not as English words."""
    original, english = stories
    page = client.get(english.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="story__figure">.*?</figure>', page, re.S)
    assert f'<span lang="id">{INDONESIAN_CAPTION}</span>' in figure.group(0)
    assert re.search(r'<img [^>]*lang="id"', figure.group(0))
    assert 'class="credit" lang="id"' in figure.group(0)
    page = client.get(original.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="story__figure">.*?</figure>', page, re.S)
    assert "lang=" not in figure.group(0)  # the page's own language

    image_update(
        image=photo,
        user=desk_editor,
        alt_text_en=ENGLISH_ALT,
        caption_en=ENGLISH_CAPTION,
        credit_en="Photo: Newsroom",
    )
    page = client.get(english.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="story__figure">.*?</figure>', page, re.S)
    assert 'lang="id"' not in figure.group(0)


def test_each_edition_shows_the_picture_in_its_own_language(
    client, stories, photo, desk_editor
):
    original, english = stories
    image_update(
        image=photo,
        user=desk_editor,
        alt_text_en=ENGLISH_ALT,
        caption_en=ENGLISH_CAPTION,
    )

    indonesian_page = client.get(original.get_absolute_url()).content.decode()
    english_page = client.get(english.get_absolute_url()).content.decode()

    assert picture_texts(indonesian_page) == (INDONESIAN_ALT, INDONESIAN_CAPTION)
    assert picture_texts(english_page) == (ENGLISH_ALT, ENGLISH_CAPTION)
    assert json_ld_captions(indonesian_page) == {INDONESIAN_CAPTION}
    assert json_ld_captions(english_page) == {ENGLISH_CAPTION}


def test_a_body_picture_and_a_decorative_one_follow_the_edition(photo, librarian):
    image_update(
        image=photo, user=librarian, alt_text_en=ENGLISH_ALT, caption_en=ENGLISH_CAPTION
    )
    with translation.override("en"):
        figure = rendering.figure_html(photo)
    assert f'alt="{ENGLISH_ALT}"' in figure
    assert f"<figcaption>{ENGLISH_CAPTION} " in figure
    with translation.override("id"):
        figure = rendering.figure_html(photo)
    assert f'alt="{INDONESIAN_ALT}"' in figure
    assert f"<figcaption>{INDONESIAN_CAPTION} " in figure

    image_update(image=photo, user=librarian, decorative=True)
    with translation.override("en"):
        assert 'alt=""' in rendering.picture_html(photo)


def test_a_body_picture_marks_the_indonesian_it_shows_on_an_english_page(photo):
    with translation.override("en"):
        figure = rendering.figure_html(photo)
    assert f'<figcaption><span lang="id">{INDONESIAN_CAPTION}</span> ' in figure
    assert re.search(r'<img [^>]*alt="[^"]+" lang="id"', figure)
    assert '<span class="credit" lang="id">' in figure
    with translation.override("id"):
        assert "lang=" not in rendering.figure_html(photo)


def test_the_english_texts_are_written_in_the_media_librarys_form(
    client, librarian, photo
):
    client.force_login(librarian)
    url = reverse("admin:media_image_change", args=[photo.pk])
    form = client.get(url).content.decode()
    assert 'name="alt_text_en"' in form and 'name="caption_en"' in form

    response = client.post(
        url,
        {
            "title": photo.title,
            "alt_text": INDONESIAN_ALT,
            "alt_text_en": ENGLISH_ALT,
            "caption": INDONESIAN_CAPTION,
            "caption_en": ENGLISH_CAPTION,
            "credit": photo.credit,
            "source": "",
            "focal_x": "",
            "focal_y": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert (photo.alt_text_en, photo.caption_en) == (ENGLISH_ALT, ENGLISH_CAPTION)
    assert Image.objects.search("negotiating").get() == photo


@pytest.mark.usefixtures("page_cache_on")
def test_a_stored_english_page_shows_the_english_caption_on_the_next_request(
    client, stories, photo, desk_editor, django_capture_on_commit_callbacks
):
    original, english = stories
    url = english.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=photo, user=desk_editor, caption_en=ENGLISH_CAPTION)

    response = client.get(url)
    assert response["X-Page-Cache"] != "hit"
    assert picture_texts(response.content.decode())[1] == ENGLISH_CAPTION


@pytest.fixture
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def test_an_english_alt_text_that_is_the_file_name_is_refused(photo, librarian):
    with pytest.raises(ValidationError) as refused:
        image_update(image=photo, user=librarian, alt_text_en="JWG4.jpg")
    assert "alt_text_en" in refused.value.message_dict
    photo.refresh_from_db()
    assert photo.alt_text_en == ""


def test_an_english_alt_text_refused_in_the_add_form_keeps_the_file_for_the_next_try(
    client, reporter, media_root, english
):
    """A reporter uploads a phone photo with the file name as its English alt
    text: the form says which field is wrong and keeps the file; saving again
    with a real description needs no new upload."""
    client.force_login(reporter)
    add = reverse("admin:media_image_add")
    fields = {
        "title": "",
        "alt_text": INDONESIAN_ALT,
        "alt_text_en": "IMG_0042",
        "caption": INDONESIAN_CAPTION,
        "caption_en": ENGLISH_CAPTION,
        "credit": "",
        "source": "",
        "focal_x": "",
        "focal_y": "",
        "pending_upload": "",
    }
    response = client.post(add, {**fields, "upload": files.phone_jpeg("IMG_0042.jpg")})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The alt text is the file name" in page
    assert re.search(r'class="[^"]*\berrors\b[^"]*field-alt_text_en', page)
    assert "The file “IMG_0042.jpg” is kept" in page
    assert not Image.objects.exists()
    token = re.search(r'name="pending_upload" value="([^"]+)"', page).group(1)

    response = client.post(
        add, {**fields, "alt_text_en": ENGLISH_ALT, "pending_upload": token}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.alt_text, image.alt_text_en) == (INDONESIAN_ALT, ENGLISH_ALT)
    assert image.caption_en == ENGLISH_CAPTION
    assert image.original_filename == "IMG_0042.jpg"
