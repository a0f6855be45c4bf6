"""A story's body holds at most BODY_MAX_CHARS characters: Markdown's parser
is not linear on every shape of text, and a 200,000-character body could
take more than 10 s to render (a reader's page answered 500 after the
worker's timeout). The form says so on the field, the rest of what was typed
kept; the save service refuses a longer body for every caller, the wire
import refuses such copy naming the file, and the live preview stops at the
same length."""

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

from articles import services
from articles.intake.services import Status, article_import
from articles.models import BODY_MAX_CHARS, Article
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Paragraphs of ordinary copy, as long as asked.
PARAGRAPH = "Delegasi BNPT dan NICA bertukar pandangan tentang patroli laut.\n\n"


def copy_of(length: int) -> str:
    return (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]


def test_a_body_past_the_limit_is_refused_on_the_field_the_rest_kept(
    client, reporter, section
):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    response = login(client, reporter).post(
        admin_url(Article, "change", draft.pk),
        form_data(
            draft,
            title="Judul baru",
            body=copy_of(BODY_MAX_CHARS + 1),
            _continue="1",
        ),
    )

    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    [errors] = tree.xpath(
        '//div[contains(@class, "field-body")]//ul[@class="errorlist"]'
    )
    assert errors.text_content().strip() == (
        "A story's body holds at most 100,000 characters; this one has 100,001. "
        "Split it into parts, or cut what readers will not need."
    )
    # What was typed comes back whole, to cut; nothing was saved.
    assert tree.get_element_by_id("id_title").get("value") == "Judul baru"
    assert len(tree.get_element_by_id("id_body").text_content().strip()) >= (
        BODY_MAX_CHARS - len(PARAGRAPH)
    )
    assert fresh(draft).body == draft.body


def test_a_body_of_the_limit_is_saved(client, reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    body = copy_of(BODY_MAX_CHARS)
    response = login(client, reporter).post(
        admin_url(Article, "change", draft.pk), form_data(draft, body=body)
    )
    assert response.status_code == 302
    assert fresh(draft).body == body.strip()


def test_the_save_service_refuses_a_longer_body_for_every_caller(reporter, section):
    draft = ArticleFactory(draft=True, section=section, created_by=reporter)
    draft.body = copy_of(BODY_MAX_CHARS + 1)
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=draft, user=reporter, expected_version=draft.version
        )
    assert "body" in refused.value.message_dict
    assert len(fresh(draft).body) < BODY_MAX_CHARS


def test_the_wire_import_refuses_copy_too_long_to_keep(reporter, section):
    text = "JAKARTA – " + copy_of(BODY_MAX_CHARS + 500)
    result = article_import(name="panjang.txt", data=text.encode(), user=reporter)
    assert result.status == Status.REFUSED
    assert result.error.startswith(
        "panjang.txt: A story's body holds at most 100,000 characters; this one has "
    )
    assert not Article.objects.exists()
