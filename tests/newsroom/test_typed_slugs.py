"""A slug typed by hand with spaces, capitals or accents is made a slug as a
headline's is, on every desk form (newsroom.forms.DeskForm): Django refused
"rapat bnpt é ñ ümlaut" with "Enter a valid slug" (a tester's)."""

import pytest

from agencies.models import Agency
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_storys_typed_slug_is_made_a_slug(editor_client, section):
    story = ArticleFactory(section=section, slug="delegasi-tiba")

    save_in_admin(editor_client, story, slug="Rapat BNPT é ñ ümlaut")

    story.refresh_from_db()
    assert story.slug == "rapat-bnpt-e-n-umlaut"
    assert (
        Article.objects.get(pk=story.pk)
        .get_absolute_url()
        .endswith("/rapat-bnpt-e-n-umlaut/")
    )


def test_an_agencys_typed_slug_is_made_a_slug(editor_client, bnpt):
    save_in_admin(editor_client, bnpt, slug="Badan Nasional  Penanggulangan")

    assert Agency.objects.get(pk=bnpt.pk).slug == "badan-nasional-penanggulangan"


def test_a_slug_of_punctuation_alone_is_still_refused_and_kept(editor_client, bnpt):
    url = admin_url(Agency, "change", bnpt.pk)
    data = {**admin_form_data(editor_client.get(url)), "slug": "?!…"}

    response = editor_client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "slug" in form.errors
    assert form["slug"].value() == "?!…"
