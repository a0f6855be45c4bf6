"""One name stands for one agency: an alias or an acronym that is already
another agency's acronym or alias is refused, in any case, with a message
naming that agency, in the admin and in the service every import uses.

The alias "BNPT" given to Malaysia's MMEA was saved without a word: the
agencies' search and the delegations' autocomplete then offered both "BNPT
(ID)" and "MMEA (MY)", and recognition could not tell which a story meant."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agencies.models import Agency, AgencyAlias
from agencies.services import agency_create_from_text, agency_save
from tests.agencies.factories import AgencyFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db

BNPT_NAMED = "Badan Nasional Penanggulangan Terorisme (BNPT), Indonesia"
PPATK_NAMED = "Pusat Pelaporan dan Analisis Transaksi Keuangan (PPATK), Indonesia"
IS_ACRONYM = (
    "“%(name)s” is already the acronym of %(agency)s: one name stands for one agency."
)
IS_ALIAS = (
    "“%(name)s” is already an alias of %(agency)s: one name stands for one agency."
)


def ui(text: str, **params) -> str:
    """`text` as the desk shows it (in Indonesian, the site's language)."""
    with translation.override("id"):
        return translation.gettext(text) % params


@pytest.fixture
def mmea(agencies):
    return AgencyFactory(
        acronym="MMEA",
        name="Malaysian Maritime Enforcement Agency",
        country="MY",
        slug="mmea",
    )


def with_new_alias(page, name: str) -> dict:
    data = admin_form_data(page)
    total = int(data["aliases-TOTAL_FORMS"])
    extra = next(i for i in range(total) if not data.get(f"aliases-{i}-name"))
    data[f"aliases-{extra}-name"] = name
    return data


def test_an_alias_that_is_another_agencys_acronym_is_refused_on_its_row(
    editor_client, mmea
):
    url = admin_url(Agency, "change", mmea.pk)
    data = with_new_alias(editor_client.get(url), "bnpt")
    data["name_en"] = "Malaysian Coast Guard"
    response = editor_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert ui(IS_ACRONYM, name="bnpt", agency=BNPT_NAMED) in page
    assert 'value="bnpt"' in page and 'value="Malaysian Coast Guard"' in page
    assert not mmea.aliases.exists()
    assert Agency.objects.filter(name_en="Malaysian Coast Guard").count() == 0
    # The searches find BNPT alone.
    found = editor_client.get(admin_url(Agency, "changelist"), {"q": "BNPT"})
    assert [str(a) for a in found.context["cl"].result_list] == ["BNPT (ID)"]


def test_an_alias_that_is_another_agencys_alias_is_refused_by_the_service(
    editor, agencies, mmea
):
    with pytest.raises(ValidationError) as refused:
        agency_save(agency=mmea, user=editor, aliases=[AgencyAlias(name="Intrac")])
    assert refused.value.message_dict["name"] == [
        ui(IS_ALIAS, name="Intrac", agency=PPATK_NAMED)
    ]
    assert not mmea.aliases.exists()
    # Nor may the agency whose alias it is write it again in another case:
    # one name, in any capitals (tests/agencies/test_desk_messages.py).
    ppatk = agencies["PPATK"]
    with pytest.raises(ValidationError):
        agency_save(agency=ppatk, user=editor, aliases=[AgencyAlias(name="intrac")])
    assert list(ppatk.aliases.values_list("name", flat=True)) == ["INTRAC"]


def test_an_acronym_that_is_another_agencys_alias_is_refused(editor_client, mmea):
    url = admin_url(Agency, "change", mmea.pk)
    data = admin_form_data(editor_client.get(url)) | {"acronym": "INTRAC"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["acronym"]
    assert errors == [
        ui(
            "“%(name)s” is already an alias of %(agency)s: one name stands for "
            "one agency. Remove the alias there first, or choose another acronym.",
            name="INTRAC",
            agency=PPATK_NAMED,
        )
    ]
    mmea.refresh_from_db()
    assert mmea.acronym == "MMEA"


def test_an_agency_made_from_a_text_may_not_take_another_agencys_alias(
    editor, agencies
):
    with pytest.raises(ValidationError):
        agency_create_from_text(
            acronym="INTRAC",
            expansion="Intrac",
            country="MY",
            kind="other",
            user=editor,
        )
    assert not Agency.objects.filter(acronym="INTRAC").exists()


def test_an_acronym_is_refused_in_another_case_in_the_same_country_only(
    editor, agencies
):
    with pytest.raises(ValidationError) as refused:
        agency_save(
            agency=Agency(acronym="Bnpt", name="B", slug="b", country="ID"),
            user=editor,
        )
    assert refused.value.message_dict["acronym"] == [
        ui(
            "“%(name)s” is already the acronym of %(agency)s.",
            name="Bnpt",
            agency=BNPT_NAMED,
        )
    ]
    # Two countries' agencies may share an acronym (Malaysia's BIN beside
    # Indonesia's): recognition tells them apart by the country.
    agency_save(
        agency=Agency(acronym="BNPT", name="M", slug="bnpt-my", country="MY"),
        user=editor,
    )
    assert Agency.objects.filter(acronym="BNPT").count() == 2
