"""`manage.py import_articles FILE [FILE ...]`: one draft per file, one JSON
object per file with --json, exit status 1 when any file is refused."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.intake.parser import parse_copy
from articles.management.commands.import_articles import Command as ImportCommand
from articles.models import Article, IntakeRecord
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"
JSON_KEYS = [
    "file",
    "status",
    "article",
    "error",
    "title",
    "dateline",
    "source",
    "editor",
    "published_date",
    "agencies",
    "people",
    "meeting",
    "unknown_acronyms",
    "article_title",
    "duplicate",
    "similar",
    "warnings",
    "dropped",
]


def sample(name: str) -> str:
    return str(SAMPLES / name)


def run(*args) -> tuple[str, int]:
    """The command's output and its exit status (a refusal's)."""
    out = io.StringIO()
    try:
        call_command("import_articles", *args, stdout=out)
    except CommandError as error:
        if error.returncode != 1:
            raise
        return out.getvalue(), 1
    return out.getvalue(), 0


@pytest.fixture
def desk(editor, agencies, officials, jwg4, section):
    return editor


def test_json_gives_one_object_per_file_with_the_issues_keys(desk, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Berita dari Bogot\x81")  # nor Windows-1252
    files = [sample("jwg-hybrid-meeting.txt"), str(latin), sample("front-matter.md")]

    output, status = run(
        *files, "--json", "--user", desk.username, "--date", "2022-12-31"
    )

    lines = output.splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [list(obj) for obj in objects] == [JSON_KEYS] * 3
    assert [obj["status"] for obj in objects] == ["created", "refused", "created"]
    assert [obj["file"] for obj in objects] == files
    jwg, refused, front = objects
    assert jwg["article"] == Article.objects.get(title=jwg["title"]).pk
    assert jwg["error"] is None
    assert jwg["dateline"] is None  # "DM", the site's initials: left out
    assert jwg["source"] == {"name": "bnpt.go.id", "url": "https://bnpt.go.id/"}
    assert jwg["editor"] == "Redaksi"
    assert jwg["published_date"] == "2022-03-24"
    assert jwg["meeting"]["number"] == 4
    assert len(jwg["agencies"]) == 7 and len(jwg["people"]) == 3
    assert refused["article"] is None
    assert refused["error"].startswith(f"{latin}: ")
    assert (refused["title"], refused["agencies"], refused["meeting"]) == (
        None,
        [],
        None,
    )
    assert (
        front["title"]
        == "Philippine and Indonesian agencies agree to share watch lists"
    )
    # The batch goes on past a refused file; the exit status says one was.
    assert status == 1
    assert Article.objects.count() == 2


def test_every_file_created_or_duplicate_exits_with_zero(desk):
    files = [sample("no-source-line.txt"), sample("wrong-weekday.txt")]
    run(*files, "--user", desk.username)

    output, status = run(
        *files, sample("unknown-acronyms.txt"), "--json", "--user", desk.username
    )

    assert status == 0
    statuses = [json.loads(line)["status"] for line in output.splitlines()]
    assert statuses == ["duplicate", "duplicate", "created"]
    assert Article.objects.count() == IntakeRecord.objects.count() == 3


def test_the_import_day_resolves_weekday_dates(desk):
    output, _ = run(
        sample("no-source-line.txt"),
        "--json",
        "--user",
        "redaksi",
        "--date",
        "2022-09-30",
    )

    assert json.loads(output)["published_date"] == "2022-09-07"


def test_without_a_user_the_first_superuser_imports(desk, django_user_model):
    first = django_user_model.objects.create_superuser("chief", password="x")
    django_user_model.objects.create_superuser("deputy", password="x")

    run(sample("no-source-line.txt"))

    assert IntakeRecord.objects.get().created_by == first
    # The copy names no reporter: the story has no author to credit.
    assert Article.objects.get().created_by is None


def test_without_a_superuser_or_a_user_it_says_what_to_give(desk, english):
    with pytest.raises(
        CommandError, match="No superuser to import as: give --user"
    ) as error:
        run(sample("no-source-line.txt"))
    assert error.value.returncode == 2
    assert not Article.objects.exists()


def test_an_unknown_user_or_one_who_may_not_write_is_refused_before_any_file(
    desk, moderator, english
):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        run(sample("no-source-line.txt"), "--user", "nobody")
    with pytest.raises(CommandError, match="may not write articles"):
        run(sample("no-source-line.txt"), "--user", moderator.username)
    assert not Article.objects.exists()


def test_who_may_add_but_not_change_articles_is_refused_before_any_file(
    desk, django_user_model, english
):
    adder = django_user_model.objects.create_user("adder", is_staff=True)
    adder.user_permissions.add(Permission.objects.get(codename="add_article"))

    with pytest.raises(CommandError, match="adder may not write articles") as error:
        run(sample("no-source-line.txt"), "--user", "adder")
    assert error.value.returncode == 2
    assert not Article.objects.exists()


def test_a_bad_date_is_an_error(desk, english):
    with pytest.raises(CommandError, match="is not a date"):
        call_command("import_articles", sample("no-source-line.txt"), "--date", "24/3")
    assert not Article.objects.exists()


def test_without_json_each_file_gets_a_readable_line(desk, tmp_path, english):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    run(sample("jwg-hybrid-meeting.txt"), "--user", desk.username)

    output, status = run(
        sample("jwg-hybrid-meeting.txt"),
        sample("bi-bank-indonesia.txt"),
        str(empty),
        str(missing),
        "--user",
        desk.username,
        "--date",
        "2022-12-31",
    )

    lines = output.splitlines()
    jwg = Article.objects.get(intake_records__file_name="jwg-hybrid-meeting.txt")
    bi = Article.objects.get(intake_records__file_name="bi-bank-indonesia.txt")
    assert lines[0] == (
        f"duplicate: {sample('jwg-hybrid-meeting.txt')} was imported before as "
        f"#{jwg.pk} “{jwg.title}”."
    )
    assert lines[1] == (
        f"created: {sample('bi-bank-indonesia.txt')} → draft #{bi.pk} “{bi.title}”; "
        "agencies linked 1, suggested 0, ambiguous 0; people 0; meeting –."
    )
    assert (
        lines[2]
        == "  ! No title: proposed one from the first sentence; write a headline."
    )
    assert lines[3] == (
        "  ! No reporter named: no byline; the story credits its source (Humas PPATK)."
    )
    assert lines[4] == f"refused: {empty}: the file is empty."
    assert lines[5] == (
        f"refused: {missing}: cannot be read (No such file or directory)."
    )
    assert status == 1


def test_a_big_file_is_refused_without_reading_all_of_it(desk, tmp_path, english):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes

    output, status = run(str(big), "--json", "--user", desk.username)

    assert json.loads(output)["error"] == f"{big}: the file is larger than 1.0\xa0MB."
    assert status == 1


def test_a_file_whose_text_a_story_already_holds_is_named_as_that_story(desk, english):
    text = Path(sample("bi-bank-indonesia.txt")).read_text()
    story = ArticleFactory(
        title="Sudah ditempel", body=parse_copy(text, today=dt.date(2022, 12, 31)).body
    )

    output, status = run(sample("bi-bank-indonesia.txt"), "--user", desk.username)

    assert status == 0
    assert output.splitlines()[0] == (
        f"duplicate: the text of {sample('bi-bank-indonesia.txt')} is already in "
        f"#{story.pk} “Sudah ditempel”."
    )
    assert Article.objects.count() == 1


def test_a_file_of_two_stories_is_refused_saying_to_split_it(desk, tmp_path, english):
    """The wire file twice, as `cat a a` joins it: one draft of both had the
    second story in the first one's body, its editor line lost."""
    text = Path(sample("jwg-hybrid-meeting.txt")).read_text().rstrip("\n")
    two = tmp_path / "two.txt"
    two.write_text(text * 2)

    output, status = run(
        str(two), sample("bi-bank-indonesia.txt"), "--user", desk.username
    )

    lines = output.splitlines()
    assert lines[0] == (
        f"refused: {two}: it seems to hold 2 stories: another begins at line 10, "
        "glued to the last line of the one before: 'Discussion about this postDM "
        "– BNPT dan delegasi Filipina kembali bertemu dalam…'. Split it, one "
        "story a file, and import each."
    )
    assert lines[1].startswith(f"created: {sample('bi-bank-indonesia.txt')} →")
    assert status == 1
    assert list(IntakeRecord.objects.values_list("file_name", flat=True)) == [
        "bi-bank-indonesia.txt"
    ]


def test_the_help_names_every_kind_of_file_it_imports():
    parser = ImportCommand().create_parser("manage.py", "import_articles")

    help_text = " ".join(parser.format_help().split())

    assert (
        "text files (.txt, .md) in UTF-8, Windows-1252 (with a warning), or UTF-16 "
        "or UTF-32 with a byte order mark, up to 1 MB; Word documents (.docx) up "
        "to 20 MB." in help_text
    )
    assert "more than one story is refused" in help_text
