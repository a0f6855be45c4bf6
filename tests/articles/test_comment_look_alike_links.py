"""A look-alike link (a host in another script: "pаypal.com" with a Cyrillic
а) reads to moderators and to a reader reporting it as readers' links lead,
in punycode and marked, by the rule the readers' rendering uses; it had
read as the genuine site in the queue, on the comment's page and in the
report page's quote."""

import pytest
from django.urls import reverse

from articles.templatetags.comments_tags import comment_text, links_as_readers_get_them
from tests.articles.comment_factories import CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TYPED = "https://p\u0430ypal.com/login"  # а: Cyrillic
PUNYCODE = "https://xn--pypal-4ve.com/login"
NOTE = "look-alike address: its name is written in another script"
MARKED = f'<mark class="look-alike">{PUNYCODE}</mark>'
QUEUE = "/admin/articles/comment/"


@pytest.fixture
def look_alike(story):
    return CommentFactory(
        article=story, pending=True, text=f"Masuk di {TYPED} untuk hadiahnya."
    )


def test_the_queue_shows_a_look_alike_link_as_readers_get_it_marked(
    moderator_client, look_alike
):
    html = moderator_client.get(QUEUE).content.decode()
    assert f"Masuk di {MARKED}" in html
    assert NOTE in html
    assert "p\u0430ypal" not in html


def test_a_comments_page_lists_its_links_as_readers_get_them(
    moderator_client, look_alike
):
    url = reverse("admin:articles_comment_change", args=[look_alike.pk])
    html = moderator_client.get(url).content.decode()
    assert "Links as readers get them" in html
    field = html.split("field-links_shown", 1)[1].split('class="readonly">', 1)[1]
    field = field.split("</div>", 1)[0]
    assert MARKED in field and NOTE in field
    # The text box holds the text as typed, to edit; nothing else shows it
    # (the page's title and heading had).
    assert html.count("p\u0430ypal") == 1
    assert f'id="id_text">\nMasuk di {TYPED}' in html


def test_the_report_page_quotes_a_look_alike_link_as_readers_get_it(client, story):
    comment = CommentFactory(article=story, text=f"Masuk di {TYPED} sekarang.")
    sent = client.post(
        f"/comments/{comment.pk}/flag/",
        {"reason": "other", "text": ""},
        REMOTE_ADDR="198.51.100.7",
    )
    html = client.get(sent["Location"]).content.decode()
    quote = html.split('<blockquote class="comment__text"', 1)[1]
    quote = quote.split("</blockquote>", 1)[0]
    assert f"Masuk di {MARKED}" in quote and NOTE in quote
    assert "p\u0430ypal" not in html


def test_readers_and_moderators_read_the_same_links():
    text = (
        f"{TYPED} dan https://bnpt.go.id/ dan https://bnpt.go.id@evil.example/ "
        "dan https://m\u00fcnchen.de:8080/x."
    )
    linked = str(comment_text(text))
    shown = str(links_as_readers_get_them(text))
    for target in (PUNYCODE, "https://xn--mnchen-3ya.de:8080/x"):
        assert f'href="{target}"' in linked
        assert f'<mark class="look-alike">{target}</mark>' in shown
    assert "https://bnpt.go.id/ dan" in shown  # plain ASCII: as typed, unmarked
    # A user name before the host: no link for readers, typed text for both.
    assert "https://bnpt.go.id@evil.example/" in linked
    assert "https://bnpt.go.id@evil.example/ dan" in shown
    assert shown.count("look-alike address") == 2


def test_a_cut_quote_never_cuts_a_look_alike_host():
    shown = str(links_as_readers_get_them(f"Lihat {TYPED} lalu masuk saja.", 12))
    assert shown.startswith(f"Lihat {MARKED}")
    assert shown.endswith("…")
    assert "lalu" not in shown
    assert str(links_as_readers_get_them("<b>pendek</b>", 280)) == (
        "&lt;b&gt;pendek&lt;/b&gt;"
    )


def test_the_remove_page_and_the_start_page_show_it_as_readers_get_it(
    moderator_client, story
):
    from tests.articles.test_moderation_asks_first import asked, row

    # Shown and flagged by readers: in the queue, Reject asks first.
    shown = CommentFactory(
        article=story, text=f"Masuk di {TYPED} sekarang.", flag_count=2
    )
    page = moderator_client.get(asked(row(moderator_client, shown, "reject")))
    html = page.content.decode()
    assert page.templates[0].name == "admin/articles/comment/remove_confirmation.html"
    assert f"Masuk di {MARKED}" in html and "p\u0430ypal" not in html

    # The start page's comments waiting for moderation, the same.
    CommentFactory(article=story, pending=True, text=f"Lihat {TYPED}")
    start = moderator_client.get("/admin/").content.decode()
    assert f"Lihat {MARKED}" in start and "p\u0430ypal" not in start
