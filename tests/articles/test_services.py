import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from articles import services
from articles.models import Article, ArticleTransition
from newsroom.media.models import Image
from tests.articles.factories import ArticleFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def draft(reporter, section):
    return ArticleFactory(draft=True, section=section, created_by=reporter)


@pytest.fixture
def in_review(draft, reporter):
    return services.article_submit(article=draft, user=reporter)


def fresh(article):
    return Article.objects.get(pk=article.pk)


# Reporters


def test_a_reporter_submits_their_draft_for_review(draft, reporter):
    services.article_submit(article=draft, user=reporter, note="Siap diperiksa")
    article = fresh(draft)
    assert article.status == Status.IN_REVIEW
    step = ArticleTransition.objects.get(article=article)
    assert (step.from_status, step.to_status) == (Status.DRAFT, Status.IN_REVIEW)
    assert step.by == reporter and step.note == "Siap diperiksa"


def test_a_reporter_cannot_submit_someone_elses_draft(draft, staff_in):
    other = staff_in("Reporter", "another-reporter")
    with pytest.raises(PermissionDenied):
        services.article_submit(article=draft, user=other)
    assert fresh(draft).status == Status.DRAFT


@pytest.mark.parametrize(
    "step",
    [
        lambda a, u: services.article_publish(article=a, user=u),
        lambda a, u: services.article_publish(
            article=a, user=u, at=timezone.now() + dt.timedelta(hours=1)
        ),
        lambda a, u: services.article_return(article=a, user=u, note="Lagi"),
        lambda a, u: services.article_unpublish(article=a, user=u),
    ],
    ids=["publish", "schedule", "return", "unpublish"],
)
def test_a_reporter_cannot_take_an_editors_step(in_review, reporter, step):
    with pytest.raises(PermissionDenied):
        step(in_review, reporter)
    article = fresh(in_review)
    assert article.status == Status.IN_REVIEW
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_reporter_cannot_unpublish_a_live_article(reporter, section):
    live = ArticleFactory(section=section, created_by=reporter)
    with pytest.raises(PermissionDenied):
        services.article_unpublish(article=live, user=reporter)
    assert fresh(live).is_public


def test_a_reporter_edits_their_own_draft(draft, reporter):
    draft.title = "Judul baru"
    services.article_save(article=draft, user=reporter, expected_version=1)
    article = fresh(draft)
    assert article.title == "Judul baru"
    assert article.version == 2


def test_a_tag_longer_than_a_tag_can_be_refuses_the_save_and_changes_nothing(
    draft, reporter, english
):
    # On PostgreSQL the tag's insert failed (a DataError: a server error for
    # any caller that had not checked the length itself).
    draft.title = "Judul baru"
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=draft, user=reporter, expected_version=1, tags=["BNPT", "x" * 101]
        )
    assert refused.value.message_dict == {
        "tags": [
            "A tag is at most 100 characters; “" + "x" * 40 + "…” is 101. "
            "Separate tags with commas."
        ]
    }
    assert fresh(draft).title != "Judul baru" and fresh(draft).version == 1
    assert not fresh(draft).tags.exists()

    services.article_save(
        article=draft, user=reporter, expected_version=1, tags=["BNPT", "x" * 100]
    )
    assert sorted(fresh(draft).tags.names()) == ["BNPT", "x" * 100]


def test_a_reporter_cannot_edit_their_story_once_submitted(in_review, reporter):
    in_review.title = "Diam-diam diubah"
    with pytest.raises(PermissionDenied):
        services.article_save(article=in_review, user=reporter)
    assert fresh(in_review).title != "Diam-diam diubah"


def test_a_reporter_cannot_edit_someone_elses_draft(draft, staff_in):
    other = staff_in("Reporter", "another-reporter")
    draft.title = "Bukan milikku"
    with pytest.raises(PermissionDenied):
        services.article_save(article=draft, user=other)


def test_a_reporter_who_sets_published_on_the_object_saves_a_draft(draft, reporter):
    draft.status = Status.PUBLISHED
    draft.published_at = timezone.now() - dt.timedelta(minutes=5)
    draft.is_featured = True
    services.article_save(article=draft, user=reporter)
    article = fresh(draft)
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert not article.is_featured


def test_a_new_article_belongs_to_the_reporter_who_wrote_it(reporter, section):
    article = Article(title="Baru", slug="baru", body="Isi", section=section)
    services.article_save(article=article, user=reporter)
    assert fresh(article).created_by == reporter
    assert fresh(article).status == Status.DRAFT


def test_a_moderator_can_neither_write_nor_publish(moderator, draft):
    with pytest.raises(PermissionDenied):
        services.article_save(article=draft, user=moderator)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=draft, user=moderator)


# Editors


def test_an_editor_returns_a_story_with_a_note(in_review, desk_editor, reporter):
    services.article_return(
        article=in_review, user=desk_editor, note="Tambahkan sumber kedua."
    )
    article = fresh(in_review)
    assert article.status == Status.DRAFT
    step = article.transitions.first()
    assert step.note == "Tambahkan sumber kedua." and step.by == desk_editor
    # The reporter can work on it again.
    article.title = "Diperbaiki"
    services.article_save(article=article, user=reporter)


def test_returning_a_story_needs_a_note(in_review, desk_editor):
    with pytest.raises(ValidationError):
        services.article_return(article=in_review, user=desk_editor, note="  ")
    assert fresh(in_review).status == Status.IN_REVIEW


def test_an_editor_publishes_a_story_in_review(in_review, desk_editor):
    before = timezone.now()
    services.article_publish(article=in_review, user=desk_editor)
    article = fresh(in_review)
    assert article.status == Status.PUBLISHED
    assert before <= article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.transitions.first().by == desk_editor


def test_a_scheduled_story_waits_for_its_time(in_review, desk_editor):
    at = timezone.now() + dt.timedelta(minutes=1)
    services.article_publish(article=in_review, user=desk_editor, at=at)
    article = fresh(in_review)
    with translation.override("en"):
        assert article.is_scheduled and article.state_label == "Scheduled"
    assert not Article.objects.published().filter(pk=article.pk).exists()
    later = at + dt.timedelta(seconds=1)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


def test_a_scheduled_story_can_be_rescheduled_or_cancelled(in_review, desk_editor):
    first = timezone.now() + dt.timedelta(hours=1)
    services.article_publish(article=in_review, user=desk_editor, at=first)
    second = first + dt.timedelta(hours=2)
    services.article_publish(article=fresh(in_review), user=desk_editor, at=second)
    assert fresh(in_review).published_at == second
    services.article_unpublish(article=fresh(in_review), user=desk_editor)
    assert fresh(in_review).status == Status.UNPUBLISHED


@pytest.mark.parametrize(
    ("field", "value"), [("body", ""), ("title", " ")], ids=["no body", "no title"]
)
def test_an_incomplete_story_cannot_be_published(in_review, desk_editor, field, value):
    Article.objects.filter(pk=in_review.pk).update(**{field: value})
    with pytest.raises(ValidationError) as error:
        services.article_publish(article=fresh(in_review), user=desk_editor)
    assert field in error.value.message_dict
    assert fresh(in_review).status == Status.IN_REVIEW


def test_a_picture_without_alt_text_blocks_publication(
    in_review, desk_editor, media_root
):
    # As a migrated image whose article had no alt text: the library's form
    # would have refused it, the publish check does too.
    image = library_image()
    Image.objects.filter(pk=image.pk).update(alt_text="  ", decorative=False)
    Article.objects.filter(pk=in_review.pk).update(featured_image=image)
    with pytest.raises(ValidationError) as error:
        services.article_publish(article=fresh(in_review), user=desk_editor)
    assert "featured_image" in error.value.message_dict
    assert fresh(in_review).status == Status.IN_REVIEW


def test_a_decorative_picture_without_alt_text_may_be_published(
    in_review, desk_editor, media_root
):
    image = library_image(alt_text="", decorative=True)
    Article.objects.filter(pk=in_review.pk).update(featured_image=image)
    services.article_publish(article=fresh(in_review), user=desk_editor)
    assert fresh(in_review).status == Status.PUBLISHED


def test_an_unpublished_story_leaves_the_site_and_comes_back_with_its_date(
    desk_editor, section
):
    live = ArticleFactory(section=section)
    first_published = live.published_at
    services.article_unpublish(article=live, user=desk_editor, note="Salah sasaran")
    assert not Article.objects.published().filter(pk=live.pk).exists()
    services.article_publish(article=fresh(live), user=desk_editor)
    article = fresh(live)
    assert article.is_public and article.published_at == first_published


def test_a_live_story_is_not_published_twice(desk_editor, section):
    live = ArticleFactory(section=section)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=live, user=desk_editor)


def test_every_step_moves_the_version_on(in_review, desk_editor):
    before = fresh(in_review).version
    services.article_publish(article=in_review, user=desk_editor)
    assert fresh(in_review).version == before + 1


def test_the_steps_offered_follow_role_and_state(draft, reporter, desk_editor):
    def names(article, user):
        return [
            t.name for t in services.allowed_transitions(article=article, user=user)
        ]

    assert names(draft, reporter) == ["submit"]
    assert names(draft, desk_editor) == ["submit", "publish"]
    in_review = services.article_submit(article=draft, user=reporter)
    assert names(in_review, reporter) == ["withdraw"]  # their own story
    assert names(in_review, desk_editor) == ["return", "publish"]
    live = services.article_publish(article=in_review, user=desk_editor)
    assert names(live, desk_editor) == ["unpublish"]


# Concurrent edits


def test_a_save_based_on_an_old_version_is_refused(desk_editor, section):
    article = ArticleFactory(section=section, title="Asli")
    first, second = fresh(article), fresh(article)
    first.title = "Versi editor pertama"
    services.article_save(article=first, user=desk_editor, expected_version=1)
    second.title = "Versi editor kedua"
    with pytest.raises(services.EditConflict) as conflict:
        services.article_save(article=second, user=desk_editor, expected_version=1)
    assert conflict.value.current_version == 2
    assert fresh(article).title == "Versi editor pertama"


def test_a_new_article_starts_as_a_draft_whatever_it_says(reporter, section):
    article = Article(
        title="Baru",
        slug="baru-terbit",
        body="Isi",
        section=section,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    services.article_save(article=article, user=reporter)
    article = fresh(article)
    assert article.status == Status.DRAFT and article.published_at is None
