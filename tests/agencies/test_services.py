"""Writes on agencies (agencies/services.py) and what they announce
(agencies/signals.py) to the apps that derive data from agencies' names."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import Agency, AgencyAlias
from agencies.services import agency_delete, agency_save
from agencies.signals import agencies_deleting, agency_saved
from tests.agencies.factories import AgencyAliasFactory, AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """What the agency signals said during a test, in order."""
    said = []

    def saved(sender, *, agencies, **kwargs):
        said.append(("saved", [agency.acronym for agency in agencies]))

    def deleting(sender, *, agencies, **kwargs):
        names = [agency.acronym for agency in agencies]
        still_there = Agency.objects.filter(acronym__in=names).count()
        said.append(("deleting", names, still_there))
        return lambda: said.append(
            ("deleted", Agency.objects.filter(acronym__in=names).count())
        )

    agency_saved.connect(saved, dispatch_uid="test-heard")
    agencies_deleting.connect(deleting, dispatch_uid="test-heard")
    yield said
    agency_saved.disconnect(dispatch_uid="test-heard")
    agencies_deleting.disconnect(dispatch_uid="test-heard")


def test_a_new_agency_is_saved_with_its_aliases(editor, heard):
    agency = Agency(
        acronym="Bakamla", name="Badan Keamanan Laut", slug="bakamla", country="ID"
    )
    agency_save(
        agency=agency,
        user=editor,
        aliases=[AgencyAlias(name="Indonesian Coast Guard")],
    )
    assert list(agency.aliases.values_list("name", flat=True)) == [
        "Indonesian Coast Guard"
    ]
    assert heard == [("saved", ["Bakamla"])]


def test_saving_an_agency_changes_adds_and_removes_aliases_at_once(editor, heard):
    agency = AgencyFactory(acronym="BSSN")
    kept, renamed, dropped = (
        AgencyAliasFactory(agency=agency, name=name)
        for name in ("NCCA", "Lembaga Sandi", "Old name")
    )
    renamed.name = "Lembaga Sandi Negara"
    agency.name_en = "National Cyber and Encryption Agency"
    agency_save(
        agency=agency,
        user=editor,
        aliases=[renamed, AgencyAlias(name="BSSN RI")],
        removed_aliases=[dropped],
    )
    agency.refresh_from_db()
    assert agency.name_en == "National Cyber and Encryption Agency"
    assert sorted(agency.aliases.values_list("name", flat=True)) == [
        "BSSN RI",
        "Lembaga Sandi Negara",
        "NCCA",
    ]
    assert heard == [("saved", ["BSSN"])]


def test_an_alias_of_another_agency_is_not_removed_by_this_one(editor):
    agency, other = AgencyFactory(), AgencyFactory()
    theirs = AgencyAliasFactory(agency=other, name="Theirs")
    agency_save(agency=agency, user=editor, removed_aliases=[theirs])
    assert AgencyAlias.objects.filter(pk=theirs.pk).exists()


def test_an_invalid_agency_is_refused_and_nothing_is_announced(editor, heard):
    parent = AgencyFactory()
    child = AgencyFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        agency_save(agency=parent, user=editor)
    assert heard == []


def test_a_duplicate_alias_is_refused_with_the_whole_save(editor, heard):
    agency = AgencyFactory(name="Before")
    AgencyAliasFactory(agency=agency, name="INTRAC")
    agency.name = "After"
    with pytest.raises(ValidationError):
        agency_save(agency=agency, user=editor, aliases=[AgencyAlias(name="INTRAC")])
    agency.refresh_from_db()
    assert agency.name == "Before"
    assert heard == []


def test_a_reporter_may_not_save_or_delete_agencies(reporter, heard):
    agency = AgencyFactory()
    with pytest.raises(PermissionDenied):
        agency_save(agency=agency, user=reporter)
    with pytest.raises(PermissionDenied):
        agency_save(agency=Agency(acronym="X", slug="x", country="ID"), user=reporter)
    with pytest.raises(PermissionDenied):
        agency_delete(agencies=[agency], user=reporter)
    assert Agency.objects.filter(pk=agency.pk).exists()
    assert heard == []


def test_deleting_announces_before_and_finishes_after(editor, heard):
    one, two, kept = (AgencyFactory(acronym=name) for name in ("ONE", "TWO", "KEPT"))
    deleted = agency_delete(
        agencies=Agency.objects.filter(pk__in=[one.pk, two.pk]), user=editor
    )
    assert deleted == 2
    assert list(Agency.objects.values_list("acronym", flat=True)) == ["KEPT"]
    # The receiver saw both agencies still there, and its function ran after.
    assert heard == [("deleting", ["ONE", "TWO"], 2), ("deleted", 0)]


def test_deleting_nothing_announces_nothing(editor, heard):
    assert agency_delete(agencies=Agency.objects.none(), user=editor) == 0
    assert heard == []


def test_the_articles_search_listens_to_the_agency_signals():
    from articles.search import index

    assert index.refresh_articles_mentioning in _receivers(agency_saved)
    assert index.collect_articles_mentioning in _receivers(agencies_deleting)


def _receivers(signal) -> list:
    return [ref() for _key, ref, *_rest in signal.receivers]
