"""A picture the add form found in the library, deleted by a colleague
between the form's check and its save: the save cannot use the held image,
and the upload is a new one, which needs its alt text. The save had met the
image's rule unhandled (a server error, the typed fields lost); the form is
now shown again, checked against the library as it is, saying why."""

import pytest
from django.urls import reverse

from newsroom.media.forms import ImageForm
from newsroom.media.models import Image
from tests.newsroom.media import files
from tests.newsroom.media.pages import ADD, ALT, add_form, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def deleted_after_the_check(monkeypatch):
    """A colleague deletes the held image once the form has been checked.
    Here the deletion is made in the request's own transaction, which a
    refusal rolls back: it is made again before any later check, as their
    committed deletion stays."""
    check = ImageForm.clean
    checks = []

    def clean(form):
        if checks:
            Image.objects.all().delete()
        cleaned = check(form)
        checks.append(form)
        Image.objects.all().delete()
        return cleaned

    monkeypatch.setattr(ImageForm, "clean", clean, raising=True)
    return checks


def test_a_held_picture_deleted_before_the_save_is_asked_its_alt_text(
    reporter_client, media_root, english, request
):
    added = reporter_client.post(
        reverse(ADD),
        add_form(upload=files.webp("photo.webp"), alt_text=ALT),
        follow=True,
    )
    assert added.redirect_chain and Image.objects.count() == 1
    checks = request.getfixturevalue("deleted_after_the_check")

    response = reporter_client.post(
        reverse(ADD),
        add_form(upload=files.webp("photo.webp"), caption="Rapat di Manila"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Describe what the picture shows" in page
    assert "Rapat di Manila" in page  # what was typed is kept
    assert "The file “photo.webp” is kept" in page
    assert messages_of(response) == [
        "The library's copy of this picture was deleted while you saved: it "
        "is added as a new picture, which needs its alt text."
    ]
    assert not Image.objects.exists()
    assert len(checks) == 2  # refused on the second check, not the save
