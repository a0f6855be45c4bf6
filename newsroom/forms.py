"""What every form of the desk does with the text it is sent, knowing no app."""

from django.forms import CharField, PasswordInput, Textarea

from .text import has_controls, without_controls


class ControlFreeForm:
    """Mixin for a form: the text it was sent, without control characters
    (newsroom.text.without_controls: a line end, or a space in a one-line
    field, for those that end a line), before anything reads it. Passwords
    are taken as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = _without_controls(self)


def _without_controls(form):
    """The form's data with its text fields' values cleaned (a copy, when one
    holds a control character; else the data as sent)."""
    sent = form.data
    text_fields = {
        form.add_prefix(name): "\n" if isinstance(field.widget, Textarea) else " "
        for name, field in form.fields.items()
        if isinstance(field, CharField) and not isinstance(field.widget, PasswordInput)
    }
    lists = hasattr(sent, "getlist")  # a QueryDict, or a plain dict (tests, code)
    values = {
        key: sent.getlist(key) if lists else [sent[key]]
        for key in text_fields
        if key in sent and (lists or isinstance(sent[key], str))
    }
    if not any(has_controls(v) for held in values.values() for v in held):
        return sent
    data = sent.copy()
    for key, held in values.items():
        cleaned = [without_controls(v, line_break=text_fields[key]) for v in held]
        if lists:
            data.setlist(key, cleaned)
        else:
            data[key] = cleaned[0]
    return data


def control_free(form_class: type) -> type:
    """`form_class` with ControlFreeForm first: once."""
    if issubclass(form_class, ControlFreeForm):
        return form_class
    return type(
        form_class.__name__,
        (ControlFreeForm, form_class),
        {"__module__": form_class.__module__},
    )
