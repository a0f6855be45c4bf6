"""A search filter's value the page cannot use is left out with a notice
that names it, in the edition's language (as an invalid date is), never in
silence; and ?agency= takes an agency's acronym in any case (?agency=BNPT,
?agency=kejagung) when that acronym is one agency's alone, as a reader or a
link would write it: it had been "no agency", the results unfiltered."""

import pytest

from tests.agencies.factories import AgencyFactory
from tests.articles.search_fixture import build_archive
from tests.articles.test_search import found, search, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(agencies):
    return build_archive(agencies)


NOTICES = {
    "": {
        "agency": "Tidak ada lembaga “{}”; mencari di semua lembaga.",
        "section": "Tidak ada rubrik “{}”; mencari di semua rubrik.",
    },
    "/en": {
        "agency": "There is no agency “{}”; searching all agencies.",
        "section": "There is no section “{}”; searching all sections.",
    },
}


@pytest.mark.parametrize("edition", ["", "/en"], ids=["id", "en"])
@pytest.mark.parametrize(
    ("name", "value"),
    [("agency", "nonexistent"), ("agency", "BNPTX"), ("section", "nope")],
)
def test_an_unknown_filter_value_is_ignored_with_a_notice_naming_it(
    client, archive, edition, name, value
):
    response = search(client, "JWG", edition=edition, **{name: value})
    assert found(response) == found(search(client, "JWG", edition=edition))
    notice = NOTICES[edition][name].format(value)
    assert response.context["notices"] == [notice]
    assert f'<p class="message message--warning" role="status">{notice}</p>' in (
        text(response)
    )
    assert not response.context["filters"].active


@pytest.mark.parametrize("edition", ["", "/en"], ids=["id", "en"])
@pytest.mark.parametrize(
    ("value", "slug"),
    [("BNPT", "bnpt"), ("Bnpt", "bnpt"), ("KEJAGUNG", "kejagung-id")],
)
def test_an_agencys_acronym_in_any_case_filters_as_its_slug(
    client, archive, edition, value, slug
):
    response = search(client, "terorisme", edition=edition, agency=value)
    by_slug = search(client, "terorisme", edition=edition, agency=slug)
    assert found(response) == found(by_slug)
    assert response.context["notices"] == []
    assert response.context["filters"].agency.slug == slug
    if not edition:  # the Indonesian edition's stories of terrorism name others
        assert found(response) != found(search(client, "terorisme"))
    assert response.context["filters"].active
    page = text(response)
    assert f'<option value="{slug}" selected>' in page
    assert "search-filters__active" in page  # "Filters (in use)"


def test_an_acronym_two_agencies_go_by_names_neither(client, archive):
    """Malaysia's BIN beside Indonesia's: the search does not pick one."""
    AgencyFactory(acronym="BIN", country="MY", slug="bin-my")
    response = search(client, "JWG", edition="/en", agency="Bin")
    assert found(response) == found(search(client, "JWG", edition="/en"))
    assert response.context["notices"] == [NOTICES["/en"]["agency"].format("Bin")]
    assert not response.context["filters"].active
