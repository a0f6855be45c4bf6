"""A reader's form answered kindly when what it was about left the site while
they wrote: a report of a comment taken off the discussion says there is
nothing left to report, on a page of the story's with the way back to its
discussion; a comment sent to a story taken off the site comes back to
copy. Both had answered the site's bare "Page not found", the reader's
words lost."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from articles import services
from articles.models import Article, Comment, CommentFlag
from articles.services.comments import MESSAGES
from articles.views.comments import SENT_BACK_COOKIE
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_comment_sent_back import send
from tests.newsroom.test_health import redis_down  # noqa: F401

pytestmark = pytest.mark.django_db

NOT_FOUND = "The page you were looking for is not here"


def html(response) -> str:
    return response.content.decode()


def report(client, comment, prefix="", *, ip="198.51.100.7", **data):
    return client.post(
        f"{prefix}/comments/{comment.pk}/flag/",
        {"reason": "spam", "text": "Iklan judi, lagi.", **data},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def comment(story):
    return CommentFactory(article=story, text="Iklan judi online di sini.")


def take_off(comment, how, moderator):
    services.comment_moderate(comments=[comment], action=how, moderator=moderator)


def hide_by_reports(comment):
    """Readers on three networks report it: it leaves the site for the queue."""
    for n in range(3):
        assert report(Client(), comment, ip=f"192.0.{n + 2}.9").status_code == 303
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


# A report of a comment no longer shown


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("how", ["remove", "reject", "spam", "reports"])
def test_a_report_of_a_comment_taken_off_meanwhile_says_there_is_nothing_to_report(
    client, story, comment, moderator, how
):
    client.get(story.get_absolute_url(), {"report": comment.pk})  # the form open
    if how == "reports":
        hide_by_reports(comment)
    else:
        take_off(comment, how, moderator)
    flags = CommentFlag.objects.count()
    response = report(client, comment)
    assert response.status_code == 303  # reloading it sends nothing
    address = f"/comments/{comment.pk}/flag/"
    assert response["Location"] == f"{address}#report-problem"
    assert CommentFlag.objects.count() == flags
    page = client.get(response["Location"])
    assert page.status_code == 404
    assert NOT_FOUND not in html(page)
    assert "Nothing to report" in html(page)
    assert (
        "The comment you wanted to report is no longer shown in the discussion, "
        "so there is nothing to report." in html(page)
    )
    assert 'id="report-problem"' in html(page)
    # The story's own page: its headline, and the way back to its discussion.
    assert escape(story.title) in html(page)
    assert f'href="{story.get_absolute_url()}#comments"' in html(page)
    assert "Back to the discussion" in html(page)
    # Nothing of the comment itself.
    assert "Iklan judi online" not in html(page)
    assert "no-store" in page["Cache-Control"]


@pytest.mark.usefixtures("english")
def test_the_report_address_of_a_removed_comment_says_so_until_it_is_restored(
    client, story, comment, moderator
):
    address = f"/comments/{comment.pk}/flag/"
    take_off(comment, "remove", moderator)
    for method in (client.get, client.head):
        assert method(address).status_code == 404
    assert "there is nothing to report" in html(client.get(address))
    take_off(comment, "restore", moderator)
    assert client.get(address)["Location"] == comment.get_absolute_url()
    response = report(client, comment)
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert CommentFlag.objects.filter(comment=comment).exists()


@pytest.mark.usefixtures("english")
def test_a_report_kept_to_send_again_is_forgotten_once_the_comment_is_gone(
    client, story, comment, moderator
):
    refused = report(client, comment, reason="other", text="")  # "Other" needs words
    assert refused.status_code == 303
    take_off(comment, "remove", moderator)
    page = client.get(refused["Location"])
    assert page.status_code == 404
    assert "there is nothing to report" in html(page)
    assert "Your report was not sent" not in html(page)
    assert page.cookies[SENT_BACK_COOKIE]["max-age"] == 0


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_only_a_comment_readers_saw_is_said_to_be_no_longer_shown(
    client, story, moderator, status
):
    """One waiting for a moderator, or turned down on arrival: the address
    says nothing of it, nor which story it was sent to, as for no comment at
    all; one readers saw and a moderator removed has its page."""
    removed = CommentFactory(article=story)
    take_off(removed, "remove", moderator)
    assert "there is nothing to report" in html(
        client.get(report(client, removed)["Location"])
    )
    unseen = CommentFactory(article=story, status=status)
    for response in (
        report(client, unseen),
        client.get(f"/comments/{unseen.pk}/flag/"),
    ):
        assert response.status_code == 404
        assert NOT_FOUND in html(response)
        assert escape(story.title) not in html(response)
    never = SimpleNamespace(pk=Comment.objects.order_by("-pk").first().pk + 1)
    assert html(report(client, unseen)) == html(report(client, never))


@pytest.mark.parametrize("prefix, language", [("", "id"), ("/en", "en")])
def test_the_nothing_to_report_page_is_in_the_editions_language(
    client, section, moderator, prefix, language
):
    story = ArticleFactory(section=section, language=language, meeting=None)
    comment = CommentFactory(article=story)
    take_off(comment, "remove", moderator)
    page = client.get(report(client, comment, prefix)["Location"])
    assert page.status_code == 404
    assert f'<html lang="{language}">' in html(page)
    with translation.override(language):
        assert escape(str(MESSAGES["flag_comment_gone"])) in html(page)
        assert escape(translation.gettext("Back to the discussion")) in html(page)
    assert f'href="{story.get_absolute_url()}#comments"' in html(page)


# A comment sent to a story no longer on the site

TYPED = 'Saya setuju. <script>alert("x")</script> & "kutipan"'


@pytest.fixture
def gone(story, desk_editor):
    """The story, unpublished while the reader wrote."""
    services.article_unpublish(article=story, user=desk_editor, note="Ditarik")
    story.refresh_from_db()
    assert not story.is_public
    return story


@pytest.mark.usefixtures("english")
def test_a_comment_to_a_story_unpublished_meanwhile_comes_back_to_copy(client, gone):
    response = send(client, gone, text=TYPED)
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{gone.pk}/comments/#comment-errors"
    assert not Comment.objects.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert NOT_FOUND not in html(page)
    assert "This story is no longer on the site" in html(page)
    assert (
        "This story is no longer on the site, so your comment could not be "
        "posted. Your text is kept below for you to copy." in html(page)
    )
    # The text as typed, escaped, in a box to copy from, with nothing to send it.
    assert f">{escape(TYPED)}</textarea>" in html(page)
    assert "<script>alert" not in html(page)
    assert "readonly" in html(page).split('id="new-comment-text"', 1)[1].split(">")[0]
    assert "/comments/#comment-errors" not in html(page)  # no form sending it
    assert 'name="text"' not in html(page)
    # Nothing of the story: neither its headline nor its address.
    assert escape(gone.title) not in html(page)
    assert gone.slug not in html(page)
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    # Anyone else at that address learns nothing either: not found, not sent
    # on to the story's old address.
    visit = Client().get(f"/articles/{gone.pk}/comments/")
    assert visit.status_code == 404
    assert gone.slug not in html(visit)


@pytest.mark.usefixtures("english")
def test_a_comment_to_a_draft_is_not_found_as_to_a_story_that_never_existed(
    client, section
):
    """A draft was never on the site: no "no longer on the site", nothing
    kept (tests/articles/test_comments_never_public.py: every such address)."""
    draft = ArticleFactory(section=section, draft=True, title="Judul rahasia")
    missing = Article.objects.order_by("-pk").first().pk + 1
    for pk in (draft.pk, missing):
        response = send(client, Article(pk=pk), text="Komentar saya.")
        assert response.status_code == 404
        assert NOT_FOUND in html(response)
        assert "This story is no longer on the site" not in html(response)
        assert SENT_BACK_COOKIE not in response.cookies
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("english")
def test_a_kept_comment_shows_why_now_when_the_story_leaves_meanwhile(
    client, story, desk_editor
):
    """Sent back for another reason (too long), then the story is taken off:
    reloading says why it cannot be sent now, the text still there."""
    address = send(client, story, text="x" * 6000)["Location"]
    services.article_unpublish(article=story, user=desk_editor)
    page = client.get(address)
    assert page.status_code == 200
    assert "This story is no longer on the site" in html(page)
    assert "at most 5,000 characters" not in html(page)
    assert ">" + "x" * 6000 + "</textarea>" in html(page)


@pytest.mark.usefixtures("english", "redis_down")
def test_without_the_cache_the_text_comes_back_at_once(client, gone):
    response = send(client, gone, text=TYPED)
    assert response.status_code == 404
    assert "This story is no longer on the site" in html(response)
    assert f">{escape(TYPED)}</textarea>" in html(response)
    assert escape(gone.title) not in html(response)


@pytest.mark.usefixtures("english")
def test_a_comment_sent_without_its_token_to_a_story_taken_off_comes_back_too(gone):
    """From a page the cache shared, by a browser without scripts."""
    reader = Client(enforce_csrf_checks=True)
    response = send(reader, gone, text="Tanpa token.", csrfmiddlewaretoken="")
    assert response.status_code == 303
    page = reader.get(response["Location"])
    assert "This story is no longer on the site" in html(page)
    assert "press the send button once more" not in html(page)
    assert ">Tanpa token.</textarea>" in html(page)


@pytest.mark.parametrize("prefix, language", [("", "id"), ("/en", "en")])
def test_the_story_gone_page_is_in_the_editions_language(
    client, section, prefix, language
):
    story = ArticleFactory(
        section=section, language=language, status=Article.Status.UNPUBLISHED
    )
    response = client.post(
        f"{prefix}/articles/{story.pk}/comments/",
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": "Teks saya.",
            "rendered_at": "",
        },
    )
    assert response.status_code == 303
    assert response["Location"].startswith(f"{prefix}/articles/{story.pk}/")
    page = client.get(response["Location"])
    assert f'<html lang="{language}">' in html(page)
    with translation.override(language):
        assert escape(str(MESSAGES["story_gone"])) in html(page)
    assert ">Teks saya.</textarea>" in html(page)
