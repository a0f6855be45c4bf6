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

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Article
from .parser import ParsedCopy
from .services import MAX_FILE_BYTES, earlier_copy, read_copy

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
    # The stories this copy is already in, published first (earlier_copy());
    # not in as_json(): the admin says it with a link the reporter may follow.
    holding: list[Article] = field(default_factory=list)

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
) -> PastedCopy:
    """Read pasted copy as an import would (`today`: the day weekday dates
    are read against, default today in the newsroom's zone). `current`, the
    form's fields as they stand when known: a title typed there is kept
    (fill()), so no warning says one was proposed. A missing source is
    warned of only in copy that looks like wire copy (looks_like_wire_copy).
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
    title_typed = current is not None and bool(str(current.get("title") or "").strip())
    unsaid = {
        TITLE_PROPOSED: title_typed,
        NO_SOURCE: not looks_like_wire_copy(parsed),
    }
    warnings = [w for w in parsed.warnings if not unsaid.get(w.code, False)]
    return PastedCopy(
        values=values,
        summary=summary(parsed),
        paragraphs=len(parsed.paragraphs),
        title_proposed=parsed.title_proposed,
        dropped=list(parsed.dropped),
        warnings=[str(warning) for warning in warnings],
        warning_codes=[warning.code for warning in warnings],
        holding=earlier_copy(text, parsed.body),
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
