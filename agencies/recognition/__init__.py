"""Recognition of the registry in a text: agencies (by acronym, official and
English name, aliases), people (with the position written next to them), the
meeting (by series and number) and the acronyms the registry does not know.

    from agencies.recognition import recognise
    found = recognise(article.body)
    found.linked_agencies, found.as_dict()

Rules and states: README, "Recognition"; design: issue #11.
"""

from .matching import recognise
from .registry import Registry, built_registry, current_registry, forget_registry
from .results import (
    AgencyMatch,
    MeetingMatch,
    Mention,
    PersonMatch,
    Recognition,
    State,
    UnknownAcronym,
)

__all__ = [
    "AgencyMatch",
    "MeetingMatch",
    "Mention",
    "PersonMatch",
    "Recognition",
    "Registry",
    "State",
    "UnknownAcronym",
    "built_registry",
    "current_registry",
    "forget_registry",
    "recognise",
]
