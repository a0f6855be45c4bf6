"""newsroom/addresses.py: an address worked out once is the address reverse()
gives now, in each edition, under any script prefix, and after the site's
default language changes."""

import pytest
from django.urls import (
    clear_url_caches,
    get_script_prefix,
    reverse,
    set_script_prefix,
)
from django.utils import translation

from newsroom.addresses import reverse_once
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import SectionFactory

ADDRESSES = [
    ("articles:home", {}),
    ("articles:section_detail", {"slug": "keamanan"}),
    ("agencies:agency_detail", {"slug": "bnpt"}),
    ("agencies:person_detail", {"slug": "boy-rafli-amar"}),
    ("agencies:meeting_detail", {"slug": "jwg-ke-4"}),
]


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_address_is_the_one_reverse_gives_in_each_edition(language):
    with translation.override(language):
        for viewname, kwargs in ADDRESSES:
            for _ in range(2):  # worked out, then remembered
                assert reverse_once(viewname, **kwargs) == reverse(
                    viewname, kwargs=kwargs
                )
    with translation.override("en"):
        assert reverse_once("agencies:agency_detail", slug="bnpt").startswith("/en/")
    with translation.override("id"):
        assert reverse_once("agencies:agency_detail", slug="bnpt") == "/agencies/bnpt/"


def test_an_address_follows_the_script_prefix():
    before = get_script_prefix()
    assert reverse_once("articles:home") == "/"
    set_script_prefix("/newsroom/")
    try:
        assert reverse_once("articles:home") == "/newsroom/"
    finally:
        set_script_prefix(before)
    assert reverse_once("articles:home") == "/"


def test_an_address_follows_the_site_s_default_language(settings):
    def english_home():
        with translation.override("en"):
            return reverse_once("articles:home"), reverse("articles:home")

    assert english_home() == ("/en/", "/en/")
    # (Changing it resets the active language: the override comes after.)
    settings.LANGUAGE_CODE = "en"  # the unprefixed edition is English now
    clear_url_caches()  # Django's own (reverse() remembers it per language)
    try:
        assert english_home() == ("/", "/")
    finally:
        settings.LANGUAGE_CODE = "id"
        clear_url_caches()
    assert english_home() == ("/en/", "/en/")


@pytest.mark.django_db
def test_pages_link_sections_and_agencies_in_their_own_edition(client, section):
    SectionFactory(name="Keamanan", name_en="Security", slug="keamanan")
    agency = AgencyFactory(slug="bnpt")
    english = client.get("/en/").content.decode()
    indonesian = client.get("/").content.decode()
    assert 'href="/en/sections/keamanan/"' in english
    assert 'href="/sections/keamanan/"' in indonesian
    with translation.override("en"):
        assert agency.get_absolute_url() == "/en/agencies/bnpt/"
    assert agency.get_absolute_url() == "/agencies/bnpt/"
