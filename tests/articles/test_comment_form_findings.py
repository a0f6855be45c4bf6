"""A tester's findings on the readers' comment form: a report sent again
within the rate limit, a name or email sent back over its limit, the
comment's limit said before sending, and the first press from a shared page
said in a reader's words."""

import html as html_module
import re

import pytest
from django.utils import translation

from articles.forms import CommentForm
from articles.models import Comment, CommentFlag
from tests.articles.comment_factories import CommentFactory
from tests.articles.test_comment_forms_sent_back import send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return html_module.unescape(response.content.decode())


def report(client, comment, **data):
    return client.post(
        f"/comments/{comment.pk}/flag/",
        {"reason": "spam", "text": "", **data},
        REMOTE_ADDR="198.51.100.7",
    )


def sent_back(client, response) -> str:
    assert response.status_code == 303, response.status_code
    return page(client, response["Location"])


def input_value(html: str, name: str) -> str:
    form = html.split('id="new-comment"', 1)[1].split("</form>", 1)[0]
    return re.search(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', form)[1]


def textarea(html: str) -> str:
    form = html.split('id="new-comment"', 1)[1].split("</form>", 1)[0]
    return re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.DOTALL)[1]


# 1. A report of the same comment sent again quickly


def test_a_report_sent_again_over_the_limit_says_already_reported(
    client, story, settings
):
    settings.READER_RATES = {**settings.READER_RATES, "flag": ["1/m"]}
    comment = CommentFactory(article=story)
    assert report(client, comment).status_code == 303
    again = report(client, comment, reason="abusive")
    assert again.status_code == 303
    assert again["Location"] == comment.get_absolute_url()  # not the wait page
    html = page(client, story.get_absolute_url())
    assert "You have already reported this comment" in html
    assert "several reports in a short time" not in html
    assert CommentFlag.objects.count() == 1


def test_a_report_sent_again_writes_nothing_and_other_reports_still_count(
    client, story, settings
):
    settings.READER_RATES = {**settings.READER_RATES, "flag": ["2/m"]}
    first, second, third = CommentFactory.create_batch(3, article=story)
    assert report(client, first).status_code == 303
    assert report(client, first)["Location"] == first.get_absolute_url()
    # The second comment's report is sent: the repeat did not use up a place.
    assert report(client, second)["Location"] == second.get_absolute_url()
    response = report(client, third)
    assert response["Location"].endswith("/flag/#report-problem")
    assert "You have sent several reports in a short time." in page(
        client, response["Location"]
    )
    reported = CommentFlag.objects.values_list("comment", flat=True)
    assert sorted(reported) == [first.pk, second.pk]


# 2. A name or email sent back over its limit


def test_a_name_over_its_limit_comes_back_at_its_limit_called_a_name(client, story):
    text = "Komentar yang tidak boleh hilang. " * 100
    html = sent_back(client, send(client, story, author_name="N" * 100, text=text))
    assert "A name can have at most 80 characters." in html
    assert input_value(html, "author_name") == "N" * 80
    assert (
        "Only the first 80 characters of the name you gave are kept here: "
        "the rest was cut." in html
    )
    assert "what you wrote" not in html
    assert textarea(html) == text  # the comment itself, whole
    assert not Comment.objects.exists()


def test_an_email_over_its_limit_comes_back_at_its_limit_called_an_email(client, story):
    email = "a" * 300 + "@example.org"
    html = sent_back(client, send(client, story, "Komentar biasa.", author_email=email))
    assert "An email address can have at most 254 characters." in html
    assert input_value(html, "author_email") == email[:254]
    assert (
        "Only the first 254 characters of the email address you gave are kept "
        "here: the rest was cut." in html
    )
    assert "what you wrote" not in html
    assert textarea(html) == "Komentar biasa."


# 3. The comment's limit, said before it is sent


def test_the_comment_form_says_its_limit_without_cutting_a_paste(client, story):
    html = page(client, story.get_absolute_url())
    form = html.split('id="new-comment"', 1)[1].split("</form>", 1)[0]
    help_id = 'id="new-comment-text-help">'
    help_text = form.split(help_id, 1)[1].split("</p>", 1)[0]
    assert "At most 5,000 characters." in help_text
    box = re.search(r"<textarea[^>]*>", form)[0]
    assert "maxlength" not in box


def test_the_limit_is_written_as_indonesian_writes_numbers():
    with translation.override("id"):
        assert "5.000" in str(CommentForm().fields["text"].help_text)


# 4. The first press from a page stored for all readers, in a reader's words:
# test_comment_forms_sent_back.py, test_the_first_send_from_a_shared_page_…
