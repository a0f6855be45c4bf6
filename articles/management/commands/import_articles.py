import argparse
import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
            _("'%(value)s' is not a date (YYYY-MM-DD).") % {"value": value}
        ) from None


class Command(BaseCommand):
    # In English, as Django's own commands' help (argparse takes no lazy text).
    help = (
        "Import wire copy as draft articles, one draft per file: text files "
        "(.txt, .md) in UTF-8, or in UTF-16 or UTF-32 with a byte order mark, "
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
            help="One JSON object per file and line.",
        )

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
                ngettext(
                    "%(refused)d of %(count)d file refused.",
                    "%(refused)d of %(count)d files refused.",
                    len(files),
                )
                % {"refused": refused, "count": len(files)},
                returncode=1,
            )

    def _importer(self, username: str | None):
        User = get_user_model()
        if username:
            user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None:
                raise CommandError(
                    _("No user '%(name)s'.") % {"name": username}, returncode=2
                )
        else:
            user = User.objects.filter(is_superuser=True, is_active=True).first()
            if user is None:
                raise CommandError(
                    _("No superuser to import as: give --user USERNAME."),
                    returncode=2,
                )
        if not can_import(user):
            raise CommandError(
                _("%(name)s may not write articles, so may not import them.")
                % {"name": user.get_username()},
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
                error=_("%(file)s: cannot be read (%(reason)s).")
                % {"file": path, "reason": error.strerror or error},
            )
        return article_import(name=path, data=data, user=user, today=today)

    def _describe(self, result: ImportResult) -> None:
        article = result.article
        if result.status == Status.REFUSED:
            self.stdout.write(self.style.ERROR(_("refused: %s") % result.error))
            return
        if result.status == Status.DUPLICATE:
            said = (
                _("duplicate: the text of %(file)s is already in #%(id)d “%(title)s”.")
                if result.by_body
                else _(
                    "duplicate: %(file)s was imported before as #%(id)d “%(title)s”."
                )
            )
            self.stdout.write(
                self.style.WARNING(
                    said
                    % {"file": result.file, "id": article.pk, "title": article.title}
                )
            )
            return
        states = {}
        for agency in result.report.get("agencies", []):
            states[agency["state"]] = states.get(agency["state"], 0) + 1
        meeting = result.report.get("meeting") or {}
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "created: %(file)s → draft #%(id)d “%(title)s”; agencies "
                    "linked %(linked)d, suggested %(suggested)d, ambiguous "
                    "%(ambiguous)d; people %(people)d; meeting %(meeting)s."
                )
                % {
                    "file": result.file,
                    "id": article.pk,
                    "title": article.title,
                    "linked": states.get("linked", 0),
                    "suggested": states.get("suggested", 0),
                    "ambiguous": states.get("ambiguous", 0),
                    "people": len(result.report.get("people", [])),
                    "meeting": meeting.get("title") or meeting.get("series") or "–",
                }
            )
        )
        for warning in result.warnings:
            self.stdout.write(f"  ! {warning}")


def _json_line(result: ImportResult) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False)
