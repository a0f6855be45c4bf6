import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from articles.models import Article
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_a_section_reads_as_its_name_and_has_a_page(section):
    assert str(section) == "International cooperation"
    assert section.get_absolute_url() == "/sections/international/"


def test_an_article_reads_as_its_title(jwg4_article):
    assert str(jwg4_article) == "Indonesia and the Philippines meet again on terrorism"


def test_an_article_url_carries_its_year_month_and_slug(jwg4_article):
    # An English story: its address is the English edition's, whatever the
    # language of the page that links to it.
    assert jwg4_article.get_absolute_url() == (
        "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"
    )
    jwg4_article.language = "id"
    with translation.override("en"):
        assert jwg4_article.get_absolute_url() == (
            "/articles/2022/03/indonesia-philippines-jwg-terrorism/"
        )


def test_an_article_url_uses_the_jakarta_date_not_the_utc_date(section):
    # 05:00 on 1 April 2022 in Jakarta is still 31 March in UTC.
    published_at = dt.datetime(2022, 3, 31, 22, 0, tzinfo=dt.UTC)
    assert published_at.astimezone(JAKARTA).date() == dt.date(2022, 4, 1)
    article = ArticleFactory(
        section=section, slug="follow-up", published_at=published_at
    )
    assert article.get_absolute_url() == "/articles/2022/04/follow-up/"


def test_a_new_year_in_jakarta_starts_a_new_year_in_the_url(section):
    published_at = dt.datetime(2021, 12, 31, 18, 30, tzinfo=dt.UTC)  # 01:30 WIB
    article = ArticleFactory(
        section=section, slug="new-year", published_at=published_at
    )
    assert article.get_absolute_url() == "/articles/2022/01/new-year/"


def test_a_draft_without_publication_time_still_has_a_url(section):
    draft = ArticleFactory(section=section, draft=True, slug="draft")
    today = timezone.localdate()
    assert draft.get_absolute_url() == f"/articles/{today:%Y}/{today:%m}/draft/"


def test_two_articles_cannot_share_a_slug(jwg4_article, section):
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(section=section, slug=jwg4_article.slug)


def test_a_published_article_needs_a_publication_time(section):
    article = ArticleFactory.build(section=section, published_at=None)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "published_at" in error.value.message_dict


def test_a_draft_needs_no_publication_time(section):
    ArticleFactory.build(section=section, draft=True).full_clean()


def test_an_article_with_a_library_image_is_valid(section, media_root):
    # The alt text rule is the image's own (newsroom.media): the article only
    # points to it.
    ArticleFactory.build(section=section, featured_image=library_image()).full_clean()


def test_an_article_without_image_needs_no_alt_text(jwg4_article):
    jwg4_article.full_clean()


def test_only_published_past_articles_are_public(section):
    now = timezone.now()
    assert ArticleFactory(section=section).is_public
    assert not ArticleFactory(section=section, draft=True).is_public
    assert not ArticleFactory(
        section=section, published_at=now + dt.timedelta(hours=1)
    ).is_public
    assert not ArticleFactory(
        section=section, status=Article.Status.DRAFT, published_at=now
    ).is_public


def test_sections_are_listed_in_their_order(db):
    second = SectionFactory(name="Analysis", order=2)
    first = SectionFactory(name="News", order=1)
    assert list(type(first).objects.all()) == [first, second]


def test_sections_in_navigation_leave_out_hidden_ones(db):
    shown = SectionFactory(name="News", order=1)
    SectionFactory(name="Archive", in_navigation=False)
    assert list(type(shown).objects.in_navigation()) == [shown]


# When an article last changed, and whether the page says "Updated"


def saved_at(article, when):
    """`article` as if its last save had been at `when`."""
    Article.objects.filter(pk=article.pk).update(updated_at=when)
    article.refresh_from_db()
    return article


def test_a_published_article_last_changed_at_its_last_save_after_publication(
    section,
):
    article = ArticleFactory(section=section)
    later = article.published_at + dt.timedelta(hours=2)
    assert saved_at(article, later).last_modified == later
    assert article.was_updated


def test_an_article_scheduled_ahead_last_changed_when_it_came_out(section):
    """It was saved before its publication time: readers first saw it then."""
    article = ArticleFactory(section=section)
    saved_at(article, article.published_at - dt.timedelta(days=3))
    assert article.last_modified == article.published_at
    assert not article.was_updated


def test_a_draft_last_changed_at_its_last_save(section):
    draft = ArticleFactory(section=section, draft=True)
    assert draft.last_modified == draft.updated_at
    assert not draft.was_updated


@pytest.mark.parametrize(
    ("published", "changed", "updated"),
    [
        # The save that publishes comes a moment after the publication time.
        ((10, 0, 1), (10, 0, 2), False),
        ((10, 0, 0), (10, 0, 59), False),
        # The page shows times to the minute: a later minute is an update.
        ((10, 0, 59), (10, 1, 0), True),
        ((10, 0, 0), (12, 30, 0), True),
    ],
)
def test_the_page_says_updated_only_for_a_change_in_a_later_minute(
    section, published, changed, updated
):
    def at(hour, minute, second):
        return dt.datetime(2022, 3, 24, hour, minute, second, 250, tzinfo=JAKARTA)

    article = ArticleFactory(section=section, published_at=at(*published))
    assert saved_at(article, at(*changed)).was_updated is updated


@pytest.mark.parametrize(
    ("status", "published_at", "accepts"),
    [
        (Article.Status.PUBLISHED, dt.timedelta(hours=-1), True),
        (Article.Status.UNPUBLISHED, dt.timedelta(hours=-1), True),
        (Article.Status.PUBLISHED, dt.timedelta(hours=1), False),  # scheduled
        (Article.Status.DRAFT, None, False),
        (Article.Status.DRAFT, dt.timedelta(hours=-1), False),  # a planned time
        (Article.Status.IN_REVIEW, dt.timedelta(hours=-1), False),
    ],
    ids=["live", "unpublished", "scheduled", "draft", "draft-with-time", "review"],
)
def test_only_an_article_that_has_been_published_accepts_corrections(
    section, status, published_at, accepts
):
    when = None if published_at is None else timezone.now() + published_at
    article = ArticleFactory(section=section, status=status, published_at=when)
    assert article.accepts_corrections is accepts


def test_a_sections_address_follows_the_edition_of_the_page_that_links_it(db):
    from django.utils import translation

    from tests.articles.factories import SectionFactory

    section = SectionFactory(slug="keamanan")
    with translation.override("id"):
        assert section.get_absolute_url() == "/sections/keamanan/"
    with translation.override("en"):
        assert section.get_absolute_url() == "/en/sections/keamanan/"
    with translation.override("id"):
        assert section.get_absolute_url() == "/sections/keamanan/"
