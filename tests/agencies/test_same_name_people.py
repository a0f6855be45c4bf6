"""Two officials called "Budi Santoso", a BNPT deputy and a PPATK analyst,
were two identical choices in a story's People: in the autocomplete's
results and, once chosen, in the form. Each is named with what tells them
apart (Person.described: position and agency), without a query per person."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html

from agencies.models import Person
from articles.models import Article
from tests.agencies.factories import PersonFactory
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DEPUTY = "Budi Santoso — Deputi Bidang Kerja Sama Internasional, BNPT (ID)"
ANALYST = "Budi Santoso — Analis Transaksi Keuangan, PPATK (ID)"


@pytest.fixture
def two_budis(agencies):
    return [
        PersonFactory(
            name="Budi Santoso",
            slug="budi-santoso",
            position="Deputi Bidang Kerja Sama Internasional",
            agency=agencies["BNPT"],
        ),
        PersonFactory(
            name="Budi Santoso",
            slug="budi-santoso-ppatk",
            position="Analis Transaksi Keuangan",
            agency=agencies["PPATK"],
        ),
    ]


def autocomplete(client, term: str) -> list[dict]:
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "people",
            "term": term,
        },
    )
    assert response.status_code == 200
    return response.json()["results"]


def test_the_people_autocomplete_tells_two_budi_santosos_apart(
    client, desk_editor, two_budis
):
    PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar")

    results = autocomplete(login(client, desk_editor), "budi")

    assert sorted(results, key=lambda r: r["id"]) == [
        {"id": str(two_budis[0].pk), "text": DEPUTY},
        {"id": str(two_budis[1].pk), "text": ANALYST},
    ]


def test_two_namesakes_without_position_or_agency_are_told_apart_by_when_and_where(
    client, desk_editor
):
    """Two "Boy Rafli Amar" with no details: the day each was added and
    their address, which no one else has."""
    first = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar", agency=None)
    second = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar-2", agency=None)
    Person.objects.filter(pk=first.pk).update(
        created_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    )
    Person.objects.filter(pk=second.pk).update(
        created_at=dt.datetime(2026, 12, 5, 20, 0, tzinfo=dt.UTC)  # the 6th, WIB
    )
    results = autocomplete(login(client, desk_editor), "boy")
    assert sorted(result["text"] for result in results) == [
        "Boy Rafli Amar — added 2 Mar 2026, boy-rafli-amar",
        "Boy Rafli Amar — added 6 Dec 2026, boy-rafli-amar-2",
    ]


def test_the_autocomplete_costs_the_same_queries_for_two_people_or_twenty(
    client, desk_editor, two_budis, agencies
):
    login(client, desk_editor)
    autocomplete(client, "budi")  # the session and permissions, once
    with CaptureQueriesContext(connection) as two:
        assert len(autocomplete(client, "budi")) == 2
    for n in range(18):
        PersonFactory(name=f"Budi Santoso {n}", slug=f"budi-{n}")  # own agency
    with CaptureQueriesContext(connection) as twenty:
        assert len(autocomplete(client, "budi")) == 20
    assert len(twenty.captured_queries) == len(two.captured_queries)


def test_the_two_chosen_stay_told_apart_on_the_saved_form(
    client, desk_editor, two_budis, section
):
    """What the editor sees next: the story saved with both, its form shows
    each chosen one by name, position and agency."""
    draft = ArticleFactory(draft=True, section=section, created_by=desk_editor)
    url = admin_url(Article, "change", draft.pk)
    people = [str(person.pk) for person in two_budis]
    response = login(client, desk_editor).post(
        url, form_data(draft, people=people, _continue="1")
    )
    assert response.status_code == 302
    assert set(fresh(draft).people.all()) == set(two_budis)

    page = client.get(url)

    tree = lxml_html.fromstring(page.content.decode())
    chosen = tree.xpath('//select[@name="people"]/option[@selected]')
    assert sorted(option.text for option in chosen) == sorted([DEPUTY, ANALYST])


def test_the_merge_page_names_the_person_to_keep_with_their_agency(
    client, editor, two_budis
):
    duplicate, keep = two_budis
    page = login(client, editor).post(
        reverse("admin:agencies_person_merge", args=[duplicate.pk]),
        {"keep": keep.pk},
    )
    tree = lxml_html.fromstring(page.content.decode())
    [chosen] = tree.xpath('//select[@name="keep"]/option[@selected]')
    assert chosen.text == ANALYST
