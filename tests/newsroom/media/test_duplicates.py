"""A picture whose bytes the library already holds (the same SHA-256) is not
stored again: the image that holds them is used, what it lacks is filled
in from what was typed (where the uploader may change it), and the
uploader is told, after the add form and a chooser's "+". A reporter who
closed the "+" window while it was saving and uploaded her photo again had
left the library four images of one name and one fingerprint. A replaced
file that another image has is said too."""

import html
import json
import re

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.urls import reverse

from articles.services.workflow import article_submit
from newsroom.media.models import Image
from newsroom.media.services import image_add, image_copy_notice, image_replace
from tests.articles.factories import ArticleFactory
from tests.newsroom.media import files
from tests.newsroom.media.pages import ADD, ALT, DAY, add_form, messages_of

pytestmark = pytest.mark.django_db

HELD = (
    "This picture is already in the library as “Delegasi di bandara”, added by "
    "reporter on Thursday, 24 March 2022: it is used."
)


def other_photo(name="rapat.jpg"):
    """Another picture than photo()'s."""
    return files.jpeg(name, image=files.halves((600, 400), left=files.GREEN))


def photo_bytes(size=(600, 400)) -> bytes:
    return files.encode(files.halves(size), "JPEG", quality=90)


def photo(name="IMG_2041.jpg") -> object:
    """The reporter's photo; every call the same bytes under the name given."""
    return files.upload(name, photo_bytes())


@pytest.fixture
def held(media_root, reporter):
    """The reporter's photo, uploaded once, on 24 March 2022, without credit."""
    image = image_add(
        file=photo(), user=reporter, title="Delegasi di bandara", alt_text=ALT
    ).image
    Image.objects.filter(pk=image.pk).update(uploaded_at=DAY)
    image.refresh_from_db()
    return image


def stored_originals(media_root) -> list:
    return [p for p in (media_root / "images" / "originals").rglob("*") if p.is_file()]


def test_the_same_bytes_uploaded_again_are_not_stored_twice(
    held, reporter, media_root, english
):
    again = image_add(
        file=photo("IMG_2041 (1).jpg"),
        user=reporter,
        title="Delegasi di bandara",
        alt_text=ALT,
    )
    assert again.existing and again.image == held
    assert Image.objects.count() == 1
    assert len(stored_originals(media_root)) == 1
    assert again.notice == HELD


def test_a_different_picture_is_a_new_image(held, reporter, english):
    other = image_add(
        file=other_photo("IMG_2042.jpg"),
        user=reporter,
        alt_text=ALT,
    )
    assert not other.existing and other.image != held
    assert other.notice == ""
    assert Image.objects.count() == 2


def test_what_the_held_image_lacks_is_filled_in_and_the_rest_kept(
    held, reporter, english
):
    again = image_add(
        file=photo(),
        user=reporter,
        title="Foto lain",
        alt_text="Delegasi turun dari pesawat",
        caption="Delegasi Filipina tiba di Jakarta",
        credit="Humas BNPT",
        focal=(0.25, 0.5),
    )
    held.refresh_from_db()
    assert (held.title, held.alt_text) == ("Delegasi di bandara", ALT)
    assert held.caption == "Delegasi Filipina tiba di Jakarta"
    assert held.credit == "Humas BNPT"
    assert held.focal == (0.25, 0.5)
    assert again.filled == ("caption", "credit", "focal")
    assert again.kept == ("alt_text",)
    assert again.notice == (
        f"{HELD} It keeps its title “Delegasi di bandara”, not the one you typed: "
        "“Foto lain”. What it lacked is filled in from what you typed: caption, "
        f"credit and focal point. Its own alt text is used, not what you typed: "
        f"“{ALT}”."
    )


def test_a_decorative_tick_fills_a_missing_alt_text_only(media_root, reporter, english):
    """An image brought over from an old image field, without alt text."""
    first = image_add(file=photo(), user=reporter, alt_text=ALT).image
    Image.objects.filter(pk=first.pk).update(alt_text="")
    assert Image.objects.needs_alt_text().get() == first
    again = image_add(file=photo(), user=reporter, decorative=True)
    first.refresh_from_db()
    assert first.decorative and again.filled == ("decorative",)
    assert not Image.objects.needs_alt_text().exists()


def test_a_locked_image_is_used_and_keeps_its_description(
    held, reporter, staff_in, english
):
    """The photo features the reporter's story in review: another reporter
    who uploads it again gets it, her credit is not written into it."""
    article_submit(
        article=ArticleFactory(
            draft=True, title="Rapat JWG ke-4", featured_image=held, created_by=reporter
        ),
        user=reporter,
    )
    other = staff_in("Reporter", "wartawan-lain")
    again = image_add(file=photo(), user=other, alt_text=ALT, credit="Humas BNPT")
    assert again.existing and again.image == held
    held.refresh_from_db()
    assert held.credit == ""
    assert again.filled == () and again.refused == ("credit",)
    assert again.notice.startswith(HELD)
    assert "What you typed for credit is not added: “Delegasi di bandara” is used" in (
        again.notice
    )


def test_an_image_whose_uploader_is_gone_is_said_without_them(held, reporter, english):
    Image.objects.filter(pk=held.pk).update(uploaded_by=None)
    assert image_add(file=photo(), user=reporter, alt_text=ALT).notice == (
        "This picture is already in the library as “Delegasi di bandara”, added "
        "on Thursday, 24 March 2022: it is used."
    )


def test_a_replaced_file_another_image_holds_is_said(
    held, reporter, upload_image, english
):
    other = upload_image(other_photo(), user=reporter)
    assert image_copy_notice(image=other) == ""
    image_replace(image=other, file=photo(), user=reporter)
    assert image_copy_notice(image=other) == (
        f"The same picture is also in the library as “Delegasi di bandara” "
        f"(number {held.pk}), added by reporter on Thursday, 24 March 2022."
    )


# The admin ----------------------------------------------------------------


def form_data(**fields):
    """The add form as test_admin posts it, with the alt text ALT."""
    return add_form(**{"alt_text": ALT, **fields})


def test_the_add_form_shows_the_held_image_instead_of_a_copy(
    reporter_client, held, english
):
    response = reporter_client.post(
        reverse(ADD), form_data(upload=photo(), credit="Humas BNPT")
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:media_image_change", args=[held.pk])
    assert Image.objects.count() == 1
    said = messages_of(response)
    assert said == [f"{HELD} What it lacked is filled in from what you typed: credit."]
    held.refresh_from_db()
    assert held.credit == "Humas BNPT"
    # Its history: the credit filled in, no second "added".
    entries = LogEntry.objects.filter(object_id=str(held.pk))
    assert [entry.action_flag for entry in entries] == [CHANGE]
    assert not LogEntry.objects.filter(action_flag=ADDITION).exists()
    page = reporter_client.get(response.url).content.decode()
    assert html.escape(HELD) in page or HELD in page


def test_a_choosers_plus_chooses_the_held_image_and_says_so(
    reporter_client, held, english
):
    """The "+" beside the featured image: the popup chooses the image the
    library holds and closes, the notice said beside the picture
    (media_popup_scaled.js, media_chooser.js)."""
    response = reporter_client.post(
        reverse(ADD) + "?_to_field=id&_popup=1",
        form_data(upload=photo(), _popup="1", _to_field="id"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    handed_on = json.loads(
        html.unescape(re.search(r'data-popup-response="([^"]*)"', page).group(1))
    )
    assert handed_on == {
        "value": str(held.pk),
        "obj": "Delegasi di bandara",
        "notice": HELD,
    }
    assert "js/media_popup_scaled.js" in page
    assert "was added successfully" not in page
    assert Image.objects.count() == 1
    assert not messages_of(response)


def test_replacing_a_file_with_one_another_image_holds_is_said(
    client, desk_editor, held, upload_image, english
):
    other = upload_image(other_photo())
    client.force_login(desk_editor)
    response = client.post(
        reverse("admin:media_image_replace", args=[other.pk]), {"upload": photo()}
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Replaced the file with “IMG_2041.jpg”.",
        f"The same picture is also in the library as “Delegasi di bandara” "
        f"(number {held.pk}), added by reporter on Thursday, 24 March 2022.",
    ]
