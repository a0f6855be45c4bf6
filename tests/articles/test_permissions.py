"""Every role against every workflow step and every admin page it must not reach."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from agencies.models import Agency, Meeting, MeetingSeries, Person
from articles import services
from articles.admin.articles import CorrectionInline
from articles.models import Article, ArticleInReview, Section
from articles.permissions import can_correct, can_delete
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def in_an_hour():
    return timezone.now() + dt.timedelta(hours=1)


# step name -> (state the article is in, how to take the step)
STEPS = {
    "submit": (Status.DRAFT, lambda a, u: services.article_submit(article=a, user=u)),
    "return": (
        Status.IN_REVIEW,
        lambda a, u: services.article_return(article=a, user=u, note="Cek ulang"),
    ),
    "publish": (
        Status.IN_REVIEW,
        lambda a, u: services.article_publish(article=a, user=u),
    ),
    "schedule": (
        Status.IN_REVIEW,
        lambda a, u: services.article_publish(article=a, user=u, at=in_an_hour()),
    ),
    "unpublish": (
        Status.PUBLISHED,
        lambda a, u: services.article_unpublish(article=a, user=u),
    ),
}

ALLOWED = {
    ("Reporter", "submit"),
    ("Editor", "submit"),
    ("Editor", "return"),
    ("Editor", "publish"),
    ("Editor", "schedule"),
    ("Editor", "unpublish"),
}


@pytest.mark.parametrize("role", ["Reporter", "Editor", "Moderator"])
@pytest.mark.parametrize("step", list(STEPS))
def test_each_role_takes_only_its_own_workflow_steps(staff_in, section, role, step):
    user = staff_in(role)
    state, take = STEPS[step]
    article = ArticleFactory(
        section=section,
        status=state,
        published_at=timezone.now() - dt.timedelta(hours=1)
        if state == Status.PUBLISHED
        else None,
        created_by=user,  # the most favourable case: their own story
    )
    if (role, step) in ALLOWED:
        take(article, user)
        assert Article.objects.get(pk=article.pk).status != state
    else:
        with pytest.raises(PermissionDenied):
            take(article, user)
        assert Article.objects.get(pk=article.pk).status == state


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def objects(section, agencies):
    """One of everything, so that change pages have something to open."""
    series = MeetingSeries.objects.create(name="JWG", slug="jwg")
    meeting = Meeting.objects.create(
        title="JWG ke-4", slug="jwg-4", series=series, number=4, start=timezone.now()
    )
    person = Person.objects.create(name="Boy Rafli Amar", slug="boy-rafli-amar")
    article = ArticleFactory(section=section, tags=["terorisme"])
    return {
        Agency: agencies["BNPT"],
        Person: person,
        Meeting: meeting,
        MeetingSeries: series,
        Section: section,
        Tag: Tag.objects.get(name="terorisme"),
        Article: article,
    }


REPORTER_FORBIDDEN = [
    (Agency, "add"),
    (Agency, "change"),
    (Agency, "delete"),
    (Person, "add"),
    (Person, "change"),
    (Meeting, "add"),
    (Meeting, "change"),
    (MeetingSeries, "add"),
    (Section, "add"),
    (Section, "change"),
    (Tag, "add"),
    (Tag, "change"),
    (Article, "delete"),
    (Article, "recoverlist"),
    (ArticleInReview, "changelist"),
    (get_user_model(), "changelist"),
    (Group, "changelist"),
]

MODERATOR_FORBIDDEN = [
    (Article, "changelist"),
    (Article, "add"),
    (Article, "change"),
    (Article, "history"),
    (Article, "recoverlist"),
    (ArticleInReview, "changelist"),
    (Section, "changelist"),
    (Agency, "changelist"),
    (Agency, "change"),
    (Person, "changelist"),
    (Meeting, "changelist"),
    (Meeting, "change"),
    (MeetingSeries, "changelist"),
    (Tag, "changelist"),
    (get_user_model(), "changelist"),
]


def open_page(client, objects, model, view):
    needs_object = view in {"change", "delete", "history"}
    url = admin_url(model, view, *([objects[model].pk] if needs_object else []))
    return client.get(url)


@pytest.mark.parametrize(
    ("model", "view"),
    REPORTER_FORBIDDEN,
    ids=[f"{m._meta.model_name}-{v}" for m, v in REPORTER_FORBIDDEN],
)
def test_a_reporter_cannot_reach_the_page(client, reporter, objects, model, view):
    client.force_login(reporter)
    response = open_page(client, objects, model, view)
    if view == "change":
        # Reporters may look (their stories name these): a read-only page.
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("model", "view"),
    MODERATOR_FORBIDDEN,
    ids=[f"{m._meta.model_name}-{v}" for m, v in MODERATOR_FORBIDDEN],
)
def test_a_moderator_cannot_reach_the_page(client, moderator, objects, model, view):
    client.force_login(moderator)
    assert open_page(client, objects, model, view).status_code == 403


def test_anonymous_visitors_are_sent_to_the_admin_login(client, objects):
    response = client.get(admin_url(Article, "change", objects[Article].pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    ("role", "may"),
    [("Reporter", False), ("Editor", True), ("Moderator", False)],
)
def test_who_corrects_deletes_and_recovers_is_decided_once_for_admin_and_service(
    rf, staff_in, role, may
):
    """The admin's corrections inline, delete and recover ask
    articles/permissions.py (can_correct, can_delete), as the services do."""
    user = staff_in(role)
    request = rf.get("/")
    request.user = user
    article_admin = admin.site._registry[Article]
    corrections = CorrectionInline(Article, admin.site)
    assert can_correct(user) is corrections.has_add_permission(request) is may
    assert can_delete(user) is article_admin.has_delete_permission(request) is may
    assert article_admin.has_recover_permission(request) is may
