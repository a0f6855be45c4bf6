"""Who else has a library image's page open (newsroom/presence,
PresenceAdmin), as a story's writing screen says it: two people describing
the same picture had found out only when the edit lock refused the second
save. Only who may change the image is told, and counted: not a reporter
whose image readers already see. What every form does, an image's too, is
asked of each in tests/articles/test_presence.py (who may only view the
library among it); here, what is an image's alone."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from agencies.models import Agency
from newsroom import presence
from newsroom.media.models import Image
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.media import files
from tests.newsroom.presence_pages import (
    heartbeat,
    logged_in,
    notice,
    open_form,
    page_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def image(upload_image):
    return upload_image(
        files.upload("minister.png", files.encode(files.halves(), "PNG"), "image/png"),
        caption="The minister at the signing.",
    )


@pytest.fixture
def staff_with(django_user_model):
    def make(username, first_name, *codenames):
        user = django_user_model.objects.create_user(
            username=username, password="x", is_staff=True, first_name=first_name
        )
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="media", codename__in=codenames
            )
        )
        return user

    return make


@pytest.fixture
def ayu(staff_with):
    return staff_with("ayu", "Ayu", "view_image", "change_image")


@pytest.fixture
def budi(staff_with):
    return staff_with("budi", "Budi", "view_image", "change_image")


def test_the_second_to_open_an_image_sees_the_first_who_hears_at_once(image, ayu, budi):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, image)
    assert 'id="desk-presence"' in page_a and notice(page_a) == ""

    page_b = open_form(b, image)

    assert notice(page_b).startswith("Also open now: Ayu (since ")
    answer = heartbeat(a, image, page_token(page_a)).json()
    assert [other["name"] for other in answer["others"]] == ["Budi"]
    assert answer["text"].startswith("Also open now: Budi (since ")

    leave = admin_url(Image, "presence_leave", image.pk)
    assert Client().post(leave, {"page": page_token(page_b)}).status_code == 204
    assert heartbeat(a, image, page_token(page_a)).json()["others"] == []


def test_a_reporter_whose_image_readers_see_is_refused_too(
    image, reporter, desk_editor
):
    """A reporter may change images, but not an agency's logo (only an
    editor may): its page is read-only for them, and has no presence."""
    Agency.objects.create(acronym="BNPT", name="BNPT", slug="bnpt", logo=image)
    client = logged_in(reporter)
    editor = logged_in(desk_editor)
    assert 'id="desk-presence"' in open_form(editor, image)

    page = open_form(client, image)
    assert heartbeat(client, image).status_code == 403

    assert "only an editor may change it" in page
    assert 'id="desk-presence"' not in page
    assert presence.present_on(image, besides=desk_editor) == []
