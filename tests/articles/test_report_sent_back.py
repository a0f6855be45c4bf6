"""A report of a comment that is not sent (a reason the rules refuse, too
many reports at once) comes back to its reader from a GET, as a comment
does (Post/Redirect/Get, test_comment_sent_back.py): Back after the report
is sent again never asks to send it twice (Chromium's "Confirm Form
Resubmission", ERR_CACHE_MISS)."""

import pytest
from django.test import Client
from django.urls import clear_url_caches

from articles.models import CommentFlag
from articles.views.comments import SENT_BACK_COOKIE, SENT_BACK_SECONDS
from tests.articles.comment_factories import CommentFactory
from tests.articles.test_comment_sent_back import send as send_comment
from tests.newsroom.test_health import redis_down  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def comment(story):
    return CommentFactory(article=story, text="Iklan judi online.")


def report(client, comment, prefix="", **data):
    return client.post(
        f"{prefix}/comments/{comment.pk}/flag/",
        {"reason": "other", "text": "", **data},
        REMOTE_ADDR="198.51.100.7",
    )


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_refused_report_answers_a_redirect_not_a_page(
    client, comment, prefix, settings
):
    if prefix:  # the English edition beside the Indonesian one at the root
        settings.LANGUAGE_CODE = "id"
        clear_url_caches()
    response = report(client, comment, prefix)
    assert response.status_code == 303
    address = f"{prefix}/comments/{comment.pk}/flag/"
    assert response["Location"] == f"{address}#report-problem"
    assert response.content == b""  # nothing for Back or reload to send again
    cookie = response.cookies[SENT_BACK_COOKIE]
    assert cookie["path"] == address
    assert cookie["httponly"] is True
    assert int(cookie["max-age"]) == SENT_BACK_SECONDS
    assert not CommentFlag.objects.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'id="report-problem"' in html(page)
    assert f'action="{address}#report-problem"' in html(page)
    clear_url_caches()


def test_the_reports_address_shows_it_again_at_every_visit(client, comment):
    """Reloaded, or come back to with Back and Forward (after the report
    that was then sent, too): the same page, why and what was chosen."""
    address = report(client, comment, text="  ")["Location"]
    for _visit in range(3):
        page = client.get(address)
        assert page.status_code == 200
        assert "Your report was not sent" in html(page)
        assert "Tell the moderators what is wrong with it." in html(page)
        assert '<option value="other" selected>' in html(page)
        assert "Iklan judi online." in html(page)  # the comment it is about
        control = page["Cache-Control"]
        assert "no-store" in control and "private" in control
        # The reader's own page: their security token, not a shared page's blank.
        assert 'name="csrfmiddlewaretoken" value=""' not in html(page)


def test_a_report_over_the_limit_comes_back_from_a_get_too(client, story, settings):
    settings.READER_RATES = {**settings.READER_RATES, "flag": ["1/m"]}
    first, second = CommentFactory.create_batch(2, article=story)
    assert report(client, first, text="Judi.").status_code == 303
    response = report(client, second, text="Judi juga.")
    assert response.status_code == 303
    assert "Retry-After" not in response  # said on the page, as a time
    page = html(client.get(response["Location"]))
    assert "Please wait a moment" in page
    assert "You have sent several reports in a short time." in page
    assert ">Judi juga.</textarea>" in page
    assert CommentFlag.objects.count() == 1


def test_nobody_else_sees_what_a_reader_reported(client, comment):
    address = report(client, comment, text="  ")["Location"]
    visit = Client().get(address)
    assert visit.status_code == 302
    assert visit["Location"] == comment.get_absolute_url()
    assert "no-store" in visit["Cache-Control"]


def test_a_comments_kept_form_does_not_show_at_a_reports_address(
    client, story, comment
):
    """Django's test client sends every cookie everywhere, as a forged one
    would; each kept form shows at its own address alone."""
    assert send_comment(client, story).status_code == 303
    visit = client.get(f"/comments/{comment.pk}/flag/")
    assert visit.status_code == 302
    assert visit["Location"] == comment.get_absolute_url()


def test_once_the_report_is_sent_the_kept_one_is_forgotten(client, comment):
    address = report(client, comment)["Location"]
    sent = report(client, comment, text="Iklan, bukan pendapat.")
    assert sent.status_code == 303
    assert sent["Location"] == comment.get_absolute_url()
    assert sent.cookies[SENT_BACK_COOKIE]["max-age"] == 0  # deleted
    assert CommentFlag.objects.get().text == "Iklan, bukan pendapat."
    assert client.get(address).status_code == 302  # on to the comment


@pytest.mark.usefixtures("redis_down")
def test_without_the_cache_the_report_comes_back_at_once(client, comment):
    response = report(client, comment, text="  ")
    assert response.status_code == 400
    assert "Your report was not sent" in html(response)
    assert SENT_BACK_COOKIE not in response.cookies
