"""Each address answers the methods it takes (newsroom/middleware.py,
MethodMiddleware): a page is read (GET, HEAD), the address a form is sent to
takes POST as well, OPTIONS says which, and an address that does not exist
is 404 whatever the method."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from articles.forms import sign_rendered_at
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

READ = "GET, HEAD, OPTIONS"
FORM = "GET, HEAD, POST, OPTIONS"


@pytest.fixture
def reader():
    """A browser holding a CSRF token, got as static/js/comment_tokens.js gets
    it (anyone may ask /comments/tokens/): the cookie is kept, the token sent
    in X-CSRFToken with every request."""
    client = Client(enforce_csrf_checks=True)
    token = client.get("/comments/tokens/").json()["csrfmiddlewaretoken"]
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


@pytest.fixture
def pages(jwg4_article, bnpt, officials, jwg4):
    """One address of each kind of page the site shows, each of them there."""
    story = jwg4_article
    return {
        "home": "/",
        "English home": "/en/",
        "story": story.get_absolute_url(),
        "section": "/en/sections/international/",
        "tag": "/en/tags/philippines/",
        "search": "/search/?q=x",
        "agencies": "/agencies/",
        "agency": bnpt.get_absolute_url(),
        "person": officials["Amar"].get_absolute_url(),
        "meetings": "/meetings/",
        "meeting": jwg4.get_absolute_url(),
        "feed": "/feeds/rss/",
        "English Atom feed": "/en/feeds/atom/",
        "section feed": "/en/sections/international/feed/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots.txt": "/robots.txt",
        "comment tokens": "/comments/tokens/",
    }


def test_a_post_to_a_page_is_405_with_what_it_takes_and_renders_nothing(
    reader, pages, django_assert_num_queries
):
    # With the token anyone can have, a POST rendered the whole page, anew
    # each time: the page cache never answers a POST.
    for name, url in pages.items():
        assert reader.get(url).status_code == 200, name
        with django_assert_num_queries(0):
            response = reader.post(url, {"a": "1"})
        assert response.status_code == 405, name
        assert response["Allow"] == READ, name
        assert response.content == b"", name
        assert len(response["X-Request-ID"]) == 32
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_a_post_without_a_token_is_405_too(pages):
    response = Client(enforce_csrf_checks=True).post(pages["story"], {"a": "1"})
    assert response.status_code == 405
    assert response["Allow"] == READ


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section,
        meeting=None,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


def test_the_forms_are_still_taken(reader, story, django_user_model):
    from articles.models import Comment

    comment = CommentFactory(article=story)
    sent = reader.post(
        f"/articles/{story.pk}/comments/",
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": "Kerja sama yang baik.",
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
        },
    )
    assert sent.status_code == 303
    assert Comment.objects.filter(text="Kerja sama yang baik.").exists()
    reported = reader.post(f"/comments/{comment.pk}/flag/", {"reason": "spam"})
    assert reported.status_code == 303
    comment.refresh_from_db()
    assert comment.flag_count == 1
    switched = reader.post("/i18n/setlang/", {"language": "en", "next": "/meetings/"})
    assert (switched.status_code, switched["Location"]) == (302, "/en/meetings/")
    django_user_model.objects.create_user(
        "desk", password="long correct words", is_staff=True
    )
    logged_in = reader.post(
        "/admin/login/",
        {"username": "desk", "password": "long correct words", "next": "/admin/"},
    )
    assert (logged_in.status_code, logged_in["Location"]) == (302, "/admin/")


@pytest.mark.parametrize(
    "url", ["/nope/", "/en/nope/", "/articles/2022/nope/", "/en/tags/", "*"]
)
def test_options_on_an_address_that_does_not_exist_is_404(client, url):
    # It was an empty 204 listing POST, whatever the address.
    response = client.options(url)
    assert response.status_code == 404
    assert "Allow" not in response


def test_options_says_exactly_what_each_address_takes_without_the_page(
    client, pages, story, django_assert_num_queries
):
    comment = CommentFactory(article=story)
    expected = dict.fromkeys(pages.values(), READ) | {
        # A story that is not there: the address alone says what it takes.
        "/articles/2022/03/no-such-story/": READ,
        "/en/people/nobody/": READ,
        f"/articles/{story.pk}/comments/": FORM,
        f"/comments/{comment.pk}/flag/": FORM,
        "/i18n/setlang/": FORM,
        "/admin/": FORM,
        "/admin/login/": FORM,
    }
    for url, allow in expected.items():
        with django_assert_num_queries(0):
            response = client.options(url)
        assert response.status_code == 204, url
        assert response["Allow"] == allow, url
        assert response.content == b""
    # Reading is as before.
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"])
@pytest.mark.parametrize(
    ("url", "allow"),
    [
        ("/", READ),
        ("/search/?q=jwg", READ),
        ("/feeds/rss/", READ),
        ("/admin/", FORM),
        ("/i18n/setlang/", FORM),
    ],
)
def test_a_method_the_address_does_not_take_is_405_with_what_it_takes(
    client, method, url, allow
):
    # TRACE rendered the whole page (200): scanners report "TRACE enabled".
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == allow
    assert b"<html" not in response.content
