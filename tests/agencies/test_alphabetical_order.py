"""Agencies read in alphabetical order whatever the case of their letters:
"Bakamla" comes before "BSSN" on every list, not after every capital."""

import re

import pytest

from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# As a reader expects them: b-a, b-n, b-s.
IN_ORDER = ["Bakamla", "BNPT", "BSSN"]


@pytest.fixture
def agencies():
    return [
        AgencyFactory(acronym=acronym, name=f"Badan {acronym}", slug=acronym.lower())
        for acronym in ("BSSN", "Bakamla", "BNPT")
    ]


def order_in(html: str) -> list[str]:
    """The acronyms as they appear in the page's main part, each once (the
    search box's example names one in the header)."""
    main = html[html.index("<main") :]
    found = re.findall(r"\b(Bakamla|BNPT|BSSN)\b", main)
    return list(dict.fromkeys(found))


def test_the_agency_index_is_alphabetical(client, agencies):
    assert order_in(client.get("/agencies/").content.decode()) == IN_ORDER


def test_the_desks_agency_list_is_alphabetical(editor_client, agencies):
    html = editor_client.get("/admin/agencies/agency/").content.decode()
    assert order_in(html) == IN_ORDER


def test_a_storys_agencies_are_alphabetical(client, agencies):
    article = ArticleFactory(status="published")
    article.agencies.set(agencies)
    page = client.get(article.get_absolute_url()).content.decode()
    assert order_in(page) == IN_ORDER


@pytest.mark.parametrize(
    ("query", "order"), [("?o=1", IN_ORDER), ("?o=-1", IN_ORDER[::-1])]
)
def test_the_desks_agency_list_sorted_by_acronym_is_alphabetical(
    editor_client, agencies, query, order
):
    """A click on the Acronym column's header had sorted every capital first."""
    html = editor_client.get("/admin/agencies/agency/" + query).content.decode()
    assert order_in(html) == order
