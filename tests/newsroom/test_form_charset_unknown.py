"""A form that declares a charset nobody knows ("nope-9", a misspelling) gets
the site's 400 page, as one in ISO-8859-1 or UTF-16 does (a tester's curl):
Django read such a form as UTF-8, and the comment was stored."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from articles.forms import sign_rendered_at
from articles.models import Comment
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CSRF_TOKEN = "k" * 32
TEXT = "Kerja sama yang baik."


@pytest.fixture
def browser():
    """A client that must pass the CSRF check, as a browser does."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section,
        meeting=None,
        comment_policy="post",
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


def send(client, url: str, charset: str):
    """A comment's form, as UTF-8 bytes, declared in `charset`."""
    stamp = sign_rendered_at(timezone.now() - dt.timedelta(seconds=20))
    body = (
        f"csrfmiddlewaretoken={CSRF_TOKEN}&author_name=Sari"
        f"&author_email=sari%40example.org&text={TEXT.replace(' ', '+')}"
        f"&rendered_at={stamp}&website=&language=en&next=/"
    )
    return client.generic(
        "POST",
        url,
        body.encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        REMOTE_ADDR="198.51.100.7",
    )


def is_400_page(response) -> bool:
    html = response.content.decode()
    return (
        response.status_code == 400
        and '<p class="code">400</p>' in html
        and "Traceback" not in html
    )


@pytest.mark.parametrize("charset", ["nope-9", "UTF-9", "utf_8x", '"nope-9"', ""])
def test_a_comment_in_an_unknown_charset_gets_the_400_page_and_is_not_kept(
    browser, story, charset
):
    response = send(browser, f"/articles/{story.pk}/comments/", charset)

    assert is_400_page(response)
    assert not Comment.objects.filter(text=TEXT).exists()


def test_every_form_in_an_unknown_charset_gets_the_400_page(browser, story):
    comment = CommentFactory(article=story)
    for url in (
        "/",
        "/admin/login/",
        "/i18n/setlang/",
        f"/articles/{story.pk}/comments/",
        f"/comments/{comment.pk}/flag/",
    ):
        assert is_400_page(send(browser, url, "nope-9")), url


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_a_comment_declared_utf8_is_still_taken(browser, story, charset):
    response = send(browser, f"/articles/{story.pk}/comments/", charset)

    assert response.status_code == 303
    assert Comment.objects.filter(text=TEXT).exists()
