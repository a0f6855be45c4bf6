"""The public comment form through its view: control characters are left out
of what a reader sent before anything reads it, and no stack of accents is
kept taller than a script needs."""

import datetime as dt
import re
import unicodedata

import pytest

from articles.models import Comment
from newsroom.text import MAX_STACKED_MARKS
from tests.articles.factories import ArticleFactory
from tests.articles.test_comment_views import page_of, post_comment, sent_back, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def article(section, clock):
    """Post-moderated: a clean comment is public at once."""
    return ArticleFactory(
        section=section,
        language="en",
        meeting=None,
        comment_policy="post",
        published_at=clock.now - dt.timedelta(hours=1),
    )


# What a page may not hold: the C0 controls but tab and line ends.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_a_nul_in_the_name_and_text_is_left_out_and_the_comment_is_kept(
    client, article, clock
):
    """A NUL was refused with "Null characters are not allowed." and the
    name sent back raw inside the page."""
    response = post_comment(
        client, article, clock, author_name="Nul\x00Name", text="nul\x00text"
    )
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.author_name, comment.text) == ("NulName", "nultext")


def test_a_form_sent_back_holds_no_control_character(client, article, clock):
    response = post_comment(
        client,
        article,
        clock,
        author_name="Nul\x00Name\x0bBaru\x1b",
        author_email="not an address\x00",
        text="Baris\x00satu\x0cdua\x07",
    )
    html = text(sent_back(client, response))
    assert "Enter an email address like name@example.com." in html
    assert not CONTROL.search(html)
    assert 'value="NulName Baru"' in html
    assert 'value="not an address"' in html
    assert ">Barissatu\ndua</textarea>" in html


def test_a_stack_of_accents_is_kept_no_taller_than_a_script_needs(
    client, article, clock
):
    post_comment(
        client,
        article,
        clock,
        author_name="Sari" + "\u0336" * 30,
        text="kombinasi a" + "\u0301" * 24,
    )
    comment = Comment.objects.get(status=Comment.Status.APPROVED)
    assert comment.author_name == "Sari" + "\u0336" * MAX_STACKED_MARKS
    # Three accents drawn: the "á" and two more.
    assert comment.text == "kombinasi \u00e1" + "\u0301" * (MAX_STACKED_MARKS - 1)
    html = page_of(client, article.get_absolute_url())
    assert comment.text in html
    assert "\u0301" * (MAX_STACKED_MARKS + 1) not in html
    assert "\u0336" * (MAX_STACKED_MARKS + 1) not in html


@pytest.mark.parametrize(
    "words",
    [
        unicodedata.normalize("NFD", "Nguyễn Thị Hằng: người Việt được"),
        "ผู้ที่ได้รับผลกระทบ น้ำท่วม",
        "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ",
        "क़ों स्त्री ज़िंदगी",
    ],
    ids=["vietnamese-decomposed", "thai", "arabic", "devanagari"],
)
def test_a_comment_in_any_script_is_kept_as_typed(client, article, clock, words):
    post_comment(client, article, clock, author_name=words[:20], text=words)
    comment = Comment.objects.get()
    assert (comment.author_name, comment.text) == (words[:20].strip(), words)
