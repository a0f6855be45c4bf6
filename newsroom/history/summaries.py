"""What a revision's comment says, in the language of whoever reads it.

Comments are stored as Django admin change messages (LogEntry's JSON list),
naming things by their untranslated message ids, plus three kinds of our own:
a workflow step, ``{"step": {"label": ..., "state": ..., "fields": [...]}}``,
a message and its parameters, ``{"message": {"msgid": ..., "params": {...}}}``
(messages.py), and words written already, ``{"text": ...}``.
Plain-text comments (older revisions) are shown as they are.
"""

import json

from django.contrib.admin.models import LogEntry
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .messages import history_message, message_text

# The entries of a stored comment that are not Django's change messages.
OUR_KINDS = frozenset({"step", "message", "text"})

# Fields named by a label that reads in a form ("Starts:") but not in a
# sentence ("Changed starts and ends for session …"): History's sentences
# name them so, by the verbose name stored (revisions saved before too).
SENTENCE_NAMES = {
    "starts": gettext_noop("start time"),
    "ends": gettext_noop("end time"),
}


def step_message(label, state, fields=()) -> list:
    """A workflow step (lazily translated `label` and `state`) as a change
    message. `fields` are the verbose names the step itself changes (status):
    the same revision's list of changed fields leaves them out."""
    with translation.override(None):
        return [
            {
                "step": {
                    "label": str(label),
                    "state": str(state),
                    "fields": [str(field) for field in fields],
                }
            }
        ]


def row_label(obj: models.Model) -> dict | None:
    """A row's name (`str(obj)`, "BNPT (ID) – Member") as a message its
    reader puts into words: the labels of its choices it names ("Member")
    read in the reader's language, not the saver's; None when it names
    none. Stored as the ``"label"`` of Django's "added", "changed" or
    "deleted" entry for the row (revision_comment() reads it)."""
    with translation.override(None):
        text = str(obj)
        template, params = text.replace("%", "%%"), {}
        for field in obj._meta.concrete_fields:
            if not field.choices:
                continue
            labels = {str(key): label for key, label in field.flatchoices}
            label = labels.get(str(getattr(obj, field.attname)))
            shown = str(label) if label is not None else ""
            if not shown or shown not in template or field.name in params:
                continue
            # The last time it is named: a row names its choice after its name.
            before, _, after = template.rpartition(shown)
            template = f"{before}%({field.name})s{after}"
            params[field.name] = label
    if not params:
        return None
    return history_message(template, **params)[0]["message"]


def combine_messages(*comments) -> str:
    """Several change messages (lists or stored JSON) as one stored comment;
    fields a step covers are left out of the changed fields."""
    messages: list = []
    for comment in comments:
        if not isinstance(comment, str):
            messages += list(comment)
        elif comment.startswith("["):
            messages += _parse(comment)
        elif comment:
            messages.append({"text": comment})  # written in words already
    covered = {
        field
        for message in messages
        if "step" in message
        for field in message["step"].get("fields", ())
    }
    combined = []
    for message in messages:
        changed = message.get("changed")
        if changed is not None and "name" not in changed and covered:
            fields = [field for field in changed["fields"] if field not in covered]
            if not fields:
                continue
            message = {"changed": {**changed, "fields": fields}}
        combined.append(message)
    return json.dumps(combined)


def comment_steps(comment: str) -> list[tuple[str, str]]:
    """The workflow steps a stored comment records (step_message()), as
    (label, state): their untranslated message ids, in order."""
    return [
        (str(step.get("label", "")), str(step.get("state", "")))
        for message in _parse(comment)
        if isinstance(step := message.get("step"), dict)
    ]


def revision_comment(comment: str) -> str:
    """A stored revision comment in the active language."""
    messages = _parse(comment)
    if not messages:
        return gettext("No fields changed.") if comment == "[]" else comment
    parts = []
    for message in messages:
        step = message.get("step")
        if step:
            parts.append(
                f"{gettext(step['label'])}: {gettext(step['state'])}."
                if step.get("state")
                else f"{gettext(step['label'])}."
            )
        elif "message" in message:
            parts.append(message_text(message["message"]))
        elif "text" in message:
            parts.append(str(message["text"]))
    rest = [
        _fields_named(_row_named(message))
        for message in messages
        if not OUR_KINDS & set(message)
    ]
    if rest:
        parts.append(LogEntry(change_message=json.dumps(rest)).get_change_message())
    return " ".join(parts)


def _row_named(message: dict) -> dict:
    """Django's entry for an inline's row with the row named in the active
    language, where its ``"label"`` (row_label()) says how."""
    for kind, entry in message.items():
        if isinstance(entry, dict) and isinstance(entry.get("label"), dict):
            named = message_text(entry["label"])
            if named:
                return {**message, kind: {**entry, "object": named}}
    return message


def _fields_named(message: dict) -> dict:
    """Django's "changed" entry with its fields named as a sentence names
    them (SENTENCE_NAMES)."""
    changed = message.get("changed")
    if not isinstance(changed, dict) or not isinstance(changed.get("fields"), list):
        return message
    fields = [SENTENCE_NAMES.get(field, field) for field in changed["fields"]]
    return {**message, "changed": {**changed, "fields": fields}}


def _parse(comment: str) -> list:
    if not comment or not comment.startswith("["):
        return []
    try:
        messages = json.loads(comment)
    except json.JSONDecodeError:
        return []
    if not isinstance(messages, list) or not all(
        isinstance(message, dict) for message in messages
    ):
        return []
    return messages
