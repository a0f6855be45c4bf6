"""A published article whose slug changes keeps its old addresses working."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_save, article_unpublish
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The sample article is in English: its pages are the English edition's.
OLD_URL = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
NEW_URL = "/en/articles/2022/03/ph-id-jwg-meets-again/"


def rename(article, slug, user):
    article.slug = slug
    return article_save(article=article, user=user)


def test_an_old_address_moves_for_good_to_the_new_one(client, jwg4_article, editor):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    response = client.get(OLD_URL)
    assert response.status_code == 301
    assert response["Location"] == NEW_URL
    assert client.get(NEW_URL).status_code == 200


@pytest.mark.parametrize("prefix", ["/articles/2022/03/", "/articles/1999/12/"])
def test_the_year_and_month_of_an_old_address_do_not_matter(
    client, jwg4_article, editor, prefix
):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    response = client.get(f"{prefix}indonesia-philippines-jwg-terrorism/")
    assert response.status_code == 301
    assert response["Location"] == NEW_URL


def test_after_two_changes_both_old_addresses_go_straight_to_the_newest(
    client, jwg4_article, editor
):
    rename(jwg4_article, "jwg-terrorism", editor)
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    for old in ["indonesia-philippines-jwg-terrorism", "jwg-terrorism"]:
        response = client.get(f"/articles/2022/03/{old}/")
        assert response.status_code == 301, old
        assert response["Location"] == NEW_URL


def test_going_back_to_an_old_slug_serves_the_page_there(client, jwg4_article, editor):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    rename(jwg4_article, "indonesia-philippines-jwg-terrorism", editor)
    assert client.get(OLD_URL).status_code == 200
    response = client.get(NEW_URL)
    assert response.status_code == 301
    assert response["Location"] == OLD_URL


def test_a_drafts_old_slug_does_not_redirect(client, section, editor):
    draft = ArticleFactory(section=section, draft=True, slug="first-idea")
    rename(draft, "better-idea", editor)
    assert client.get("/articles/2022/03/first-idea/").status_code == 404


def test_a_scheduled_articles_old_slug_waits_for_publication(client, section, editor):
    article = ArticleFactory(
        section=section,
        slug="embargoed",
        published_at=timezone.now() + dt.timedelta(hours=1),
    )
    rename(article, "embargoed-statement", editor)
    assert client.get("/articles/2022/03/embargoed/").status_code == 404


def test_an_unpublished_articles_old_slug_is_not_found(client, jwg4_article, editor):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    article_unpublish(article=jwg4_article, user=editor)
    assert client.get(OLD_URL).status_code == 404


def test_an_unknown_slug_is_not_found(client, jwg4_article, editor):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    assert client.get("/articles/2022/03/never-was-here/").status_code == 404


def test_a_live_article_wins_over_an_old_slug_it_now_carries(
    client, jwg4_article, section, editor
):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    ArticleFactory(
        section=section,
        slug="indonesia-philippines-jwg-terrorism",
        published_at=dt.datetime(2022, 3, 25, 9, 0, tzinfo=dt.UTC),
        title="A different story at the old address",
        language="en",
    )
    response = client.get(OLD_URL)
    assert response.status_code == 200
    assert "A different story at the old address" in response.content.decode()


def test_formerly_at_finds_the_article_by_its_old_slug(jwg4_article, editor):
    rename(jwg4_article, "ph-id-jwg-meets-again", editor)
    found = Article.objects.published().formerly_at(
        "indonesia-philippines-jwg-terrorism"
    )
    assert list(found) == [jwg4_article]
    assert not Article.objects.formerly_at("ph-id-jwg-meets-again").exists()
