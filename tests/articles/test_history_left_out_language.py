"""What a story's restore could not put back, named in its History entry,
reads in the language of whoever reads History, not of the desk that
restored: "Agencies mentioned: … (deleted)" in English, "Lembaga yang
disebut: … (dihapus)" in Indonesian, an agency History never named by its
kind and number in either."""

import pytest
import reversion
from django.conf import settings
from reversion.models import Version

from agencies.services import agency_delete
from articles.models import Article
from articles.services import article_save
from tests.agencies.factories import AgencyFactory
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

SAID = {
    "en": (
        "Not restored, as they no longer exist: Agencies mentioned: ",
        ["Agencies mentioned: {named} (deleted)", "Agency #{unnamed} (deleted)"],
    ),
    "id": (
        "Tidak dipulihkan karena sudah tidak ada: Lembaga yang disebut: ",
        ["Lembaga yang disebut: {named} (dihapus)", "Lembaga #{unnamed} (dihapus)"],
    ),
}


def versions(article):
    return Version.objects.get_for_object(article).order_by("pk")


@pytest.fixture
def agencies_deleted(jwg4_article, editor):
    """The story's first revision mentions two agencies, both deleted since;
    History named the first (a revision of its own), never the second:
    (that revision, the first's name, the second's id)."""
    named_agency = AgencyFactory(name="Densus 88 Antiteror", acronym="DENSUS")
    unnamed_agency = AgencyFactory(name="Badan Siber Nasional", acronym="BSNX")
    with reversion.create_revision():
        article = Article.objects.get(pk=jwg4_article.pk)
        article_save(article=article, user=editor, expected_version=article.version)
        article.agencies.set([named_agency, unnamed_agency])
        reversion.set_user(editor)
    first = versions(jwg4_article).get()
    with reversion.create_revision():
        reversion.add_to_revision(named_agency)
    named, unnamed = str(named_agency), unnamed_agency.pk
    agency_delete(agencies=[named_agency, unnamed_agency], user=editor)
    return first, named, unnamed


@pytest.mark.parametrize(("saved_in", "read_in"), [("id", "en"), ("en", "id")])
def test_a_storys_restore_names_what_it_left_out_in_the_readers_language(
    editor_client, jwg4_article, agencies_deleted, saved_in, read_in
):
    first, named, unnamed = agencies_deleted
    url = admin_url(Article, "revision", jwg4_article.pk, first.pk)
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = saved_in
    response = editor_client.post(url, {"latest": versions(jwg4_article).last().pk})
    assert response.status_code == 302
    assert editor_client.get(response.url).status_code == 200  # its messages read

    page = history_page(editor_client, jwg4_article, read_in)

    sentence, entries = SAID[read_in]
    assert sentence in page
    for entry in entries:
        assert entry.format(named=named, unnamed=unnamed) in page
    other_sentence, _entries = SAID[saved_in]
    assert other_sentence not in page
