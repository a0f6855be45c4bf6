"""Admin change lists refuse odd lookup values cleanly, never with a 500.

Django's change list turns most bad filter values into its "?e=1" redirect
(`IncorrectLookupParameters`), but some slip through and fail later: a date
drill-down at 9999-12-31 overflows while computing the next day, year 1
overflows when SQLite converts it to UTC, a NUL byte reaches PostgreSQL (which
refuses it), a custom filter's choices do a lookup with a value that is not a
number, a `__regex` lookup carries a broken pattern. `CheckedChangeList` adds
the missing checks; `protect_changelists(admin.site)`, called once in
newsroom/urls.py, gives it to every change list on the site (ours, and the
auth and tag admins too), combined with each admin's own change list class.
"""

from functools import cache, partial

from django.contrib.admin import AdminSite
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import DataError

# Lookups a URL may not use: a pattern is code, run by the database.
REFUSED_LOOKUPS = frozenset({"regex", "iregex"})


def refuse_unsafe_parameters(query) -> None:
    """Raise IncorrectLookupParameters for a query string that the database
    cannot take: a NUL byte anywhere, or a regular-expression lookup."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            raise IncorrectLookupParameters("NUL byte in the query string")
        if key.rsplit("__", 1)[-1] in REFUSED_LOOKUPS:
            raise IncorrectLookupParameters(f"lookup not allowed: {key}")


class CheckedChangeList(ChangeList):
    """A change list for which every bad lookup value is an
    IncorrectLookupParameters: ModelAdmin.changelist_view then redirects to
    the plain list with "?e=1", and an export built on the change list can do
    the same."""

    def __init__(self, request, *args, **kwargs):
        refuse_unsafe_parameters(request.GET)
        super().__init__(request, *args, **kwargs)

    def get_filters(self, request):
        # The date drill-down and list filters' own lookups run here.
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The first queries: values are converted for the database here.
        try:
            super().get_results(request)
        except (ValueError, OverflowError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


@cache
def checked(changelist_class: type[ChangeList]) -> type[ChangeList]:
    """`changelist_class` with the checks of CheckedChangeList."""
    if changelist_class is ChangeList:
        return CheckedChangeList
    if issubclass(changelist_class, CheckedChangeList):
        return changelist_class
    return type(
        f"Checked{changelist_class.__name__}",
        (CheckedChangeList, changelist_class),
        {"__module__": __name__},
    )


def _get_checked_changelist(get_changelist, request, **kwargs):
    return checked(get_changelist(request, **kwargs))


def protect_changelists(site: AdminSite) -> None:
    """Make every ModelAdmin registered on `site` build checked change lists.
    Safe to call again; admins registered later are not covered."""
    for model_admin in site._registry.values():
        get_changelist = model_admin.get_changelist
        if getattr(get_changelist, "func", None) is _get_checked_changelist:
            continue
        model_admin.get_changelist = partial(_get_checked_changelist, get_changelist)
