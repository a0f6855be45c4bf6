"""A comment posted by another site's page is refused plainly: the kind
answer to a post without its token (the form back, filled in, with a fresh
token) is for the site's own pages, never for what another site chose."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Comment
from tests.articles.factories import ArticleFactory
from tests.articles.test_comment_forms_sent_back import send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PLANTED = "Koreksi resmi redaksi: baca di evil.example"


def post(client, story, **headers):
    return send(
        client,
        story,
        PLANTED,
        author_name="Redaksi Newsroom",
        author_email="redaksi@evil.example",
        headers=headers,
    )


def assert_refused_plainly(response, reader):
    assert response.status_code == 403
    assert response.templates[0].name == "403_csrf.html"
    page = response.content.decode()
    assert PLANTED not in page and "evil.example" not in page
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies  # nothing kept to show again
    # Nor on the story's form address the kind answer redirects to.
    assert PLANTED not in reader.get(response.wsgi_request.path).content.decode()
    assert not Comment.objects.exists()


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section,
        language="en",
        meeting=None,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


def test_a_post_from_another_sites_page_is_not_filled_in_to_send(story):
    reader = Client(enforce_csrf_checks=True)
    assert_refused_plainly(
        post(reader, story, HTTP_ORIGIN="http://evil.example"), reader
    )


def test_nor_for_a_reader_with_a_token_of_their_own(story):
    reader = Client(enforce_csrf_checks=True)
    reader.get(story.get_absolute_url())  # a cookie, as a reader who read it
    response = post(reader, story, HTTP_ORIGIN="http://evil.example")
    assert_refused_plainly(response, reader)


def test_nor_over_https_from_another_sites_referer(story, settings):
    settings.SECURE_SSL_REDIRECT = False
    reader = Client(enforce_csrf_checks=True)
    response = post(
        reader, story, secure=True, HTTP_REFERER="https://evil.example/page"
    )
    assert_refused_plainly(response, reader)


def test_the_sites_own_page_without_its_token_still_gets_the_form_back(story):
    reader = Client(enforce_csrf_checks=True)
    response = post(reader, story, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    page = reader.get(response["Location"]).content.decode()
    assert "Your comment is ready to send" in page
    assert PLANTED in page
