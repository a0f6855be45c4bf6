"""Structured data for the public pages: schema.org objects as plain dicts,
ready to serialise as JSON-LD (see newsroom/templatetags/seo_tags.py).

Addresses are absolute, built from the request. The functions only read what
the page's view has already loaded (the article's prefetched tags, agencies,
people and notes; a meeting's delegations; an agency's aliases and units), so
they cost no query.

Choices worth knowing:
- Lists with nothing in them (`keywords`, `about`, `mentions`) are left out,
  as every other property without a value.
- Agencies are `Organization`s whose `@id` is their page's address plus
  `#organization`, so an article's `about`, a meeting's `organizer` and
  `attendee` and the agency page's own object name the same node.
- A meeting's attendees are its participating agencies (each with its own
  page), in the order of the delegations on the page. Which country's
  delegation an agency sat in is left out: schema.org has no property for it,
  and a made-up "Delegation of X" organisation would have no page to link to.
- Only notes of kind "correction" become `CorrectionComment`s: an update adds
  news rather than fixing an error, and shows in `dateModified` instead.
- Agencies, people and meetings are one node in both editions: their `@id`
  is built on the root (Indonesian) page's address, their `url` is the page
  in the reader's edition.
- Names are in the page's language (the `local_*` attributes), the other
  language's among `alternateName`. The newsroom (publisher, website) is one
  node in both editions: its `@id` is the root (Indonesian) address.
- An original article lists its published translations in `workTranslation`;
  a translation names its original in `translationOfWork`.
- A story's `author` is the staff member who wrote it (`created_by`) as a
  `Person` linked to their author page when that page is public; otherwise
  the byline's name (an `Organization` when it is a desk's, "Tim Redaksi";
  else a `Person`), or the newsroom. The author page's `Person` is the same
  node (`@id` on the root edition's page) and works for the newsroom.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agencies.models import Agency, Meeting, Person
from articles.models import Article, AuthorProfile, Correction
from newsroom.addresses import reverse_once
from newsroom.bilingual import default_language
from newsroom.media.rendering import rendition_for
from newsroom.text import names

CONTEXT = "https://schema.org"
HEADLINE_MAX_LENGTH = 110  # longer headlines are cut by search engines
LOGO_PATH = "img/logo.png"
LOGO_SIZE = 112  # pixels, square
# The picture a shared page without one of its own shows (templates/base.html),
# drawn by `manage.py make_social_image`: the size of the stories' cards.
SOCIAL_IMAGE_PATH = "img/social.png"
SOCIAL_IMAGE_SIZE = (1200, 630)  # pixels

ATTENDANCE_MODES = {
    Meeting.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Meeting.Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Meeting.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}

# One step of a trail: a name and a path (relative or absolute).
Crumb = tuple[str, str]


def isoformat(value: dt.datetime, zone: str | None = None) -> str:
    """ISO 8601 to the second, with the offset of `zone` (the newsroom's own
    time zone by default)."""
    return value.astimezone(ZoneInfo(zone or settings.TIME_ZONE)).isoformat(
        timespec="seconds"
    )


def root_home(request) -> str:
    """The root edition's home page, absolute: the newsroom's own address."""
    with translation.override(default_language()):
        return request.build_absolute_uri(reverse_once("articles:home"))


def node_id(obj, request, kind: str) -> str:
    """The `@id` of an agency, person or meeting: its root edition's page
    plus `#kind`, the same whichever edition names it."""
    with translation.override(default_language()):
        return request.build_absolute_uri(obj.get_absolute_url()) + f"#{kind}"


def publisher(request) -> dict:
    """The newsroom itself, with its logo (the same node in both editions)."""
    home = root_home(request)
    return {
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": settings.NEWSROOM_NAME,
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def website(request) -> dict:
    """The site as a whole, for the home page (both editions)."""
    home = root_home(request)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": settings.NEWSROOM_NAME,
        "url": home,
        "inLanguage": [code for code, _name in settings.LANGUAGES],
        "publisher": publisher(request),
    }


def news_article(article: Article, request, translations=()) -> dict:
    """A published article as a `NewsArticle`; `translations` are the other
    published articles of its story (the view's)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": Truncator(article.title).chars(HEADLINE_MAX_LENGTH),
        "inLanguage": article.language,
        "articleSection": article.section.local_name,
        "author": _authors(article, request),
        "publisher": publisher(request),
        "isAccessibleForFree": True,
    }
    named = {
        "keywords": [tag.name for tag in article.tags.all()],
        "about": [agency_reference(a, request) for a in article.agencies.all()],
        "mentions": [person_reference(p, request) for p in article.people.all()],
    }
    data.update((key, value) for key, value in named.items() if value)
    if article.published_at:
        data["datePublished"] = isoformat(article.published_at)
        data["dateModified"] = isoformat(article.last_modified)
    if article.dek:
        data["description"] = article.dek
    image = image_object(article.featured_image, "card", request)
    if image:
        data["image"] = [image]
    if article.source_url:
        data["isBasedOn"] = article.source_url
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": isoformat(note.created_at),
        }
        for note in article.corrections.all()
        if note.kind == Correction.Kind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    if article.translation_of_id is None:
        if translations:
            data["workTranslation"] = [
                article_reference(other, request) for other in translations
            ]
    else:
        original = next(
            (o for o in translations if o.pk == article.translation_of_id), None
        )
        if original is not None:
            data["translationOfWork"] = article_reference(original, request)
    return data


def _authors(article: Article, request) -> list[dict]:
    """The story's author: its writer's public profile when the byline names
    them (Article.byline_profile), else the byline's name, else the
    newsroom. Reads `created_by.author_profile` as loaded
    (Article.objects.for_detail() selects it)."""
    profile = article.byline_profile()
    if profile is not None:
        return [author_reference(profile, request)]
    if article.byline:
        kind = "Organization" if is_desk_byline(article.byline) else "Person"
        return [{"@type": kind, "name": article.byline}]
    return [publisher(request)]


# Words that make a byline a desk's or a team's, not a person's: "Tim
# Redaksi", "Redaksi", "Editorial Team". ("Tim" alone is no such word: it is
# also a name.)
DESK_WORDS = ("redaksi", "editorial", "newsroom", "team")


def is_desk_byline(byline: str) -> bool:
    """Whether `byline` names a desk or team (DESK_WORDS, or the newsroom's
    own name), whole words in any case or accents."""
    return any(names(byline, word) for word in (*DESK_WORDS, settings.NEWSROOM_NAME))


def author_reference(profile: AuthorProfile, request) -> dict:
    """A staff author named and linked, for use inside another object."""
    return {
        "@type": "Person",
        "@id": node_id(profile, request, "person"),
        "name": profile.name,
        "url": request.build_absolute_uri(profile.get_absolute_url()),
    }


def author(profile: AuthorProfile, request) -> dict:
    """A staff author's page as a `Person` working for the newsroom."""
    data = {"@context": CONTEXT, **author_reference(profile, request)}
    if profile.local_role:
        data["jobTitle"] = profile.local_role
    if profile.local_bio:
        data["description"] = profile.local_bio
    photo = image_object(profile.photo, "square", request)
    if photo:
        data["image"] = photo
    home = root_home(request)
    data["worksFor"] = {
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": settings.NEWSROOM_NAME,
        "url": home,
    }
    return data


def article_reference(article: Article, request) -> dict:
    """An article named by its address and language, inside another object."""
    url = request.build_absolute_uri(article.get_absolute_url())
    return {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "inLanguage": article.language,
    }


def event(meeting: Meeting, request) -> dict:
    """A meeting as an `Event`, its times in the venue's own time zone."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": node_id(meeting, request, "event"),
        "url": url,
        "name": meeting.local_title,
        "startDate": isoformat(meeting.start, meeting.timezone),
        "eventAttendanceMode": ATTENDANCE_MODES[meeting.format],
    }
    attendees = [
        agency_reference(participant.agency, request)
        for participant in meeting.participants.all()
    ]
    if attendees:  # none known yet: no empty list
        data["attendee"] = attendees
    if meeting.end:
        data["endDate"] = isoformat(meeting.end, meeting.timezone)
    if meeting.local_summary:
        data["description"] = meeting.local_summary
    location = _locations(meeting)
    if location:
        data["location"] = location[0] if len(location) == 1 else location
    if meeting.host:
        data["organizer"] = agency_reference(meeting.host, request)
    if meeting.series:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": meeting.series.local_name,
            "url": request.build_absolute_uri(meeting.series.get_absolute_url()),
        }
    return data


def _locations(meeting: Meeting) -> list[dict]:
    """The venue as a `Place` (unless the meeting is virtual) and, for virtual
    and hybrid meetings, a `VirtualLocation`. We do not publish the links
    delegates join by, so the virtual location has no `url`."""
    places = []
    if meeting.format != Meeting.Format.VIRTUAL and (
        meeting.venue or meeting.city or meeting.country
    ):
        place = {
            "@type": "Place",
            "name": meeting.venue or meeting.city or meeting.country.name,
        }
        address = {"@type": "PostalAddress"}
        if meeting.city:
            address["addressLocality"] = meeting.city
        if meeting.country:
            address["addressCountry"] = meeting.country.code
        if len(address) > 1:
            place["address"] = address
        places.append(place)
    if meeting.format != Meeting.Format.IN_PERSON:
        places.append({"@type": "VirtualLocation"})
    return places


def organization(agency: Agency, request) -> dict:
    """An agency as an `Organization`, with its names, parent and units."""
    data = {"@context": CONTEXT, **agency_reference(agency, request)}
    names = [
        agency.acronym,
        agency.name,
        agency.name_en,
        *(alias.name for alias in agency.aliases.all()),
    ]
    data["alternateName"] = list(
        dict.fromkeys(n for n in names if n and n != agency.local_name)
    )
    if agency.local_description:
        data["description"] = agency.local_description
    logo = image_object(agency.logo, "square", request)
    if logo:
        data["logo"] = logo["url"]
    if agency.website:
        data["sameAs"] = [agency.website]
    if agency.country:
        data["address"] = {
            "@type": "PostalAddress",
            "addressCountry": agency.country.code,
        }
    if agency.parent:
        data["parentOrganization"] = agency_reference(agency.parent, request)
    children = [agency_reference(child, request) for child in agency.children.all()]
    if children:
        data["subOrganization"] = children
    return data


def person(person: Person, request) -> dict:
    """An official as a `Person`, with the position held now."""
    data = {"@context": CONTEXT, **person_reference(person, request)}
    if person.local_position:
        data["jobTitle"] = person.local_position
    if person.agency:
        data["worksFor"] = agency_reference(person.agency, request)
    # In the page's language only: JSON-LD cannot say that a fallback
    # biography is in the other language.
    if person.own_language_bio:
        data["description"] = person.own_language_bio
    portrait = image_object(person.portrait, "square", request)
    if portrait:
        data["image"] = portrait
    return data


def image_object(image, spec: str, request) -> dict | None:
    """A library image as an `ImageObject`: its `spec` JPEG rendition (the
    1200×630 card for articles), never the original, with its size, caption
    and credit; None without an image or any rendition yet."""
    rendition = rendition_for(image, spec) if image else None
    if rendition is None:
        return None
    data = {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }
    if image.local_caption:
        data["caption"] = image.local_caption
    if image.local_credit:
        data["creditText"] = image.local_credit
    return data


def agency_reference(agency: Agency, request) -> dict:
    """An agency named and linked, for use inside another object."""
    url = request.build_absolute_uri(agency.get_absolute_url())
    data = {
        "@type": "Organization",
        "@id": node_id(agency, request, "organization"),
        "name": agency.local_name,
        "url": url,
    }
    if agency.acronym:
        data["alternateName"] = agency.acronym
    return data


def person_reference(person: Person, request) -> dict:
    """A person named and linked, for use inside another object."""
    url = request.build_absolute_uri(person.get_absolute_url())
    return {
        "@type": "Person",
        "@id": node_id(person, request, "person"),
        "name": person.name,
        "url": url,
    }


def breadcrumbs(request, items: list[Crumb]) -> dict:
    """The trail from the home page through `items` (the current page last)."""
    trail = [(_("Home"), reverse_once("articles:home")), *items]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
