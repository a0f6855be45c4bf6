"""Compile the committed translations with Babel: no GNU gettext needed."""

from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django_countries import countries

SOURCE_LANGUAGE = "en"  # the language of the msgids


def add_country_names(catalog: Catalog, language: str) -> int:
    """Add the CLDR name of every country django-countries lists, in `language`,
    where the catalog has none: django-countries has no Indonesian of its own.
    Returns how many names were added."""
    if language == SOURCE_LANGUAGE:
        return 0
    try:
        territories = Locale.parse(language).territories
    except UnknownLocaleError:
        return 0
    with translation.override(None):  # the English names, as django-countries' msgids
        english_names = list(countries)
    added = 0
    for code, name in english_names:
        if code in territories and name not in catalog:
            catalog.add(name, territories[code], auto_comments=["CLDR"])
            added += 1
    return added


def _done(message) -> bool:
    strings = message.string if message.pluralizable else [message.string]
    return all(strings) and not message.fuzzy


class Command(BaseCommand):
    help = (
        "Compile locale/<language>/LC_MESSAGES/django.po into django.mo with "
        "Babel, adding country names from CLDR."
    )

    def handle(self, *args, **options):
        paths = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))
        if not paths:
            raise CommandError("No .po files under locale/.")
        for po_path in paths:
            language = po_path.parent.parent.name
            with po_path.open("rb") as po:
                catalog = read_po(po, locale=language)
            if catalog.fuzzy:
                raise CommandError(f"{po_path} is marked fuzzy in its header.")
            problems = [
                f"{po_path}: {message.id!r}: {error}"
                for message, errors in catalog.check()
                for error in errors
            ]
            if problems:
                raise CommandError("\n".join(problems))
            translated = sum(1 for message in catalog if message.id and _done(message))
            countries_added = add_country_names(catalog, language)
            with po_path.with_suffix(".mo").open("wb") as mo:
                write_mo(mo, catalog)  # fuzzy entries are left out
            self.stdout.write(
                f"{po_path.with_suffix('.mo')}: {translated} messages "
                f"({countries_added} country names from CLDR)"
            )
