"""Writes with rules on agencies: saving one with its aliases, deleting some.

Each checks permission, validates and runs in one transaction. What other
apps derive from an agency's names follows through the signals of
agencies/signals.py, sent here explicitly (this app imports no other app):
`agency_saved` after a save, `agencies_deleting` before a delete.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Agency, AgencyAlias
from .signals import agencies_deleting, agency_saved


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
        agency.full_clean()
        agency.save()
        for alias in removed_aliases:
            if alias.pk is not None and alias.agency_id == agency.pk:
                alias.delete()
        for alias in aliases:
            alias.agency = agency
            alias.full_clean()
            alias.save()
        agency_saved.send(sender=Agency, agencies=[agency])
    return agency


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
