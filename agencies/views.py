"""The agencies' own public pages: the list of agencies and of meetings.

The pages of one agency, person or meeting list articles about them, so they
are the articles' (articles/views/coverage.py), under the same URL names; so
is the people index, which lists the people the published stories name.
"""

from itertools import groupby

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Agency, Meeting
from .querysets import ALPHABETICAL


def agencies_crumb() -> tuple[str, str]:
    """The breadcrumb of the agency list, for every page under it."""
    return (_("Agencies"), reverse("agencies:agency_list"))


def meetings_crumb() -> tuple[str, str]:
    """The breadcrumb of the meeting list, for every page under it."""
    return (_("Meetings"), reverse("agencies:meeting_list"))


def people_crumb() -> tuple[str, str]:
    """The breadcrumb of the people index (articles/views/coverage.py)."""
    return (_("People"), reverse("agencies:person_list"))


def agency_list(request):
    agencies = Agency.objects.for_listing().order_by("country", *ALPHABETICAL)
    by_country = [
        (country, list(items))
        for country, items in groupby(agencies, key=lambda a: a.country)
    ]
    return render(
        request,
        "agencies/agency_list.html",
        {
            "by_country": by_country,
            "breadcrumbs": [agencies_crumb()],
        },
    )


def meeting_list(request):
    upcoming = Meeting.objects.upcoming().for_listing()
    past = (
        Meeting.objects.past()
        .for_listing()
        .order_by("series__name", "-number", "-start")
    )
    by_series = [
        (series, list(meetings))
        for series, meetings in groupby(past, key=lambda m: m.series)
    ]
    # Series first (alphabetically, by their names in the page's language),
    # meetings outside any series last.
    by_series.sort(
        key=lambda item: (item[0] is None, item[0].local_name if item[0] else "")
    )
    # A series' address (MeetingSeries.get_absolute_url) leads to its past
    # meetings, or while it has none to its next meeting (one per series).
    with_past = {series.pk for series, _meetings in by_series if series}
    targets: dict[int, int] = {}
    for meeting in upcoming:
        if meeting.series_id and meeting.series_id not in with_past:
            targets.setdefault(meeting.series_id, meeting.pk)
    return render(
        request,
        "agencies/meeting_list.html",
        {
            "upcoming": upcoming,
            "by_series": by_series,
            "series_targets": set(targets.values()),
            "breadcrumbs": [meetings_crumb()],
        },
    )
