import argparse
import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.template.defaultfilters import pluralize

from articles.intake.services import (
    MAX_DOCUMENT_BYTES,
    MAX_FILE_BYTES,
    ImportResult,
    Status,
    article_import,
    can_import,
    size_limit,
)

MB = 1024 * 1024


def import_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date (YYYY-MM-DD)."
        ) from None


JSON_HELP = (
    "One JSON object per file and line, with the keys: file; status (created, "
    "duplicate or refused); article (the draft's number, or the story a "
    "duplicate repeats; null when refused); error (why refused, else null); "
    "what was read: title, dateline, source ({name, url}), editor, "
    "published_date (YYYY-MM-DD), agencies, people, meeting, unknown_acronyms; "
    "article_title (that story's headline now); duplicate (imported_before: "
    "the same text was imported before; text_in_story: a story holds its "
    "text; else null); similar (stories holding nearly the same copy, each "
    "{article, title, state, percent}: for a duplicate, those further along, "
    "the one a corrected re-send updates); warnings (what to check, each "
    "{code, message}: the code for scripts, e.g. no_reporter, title_proposed, "
    "similar_copy, date, dateline_initials, encoding; a duplicate's only name the "
    "stories further along); dropped (boilerplate lines left out of the "
    "draft). Keys are only ever added."
)


class Command(BaseCommand):
    # Operators read English, as in Django's own commands: the command's text
    # is not marked for translation, and handle() runs without a language, so
    # that the intake's reasons and warnings (translated for the admin's
    # upload page) come in English too, not in the site's default, Indonesian.
    help = (
        "Import wire copy as draft articles, one draft per file: text files "
        "(.txt, .md) in UTF-8, Windows-1252 (with a warning), or UTF-16 or UTF-32 "
        "with a byte order mark, "
        f"up to {MAX_FILE_BYTES // MB} MB; Word documents (.docx) up to "
        f"{MAX_DOCUMENT_BYTES // MB} MB. A file imported before "
        "is a duplicate; a file that seems to hold more than one story is "
        "refused (split it, one story a file). Exits with 1 when any file is "
        "refused, 2 when it cannot start (no such user)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Who imports (the drafts' author; default: the first superuser).",
        )
        parser.add_argument(
            "--date",
            type=import_day,
            metavar="YYYY-MM-DD",
            help="The import day weekday dates resolve against (default: today).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help=JSON_HELP,
        )

    @no_translations
    def handle(self, *args, files, user, date, as_json: bool, **options):
        importer = self._importer(user)
        refused = 0
        for path in files:
            result = self._import(path, importer, date)
            refused += result.status == Status.REFUSED
            if as_json:
                self.stdout.write(_json_line(result))
            else:
                self._describe(result)
        if refused:
            raise CommandError(
                f"{refused} of {len(files)} file{pluralize(len(files))} refused.",
                returncode=1,
            )

    def _importer(self, username: str | None):
        User = get_user_model()
        if username:
            user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None:
                raise CommandError(f"No user '{username}'.", returncode=2)
        else:
            user = User.objects.filter(is_superuser=True, is_active=True).first()
            if user is None:
                raise CommandError(
                    "No superuser to import as: give --user USERNAME.",
                    returncode=2,
                )
        if not can_import(user):
            raise CommandError(
                f"{user.get_username()} may not write articles, "
                "so may not import them.",
                returncode=2,
            )
        return user

    def _import(self, path: str, user, today) -> ImportResult:
        try:
            with open(path, "rb") as file:
                data = file.read(size_limit(path) + 1)  # enough to know it is too big
        except OSError as error:
            return ImportResult(
                file=path,
                status=Status.REFUSED,
                error=f"{path}: cannot be read ({error.strerror or error}).",
            )
        return article_import(name=path, data=data, user=user, today=today)

    def _describe(self, result: ImportResult) -> None:
        article = result.article
        if result.status == Status.REFUSED:
            self.stdout.write(self.style.ERROR(f"refused: {result.error}"))
            return
        if result.status == Status.DUPLICATE:
            file, title = result.file, f"#{article.pk} “{article.title}”"
            said = (
                f"duplicate: the text of {file} is already in {title}."
                if result.by_body
                else f"duplicate: {file} was imported before as {title}."
            )
            self.stdout.write(self.style.WARNING(said))
            # As the JSON's warnings say them: the story further along.
            for warning in result.warnings_said():
                self.stdout.write(self.style.WARNING(f"  ! {warning['message']}"))
            return
        states = {}
        for agency in result.report.get("agencies", []):
            states[agency["state"]] = states.get(agency["state"], 0) + 1
        meeting = result.report.get("meeting") or {}
        meeting_name = meeting.get("title") or meeting.get("series") or "–"
        self.stdout.write(
            self.style.SUCCESS(
                f"created: {result.file} → draft #{article.pk} “{article.title}”; "
                f"agencies linked {states.get('linked', 0)}, "
                f"suggested {states.get('suggested', 0)}, "
                f"ambiguous {states.get('ambiguous', 0)}; "
                f"people {len(result.report.get('people', []))}; "
                f"meeting {meeting_name}."
            )
        )
        for warning in result.warnings:
            self.stdout.write(f"  ! {warning}")


def _json_line(result: ImportResult) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False)
