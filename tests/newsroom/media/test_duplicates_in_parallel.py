"""One picture uploaded twice at the same instant (a double click on Save,
two reporters sending the same agency photo, two app server processes):
one image, the second upload told it is already in the library, as when
the two come one after the other (test_duplicates.py). Two threads, each
with its own client and connection to PostgreSQL, post the add form
together."""

import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from newsroom.media import processing
from newsroom.media.models import Image
from tests.newsroom.media.test_duplicates import ALT, form_data, photo
from tests.parallel import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    # roles: the groups, which an earlier transactional test emptied.
    pytest.mark.usefixtures("english", "media_root", "roles"),
]

ALREADY = "This picture is already in the library as “IMG_2041”"


@pytest.fixture(autouse=True)
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("two connections saving at once: PostgreSQL")


@pytest.fixture(autouse=True)
def slow_processing(monkeypatch):
    """Storing takes a moment (a large photo, a busy server): an upload is
    still being stored when its twin arrives, whichever comes first."""
    normalise = processing.normalise

    def take_a_moment(image):
        time.sleep(0.5)
        return normalise(image)

    monkeypatch.setattr(processing, "normalise", take_a_moment)


def upload_together(*users) -> list:
    """Post the add form with the same photo from two threads at the same
    instant, each with its own client (logged in as its user) and database
    connection: the two answers."""
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return at_once(
        *(
            lambda client=client: client.post(
                reverse("admin:media_image_add"), form_data(upload=photo())
            )
            for client in clients
        )
    )


def told(answer) -> list[str]:
    return [str(message) for message in get_messages(answer.wsgi_request)]


def test_one_photo_uploaded_twice_at_the_same_instant_is_one_image(reporter):
    answers = upload_together(reporter, reporter)
    (image,) = Image.objects.all()
    assert image.alt_text == ALT
    assert [answer.status_code for answer in answers] == [302, 302]
    said = [told(answer) for answer in answers]
    already = [any(ALREADY in message for message in messages) for messages in said]
    assert sorted(already) == [False, True], said
    # The second is shown the image the first stored.
    held = answers[already.index(True)]
    assert held.url == reverse("admin:media_image_change", args=[image.pk])
