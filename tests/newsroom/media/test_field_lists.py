"""The notices of an upload the library already held name the fields they
speak of as a sentence does, joined with "and" in the desk's language
("caption, credit and focal point"; in Indonesian "dan"), not by commas
alone: "It keeps its own caption, credit" had read as a list cut short."""

import datetime as dt

import pytest
from django.utils import translation

from articles.services.workflow import article_submit
from newsroom.media.models import Image
from newsroom.media.services import image_add
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db

ALT = "Delegasi Indonesia dan Filipina di ruang rapat"
DAY = dt.datetime(2022, 3, 24, 10, 0, tzinfo=dt.UTC)


def photo(name="IMG_2041.jpg"):
    """The same bytes at every call."""
    return files.upload(name, files.encode(files.halves((600, 400)), "JPEG"))


@pytest.fixture
def held(media_root, reporter):
    """The photo, with its own caption and credit, no source, no focal point."""
    image = image_add(
        file=photo(),
        user=reporter,
        title="Delegasi di bandara",
        alt_text=ALT,
        caption="Delegasi tiba di Jakarta",
        credit="Foto: Humas BNPT",
    ).image
    Image.objects.filter(pk=image.pk).update(uploaded_at=DAY)
    image.refresh_from_db()
    return image


def upload_again(user, **typed):
    return image_add(file=photo("IMG_2041 (1).jpg"), user=user, alt_text=ALT, **typed)


def test_the_fields_kept_are_joined_with_and(held, reporter, english):
    again = upload_again(reporter, caption="Caption lain", credit="Kredit lain")
    assert again.kept == ("caption", "credit")
    assert again.notice.endswith(
        " It keeps its own caption and credit: what you typed there is not used."
    )


def test_three_fields_filled_in_read_as_a_list_ending_with_and(held, reporter, english):
    again = upload_again(
        reporter,
        caption_en="The delegation arrives in Jakarta",
        source="Humas BNPT",
        focal=(0.25, 0.5),
    )
    assert again.filled == ("caption_en", "source", "focal")
    assert (
        "What it lacked is filled in from what you typed: caption in English, "
        "source and focal point." in again.notice
    )


def test_fields_refused_are_joined_with_and(held, reporter, staff_in, english):
    """The photo features the reporter's story in review: another reporter
    may not write into it."""
    article_submit(
        article=ArticleFactory(
            draft=True, title="Rapat JWG ke-4", featured_image=held, created_by=reporter
        ),
        user=reporter,
    )
    other = staff_in("Reporter", "wartawan-lain")
    again = upload_again(other, source="Humas BNPT", focal=(0.25, 0.5))
    assert again.refused == ("source", "focal")
    assert "What you typed for source and focal point is not added: " in again.notice


def test_the_list_is_joined_in_the_desks_language(held, reporter):
    again = upload_again(reporter, caption="Caption lain", credit="Kredit lain")
    with translation.override("id"):
        notice = again.notice
        fields = [
            str(Image._meta.get_field(name).verbose_name)
            for name in ("caption", "credit")
        ]
    assert fields[0] != "caption"  # the Indonesian names
    assert f"{fields[0]} dan {fields[1]}" in notice
    assert f"{fields[0]}, {fields[1]}" not in notice
