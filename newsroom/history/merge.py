"""Combining two editors' changes to one text made from the same original."""

import difflib

from newsroom.text import normalise_newlines

# Whose change a clash keeps (the values of the panel's choices, as
# newsroom.history.combine names them).
MINE, THEIRS = "mine", "theirs"
_BOTH = "both"  # the same change on both sides


def merge_text(base: str, theirs: str, mine: str, prefer: str | None = None):
    """`base` with both the changes that made `theirs` and those that made
    `mine`, line by line (a paragraph of an article body is a line).

    Where the two sets of changes touch the same lines (_touch), which one
    is right is the editor's call, never guessed: None, or with
    `prefer` (MINE or THEIRS) that side's changes there and both sides'
    everywhere else (an editor's choice for a paragraph both rewrote took
    the whole text, a colleague's other paragraphs lost with it). Identical
    changes on both sides count once. White space at the ends of the texts
    (which the admin's forms trim) is left out, of the result too.
    """
    base_lines, their_lines, my_lines = (_lines(text) for text in (base, theirs, mine))
    changes = [[change, THEIRS] for change in _changes(base_lines, their_lines)]
    for change in _changes(base_lines, my_lines):
        same = next((entry for entry in changes if entry[0] == change), None)
        if same is not None:
            same[1] = _BOTH
        else:
            changes.append([change, MINE])
    kept = []
    for group in _touching(changes):
        sides = {side for _change, side in group}
        if {MINE, THEIRS} <= sides:
            if prefer not in (MINE, THEIRS):
                return None
            group = [entry for entry in group if entry[1] in (prefer, _BOTH)]
        kept += [change for change, _side in group]
    merged: list[str] = []
    position = 0
    for start, end, lines in sorted(kept, key=lambda change: change[:2]):
        merged += base_lines[position:start]
        merged += lines
        position = end
    merged += base_lines[position:]
    return "".join(merged).strip()


def merge_choices(base: str, theirs: str, mine: str) -> tuple[str, str]:
    """The two texts a clash of merge_text() offers: both sides' changes,
    and where they touch, mine (the first) or theirs (the second)."""
    return (
        merge_text(base, theirs, mine, prefer=MINE),
        merge_text(base, theirs, mine, prefer=THEIRS),
    )


def _touching(changes: list) -> list[list]:
    """The changes in groups, each of those that touch one another, directly
    or through others (one side's changes never touch each other: an
    unchanged line stands between any two)."""
    groups: list[list] = []
    for entry in sorted(changes, key=lambda entry: entry[0][:2]):
        met = [group for group in groups if any(_touch(entry[0], e[0]) for e in group)]
        for group in met:
            groups.remove(group)
        groups.append([entry for group in met for entry in group] + [entry])
    return groups


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
    """Whether two changes (of the two sides) clash: they replace some of
    the same lines, or both add lines at the same place, or one adds lines
    inside what the other replaces. Changes that only meet (a paragraph
    rewritten, the next one deleted) each keep their own lines: a tester's
    colleague's sentence in paragraph 2 had been lost to a choice offered
    for the paragraph deleted after it."""
    (start, end), (other_start, other_end) = one[:2], other[:2]
    if start == end and other_start == other_end:
        return start == other_start
    if start == end:
        return other_start < start < other_end
    if other_start == other_end:
        return start < other_start < end
    return start < other_end and other_start < end
