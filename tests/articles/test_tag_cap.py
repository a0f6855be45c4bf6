"""A story carries at most TAGS_MAX tags: 1,000 new tags typed into the
Tags field ("t0, t1, …, t999") and "Save and continue editing" had been a
server error after 30 s. The form says so on the field, the rest of what
was typed kept; the save service refuses more for every caller, and the
wire import keeps the first ones, saying which it left out."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

from articles import services
from articles.intake.parser import parse_copy
from articles.models import Article
from articles.models.article import TAGS_MAX
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def many(count: int) -> str:
    return ", ".join(f"t{n}" for n in range(count))


def test_a_thousand_tags_are_refused_on_the_field_the_text_kept(
    client, reporter, section
):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    url = admin_url(Article, "change", draft.pk)

    response = login(client, reporter).post(
        url,
        form_data(draft, title="Judul baru", tags=many(1000), _continue="1"),
    )

    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    [errors] = tree.xpath(
        '//div[contains(@class, "field-tags")]//ul[@class="errorlist"]'
    )
    assert errors.text_content().strip() == (
        f"A story carries at most {TAGS_MAX} tags; these are 1000. Keep the "
        "ones readers will look for."
    )
    assert tree.get_element_by_id("id_title").get("value") == "Judul baru"
    assert fresh(draft).title == draft.title
    assert not fresh(draft).tags.exists()


def test_as_many_tags_as_allowed_are_saved(client, reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    url = admin_url(Article, "change", draft.pk)
    # The same tag in another case is one tag.
    tags = f"{many(TAGS_MAX)}, T0"
    response = login(client, reporter).post(url, form_data(draft, tags=tags))
    assert response.status_code == 302
    assert fresh(draft).tags.count() == TAGS_MAX


def test_the_save_service_refuses_too_many_tags_for_every_caller(reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=draft,
            user=reporter,
            expected_version=draft.version,
            tags=[f"t{n}" for n in range(TAGS_MAX + 1)],
        )
    assert "tags" in refused.value.message_dict
    assert not fresh(draft).tags.exists()


def test_the_wire_import_keeps_the_first_tags_and_says_which_it_left_out():
    parsed = parse_copy(
        f"---\ntags: {many(TAGS_MAX + 2)}\n---\nDM – Teks.",
        today=dt.date(2026, 12, 6),
    )
    assert parsed.tags == [f"t{n}" for n in range(TAGS_MAX)]
    assert parsed.warnings[-1].code == "too_many_tags"
    assert parsed.warnings[-1].message == (
        f"A story carries at most {TAGS_MAX} tags; left out: t{TAGS_MAX}; "
        f"t{TAGS_MAX + 1}"
    )
