"""A tag's slug is ASCII, as the site's other slugs are: the tag page's
address (`tags/<slug:slug>/`) routes nothing else. django-taggit kept the
accents ("são-tomé"), and every story carrying such a tag answered 500 in
both editions, the tag sitemap too. A name with no Latin letter (Arabic,
Chinese, emoji only) gets "tag", "tag-2"…; two names made alike ("Pérez",
"Perez": two tags, case aside but not accents) get "perez" and "perez-2"."""

import importlib
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from newsroom.tags import tag_slug
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ascii_slugs = importlib.import_module("articles.migrations.0030_ascii_tag_slugs")


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def tag_through_the_admin(client, user, article, tags: str):
    """The editor types `tags` into the story's tag field and saves it."""
    client.force_login(user)
    response = client.post(
        admin_url(Article, "change", article.pk),
        form_data(fresh(article), tags=tags, language=article.language),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return fresh(article)


def tag_links(page: str) -> list[str]:
    """The paths of the tag pages a page links to."""
    paths = (urlsplit(href).path for href in re.findall(r'href="([^"]+)"', page))
    return [path for path in paths if "/tags/" in path and "/feed/" not in path]


def test_an_accented_tag_added_in_the_admin_leaves_its_stories_readable(
    client, desk_editor
):
    original = ArticleFactory(title="Delegasi São Tomé tiba", tags=["Diplomasi"])
    translation = ArticleFactory(
        title="São Tomé delegation arrives",
        language=Article.Language.ENGLISH,
        translation_of=original,
    )
    tag_through_the_admin(client, desk_editor, original, "Diplomasi, São Tomé")
    tag_through_the_admin(client, desk_editor, translation, "São Tomé, Côte d’Ivoire")
    client.logout()

    assert Tag.objects.get(name="São Tomé").slug == "sao-tome"
    assert Tag.objects.get(name="Côte d’Ivoire").slug == "cote-divoire"
    for story, tag_page in [
        (original, "/tags/sao-tome/"),
        (translation, "/en/tags/sao-tome/"),
    ]:
        page = client.get(story.get_absolute_url())
        assert page.status_code == 200
        assert tag_page in tag_links(page.content.decode())
        listed = client.get(tag_page)
        assert listed.status_code == 200
        assert story.title in listed.content.decode()
    for feed in ["/tags/sao-tome/feed/rss/", "/en/tags/sao-tome/feed/atom/"]:
        response = client.get(feed)
        assert response.status_code == 200, feed
        assert "São Tomé" in response.content.decode()

    sitemap = client.get("/sitemap-tags.xml")
    assert sitemap.status_code == 200
    listed = {
        urlsplit(url.findtext(f"{SM}loc")).path
        for url in ET.fromstring(sitemap.content).findall(f"{SM}url")
    }
    assert {"/tags/sao-tome/", "/en/tags/sao-tome/"} <= listed
    assert "/en/tags/cote-divoire/" in listed


def test_a_tag_with_no_latin_letter_gets_a_numbered_slug(client):
    ArticleFactory(title="Berita Mesir", tags=["مصر", "北京", "🎉"])
    slugs = sorted(Tag.objects.values_list("slug", flat=True))
    assert slugs == ["tag", "tag-2", "tag-3"]
    page = client.get(Article.objects.get().get_absolute_url())
    assert page.status_code == 200
    assert sorted(tag_links(page.content.decode())) == [
        "/tags/tag-2/",
        "/tags/tag-3/",
        "/tags/tag/",
    ]
    shown = client.get("/tags/tag-2/")
    assert shown.status_code == 200
    assert "Berita Mesir" in shown.content.decode()


def test_names_made_alike_get_slugs_of_their_own():
    """Taggit tells tags apart case aside (TAGGIT_CASE_INSENSITIVE), accents
    not: "Pérez" and "Perez" are two tags, "PEREZ" the second again."""
    story = ArticleFactory(tags=["Pérez", "Perez"])
    story.tags.add("PEREZ")
    assert dict(Tag.objects.values_list("name", "slug")) == {
        "Pérez": "perez",
        "Perez": "perez-2",
    }


def test_a_long_name_leaves_room_for_the_number():
    name = "⑽" * 100  # "(10)" each, once made ASCII: 200 digits
    ArticleFactory(tags=[name, name[:99]])
    slugs = sorted(Tag.objects.values_list("slug", flat=True), key=len)
    assert slugs == ["10" * 45, "10" * 45 + "-2"]


def test_tag_slug_is_the_sites_slug_rule():
    assert tag_slug("Indonesia–Filipina") == "indonesia-filipina"
    assert tag_slug("São Tomé") == "sao-tome"
    assert tag_slug("São Tomé", 1) == "sao-tome-2"
    assert tag_slug("مصر") == "tag"
    assert tag_slug("مصر", 2) == "tag-3"


# The Tag admin (editors add and rename tags there too).

NO_TAGGED_ITEMS = {  # the inline of the stories tagged, sent empty
    "taggit_taggeditem_items-TOTAL_FORMS": "0",
    "taggit_taggeditem_items-INITIAL_FORMS": "0",
}


def test_the_tag_admin_makes_an_accented_slug_ascii(client, desk_editor, english):
    """As every desk form makes a typed slug (newsroom.forms: _typed_slugs);
    it had been refused ("Enter a valid “slug”")."""
    client.force_login(desk_editor)
    response = client.post(
        reverse("admin:taggit_tag_add"),
        {"name": "São Tomé", "slug": "são-tomé", **NO_TAGGED_ITEMS},
    )
    assert response.status_code == 302
    assert dict(Tag.objects.values_list("name", "slug")) == {"São Tomé": "sao-tome"}


def test_the_tag_admin_makes_the_slug_when_none_is_given(client, desk_editor):
    client.force_login(desk_editor)
    for name in ["São Tomé", "مصر"]:
        response = client.post(
            reverse("admin:taggit_tag_add"), {"name": name, **NO_TAGGED_ITEMS}
        )
        assert response.status_code == 302
    assert dict(Tag.objects.values_list("name", "slug")) == {
        "São Tomé": "sao-tome",
        "مصر": "tag",
    }


def test_the_tag_admin_prefills_an_ascii_slug(client, desk_editor):
    """Its script fills the slug in as the name is typed: without the
    accents, as the server makes it (Django's URLify, allowUnicode off)."""
    client.force_login(desk_editor)
    page = client.get(reverse("admin:taggit_tag_add")).content.decode()
    assert "&quot;allowUnicode&quot;: false" in page


# The migration that mends the tags saved before.


def test_the_migration_gives_accented_slugs_ascii_ones(client):
    kept = Tag.objects.create(name="Sao Tome", slug="sao-tome")
    accented = Tag.objects.create(name="São Tomé", slug="são-tomé")
    arabic = Tag.objects.create(name="مصر", slug="مصر")
    empty = Tag.objects.create(name="🎉", slug="x")
    Tag.objects.filter(pk=empty.pk).update(slug="")
    ArticleFactory(title="Berita", tags=[accented, arabic, empty])

    ascii_slugs.ascii_tag_slugs(apps, None)

    assert dict(Tag.objects.values_list("pk", "slug")) == {
        kept.pk: "sao-tome",
        accented.pk: "sao-tome-2",
        arabic.pk: "tag",
        empty.pk: "tag-2",
    }
    page = client.get(Article.objects.get().get_absolute_url())
    assert page.status_code == 200
    assert sorted(tag_links(page.content.decode())) == [
        "/tags/sao-tome-2/",
        "/tags/tag-2/",
        "/tags/tag/",
    ]
