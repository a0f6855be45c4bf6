"""The pages of an agency, a person and a meeting: who or what they are, and
the articles about them; and the people index, the people the stories name.

They read the articles, so they live here: the agencies app never imports the
articles. Their URLs keep the names of the agencies' pages
(`agencies:agency_detail`…): newsroom/urls.py mounts them in that namespace.

Each costs at most five queries whatever it shows (navigation included): the
object with its short lists (agencies.querysets' for_page()), the page of
articles with its count and the other edition's, every picture's renditions,
and one list of its own (an agency's meetings, a person's attendances, a
meeting's neighbours in its series).
"""

from itertools import groupby
from operator import attrgetter

from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from taggit.models import Tag

from agencies.models import (
    Agency,
    AgencySlugHistory,
    FormerSlug,
    Meeting,
    MeetingAttendance,
    MeetingSlugHistory,
    Person,
    PersonSlugHistory,
)
from agencies.views import agencies_crumb, meetings_crumb, people_crumb
from newsroom import cachetags
from newsroom.media.rendering import rendition_for

from ..models import Article, TagSlugHistory
from ..pagination import paginate
from .articles import in_lowercase, with_query
from .editions import edition_page

# People on a page of the people index.
PEOPLE_PER_PAGE = 48


def _share_image(image):
    """og:image of a logo or portrait: its square JPEG rendition, if any."""
    return rendition_for(image, "square") if image else None


def tag_moved_or_404(request, slug: str):
    """For a tag's address that shows no tag: a redirect (301) to the tag it
    was merged into (articles.services.tags.tag_merge), unless a tag has the
    slug now (a live slug wins, even one no public story carries yet)."""
    if Tag.objects.filter(slug=slug).exists():
        raise Http404
    return moved_or_404(request, TagSlugHistory, slug)


def moved_or_404(request, history: type[FormerSlug], slug: str):
    """For an address at an old slug (`history`: the old slugs of the page's
    kind): a permanent redirect to the same address at the slug now, in the
    same edition, with the same query (a feed's stays a feed). Else 404."""
    slug_now = history.objects.slug_now(slug)
    if slug_now is None:
        raise Http404
    match = request.resolver_match
    path = reverse(match.view_name, kwargs={**match.kwargs, "slug": slug_now})
    return redirect(with_query(request, path), permanent=True)


def agency_detail(request, slug: str):
    try:
        agency = get_object_or_404(Agency.objects.for_page(), slug=slug.lower())
    except Http404:
        return moved_or_404(request, AgencySlugHistory, slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    articles = Article.objects.published().mentioning(agency).for_listing()
    listed = edition_page(request, articles.latest_first(), images=[agency.logo])
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "people": agency.people.all(),
            **listed,
            "meetings": Meeting.objects.involving(agency).for_listing()[:20],
            "share_image": _share_image(agency.logo),
            "breadcrumbs": [
                agencies_crumb(),
                (agency.display_name, agency.get_absolute_url()),
            ],
        },
    )


def person_detail(request, slug: str):
    try:
        person = get_object_or_404(
            Person.objects.select_related("agency", "portrait"), slug=slug.lower()
        )
    except Http404:
        return moved_or_404(request, PersonSlugHistory, slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    articles = Article.objects.published().featuring(person).for_listing()
    listed = edition_page(request, articles.latest_first(), images=[person.portrait])
    # Latest meeting first, its roles in the order its own page lists them.
    attendances = person.attendances.select_related(
        "meeting", "meeting__series"
    ).order_by("-meeting__start", "meeting_id", "order", "role", "id")
    trail = []
    if person.agency:
        agency = person.agency
        trail = [agencies_crumb(), (agency.display_name, agency.get_absolute_url())]
    trail.append((person.name, person.get_absolute_url()))
    return render(
        request,
        "agencies/person_detail.html",
        {
            "person": person,
            "meetings": _attended(attendances, by="meeting"),
            "share_image": _share_image(person.portrait),
            **listed,
            "breadcrumbs": trail,
        },
    )


def person_list(request):
    """The people the published stories name (in either edition: every
    person's page is in both), by agency and name, each with the day of
    their latest story. Two queries whatever it shows: the page's count and
    its people."""
    latest = (
        Article.objects.published()
        .featuring(OuterRef("pk"))
        .latest_first()
        .values("published_at")[:1]
    )
    page = paginate(request, Person.objects.in_the_news(latest), PEOPLE_PER_PAGE)
    cachetags.shows_page(request, "page", page.number)
    return render(
        request,
        "agencies/person_list.html",
        {
            "page_obj": page,
            "by_agency": [
                (agency, list(people))
                for agency, people in groupby(page, key=attrgetter("agency"))
            ],
            "breadcrumbs": [people_crumb()],
            # The language switcher keeps the page (edition_tags).
            "same_list_in_every_edition": True,
        },
    )


class Attended:
    """One person at one meeting, in all their roles: their attendances."""

    def __init__(self):
        self.rows: list[MeetingAttendance] = []

    @property
    def person(self):
        return self.rows[0].person

    @property
    def meeting(self):
        return self.rows[0].meeting

    @property
    def roles(self) -> list[str]:
        return [row.get_role_display() for row in self.rows]

    @property
    def held(self) -> MeetingAttendance | None:
        """The first attendance that gives a position held (its
        `local_position_held`, and the fields that tell its language)."""
        return next((row for row in self.rows if row.local_position_held), None)

    @property
    def agency(self):
        """The first agency an attendance names, if any."""
        return next((row.agency for row in self.rows if row.agency_id), None)


def _attended(attendances, *, by: str) -> list[Attended]:
    """`attendances` grouped by person or by meeting (`by`), in order of first
    appearance: a person with two roles at a meeting is listed once."""
    grouped: dict[int, Attended] = {}
    for row in attendances:
        grouped.setdefault(getattr(row, f"{by}_id"), Attended()).rows.append(row)
    return list(grouped.values())


def meeting_detail(request, slug: str):
    try:
        meeting = get_object_or_404(Meeting.objects.for_page(), slug=slug.lower())
    except Http404:
        return moved_or_404(request, MeetingSlugHistory, slug.lower())
    if moved := in_lowercase(request, slug):
        return moved
    delegations = [
        (country, list(members))
        for country, members in groupby(
            meeting.participants.all(), key=lambda p: p.country
        )
    ]
    neighbours = list(Meeting.objects.neighbours_of(meeting))
    previous = next((m for m in neighbours if m.number < meeting.number), None)
    following = next((m for m in neighbours if m.number > meeting.number), None)
    return render(
        request,
        "agencies/meeting_detail.html",
        {
            "meeting": meeting,
            "delegations": delegations,
            "people": _attended(meeting.attendances.all(), by="person"),
            **edition_page(
                request,
                Article.objects.published()
                .about_meeting(meeting)
                .for_listing()
                .latest_first(),
            ),
            "previous_meeting": previous,
            "next_meeting": following,
            "breadcrumbs": [
                meetings_crumb(),
                (meeting.local_title, meeting.get_absolute_url()),
            ],
        },
    )
