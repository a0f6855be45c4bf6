"""The demo's author pages: the demo editor and reporter each have one, the
demo stories link to an author, and loading again changes nothing."""

import pytest

from articles.models import Article, AuthorProfile
from tests.newsroom.demo_loading import load_demo

# Every test of the module finds the demo loaded (tests/newsroom/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]


def test_the_demo_editor_and_reporter_have_public_author_pages(client, demo):
    profiles = {p.user.username: p for p in AuthorProfile.objects.all()}

    assert set(profiles) == {"editor", "reporter"}
    editor = profiles["editor"]
    assert (editor.role, editor.role_en) == (
        "Redaktur pelaksana, Jakarta",
        "Managing editor, Jakarta",
    )
    assert editor.photo is not None
    page = client.get(editor.get_absolute_url())
    assert page.status_code == 200
    assert page.context["page_obj"].paginator.count > 0
    english = client.get("/en" + editor.get_absolute_url()).content.decode()
    assert "Managing editor, Jakarta" in english


def test_every_demo_story_has_an_author_with_a_profile(demo):
    authors = set(Article.objects.values_list("created_by__username", flat=True))

    assert authors <= {"editor", "reporter"}


def test_loading_again_keeps_an_editors_changes_to_a_profile(demo):
    profile = AuthorProfile.objects.get(user__username="reporter")
    profile.role = "Wartawan senior"
    profile.role_en = ""
    profile.save()

    load_demo()

    profile.refresh_from_db()
    assert AuthorProfile.objects.count() == 2
    assert profile.role == "Wartawan senior"
    assert profile.role_en == "Reporter, Jakarta"  # an empty English is filled
