"""A story's share links (plain links, no third-party script), its copy-link
field and button, and its byline's link to the author's page."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from articles.models import AuthorProfile
from articles.sharing import share_links
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TRICKY = 'BNPT & PPATK: who pays? #JWG "ke-4" it\'s 100%'


@pytest.fixture
def story():
    return ArticleFactory(title=TRICKY, slug="bnpt-ppatk", meeting=None)


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def share_hrefs(html) -> dict[str, str]:
    """The share links as a reader's browser reads them: service → href."""
    return {
        service: unescape(href)
        for service, href in re.findall(
            r'class="share__link share__link--(\w+)" href="([^"]+)"', html
        )
    }


def test_each_service_gets_the_canonical_address_and_the_title_intact(client, story):
    url = f"http://testserver{story.get_absolute_url()}"
    links = share_hrefs(page(client, story))
    assert list(links) == ["whatsapp", "telegram", "facebook", "x", "email"]

    def query(href):
        return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}

    assert links["whatsapp"].startswith("https://wa.me/?text=")
    assert query(links["whatsapp"]) == {"text": f"{TRICKY} {url}"}
    assert links["telegram"].startswith("https://t.me/share/url?")
    assert query(links["telegram"]) == {"url": url, "text": TRICKY}
    assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(links["facebook"]) == {"u": url}
    assert links["x"].startswith("https://x.com/intent/post?")
    assert query(links["x"]) == {"url": url, "text": TRICKY}
    assert links["email"].startswith("mailto:?")
    assert query(links["email"]) == {
        "subject": TRICKY,
        "body": f"{TRICKY}\r\n\r\n{url}",
    }


def test_the_title_s_characters_are_percent_encoded_not_left_to_break_the_link():
    link = share_links("https://example.org/a/?b=1#c", 'A & B? #1 "q" 5% +')[1]
    assert link.href == (
        "https://t.me/share/url?url=https%3A%2F%2Fexample.org%2Fa%2F%3Fb%3D1%23c"
        "&text=A%20%26%20B%3F%20%231%20%22q%22%205%25%20%2B"
    )


def test_share_links_leave_no_referrer_or_opener_and_name_their_service(client, story):
    html = page(client, story)
    links = re.findall(r'<a class="share__link[^>]*>', html)
    assert len(links) == 5
    assert all('rel="noopener noreferrer"' in link for link in links)
    assert all("target=" not in link for link in links)
    assert 'aria-label="Bagikan lewat WhatsApp">WhatsApp</a>' in html
    assert "Bagikan berita ini" in html


def test_the_english_edition_says_share_in_english(client):
    story = ArticleFactory(language="en", title="JWG", meeting=None)
    html = page(client, story)
    assert "Share this story" in html
    assert 'aria-label="Share on Telegram">Telegram</a>' in html
    assert ">Copy link</button>" in html


def test_no_third_party_script_picture_or_frame_on_the_page(client, story):
    html = page(client, story)
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)
    assert "/static/js/copy_link.js" in scripts
    assert not re.search(r"<script(?![^>]*\b(src|type=\"application/ld\+json\"))", html)
    assert not re.search(r"<(img|iframe|source)[^>]+(src|srcset)=\"https?://", html)
    assert not re.search(r"\son[a-z]+=", html)  # no inline handlers
    assert 'rel="preconnect"' not in html


def test_the_copy_link_button_waits_for_its_script_and_the_address_is_there_without(
    client, story
):
    html = page(client, story)
    url = f"http://testserver{story.get_absolute_url()}"
    field = re.search(r'<input class="share__url"[^>]*>', html).group(0)
    assert 'id="share-url"' in field and "readonly" in field
    assert f'value="{url}"' in field
    assert '<label class="share__copy-label" for="share-url">Tautan berita ini' in html
    button = re.search(r'<button class="[^"]*share__copy-button[^>]*>', html).group(0)
    assert " hidden" in button  # shown by copy_link.js only
    assert 'data-copy-from="share-url"' in button
    assert 'role="status"' in html


def test_a_preview_has_no_share_links(editor_client, story):
    response = editor_client.get(f"/preview/articles/{story.pk}/")
    assert response.status_code == 200
    assert "share__link" not in response.content.decode()


# The byline


def profile_for(user, **fields):
    return AuthorProfile.objects.create(
        user=user, name="Rina Wulandari", slug="rina-wulandari", **fields
    )


def test_a_byline_links_to_the_author_s_public_page(client, editor):
    profile_for(editor)
    story = ArticleFactory(byline="Rina Wulandari", created_by=editor)
    html = page(client, story)
    assert (
        'Oleh <a href="/authors/rina-wulandari/" rel="author">Rina Wulandari</a>'
        in html
    )


def test_a_byline_stays_plain_without_a_public_page(client, editor, django_user_model):
    profile_for(editor, is_public=False)
    hidden = ArticleFactory(byline="Rina Wulandari", created_by=editor)
    nobody = django_user_model.objects.create_user("stringer")
    plain = ArticleFactory(byline="A stringer", created_by=nobody)
    assert "Oleh Rina Wulandari" in page(client, hidden)
    assert 'rel="author"' not in page(client, hidden)
    assert "Oleh A stringer" in page(client, plain)
    assert 'rel="author"' not in page(client, ArticleFactory(byline="Wire"))


def test_the_byline_s_link_costs_no_query(client, editor, django_assert_num_queries):
    from tests.articles.test_views import ARTICLE_QUERIES

    profile_for(editor)
    story = ArticleFactory(byline="Rina", created_by=editor, tags=["bali"])
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert 'rel="author"' in page(client, story)
