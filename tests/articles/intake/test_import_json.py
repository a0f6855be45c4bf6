"""`manage.py import_articles --json` says what its text says: each warning
with a code for scripts and its message in the command's language (English),
the lines left out, and for a duplicate how it is one and which story
further along a corrected re-send should update."""

import io
import json

import pytest
from django.core.management import call_command

from articles.management.commands.import_articles import Command as ImportCommand
from articles.models import Article
from tests.articles.intake.test_similar_copy import (
    IMPORT_DAY,
    RELEASE,
    RESENT,
    published_import,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(agencies, officials, jwg4, section):
    """The registry and a section (the site in its default, Indonesian)."""
    return section


def imported(*paths, json_lines=True) -> list:
    out = io.StringIO()
    args = [str(path) for path in paths]
    args += ["--user", "redaksi", "--date", IMPORT_DAY.isoformat()]
    call_command(
        "import_articles", *args, *(["--json"] if json_lines else []), stdout=out
    )
    if not json_lines:
        return out.getvalue().splitlines()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_created_drafts_json_has_the_warnings_the_text_prints(editor, desk, tmp_path):
    (tmp_path / "rilis.txt").write_text(RELEASE)
    printed = imported(tmp_path / "rilis.txt", json_lines=False)
    Article.objects.all().delete()  # so that the same file makes a draft again

    (draft,) = imported(tmp_path / "rilis.txt")

    codes = [warning["code"] for warning in draft["warnings"]]
    assert "no_reporter" in codes and "title_proposed" in codes
    messages = [warning["message"] for warning in draft["warnings"]]
    assert (
        "No title: proposed one from the first sentence; write a headline." in messages
    )
    # Said as the text output says them, in English, not the site's Indonesian.
    assert [f"  ! {message}" for message in messages] == printed[1:]
    assert draft["article_title"] == Article.objects.get(pk=draft["article"]).title
    assert (draft["duplicate"], draft["similar"]) == (None, [])


def test_a_resends_json_names_the_published_story_in_its_warnings(
    editor, desk, tmp_path
):
    story = published_import(editor)
    (tmp_path / "ralat.txt").write_text(RESENT)

    (draft,) = imported(tmp_path / "ralat.txt")

    assert draft["status"] == "created"
    (similar,) = draft["similar"]
    percent = similar.pop("percent")
    assert similar == {"article": story.pk, "title": story.title, "state": "published"}
    first = draft["warnings"][0]
    assert first["code"] == "similar_copy"
    assert first["message"] == (
        f"Nearly the same copy (about {percent}% alike) is already in “{story.title}” "
        f"(Published, story {story.pk}): if this is a corrected re-send, update "
        "that story instead, and delete this draft."
    )


def test_a_resend_imported_again_says_it_is_a_duplicate_and_the_story_to_update(
    editor, desk, tmp_path
):
    story = published_import(editor)
    (tmp_path / "ralat.txt").write_text(RESENT)
    (tmp_path / "ralat-lagi.txt").write_text(RESENT)

    (draft,) = imported(tmp_path / "ralat.txt")
    (again,) = imported(tmp_path / "ralat-lagi.txt")

    assert (again["status"], again["article"]) == ("duplicate", draft["article"])
    assert again["duplicate"] == "imported_before"
    assert again["article_title"] == draft["article_title"]
    assert [found["article"] for found in again["similar"]] == [story.pk]
    percent = again["similar"][0]["percent"]
    # Only the story further along: the earlier import's warnings were its own.
    assert again["warnings"] == [
        {
            "code": "similar_copy",
            "message": (
                f"Nearly the same copy (about {percent}% alike) is in “{story.title}” "
                f"(Published, story {story.pk}), a story further along: if this "
                "is a corrected re-send, update that story."
            ),
        }
    ]
    # What was read, as the first import read it (the boilerplate line too).
    assert again["dropped"] == draft["dropped"] != []


def test_copy_a_story_holds_is_a_duplicate_of_that_story_with_its_title(
    editor, desk, tmp_path
):
    story = published_import(editor)
    # The same story under a headline of its own: another text, the same body.
    (tmp_path / "sama.txt").write_text(f"---\ntitle: Judul lain\n---\n{RELEASE}")

    (same,) = imported(tmp_path / "sama.txt")

    assert (same["status"], same["article"]) == ("duplicate", story.pk)
    assert same["duplicate"] == "text_in_story"
    assert same["article_title"] == story.title
    assert (same["similar"], same["warnings"]) == ([], [])
    # What was read, as for any file (q2: all null or empty for this kind).
    assert same["title"] == "Judul lain"
    assert same["source"] == {"name": "bnpt.go.id", "url": "https://bnpt.go.id/"}
    assert {agency["acronym"] for agency in same["agencies"]} >= {"BNPT"}


def test_the_help_says_what_each_json_key_holds():
    parser = ImportCommand().create_parser("manage.py", "import_articles")

    help_text = " ".join(parser.format_help().split())

    for key in ("article_title", "duplicate", "similar", "warnings", "dropped"):
        assert f"{key} (" in help_text
    assert "each {code, message}" in help_text
