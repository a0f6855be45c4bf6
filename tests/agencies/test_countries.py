"""The registry's country fields read a list translated and sorted once per
language (agencies/countries.py), and still the right one in each language."""

import unicodedata
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from django_countries import Countries

from agencies.countries import SortedOnce
from agencies.models import Agency, Meeting, MeetingParticipant

COUNTRY_FIELDS = [
    Agency._meta.get_field("country"),
    Meeting._meta.get_field("country"),
    MeetingParticipant._meta.get_field("country"),
]


def letters(name: str) -> str:
    """A name's letters without accents or case: "Åland" as "aland"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names(field) -> dict[str, str]:
    return {code: str(name) for code, name in field.flatchoices}


@pytest.mark.parametrize("field", COUNTRY_FIELDS, ids=lambda f: f.model.__name__)
def test_each_language_reads_its_own_names_in_its_own_order(field):
    with translation.override("id"):
        indonesian = [str(name) for _code, name in field.choices if _code]
        assert names(field)["PH"] == "Filipina"
        assert names(field)["DE"] == "Jerman"
    with translation.override("en"):
        english = [str(name) for _code, name in field.choices if _code]
        assert names(field)["PH"] == "Philippines"
        assert names(field)["DE"] == "Germany"
    with translation.override("id"):
        assert [str(name) for _code, name in field.choices if _code] == indonesian
    # django-countries' names, alphabetical whatever the case and accents.
    for language, shown in (("id", indonesian), ("en", english)):
        with translation.override(language):
            assert sorted(shown) == sorted(str(name) for _code, name in Countries())
        assert shown == sorted(shown, key=letters)


def test_the_names_are_translated_once_per_language_not_at_each_reading():
    field = Agency._meta.get_field("country")
    field.countries.forget()
    translate = Countries.translate_code
    with mock.patch.object(
        SortedOnce, "translate_code", autospec=True, side_effect=translate
    ) as translated:
        for language in ("id", "en", "id", "en", "id"):
            with translation.override(language):
                list(field.flatchoices)
                field.validate("PH", None)
    assert translated.call_count == 2 * len(field.countries.countries)


def test_a_country_not_in_the_list_is_still_refused(db):
    agency = Agency(acronym="XYZ", name="Nowhere", slug="xyz", country="QQ")
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert "country" in refused.value.message_dict


def test_a_setting_the_names_depend_on_is_read_again():
    field = Agency._meta.get_field("country")
    with translation.override("en"):
        assert names(field)["PH"] == "Philippines"
        renamed = {"PH": "Republic of the Philippines"}
        with override_settings(COUNTRIES_OVERRIDE=renamed):
            assert names(field)["PH"] == "Republic of the Philippines"
        assert names(field)["PH"] == "Philippines"


def test_a_name_written_in_lower_case_first_is_listed_under_its_letter():
    """django-countries sorted by the letters, capitals first: the
    Indonesian "eSwatini" came after "Zimbabwe"."""
    field = Agency._meta.get_field("country")
    with translation.override("id"):
        shown = [str(name) for code, name in field.choices if code]
    at = shown.index("eSwatini")
    assert shown[at - 1 : at + 2] == ["Estonia", "eSwatini", "Etiopia"]
    assert shown[-1] == "Zimbabwe"
    assert shown == sorted(shown, key=letters)
