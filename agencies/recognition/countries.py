"""Countries a text names in words ("Filipina", "the Philippines"), in the
desk's two languages, for what the registry cannot tell: the country of an
acronym no known agency stands beside."""

import re
from functools import cache

from django.utils import translation
from django_countries import countries


@cache
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern of every country's name, in Indonesian and in English as
    written (capitalised: "Chad" the country, not a word), longest first
    ("Papua Nugini" before "Papua"), and the code each name stands for."""
    code_of: dict[str, str] = {}
    for language in ("id", "en"):
        with translation.override(language):
            for country in countries:
                code_of.setdefault(str(country.name), country.code)
    alternatives = "|".join(map(re.escape, sorted(code_of, key=len, reverse=True)))
    pattern = re.compile(rf"\b(?:{alternatives})\b")
    return pattern, code_of


def named_country(text: str) -> str:
    """The code of the one country `text` names, else "" (none, or several:
    "Filipina dan Indonesia" tells nothing of one agency)."""
    pattern, code_of = _names()
    found = {code_of[match.group()] for match in pattern.finditer(text)}
    return found.pop() if len(found) == 1 else ""
