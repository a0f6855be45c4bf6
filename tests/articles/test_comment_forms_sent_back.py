"""A comment or a report that comes back to its reader unsent: what the
page says, and what it puts back in the form."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.forms import sign_rendered_at
from articles.models import Comment
from tests.articles.comment_factories import CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def send(client, story, text, *, headers=None, **more):
    """A reader's comment as the form posts it; `more` the form's other
    values, `headers` the request's (secure=True among them)."""
    return client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Sari",
            "author_email": "sari@example.org",
            "text": text,
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=20)),
            "website": "",
            **more,
        },
        REMOTE_ADDR="198.51.100.7",
        **(headers or {}),
    )


def sent_back(client, response):
    """The page a comment that was not posted, or a report not sent, comes
    back on (Post/Redirect/Get): the POST answers 303 to the form's own
    address, which shows it."""
    assert response.status_code == 303, response.status_code
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def textarea(html: str, form_id: str = "new-comment") -> str:
    form = html.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    return re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.DOTALL).group(1)


# Over the limit


def test_a_huge_comment_comes_back_cut_at_twice_the_limit_and_says_so(
    client, story, settings
):
    limit = settings.COMMENTS_MAX_LENGTH
    a_little_over = "kata " * (limit // 5 + 100)
    response = sent_back(client, send(client, story, a_little_over.strip()))
    html = response.content.decode()
    assert textarea(html) == a_little_over.strip()  # whole, to shorten
    assert "the rest was cut" not in html

    typed = "".join(f"{n % 10}" for n in range(1_000_000))
    response = sent_back(client, send(client, story, typed))
    html = response.content.decode()
    assert len(response.content) < 200_000  # not a megabyte
    assert textarea(html) == typed[: 2 * limit]
    assert "Only the first 10,000 characters of what you wrote are kept here" in html
    assert "the rest was cut." in html
    assert "at most 5,000 characters; yours has 1,000,000." in html
    assert not Comment.objects.exists()


def test_a_huge_name_comes_back_cut_too(client, story):
    response = send(client, story, "Komentar biasa.", author_name="N" * 100_000)
    response = sent_back(client, response)
    html = response.content.decode()
    assert len(response.content) < 200_000
    # Its box takes 80 (maxlength): no more comes back, said as the name.
    assert 'value="' + "N" * 80 + '"' in html
    assert 'value="' + "N" * 81 not in html
    assert "Only the first 80 characters of the name you gave are kept here" in html


def test_a_huge_report_comes_back_cut(client, story):
    comment = CommentFactory(article=story)
    response = client.post(
        reverse("articles:comment_flag", args=[comment.pk]),
        {"reason": "other", "text": "x" * 1_000_000},
    )
    response = sent_back(client, response)
    html = response.content.decode()
    assert len(response.content) < 100_000
    assert "x" * 1000 + "</textarea>" in html
    assert "x" * 1001 not in html
    assert "Only the first 1,000 characters" in html


# The report's error page


def test_a_report_sent_back_shows_the_comment_it_is_about(client, story):
    long_text = "Pejabat itu berbohong soal anggaran rapat. " * 20
    comment = CommentFactory(
        article=story, author_name="Budi Santoso", text=long_text.strip()
    )
    response = client.post(
        reverse("articles:comment_flag", args=[comment.pk]),
        {"reason": "", "text": ""},
    )
    html = sent_back(client, response).content.decode()
    assert "Your report was not sent" in html
    assert "The comment you are reporting:" in html
    assert "<bdi>Budi Santoso</bdi>" in html
    assert "Pejabat itu berbohong soal anggaran rapat." in html
    assert long_text.strip() not in html  # a short quote, not all of it
    quote = re.search(r"<blockquote[^>]*><p>(.*?)</p>", html, re.DOTALL).group(1)
    assert len(quote) <= 280


def test_the_quote_of_a_reported_comment_is_escaped(client, story):
    comment = CommentFactory(
        article=story, author_name="<b>Budi</b>", text="<script>x()</script>"
    )
    response = client.post(
        reverse("articles:comment_flag", args=[comment.pk]), {"reason": ""}
    )
    html = sent_back(client, response).content.decode()
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html
    assert "<b>Budi</b>" not in html


# Sent from a page shared by the page cache, without scripts


@pytest.fixture
def csrf_client(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    client.handler.enforce_csrf_checks = True
    return client


def test_the_first_send_from_a_shared_page_says_press_send_once_more(
    csrf_client, story
):
    csrf_client.get(story.get_absolute_url())
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Pembaca",
            "author_email": "pembaca@example.com",
            "text": "Komentar tanpa skrip.",
        },
    )
    html = sent_back(csrf_client, response).content.decode()
    assert "Your comment is ready to send" in html
    assert "press the send button once more" in html
    assert "was not sent" not in html and "missing" not in html
    # In a reader's words: it had spoken of "the page's security token".
    notice = html.split('id="comment-errors"', 1)[1].split("</div>", 1)[0]
    assert "press the send button once more to send it." in notice
    assert "Nothing you wrote is lost." in notice
    assert "token" not in notice and "saved for all readers" not in notice
    assert textarea(html) == "Komentar tanpa skrip."
    assert not Comment.objects.exists()


def notice_box(html: str) -> str:
    """The opening tag of the box the form comes back with (#comment-errors)."""
    return re.search(r'<div[^>]* id="comment-errors"[^>]*>', html)[0]


def test_ready_to_send_is_an_information_notice_not_an_error(csrf_client, story):
    """Nothing is wrong with the comment (the first press only collected the
    token): a notice read out politely, not the red error box."""
    csrf_client.get(story.get_absolute_url())
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {"author_name": "Pembaca", "author_email": "p@example.com", "text": "Halo."},
    )
    html = sent_back(csrf_client, response).content.decode()
    box = notice_box(html)
    assert 'role="status"' in box and 'class="form-notice"' in box
    assert 'role="alert"' not in box and "error-summary" not in html
    notice = html.split(box, 1)[1].split("</div>", 1)[0]
    assert "Your comment is ready to send" in notice
    assert "press the send button once more" in notice
    # A comment with a mistake still comes back in the error box.
    response = send(csrf_client, story, "")
    box = notice_box(sent_back(csrf_client, response).content.decode())
    assert 'role="alert"' in box and 'class="error-summary"' in box


def test_a_stale_token_also_says_press_send_once_more(csrf_client, story):
    csrf_client.get(reverse("articles:comment_tokens"))
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Pembaca",
            "author_email": "pembaca@example.com",
            "text": "Komentar dari tab lama.",
            "csrfmiddlewaretoken": "x" * 64,
        },
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your comment is ready to send" in html
    assert "press the send button once more" in html
    assert "security check was out of date" in html
    assert textarea(html) == "Komentar dari tab lama."
