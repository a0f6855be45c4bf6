"""An article's body is rendered from Markdown once per text, not once per
request: the render is remembered by the text itself, so no change of the body
is ever missed, and the library images it shows are always the current ones."""

import pytest

from articles.models import Article
from articles.rendering import render_markdown, sanitised_markdown
from newsroom.media.models import Image
from newsroom.media.services import image_upload
from tests.articles.factories import ArticleFactory
from tests.newsroom.media.files import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_remembered():
    sanitised_markdown.cache_clear()
    yield
    sanitised_markdown.cache_clear()


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_same_body_is_rendered_once(client, section):
    article = ArticleFactory(section=section, body="Rapat **penting** hari ini.")
    assert "<strong>penting</strong>" in page(client, article)
    page(client, article)
    assert sanitised_markdown.cache_info().misses == 1


def test_a_body_changed_any_way_shows_at_once(client, section):
    article = ArticleFactory(section=section, body="Versi _pertama_.")
    assert '<em lang="en">pertama</em>' in page(client, article)
    # Not through the services: no write path can leave the page stale.
    Article.objects.filter(pk=article.pk).update(body="Versi **kedua**.")
    html = page(client, article)
    assert "<strong>kedua</strong>" in html
    assert "pertama" not in html


def test_the_language_is_part_of_what_is_remembered(section):
    body = "Sebuah _phrase_."
    assert '<em lang="en">' in render_markdown(body, language="id")
    assert "<em>phrase</em>" in render_markdown(body, language="en")


def test_a_shared_render_is_used_by_another_process(section):
    body = "Teks yang *sama*."
    first = render_markdown(body, language="id")
    sanitised_markdown.cache_clear()  # another worker: only the shared cache
    assert render_markdown(body, language="id") == first
    assert sanitised_markdown.cache_info().misses == 1


def test_an_image_edited_in_the_library_shows_at_once(
    client, section, media_root, desk_editor
):
    photo = image_upload(
        file=jpeg("rapat.jpg", size=(800, 600)),
        user=desk_editor,
        title="Rapat",
        alt_text="Ruang rapat",
        caption="Caption lama.",
        credit="",
    )
    article = ArticleFactory(section=section, body=f"Awal.\n\n![](image:{photo.pk})")
    assert "Caption lama." in page(client, article)
    Image.objects.filter(pk=photo.pk).update(caption="Caption baru.")
    html = page(client, article)
    assert "Caption baru." in html
    assert "Caption lama." not in html


def test_a_cache_that_does_not_answer_only_costs_the_render(client, section, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    html = render_markdown("Tetap **tampil**.")
    assert html == "<p>Tetap <strong>tampil</strong>.</p>"
