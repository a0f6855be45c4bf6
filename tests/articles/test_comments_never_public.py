"""A story readers never saw (a draft, in review, scheduled) is, at every
public comment address, a story that does not exist: the same "Page not
found", no cookie, nothing kept. A comment sent to it had come back "This
story is no longer on the site", text kept to copy, where an id no story has
answered 404: looping over the ids listed every draft and scheduled story.
That answer stays for a story that was on the site and was taken off."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, Comment
from articles.views.comments import SENT_BACK_COOKIE
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_comment_sent_back import send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOT_FOUND = "The page you were looking for is not here"
GONE = "This story is no longer on the site"


def html(response) -> str:
    return response.content.decode()


def fresh(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


def draft(section, reporter, desk_editor):
    return ArticleFactory(section=section, draft=True, created_by=reporter)


def in_review(section, reporter, desk_editor):
    story = draft(section, reporter, desk_editor)
    services.article_submit(article=story, user=reporter)
    return story


def scheduled(section, reporter, desk_editor):
    story = in_review(section, reporter, desk_editor)
    later = timezone.now() + dt.timedelta(days=1)
    services.article_publish(article=fresh(story), user=desk_editor, at=later)
    assert fresh(story).is_scheduled
    return story


def scheduled_then_called_off(section, reporter, desk_editor, time_machine):
    """Scheduled, unpublished before its time came, and that time passed."""
    story = scheduled(section, reporter, desk_editor)
    services.article_unpublish(article=fresh(story), user=desk_editor)
    time_machine.move_to(timezone.now() + dt.timedelta(days=2))
    return story


def unpublished(section, reporter, desk_editor, time_machine=None):
    story = in_review(section, reporter, desk_editor)
    services.article_publish(article=fresh(story), user=desk_editor)
    services.article_unpublish(article=fresh(story), user=desk_editor)
    return story


def returned_after_unpublishing(section, reporter, desk_editor):
    story = unpublished(section, reporter, desk_editor)
    services.article_return(article=fresh(story), user=desk_editor, note="Ulang.")
    assert fresh(story).status == Article.Status.DRAFT
    return story


@pytest.fixture(params=["draft", "in_review", "scheduled", "called_off"])
def never_public(request, section, reporter, desk_editor, time_machine):
    if request.param == "called_off":
        story = scheduled_then_called_off(section, reporter, desk_editor, time_machine)
    else:
        make = {"draft": draft, "in_review": in_review, "scheduled": scheduled}
        story = make[request.param](section, reporter, desk_editor)
    story = fresh(story)
    assert not story.is_public
    return story


@pytest.fixture
def missing():
    return (Article.objects.order_by("-pk").first().pk or 0) + 1000


def assert_not_found(response):
    assert response.status_code == 404
    assert NOT_FOUND in html(response)
    assert GONE not in html(response)
    assert SENT_BACK_COOKIE not in response.cookies


def test_a_comment_to_a_story_never_public_is_answered_as_to_none(
    client, never_public, missing
):
    for pk in (never_public.pk, missing):
        assert_not_found(send(client, Article(pk=pk), text="Komentar saya."))
        # The form's own address: nothing kept there, not found.
        assert_not_found(client.get(f"/articles/{pk}/comments/"))
        head = client.head(f"/articles/{pk}/comments/")
        assert head.status_code == 404 and SENT_BACK_COOKIE not in head.cookies
    assert not Comment.objects.exists()


def test_a_reply_under_a_story_never_public_is_answered_as_to_none(
    client, never_public, missing
):
    parent = CommentFactory(article=never_public)
    for pk in (never_public.pk, missing):
        sent = send(client, Article(pk=pk), text="Balasan.", parent=parent.pk)
        assert_not_found(sent)
    assert list(Comment.objects.all()) == [parent]


def test_a_report_of_a_comment_under_a_story_never_public_is_answered_as_of_none(
    client, never_public
):
    comment = CommentFactory(article=never_public)
    nothing = comment.pk + 1000
    for pk in (comment.pk, nothing):
        address = f"/comments/{pk}/flag/"
        assert_not_found(client.post(address, {"reason": "spam", "text": ""}))
        assert_not_found(client.get(address))


@pytest.mark.parametrize("token", ["", "a" * 64], ids=["missing", "wrong"])
def test_a_comment_without_its_token_to_a_story_never_public_is_answered_as_to_none(
    never_public, missing, token
):
    """The CSRF failure's kind answer (comment_without_token): without a
    token (missing) and with one that no longer matches."""
    reader = Client(enforce_csrf_checks=True)
    reader.get("/comments/tokens/")  # the reader's CSRF cookie
    for pk in (never_public.pk, missing):
        sent = send(
            reader, Article(pk=pk), text="Tanpa token.", csrfmiddlewaretoken=token
        )
        assert_not_found(sent)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "make", [unpublished, returned_after_unpublishing], ids=["unpublished", "returned"]
)
def test_a_story_taken_off_the_site_still_gives_the_text_back_to_copy(
    client, section, reporter, desk_editor, make
):
    story = fresh(make(section, reporter, desk_editor))
    assert not story.is_public
    response = send(client, story, text="Komentar saya.")
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert GONE in html(page)
    assert ">Komentar saya.</textarea>" in html(page)
    assert not Comment.objects.exists()


def test_once_public_names_the_stories_readers_have_seen(
    section, reporter, desk_editor, time_machine
):
    seen = {
        "public": ArticleFactory(section=section),
        "unpublished": unpublished(section, reporter, desk_editor),
        "returned": returned_after_unpublishing(section, reporter, desk_editor),
        # Imported (no step recorded), then taken off.
        "imported": ArticleFactory(section=section, status=Article.Status.UNPUBLISHED),
    }
    unseen = {
        "draft": draft(section, reporter, desk_editor),
        "in_review": in_review(section, reporter, desk_editor),
        "scheduled": scheduled(section, reporter, desk_editor),
        "imported_scheduled": ArticleFactory(
            section=section, published_at=timezone.now() + dt.timedelta(days=1)
        ),
    }
    found = set(Article.objects.once_public().values_list("pk", flat=True))
    assert {name for name, a in seen.items() if a.pk in found} == set(seen)
    assert {name for name, a in unseen.items() if a.pk in found} == set()
