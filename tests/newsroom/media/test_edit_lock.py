"""The edit lock of an image's change page, as the desk's other forms have
(HistoryAdmin): editor A corrected the caption and the English alt text, B
(whose page was opened before A's save) changed the credit, both were told
"changed successfully", and A's corrections were gone, with no revision in
the image's History to get them back from."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from reversion.models import Version

from newsroom.media.models import Image
from tests.newsroom.admin_forms import opened, saves
from tests.newsroom.media import files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CAPTION = "The minister at the signing in Jakarta, on Monday."
ALT_EN = "The minister signs the agreement at a long table."
CREDIT = "ANTARA/Rivan Awal Lingga"


def _picture_editor(django_user_model, username, first_name):
    user = django_user_model.objects.create_user(
        username=username, password="x", is_staff=True, first_name=first_name
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["media", "articles"])
    )
    return user


@pytest.fixture
def two_editors(django_user_model, media_root):
    """Editor A's and editor B's browsers, and A."""
    ayu = _picture_editor(django_user_model, "ayu", "Ayu")
    budi = _picture_editor(django_user_model, "budi", "Budi")
    a, b = Client(), Client()
    a.force_login(ayu)
    b.force_login(budi)
    return a, b, ayu


@pytest.fixture
def image(upload_image):
    return upload_image(
        files.upload("minister.png", files.encode(files.halves(), "PNG"), "image/png"),
        caption="The minister at the signing.",
        alt_text_en="A man at a table.",
        credit="Antara",
    )


def _refusal(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _a_saves_then_b_is_refused(a, b, image):
    """A and B open the page; A saves the caption and English alt text; B's
    save of the credit is refused. B's form as sent, and the refusal."""
    sent_by_a, sent_by_b = opened(a, image), opened(b, image)
    saved = saves(a, image, {**sent_by_a, "caption": CAPTION, "alt_text_en": ALT_EN})
    assert saved.status_code == 302
    mine = {**sent_by_b, "credit": CREDIT}
    return mine, saves(b, image, mine)


def test_a_colleagues_corrections_to_an_image_are_not_lost_to_a_later_save(
    two_editors, image
):
    a, b, _ayu = two_editors
    mine, refused = _a_saves_then_b_is_refused(a, b, image)

    said = _refusal(refused)
    assert said.startswith(
        "Someone else saved this image after you opened it. The latest save "
        "is revision 2 in History: Ayu, "
    )
    assert "They changed: Alt text in English and Caption." in said
    page = lxml_html.fromstring(refused.content.decode())
    panel = page.get_element_by_id("stale-save-title").getparent()
    assert CAPTION in panel.text_content()
    # Nothing lost: A's corrections saved, B's credit still in B's form.
    assert refused.context["adminform"].form["credit"].value() == CREDIT
    image.refresh_from_db()
    assert (image.caption, image.alt_text_en, image.credit) == (
        CAPTION,
        ALT_EN,
        "Antara",
    )

    # A plain save again is refused again.
    assert _refusal(saves(b, image, mine)).startswith("Someone else saved this image")
    image.refresh_from_db()
    assert image.credit == "Antara"

    # Combine: A's caption and alt text, B's credit.
    combine = panel.xpath('.//button[@name="combine_revision"]')[0].get("value")
    combined = saves(b, image, {**mine, "combine_revision": combine})
    assert combined.status_code == 302
    assert "Saved: your changes and theirs are combined." in " ".join(_said(combined))
    image.refresh_from_db()
    assert (image.caption, image.alt_text_en, image.credit) == (
        CAPTION,
        ALT_EN,
        CREDIT,
    )


def test_an_images_history_compares_two_revisions(two_editors, image):
    a, _b, _ayu = two_editors
    saved = saves(a, image, {**opened(a, image), "caption": CAPTION})
    assert saved.status_code == 302
    first, second = Version.objects.get_for_object(image).order_by("pk")
    history = a.get(reverse("admin:media_image_history", args=[image.pk]))
    assert history.status_code == 200
    assert "Changed caption." in history.content.decode()
    compare = a.get(
        reverse("admin:media_image_compare", args=[image.pk]),
        {"from": first.pk, "to": second.pk},
    )
    assert compare.status_code == 200
    changes = {change.label: change for change in compare.context["changes"]}
    assert list(changes) == ["Caption"]
    assert str(changes["Caption"].old) == "The minister at the signing."
    assert str(changes["Caption"].new) == CAPTION


def test_a_new_file_is_a_revision_of_the_image_a_page_opened_before_meets(
    two_editors, image, librarian
):
    """The file replace page saves through the service, which makes the
    revision: a caption saved from a page opened before it is refused, not
    saved over what the History would not know."""
    a, b, _ayu = two_editors
    sent_by_b = opened(b, image)
    replaced = a.post(
        reverse("admin:media_image_replace", args=[image.pk]),
        {
            "upload": files.upload(
                "signing.png",
                files.encode(files.halves(size=(600, 450)), "PNG"),
                "image/png",
            )
        },
    )
    assert replaced.status_code == 302
    refused = saves(b, image, {**sent_by_b, "caption": CAPTION})
    assert _refusal(refused).startswith("Someone else saved this image")
    history = a.get(reverse("admin:media_image_history", args=[image.pk]))
    assert "Replaced the file with “signing.png”." in history.content.decode()
    assert Image.objects.get(pk=image.pk).caption == "The minister at the signing."
