"""The registry's country fields read a list translated and sorted once per
language (agencies/countries.py), and still the right one in each language."""

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
    # Each as django-countries itself sorts it.
    for language, shown in (("id", indonesian), ("en", english)):
        with translation.override(language):
            assert shown == [str(name) for _code, name in Countries()]


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
