"""The pages of an agency, a person and a meeting list the articles about
them, so they are the articles' views (articles/views/coverage.py); they keep
the addresses and URL names of the agencies' pages. What they show is tested
in tests/agencies/test_views.py, by address."""

import pytest
from django.urls import resolve, reverse

from agencies import views as agency_views
from articles.views import coverage


@pytest.mark.parametrize(
    ("name", "kwargs", "path", "view"),
    [
        ("agencies:agency_list", {}, "/agencies/", agency_views.agency_list),
        ("agencies:meeting_list", {}, "/meetings/", agency_views.meeting_list),
        (
            "agencies:agency_detail",
            {"slug": "bnpt"},
            "/agencies/bnpt/",
            coverage.agency_detail,
        ),
        (
            "agencies:person_detail",
            {"slug": "boy-rafli-amar"},
            "/people/boy-rafli-amar/",
            coverage.person_detail,
        ),
        (
            "agencies:meeting_detail",
            {"slug": "4th-jwg"},
            "/meetings/4th-jwg/",
            coverage.meeting_detail,
        ),
    ],
)
def test_the_agency_person_and_meeting_pages_keep_their_addresses_and_names(
    name, kwargs, path, view
):
    assert reverse(name, kwargs=kwargs) == path
    found = resolve(path)
    assert found.func is view
    assert found.view_name == name


def test_an_agencys_page_lists_the_articles_that_mention_it(client, jwg4_article):
    agency = jwg4_article.agencies.get(acronym="NICA")
    # An English story: listed by the agency's page in the English edition.
    response = client.get(f"/en{agency.get_absolute_url()}")
    assert [article.pk for article in response.context["page_obj"]] == [jwg4_article.pk]
