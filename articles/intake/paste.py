"""Wire copy pasted into a new article's body, cleaned up for its form.

The same reading as an import (services.read_copy), handed back as the values
of the article form's fields plus a summary for the reporter; nothing of
the form is saved (a story found holding the same copy keeps its
fingerprint: services.stories_holding). Both the page's script (the admin's
clean-copy/ address) and the form's "Clean up pasted copy" button use it,
with the one rule of `fill`.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from newsroom.history.messages import history_message

from ..models import Article
from .parser import ParsedCopy, ParseWarning, read_source
from .services import MAX_FILE_BYTES, copy_found, read_copy

# As much text as one imported file.
MAX_PASTE_BYTES = MAX_FILE_BYTES

# The article form's fields a clean-up may write, and nothing else.
CLEANUP_FIELDS = (
    "title",
    "needs_headline",
    "dek",
    "body",
    "dateline",
    "byline",
    "source_name",
    "source_url",
    "editor_name",
    "language",
    "tags",
)
# Filled only where the form holds nothing yet (language: its default).
FILLED_WHEN_EMPTY = tuple(
    name for name in CLEANUP_FIELDS if name not in ("body", "needs_headline")
)
DEFAULT_LANGUAGE = Article.Language.INDONESIAN.value
# The codes of parser warnings a paste may leave unsaid (clean_pasted_copy).
TITLE_PROPOSED = "title_proposed"
NO_SOURCE = "no_source"
# The clean-up's own warnings, after the parser's: copy that names no
# reporter (who readers will see instead), and a source link that is only
# the site's home page.
NO_REPORTER = "no_reporter"
SOURCE_HOME_PAGE = "source_home_page"


class PasteRefused(ValueError):
    """Text that cannot be cleaned up (empty, too long); the message says so."""


@dataclass(frozen=True)
class PastedCopy:
    """What the clean-up read: `values` by the form's field names (body
    always; the other fields only where the copy gives them), a `summary`
    sentence and the `warnings` the reporter should read."""

    values: dict[str, str | bool]
    summary: str
    paragraphs: int
    title_proposed: bool
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What each warning is about (parser.ParseWarning.code), in their order:
    # the page's script leaves out TITLE_PROPOSED when it kept the title
    # the reporter had typed.
    warning_codes: list[str] = field(default_factory=list)
    # The stories this copy is already in, published first; not in
    # as_json(): the admin says it with a link the reporter may follow.
    holding: list[Article] = field(default_factory=list)
    # Stories holding nearly the same copy (a corrected re-send's first copy)
    # further along than those holding this one, the story to update first:
    # services.copy_found(), the import's rule.
    similar: list[Article] = field(default_factory=list)

    @property
    def earlier(self) -> Article | None:
        """The first story the copy is already in: a published one if any."""
        return self.holding[0] if self.holding else None

    def as_json(self) -> dict:
        return {
            "values": self.values,
            "summary": self.summary,
            "paragraphs": self.paragraphs,
            "title_proposed": self.title_proposed,
            "dropped": self.dropped,
            "warnings": self.warnings,
            "warning_codes": self.warning_codes,
        }


def clean_pasted_copy(
    text: str,
    *,
    today: dt.date | None = None,
    current: Mapping[str, object] | None = None,
    author=None,
) -> PastedCopy:
    """Read pasted copy as an import would (`today`: the day weekday dates
    are read against, default today in the newsroom's zone). `current`, the
    form's fields as they stand when known: a title typed there is kept
    (fill()), so no warning says one was proposed. A missing source is
    warned of only in copy that looks like wire copy (looks_like_wire_copy).
    `author`, the user the story will be saved by (its writer): copy that
    names no reporter says whom readers will see instead (not said when
    None, or over a byline typed). A source link that is a site's home page
    is said to be one (not over a link typed).
    Raises PasteRefused for blank text or text over MAX_PASTE_BYTES."""
    if len(text.encode()) > MAX_PASTE_BYTES:
        raise PasteRefused(
            _("The pasted text is larger than %(limit)s: import it as a file.")
            % {"limit": filesizeformat(MAX_PASTE_BYTES)}
        )
    if not text.strip():
        raise PasteRefused(_("There is no text to clean up: paste the copy first."))
    parsed = read_copy(text, today=today or timezone.localdate())
    values: dict[str, str | bool] = {"body": parsed.body}
    if parsed.title:
        values["title"] = parsed.title
        values["needs_headline"] = parsed.title_proposed
    found = {
        "dek": parsed.dek,
        "dateline": parsed.dateline,
        "byline": parsed.byline,
        "source_name": parsed.source_name,
        "source_url": parsed.source_url,
        "editor_name": parsed.editor_name,
        "tags": tags_text(parsed.tags),
    }
    values.update({name: value for name, value in found.items() if value})
    if parsed.language_given or parsed.language != DEFAULT_LANGUAGE:
        values["language"] = parsed.language
    unsaid = {
        TITLE_PROPOSED: _typed(current, "title"),
        NO_SOURCE: not looks_like_wire_copy(parsed),
    }
    warnings = [w for w in parsed.warnings if not unsaid.get(w.code, False)]
    warnings += [
        note
        for note in (
            no_reporter(parsed, author=author, current=current),
            source_home_page(parsed, current=current),
        )
        if note is not None
    ]
    found = copy_found(parsed.body, text=text)
    return PastedCopy(
        values=values,
        summary=summary(parsed),
        paragraphs=len(parsed.paragraphs),
        title_proposed=parsed.title_proposed,
        dropped=list(parsed.dropped),
        warnings=[str(warning) for warning in warnings],
        warning_codes=[warning.code for warning in warnings],
        holding=found.holding,
        similar=[resembling.article for resembling in found.to_update],
    )


def looks_like_wire_copy(parsed: ParsedCopy) -> bool:
    """Copy in an agency's shape: a dateline (whatever it held: a place,
    initials, an agency, a site or only a date), a source or editor line,
    or a site's boilerplate dropped. Plain paragraphs (a reporter's own
    notes) are not, and lack no source."""
    return bool(
        parsed.dateline_written
        or parsed.source_name
        or parsed.editor_name
        or parsed.dropped
    )


def no_reporter(
    parsed: ParsedCopy, *, author, current: Mapping[str, object] | None = None
) -> ParseWarning | None:
    """Copy that names no reporter leaves the byline empty, and an empty
    byline credits the story's writer (`author`, who saves the new story):
    the name readers will see, by the story page's own rule
    (Article.credited_name), and how to credit the copy's author instead.
    None when the copy has a byline, the form holds one, or `author` is
    not known."""
    if parsed.byline or author is None or _typed(current, "byline"):
        return None
    credited = Article(byline="", created_by=author).credited_name
    if credited:
        who = history_message(
            gettext_noop(
                "No reporter named: readers will see the story credited to "
                "%(credit)s, your public author profile's name."
            ),
            credit=credited,
        )
    else:
        who = history_message(
            gettext_noop(
                "No reporter named: readers will see no author's name (the "
                "Byline is empty and you have no public author profile)."
            )
        )
    if parsed.source_name:
        to_do = history_message(
            gettext_noop(
                "Type a byline to credit its author, such as the source (%(source)s)."
            ),
            source=parsed.source_name,
        )
    else:
        to_do = history_message(gettext_noop("Type a byline to credit its author."))
    return ParseWarning(NO_REPORTER, who + to_do)


def source_home_page(
    parsed: ParsedCopy, *, current: Mapping[str, object] | None = None
) -> ParseWarning | None:
    """The source link, when it is only a site's home page ("Sumber :
    bnpt.go.id" gives https://bnpt.go.id/): not the story's own address,
    which can replace it. None for another link, none, or one typed."""
    url = parsed.source_url
    if not url or _typed(current, "source_url"):
        return None
    parts = urlsplit(url)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    site = parts.hostname or url
    if parsed.dateline_site and read_source(parsed.dateline_site) == (
        parsed.source_name,
        url,
    ):
        said = gettext_noop(
            "The Source URL, %(url)s, is the home page of %(site)s, the site "
            "the dateline names, not the story's own address: replace it with "
            "the story's address if you have it."
        )
    else:
        said = gettext_noop(
            "The Source URL, %(url)s, is the home page of %(site)s, from the "
            "copy's 'Sumber :' line, not the story's own address: replace it "
            "with the story's address if you have it."
        )
    return ParseWarning(SOURCE_HOME_PAGE, history_message(said, url=url, site=site))


def _typed(current: Mapping[str, object] | None, name: str) -> bool:
    """Whether the form holds a value of its own in `name` (kept by fill())."""
    return current is not None and bool(str(current.get(name) or "").strip())


def fill(current: Mapping[str, object], pasted: PastedCopy) -> dict[str, object]:
    """The fields a clean-up changes in a form holding `current`, with their
    new values: the body always; the others only where the form is empty
    (the language where it is still the default), never over what the
    reporter wrote; "needs a headline" ticked with a proposed title filled."""
    changes: dict[str, object] = {}
    for name, value in pasted.values.items():
        if name == "needs_headline":
            continue
        now = current.get(name)
        empty = (
            now in (None, "", DEFAULT_LANGUAGE)
            if name == "language"
            else not str(now or "").strip()
        )
        if name == "body" or (name in FILLED_WHEN_EMPTY and empty):
            changes[name] = value
    if "title" in changes and pasted.title_proposed:
        changes["needs_headline"] = True
    return {
        name: value for name, value in changes.items() if value != current.get(name)
    }


def tags_text(tags: list[str]) -> str:
    """Tags as the form's tag field reads them (taggit: names with a space
    or comma in quotes)."""
    return ", ".join(
        f'"{tag}"' if " " in tag or "," in tag else tag for tag in tags if tag
    )


def summary(parsed: ParsedCopy) -> str:
    """What was found, in one sentence for the reporter: "Pasted copy
    cleaned up: 9 paragraphs, dateline JAKARTA, source bnpt.go.id, editor
    Redaksi, 1 line dropped." """
    count = len(parsed.paragraphs)
    parts = [
        ngettext("%(count)d paragraph", "%(count)d paragraphs", count)
        % {"count": count}
    ]
    if parsed.dateline:
        parts.append(_("dateline %(dateline)s") % {"dateline": parsed.dateline})
    if parsed.source_name:
        parts.append(_("source %(source)s") % {"source": parsed.source_name})
    if parsed.editor_name:
        parts.append(_("editor %(editor)s") % {"editor": parsed.editor_name})
    dropped = len(parsed.dropped)
    parts.append(
        ngettext("%(count)d line dropped", "%(count)d lines dropped", dropped)
        % {"count": dropped}
    )
    return _("Pasted copy cleaned up: %(parts)s.") % {"parts": ", ".join(parts)}
