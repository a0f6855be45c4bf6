"""Words a revision's comment keeps for later readers: a message id and its
parameters, put into words in the language of whoever reads them, not of
whoever saved.

A writer stores ``history_message(gettext_noop("Merged the tags %(tags)s
into “%(kept)s”."), tags=..., kept=...)`` (through ``combine_messages()``,
like a workflow step); ``revision_comment()`` reads it with
``message_text()``. Parameters are stored as JSON: text (names of tags,
people, files) stays as typed; numbers, dates and times are formatted when
read; a lazily translated string (a field's verbose name) or another
message is translated when read; a list is read as "a, b and c" (or
joined as listed() says). A model's or a field's name (verbose_name()) is
read from the model as it is then. A message with a plural
(``ngettext_lazy(singular, plural, "count")`` as its id) keeps both forms
and picks one by its count parameter when read.
"""

from datetime import UTC, date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, ngettext

# A module, not its function: changes.py reaches this one (successors.py)
# before it defines local_datetime.
from . import changes


def history_message(msgid: str, /, **params) -> list:
    """`msgid` (an English message id, marked with gettext_noop) and its
    `params` as a change message for combine_messages(): one entry,
    ``{"message": {"msgid": ..., "params": {...}}}``. An id made by
    ``ngettext_lazy(singular, plural, "count")`` (the name of its number
    parameter) adds ``"plural"`` and ``"number"``."""
    plural = _plural_forms(msgid)
    if plural is not None:
        singular, plural_text, number = plural
        message = {"msgid": singular, "plural": plural_text, "number": number}
        return [{"message": {**message, "params": _stored(params)}}]
    return [{"message": {"msgid": str(msgid), "params": _stored(params)}}]


def all_of(*messages: list) -> list:
    """Several history_message()s said as one, "a, b and c"."""
    return [{"message": {"all": [entry["message"] for m in messages for entry in m]}}]


def calendar_day(value: date, format: str = "DATE_FORMAT") -> dict:
    """A day as a parameter, shown in the reader's language with a date
    `format` (a format name or a format string: "j F Y", "l")."""
    return {"date": value.isoformat(), "format": format}


def moment(value: datetime, *, seconds: bool = False) -> dict:
    """A time as a parameter, shown in the newsroom's local time and the
    reader's format (with seconds when asked)."""
    return {"datetime": value.isoformat(), "seconds": seconds}


def listed(items: list, separator: str) -> dict:
    """Several values (names, messages) as one parameter, read joined by
    `separator` ("; " where a name may hold commas) rather than "a, b and
    c"."""
    return {"all": [_stored_value(item) for item in items], "separator": separator}


def verbose_name(model: type[models.Model], field: str = "") -> dict:
    """The name of `model`, or of its `field`, as a parameter: read
    capitalised ("Agencies mentioned") in the reader's language from the
    model as it is then; by its English name as stored if the model or
    field is gone since."""
    with translation.override(None):
        named = model._meta.get_field(field) if field else model._meta
        text = str(named.verbose_name)
    return {
        "verbose_name": {"model": model._meta.label_lower, "field": field, "text": text}
    }


def message_text(message: list | dict) -> str:
    """A message in the active language: what history_message() or all_of()
    returns, or the inside of a stored ``{"message": ...}`` entry. A
    translation whose parameters do not fit falls back to the English text;
    a message stored wrong reads as its id, or as nothing."""
    if isinstance(message, list):
        return " ".join(
            message_text(entry.get("message"))
            for entry in message
            if isinstance(entry, dict)
        )
    if not isinstance(message, dict):
        return ""
    if isinstance(message.get("all"), list):
        return get_text_list(
            [message_text(item) for item in message["all"]], gettext("and")
        )
    msgid = message.get("msgid")
    if not isinstance(msgid, str):
        return ""
    params = message.get("params")
    if isinstance(message.get("plural"), str):
        return _plural_text(msgid, message, params if isinstance(params, dict) else {})
    if not params or not isinstance(params, dict):
        return gettext(msgid) if msgid else ""
    return _formatted((gettext(msgid), msgid), params) or msgid


def _plural_text(msgid: str, message: dict, params: dict) -> str:
    count = params.get(message.get("number"))
    if not isinstance(count, int) or isinstance(count, bool):
        count = 1
    english = msgid if count == 1 else message["plural"]
    translated = ngettext(msgid, message["plural"], count)
    return _formatted((translated, english), params) or english


def _formatted(texts: tuple[str, str], params: dict) -> str:
    """The first of `texts` the parameters fit, formatted ("" if none)."""
    shown = {name: _param_text(value) for name, value in params.items()}
    # Numbers as numbers too, for a message formatting them itself (%(n)d).
    plain = {
        name: value if isinstance(value, int | float) else shown[name]
        for name, value in params.items()
    }
    for text in texts:
        for values in (shown, plain):
            try:
                return text % values
            except (KeyError, ValueError, TypeError):
                continue
    return ""


def _plural_forms(msgid) -> tuple[str, str, str] | None:
    """(singular, plural, the number parameter's name) of a lazy plural
    made by ngettext_lazy with a parameter's name as its number; None for
    any other id. Read from what pickling it keeps: Django's lazy plural
    string offers no other way to its two message ids."""
    if not isinstance(msgid, Promise):
        return None
    try:
        _unpickle, (_func, _resultclass, number, kwargs) = msgid.__reduce__()
        singular, plural = kwargs["singular"], kwargs["plural"]
    except (TypeError, ValueError, KeyError):
        return None
    if not isinstance(number, str):
        return None
    return str(singular), str(plural), number


def _stored(params: dict) -> dict:
    return {name: _stored_value(value) for name, value in params.items()}


def _stored_value(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):  # lazily translated: kept as its message id
        with translation.override(None):
            return {"message": {"msgid": str(value), "params": {}}}
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, dict):  # moment(), or a stored value already
        return value
    if isinstance(value, list | tuple):
        if len(value) == 1 and isinstance(value[0], dict) and "message" in value[0]:
            return value[0]  # history_message(): a message inside this one
        return {"all": [_stored_value(item) for item in value]}
    return str(value)  # a name: an object as it is called now


def _param_text(value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value) if value is not None else ""
    if isinstance(value, int | float):
        return formats.localize(value)
    if not isinstance(value, dict):
        return str(value)
    if "message" in value:
        return message_text(value["message"])
    if "datetime" in value:
        when = parse_datetime(str(value["datetime"]))
        if when is not None:
            if timezone.is_naive(when):
                when = timezone.make_aware(when, UTC)
            return changes.local_datetime(when, seconds=bool(value.get("seconds")))
        return str(value["datetime"])
    if "date" in value:
        when = parse_date(str(value["date"]))
        if when is not None:
            return formats.date_format(when, str(value.get("format") or "DATE_FORMAT"))
        return str(value["date"])
    if isinstance(value.get("verbose_name"), dict):
        return _verbose_name_text(value["verbose_name"])
    if isinstance(value.get("all"), list):
        items = [_param_text(item) for item in value["all"]]
        if isinstance(value.get("separator"), str):
            return value["separator"].join(items)
        return get_text_list(items, gettext("and"))
    return ""


def _verbose_name_text(stored: dict) -> str:
    """A verbose_name() parameter in the active language."""
    try:
        model = apps.get_model(str(stored.get("model")))
        field = stored.get("field")
        named = model._meta.get_field(str(field)) if field else model._meta
        name = named.verbose_name
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        text = stored.get("text")
        name = gettext(text) if isinstance(text, str) and text else ""
    return str(capfirst(name))
