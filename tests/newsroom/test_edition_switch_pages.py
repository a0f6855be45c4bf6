"""The language switcher keeps a reader's place in a list where the other
edition has the same list (the people index: the same people in both), and
leads to the first page of a list that each edition fills with its own
language's stories (a section's, a tag's: page 2 there is other stories)."""

import pytest

from agencies.models import Person
from articles.views import coverage
from tests.agencies.factories import PersonFactory
from tests.articles.factories import ArticleFactory
from tests.newsroom.test_editions import switcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def people_in_the_news(monkeypatch):
    monkeypatch.setattr(coverage, "PEOPLE_PER_PAGE", 2)
    story = ArticleFactory(slug="rapat", title="Rapat")
    people = [PersonFactory(name=f"Orang {n}", slug=f"orang-{n}") for n in range(5)]
    story.people.set(people)
    return people


@pytest.mark.parametrize(
    "path, language, other",
    [
        ("/people/?page=2", "en", "/en/people/?page=2"),
        ("/en/people/?page=3", "id", "/people/?page=3"),
    ],
)
def test_the_switcher_keeps_the_page_of_the_people_index(
    client, people_in_the_news, path, language, other
):
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["page_obj"].number == int(path[-1])
    assert switcher(response.content.decode())[language] == other
    # ... where the same people are listed.
    shown = client.get(other).context["page_obj"].object_list
    assert list(shown) == list(response.context["page_obj"].object_list)
    assert Person.objects.count() == 5


@pytest.mark.parametrize(
    "path, language, other",
    [
        ("/sections/{section}/?page=2", "en", "/en/sections/{section}/"),
        ("/en/sections/{section}/?page=2", "id", "/sections/{section}/"),
    ],
)
def test_an_editions_own_list_switches_to_its_first_page(
    client, settings, path, language, other
):
    settings.ARTICLES_PER_PAGE = 1
    stories = [ArticleFactory(slug=f"s{n}", language="id") for n in range(2)]
    stories += [
        ArticleFactory(slug=f"e{n}", language="en", section=stories[0].section)
        for n in range(2)
    ]
    section = stories[0].section.slug
    response = client.get(path.format(section=section))
    assert response.status_code == 200, path
    assert switcher(response.content.decode())[language] == other.format(
        section=section
    )
