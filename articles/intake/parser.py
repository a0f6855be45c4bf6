"""Wire copy read into an article's parts: pure, no database.

The copy agencies send (``tests/articles/intake_samples/``) is plain text: one
paragraph a line or paragraphs separated by blank lines, a dateline before the
first dash ("DM – …"), English phrases in ``_underscores_``, dates written as
"Kamis (24/3)", and a trailer of ``Sumber :`` and ``Editor :`` lines (perhaps
``Reporter :`` and ``Foto :`` lines, a list of related headlines) and site
boilerplate ("Discussion about this post"). An optional front-matter
block (``---`` lines around ``key: value`` lines) at the top gives what the
text cannot: title, section, tags, language, date, summary, byline.
Copy that seems to hold more than one story (later_stories) is read as one,
and says so: a warning, and `ParsedCopy.later_stories`.

The body is Markdown (the page's: articles.rendering), and the wire's one
inline mark is the ``_phrase_``: any other text Markdown would read as
formatting or HTML ("__init__", "<script>") is kept as typed, escaped, and
the report names it (kept_as_typed).

`parse_copy` never raises: whatever it cannot read it leaves in the body or
reports in `ParsedCopy.warnings`. A date is read only from a weekday date,
and one found years back (resolve_date) is reported to check.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop, ngettext_lazy
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from newsroom.history.messages import calendar_day, history_message, message_text
from newsroom.text import normalise_newlines, without_controls

from ..models import Article, too_long_tags
from ..models.article import TAG_NAME_MAX, TAGS_MAX
from ..rendering import PHRASE_MAX, UNDERSCORE_EMPHASIS_RE

# The heading of a list of related stories' headlines a site ends a story
# with ("Berita terkait:", then a headline a line): boilerplate, and with the
# headlines after it at the end of the copy, a related-links block
# (_copy_end), left out.
RELATED_HEADINGS = frozenset(
    {
        "baca juga",
        "simak juga",
        "lihat juga",
        "read also",
        "see also",
        "berita terkait",
        "artikel terkait",
        "related posts",
        "related stories",
        "related articles",
    }
)
# Site boilerplate copied along with the text, never published: whole lines
# (compared without case, outer spaces and end punctuation), and prefixes of
# lines ("Baca juga: <another story>"). The one list to extend.
BOILERPLATE_LINES = RELATED_HEADINGS | frozenset(
    {
        "discussion about this post",
        "bagikan",
        "bagikan artikel ini",
        "share",
        "share this",
        "share this article",
        "tweet",
        "advertisement",
        "iklan",
        "scroll to continue with content",
        "scroll untuk melanjutkan",
        "loading",
        "leave a reply",
        "tinggalkan balasan",
        "like this",
        "komentar",
        "comments",
    }
)
BOILERPLATE_PREFIX = re.compile(
    r"^(?:baca juga|simak juga|lihat juga|read also|see also|tags?|topik|"
    r"kata kunci)\s*:",
    re.IGNORECASE,
)

# Trailer lines (trailer_kind): "Sumber : bnpt.go.id", "Editor : Redaksi",
# which end a story wherever they stand, and after them or at the end of the
# copy "Reporter : Andi" (the byline) and "Foto : Humas BNPT" (a photo credit).
SOURCE_LABELS = frozenset({"sumber", "source"})
EDITOR_LABELS = frozenset({"editor", "penyunting", "redaktur"})
REPORTER_LABELS = frozenset({"reporter", "pewarta", "wartawan", "penulis"})
PHOTO_LABELS = frozenset({"foto", "photo", "fotografer"})
SOURCE, EDITOR, REPORTER, PHOTO = "source", "editor", "reporter", "photo"
TRAILER_KINDS = (
    (SOURCE_LABELS, SOURCE),
    (EDITOR_LABELS, EDITOR),
    (REPORTER_LABELS, REPORTER),
    (PHOTO_LABELS, PHOTO),
)
TRAILER_LINE = re.compile(r"^(?P<label>[A-Za-z]+)\s*:\s*(?P<value>.*?)\s*$")
# A longer "Sumber: …" (or "Reporter: …", "Foto: …") line is a paragraph (the
# report points at a source line); an "Editor: …" line of any length is the
# editor (shortened to fit).
TRAILER_MAX = 200

# Front matter: the keys it may give, and the names they are also known by.
FRONT_MATTER_KEYS = {
    "title": "title",
    "section": "section",
    "tags": "tags",
    "language": "language",
    "lang": "language",
    "date": "date",
    "dek": "dek",
    "summary": "dek",
    "byline": "byline",
}
FRONT_MATTER_FENCE = "---"
# The front matter's date: exactly YYYY-MM-DD (date.fromisoformat alone also
# takes "20101001", week dates and more since Python 3.11).
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_-]+)\s*:\s*(?P<value>.*?)\s*$")
LANGUAGES = ("id", "en")

# A dateline: before the first spaced dash of the first paragraph, short,
# every word capitalised ("DM", "JAKARTA", "Jakarta, 24/3 (ANTARA)").
DATELINE = re.compile(r"^(?P<dateline>.{1,60}?)\s+[–—-]\s+(?P<rest>\S.*)$", re.DOTALL)
DATELINE_MAX_WORDS = 6
# A dateline is read at its commas ("JAKARTA, KOMPAS.com"): of its parts,
# only places stay in it (_dateline_parts). Two or three capitals are
# initials more often than a place (the sample's "DM" is its site's), and so
# are two letters capitalised ("Dm"), with full stops ("D.M."), in brackets
# ("(DM)", "[DM]") or a writer's and an editor's joined ("DM/RED"); an
# agency's acronym or alias ("BNPT") is no place either. Both are left out of
# the dateline (and the body), and the report offers them, unless a part is
# one of these places. A news site ("KOMPAS.com", "Liputan6.com") is the
# copy's source: left out, and the source when no source line gives one.
INITIALS = re.compile(r"^(?:[^\W\d_]{2,3}|(?:[^\W\d_]\.){2,3})$")
SHORT_PLACES = frozenset("DKI DIY NTB NTT KL HK UK US USA UAE".split())
# What the registry is asked about (an agency's acronym): one word in capitals.
ACRONYM = re.compile(r"^[^\W\d_][^\W_]{1,31}$")
# Indonesia's missions abroad and foreign ministry, which open a dateline
# before their place ("KBRI Manila", "KJRI Davao"): agencies, whatever the
# registry holds (it may hold "KBRI Manila" whole). An agency word before a
# place is left out, and the place kept (_agency_and_place).
MISSION_WORDS = frozenset("KBRI KJRI KDEI PTRI KONJEN KEMLU KEMENLU".split())
BRACKETS = ("()", "[]")
PLACE, INITIALLED, AGENCY, SITE = "place", "initials", "agency", "site"
# A weekday date in the dateline ("Davao, Rabu (2/3)") is the story's date,
# not its place: left out of the dateline and read as a date (_dateline_date).
DATED = "date"
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")

# Blank-line separated blocks whose lines are all this short but the last
# are one hard-wrapped paragraph; longer lines are a paragraph each.
WRAP_WIDTH = 100
MARKDOWN_BLOCK_LINE = re.compile(r"^(?:[-*+]\s|\d{1,3}[.)]\s|>|\|)")
HEADING = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$")

# A proposed headline: the first sentence, cut at a word to this length.
PROPOSED_TITLE_MAX = 120
# The longest title an article holds: a longer one is kept as the summary.
TITLE_MAX = Article._meta.get_field("title").max_length
# The one-line parts an article holds to a length: a longer one is shortened
# at a word, and the report quotes it whole.
SHORTENED_FIELDS = ("byline", "editor_name", "source_name")
# Sentence ends, but not after an initial ("Damian L. Carlos") or a title.
NOT_SENTENCE_END = frozenset(
    {"dr", "drs", "prof", "ir", "h", "hj", "no", "jl", "st", "mr", "mrs", "ms"}
)
# The wire's emphasis, as the page reads it: `_phrase_`, single underscores.
EMPHASIS = re.compile(UNDERSCORE_EMPHASIS_RE)

# What Markdown would show otherwise than typed, not the wire's `_phrase_`
# (kept_as_typed): a pair of underscore runs of two or more around text
# (Markdown's strong: "__init__" read "init" in bold; "snake__case" is
# left), asterisks around text ("*penting*", "2*3 = 6 dan 4*5": emphasis;
# "5 * 3" is left) and what reads as a tag, a comment or a processing
# instruction ("<script>", "</b>", "<!--"), which the page drops (its
# sanitiser keeps no such tag, nor a script's or a style's text). Each is
# escaped: `\_`, `\*`, `&lt;`. Bounded as the page's phrases are
# (rendering.PHRASE_MAX): unbounded, `__a __a …` was tried against the rest
# of the paragraph from every run.
STRONG_UNDERSCORES = re.compile(
    rf"(?<![^\W_]|\\)_{{2,}}(?=[^\s_])(?:.{{0,{PHRASE_MAX}}}?)(?<=[^\s_\\])"
    r"_{2,}(?![^\W_])",
    re.DOTALL,
)
UNDERSCORE_RUN = re.compile(r"(?<!\\)_{2,}")
ASTERISKS = re.compile(
    rf"(?<!\\)\*+(?=[^\s*])(?:.{{0,{PHRASE_MAX}}}?)(?<=[^\s*\\])\*+", re.DOTALL
)
# A "<" that may open a tag: with a ">" after it (any later one: "<a<b>"
# is a tag once its second "<" is escaped).
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# Where Markdown reads no mark, left as they are: code spans, autolinks
# ("<https://bnpt.go.id>"), a link's or an image's address, a list item's
# "* " and a rule ("***").
AS_MARKDOWN = re.compile(
    r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)"
    rf"|{AUTOLINK_RE}|{AUTOMAIL_RE}"
    r"|\]\([^)\n]*\)"
    r"|^[ ]{0,3}(?:[-*_][ \t]*){3,}$"
    r"|^[ ]{0,3}[-*+][ \t]+",
    re.DOTALL | re.MULTILINE,
)
# Masks what AS_MARKDOWN finds: neither a space nor a word's character.
AS_MARKDOWN_MASK = "\ue005"
ESCAPED = {"_": "\\_", "*": "\\*", "<": "&lt;"}
# How many of them the report quotes (it counts them all).
PIECES_QUOTED = 10

# How many years before last year a weekday date without a year is looked
# for (resolve_date): copy imported years late ("Kamis (24/3)" of 2022 in
# 2026) is dated, and the report asks to check it; further back, no date.
DATE_LOOKBACK_YEARS = 6

WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jum’at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
DATE_MENTION = re.compile(
    r"(?<!\w)(?P<weekday>senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"\s*,?\s*\(\s*(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})"
    r"(?:\s*/\s*(?P<year>\d{4}|\d{2}))?\s*\)",
    re.IGNORECASE,
)
# A dateline's weekday date may follow its place without a comma ("Davao Rabu
# (2/3)"): the last words of a part, the weekday capitalised, are the date
# (_dateline_parts). A place named after a weekday ("Pulau Senin", "Minggu
# Raya") has no day and month in brackets after it, and stays whole.
GLUED_DATE = re.compile(
    rf"^(?P<before>\S.*?)\s+(?P<date>{DATE_MENTION.pattern})$", re.IGNORECASE
)
# A weekday date as a headline loses it: with the comma or the preposition
# that leads into it, the comma that closes it and a trailing "lalu" ("last"),
# so that "di Jakarta, Selasa (5/4), untuk" becomes "di Jakarta untuk" and
# "bertemu pada Kamis (24/3) lalu di Manila" "bertemu di Manila".
TITLE_DATE_MENTION = re.compile(
    r"(?:\s*,\s*|(?<!\w)(?:pada\s+hari|pada|hari|on)\s+|\s+|^)"
    f"(?:{DATE_MENTION.pattern})"
    r"(?:\s+lalu(?!\w))?\s*,?",
    re.IGNORECASE,
)

# A guess at the language when the front matter does not say.
INDONESIAN_WORDS = frozenset(
    "yang dan di dengan untuk dalam ini itu pada dari tidak akan oleh ke "
    "juga sebagai telah bahwa".split()
)
ENGLISH_WORDS = frozenset(
    "the and of to in with for on is was that by from has have be are".split()
)

DOMAIN = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", re.IGNORECASE
)
URL = re.compile(r"^https?://(?P<host>[^/\s?#:]+)[^\s]*$", re.IGNORECASE)
# Another story after the first (later_stories): a "# Heading", a dateline
# lede, or a headline line (at most TITLE_MAX, no sentence end) followed by a
# lede of at least this length (or by a dateline lede).
LEDE_MIN = 100
HEADLINE_END = re.compile(r"[.!?,;:…]$")
LIST_MARK = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
# Why later_stories() sees another story begin (StoryBreak.reason).
AFTER_TRAILER, GLUED, FRONT_MATTER = "after_trailer", "glued", "front_matter"
# How much of a line a StoryBreak quotes.
QUOTED_MAX = 80
SOURCE_LINK = re.compile(
    r"^\[(?P<name>[^\[\]]{1,200})\]\((?P<url>https?://[^\s()]+)\)$", re.IGNORECASE
)


@dataclass(frozen=True)
class ParseWarning:
    """Something the reader of the import should know; `code` for programs.
    `said` is kept as data (newsroom.history.messages): `message` and str()
    put it into words in the active language."""

    code: str
    said: list

    @property
    def message(self) -> str:
        return message_text(self.said)

    def __str__(self) -> str:
        return self.message

    def as_stored(self) -> dict:
        """The warning as a report keeps it: its code and its message."""
        return {"code": self.code, **self.said[0]}


@dataclass(frozen=True)
class DateMention:
    """A weekday with a day/month ("Kamis (24/3)") and what it resolved to."""

    text: str
    paragraph: int
    resolved: dt.date | None
    # Why it needs checking, as data (newsroom.history.messages); `problem`
    # says it in the active language.
    said: list | None = None

    @property
    def problem(self) -> str:
        return message_text(self.said) if self.said else ""


@dataclass(frozen=True)
class StoryBreak:
    """Where another story seems to begin (`line`, counted from 1) and why:
    AFTER_TRAILER (`text` the source or editor line that ended the one
    before), GLUED (`text` the line: the next story glued to the last line
    of the one before, as `cat a b` joins two files) or FRONT_MATTER (a
    front matter block of its own)."""

    line: int
    reason: str
    text: str = ""


@dataclass
class ParsedCopy:
    title: str = ""
    # The title is the first sentence, proposed: the draft needs a headline.
    title_proposed: bool = False
    dek: str = ""
    paragraphs: list[str] = field(default_factory=list)
    dateline: str = ""
    # The dateline as the copy wrote it, whatever it held ("DM", "Rabu
    # (2/3)"): the copy opened with one, as agencies' copy does.
    dateline_written: str = ""
    # What a dateline held that names no place we know ("DM", "BNPT"): read
    # off the lede, but not the dateline; the report offers it
    # (looks_like_initials, agency_named).
    dateline_left_out: str = ""
    # A news site the dateline named ("KOMPAS.com"): the copy's source.
    dateline_site: str = ""
    # A weekday date the dateline gave ("Rabu (2/3)"): read as the story's date.
    dateline_date: str = ""
    byline: str = ""
    source_name: str = ""
    source_url: str = ""
    editor_name: str = ""
    section: str = ""  # as the front matter names it (slug or name)
    tags: list[str] = field(default_factory=list)
    language: str = "id"
    language_given: bool = False  # by the front matter, not guessed
    date: dt.date | None = None  # the front matter's
    # The day the copy was written, as its weekday dates were read against
    # (resolve_date): the front matter's date, else the day the reader was
    # told (an import's "Written on", else the day it was read).
    written_on: dt.date | None = None
    dates: list[DateMention] = field(default_factory=list)
    # Boilerplate lines and a related-links block's headlines.
    dropped: list[str] = field(default_factory=list)
    # Where another story seems to begin, and why.
    story_breaks: list[StoryBreak] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def later_stories(self) -> list[int]:
        """The lines (counted from 1) where another story seems to begin."""
        return [story_break.line for story_break in self.story_breaks]

    @property
    def stories(self) -> int:
        """How many stories the copy seems to hold (1 but for later_stories)."""
        return 1 + len(self.story_breaks)

    @property
    def body(self) -> str:
        """Markdown: the paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def published_date(self) -> dt.date | None:
        """The first date mention's day if it resolved, else the front
        matter's date, else None."""
        if self.dates and self.dates[0].resolved:
            return self.dates[0].resolved
        return self.date

    def warn(self, code: str, msgid: str, /, **params) -> None:
        """Add a warning: `msgid` (marked with gettext_noop, or a plural of
        ngettext_lazy) and its `params`, put into words when read
        (newsroom.history.messages.history_message)."""
        self.warnings.append(ParseWarning(code, history_message(msgid, **params)))

    def add_warning(self, code: str, said: list) -> None:
        """Add a warning already made with history_message()."""
        self.warnings.append(ParseWarning(code, said))


def parse_copy(
    text: str, *, today: dt.date, agency_named: Callable[[str], bool] | None = None
) -> ParsedCopy:
    """Read wire copy into its parts. `today` is the import day: weekday
    dates resolve against the front matter's date, else against it.
    `agency_named` says whether a word is an agency's acronym or alias (the
    registry's: services.read_copy passes it; without it, none is)."""
    parsed = ParsedCopy()
    # A form feed between a PDF's pages, a vertical tab for Word's line break:
    # line ends (newsroom.text); other control characters are left out.
    text = without_controls(normalise_newlines(text))
    lines = text.removeprefix("\ufeff").split("\n")
    story = _front_matter(lines, parsed)
    first_line = len(lines) - len(story) + 1  # the front matter's lines before
    parsed.story_breaks = later_stories(story, first_line=first_line)
    if parsed.later_stories:
        parsed.warn(
            "several_stories",
            gettext_noop(
                "This copy seems to hold %(count)d stories: another begins at "
                "line %(lines)s. Paste or import one story at a time."
            ),
            count=parsed.stories,
            lines=", ".join(map(str, parsed.later_stories)),
        )
    lines = _trailer(story, parsed)
    if not parsed.title:
        lines = _heading_title(lines, parsed)
    parsed.paragraphs = _paragraphs(lines)
    _dateline(parsed, agency_named=agency_named or _no_agency)
    if len(parsed.title) > TITLE_MAX:
        _title_as_summary(parsed)
    elif not parsed.title and parsed.paragraphs:
        parsed.title = propose_title(parsed.paragraphs[0])
        parsed.title_proposed = bool(parsed.title)
        if parsed.title_proposed:
            parsed.warn(
                "title_proposed",
                gettext_noop(
                    "No title: proposed one from the first sentence; write a headline."
                ),
            )
    _kept_as_typed(parsed)
    if not parsed.language_given:
        parsed.language = guess_language(parsed.body)
    parsed.written_on = parsed.date or today
    _dates(parsed, reference=parsed.written_on)
    if not parsed.source_name:
        parsed.warn(
            "no_source",
            gettext_noop("No 'Sumber :' line: the source is not known."),
        )
    _fit_to_article(parsed)
    return parsed


def _kept_as_typed(parsed: ParsedCopy) -> None:
    """Each paragraph escaped where Markdown would show it otherwise than
    typed (kept_as_typed), and the report naming what was."""
    pieces: list[str] = []
    for index, paragraph in enumerate(parsed.paragraphs):
        parsed.paragraphs[index], found = kept_as_typed(paragraph)
        pieces.extend(found)
    pieces = list(dict.fromkeys(pieces))
    if pieces:
        parsed.warn(
            "kept_as_typed",
            ngettext_lazy(
                "%(count)d piece of text is kept as typed, not read as "
                "formatting or HTML: %(pieces)s. In the Body, a \\ before a "
                "mark and &lt; for < keep it so: readers see it as written.",
                "%(count)d pieces of text are kept as typed, not read as "
                "formatting or HTML: %(pieces)s. In the Body, a \\ before a "
                "mark and &lt; for < keep them so: readers see them as written.",
                "count",
            ),
            count=len(pieces),
            pieces=", ".join(
                [f"“{piece}”" for piece in pieces[:PIECES_QUOTED]]
                + ["…"] * (len(pieces) > PIECES_QUOTED)
            ),
        )


def kept_as_typed(paragraph: str) -> tuple[str, list[str]]:
    """(the paragraph, the pieces of it escaped): Markdown that renders as
    the text typed where Markdown would have read formatting or HTML the
    wire does not write (STRONG_UNDERSCORES, ASTERISKS, TAG_START), each
    piece quoted as typed (at most QUOTED_MAX). What is escaped already is
    left: a body escaped reads the same again."""
    masked = AS_MARKDOWN.sub(lambda m: AS_MARKDOWN_MASK * len(m[0]), paragraph)
    escaped: set[int] = set()
    spans: list[tuple[int, int]] = []
    for pair in STRONG_UNDERSCORES.finditer(masked):
        spans.append(pair.span())
        for run in UNDERSCORE_RUN.finditer(masked, *pair.span()):
            escaped.update(range(*run.span()))
    for pair in ASTERISKS.finditer(masked):
        spans.append(pair.span())
        escaped.update(at for at in range(*pair.span()) if masked[at] == "*")
    last_closing = masked.rfind(">")
    for tag in TAG_START.finditer(masked, 0, max(last_closing, 0)):
        # Quoted up to its ">", or QUOTED_MAX long: no search to the end.
        closing = masked.find(">", tag.start(), tag.start() + QUOTED_MAX)
        end = closing + 1 if closing != -1 else tag.start() + QUOTED_MAX + 1
        spans.append((tag.start(), end))
        escaped.add(tag.start())
    if not escaped:
        return paragraph, []
    text = "".join(
        ESCAPED[char] if at in escaped else char for at, char in enumerate(paragraph)
    )
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return text, [shorten(paragraph[start:end], QUOTED_MAX) for start, end in merged]


def _fit_to_article(parsed: ParsedCopy) -> None:
    """Each part in what the article can hold, the report saying what was
    changed and quoting what was left out: a byline, editor or source name
    longer than its field shortened at a word, a source address the field
    cannot hold dropped (its name kept), a tag longer than a tag can be left
    out. The import goes on; nothing is refused for it."""
    for name in SHORTENED_FIELDS:
        value = getattr(parsed, name)
        field = Article._meta.get_field(name)
        if len(value) <= field.max_length:
            continue
        setattr(parsed, name, shorten(value, field.max_length))
        parsed.warn(
            "field_too_long",
            gettext_noop(
                "The %(field)s is longer than %(limit)d characters: it is "
                "shortened; it read: %(value)s"
            ),
            field=field.verbose_name,
            limit=field.max_length,
            value=value,
        )
    if parsed.source_url:
        field = Article._meta.get_field("source_url")
        try:  # the field's own rules: its length and a web address
            field.run_validators(parsed.source_url)
        except ValidationError:
            parsed.warn(
                "source_url_unusable",
                gettext_noop(
                    "The source's address cannot be kept (it is longer than "
                    "%(limit)d characters or not a web address); it read: %(value)s"
                ),
                limit=field.max_length,
                value=parsed.source_url,
            )
            parsed.source_url = ""
    long_tags = too_long_tags(parsed.tags)
    if long_tags:
        parsed.tags = [tag for tag in parsed.tags if tag not in long_tags]
        parsed.warn(
            "tag_too_long",
            gettext_noop(
                "Tags longer than %(limit)d characters are left out: %(tags)s"
            ),
            limit=TAG_NAME_MAX,
            tags="; ".join(long_tags),
        )
    distinct: dict[str, str] = {}  # one of each, whatever the case (Article)
    for tag in parsed.tags:
        distinct.setdefault(tag.casefold(), tag)
    kept = list(distinct.values())
    if len(kept) > TAGS_MAX:
        parsed.tags = [tag for tag in parsed.tags if tag in kept[:TAGS_MAX]]
        parsed.warn(
            "too_many_tags",
            gettext_noop("A story carries at most %(limit)d tags; left out: %(tags)s"),
            limit=TAGS_MAX,
            tags="; ".join(kept[TAGS_MAX:]),
        )


def shorten(text: str, limit: int) -> str:
    """Text cut at a word to at most `limit` characters, an ellipsis at the
    cut (mid-word only if the first word is longer than the limit)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    if not cut or len(cut) == limit:
        cut = text[: limit - 1]
    return f"{cut[: limit - 1]}…"


def _title_as_summary(parsed: ParsedCopy) -> None:
    """A title longer than an article's can be is no headline but a lede: it
    is kept as the summary (before the copy's own summary, if it gave one),
    and a headline is proposed from it."""
    long_title = parsed.title
    parsed.dek = "\n\n".join(filter(None, [long_title, parsed.dek]))
    parsed.title = propose_title(long_title)
    parsed.title_proposed = True
    parsed.warn(
        "title_too_long",
        gettext_noop(
            "The title is longer than %(limit)d characters: it is kept as the "
            "summary, and a shorter one is proposed from it; write a headline."
        ),
        limit=TITLE_MAX,
    )


def _front_matter(lines: list[str], parsed: ParsedCopy) -> list[str]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].strip() != FRONT_MATTER_FENCE:
        return lines
    end = start + 1
    closed = False
    while end < len(lines):
        if lines[end].strip() in (FRONT_MATTER_FENCE, "..."):
            closed = True
            break
        if not FRONT_MATTER_LINE.match(lines[end].strip()):
            break
        end += 1
    if not closed and end == start + 1:
        return lines  # a Markdown rule, not front matter
    if not closed:
        parsed.warn(
            "front_matter_open",
            gettext_noop(
                "The front matter has no closing '---' line; it ends at line %(line)d."
            ),
            line=end,  # the last key line, counted from 1
        )
    for line in lines[start + 1 : end]:
        match = FRONT_MATTER_LINE.match(line.strip())
        if match:
            _front_matter_value(parsed, match["key"].lower(), _unquote(match["value"]))
    return lines[end + 1 if closed else end :]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _front_matter_value(parsed: ParsedCopy, key: str, value: str) -> None:
    name = FRONT_MATTER_KEYS.get(key)
    if name is None:
        parsed.warn(
            "front_matter_key",
            gettext_noop("Front matter: '%(key)s' is not a known key; ignored."),
            key=key,
        )
    elif not value:
        return
    elif name == "tags":
        tags = [" ".join(tag.split()) for tag in value.split(",")]
        parsed.tags = list(dict.fromkeys(tag for tag in tags if tag))
    elif name == "language":
        language = value.strip().lower()[:2]
        if language in LANGUAGES and len(value) in (2, 5):
            parsed.language, parsed.language_given = language, True
        else:
            parsed.warn(
                "front_matter_language",
                gettext_noop(
                    "Front matter: language '%(value)s' is neither 'id' nor 'en'."
                ),
                value=value,
            )
    elif name == "date":
        try:
            is_iso = ISO_DATE.match(value) is not None
            parsed.date = dt.date.fromisoformat(value) if is_iso else None
        except ValueError:
            parsed.date = None
        if parsed.date is None:
            parsed.warn(
                "front_matter_date",
                gettext_noop(
                    "Front matter: date '%(value)s' is not a date (YYYY-MM-DD)."
                ),
                value=value,
            )
    else:
        setattr(parsed, name, value)


def _trailer(lines: list[str], parsed: ParsedCopy) -> list[str | None]:
    """The lines, the trailer and the boilerplate taken out (None in their
    place): source and editor lines wherever they are; reporter and photo
    lines after them or in the copy's end (_copy_end), a reporter filling an
    empty byline, a photo credit reported; a related-links block of the
    copy's end, reported."""
    end, related = _copy_end(lines)
    kept: list[str | None] = []
    reporters: list[str] = []
    in_trailer = False  # after a source or editor line, no text since
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in related or is_boilerplate(stripped):
            parsed.dropped.append(stripped)
            kept.append(None)
            continue
        if not stripped:
            kept.append(line)
            continue
        kind = trailer_kind(stripped)
        if kind in (REPORTER, PHOTO) and not (in_trailer or index >= end):
            kind = ""  # "Reporter: …" in the text: an interview's question
        in_trailer = kind != ""
        kept.append(None if kind else line)
        value = TRAILER_LINE.match(stripped)["value"] if kind else ""
        if kind == SOURCE:
            if parsed.source_name:
                parsed.warn(
                    "source_repeated",
                    gettext_noop("Another source line ('%(line)s') ignored."),
                    line=stripped,
                )
            else:
                parsed.source_name, parsed.source_url = read_source(value)
        elif kind == EDITOR:
            parsed.editor_name = parsed.editor_name or value
        elif kind == REPORTER and value:
            reporters.append(value)
        elif kind == PHOTO and value:
            parsed.warn(
                "photo_credit",
                gettext_noop(
                    "A photo credit is left out of the story (%(line)s): give "
                    "it to the picture when you add one from the media library."
                ),
                line=stripped,
            )
        elif _is_long_source_line(stripped):
            parsed.warn(
                "source_line_kept",
                gettext_noop(
                    "A source line of %(count)d characters is kept in the story "
                    "as a paragraph (a source is at most %(limit)d): check it; "
                    "it reads: %(line)s"
                ),
                count=len(TRAILER_LINE.match(stripped)["value"]),
                limit=TRAILER_MAX,
                line=stripped,
            )
    _reporters(parsed, list(dict.fromkeys(reporters)))
    if related:
        headlines = [lines[index].strip() for index in sorted(related)]
        parsed.warn(
            "related_links",
            ngettext_lazy(
                "%(count)d related headline at the end is left out of the "
                "story: %(headlines)s",
                "%(count)d related headlines at the end are left out of the "
                "story: %(headlines)s",
                "count",
            ),
            count=len(headlines),
            headlines="; ".join(headlines),
        )
    return kept


def _reporters(parsed: ParsedCopy, names: list[str]) -> None:
    """The reporter lines' names are the byline, unless the front matter
    gave one: then they are reported, left out."""
    if not names:
        return
    if not parsed.byline:
        parsed.byline = ", ".join(names)
        return
    parsed.warn(
        "reporter_left_out",
        gettext_noop(
            "The reporter line (%(names)s) is left out: the front matter "
            "gives the byline (%(byline)s)."
        ),
        names=", ".join(names),
        byline=parsed.byline,
    )


def trailer_kind(line: str) -> str:
    """What a trailer line gives, SOURCE, EDITOR, REPORTER or PHOTO, or ""
    for any other line: "Label : value" of a known label, the value at most
    TRAILER_MAX long (a longer one is a sentence) but for an editor's. Where
    a reporter or photo line is trailer is _trailer's rule."""
    match = TRAILER_LINE.match(line)
    if not match:
        return ""
    label = match["label"].lower()
    kind = next((kind for labels, kind in TRAILER_KINDS if label in labels), "")
    if kind != EDITOR and len(match["value"]) > TRAILER_MAX:
        return ""
    return kind


def _is_long_source_line(line: str) -> bool:
    match = TRAILER_LINE.match(line)
    return bool(match) and match["label"].lower() in SOURCE_LABELS


def _copy_end(lines: list[str]) -> tuple[int, set[int]]:
    """(the index where the copy's end begins, the related headlines in it):
    the end is what follows the story's last text, blank, boilerplate and
    trailer lines and related-links blocks, each a RELATED_HEADINGS line
    followed by short headline lines (a list's items or not)."""
    related: set[int] = set()
    headlines: list[int] = []  # below the index, no heading above them yet
    index = len(lines)
    while index > 0:
        line = lines[index - 1].strip()
        if not line:
            index -= 1
        elif _is_related_heading(line):
            related.update(headlines)
            headlines = []
            index -= 1
        elif headlines and not _is_headline(line):
            break  # the lines below were the story's
        elif is_boilerplate(line) or trailer_kind(line):
            index -= 1
        elif _is_headline(line):
            headlines.append(index - 1)
            index -= 1
        else:
            break
    return (max(headlines) + 1 if headlines else index), related


def _is_related_heading(line: str) -> bool:
    words = " ".join(line.lower().split()).strip(" .:…!")
    return words in RELATED_HEADINGS


def _is_headline(line: str) -> bool:
    """A short line that is no sentence: a headline, perhaps a list item."""
    line = LIST_MARK.sub("", line)
    return (
        bool(line)
        and len(line) <= TITLE_MAX
        and not HEADLINE_END.search(line)
        and not trailer_kind(line)
    )


def later_stories(lines: list[str], *, first_line: int = 1) -> list[StoryBreak]:
    """Where in `lines` (the copy after its own front matter, its first line
    `first_line`) another story seems to begin: front matter, or, after a
    story's text and its trailer (a source or an editor line), a "# Heading",
    a dateline lede or a headline line before a lede, each a StoryBreak
    saying which. Lines of the form "Label: value" (a "Reporter:" or "Foto:"
    line) may stand between the trailer and it."""
    breaks: list[StoryBreak] = []
    has_text = False  # the story begun has text of its own
    ended_by = ""  # the trailer line after the story's text, if any
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        fence_end = _front_matter_end(lines, index)
        if fence_end is not None:
            breaks.append(StoryBreak(first_line + index, FRONT_MATTER))
            has_text, ended_by = False, ""
            index = fence_end + 1
            continue
        index += 1
        if not line or is_boilerplate(line):
            continue
        if trailer_kind(line) in (SOURCE, EDITOR):
            ended_by = line if has_text else ""
        elif ended_by and _begins_story(lines, index - 1):
            if _unglued(line) != line:
                breaks.append(StoryBreak(first_line + index - 1, GLUED, line))
            else:
                breaks.append(
                    StoryBreak(first_line + index - 1, AFTER_TRAILER, ended_by)
                )
            ended_by = ""
        elif not (ended_by and TRAILER_LINE.match(line)):
            has_text, ended_by = True, ""
    return breaks


def _front_matter_end(lines: list[str], start: int) -> int | None:
    """The index of the closing fence of the front matter opening at
    `start`: key lines only, one of them a known key, then a fence."""
    if lines[start].strip() != FRONT_MATTER_FENCE:
        return None
    known = False
    for index in range(start + 1, len(lines)):
        line = lines[index].strip()
        if line in (FRONT_MATTER_FENCE, "..."):
            return index if known else None
        match = FRONT_MATTER_LINE.match(line)
        if not match:
            return None
        known = known or match["key"].lower() in FRONT_MATTER_KEYS
    return None


def _begins_story(lines: list[str], index: int) -> bool:
    """Whether a story begins at `index`: a heading, a dateline lede, or a
    headline before a lede. A boilerplate line the file ended with may be
    glued to it (two files joined: "Discussion about this postDM – …")."""
    line = _unglued(lines[index].strip())
    if HEADING.match(line) or _is_dateline_lede(line):
        return True
    if (
        len(line) > TITLE_MAX
        or HEADLINE_END.search(line)
        or MARKDOWN_BLOCK_LINE.match(line)
    ):
        return False
    lede = next(
        (
            later.strip()
            for later in lines[index + 1 :]
            if later.strip() and not is_boilerplate(later.strip())
        ),
        "",
    )
    return _is_dateline_lede(lede) or (
        len(lede) >= LEDE_MIN and bool(SENTENCE_END.search(lede))
    )


def _unglued(line: str) -> str:
    """The line without a boilerplate line glued to its start."""
    lowered = line.lower()
    for phrase in sorted(BOILERPLATE_LINES, key=len, reverse=True):
        if lowered.startswith(phrase) and len(line) > len(phrase):
            return line[len(phrase) :].lstrip(" .:…!")
    return line


def is_boilerplate(line: str) -> bool:
    """Whether a line is site boilerplate (BOILERPLATE_LINES, _PREFIX)."""
    if len(line) > TRAILER_MAX:
        return False
    words = " ".join(line.lower().split()).strip(" .:…!")
    return words in BOILERPLATE_LINES or bool(BOILERPLATE_PREFIX.match(line))


def read_source(value: str) -> tuple[str, str]:
    """(name, URL) of a source line's value: a domain ("bnpt.go.id") gets
    its https address, an address its host as name, a name no URL; a
    Markdown link (a Word document's hyperlink) its text and address."""
    value = value.strip()
    link = SOURCE_LINK.match(value)
    if link:
        return link["name"].strip(), link["url"]
    url = URL.match(value)
    if url and DOMAIN.match(url["host"]):
        return url["host"].lower().removeprefix("www."), value
    domain = value.rstrip("/")
    if DOMAIN.match(domain):
        return domain.lower(), f"https://{domain.lower()}/"
    return value, ""


def _heading_title(lines: list[str | None], parsed: ParsedCopy) -> list[str | None]:
    """A Markdown file's leading "# Heading" is its title."""
    for index, line in enumerate(lines):
        if line is None or not line.strip():
            continue
        heading = HEADING.match(line.strip())
        if heading:
            parsed.title = heading["title"]
            return lines[index + 1 :]
        return lines
    return lines


def _paragraphs(lines: list[str | None]) -> list[str]:
    """One paragraph a line; or, when blank lines separate the text, one a
    block, a block of long lines being a paragraph a line. A line taken out
    (None: a trailer or boilerplate line) ends a paragraph."""
    written = [line.strip() for line in lines if line is not None]
    while written and not written[-1]:
        written.pop()
    first = next((i for i, line in enumerate(written) if line), len(written))
    if all(written[first:]):  # no blank line between paragraphs
        return [line.strip() for line in lines if line and line.strip()]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line is not None and line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs = []
    for block in blocks:
        if not block:
            continue
        if all(MARKDOWN_BLOCK_LINE.match(line) for line in block):
            paragraphs.append("\n".join(block))  # a list or a quote stays one
        elif all(len(line) <= WRAP_WIDTH for line in block[:-1]):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _dateline(parsed: ParsedCopy, *, agency_named: Callable[[str], bool]) -> None:
    if not parsed.paragraphs:
        return
    split = dateline_split(parsed.paragraphs[0])
    if not split:
        return
    dateline, parsed.paragraphs[0] = split
    parsed.dateline_written = dateline
    parts = _dateline_parts(dateline, agency_named=agency_named)
    kept = [part for part, kind in parts if kind == PLACE]
    # Every caller (import, paste, the form's button) fills the Dateline
    # from parsed.dateline: what names no place never reaches it, nor the
    # readers. A dateline all of places stays as it was written.
    parsed.dateline = dateline if len(kept) == len(parts) else ", ".join(kept)
    initials = [part for part, kind in parts if kind == INITIALLED]
    agencies = [part for part, kind in parts if kind == AGENCY]
    parsed.dateline_left_out = ", ".join(
        part for part, kind in parts if kind in (INITIALLED, AGENCY)
    )
    parsed.dateline_date = next((part for part, kind in parts if kind == DATED), "")
    if initials:
        parsed.warn(
            "dateline_initials",
            gettext_noop(
                "Dateline “%(dateline)s” is not a place we know (the site's or "
                "writer's initials?): it was left out; type it in Dateline if it "
                "names where the story was reported."
            ),
            dateline=", ".join(initials),
        )
    if agencies and kept:
        parsed.warn(
            "dateline_agency",
            gettext_noop(
                "“%(agency)s” in the dateline names an agency, not a place: it "
                "was left out; the dateline keeps the place, “%(dateline)s”."
            ),
            agency=", ".join(agencies),
            dateline=parsed.dateline,
        )
    elif agencies:
        parsed.warn(
            "dateline_agency",
            gettext_noop(
                "Dateline “%(dateline)s” names an agency, not a place: it was "
                "left out; type in Dateline where the story was reported."
            ),
            dateline=", ".join(agencies),
        )
    sites = [part for part, kind in parts if kind == SITE]
    if sites:
        _dateline_site(parsed, ", ".join(sites))


def _dateline_site(parsed: ParsedCopy, site: str) -> None:
    """The news site a dateline named: the source when the copy's source
    line gives none (read as a source line's value is), else only reported."""
    parsed.dateline_site = site
    if parsed.source_name:
        parsed.warn(
            "dateline_site",
            gettext_noop(
                "“%(site)s” in the dateline is the news site the copy is from, "
                "not a place: it was left out of the dateline; the source line "
                "gives the source (%(source)s)."
            ),
            site=site,
            source=parsed.source_name,
        )
        return
    parsed.source_name, parsed.source_url = read_source(site)
    parsed.warn(
        "dateline_site",
        gettext_noop(
            "“%(site)s” in the dateline is the news site the copy is from, not "
            "a place: it was left out of the dateline and taken as the source."
        ),
        site=site,
    )


def _dateline_date(parsed: ParsedCopy, *, reference: dt.date) -> None:
    """The weekday date a dateline gave ("Davao, Rabu (2/3)"): read as the
    body's are (resolve_date), the first of the story's dates, and reported:
    what it was taken as, or (a "date" warning) why no date was taken."""
    match = DATE_MENTION.fullmatch(parsed.dateline_date)
    mention = resolve_date(match, paragraph=0, reference=reference)
    parsed.dates.append(mention)
    if mention.resolved:
        parsed.warn(
            "dateline_date",
            gettext_noop(
                "“%(mention)s” in the dateline is the story's date, not a place: "
                "it was left out of the dateline and taken as %(date)s."
            ),
            mention=mention.text,
            date=calendar_day(mention.resolved, "l j F Y"),
        )
    else:
        parsed.warn(
            "dateline_date",
            gettext_noop(
                "“%(mention)s” in the dateline is a date, not a place: it was "
                "left out of the dateline; no date was taken from it."
            ),
            mention=mention.text,
        )
    if mention.said:
        parsed.add_warning("date", mention.said)


def _dateline_parts(
    dateline: str, *, agency_named: Callable[[str], bool]
) -> list[tuple[str, str]]:
    """The dateline's parts between commas, each with what it is: PLACE,
    INITIALLED, AGENCY, SITE or DATED; initials in brackets after a place
    ("Manila (DM)", "KBRI Manila (DM)") and a weekday date after it without a
    comma ("Davao Rabu (2/3)") are a part of their own."""
    parts = []
    for part in dateline.split(","):
        part = part.strip()
        if not part:
            continue
        *before, last = part.split()
        if before and _bracketed_initials(last):
            parts.extend(_dateline_parts(" ".join(before), agency_named=agency_named))
            parts.append((last, INITIALLED))
            continue
        glued = GLUED_DATE.match(part)
        if glued and glued["weekday"][0].isupper():  # "Davao Rabu (2/3)"
            parts.extend(_dateline_parts(glued["before"], agency_named=agency_named))
            parts.append((glued["date"], DATED))
            continue
        bare = part[1:-1].strip() if part[0] + part[-1] in BRACKETS else part
        words = bare.split("/")
        if DATE_MENTION.fullmatch(part) and part[0].isupper():  # "Rabu (2/3)"
            kind = DATED
        elif DOMAIN.match(bare):
            kind = SITE
        elif all(looks_like_initials(word) for word in words):
            kind = INITIALLED
        elif all(
            looks_like_initials(word) or _is_agency(word, agency_named)
            for word in words
        ):
            kind = AGENCY
        elif split := _agency_and_place(part, agency_named=agency_named):
            parts.extend(split)
            continue
        else:
            kind = PLACE
        parts.append((part, kind))
    return parts


def _agency_and_place(
    part: str, *, agency_named: Callable[[str], bool]
) -> list[tuple[str, str]]:
    """A part that opens with agencies' words before a place ("KBRI Manila",
    "BNPT Jakarta"): [(the agencies, AGENCY), (the place, PLACE)]; before
    initials only ("BNPT DM"), [(part, AGENCY)]; else []."""
    words = part.split()
    agencies = 0
    while agencies < len(words) - 1 and _is_agency(words[agencies], agency_named):
        agencies += 1
    place = words[agencies:]
    if not agencies:
        return []
    if all(looks_like_initials(word) for word in place):  # "BNPT DM"
        return [(part, AGENCY)]
    return [(" ".join(words[:agencies]), AGENCY), (" ".join(place), PLACE)]


def _bracketed_initials(word: str) -> bool:
    """Whether a word is initials in brackets: "(DM)", "[D.M.]", "(DM/RED)"."""
    inside = word[1:-1].strip()
    return (
        word[0] + word[-1] in BRACKETS
        and bool(inside)
        and all(looks_like_initials(initials) for initials in inside.split("/"))
    )


def _is_agency(word: str, agency_named: Callable[[str], bool]) -> bool:
    """Whether a dateline's word is an agency's: a mission's ("KBRI",
    "Kemlu") or an acronym in capitals the registry knows ("BNPT")."""
    if word.upper() in MISSION_WORDS:
        return True
    return (
        bool(ACRONYM.match(word))
        and word.isupper()
        and word not in SHORT_PLACES
        and agency_named(word)
    )


def _no_agency(word: str) -> bool:
    return False


def looks_like_initials(dateline: str) -> bool:
    """Whether a dateline (or a part of one) is initials that name no place
    we know (SHORT_PLACES): two or three capitals ("DM", "ÉM"), two letters
    capitalised ("Dm") or initials with full stops ("D.M."); not "NTT",
    "Goa" nor "JAKARTA"."""
    if not INITIALS.match(dateline):
        return False
    letters = dateline.replace(".", "")
    if letters.upper() in SHORT_PLACES:
        return False
    return (
        letters.isupper()
        or "." in dateline
        or (len(letters) == 2 and letters[0].isupper())
    )


def dateline_split(paragraph: str) -> tuple[str, str] | None:
    """(dateline, the rest) of a paragraph that opens with a dateline: short,
    every word capitalised (perhaps in brackets), before a spaced dash
    ("DM – …"); no sentence ends in it, but for initials' full stops."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    dateline = match["dateline"].strip()
    words = dateline.split()
    if (
        len(words) > DATELINE_MAX_WORDS
        or any(_ends_sentence(word) for word in words)
        or any(quote in dateline for quote in '"“”')
        or not all(_capitalised(word) for word in words)
    ):
        return None
    return dateline, match["rest"]


def _ends_sentence(word: str) -> bool:
    """Whether a word of a dateline ends a sentence: "Pergi.", not "D.M."."""
    return bool(SENTENCE_END.search(word)) and not INITIALS.match(word.strip("()[],"))


def _is_dateline_lede(line: str) -> bool:
    return dateline_split(line) is not None


def _capitalised(word: str) -> bool:
    word = word.lstrip("([")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def propose_title(paragraph: str) -> str:
    """A headline proposed from a paragraph's first sentence (as pasted,
    not yet escaped): the wire's emphasis marks (`_phrase_`) and weekday
    dates removed, no final full stop, cut at a word past
    PROPOSED_TITLE_MAX."""
    sentence = first_sentence(EMPHASIS.sub(r"\1", paragraph))
    sentence = TITLE_DATE_MENTION.sub(_without_date, sentence)  # "…, Kamis (24/3), …"
    sentence = re.sub(r"\s+([,.;:])", r"\1", " ".join(sentence.split()))
    sentence = sentence.rstrip(" ,;:.")
    if len(sentence) <= PROPOSED_TITLE_MAX:
        return sentence
    cut = sentence[: PROPOSED_TITLE_MAX + 1].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return f"{cut or sentence[:PROPOSED_TITLE_MAX]}…"


def _without_date(match: re.Match) -> str:
    # "minggu (7/3)": a week, not Sunday (as in _dates()).
    return " " if match["weekday"][0].isupper() else match[0]


def first_sentence(text: str) -> str:
    for match in re.finditer(r"[.!?](?=\s+[\"“'‘(]?[A-Z])", text):
        before = text[: match.start()].rsplit(None, 1)
        word = before[-1].lower() if before else ""
        if len(word) > 1 and word not in NOT_SENTENCE_END:
            return text[: match.end()]
    return text


def guess_language(text: str) -> str:
    """'en' when the text reads clearly as English, else 'id'."""
    words = re.findall(r"[a-z]+", text.lower())
    indonesian = sum(word in INDONESIAN_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return "en" if english >= 5 and english > 2 * indonesian else "id"


def _dates(parsed: ParsedCopy, *, reference: dt.date) -> None:
    if parsed.dateline_date:
        _dateline_date(parsed, reference=reference)
    for index, paragraph in enumerate(parsed.paragraphs):
        for match in DATE_MENTION.finditer(paragraph):
            if not match["weekday"][0].isupper():
                continue  # "minggu (7/3)": a week, not Sunday
            mention = resolve_date(match, paragraph=index, reference=reference)
            parsed.dates.append(mention)
            if mention.said:
                parsed.add_warning("date", mention.said)


def resolve_date(match: re.Match, *, paragraph: int, reference: dt.date) -> DateMention:
    """The day a "Kamis (24/3)" means, written on `reference`: the most
    recent 24/3 on or before it, this year or last, that is a Thursday.
    Else, without a year written, the latest 24/3 of the DATE_LOOKBACK_YEARS
    before that is a Thursday, with a problem asking to check it (old copy
    imported late). With no such day, no date and a problem saying why."""
    text = " ".join(match[0].split())
    weekday = WEEKDAYS[match["weekday"].lower().replace("’", "'")]
    day, month = int(match["day"]), int(match["month"])
    if match["year"]:
        year = int(match["year"])
        years = [year + 2000 if year < 100 else year]
    else:
        years = [reference.year, reference.year - 1]
    # A year written is taken whatever the reference.
    before = None if match["year"] else reference
    candidates = _days(day, month, years, reference=before)
    for candidate in candidates:
        if candidate.weekday() == weekday:
            return DateMention(text, paragraph, candidate)
    if not match["year"]:
        earlier = range(years[-1] - 1, years[-1] - 1 - DATE_LOOKBACK_YEARS, -1)
        for candidate in _days(day, month, earlier, reference=reference):
            if candidate.weekday() == weekday:
                problem = history_message(
                    gettext_noop(
                        "%(mention)s: taken as %(weekday)s %(date)s, the latest year "
                        "it was a %(weekday)s — check it."
                    ),
                    mention=text,
                    date=calendar_day(candidate, "j F Y"),
                    weekday=calendar_day(candidate, "l"),
                )
                return DateMention(text, paragraph, candidate, problem)
    if not candidates:
        problem = _no_day(text, day, month, years, reference)
        return DateMention(text, paragraph, None, problem)
    latest = candidates[0]
    problem = history_message(
        gettext_noop("%(mention)s: %(date)s is a %(weekday)s; no date taken."),
        mention=text,
        date=calendar_day(latest, "j F Y"),
        weekday=calendar_day(latest, "l"),
    )
    return DateMention(text, paragraph, None, problem)


def _no_day(text: str, day: int, month: int, years: list[int], reference) -> list:
    """Why a mention names no day: no calendar has it ("Senin (31/2)"), the
    year written has not ("(29/2/2022)"), or it is yet to come. "No such day
    on or before …" had been said of 31/2 too, as if it were only late."""
    if not _days(day, month, [2000], reference=None):  # 2000: a leap year
        return history_message(
            gettext_noop("%(mention)s: %(day)s/%(month)s is not a date."),
            mention=text,
            day=day,
            month=month,
        )
    if len(years) == 1 and not _days(day, month, years, reference=None):
        return history_message(
            gettext_noop("%(mention)s: %(year)s has no %(day)s/%(month)s."),
            mention=text,
            day=day,
            month=month,
            year=years[0],
        )
    return history_message(
        gettext_noop("%(mention)s: no such day on or before %(reference)s."),
        mention=text,
        reference=calendar_day(reference, "j F Y"),
    )


def _days(day: int, month: int, years, *, reference: dt.date | None) -> list[dt.date]:
    """The day/month in each of `years` that has it, on or before
    `reference` when one is given, in the order of `years`."""
    days = []
    for year in years:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if reference is None or candidate <= reference:
            days.append(candidate)
    return days
