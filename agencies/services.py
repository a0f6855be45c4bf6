"""Writes with rules on agencies: saving one with its aliases, deleting some,
creating one from a text; proposals of new agencies and their decision;
saving a person or a meeting. A changed slug leaves its old address
redirecting to the new one (FormerSlug).

Each checks permission, validates and runs in one transaction. What other
apps derive from an agency's names follows through the signals of
agencies/signals.py, sent here explicitly (this app imports no other app):
`agency_saved` after a save, `agencies_deleting` before a delete.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.text import slug_of

from .models import (
    Agency,
    AgencyAlias,
    AgencyProposal,
    AgencySlugHistory,
    FormerSlug,
    Meeting,
    MeetingSlugHistory,
    Person,
    PersonSlugHistory,
)
from .signals import agencies_deleting, agency_saved

PROPOSE = "agencies.add_agencyproposal"  # reporters and editors
DECIDE = "agencies.change_agencyproposal"  # editors


def agency_save(
    *,
    agency: Agency,
    user,
    aliases: Iterable[AgencyAlias] = (),
    removed_aliases: Iterable[AgencyAlias] = (),
) -> Agency:
    """Save an agency, new or changed, with changes to its aliases.

    `aliases` are new or changed aliases (they are given this agency),
    `removed_aliases` aliases of this agency to delete. Sends `agency_saved`
    once everything is written, so that the articles mentioning the agency
    are found by its names and aliases as they are now.
    """
    permission = "agencies.change_agency" if agency.pk else "agencies.add_agency"
    if not user.has_perm(permission):
        raise PermissionDenied(_("You may not change agencies."))
    with transaction.atomic():
        old_slug = _slug_before(agency)
        agency.full_clean()
        agency.save()
        _follow_slug(agency, old_slug, AgencySlugHistory)
        for alias in removed_aliases:
            if alias.pk is not None and alias.agency_id == agency.pk:
                alias.delete()
        for alias in aliases:
            alias.agency = agency
            alias.full_clean()
            alias.save()
        agency_saved.send(sender=Agency, agencies=[agency])
    return agency


def person_save(*, person: Person, user) -> Person:
    """Save a person, new or changed (the admin's save); a changed slug
    leaves the old address redirecting to the new one."""
    return _save_addressed(
        person, user, PersonSlugHistory, refused=_("You may not change people.")
    )


def meeting_save(*, meeting: Meeting, user) -> Meeting:
    """Save a meeting, new or changed, without its sessions and lists (the
    admin saves them next); a changed slug leaves the old address
    redirecting to the new one."""
    return _save_addressed(
        meeting, user, MeetingSlugHistory, refused=_("You may not change meetings.")
    )


def _save_addressed(obj, user, history: type[FormerSlug], *, refused: str):
    """Save `obj`, a page of its own at its slug, if `user` may add or change
    it: checked, validated and saved with its old address kept (_follow_slug)."""
    opts = obj._meta
    action = "change" if obj.pk else "add"
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise PermissionDenied(refused)
    with transaction.atomic():
        old_slug = _slug_before(obj)
        obj.full_clean()
        obj.save()
        _follow_slug(obj, old_slug, history)
    return obj


def _slug_before(obj: models.Model) -> str | None:
    """The slug `obj` has in the database (None for a new one)."""
    if obj.pk is None:
        return None
    saved = type(obj)._default_manager.filter(pk=obj.pk)
    return saved.values_list("slug", flat=True).first()


def _follow_slug(obj, old_slug: str | None, history: type[FormerSlug]) -> None:
    """After `obj` was saved: a slug it left is kept as an old address of
    it, and a slug it took is no one's old address any more (a live slug
    wins over an old one, its own or another's)."""
    if obj.slug == old_slug:
        return
    history.objects.filter(slug=obj.slug).delete()
    if old_slug:
        history.objects.update_or_create(
            slug=old_slug, defaults={"owner": obj, "changed_at": timezone.now()}
        )


def agency_delete(*, agencies: Iterable[Agency], user) -> int:
    """Delete agencies (one, or a selection from the admin's change list);
    returns how many were deleted.

    Sends `agencies_deleting` first and calls what its receivers returned
    after the delete, in the same transaction: the articles that mentioned
    the agencies are no longer found by their names.
    """
    if not user.has_perm("agencies.delete_agency"):
        raise PermissionDenied(_("You may not delete agencies."))
    with transaction.atomic():
        agencies = list(agencies)
        if not agencies:
            return 0
        responses = agencies_deleting.send(sender=Agency, agencies=agencies)
        _total, by_model = Agency.objects.filter(
            pk__in=[agency.pk for agency in agencies]
        ).delete()
        for _receiver, after_delete in responses:
            if callable(after_delete):
                after_delete()
    return by_model.get(Agency._meta.label, 0)


def agency_propose(
    *, acronym: str, expansion: str = "", context: str = "", user, source_url=""
) -> AgencyProposal:
    """Propose a new agency found in a text (reporters and editors): its
    acronym, what the text says it stands for, and where it was found. An
    undecided proposal of the same acronym and expansion is returned as it
    is, so that the same story imported twice proposes once."""
    if not user.has_perm(PROPOSE):
        raise PermissionDenied(_("You may not propose agencies."))
    acronym, expansion = acronym.strip(), " ".join(expansion.split())
    with transaction.atomic():
        same = AgencyProposal.objects.undecided().same_as(acronym, expansion).first()
        if same is not None:
            return same
        proposal = AgencyProposal(
            acronym=acronym,
            expansion=expansion,
            context=context.strip(),
            source_url=source_url,
            proposed_by=user,
        )
        proposal.full_clean()
        proposal.save()
    return proposal


def agency_create_from_text(
    *, acronym: str, expansion: str, country: str, kind: str, user
) -> Agency:
    """Create an agency from an acronym and its expansion found in a text
    (editors only: those who may add agencies). Saved by agency_save, so its
    checks run and its signal is sent; the name is the acronym when the text
    gives no expansion."""
    if not user.has_perm("agencies.add_agency"):
        raise PermissionDenied(_("Only editors may create agencies."))
    acronym, expansion = acronym.strip(), " ".join(expansion.split())
    agency = Agency(
        acronym=acronym,
        name=expansion or acronym,
        country=country,
        kind=kind,
        slug=free_agency_slug(acronym, country),
    )
    return agency_save(agency=agency, user=user)


def free_agency_slug(acronym: str, country: str) -> str:
    """A slug no agency has, made from the acronym and the country ("bin-my";
    "bin-my-2" when taken): one acronym can name agencies of two countries."""
    base = slug_of(f"{acronym}-{country}")[:72] or "agency"
    taken = set(
        Agency.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def agency_proposal_accept(
    *,
    proposal: AgencyProposal,
    user,
    country: str,
    kind: str = Agency.Kind.OTHER,
    name: str = "",
) -> AgencyProposal:
    """Accept a proposal (editors): create its agency (named `name`, else
    the proposal's expansion) through agency_create_from_text and record
    who decided, when, and the agency created. A proposal already decided
    is refused."""
    if not user.has_perm(DECIDE):
        raise PermissionDenied(_("Only editors may decide on proposed agencies."))
    with transaction.atomic():
        _refuse_decided(proposal)
        agency = agency_create_from_text(
            acronym=proposal.acronym,
            expansion=name or proposal.expansion,
            country=country,
            kind=kind,
            user=user,
        )
        _decide(proposal, AgencyProposal.Status.ACCEPTED, user, agency=agency)
    return proposal


def agency_proposal_dismiss(*, proposal: AgencyProposal, user) -> AgencyProposal:
    """Dismiss a proposal (editors): no agency is created. A proposal already
    decided is refused."""
    if not user.has_perm(DECIDE):
        raise PermissionDenied(_("Only editors may decide on proposed agencies."))
    with transaction.atomic():
        _refuse_decided(proposal)
        _decide(proposal, AgencyProposal.Status.DISMISSED, user)
    return proposal


def _refuse_decided(proposal: AgencyProposal) -> None:
    current = (
        AgencyProposal.objects.select_for_update()
        .filter(pk=proposal.pk)
        .values_list("status", flat=True)
        .first()
    )
    if current != AgencyProposal.Status.PROPOSED:
        raise ValidationError(
            _("“%(proposal)s” was already decided.") % {"proposal": proposal}
        )


def _decide(proposal: AgencyProposal, status, user, agency=None) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.agency = agency
    proposal.save(update_fields=["status", "decided_by", "decided_at", "agency"])
