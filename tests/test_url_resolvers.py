"""The URL resolver kept apart for each default language (tests/conftest.py):
a test that makes English the default finds the English edition at the root,
the Indonesian under /id/, and the next test finds Indonesian at the root
again, without the resolver being made afresh for each test."""

from django.urls import get_resolver, reverse
from django.utils import translation


def home(language: str) -> str:
    with translation.override(language):
        return reverse("articles:home")


def test_changing_the_default_language_moves_the_unprefixed_edition(settings):
    assert (home("id"), home("en")) == ("/", "/en/")  # both remembered

    settings.LANGUAGE_CODE = "en"
    assert (home("en"), home("id")) == ("/", "/id/")

    settings.LANGUAGE_CODE = "id"
    assert (home("id"), home("en")) == ("/", "/en/")


def test_each_default_language_keeps_one_resolver(settings):
    indonesian = get_resolver()
    settings.LANGUAGE_CODE = "en"
    english = get_resolver()
    settings.LANGUAGE_CODE = "id"

    assert english is not indonesian
    assert get_resolver() is indonesian


def test_an_english_test_reads_english_addresses(english, client, db):
    assert home("en") == "/"
    assert client.get("/").status_code == 200
