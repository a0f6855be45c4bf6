"""A story names at most PEOPLE_MAX people: 5,000 people links had been
saved on one story. The form says so on the People field, the rest of what
was typed kept; the save service refuses more for every caller; a new story
or a wire import links the first ones its text names and says how many it
left out."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

from agencies.models import Person
from articles import services
from articles.intake.services import article_import
from articles.models import Article
from articles.models.article import PEOPLE_MAX
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LETTERS = "bcdfghjklmnprstvwxyz"


def surnames(count: int) -> list[str]:
    """Distinct surnames of three letters, none a part of another."""
    return [
        f"{LETTERS[n // 400 % 20].upper()}a{LETTERS[n // 20 % 20]}{LETTERS[n % 20]}o"
        for n in range(count)
    ]


def people(count: int) -> list[Person]:
    return Person.objects.bulk_create(
        Person(name=f"Tokoh {surname}", slug=f"tokoh-{n}")
        for n, surname in enumerate(surnames(count))
    )


def test_too_many_people_are_refused_on_the_field_the_text_kept(
    client, reporter, section
):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    url = admin_url(Article, "change", draft.pk)
    chosen = [str(person.pk) for person in people(PEOPLE_MAX + 1)]

    response = login(client, reporter).post(
        url,
        form_data(draft, title="Judul baru", people=chosen, _continue="1"),
    )

    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    [errors] = tree.xpath(
        '//div[contains(@class, "field-people")]//ul[@class="errorlist"]'
    )
    assert errors.text_content().strip() == (
        f"A story names at most {PEOPLE_MAX} people; these are {PEOPLE_MAX + 1}. "
        "Keep the ones the story is about."
    )
    assert tree.get_element_by_id("id_title").get("value") == "Judul baru"
    assert fresh(draft).title == draft.title
    assert not fresh(draft).people.exists()


def test_as_many_people_as_allowed_are_saved(client, reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    url = admin_url(Article, "change", draft.pk)
    chosen = [str(person.pk) for person in people(PEOPLE_MAX)]
    response = login(client, reporter).post(url, form_data(draft, people=chosen))
    assert response.status_code == 302
    assert fresh(draft).people.count() == PEOPLE_MAX


def test_the_save_service_refuses_too_many_people_for_every_caller(reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=draft,
            user=reporter,
            expected_version=draft.version,
            people=people(PEOPLE_MAX + 1),
        )
    assert "people" in refused.value.message_dict
    assert not fresh(draft).people.exists()
    assert fresh(draft).version == draft.version


def test_a_wire_import_links_the_first_people_and_says_it_left_the_rest_out(
    editor, section
):
    named = people(PEOPLE_MAX + 2)
    body = "Hadir: " + ", ".join(person.name for person in named) + "."
    copy = f"JAKARTA – Rapat kabinet digelar hari ini.\n\n{body}\n"

    result = article_import(
        name="kabinet.txt",
        data=copy.encode(),
        user=editor,
        today=dt.date(2026, 12, 6),
    )

    assert result.status == "created"
    linked = set(result.article.people.all())
    assert linked == set(named[:PEOPLE_MAX])
    assert result.warnings[-1] == (
        f"A story names at most {PEOPLE_MAX} people: 2 more people named in "
        f"the text were not linked: {named[-2].name}; {named[-1].name}"
    )


def test_a_new_story_takes_the_people_given_first_then_those_its_text_names(
    reporter, section
):
    given = people(PEOPLE_MAX + 1)
    chosen, named = given[: PEOPLE_MAX - 1], given[PEOPLE_MAX - 1 :]
    article = Article(
        title="Kabinet",
        slug="kabinet",
        body="Hadir: " + ", ".join(person.name for person in named) + ".",
        section=section,
    )

    result = services.article_add(article=article, user=reporter, people=chosen)

    assert set(article.people.all()) == {*chosen, named[0]}
    assert result.people == [named[0]]
    assert result.people_left_out == [named[1]]
