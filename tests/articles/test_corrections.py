"""Corrections and updates on the article page."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import formats, timezone, translation

from articles.models import Article, Correction
from articles.services import article_save, correction_add
from tests.articles.factories import ArticleFactory
from tests.articles.test_views import ARTICLE_QUERIES

pytestmark = pytest.mark.django_db

# The sample article is in English: its page is the English edition's.
ARTICLE_URL = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
UNPUBLISHED_MESSAGE = "Corrections and updates go on articles that have been published."


def text(response):
    return response.content.decode()


def shown(when):
    """A time as the English article's page prints it (Jakarta time)."""
    with translation.override("en"):
        return formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")


def corrections_box(page):
    return page.split('id="corrections"')[1].split("</section>")[0]


@pytest.fixture
def unchanged_since_publication(jwg4_article):
    """The article as if nobody had touched it after it was published."""
    Article.objects.filter(pk=jwg4_article.pk).update(
        updated_at=jwg4_article.published_at
    )
    jwg4_article.refresh_from_db()
    return jwg4_article


def test_a_correction_shows_on_the_article_page_with_its_kind_and_time(
    client, desk_editor, jwg4_article
):
    note = correction_add(
        article=jwg4_article,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text="An earlier version gave the wrong date for the 3rd meeting.",
    )
    page = text(client.get(ARTICLE_URL))
    box = corrections_box(page)
    assert "Corrections and updates" in page
    assert ">Correction</strong>" in box
    assert "An earlier version gave the wrong date for the 3rd meeting." in box
    assert f'datetime="{timezone.localtime(note.created_at).isoformat()}"' in box
    assert shown(note.created_at) in box


def test_corrections_and_updates_are_told_apart_oldest_first(
    client, desk_editor, jwg4_article
):
    correction_add(
        article=jwg4_article,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text="First: the delegation was led by Damian L. Carlos.",
    )
    correction_add(
        article=jwg4_article,
        user=desk_editor,
        kind=Correction.Kind.UPDATE,
        text="Second: BNPT has published the joint statement.",
    )
    box = corrections_box(text(client.get(ARTICLE_URL)))
    assert box.index("First:") < box.index("Second:")
    assert box.index(">Correction</strong>") < box.index("First:")
    assert box.index("First:") < box.index(">Update</strong>") < box.index("Second:")
    assert 'class="correction correction--update"' in box


def test_an_article_without_notes_has_no_corrections_box(client, jwg4_article):
    page = text(client.get(ARTICLE_URL))
    assert 'id="corrections"' not in page
    assert 'href="#corrections"' not in page


def test_a_correction_moves_the_articles_updated_time(
    client, desk_editor, unchanged_since_publication
):
    article = unchanged_since_publication
    assert "Updated" not in text(client.get(ARTICLE_URL))

    note = correction_add(
        article=article,
        user=desk_editor,
        kind=Correction.Kind.UPDATE,
        text="Adds the joint statement.",
    )
    article.refresh_from_db()
    assert article.updated_at == note.created_at
    page = text(client.get(ARTICLE_URL))
    updated = page.split("Updated")[1].split("</time>")[0]
    assert f'datetime="{timezone.localtime(note.created_at).isoformat()}"' in updated
    assert shown(note.created_at) in updated
    assert 'href="#corrections"' in page


def test_a_reporter_may_not_add_a_correction(reporter, jwg4_article):
    with pytest.raises(PermissionDenied):
        correction_add(
            article=jwg4_article,
            user=reporter,
            kind=Correction.Kind.CORRECTION,
            text="Not mine to add.",
        )
    assert not jwg4_article.corrections.exists()


def test_a_never_published_article_takes_no_correction(desk_editor, section):
    draft = ArticleFactory(section=section, draft=True)
    with pytest.raises(ValidationError):
        correction_add(
            article=draft,
            user=desk_editor,
            kind=Correction.Kind.CORRECTION,
            text="Too early.",
        )
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + dt.timedelta(hours=1)},  # scheduled
    ],
    ids=["draft-with-a-planned-time", "in-review", "scheduled"],
)
@pytest.mark.usefixtures("english")
def test_a_story_that_is_not_out_yet_takes_no_correction_whatever_its_time(
    desk_editor, section, unpublished
):
    """A publication time alone is not publication (Article.accepts_corrections)."""
    story = ArticleFactory(
        section=section,
        **{"published_at": timezone.now() - dt.timedelta(hours=1), **unpublished},
    )
    with pytest.raises(ValidationError) as refused:
        correction_add(
            article=story,
            user=desk_editor,
            kind=Correction.Kind.CORRECTION,
            text="Too early.",
        )
    assert refused.value.messages == [UNPUBLISHED_MESSAGE]
    assert not Correction.objects.exists()


def test_the_service_reads_the_article_as_saved_not_a_stale_copy(
    desk_editor, jwg4_article
):
    stale = Article.objects.get(pk=jwg4_article.pk)
    Article.objects.filter(pk=jwg4_article.pk).update(
        published_at=timezone.now() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        correction_add(
            article=stale,
            user=desk_editor,
            kind=Correction.Kind.UPDATE,
            text="Rescheduled meanwhile.",
        )
    assert not Correction.objects.exists()


def test_markup_in_a_correction_is_shown_as_text(client, desk_editor, jwg4_article):
    correction_add(
        article=jwg4_article,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text='<script>alert(1)</script> & <img src=x onerror="alert(2)">',
    )
    page = text(client.get(ARTICLE_URL))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in page
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page


def test_notes_stay_when_the_article_is_edited_and_block_its_deletion(
    client, desk_editor, jwg4_article
):
    correction_add(
        article=jwg4_article,
        user=desk_editor,
        kind=Correction.Kind.CORRECTION,
        text="The meeting lasted four hours.",
    )
    jwg4_article.dek = "A new summary."
    article_save(article=jwg4_article, user=desk_editor)
    assert "The meeting lasted four hours." in text(client.get(ARTICLE_URL))
    with pytest.raises(ProtectedError):
        jwg4_article.delete()


@pytest.mark.parametrize("n", [1, 6])
def test_notes_cost_no_extra_query_however_many(
    client, desk_editor, jwg4_article, django_assert_num_queries, n
):
    for i in range(n):
        correction_add(
            article=jwg4_article,
            user=desk_editor,
            kind=Correction.Kind.UPDATE,
            text=f"Update number {i}.",
        )
    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(ARTICLE_URL)
    assert text(response).count('class="correction ') == n
