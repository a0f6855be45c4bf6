"""What changed between two revisions of an object, in words an editor reads.

A *state* is a dict shaped like django-reversion's ``Version.field_dict``
(field attnames to values, many-to-many fields as lists of primary keys) plus,
for each relation the model follows in its revisions (a meeting's
``sessions``, an article's ``tagged_items``), a list of the related objects.
``version_field_dict()`` and ``current_field_dict()`` build states;
``field_changes()`` compares two of them.

A library shared by both apps, below them: it knows no model of its own.
``admin.py`` (``HistoryAdmin``, ``WorkflowHistoryAdmin``) puts it on the
admin's history, compare, restore and recover pages.
"""

from .changes import (
    FieldChange,
    blank_state,
    change_message,
    comparable,
    field_changes,
    local_datetime,
)
from .merge import merge_choices, merge_text
from .messages import all_of, history_message, message_text, moment
from .states import (
    RecordedStep,
    changes_since,
    current_field_dict,
    find_version,
    followed_versions,
    revision_date,
    revision_dates,
    revision_moment,
    steps_since,
    version_field_dict,
    version_recover,
)
from .summaries import (
    combine_messages,
    comment_steps,
    revision_comment,
    step_message,
)
from .textdiff import text_diff_html

__all__ = [
    "all_of",
    "FieldChange",
    "RecordedStep",
    "blank_state",
    "change_message",
    "changes_since",
    "combine_messages",
    "comment_steps",
    "comparable",
    "current_field_dict",
    "field_changes",
    "find_version",
    "followed_versions",
    "history_message",
    "local_datetime",
    "merge_choices",
    "merge_text",
    "message_text",
    "moment",
    "revision_comment",
    "revision_date",
    "revision_dates",
    "revision_moment",
    "step_message",
    "steps_since",
    "text_diff_html",
    "version_field_dict",
    "version_recover",
]
