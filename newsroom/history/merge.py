"""Combining two editors' changes to one text made from the same original."""

import difflib

from newsroom.text import normalise_newlines


def merge_text(base: str, theirs: str, mine: str) -> str | None:
    """`base` with both the changes that made `theirs` and those that made
    `mine`, line by line (a paragraph of an article body is a line).

    None when the two sets of changes touch the same or neighbouring lines:
    which one is right is then the editor's call, never guessed. Identical
    changes on both sides count once. White space at the ends of the texts
    (which the admin's forms trim) is left out, of the result too.
    """
    base_lines, their_lines, my_lines = (_lines(text) for text in (base, theirs, mine))
    changes = _changes(base_lines, their_lines)
    for change in _changes(base_lines, my_lines):
        if change in changes:
            continue
        if any(_touch(change, other) for other in changes):
            return None
        changes.append(change)
    merged: list[str] = []
    position = 0
    for start, end, lines in sorted(changes, key=lambda change: change[:2]):
        merged += base_lines[position:start]
        merged += lines
        position = end
    merged += base_lines[position:]
    return "".join(merged).strip()


def _lines(text: str) -> list[str]:
    text = normalise_newlines(text or "").strip()
    return f"{text}\n".splitlines(keepends=True) if text else []


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """The replaced stretches of `base`: (first line, end, new lines)."""
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _touch(one: tuple, other: tuple) -> bool:
    """Whether two changes overlap or meet (adjacent lines, same place)."""
    return one[0] <= other[1] and other[0] <= one[1]
