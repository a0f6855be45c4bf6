"""An author page lists the stories whose byline credits its author (empty,
or naming their profile), as the story page's byline link and JSON-LD do:
not every story they created ("Oleh Tim Redaksi", a wire reporter's)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from articles import services
from articles.models import Article, AuthorProfile
from articles.services.authors import author_profile_save

pytestmark = pytest.mark.django_db

PAGE = "/authors/sari-wulandari/"
# The tester's stories, by title: their bylines.
BYLINES = {
    "Cerita tanpa byline": "",
    "Cerita oleh Sari": "Sari",
    "Cerita dari ANTARA": "Oleh Sari Wulandari/ANTARA",
    "Cerita tim redaksi": "Tim Redaksi",
}


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed (the test's never does):
    the page cache's bumps run after the commit."""

    def run(write, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**kwargs)

    return run


@pytest.fixture
def writer(reporter):
    return reporter


@pytest.fixture
def sari(writer, desk_editor):
    return author_profile_save(
        profile=AuthorProfile(
            user=writer, name="Sari Wulandari", slug="sari-wulandari"
        ),
        user=desk_editor,
    )


def write(title: str, byline: str, *, writer, editor, section) -> Article:
    """A story written by `writer` through the desk's services, published."""
    article = Article(
        title=title,
        slug=title.lower().replace(" ", "-"),
        body="Isi berita.",
        byline=byline,
        section=section,
    )
    services.article_save(article=article, user=writer)
    return services.article_publish(
        article=article, user=editor, at=timezone.now() - dt.timedelta(hours=1)
    )


@pytest.fixture
def stories(sari, writer, desk_editor, section) -> dict[str, Article]:
    return {
        title: write(title, byline, writer=writer, editor=desk_editor, section=section)
        for title, byline in BYLINES.items()
    }


def listed(client) -> set[str]:
    """The titles of the stories the author page lists, as a reader gets it."""
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    return {title for title in BYLINES if title in html}


def linked() -> set[str]:
    """The titles of the stories whose byline links to the author's page (and
    names them the author in JSON-LD): Article.byline_profile()."""
    loaded = Article.objects.select_related("created_by__author_profile")
    return {article.title for article in loaded if article.byline_profile()}


def edit(article: Article, *, user, **fields) -> Article:
    article = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(article, name, value)
    return services.article_save(
        article=article, user=user, expected_version=article.version
    )


def test_the_author_page_lists_the_stories_whose_byline_credits_the_writer(
    client, stories
):
    shown = listed(client)

    assert shown == {"Cerita tanpa byline", "Cerita oleh Sari", "Cerita dari ANTARA"}
    assert shown == linked()


def test_the_desks_my_stories_still_lists_every_story_the_writer_created(
    stories, writer
):
    mine = set(Article.objects.by_author(writer).values_list("title", flat=True))

    assert mine == set(BYLINES)


def test_a_byline_edited_to_name_the_writer_puts_the_story_on_the_page_at_once(
    client, page_cache, committed, stories, desk_editor
):
    assert "Cerita tim redaksi" not in listed(client)
    assert client.get(PAGE)["X-Page-Cache"] == "hit"

    committed(
        edit,
        article=stories["Cerita tim redaksi"],
        user=desk_editor,
        byline="Sari Wulandari",
    )

    assert listed(client) == set(BYLINES)
    assert listed(client) == linked()


def test_a_byline_edited_to_name_someone_else_takes_the_story_off_the_page(
    client, page_cache, committed, stories, desk_editor
):
    assert "Cerita tanpa byline" in listed(client)
    assert client.get(PAGE)["X-Page-Cache"] == "hit"

    committed(
        edit,
        article=stories["Cerita tanpa byline"],
        user=desk_editor,
        byline="Reuters",
    )

    assert listed(client) == {"Cerita oleh Sari", "Cerita dari ANTARA"}
    assert listed(client) == linked()


def test_renaming_the_profile_changes_which_stories_credit_it(
    client, page_cache, committed, stories, sari, desk_editor
):
    edit(stories["Cerita tim redaksi"], user=desk_editor, byline="Sari Wulandari")
    assert listed(client) == set(BYLINES)
    assert client.get(PAGE)["X-Page-Cache"] == "hit"

    sari.name = "Sari W. Putri"
    committed(author_profile_save, profile=sari, user=desk_editor)

    # "Sari" is still part of her name; "Sari Wulandari" no longer is.
    assert listed(client) == {"Cerita tanpa byline", "Cerita oleh Sari"}
    assert listed(client) == linked()


def test_a_profile_made_after_the_stories_lists_those_naming_it(
    client, writer, desk_editor, section
):
    for title, byline in BYLINES.items():
        write(title, byline, writer=writer, editor=desk_editor, section=section)
    client.force_login(desk_editor)

    response = client.post(
        "/admin/articles/authorprofile/add/",
        {
            "user": writer.pk,
            "name": "Sari Wulandari",
            "slug": "sari-wulandari",
            "is_public": "on",
        },
    )
    client.logout()

    assert response.status_code == 302
    assert listed(client) == {
        "Cerita tanpa byline",
        "Cerita oleh Sari",
        "Cerita dari ANTARA",
    }
    assert listed(client) == linked()


def test_a_profile_moved_to_another_account_credits_that_accounts_stories(
    client, stories, sari, staff_in, desk_editor, section
):
    other = staff_in("Reporter", "sari-baru")
    write("Cerita akun baru", "Sari", writer=other, editor=desk_editor, section=section)

    sari.user = other
    author_profile_save(profile=sari, user=desk_editor)

    assert set(Article.objects.bylined_to(other).values_list("title", flat=True)) == {
        "Cerita akun baru"
    }
    # The former account has no profile now: only its stories without a
    # byline would credit it.
    assert set(
        Article.objects.bylined_to(
            stories["Cerita oleh Sari"].created_by_id
        ).values_list("title", flat=True)
    ) == {"Cerita tanpa byline"}


def test_the_migration_marks_the_stored_stories_by_the_same_rule(stories, monkeypatch):
    migration = importlib.import_module(
        "articles.migrations.0027_article_byline_names_writer"
    )
    monkeypatch.setattr(migration, "BATCH", 3)  # more than one batch
    Article.objects.update(byline_names_writer=True)  # as the new column says

    migration.fill_byline_names_writer(apps, None)

    credited = Article.objects.filter(byline_names_writer=True)
    assert set(credited.values_list("title", flat=True)) == linked()
    assert linked() == {"Cerita tanpa byline", "Cerita oleh Sari", "Cerita dari ANTARA"}
