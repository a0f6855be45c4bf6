"""Wire copy in: one file becomes one draft article, or is refused (a file
that seems to hold several stories too: split, nothing of them is lost).

`article_import` checks the file (text, UTF-8 or a Unicode encoding its byte
order mark names, else Windows-1252 (decode_text), or a Word document; not
binary, not over 1 MB),
reads it (parser.parse_copy), recognises the agencies, people and meeting it
names (agencies.recognition) and writes the draft through article_add
(article_save, linked as every new story is), in one transaction per file.
It never publishes.
"""

import codecs
import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

from agencies.models import Agency
from agencies.recognition import Recognition, recognise
from newsroom.history.messages import history_message, message_text
from newsroom.text import has_controls, normalise_newlines, without_controls

from ..models import Article, IntakeRecord, Section, check_body_length
from ..models.intake import CopyFingerprint, CopyShingle
from ..permissions import can_edit, can_publish
from ..services import article_add, title_slug
from .documents import MAX_UNPACKED_BYTES, DocumentUnreadable, read_document
from .parser import (
    AFTER_TRAILER,
    GLUED,
    QUOTED_MAX,
    ParsedCopy,
    StoryBreak,
    parse_copy,
    shorten,
)
from .similarity import (
    SIMILAR_AT,
    SIMILAR_COPY,
    alike_percent,
    copy_sketch,
    least_shared,
    resemblance,
)

Status = IntakeRecord.Status

# A text file, a pasted text, and a Word document's text.
MAX_FILE_BYTES = 1024 * 1024
# A Word document may carry pictures (left out); unpacked, it is bounded by
# documents.MAX_UNPACKED_BYTES, and its paragraphs, runs and elements are
# counted (documents.MAX_PARAGRAPHS, MAX_RUNS, MAX_ELEMENTS).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# How far back copy is looked for among the stories saved (stories_holding()):
# the same wire story is pasted or imported again within days.
EARLIER_COPY_DAYS = 30
# Nearly the same copy (stories_resembling()): the most kept copies compared
# with a new one (those sharing the most of its sketch), and the most stories
# an import names.
RESEMBLING_COMPARED = 20
RESEMBLING_NAMED = 3
# How far along the workflow each state is (workflow_stage()): a published
# story, which readers have read, before one in review (or taken down since),
# before a draft.
WORKFLOW_STAGES = {
    Article.Status.DRAFT: 0,
    Article.Status.IN_REVIEW: 1,
    Article.Status.UNPUBLISHED: 1,
    Article.Status.PUBLISHED: 2,
}
TEXT_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIX = ".docx"  # read by documents.py
ALLOWED_SUFFIXES = (*TEXT_SUFFIXES, DOCUMENT_SUFFIX)
# A byte order mark names its encoding: Windows' Notepad and Word save "Unicode"
# text as UTF-16 with one. UTF-32's are checked before UTF-16's, which begin
# them. Without a mark the text is UTF-8, else Windows-1252 (decode_text).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Text from Windows desks that is not UTF-8: Windows' "ANSI" code page in
# Indonesia (and the West), of which Latin-1's printable characters are a part.
FALLBACK_ENCODING = "cp1252"
# What an import's report says of text read so (code "encoding").
READ_AS_WINDOWS_1252 = gettext_noop(
    "Read as Windows-1252, not UTF-8: check the special characters (quotes, "
    "dashes, accents)."
)

# The revision of an imported draft says so (shown in the reader's language).
IMPORTED = gettext_lazy("Imported from wire copy")

# The keys of an import's JSON (import_articles --json), in order.
RESULT_KEYS = ("file", "status", "article", "error")
REPORT_KEYS = (
    "title",
    "dateline",
    "source",
    "editor",
    "published_date",
    "agencies",
    "people",
    "meeting",
    "unknown_acronyms",
)
# What the JSON adds after them (ImportResult.as_json), in order.
RESULT_MORE_KEYS = ("article_title", "duplicate", "similar", "warnings", "dropped")
# A duplicate's story further along (the JSON's warnings; a created draft's
# report says SIMILAR_COPY, whose draft to delete is the one just made).
SIMILAR_COPY_AHEAD = gettext_noop(
    "Nearly the same copy (about %(percent)s%% alike) is in “%(title)s” "
    "(%(state)s, story %(id)s), a story further along: if this is a corrected "
    "re-send, update that story."
)


class Refused(Exception):
    """A file that cannot be imported; the message names the file."""


class AlreadyImported(Exception):
    """The text's draft was made by another import since it was looked for."""

    def __init__(self, record: IntakeRecord):
        super().__init__(record.pk)
        self.record = record


@dataclass
class ImportResult:
    """What became of one file: `status` is one of IntakeRecord.Status;
    `article` the draft created, or the earlier one a duplicate repeats;
    `error` why a file was refused; `report` what was read and recognised
    (stored on the IntakeRecord); `warnings` what the editor should check."""

    file: str
    status: str
    article: Article | None = None
    error: str = ""
    report: dict = field(default_factory=dict)
    # A duplicate found by its body (stories_holding()): a story the same copy
    # was pasted into, or imported with other front matter.
    by_body: bool = False
    # Stories holding nearly the same copy (stories_resembling()), the
    # published first: a created draft's report warns of each.
    similar: list["Resembling"] = field(default_factory=list)
    # A created draft's warnings as its report keeps them (stored_warning():
    # code and message), put into words when read (as_json).
    stored_warnings: list[dict] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The warnings in the active language (the report's, put into words
        by report_in_words)."""
        return list(self.report.get("warnings", []))

    def as_json(self) -> dict:
        """RESULT_KEYS, REPORT_KEYS, then RESULT_MORE_KEYS (import_articles
        --json, whose help says what each holds); messages in the active
        language."""
        empty = {"agencies": [], "people": [], "unknown_acronyms": []}
        duplicate = None
        if self.status == Status.DUPLICATE:
            duplicate = "text_in_story" if self.by_body else "imported_before"
        return {
            "file": self.file,
            "status": self.status,
            "article": self.article.pk if self.article else None,
            "error": self.error or None,
            **{key: self.report.get(key, empty.get(key)) for key in REPORT_KEYS},
            "article_title": self.article.title if self.article else None,
            "duplicate": duplicate,
            "similar": [
                {
                    "article": found.article.pk,
                    "title": found.article.title,
                    "state": (
                        "scheduled"
                        if found.article.is_scheduled
                        else found.article.status
                    ),
                    "percent": alike_percent(found.resemblance),
                }
                for found in self.similar
            ],
            "warnings": self.warnings_said(),
            "dropped": list(self.report.get("dropped", [])),
        }

    def warnings_said(self) -> list[dict]:
        """A created draft's warnings; a duplicate's are the stories further
        along it names (its earlier import's are that draft's, not this
        file's)."""
        if self.status == Status.DUPLICATE:
            stored = [
                stored_warning(
                    "similar_copy", similar_copy_said(found, SIMILAR_COPY_AHEAD)
                )
                for found in self.similar
            ]
        else:
            stored = self.stored_warnings
        return [
            {"code": warning.get("code"), "message": warning_text(warning)}
            for warning in stored
        ]


def can_import(user) -> bool:
    """Reporters and editors: whoever may add and write articles."""
    return user.has_perm("articles.add_article") and can_edit(user, None)


def intake_section(name: str = "") -> tuple[Section | None, bool]:
    """The section a draft is filed in, and whether it is the one `name`
    asked for: the section whose slug or name is `name` (any case), else
    the default: the first section of the navigation, else the first
    section at all (None when there is none)."""
    name = name.strip()
    if name:
        section = (
            Section.objects.filter(slug__iexact=name).first()
            or Section.objects.filter(name__iexact=name).first()
        )
        if section:
            return section, True
    default = Section.objects.in_navigation().first() or Section.objects.first()
    return default, not name


def normalised_text(text: str) -> str:
    """The text compared for duplicates: line ends, Unicode composition,
    trailing spaces and outer blank lines made uniform."""
    lines = unicodedata.normalize("NFC", normalise_newlines(text)).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalised_text(text).encode()).hexdigest()


def body_sha256(body: str) -> str:
    """The fingerprint of wire copy as it came in: the SHA-256 of its
    cleaned-up body (parse_copy's), the same for the copy pasted or imported
    with any front matter."""
    return text_sha256(body)


def size_limit(name: str) -> int:
    """The most bytes a file of this name may hold (read one more to know
    it is over)."""
    if PurePath(name).suffix.lower() == DOCUMENT_SUFFIX:
        return MAX_DOCUMENT_BYTES
    return MAX_FILE_BYTES


@dataclass(frozen=True)
class CopyText:
    """A file's text, and what the report should say of reading it: each a
    warning's code and its history_message() (a Word document's tables and
    pictures left out, text read as Windows-1252)."""

    text: str
    notes: tuple[tuple[str, list], ...] = ()


def read_text(*, name: str, data: bytes) -> CopyText:
    """The file's text, or Refused saying why it is not a text to import."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".doc":
        raise Refused(
            _(
                "%(file)s: an old Word document (.doc); save it as .docx or as "
                "text and import it again."
            )
            % {"file": name}
        )
    if suffix not in ALLOWED_SUFFIXES:
        raise Refused(
            _(
                "%(file)s: only .txt, .md and .docx files are imported; save it "
                "as one of them, or paste its text into a new article."
            )
            % {"file": name}
        )
    if not data.strip():
        raise Refused(_("%(file)s: the file is empty.") % {"file": name})
    if len(data) > size_limit(name):
        raise Refused(
            _("%(file)s: the file is larger than %(limit)s.")
            % {"file": name, "limit": filesizeformat(size_limit(name))}
        )
    if suffix == DOCUMENT_SUFFIX:
        return _document_text(name, data)
    binary = _("%(file)s: this is not a text file (it holds binary data).") % {
        "file": name
    }
    encoding = next(
        (encoding for mark, encoding in BYTE_ORDER_MARKS if data.startswith(mark)),
        None,
    )
    if encoding is None and b"\x00" in data:
        if _utf16_without_mark(data):
            raise Refused(
                _(
                    "%(file)s: the text is in UTF-16 without the mark that says "
                    "so; save it as UTF-8 (in Notepad: Save as, Encoding "
                    "UTF-8) and import it again."
                )
                % {"file": name}
            )
        raise Refused(binary)
    copy = decode_text(name, data, encoding)
    # A control character no text file holds (tab, line ends and those that
    # end a line, such as a PDF's page breaks, are fine) marks a binary file.
    if has_controls(copy.text, line_breaks=False):
        raise Refused(binary)
    if not copy.text.strip():
        raise Refused(_("%(file)s: the file is empty.") % {"file": name})
    return copy


def _utf16_without_mark(data: bytes) -> bool:
    """Whether `data` is text in UTF-16 whose byte order mark is missing
    (some Windows tools write it so): it reads as UTF-16 in one byte order
    without a control character, and every other byte of its first
    characters is zero, as Latin letters leave it. Not imported on a guess:
    the message says how to save it."""
    if len(data) % 2:
        return False
    for order, zeros in (("utf-16-le", data[1:200:2]), ("utf-16-be", data[0:200:2])):
        if zeros.count(0) < len(zeros) * 0.5:
            continue
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            continue
        if text.strip() and not has_controls(text, line_breaks=False):
            return True
    return False


def decode_text(name: str, data: bytes, encoding: str | None = None) -> CopyText:
    """A text file's text: in `encoding` (its byte order mark's), else UTF-8,
    else Windows-1252 (FALLBACK_ENCODING), with a warning to check the
    characters it reads differently. Refused, with the byte where the reading
    stops: text not in its mark's encoding; UTF-8 with a stray byte (as many
    UTF-8 characters as stray bytes or more: read as Windows-1252, each of
    its dashes and quotes would be "â€“"); bytes Windows-1252 leaves undefined
    (0x81, 0x8D, 0x8F, 0x90, 0x9D: text in another encoding, whose letters a
    guess would lose)."""
    try:
        return CopyText(data.decode(encoding or "utf-8"))
    except UnicodeDecodeError as error:
        if encoding is not None:
            raise Refused(
                _(
                    "%(file)s: the text is not %(encoding)s (byte %(position)d); "
                    "save it as UTF-8 and import it again."
                )
                % {
                    "file": name,
                    "encoding": encoding.removesuffix("-sig").upper(),
                    "position": error.start + 1,
                }
            ) from None
        first_stray = error.start + 1
    if _mostly_utf8(data):
        raise Refused(
            _(
                "%(file)s: the text is UTF-8 but for byte %(position)d, which is "
                "not; save it as UTF-8 and import it again."
            )
            % {"file": name, "position": first_stray}
        )
    try:
        text = data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError as error:
        raise Refused(
            _(
                "%(file)s: the text is neither UTF-8 nor Windows-1252 (byte "
                "%(position)d); save it as UTF-8 and import it again."
            )
            % {"file": name, "position": error.start + 1}
        ) from None
    return CopyText(text, (("encoding", history_message(READ_AS_WINDOWS_1252)),))


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not all UTF-8 hold as many UTF-8 characters
    beyond ASCII as stray bytes, or more: UTF-8 with a stray byte (Windows-1252
    text makes a UTF-8 character only by chance, of two or three of its
    special characters in a row)."""
    # Each stray byte is one lone surrogate (U+DC80 to U+DCFF).
    read = data.decode("utf-8", errors="surrogateescape")
    stray = sum("\udc80" <= char <= "\udcff" for char in read)
    return sum(char > "\x7f" for char in read) - stray >= stray


# What a document's import leaves out or changes, for the report: the count
# (DocumentText's field) and what the report says of it.
DOCUMENT_NOTES = (
    (
        "read_from_tables",
        ngettext_lazy(
            "The text was all in a table: read cell by cell, row by row; check "
            "its order.",
            "The text was all in %(count)d tables: read cell by cell, row by "
            "row; check its order.",
            "count",
        ),
    ),
    (
        "tables",
        ngettext_lazy(
            "%(count)d table left out: copy what it says into the story.",
            "%(count)d tables left out: copy what they say into the story.",
            "count",
        ),
    ),
    (
        "pictures",
        ngettext_lazy(
            "%(count)d picture left out: add it from the media library.",
            "%(count)d pictures left out: add them from the media library.",
            "count",
        ),
    ),
    (
        "tracked_changes",
        ngettext_lazy(
            "%(count)d tracked change accepted (insertions kept, deletions "
            "left out): check the text against the release.",
            "%(count)d tracked changes accepted (insertions kept, deletions "
            "left out): check the text against the release.",
            "count",
        ),
    ),
    (
        "comments",
        ngettext_lazy(
            "%(count)d Word comment left out (a reviewer's note, not the story).",
            "%(count)d Word comments left out (reviewers' notes, not the story).",
            "count",
        ),
    ),
    (
        "footnotes",
        ngettext_lazy(
            "%(count)d footnote left out: copy what it says into the story.",
            "%(count)d footnotes left out: copy what they say into the story.",
            "count",
        ),
    ),
)


def _document_text(name: str, data: bytes) -> CopyText:
    try:
        document = read_document(data)
    except DocumentUnreadable as problem:
        reasons = {
            "not_docx": _("%(file)s: this is not a Word document (.docx)."),
            "too_large": _("%(file)s: the document unpacks to more than %(limit)s."),
            "too_long": _(
                "%(file)s: the document is longer than a story can be; import "
                "the story's part of it (copy it into a new document, or paste "
                "it into a new article)."
            ),
            "damaged": _("%(file)s: the document is damaged and cannot be read."),
        }
        raise Refused(
            reasons[problem.kind]
            % {"file": name, "limit": filesizeformat(MAX_UNPACKED_BYTES)}
        ) from None
    text = without_controls(document.text, other=" ")
    if not text.strip():
        raise Refused(_("%(file)s: there is no article text in it.") % {"file": name})
    if len(text.encode()) > MAX_FILE_BYTES:
        # A text file's limit, and a pasted text's.
        raise Refused(
            _("%(file)s: the document's text is longer than %(limit)s.")
            % {"file": name, "limit": filesizeformat(MAX_FILE_BYTES)}
        )
    left_out = tuple(
        ("left_out", history_message(note, count=getattr(document, counted)))
        for counted, note in DOCUMENT_NOTES
        if getattr(document, counted)
    )
    return CopyText(text, left_out)


def check_written_on(day: dt.date | None) -> None:
    """A validator of the day copy was written on (the day weekday dates are
    read against): not after today in the newsroom's zone, or "Kamis (24/3)"
    would be read as a Thursday years ahead."""
    today = timezone.localdate()
    if day is not None and day > today:
        raise ValidationError(
            gettext_lazy("Copy cannot have been written after today (%(today)s)."),
            code="after_today",
            params={"today": date_format(today, "j F Y")},
        )


def article_import(
    *, name: str, data: bytes, user, today: dt.date | None = None
) -> ImportResult:
    """Import one file of wire copy as a draft by `user`: its author, but
    for copy naming no reporter imported by an editor, which has no author
    so that the page credits its source, not the editor (`user` is still
    who imported it: the IntakeRecord and the revision say so).

    Refused (nothing saved, `error` naming the file): not .txt/.md/.docx, empty,
    over 1 MB, binary, not text (UTF-8, UTF-16 or UTF-32 with a byte order
    mark, or Windows-1252: see decode_text), no article text, more than one
    story (parser.later_stories). A text imported before
    (same normalised text, see normalised_text) whose draft still exists is
    a `duplicate` pointing at that article, as is copy a story holds
    (stories_holding). Otherwise `created`: the draft
    with the copy's parts (nearly the same copy as a story's, a corrected
    re-send, is imported too, its report and history naming that story:
    `similar`), the agencies recognised as `linked`, the people
    and meeting recognised, filed in intake_section(); an IntakeRecord keeps
    the report. `today` is the import day weekday dates resolve against
    (default: today in the newsroom's zone; a later day refuses the file:
    check_written_on). Raises PermissionDenied when `user` may not write
    articles.
    """
    if not can_import(user):
        raise PermissionDenied(_("You may not import articles."))
    try:
        check_written_on(today)
        today = today or timezone.localdate()
        copy = read_text(name=name, data=data)
        text = copy.text
        sha256 = text_sha256(text)
        earlier = _earlier_import(sha256)
        parsed = read_copy(text, today=today)
        if earlier is not None:
            # Its draft, and (the paste's rule) a story further along holding
            # nearly the same copy: the one a re-send should update.
            found = copy_found(parsed.body, text=text)
            return _duplicate(name, earlier, similar=found.to_update)
        if parsed.later_stories:
            raise Refused(several_stories(name, parsed))
        for code, note in copy.notes:
            parsed.add_warning(code, note)
        if not parsed.paragraphs:
            raise Refused(
                _("%(file)s: there is no article text in it.") % {"file": name}
            )
        # Too long a body to keep: refused before it is searched or read.
        check_body_length(parsed.body)
        found = copy_found(parsed.body)
        if found.holding:
            return ImportResult(
                file=name,
                status=Status.DUPLICATE,
                article=found.holding[0],
                # What was read, as an earlier import's duplicate says it.
                report=report_in_words(copy_report(parsed, recognise(parsed.body))),
                by_body=True,
                similar=found.to_update[:RESEMBLING_NAMED],
            )
        # A corrected re-send is still imported: its draft holds the
        # corrections, and its report says which story to update with them.
        similar = found.to_update
        recognition = recognise(parsed.body)
        try:
            return _create(
                name=name,
                sha256=sha256,
                parsed=parsed,
                recognition=recognition,
                user=user,
                similar=similar[:RESEMBLING_NAMED],
            )
        except AlreadyImported as already:
            return _duplicate(name, already.record)
        except IntegrityError:
            # The same text imported at the same moment by someone else.
            earlier = _earlier_import(sha256)
            if earlier is None:
                raise
            return _duplicate(name, earlier)
    except Refused as refusal:
        return ImportResult(file=name, status=Status.REFUSED, error=str(refusal))
    except ValidationError as error:
        return ImportResult(
            file=name,
            status=Status.REFUSED,
            error=_("%(file)s: %(errors)s") % {"file": name, "errors": _errors(error)},
        )


def read_copy(text: str, *, today: dt.date) -> ParsedCopy:
    """The copy read as every way in reads it (an import, a paste and the
    form's button): parser.parse_copy, knowing the registry's agencies (a
    dateline that is an agency's acronym names no place)."""
    return parse_copy(text, today=today, agency_named=agency_named)


def read_story_copy(article: Article) -> tuple[ParsedCopy, dt.date | None]:
    """`article`'s body read again as its copy first was (read_copy), its
    weekday dates against the same day: the day the import that made it
    read them against (its report's "written_on": the front matter's date,
    else the "Written on" it was told, else the day it was imported), else
    (a story not imported, or imported before that day was kept) the day
    the story was started. With that written-on day, None when there is
    none."""
    written_on = copy_written_on(article)
    today = written_on or timezone.localdate(article.created_at)
    return read_copy(article.body, today=today), written_on


def copy_written_on(article: Article) -> dt.date | None:
    """The day the import that made `article` read its copy's dates
    against (copy_report's "written_on"), or None."""
    record = IntakeRecord.objects.made(article).first()
    stored = record.report.get("written_on") if record is not None else None
    try:
        return dt.date.fromisoformat(stored) if stored else None
    except (TypeError, ValueError):
        return None


def agency_named(word: str) -> bool:
    """Whether `word` is an agency's acronym or alias, in any case."""
    return Agency.objects.called(word).exists()


def several_stories(name: str, parsed: ParsedCopy) -> str:
    """Why a file that seems to hold several stories is refused, naming where
    each later one begins and what showed it: one draft of them all would
    bury the later ones in the first one's body."""
    return _(
        "%(file)s: it seems to hold %(count)d stories: %(breaks)s. Split it, "
        "one story a file, and import each."
    ) % {
        "file": name,
        "count": parsed.stories,
        "breaks": "; ".join(map(story_break_text, parsed.story_breaks)),
    }


def story_break_text(story_break: StoryBreak) -> str:
    """Where another story begins, and the one reason later_stories saw."""
    values = {"line": story_break.line, "text": shorten(story_break.text, QUOTED_MAX)}
    if story_break.reason == GLUED:
        return (
            _(
                "another begins at line %(line)d, glued to the last line of the "
                "one before: '%(text)s'"
            )
            % values
        )
    if story_break.reason == AFTER_TRAILER:
        return (
            _(
                "another begins at line %(line)d, after the line '%(text)s' "
                "that ends the one before"
            )
            % values
        )
    return (
        _(
            "another begins at line %(line)d with a front matter block of its "
            "own (the header between '---' lines)"
        )
        % values
    )


def _errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _earlier_import(sha256: str) -> IntakeRecord | None:
    """The import of this text whose draft still exists (a text whose draft
    has been deleted is imported again)."""
    return (
        IntakeRecord.objects.with_text(sha256)
        .filter(article__isnull=False)
        .for_listing()
        .first()
    )


def earlier_copy(text: str, body: str) -> list[Article]:
    """The stories this copy is already in, published first (then the
    oldest): the draft of an import of the same text, and stories_holding(body),
    however any of them was edited since it took the copy in."""
    earlier = _earlier_import(text_sha256(text))
    stories = stories_holding(body)
    if earlier is not None and earlier.article not in stories:
        stories = _published_first([*stories, earlier.article])
    return stories


def stories_holding(body: str) -> list[Article]:
    """The stories holding `body`, the cleaned-up body of wire copy, published
    first (then the oldest): those made from this copy (its fingerprint was
    kept, however they were edited since), and those saved in the last
    EARLIER_COPY_DAYS whose body is exactly it. A story found by its body
    keeps the copy's fingerprint from now on (copy_fingerprint_keep)."""
    if not body:
        return []
    since = timezone.now() - dt.timedelta(days=EARLIER_COPY_DAYS)
    by_body = list(
        Article.objects.holding_copy(body, since=since).select_related("created_by")
    )
    for article in by_body:
        copy_fingerprint_keep(article=article, body=body)
    kept = CopyFingerprint.objects.of_copy(body_sha256(body)).values("article")
    by_fingerprint = Article.objects.filter(pk__in=kept).exclude(
        pk__in=[article.pk for article in by_body]
    )
    return _published_first([*by_body, *by_fingerprint.select_related("created_by")])


@dataclass(frozen=True)
class Resembling:
    """A story holding copy nearly the same as another: how alike (0 to 1,
    estimated: similarity.resemblance)."""

    article: Article
    resemblance: float


def stories_resembling(body: str) -> list[Resembling]:
    """The stories made from (or found holding) copy nearly the same as
    `body`, the cleaned-up body of wire copy: at least SIMILAR_AT alike,
    however they were edited since; the furthest along first
    (workflow_stage), then the most alike. Not those holding this very
    copy (stories_holding() finds them). Two queries, whatever the
    archive's size: the kept
    sketches sharing values with this copy's (found through their index; the
    RESEMBLING_COMPARED sharing the most), compared here; then the stories."""
    sketch = copy_sketch(body)
    if not sketch:
        return []
    compared = (
        CopyShingle.objects.sharing(sketch)
        .values("fingerprint")
        .annotate(shared=Count("pk"))
        .filter(shared__gte=least_shared(sketch))
        .order_by("-shared", "fingerprint")
        .values("fingerprint")[:RESEMBLING_COMPARED]
    )
    sketches: dict[tuple[int, int], list[int]] = {}
    for fingerprint, article, value in CopyShingle.objects.filter(
        fingerprint__in=compared
    ).values_list("fingerprint", "fingerprint__article", "value"):
        sketches.setdefault((fingerprint, article), []).append(value)
    same = body_sha256(body)
    alike: dict[int, float] = {}
    for (_fingerprint, article), kept in sketches.items():
        score = resemblance(sketch, kept)
        if score >= SIMILAR_AT and score > alike.get(article, 0.0):
            alike[article] = score
    stories = (
        Article.objects.filter(pk__in=list(alike))
        .exclude(copy_fingerprints__sha256=same)
        .select_related("created_by")
    )
    return sorted(
        (Resembling(article, alike[article.pk]) for article in stories),
        key=lambda found: (
            -workflow_stage(found.article),
            -found.resemblance,
            found.article.created_at,
            found.article.pk,
        ),
    )


def workflow_stage(article: Article) -> int:
    """How far along the workflow a story is (WORKFLOW_STAGES): of two
    stories holding (nearly) the same copy, the one a re-send should update
    is the furthest along."""
    return WORKFLOW_STAGES.get(article.status, 0)


@dataclass(frozen=True)
class CopyFound:
    """Where wire copy already is: `holding`, the stories holding this very
    copy (published first); `to_update`, the stories holding nearly the same
    copy (a corrected re-send's first copy) that are further along than all
    of those and as far along as any such story goes: the story the desk
    should update rather than write or publish another (the most alike
    first). A draft and a published story both nearly the same name the
    published one only: two stories to update were one too many."""

    holding: list[Article]
    to_update: list[Resembling]


def copy_found(body: str, *, text: str | None = None) -> CopyFound:
    """Where the copy whose cleaned-up body is `body` already is: the one
    rule of the import and the paste. `text`, the copy as it came in, when
    known: a story imported from the same text holds it too (earlier_copy).
    A story holding the copy does not hide one further along holding nearly
    the same copy: a re-send imported as a draft still leads to the
    published story made from the first copy."""
    holding = earlier_copy(text, body) if text is not None else stories_holding(body)
    reached = max(map(workflow_stage, holding), default=-1)
    further = [
        found
        for found in stories_resembling(body)
        if workflow_stage(found.article) > reached and found.article not in holding
    ]
    furthest = max((workflow_stage(found.article) for found in further), default=0)
    to_update = [
        found for found in further if workflow_stage(found.article) == furthest
    ]
    return CopyFound(holding=holding, to_update=to_update)


def story_origin(article: Article) -> str:
    """Who made `article`, as a reporter says it, in the active language:
    the import that made it ("imported from wire copy on 6 Dec 2026 by
    Dewi"; an editor's import of copy naming no reporter leaves the story
    without an author), else its author, else that none is recorded."""
    record = IntakeRecord.objects.made(article).first()
    if record is not None:
        values = {
            "date": date_format(
                timezone.localtime(record.created_at), "SHORT_DATE_FORMAT"
            ),
        }
        if record.created_by is None:
            return _("imported from wire copy on %(date)s") % values
        return _("imported from wire copy on %(date)s by %(user)s") % {
            **values,
            "user": _user_name(record.created_by),
        }
    if article.created_by is not None:
        return _("by %(author)s") % {"author": _user_name(article.created_by)}
    return _("no author recorded")


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()


def similar_copy_said(found: Resembling, msgid: str = SIMILAR_COPY) -> list:
    """What an import's report and its draft's history say of a story
    holding nearly the same copy: its headline, state and number (its
    state in the reader's language); `msgid` SIMILAR_COPY, or a duplicate's
    SIMILAR_COPY_AHEAD."""
    article = found.article
    state = (
        gettext_lazy("Scheduled")
        if article.is_scheduled
        else Article.Status(article.status).label
    )
    return history_message(
        msgid,
        percent=str(alike_percent(found.resemblance)),
        title=article.title,
        state=state,
        id=str(article.pk),
    )


def _published_first(articles: list[Article]) -> list[Article]:
    published = Article.Status.PUBLISHED
    return sorted(articles, key=lambda a: (a.status != published, a.created_at, a.pk))


def copy_fingerprint_keep(*, article: Article, body: str) -> None:
    """Keep with `article` the fingerprint of the wire copy whose cleaned-up
    body is `body` (body_sha256): the copy it was made from, found again
    after the story is edited, and its sketch (similarity.copy_sketch), by
    which nearly the same copy finds it. Idempotent; `article` must be
    saved."""
    fingerprint, created = CopyFingerprint.objects.get_or_create(
        article=article, sha256=body_sha256(body)
    )
    if created:
        # Its sketch, by which nearly the same copy finds it
        # (stories_resembling()).
        CopyShingle.objects.bulk_create(
            CopyShingle(fingerprint=fingerprint, value=value)
            for value in copy_sketch(body)
        )


def _duplicate(
    name: str, earlier: IntakeRecord, similar: list[Resembling] | None = None
) -> ImportResult:
    return ImportResult(
        file=name,
        status=Status.DUPLICATE,
        article=earlier.article,
        report=report_in_words(earlier.report),
        similar=(similar or [])[:RESEMBLING_NAMED],
    )


def _create(
    *,
    name,
    sha256,
    parsed: ParsedCopy,
    recognition: Recognition,
    user,
    similar: list[Resembling],
) -> ImportResult:
    section, found = intake_section(parsed.section)
    if section is None:
        raise Refused(
            _("%(file)s: there is no section to file the draft in; create one first.")
            % {"file": name}
        )
    report = copy_report(parsed, recognition)
    similar_said = [similar_copy_said(found) for found in similar]
    # First: the story to update may make this draft needless.
    report["warnings"][:0] = [
        stored_warning("similar_copy", said) for said in similar_said
    ]
    if not found:
        report["warnings"].append(
            stored_warning(
                "section_not_found",
                history_message(
                    gettext_noop(
                        "Section '%(asked)s' not found: filed in %(section)s."
                    ),
                    asked=parsed.section,
                    section=section.name,
                ),
            )
        )
    report["section"] = section.name
    unsigned = not parsed.byline and can_publish(user)
    article = Article(
        title=parsed.title,
        needs_headline=parsed.title_proposed,
        dek=parsed.dek,
        body=parsed.body,
        dateline=parsed.dateline,
        byline=parsed.byline,
        editor_name=parsed.editor_name,
        source_name=parsed.source_name,
        source_url=parsed.source_url,
        language=parsed.language,
        section=section,
        created_by=user,
    )
    if not parsed.byline:
        report["warnings"].append(
            stored_warning(
                "no_reporter", _no_reporter(parsed, article, unsigned=unsigned)
            )
        )
    with transaction.atomic(), reversion.create_revision():
        record = _record(sha256)
        if record.article_id is not None:
            raise AlreadyImported(record)
        article.slug = title_slug(parsed.title)
        # Linked to what the copy names as every new story is (the one rule:
        # services.recognised_links), from the body the report was read from.
        linked = article_add(
            article=article, user=user, tags=parsed.tags, recognition=recognition
        )
        if linked.people_left_out:
            report["warnings"].append(
                stored_warning("people_left_out", linked.people_left_out_said())
            )
        if unsigned:
            # article_save makes whoever saves a new story its author, whom an
            # empty byline credits; copy that names no reporter has none. Who
            # imported it stays on the record and on the revision.
            article.created_by = None
            article.save(update_fields=["created_by"])
            reversion.add_to_revision(article)
        copy_fingerprint_keep(article=article, body=parsed.body)
        record.file_name = PurePath(name).name[:255]
        record.article = article
        record.status = Status.CREATED
        record.report = report
        record.created_by = user
        record.created_at = timezone.now()
        record.full_clean(validate_unique=False)  # the database decides
        record.save()
        reversion.set_user(user)
        reversion.set_comment(_revision_comment(name, similar_said))
    return ImportResult(
        file=name,
        status=Status.CREATED,
        article=article,
        report=report_in_words(report),
        similar=similar,
        stored_warnings=report["warnings"],
    )


def _no_reporter(parsed: ParsedCopy, article: Article, *, unsigned: bool) -> list:
    """What the report says of copy that names no reporter (`article`, the
    story made of it, its importer as its writer): an editor's import has no
    author, so the story credits its source; a reporter's is theirs to write
    (they may edit only their own drafts), so its empty byline credits them,
    by the story page's own rule (Article.credited_name): the name readers
    will see, or none, unless a byline is given."""
    if not unsigned:
        credited = article.credited_name
        if credited:
            return history_message(
                gettext_noop(
                    "No reporter named: readers will see the story credited to "
                    "%(credit)s, the name on its importer's public author "
                    "profile, unless a byline is given; check it."
                ),
                credit=credited,
            )
        return history_message(
            gettext_noop(
                "No reporter named: readers will see no author's name, as its "
                "importer, %(user)s, has no public author profile; give it a "
                "byline."
            ),
            user=_user_name(article.created_by),
        )
    if parsed.source_name:
        return history_message(
            gettext_noop(
                "No reporter named: no byline; the story credits its source "
                "(%(source)s)."
            ),
            source=parsed.source_name,
        )
    return history_message(
        gettext_noop(
            "No reporter named and no source: the story credits no one; give it "
            "a byline or a source."
        )
    )


# What reports stored before said of a reporter's copy naming no reporter
# (by the importer's account name, not the name readers see): kept in the
# catalogue, as a stored message is read by its id
# (newsroom.history.messages).
gettext_noop(
    "No reporter named: the story is credited to its importer, %(user)s, "
    "unless a byline is given; check it."
)


def _record(sha256: str) -> IntakeRecord:
    """The record of this text, locked: the one left by an earlier import
    (its draft deleted since, or made by an import that just finished), else
    a new one."""
    record = IntakeRecord.objects.select_for_update().with_text(sha256).first()
    return record or IntakeRecord(sha256=sha256)


def _revision_comment(name: str, notes: list[list]) -> str:
    """The import's step and file, then what the draft's history should
    keep saying (nearly the same copy in another story)."""
    from newsroom.history import combine_messages, step_message

    return combine_messages(
        step_message(IMPORTED, Article.Status.DRAFT.label),
        name,
        *notes,
    )


def copy_report(parsed: ParsedCopy, recognition: Recognition) -> dict:
    """What was read and recognised, as JSON: REPORT_KEYS, then the rest an
    editor checks (warnings, dates, dropped lines, filing)."""
    published = parsed.published_date
    return {
        "title": parsed.title,
        "dateline": parsed.dateline or None,
        "source": (
            {"name": parsed.source_name, "url": parsed.source_url or None}
            if parsed.source_name
            else None
        ),
        "editor": parsed.editor_name or None,
        "published_date": published.isoformat() if published else None,
        **recognition.as_dict(),
        "title_proposed": parsed.title_proposed,
        "language": parsed.language,
        "tags": parsed.tags,
        "dates": [
            {
                "text": mention.text,
                "paragraph": mention.paragraph,
                "date": mention.resolved.isoformat() if mention.resolved else None,
                "problem": mention.said[0] if mention.said else None,
            }
            for mention in parsed.dates
        ],
        "dropped": parsed.dropped,
        "warnings": [warning.as_stored() for warning in parsed.warnings],
        # The day its dates were read against: the change page's "Dates to
        # check" reads the body against it again (read_story_copy).
        "written_on": parsed.written_on.isoformat() if parsed.written_on else None,
    }


def stored_warning(code: str, said: list) -> dict:
    """A warning as a report keeps it: its code (for programs) and its
    message (a history_message(), put into words when read)."""
    return {"code": code, **said[0]}


def warning_text(warning) -> str:
    """A report's warning (or a date's problem) in the active language: a
    stored message put into words; a report saved before warnings were
    kept as messages holds text, shown as written."""
    if isinstance(warning, str):
        return warning
    if isinstance(warning, dict):
        return message_text(warning.get("message"))
    return ""


def report_in_words(report: dict) -> dict:
    """A stored report (IntakeRecord.report, copy_report()) as the editor
    reads it: its warnings and its dates' problems in the active language,
    the rest as stored."""
    if not report:
        return {}
    words = dict(report)
    if isinstance(report.get("warnings"), list):
        words["warnings"] = [warning_text(w) for w in report["warnings"]]
    if isinstance(report.get("dates"), list):
        words["dates"] = [
            {**mention, "problem": warning_text(mention["problem"]) or None}
            if isinstance(mention, dict) and mention.get("problem")
            else mention
            for mention in report["dates"]
        ]
    return words
