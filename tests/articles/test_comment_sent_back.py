"""A comment that cannot be posted comes back to its reader from a GET
(Post/Redirect/Get): Back, Forward and reload never send the form again
nor ask to (Chromium's "Confirm Form Resubmission", ERR_CACHE_MISS). What
they typed is kept for them alone: never in a page the page cache shares."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone, translation

from articles.forms import sign_rendered_at
from articles.models import Article, Comment
from articles.services.comments import comment_text_error
from articles.views.comments import SENT_BACK_COOKIE, SENT_BACK_SECONDS
from tests.articles.factories import ArticleFactory
from tests.newsroom.test_health import redis_down  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TYPED = ("Teks saya yang terlalu panjang. " * 200).strip()  # 6,399 characters


def send(client, story, text=TYPED, **more):
    return client.post(
        f"/articles/{story.pk}/comments/",
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": text,
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
            **more,
        },
        REMOTE_ADDR="198.51.100.7",
    )


def html(response) -> str:
    return response.content.decode()


def test_a_refused_comment_answers_a_redirect_not_a_page(client, story):
    response = send(client, story)
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{story.pk}/comments/#comment-errors"
    assert response.content == b""  # nothing for Back or reload to send again
    assert not Comment.objects.exists()


def test_the_forms_address_shows_it_again_at_every_visit(client, story):
    """Reloaded, or come back to with Back and Forward: the same page, the
    text and the error with it."""
    address = send(client, story)["Location"]
    for _visit in range(3):
        page = client.get(address)
        assert page.status_code == 200
        assert "Your comment was not sent" in html(page)
        assert "A comment can have at most 5,000 characters; yours has 6,399." in html(
            page
        )
        assert f">{TYPED}</textarea>" in html(page)
        assert 'value="sari@example.org"' in html(page)


def test_the_page_it_comes_back_on_is_never_stored(client, story, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    page = client.get(send(client, story)["Location"])
    control = page["Cache-Control"]
    assert "no-store" in control and "private" in control
    assert "X-Page-Cache" not in page
    # The reader's own: their security token in the form, not the blanks of
    # a shared page.
    assert 'name="csrfmiddlewaretoken" value=""' not in html(page)
    assert 'name="rendered_at" value=""' not in html(page)


def test_the_key_is_sent_to_the_forms_address_alone_and_to_no_script(client, story):
    cookie = send(client, story).cookies[SENT_BACK_COOKIE]
    assert cookie["path"] == f"/articles/{story.pk}/comments/"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == SENT_BACK_SECONDS


def test_nobody_else_sees_what_a_reader_typed(client, story, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    address = send(client, story)["Location"]
    other = Client()
    visit = other.get(address)
    assert visit.status_code == 302
    assert visit["Location"] == f"{story.get_absolute_url()}#comments"
    assert "no-store" in visit["Cache-Control"]
    # The story's page, shared by the page cache, carries nothing of it,
    # stored before or after, for the reader or anyone else.
    for reader in (other, client, Client()):
        page = reader.get(story.get_absolute_url())
        assert page.status_code == 200
        assert "Teks saya" not in html(page)
        assert "sari@example.org" not in html(page)
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_kept_form_shows_only_at_its_own_storys_address(client, story, section):
    """A browser sends the key to its form's address alone; Django's test
    client sends every cookie everywhere, like a forged one would."""
    send(client, story)
    another = ArticleFactory(section=section, language="en", meeting=None)
    visit = client.get(f"/articles/{another.pk}/comments/")
    assert visit.status_code == 302
    assert visit["Location"] == f"{another.get_absolute_url()}#comments"


def test_a_key_the_site_did_not_sign_is_ignored(story):
    reader = Client()
    reader.cookies[SENT_BACK_COOKIE] = "guessed"
    visit = reader.get(f"/articles/{story.pk}/comments/")
    assert visit.status_code == 302


def test_once_the_comment_is_posted_the_kept_form_is_forgotten(client, story):
    address = send(client, story)["Location"]
    posted = send(client, story, text="Sekarang cukup pendek.")
    assert posted.status_code == 303
    assert posted["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
    assert posted.cookies[SENT_BACK_COOKIE]["max-age"] == 0  # deleted
    assert client.get(address).status_code == 302  # on to the discussion


def test_a_second_refusal_replaces_the_first(client, story):
    first = send(client, story)
    earlier = first.cookies[SENT_BACK_COOKIE].value
    second = send(client, story, text="", author_email="bukan-email")
    assert second.cookies[SENT_BACK_COOKIE].value != earlier  # a new key each time
    page = html(client.get(second["Location"]))
    assert "Write your comment." in page
    assert 'value="bukan-email"' in page
    assert "Teks saya" not in page
    # The first is forgotten, not left in the cache for its hour.
    client.cookies[SENT_BACK_COOKIE] = earlier
    assert client.get(second["Location"]).status_code == 302


def test_a_closed_discussion_keeps_the_text_to_copy(client, story):
    Article.objects.filter(pk=story.pk).update(comment_policy="closed")
    page = html(client.get(send(client, story, text="Tulisan saya.")["Location"]))
    assert "Comments are closed." in page
    assert "Your comment was not sent" in page
    assert ">Tulisan saya.</textarea>" in page
    assert "readonly" in page.split('id="new-comment-text"', 1)[1].split(">", 1)[0]
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("redis_down")
def test_without_the_cache_the_form_comes_back_at_once(client, story):
    """Nothing can be kept: the page comes back as the POST's answer, as it
    did before, and the text is not lost."""
    response = send(client, story)
    assert response.status_code == 400
    assert f">{TYPED}</textarea>" in html(response)
    assert SENT_BACK_COOKIE not in response.cookies


def test_a_network_sending_back_form_after_form_gets_them_at_once(client, settings):
    """A flood of refused posts cannot fill the cache: past the network's
    limit the form comes back as the POST's answer, nothing kept."""
    settings.READER_RATES = {**settings.READER_RATES, "comment_sent_back": ["2/m"]}
    story = ArticleFactory(language="en", meeting=None, comment_policy="post")
    assert [send(Client(), story).status_code for _ in range(3)] == [303, 303, 400]


# Numbers in what the reader is told


def test_lengths_are_written_as_the_readers_language_writes_numbers(settings):
    settings.COMMENTS_MAX_LENGTH = 3000
    with translation.override("en"):
        told = comment_text_error("x", "x" * 3_000_000)
    assert "at most 3,000 characters" in told and "3,000,000." in told
    with translation.override("id"):
        told = comment_text_error("x", "x" * 3_000_000)
    assert "3.000" in told and "3.000.000." in told
    assert "3000" not in told


@override_settings(USE_THOUSAND_SEPARATOR=False)
def test_the_discussion_counts_its_comments_with_grouped_digits(client, story):
    Article.objects.filter(pk=story.pk).update(approved_comment_count=1234)
    assert "1,234 comments" in html(client.get(story.get_absolute_url()))


def test_a_comment_sent_without_its_token_says_at_once_what_to_change(story):
    """A reader without scripts sends from a shared page (no token yet): the
    form came back saying it was ready to send, and only the second press
    said the comment was too long."""
    reader = Client(enforce_csrf_checks=True)
    response = send(reader, story, csrfmiddlewaretoken="")
    assert response.status_code == 303
    page = html(reader.get(response["Location"]))
    assert "Your comment was not sent" in page
    assert "ready to send" not in page
    assert "at most 5,000 characters; yours has 6,399." in page
    assert TYPED in page  # nothing lost
    # A comment with nothing to change is still called ready.
    again = send(reader, story, text="Kerja sama yang baik.", csrfmiddlewaretoken="")
    assert "Your comment is ready to send" in html(reader.get(again["Location"]))
    assert not Comment.objects.exists()
