"""A picture the library already holds, added again through a chooser's "+"
(the story's featured image) or the add form, with an alt text typed: where
the image used has none in that language, the typed one is kept on it,
through the media services, and its History says so in each reader's
language; where it has its own, the reporter is told which alt text her
story's picture carries, word for word. The "+" window closed on the image
and its own alt text, saying nothing of the one she had typed."""

import html
import json
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from newsroom.history import revision_comment
from newsroom.media.models import Image
from newsroom.media.services import image_add
from tests.newsroom.media import files
from tests.newsroom.media.pages import add_form, messages_of

pytestmark = pytest.mark.django_db

ADD = "admin:media_image_add"
OWN = "Delegasi Indonesia dan Filipina di ruang rapat"
TYPED = "Ketua delegasi berjabat tangan di depan bendera"
TYPED_EN = "The heads of delegation shake hands before the flags"


def photo():
    """The reporter's photo; every call the same bytes."""
    return files.upload(
        "IMG_2041.jpg", files.encode(files.halves((600, 400)), "JPEG", quality=90)
    )


def form_data(**fields):
    return add_form(**{"alt_text": TYPED, **fields})


def through_plus(client, **fields):
    """The upload through a chooser's "+", and what its popup hands on."""
    response = client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=photo(), _popup="1", _to_field="id", **fields),
    )
    assert response.status_code == 200
    found = re.search(r'data-popup-response="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture
def held(reporter, media_root):
    """The photo in the library, with its own alt text in Indonesian only."""
    return image_add(file=photo(), user=reporter, title="Rapat", alt_text=OWN).image


def test_an_alt_text_the_held_image_lacks_is_kept_and_in_its_history(
    reporter_client, reporter, held, english
):
    """An image brought over from an old image field, without alt text."""
    Image.objects.filter(pk=held.pk).update(alt_text="")
    handed_on = through_plus(reporter_client)
    held.refresh_from_db()
    assert held.alt_text == TYPED
    assert handed_on["value"] == str(held.pk)
    assert handed_on["notice"].endswith(
        "What it lacked is filled in from what you typed: alt text."
    )
    latest = Version.objects.get_for_object(held).order_by("-pk").first()
    assert latest.revision.user == reporter
    comment = latest.revision.comment
    assert revision_comment(comment) == (
        "Filled in from another upload of this picture. Changed alt text."
    )
    with translation.override("id"):
        # Read in the reader's language, not the uploader's notice.
        assert "already in the library" not in revision_comment(comment)
    entry = LogEntry.objects.get(object_id=str(held.pk))
    assert entry.action_flag == CHANGE
    assert entry.get_change_message() == "Changed alt text."


def test_the_held_images_own_alt_text_is_shown_when_used(
    reporter_client, held, english
):
    """The "+" and the add form say the same: the image used, and its own
    alt text, word for word."""
    kept = f"Its own alt text is used, not what you typed: “{OWN}”."
    handed_on = through_plus(reporter_client)
    assert handed_on["notice"].startswith("This picture is already in the library")
    assert handed_on["notice"].endswith(f": it is used. {kept}")

    response = reporter_client.post(reverse(ADD), form_data(upload=photo()))
    assert response.status_code == 302
    assert messages_of(response) == [handed_on["notice"]]
    held.refresh_from_db()
    assert held.alt_text == OWN
    assert Version.objects.get_for_object(held).count() == 1


def test_each_language_is_filled_or_shown_on_its_own(reporter_client, held, english):
    """Its Indonesian alt text is its own; the English one it lacked is
    filled in from what was typed."""
    handed_on = through_plus(reporter_client, alt_text_en=TYPED_EN)
    held.refresh_from_db()
    assert (held.alt_text, held.alt_text_en) == (OWN, TYPED_EN)
    assert handed_on["notice"].endswith(
        ": it is used. What it lacked is filled in from what you typed: alt text "
        f"in English. Its own alt text is used, not what you typed: “{OWN}”."
    )


def test_a_decorative_held_image_says_the_typed_alt_text_is_not_used(
    reporter_client, held, english
):
    """A decorative image has no alt text of its own to show: screen readers
    skip it, as the reporter is told."""
    Image.objects.filter(pk=held.pk).update(alt_text="", decorative=True)
    handed_on = through_plus(reporter_client)
    held.refresh_from_db()
    assert held.decorative and held.alt_text == ""
    assert handed_on["notice"].endswith(
        ": it is used. It is marked decorative (screen readers skip it): the alt "
        "text you typed is not used."
    )
