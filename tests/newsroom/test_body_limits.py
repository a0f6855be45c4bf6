"""Request bodies over their limit are refused with the site's 413 page
before any of them is read (newsroom.middleware.BodyLimitMiddleware): a
reader's form anywhere, and the desk's larger uploads for signed-in staff on
its addresses only."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Comment

pytestmark = pytest.mark.django_db


class Unread:
    """A request body of `size` bytes that counts how much of it is read."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        left = self.size - self.read_bytes
        taken = left if size is None or size < 0 else min(size, left)
        self.read_bytes += taken
        return b"x" * taken

    readline = read


def post_announcing(client, path: str, length: int, **extra):
    """A multipart POST to `path` whose Content-Length says `length`."""
    body = Unread(length)
    response = client.generic(
        "POST",
        path,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
        **extra,
    )
    return response, body


# Every address a reader's form is sent to (MethodMiddleware's FORM_VIEWS), a
# page (which takes no form at all), and the desk's log-in.
READERS_ADDRESSES = [
    "/articles/1/comments/",
    "/comments/1/flag/",
    "/i18n/setlang/",
    "/preview/articles/1/share/",
    "/",
    "/admin/login/",
]


@pytest.mark.parametrize("path", READERS_ADDRESSES)
def test_a_body_over_the_readers_limit_is_refused_unread(client, english, path):
    """A comment with a 1 GB file attached was written whole to a temporary
    file (17 s of a worker) before anything looked at it; 3 GB ran past the
    worker's timeout."""
    response, body = post_announcing(client, path, settings.NEWSROOM_BODY_LIMIT + 1)
    assert response.status_code == 413
    assert body.read_bytes == 0
    page = response.content.decode()
    assert '<p class="code">413</p>' in page
    assert "(at most 1.0\xa0MB)" in page
    assert response["X-Frame-Options"] == "DENY"  # the site's headers
    assert len(response["X-Request-ID"]) == 32


def test_a_body_within_the_limit_is_read_as_before(client):
    response, body = post_announcing(client, "/i18n/setlang/", 1_000)
    assert response.status_code != 413
    assert body.read_bytes > 0


def test_the_longest_comment_a_reader_may_send_fits_the_limit():
    """5,000 characters of emoji, each four bytes sent as twelve, the
    longest name and address and the form's own fields: under the limit."""
    sent = urlencode(
        {
            "text": "😀" * settings.COMMENTS_MAX_LENGTH,
            "author_name": "😀" * Comment._meta.get_field("author_name").max_length,
            "author_email": "a" * Comment._meta.get_field("author_email").max_length,
            "csrfmiddlewaretoken": "k" * 64,
            "rendered_at": "x" * 200,
            "parent": "9" * 18,
            "website": "",
        }
    )
    assert len(sent) < settings.NEWSROOM_BODY_LIMIT / 10


def test_staff_send_the_desks_larger_bodies_to_the_desk_only(
    client, desk_editor, english
):
    """An image goes up to 64 MB, a Word document 20 MB, several at once: the
    desk's limit, for signed-in staff on its addresses; anywhere else, and
    anyone else, the readers' limit."""
    two_megabytes = {"title": "x" * 2_000_000}
    desk = reverse("admin:media_image_add")
    assert client.post(desk, two_megabytes).status_code == 413  # not signed in
    client.force_login(desk_editor)
    response = client.post(desk, two_megabytes)
    assert response.status_code == 200  # the form, sent back: no file
    assert response.context["adminform"].form.errors
    assert client.post("/articles/1/comments/", two_megabytes).status_code == 413
    too_much = settings.NEWSROOM_DESK_BODY_LIMIT + 1
    response, body = post_announcing(client, desk, too_much)
    assert (response.status_code, body.read_bytes) == (413, 0)
    assert "(at most 100.0\xa0MB)" in response.content.decode()


def test_a_body_sent_without_its_length_is_never_read(client):
    """Chunked, without Content-Length: Django's request stream ends at once
    (WSGIRequest reads no more than the length declared), so no limit is
    needed while reading. Kept true here."""
    body = Unread(50 * settings.NEWSROOM_BODY_LIMIT)
    response = client.generic(
        "POST",
        "/articles/1/comments/",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": body},
    )
    assert response.status_code != 413
    assert body.read_bytes == 0
