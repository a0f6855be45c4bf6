"""An inline diff of two texts, as safe HTML: removed words in <del>,
added words in <ins>, long unchanged stretches shortened."""

import difflib
import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from newsroom.text import normalise_newlines

# Unchanged lines kept around a change.
CONTEXT_LINES = 2

# Unchanged lines shown as they are, not counted, when no more would be left
# out: a row "… 1 unchanged line …" is no shorter than the line, and reads
# as a change of its own.
SHOWN_UNCHANGED = 2

# Above this many token pairs a changed passage is shown as whole lines.
WORD_DIFF_LIMIT = 4_000_000

# A passage with less than this share of words in common reads better as
# rewritten (all old, then all new) than as a patchwork of small changes.
REWRITTEN_BELOW = 0.4


def text_diff_html(old: str, new: str) -> SafeString:
    """An inline diff of two texts: removed words in <del>, added in <ins>,
    long unchanged stretches shortened. Every piece of text is escaped."""
    # Browsers send CRLF; a change of line endings alone is no change to a reader.
    old_lines = normalise_newlines(old or "").splitlines(keepends=True)
    new_lines = normalise_newlines(new or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts += _context(
                old_lines[i1:i2],
                first=index == 0,
                last=index == len(opcodes) - 1,
            )
        elif tag == "replace":
            parts += _word_diff("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))
        elif tag == "delete":
            parts.append(format_html("<del>{}</del>", "".join(old_lines[i1:i2])))
        else:
            parts.append(format_html("<ins>{}</ins>", "".join(new_lines[j1:j2])))
    return mark_safe("".join(conditional_escape(part) for part in parts))


def lines_that_differ_html(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Two texts side by side, each as safe HTML with only its lines that
    differ from the other's (each unchanged stretch a count), the words
    only one of them has in <mark> in its own. Neither is "before" the
    other (the refusal's table: the editor's form and the version saved
    since, which combining may both keep), so nothing is struck through:
    a tester read their own kept words, struck through, as deleted.
    For two versions of a list, one item a line (a meeting's sessions),
    shown in two columns. An unchanged stretch of one or two lines is
    shown as it is; between two lines shown, a column counts its unchanged
    lines in one row (a paragraph only the other has had left two in a
    row, "… 7 unchanged lines …" over "… 13 unchanged lines …"). Every
    piece of text is escaped."""
    old_lines = normalise_newlines(old or "").splitlines(keepends=True)
    new_lines = normalise_newlines(new or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    # Each column's pieces: text, or a count of unchanged lines left out.
    old_parts: list[str | int] = []
    new_parts: list[str | int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            if i2 - i1 <= SHOWN_UNCHANGED:
                old_parts.append(removed)
                new_parts.append(added)
            else:
                old_parts.append(i2 - i1)
                new_parts.append(j2 - j1)
            continue
        sides = _word_sides(removed, added) if tag == "replace" else None
        if sides is None:
            old_parts.append(_marked(removed))
            new_parts.append(_marked(added))
        else:
            old_parts += sides[0]
            new_parts += sides[1]
    return _column(old_parts), _column(new_parts)


def _column(parts: list[str | int]) -> SafeString:
    """A column of lines_that_differ_html: its text, each count of
    unchanged lines left out a row, counts with nothing between them (a
    change only the other column has) one row."""
    merged: list[str | int] = []
    for part in parts:
        if part == "":
            continue
        if isinstance(part, int) and merged and isinstance(merged[-1], int):
            merged[-1] += part
        else:
            merged.append(part)
    return _joined(
        [_skipped(part) if isinstance(part, int) else part for part in merged]
    )


def _joined(parts: list[str]) -> SafeString:
    return mark_safe("".join(conditional_escape(part) for part in parts))


def _word_sides(old: str, new: str) -> tuple[list[str], list[str]] | None:
    """A changed passage's words: each side's with those only it has in
    <mark>; None when it reads better whole (too long to compare, or
    rewritten)."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(old_tokens) * len(new_tokens) > WORD_DIFF_LIMIT:
        return None
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()
    if _shared_words(old_tokens, new_tokens, opcodes) < REWRITTEN_BELOW:
        return None
    old_parts: list[str] = []
    new_parts: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes:
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            old_parts.append(removed)
            new_parts.append(added)
            continue
        old_parts.append(_marked(removed))
        new_parts.append(_marked(added))
    return old_parts, new_parts


def _marked(text: str) -> str:
    """`text` in <mark>, the spaces and line ends around it left out: a
    marked space at a line's end had shown as a stray bar."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return format_html(
        "{}<mark>{}</mark>{}", text[:start], core, text[start + len(core) :]
    )


def items_diff_html(old: list[str], new: list[str]) -> SafeString:
    """Two lists of names (tags, agencies, people) compared as whole items,
    one a line: an item only in `old` in <del>, one only in `new` in <ins>,
    each whole, never a word inside a name ("uji" against "uji gabungan" is
    two tags, not one changed). Every name is escaped."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts += [format_html("{}\n", item) for item in old[i1:i2]]
            continue
        parts += [format_html("<del>{}</del>\n", item) for item in old[i1:i2]]
        parts += [format_html("<ins>{}</ins>\n", item) for item in new[j1:j2]]
    return mark_safe("".join(parts))


def _context(lines: list[str], *, first: bool, last: bool) -> list[str]:
    head = [] if first else lines[:CONTEXT_LINES]
    tail = [] if last else lines[-CONTEXT_LINES:]
    if len(lines) <= len(head) + len(tail) + SHOWN_UNCHANGED:
        return ["".join(lines)]
    skipped = len(lines) - len(head) - len(tail)
    return ["".join(head), _skipped(skipped), "".join(tail)]


def _skipped(count: int) -> str:
    """Where `count` unchanged lines are left out."""
    return format_html(
        '<span class="history-diff-skip">{}</span>\n',
        ngettext(
            "… %(count)d unchanged line …",
            "… %(count)d unchanged lines …",
            count,
        )
        % {"count": count},
    )


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _word_diff(old: str, new: str) -> list[str]:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(old_tokens) * len(new_tokens) > WORD_DIFF_LIMIT:
        return [format_html("<del>{}</del><ins>{}</ins>", old, new)]
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()
    if _shared_words(old_tokens, new_tokens, opcodes) < REWRITTEN_BELOW:
        return [format_html("<del>{}</del><ins>{}</ins>", old, new)]
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes:
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            parts.append(removed)
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return parts


def _shared_words(old_tokens: list[str], new_tokens: list[str], opcodes) -> float:
    def words(tokens):
        return sum(1 for token in tokens if token[0].isalnum() or token[0] == "_")

    total = words(old_tokens) + words(new_tokens)
    if not total:
        return 1.0
    shared = sum(
        words(old_tokens[i1:i2]) for tag, i1, i2, _j1, _j2 in opcodes if tag == "equal"
    )
    return 2 * shared / total
