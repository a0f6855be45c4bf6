import datetime as dt

import factory
from django.utils import timezone

from agencies.models import (
    Agency,
    AgencyAlias,
    AgencyProposal,
    Meeting,
    MeetingAttendance,
    MeetingParticipant,
    MeetingSeries,
    MeetingSession,
    Person,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    acronym = factory.Sequence(lambda n: f"AG{n}")
    name = factory.LazyAttribute(lambda o: f"Agency {o.acronym}")
    slug = factory.LazyAttribute(lambda o: f"{o.acronym.lower()}-{o.country.lower()}")
    country = "ID"
    kind = Agency.Kind.OTHER


class AgencyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyAlias

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class AgencyProposalFactory(factory.django.DjangoModelFactory):
    """An undecided proposal (give `proposed_by`)."""

    class Meta:
        model = AgencyProposal

    acronym = factory.Sequence(lambda n: f"NEW{n}")
    expansion = factory.Sequence(lambda n: f"New Agency {n}")
    context = "… bersama NEW dan BNPT …"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Official {n}")
    slug = factory.Sequence(lambda n: f"official-{n}")
    agency = factory.SubFactory(AgencyFactory)


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    name = factory.Sequence(lambda n: f"Joint Working Group {n}")
    slug = factory.Sequence(lambda n: f"jwg-{n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=4))


class MeetingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSession

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Session {n}")


class MeetingParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingParticipant

    meeting = factory.SubFactory(MeetingFactory)
    agency = factory.SubFactory(AgencyFactory)
    country = factory.LazyAttribute(lambda o: o.agency.country)
    role = MeetingParticipant.Role.MEMBER


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    role = MeetingAttendance.Role.ATTENDED
    agency = factory.LazyAttribute(lambda o: o.person.agency)


# The 4th Philippines-Indonesia JWG (24 March 2022): its seven discussion
# sessions, summarised in our own words, in agenda order.
JWG4_SESSION_TITLES = [
    "Threat assessments at global, regional and domestic level",
    "Intelligence and information sharing between the security agencies",
    "Carrying out and monitoring border control",
    "Preventing and countering terrorism in cyberspace",
    "Lessons learned in countering violent extremism (CVE)",
    "Police-to-police cooperation between Indonesia and the Philippines",
    "Building capacity and capability",
]
