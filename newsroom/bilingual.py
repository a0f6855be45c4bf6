"""The newsroom's two languages: bilingual names and the editions' addresses.

The Indonesian text lives in the field itself (`name`, `title`…), the English
one beside it in `<field>_en`, both edited side by side in the admin. A page
reads `<model>.local_<field>` (a `Bilingual` attribute): the text in the
language of the page's edition, falling back to the other language when that
one is empty, so a reader never sees a blank name.
"""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import pgettext_lazy

ENGLISH = "en"
# The language of a bilingual model's own field (`name`, `caption`…).
INDONESIAN = "id"


def default_language() -> str:
    """The root edition's language (Indonesian; read at each call, as tests
    may change the setting)."""
    return settings.LANGUAGE_CODE


def is_english(language: str | None = None) -> bool:
    """Whether `language` (by default the active one) is English."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == ENGLISH


# English names of countries that take "the" in a sentence ("the
# Philippines", "the United Kingdom…"): plurals, and names of a kind of state.
_THE_WORDS = ("Republic", "Kingdom", "States", "Islands", "Emirates", "Federation")
_THE_NAMES = frozenset(
    {"Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines",
     "Seychelles", "Holy See", "Congo"}
)  # fmt: skip


def country_in_sentence(name: str, language: str | None = None) -> str:
    """A country's name as a sentence holds it: in English with "the" where
    the name takes it ("Delegation of the Philippines"); as it is otherwise
    (Indonesian has no article: "Delegasi Filipina")."""
    if not is_english(language) or not name:
        return name
    words = name.replace(",", " ").split()
    if name in _THE_NAMES or any(word in _THE_WORDS for word in words):
        return f"the {name}"
    return name


def in_language(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in `language` (the active one by default), else in the other."""
    indonesian = getattr(obj, field) or ""
    english = getattr(obj, f"{field}_en") or ""
    if is_english(language):
        return english or indonesian
    return indonesian or english


def fallback_language(obj, field: str, language: str | None = None) -> str:
    """The language of the text in_language() gives when it is the other
    language's, shown for want of one in `language`: "id" for an Indonesian
    caption on an English page, so that it is marked `lang="id"` and read
    as Indonesian; "" when the text is in `language` (or there is none)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    own = getattr(obj, f"{field}_en" if is_english(language) else field) or ""
    if own or not in_language(obj, field, language):
        return ""
    return INDONESIAN if is_english(language) else ENGLISH


class Bilingual:
    """A read-only attribute giving `field` in the active language, with the
    other language as the fallback: `local_name = Bilingual("name")`."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_language(obj, self.field)


# A language's name inside a sentence: Indonesian writes "bahasa" in lower
# case there ("Buat terjemahan dalam bahasa Inggris"), though a name standing
# alone (a choice, a column) is capitalized ("Bahasa Inggris").
_IN_SENTENCE = {
    INDONESIAN: pgettext_lazy("language named in a sentence", "Indonesian"),
    ENGLISH: pgettext_lazy("language named in a sentence", "English"),
}


def language_in_sentence(code: str) -> str:
    """The name of the language `code` as a sentence of the active language
    holds it."""
    return str(_IN_SENTENCE.get(code, code))


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def edition_home(language: str) -> str:
    with translation.override(language):
        return reverse("articles:home")


def alternates(request, article=None, translations=()) -> dict[str, str]:
    """{language: path} of the page shown in each language where it exists.

    An article exists in its own language and in those of its published
    translations; a list page (home, section, tag, agency…) in every
    language. Pages that resolve to no public URL (errors) have none.
    """
    if article is not None:
        found = {article.language: article.get_absolute_url()}
        for other in translations:
            found.setdefault(other.language, other.get_absolute_url())
        return found
    path = request.path
    current = translation.get_language()
    found = {}
    for code in language_codes():
        url = path if code == current else translate_url(path, code)
        if code != current and url == path:
            return {}  # the path does not resolve: no alternates
        found[code] = url
    return found
