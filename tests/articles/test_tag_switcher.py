"""The language switcher on a tag's page leads to the tag's page in the
other edition when that edition has stories with it; else to the tag that
edition's translations of these stories carry most ("terorisme" ->
"terrorism"); else to that edition's home. hreflang names the other
edition's page only when both have stories with the tag (each then lists
the same tag in its language)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticleFactory
from tests.newsroom.test_alternates_pages import ORIGIN, assert_reciprocal, get

pytestmark = pytest.mark.django_db


def story(language: str, tags: list[str], translation_of=None):
    return ArticleFactory(language=language, tags=tags, translation_of=translation_of)


@pytest.fixture
def translated(settings):
    """Indonesian stories tagged "terorisme", their English translations
    tagged "terrorism" (and, fewer, "Philippines"); an English story of its
    own tagged "terrorism"."""
    settings.NEWSROOM_PAGE_CACHE = False
    for _ in range(2):
        original = story("id", ["terorisme", "Filipina"])
        story("en", ["terrorism", "Philippines"], translation_of=original)
    third = story("id", ["terorisme"])
    story("en", ["terrorism"], translation_of=third)
    story("en", ["terrorism"])


def test_an_indonesian_only_tag_switches_to_its_translations_tag(client, translated):
    page = get(client, "/tags/terorisme/")
    assert page.switcher == {"id": "/tags/terorisme/", "en": "/en/tags/terrorism/"}
    assert page.hreflang == {"id": f"{ORIGIN}/tags/terorisme/"}


def test_an_english_only_tag_switches_to_its_originals_tag(client, translated):
    page = get(client, "/en/tags/terrorism/")
    assert page.switcher == {"id": "/tags/terorisme/", "en": "/en/tags/terrorism/"}
    assert page.hreflang == {"en": f"{ORIGIN}/en/tags/terrorism/"}


def test_the_other_editions_page_without_its_own_stories_leads_back(client, translated):
    """/en/tags/terorisme/ lists the Indonesian stories (not indexed): its
    switcher leads to the tag's Indonesian page, its hreflang to none."""
    page = get(client, "/en/tags/terorisme/")
    assert page.switcher == {"id": "/tags/terorisme/", "en": "/en/tags/terorisme/"}
    assert page.hreflang == {"en": f"{ORIGIN}/en/tags/terorisme/"}


def test_a_tag_in_both_editions_switches_to_itself(client, translated):
    story("en", ["terorisme"])
    page = get(client, "/tags/terorisme/")
    assert page.switcher == {"id": "/tags/terorisme/", "en": "/en/tags/terorisme/"}
    assert page.hreflang == {
        "id": f"{ORIGIN}/tags/terorisme/",
        "en": f"{ORIGIN}/en/tags/terorisme/",
        "x-default": f"{ORIGIN}/tags/terorisme/",
    }
    assert_reciprocal(client, "/tags/terorisme/")


def test_a_tag_without_translated_stories_switches_to_the_other_home(
    client, translated
):
    story("id", ["patroli"])
    page = get(client, "/tags/patroli/")
    assert page.switcher == {"id": "/tags/patroli/", "en": "/en/"}
    assert page.hreflang == {"id": f"{ORIGIN}/tags/patroli/"}


def test_of_two_tags_carried_as_often_the_one_named_alike_is_the_counterpart(
    client, translated
):
    """ "Filipina"'s two stories are translated with "terrorism" and
    "Philippines" alike: the name decides ("Philippines"), where the older
    tag ("terrorism") had won every tie."""
    page = get(client, "/tags/filipina/")
    assert page.switcher == {"id": "/tags/filipina/", "en": "/en/tags/philippines/"}


def test_two_tags_carried_as_often_and_named_unlike_are_no_answer(client, translated):
    original = story("id", ["patroli laut"])
    story("en", ["maritime security", "joint exercise"], translation_of=original)
    page = get(client, "/tags/patroli-laut/")
    assert page.switcher == {"id": "/tags/patroli-laut/", "en": "/en/"}
    # One more translation carrying one of them decides it.
    another = story("id", ["patroli laut"])
    story("en", ["maritime security"], translation_of=another)
    page = get(client, "/tags/patroli-laut/")
    assert page.switcher == {
        "id": "/tags/patroli-laut/",
        "en": "/en/tags/maritime-security/",
    }


def test_every_tag_page_names_only_indexed_pages_that_name_it_back(client, translated):
    for address in (
        "/tags/terorisme/",
        "/en/tags/terrorism/",
        "/en/tags/terorisme/",
        "/tags/terrorism/",
        "/tags/filipina/",
    ):
        assert_reciprocal(client, address)
        page = get(client, address)
        for url in set(page.hreflang.values()) - set(page.canonical):
            named = get(client, url.removeprefix(ORIGIN))
            assert "noindex" not in " ".join(named.meta.get("robots", [])), url


def test_finding_where_to_switch_costs_no_query(client, translated):
    client.get("/")  # the navigation read once, as by any first page
    costs = {}
    for address in ("/tags/terorisme/", "/en/tags/terrorism/", "/tags/filipina/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        costs[address] = len(queries)
    # the tag (with where to switch), its page and the other edition's
    # (one query), no pictures; a tie ("Filipina": "terrorism" and
    # "Philippines" as often) one more, its candidates
    assert costs == {
        "/tags/terorisme/": 2,
        "/en/tags/terrorism/": 2,
        "/tags/filipina/": 3,
    }


def test_the_tags_newest_stories_decide_its_counterpart(client, settings, monkeypatch):
    """Only the tag's newest COUNTERPART_SAMPLE stories are read (a tag on a
    third of a large archive is not read whole on every view): with a
    sample of one, the newest story's translation decides, however many
    older ones say otherwise."""
    settings.NEWSROOM_PAGE_CACHE = False
    for _ in range(3):
        older = story("id", ["keamanan"])
        story("en", ["security"], translation_of=older)
    newest = story("id", ["keamanan"])
    story("en", ["safety"], translation_of=newest)

    assert get(client, "/tags/keamanan/").switcher["en"] == "/en/tags/security/"
    monkeypatch.setattr("articles.querysets.COUNTERPART_SAMPLE", 1)
    assert get(client, "/tags/keamanan/").switcher["en"] == "/en/tags/safety/"
