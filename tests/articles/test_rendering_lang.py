"""English phrases inside Indonesian articles are marked for screen readers."""

import pytest
from django.template import Context, Template

from articles.models import Article
from articles.rendering import render_markdown
from tests.articles.factories import ArticleFactory

BODY = (
    "BNPT menjadi tuan rumah _Joint Working Group_ keempat. "
    "Kerja sama *police-to-police* dibahas."
)


def test_underscores_in_an_indonesian_body_mark_english_phrases():
    html = render_markdown(BODY, language="id")
    assert '<em lang="en">Joint Working Group</em>' in html


def test_asterisks_in_an_indonesian_body_stay_plain_emphasis():
    html = render_markdown(BODY, language="id")
    assert "<em>police-to-police</em>" in html


def test_underscores_in_an_english_body_are_plain_emphasis():
    html = render_markdown("The _Joint Working Group_ met.", language="en")
    assert html == "<p>The <em>Joint Working Group</em> met.</p>"


def test_a_phrase_may_run_over_a_line_and_hold_other_markup():
    html = render_markdown(
        "Rapat _Joint Working Group on\n**Combating** [Terrorism](https://bnpt.go.id/)_.",
        language="id",
    )
    assert html.startswith('<p>Rapat <em lang="en">Joint Working Group on\n')
    assert "<strong>Combating</strong>" in html
    assert 'href="https://bnpt.go.id/"' in html


@pytest.mark.parametrize(
    "source",
    ["nama_file_ini", "`_kode_`", "_ bukan frasa _", "__tebal__"],
)
def test_underscores_that_are_not_single_emphasis_are_left_alone(source):
    assert 'lang="en"' not in render_markdown(source, language="id")


def test_double_underscores_still_make_strong_text():
    assert "<strong>tebal</strong>" in render_markdown("__tebal__", language="id")


@pytest.mark.parametrize(
    "source",
    [
        '<em lang="fr">x</em>',
        '<em lang="en" onclick="alert(1)">x</em>',
        '<p lang="en">x</p>',
        '<strong lang="en">x</strong>',
    ],
)
def test_only_em_may_carry_a_language_and_only_ours(source):
    html = render_markdown(source, language="id")
    assert "fr" not in html and "onclick" not in html
    assert '<p lang="en">' not in html and '<strong lang="en">' not in html


def test_the_markdown_filter_takes_the_language():
    template = Template("{% load newsroom_tags %}{{ body|markdown:language }}")
    rendered = template.render(
        Context({"body": "_Joint Working Group_", "language": "id"})
    )
    assert rendered == '<p><em lang="en">Joint Working Group</em></p>'
    plain = Template("{% load newsroom_tags %}{{ body|markdown }}")
    assert plain.render(Context({"body": "_x_"})) == "<p><em>x</em></p>"


@pytest.mark.django_db
def test_an_indonesian_article_page_declares_its_language_and_its_english_phrases(
    client,
):
    article = ArticleFactory(body=BODY, language=Article.Language.INDONESIAN)
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<article class="story" lang="id">' in page
    assert '<em lang="en">Joint Working Group</em>' in page


@pytest.mark.django_db
def test_an_english_article_page_has_plain_emphasis(client, jwg4_article):
    page = client.get(jwg4_article.get_absolute_url()).content.decode()
    assert '<article class="story" lang="en">' in page
    assert "<em>police-to-police</em>" in page
    assert '<em lang="en">' not in page
