"""New agencies from a text: proposals (reporters and editors), the editors'
decision, and "create agency" from an unknown acronym (editors only);
agencies/services.py and the proposals' admin, for each role of the
newsroom (the groups of the roles migrations)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from reversion.models import Version

from agencies.models import Agency, AgencyProposal
from agencies.recognition import built_registry, recognise
from agencies.services import (
    agency_create_from_text,
    agency_proposal_accept,
    agency_proposal_dismiss,
    agency_propose,
)
from agencies.signals import agency_saved
from tests.agencies.factories import AgencyFactory, AgencyProposalFactory

pytestmark = pytest.mark.django_db

CONTEXT = "…mendukung program deradikalisasi melalui Kawasan Terpadu Nusantara (KTN)…"


@pytest.fixture
def saved():
    """The agencies agency_saved announced during the test."""
    heard = []

    def receiver(sender, *, agencies, **kwargs):
        heard.extend(agencies)

    agency_saved.connect(receiver, dispatch_uid="test-proposals")
    yield heard
    agency_saved.disconnect(dispatch_uid="test-proposals")


# Proposing -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_reporters_and_editors_propose_an_agency_found_in_a_text(staff_in, role):
    user = staff_in(role)
    proposal = agency_propose(
        acronym=" KTN ",
        expansion="Kawasan  Terpadu Nusantara",
        context=CONTEXT,
        user=user,
        source_url="https://bnpt.go.id/",
    )
    proposal.refresh_from_db()
    assert (proposal.acronym, proposal.expansion, proposal.context) == (
        "KTN",
        "Kawasan Terpadu Nusantara",
        CONTEXT,
    )
    assert proposal.status == AgencyProposal.Status.PROPOSED
    assert proposal.proposed_by == user
    assert proposal.decided_by is None and proposal.agency is None
    assert str(proposal) == "KTN (Kawasan Terpadu Nusantara)"


def test_a_moderator_may_not_propose_agencies(moderator):
    with pytest.raises(PermissionDenied):
        agency_propose(acronym="KTN", expansion="", context="", user=moderator)
    assert not AgencyProposal.objects.exists()


def test_the_same_undecided_proposal_is_made_once(reporter, desk_editor):
    first = agency_propose(
        acronym="KTN", expansion="Kawasan Terpadu Nusantara", user=reporter
    )
    again = agency_propose(
        acronym="KTN", expansion="kawasan terpadu nusantara", user=desk_editor
    )
    assert again == first
    other = agency_propose(acronym="KTN", expansion="Komite Teknis", user=reporter)
    assert other != first
    assert AgencyProposal.objects.count() == 2


def test_a_proposal_needs_an_acronym_that_fits(reporter):
    with pytest.raises(ValidationError) as error:
        agency_propose(acronym="  ", expansion="Nothing", user=reporter)
    assert "acronym" in error.value.message_dict
    with pytest.raises(ValidationError):
        agency_propose(acronym="X" * 33, user=reporter)


# Creating an agency from a text --------------------------------------------


def test_an_editor_creates_an_agency_from_an_acronym_and_its_expansion(
    desk_editor, saved
):
    recognise("OJK hadir.")  # the process's registry, without OJK
    agency = agency_create_from_text(
        acronym="OJK",
        expansion="Otoritas  Jasa Keuangan",
        country="ID",
        kind=Agency.Kind.OTHER,
        user=desk_editor,
    )
    agency.refresh_from_db()
    assert (agency.acronym, agency.name, agency.country.code, agency.slug) == (
        "OJK",
        "Otoritas Jasa Keuangan",
        "ID",
        "ojk-id",
    )
    assert saved == [agency]  # through agency_save: its signal was sent
    assert built_registry() is None
    assert recognise("OJK hadir.").linked_agencies == [agency]


def test_an_agency_made_without_an_expansion_is_named_by_its_acronym(desk_editor):
    AgencyFactory(acronym="X", slug="ojk-id")  # the slug is taken
    agency = agency_create_from_text(
        acronym="OJK", expansion="", country="ID", kind="other", user=desk_editor
    )
    assert (agency.name, agency.slug) == ("OJK", "ojk-id-2")


@pytest.mark.parametrize("role", ["Reporter", "Moderator"])
def test_only_editors_create_agencies_from_a_text(staff_in, role):
    with pytest.raises(PermissionDenied):
        agency_create_from_text(
            acronym="OJK",
            expansion="Otoritas Jasa Keuangan",
            country="ID",
            kind="other",
            user=staff_in(role),
        )
    assert not Agency.objects.exists()


def test_an_agency_the_registry_has_in_that_country_is_refused(desk_editor, agencies):
    with pytest.raises(ValidationError):
        agency_create_from_text(
            acronym="BNPT",
            expansion="Badan X",
            country="ID",
            kind="other",
            user=desk_editor,
        )
    assert Agency.objects.filter(acronym="BNPT").count() == 1


# Deciding ------------------------------------------------------------------


def test_an_editor_accepts_a_proposal_which_creates_its_agency(
    reporter, desk_editor, saved
):
    proposal = AgencyProposalFactory(
        acronym="KTN", expansion="Kawasan Terpadu Nusantara", proposed_by=reporter
    )
    accepted = agency_proposal_accept(
        proposal=proposal, user=desk_editor, country="ID", kind="other"
    )
    accepted.refresh_from_db()
    assert accepted.status == AgencyProposal.Status.ACCEPTED
    assert accepted.decided_by == desk_editor and accepted.decided_at is not None
    assert accepted.agency.name == "Kawasan Terpadu Nusantara"
    assert accepted.agency.country.code == "ID"
    assert saved == [accepted.agency]


def test_an_editor_may_name_the_agency_otherwise_when_accepting(reporter, desk_editor):
    proposal = AgencyProposalFactory(acronym="DOG", expansion="", proposed_by=reporter)
    agency_proposal_accept(
        proposal=proposal,
        user=desk_editor,
        country="PH",
        kind=Agency.Kind.POLICE,
        name="Department of Government",
    )
    agency = Agency.objects.get(acronym="DOG")
    assert (agency.name, agency.kind, agency.country.code) == (
        "Department of Government",
        "police",
        "PH",
    )


def test_an_editor_dismisses_a_proposal_and_no_agency_is_made(reporter, desk_editor):
    proposal = AgencyProposalFactory(proposed_by=reporter)
    agency_proposal_dismiss(proposal=proposal, user=desk_editor)
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.DISMISSED
    assert proposal.decided_by == desk_editor and proposal.agency is None
    assert not Agency.objects.exists()


@pytest.mark.parametrize("role", ["Reporter", "Moderator"])
def test_only_editors_decide_on_proposals(staff_in, reporter, role):
    proposal = AgencyProposalFactory(proposed_by=reporter)
    user = staff_in(role, f"{role.lower()}-2")
    with pytest.raises(PermissionDenied):
        agency_proposal_accept(proposal=proposal, user=user, country="ID", kind="other")
    with pytest.raises(PermissionDenied):
        agency_proposal_dismiss(proposal=proposal, user=user)
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.PROPOSED
    assert not Agency.objects.exists()


def test_a_decided_proposal_cannot_be_decided_again(reporter, desk_editor):
    proposal = AgencyProposalFactory(proposed_by=reporter)
    stale = AgencyProposal.objects.get(pk=proposal.pk)  # another editor's page
    agency_proposal_dismiss(proposal=proposal, user=desk_editor)
    with pytest.raises(ValidationError):
        agency_proposal_accept(
            proposal=stale, user=desk_editor, country="ID", kind="other"
        )
    with pytest.raises(ValidationError):
        agency_proposal_dismiss(proposal=stale, user=desk_editor)
    assert not Agency.objects.exists()


def test_a_refused_agency_leaves_the_proposal_undecided(
    reporter, desk_editor, agencies
):
    proposal = AgencyProposalFactory(acronym="BNPT", proposed_by=reporter)
    with pytest.raises(ValidationError):
        agency_proposal_accept(
            proposal=proposal, user=desk_editor, country="ID", kind="other"
        )
    assert (
        AgencyProposal.objects.get(pk=proposal.pk).status
        == AgencyProposal.Status.PROPOSED
    )


# The admin -----------------------------------------------------------------

LIST = "admin:agencies_agencyproposal_changelist"


def decide_url(proposal):
    return reverse("admin:agencies_agencyproposal_decide", args=[proposal.pk])


def test_editors_see_the_proposals_with_a_link_to_decide(client, desk_editor, reporter):
    open_one = AgencyProposalFactory(acronym="KTN", proposed_by=reporter)
    AgencyProposalFactory(
        acronym="OMS", proposed_by=reporter, status=AgencyProposal.Status.DISMISSED
    )
    client.force_login(desk_editor)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert [p.acronym for p in response.context["cl"].result_list] == ["OMS", "KTN"]
    page = response.content.decode()
    assert page.count("/decide/") == 1
    assert decide_url(open_one) in page
    assert "dismiss_selected" in page
    assert reverse("admin:agencies_agencyproposal_add") not in page


def test_an_editor_accepts_a_proposal_on_its_page(client, desk_editor, reporter):
    proposal = AgencyProposalFactory(
        acronym="KTN", expansion="Kawasan Terpadu Nusantara", proposed_by=reporter
    )
    client.force_login(desk_editor)
    page = client.get(decide_url(proposal))
    assert page.status_code == 200
    assert page.context["form"]["name"].value() == "Kawasan Terpadu Nusantara"
    response = client.post(
        decide_url(proposal),
        {"name": "Kawasan Terpadu Nusantara", "country": "ID", "kind": "other"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.ACCEPTED
    assert proposal.agency.acronym == "KTN"


def test_a_refused_agency_is_explained_on_the_decide_page(
    client, desk_editor, reporter, agencies
):
    proposal = AgencyProposalFactory(acronym="BNPT", proposed_by=reporter)
    client.force_login(desk_editor)
    response = client.post(
        decide_url(proposal), {"name": "Badan X", "country": "ID", "kind": "other"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.PROPOSED


def test_an_editor_dismisses_proposals_one_or_several_at_once(
    client, desk_editor, reporter
):
    one, two, three = (AgencyProposalFactory(proposed_by=reporter) for _ in range(3))
    client.force_login(desk_editor)
    dismiss = reverse("admin:agencies_agencyproposal_dismiss", args=[one.pk])
    assert client.get(dismiss).status_code == 405
    assert client.post(dismiss).status_code == 302
    client.post(
        reverse(LIST),
        {"action": "dismiss_selected", "_selected_action": [two.pk, three.pk]},
    )
    assert set(AgencyProposal.objects.values_list("status", flat=True)) == {
        AgencyProposal.Status.DISMISSED
    }


def test_a_reporter_sees_the_proposals_but_cannot_decide(client, reporter):
    proposal = AgencyProposalFactory(proposed_by=reporter)
    client.force_login(reporter)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert decide_url(proposal) not in response.content.decode()
    assert "dismiss_selected" not in response.content.decode()
    assert client.get(decide_url(proposal)).status_code == 403
    dismiss = reverse("admin:agencies_agencyproposal_dismiss", args=[proposal.pk])
    assert client.post(dismiss).status_code == 403
    client.post(
        reverse(LIST),
        {"action": "dismiss_selected", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.PROPOSED


def test_a_proposal_is_never_edited_in_the_admin(client, desk_editor, reporter):
    proposal = AgencyProposalFactory(proposed_by=reporter, acronym="KTN")
    client.force_login(desk_editor)
    change = reverse("admin:agencies_agencyproposal_change", args=[proposal.pk])
    assert client.get(change).status_code == 200  # read-only
    client.post(change, {"acronym": "XYZ"})
    proposal.refresh_from_db()
    assert proposal.acronym == "KTN"
    assert client.get(reverse("admin:agencies_agencyproposal_add")).status_code == 403


def test_an_agency_made_from_a_proposal_and_deleted_can_be_recovered(
    reporter, desk_editor
):
    """As one added on its own form, whichever page made it (the service
    keeps its first revision): a tester found one missing from "Recover
    deleted agencies", its stories' links lost for good."""
    proposal = AgencyProposalFactory(
        acronym="DOG", expansion="Department of Government", proposed_by=reporter
    )
    agency_proposal_accept(proposal=proposal, user=desk_editor, country="PH")
    agency = Agency.objects.get(acronym="DOG")
    [first] = Version.objects.get_for_object(agency)
    assert first.revision.user == desk_editor

    agency.delete()

    assert [v.object_repr for v in Version.objects.get_deleted(Agency)] == ["DOG (PH)"]
