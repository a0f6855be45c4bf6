"""A person's biography in each language, as agencies, meetings and sessions
have their texts: `/en/people/<slug>/` showed the Indonesian biography
unmarked, and its structured data gave it as the English description."""

import pytest

from agencies.models import Person
from tests.agencies.factories import PersonFactory
from tests.newsroom.admin_forms import admin_url, save_in_admin
from tests.newsroom.test_metadata import head

pytestmark = pytest.mark.django_db

BIO = "Diplomat karier sejak 1995."
BIO_EN = "A career diplomat since 1995."


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def described(client, path):
    return head(client, path).of_type("Person").get("description")


def test_the_english_page_shows_the_english_biography(client):
    PersonFactory(name="Rudi Hartono", slug="rudi", bio=BIO, bio_en=BIO_EN)
    english = page(client, "/en/people/rudi/")
    assert f'<div class="prose"><p>{BIO_EN}</p></div>' in english
    assert BIO not in english
    assert described(client, "/en/people/rudi/") == BIO_EN
    indonesian = page(client, "/people/rudi/")
    assert f'<div class="prose"><p>{BIO}</p></div>' in indonesian
    assert described(client, "/people/rudi/") == BIO


def test_a_biography_in_one_language_only_is_marked_as_such_and_not_described(
    client,
):
    PersonFactory(name="Rudi Hartono", slug="rudi", bio=BIO)
    PersonFactory(name="Maria Santos", slug="maria", bio_en=BIO_EN)
    assert f'<div class="prose" lang="id"><p>{BIO}</p></div>' in page(
        client, "/en/people/rudi/"
    )
    assert f'<div class="prose" lang="en"><p>{BIO_EN}</p></div>' in page(
        client, "/people/maria/"
    )
    # Structured data cannot mark a language: each edition gives its own.
    assert described(client, "/en/people/rudi/") is None
    assert described(client, "/people/rudi/") == BIO
    assert described(client, "/people/maria/") is None
    assert described(client, "/en/people/maria/") == BIO_EN


def test_an_editor_writes_the_english_biography_beside_the_indonesian(
    editor_client,
):
    person = PersonFactory(bio=BIO)
    form = page(editor_client, admin_url(Person, "change", person.pk))
    assert 'name="bio_en"' in form
    save_in_admin(editor_client, person, bio_en=BIO_EN)
    person.refresh_from_db()
    assert (person.bio, person.bio_en) == (BIO, BIO_EN)
