"""The stored search vectors follow every write that changes what finds an
article (articles/search/index.py): the article services' saves, restores and
recoveries, and the agency service's saves and deletes, announced by its
signals. No other code refreshes them."""

import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from reversion.models import Version

from agencies.models import Agency, AgencyAlias
from agencies.services import agency_delete, agency_save
from agencies.signals import agency_saved
from articles.models import Article
from articles.search import index
from articles.search.query import find_articles
from articles.services import article_publish, article_recover, article_save
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import SectionFactory
from tests.articles.search_fixture import ON_POSTGRES, postgres_only
from tests.newsroom.admin_forms import admin_form_data, admin_url, save_in_admin

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def searchable(query: str) -> set[str]:
    return set(find_articles(query).values_list("slug", flat=True))


@pytest.fixture
def stories(editor, agencies):
    """Three published stories, saved and published through the services:
    one mentions BSSN, one BSSN and NICA, one PPATK."""

    def story(slug: str, *mentioned: str) -> Article:
        article = Article(
            title=f"Pertemuan {slug}",
            slug=slug,
            body="Delegasi membahas kerja sama.",
            section=SectionFactory(slug=f"section-{slug}"),
        )
        article_save(
            article=article,
            user=editor,
            agencies=[agencies[acronym] for acronym in mentioned],
        )
        return article_publish(article=article, user=editor)

    return {
        "siber": story("siber", "BSSN"),
        "intelijen": story("intelijen", "BSSN", "NICA"),
        "keuangan": story("keuangan", "PPATK"),
    }


# Article writes


@postgres_only
def test_an_article_is_saved_with_its_tags_agencies_and_people_and_found_by_them(
    editor, agencies, officials
):
    article = Article(
        title="Pertemuan", slug="pertemuan", body="Teks.", section=SectionFactory()
    )
    article_save(
        article=article,
        user=editor,
        tags=["zamboanga"],
        agencies=[agencies["PPATK"]],
        people=[officials["Amar"]],
    )
    article_publish(article=article, user=editor)
    assert searchable("zamboanga") == searchable("INTRAC") == {"pertemuan"}
    assert list(article.people.all()) == [officials["Amar"]]

    article_save(
        article=article,
        user=editor,
        expected_version=article.version,
        tags=["sulu"],
        agencies=[],
    )
    assert searchable("sulu") == {"pertemuan"}
    assert searchable("zamboanga") == searchable("INTRAC") == set()
    assert list(article.people.all()) == [officials["Amar"]]  # None: unchanged


@postgres_only
def test_a_recovered_article_is_found_again(editor, stories):
    article = stories["keuangan"]  # publishing kept a revision of it
    pk = article.pk
    article.delete()
    assert searchable("PPATK") == set()
    (deleted,) = Version.objects.get_deleted(Article)
    recovered = article_recover(version=deleted, user=editor)
    assert recovered.pk == pk
    assert searchable("PPATK") == {"keuangan"}


def test_only_editors_recover_articles(reporter, stories):
    stories["keuangan"].delete()
    (deleted,) = Version.objects.get_deleted(Article)
    with pytest.raises(PermissionDenied):
        article_recover(version=deleted, user=reporter)
    assert not Article.objects.filter(slug="keuangan").exists()


# Agency writes, through the service and through the admin


@postgres_only
def test_renaming_an_agency_finds_its_articles_by_the_new_name_only(editor, stories):
    bssn = Agency.objects.get(acronym="BSSN")
    assert searchable("Crypto") == {"siber", "intelijen"}
    bssn.name_en = "National Cyber and Encryption Agency"
    agency_save(agency=bssn, user=editor)
    assert searchable("Encryption") == {"siber", "intelijen"}
    assert searchable("Crypto") == set()


@postgres_only
def test_adding_and_removing_an_alias_finds_and_stops_finding_the_articles(
    editor, stories
):
    bssn = Agency.objects.get(acronym="BSSN")
    agency_save(agency=bssn, user=editor, aliases=[AgencyAlias(name="Lembaga Sandi")])
    assert searchable('"Lembaga Sandi"') == {"siber", "intelijen"}
    alias = bssn.aliases.get(name="Lembaga Sandi")
    agency_save(agency=bssn, user=editor, removed_aliases=[alias])
    assert searchable('"Lembaga Sandi"') == set()


@postgres_only
def test_removing_an_alias_in_the_admin_stops_finding_the_articles(
    editor_client, stories
):
    ppatk = Agency.objects.get(acronym="PPATK")
    assert searchable("INTRAC") == {"keuangan"}
    save_in_admin(editor_client, ppatk, **{"aliases-0-DELETE": "on"})
    assert not ppatk.aliases.exists()
    assert searchable("INTRAC") == set()
    assert searchable("PPATK") == {"keuangan"}


@postgres_only
def test_deleting_an_agency_through_the_service_forgets_its_names(editor, stories):
    agency_delete(agencies=[Agency.objects.get(acronym="NICA")], user=editor)
    assert searchable("NICA") == set()
    assert searchable("BSSN") == {"siber", "intelijen"}


@postgres_only
def test_deleting_several_agencies_from_the_change_list_forgets_their_names(
    editor_client, stories
):
    chosen = Agency.objects.filter(acronym__in=["BSSN", "PPATK"])
    response = editor_client.post(
        admin_url(Agency, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(pk) for pk in chosen.values_list("pk", flat=True)],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Agency.objects.filter(acronym__in=["BSSN", "PPATK"]).exists()
    assert searchable("BSSN") == searchable("Crypto") == set()
    assert searchable("PPATK") == searchable("INTRAC") == set()
    assert searchable("NICA") == {"intelijen"}  # still mentioned there


@postgres_only
def test_restoring_an_agencys_old_name_from_its_history_finds_the_articles_by_it(
    editor_client, stories
):
    bssn = Agency.objects.get(acronym="BSSN")
    save_in_admin(editor_client, bssn)
    (first,) = Version.objects.get_for_object(bssn)
    save_in_admin(editor_client, bssn, name_en="National Cyber and Encryption Agency")
    assert searchable("Crypto") == set()

    url = admin_url(Agency, "revision", bssn.pk, first.pk)
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))

    assert response.status_code == 302
    assert searchable("Crypto") == {"siber", "intelijen"}
    assert searchable("Encryption") == set()


# The receivers (connected in ArticlesConfig.ready())


@postgres_only
def test_the_saved_signal_refreshes_the_articles_mentioning_the_agency(stories):
    # Renamed behind the service's back: the vectors still hold the old name.
    Agency.objects.filter(acronym="NICA").update(name="Zamboanga Council")
    assert searchable("Zamboanga") == set()
    agency_saved.send(sender=Agency, agencies=[Agency.objects.get(acronym="NICA")])
    assert searchable("Zamboanga") == {"intelijen"}


def test_without_stored_vectors_the_receivers_ask_nothing(
    stories, django_assert_num_queries
):
    if ON_POSTGRES:
        pytest.skip("PostgreSQL stores vectors")
    agencies = [Agency.objects.get(acronym="BSSN")]
    with django_assert_num_queries(0):
        assert index.collect_articles_mentioning(Agency, agencies=agencies) is None
        index.refresh_articles_mentioning(Agency, agencies=agencies)


def test_an_agency_saved_on_any_database_finds_the_articles_at_once(editor, stories):
    nica = Agency.objects.get(acronym="NICA")
    nica.name = "Zamboanga Council"
    agency_save(agency=nica, user=editor)
    assert searchable("Zamboanga") == {"intelijen"}
    agency_delete(agencies=[AgencyFactory(acronym="ZZZ")], user=editor)
    assert searchable("Zamboanga") == {"intelijen"}


# No caller can forget: only the index, the article services and the rebuild
# command refresh vectors (and the benchmark's bulk seeding, which leaves what
# the services would).

REFRESHERS = {
    "articles/search/index.py",
    "articles/services/workflow.py",
    "articles/services/tags.py",  # a tag merge moves stories' tags in bulk
    "articles/services/relink.py",  # a recovered agency's stories, in bulk
    "articles/management/commands/update_search_index.py",
    "newsroom/benchmark/seed.py",
}


def test_only_the_index_the_article_services_and_the_rebuild_refresh_vectors():
    calls = re.compile(r"\bupdate_search_vectors\b")
    found = {
        str(path.relative_to(PROJECT))
        for app in ("articles", "agencies", "newsroom")
        for path in (PROJECT / app).rglob("*.py")
        if calls.search(path.read_text(encoding="utf-8"))
    }
    assert found == REFRESHERS


# Each article stemmed in its own language


@postgres_only
def test_each_article_is_stemmed_in_its_own_language(editor):
    section = SectionFactory(slug="nasional")

    def story(slug: str, language: str, body: str) -> Article:
        article = Article(
            title=f"Story {slug}",
            slug=slug,
            body=body,
            section=section,
            language=language,
        )
        article_save(article=article, user=editor)
        return article_publish(article=article, user=editor)

    story("english", "en", "The delegations tightened border controls.")
    story("indonesia", "id", "Kedua delegasi memperketat pengawasan perbatasan.")
    # English word forms: "control" finds "controls", "tighten" finds
    # "tightened" (neither as written, nor by the Indonesian stemmer).
    assert searchable("control") == {"english"}
    assert searchable("tighten") == {"english"}
    # Indonesian ones still: "batas" finds "perbatasan", "awas" finds
    # "pengawasan".
    assert searchable("batas") == {"indonesia"}
    assert searchable("awas") == {"indonesia"}


# The rank vectors: filled with the search vectors, and for the articles
# stored before them by their migration


@postgres_only
def test_the_rank_vector_is_refreshed_with_the_search_vector(stories):
    siber = stories["siber"]
    Article.objects.filter(pk=siber.pk).update(title="Zamboanga", rank_vector=None)
    assert index.update_search_vectors([siber.pk]) == 1
    siber.refresh_from_db()
    assert "'zamboanga'" in siber.rank_vector
    assert "'zamboanga'" in siber.search_vector


@postgres_only
def test_the_migration_fills_the_rank_vectors_the_index_would(editor):
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("articles.migrations.0023_article_rank_vector")
    section = SectionFactory(slug="nasional")
    for slug, language in (("english", "en"), ("indonesia", "id")):
        article_save(
            article=Article(
                title=f"Delegations tightened controls ({slug})",
                dek="Kedua delegasi memperketat pengawasan perbatasan.",
                slug=slug,
                body="Body text.",
                section=section,
                language=language,
            ),
            user=editor,
        )
    computed = dict(Article.objects.values_list("pk", "rank_vector"))
    assert all(computed.values())
    Article.objects.update(rank_vector=None)
    with connection.schema_editor(atomic=False) as schema_editor:
        migration.fill_rank_vectors(apps, schema_editor)
    assert dict(Article.objects.values_list("pk", "rank_vector")) == computed
