"""What changed between two revisions of an object, in words an editor reads.

A *state* is a dict shaped like django-reversion's ``Version.field_dict``
(field attnames to values, many-to-many fields as lists of primary keys) plus,
for each relation the model follows in its revisions (a meeting's
``sessions``, an article's ``tagged_items``), a list of the related objects.
``version_field_dict()`` and ``current_field_dict()`` build states;
``field_changes()`` compares two of them.
"""

from .changes import FieldChange, blank_state, field_changes
from .states import (
    changes_since,
    current_field_dict,
    find_version,
    followed_versions,
    revision_date,
    version_field_dict,
    version_recover,
)
from .textdiff import text_diff_html

__all__ = [
    "FieldChange",
    "blank_state",
    "changes_since",
    "current_field_dict",
    "field_changes",
    "find_version",
    "followed_versions",
    "revision_date",
    "text_diff_html",
    "version_field_dict",
    "version_recover",
]
