"""The country list of the registry's country fields, translated and sorted
once per language instead of at every use.

django-countries translates and sorts its ~250 names each time its list is
read, and Django reads a field's choices often: twice to normalise them, at
each model validation (every save through a form), each select rendered,
each history entry naming a row's country. Saving an agency in the desk read
it about 17 times, 5 ms each.

Alphabetical whatever the case, as every list of names here: without the
Unicode collation library (pyuca, not installed: 12 MB a process for one
list) django-countries sorts by the names' letters case first, and the
Indonesian "eSwatini" came after "Zimbabwe".
"""

import weakref

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language
from django_countries import Countries, sort_key

_lists = weakref.WeakSet()


class SortedOnce(Countries):
    """django-countries' `Countries`, its sorted list kept per active
    language (None: untranslated): kept while the names it was made from
    are (django-countries makes them again when its options are reset) and
    until a setting the names depend on changes."""

    def __init__(self):
        super().__init__()
        _lists.add(self)

    def __iter__(self):
        names = self.countries
        kept = self.__dict__.get("_sorted")
        if kept is None or kept[0] is not names:
            kept = self.__dict__["_sorted"] = (names, {})
        language = get_language()
        if language not in kept[1]:
            listed = tuple(super().__iter__())
            if not self.countries_first:  # those stay first, in their order
                listed = tuple(sorted(listed, key=_alphabetical))
            kept[1][language] = listed
        return iter(kept[1][language])

    def forget(self):
        self.__dict__.pop("_sorted", None)
        del self.countries


def _alphabetical(country):
    return (sort_key(country).casefold(), country.name)


NAMES_DEPEND_ON = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}


@receiver(setting_changed)
def _forget_sorted_lists(setting, **kwargs):
    if setting in NAMES_DEPEND_ON or setting.startswith("COUNTRIES_"):
        for countries in list(_lists):
            countries.forget()
