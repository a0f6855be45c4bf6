"""What every form of the desk does with what it is sent, knowing no app."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.validators import slug_re, slug_unicode_re
from django.forms import (
    CharField,
    DateField,
    DateInput,
    DateTimeField,
    MultiWidget,
    PasswordInput,
    SlugField,
    SplitDateTimeField,
    Textarea,
)
from django.utils.html import format_html
from django.utils.translation import gettext

from .dates import date_typing_help, within_newsroom_dates
from .text import slug_of, strip_invisible, without_controls

DATE_FIELDS = (DateField, DateTimeField, SplitDateTimeField)


class DeskForm:
    """Mixin for a form: the text it was sent, without control characters
    (newsroom.text.without_controls: a line end, or a space in a one-line
    field, for those that end a line) nor invisible ones
    (newsroom.text.strip_invisible: a direction override turned a summary
    backwards on the public page; a zero-width space made a second "BIN"),
    before anything reads it; passwords are taken as typed. Its dates and
    times within the newsroom's days (newsroom.dates), each refused at its
    field with a message otherwise; a date typed in a text box is said to be
    typed day first, with an example (newsroom/formats). A choice of a
    related object offers no ✖ to delete that object: beside the select, a
    hand's width from the choice's own clear "×" (which unlinks), it deleted
    the meeting a story or a session linked to, its series, an agency. A
    slug typed with spaces, capitals or accents is made a slug as a title's
    is (newsroom.text.slug_of)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, RelatedFieldWidgetWrapper):
                field.widget.can_delete_related = False
            if isinstance(field, DATE_FIELDS):
                field.validators.append(within_newsroom_dates)
                if _typed_date(field.widget):
                    field.help_text = _with_date_help(field.help_text)
        if self.is_bound:
            self.data = _typed_slugs(self, _without_controls(self))


def keep_text_whole(field) -> None:
    """`field`'s box takes a pasted text whole: the browser's maxlength,
    which cut a paste at the field's limit without a word (a headline, a
    meeting's title), becomes data-max-length, for the page to say when the
    text is past it; the save refuses such a text at its field ("at most M
    characters (it has N)"), the text kept in the box."""
    attrs = field.widget.attrs
    if "maxlength" in attrs:
        attrs["data-max-length"] = attrs.pop("maxlength")


class WholeTextForm:
    """Mixin for a form: its text boxes take a paste whole (keep_text_whole)
    and say under the box, as it is typed, when a text is longer than the
    field can save (js/admin_lengths.js). Slugs keep their maxlength: the
    page makes them from a title to fit it (admin_slugs.js)."""

    class Media:
        css = {"all": ["css/admin_lengths.css"]}
        js = ["js/admin_lengths.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long = gettext("Too long to save: {count} characters, at most {max}.")
        for field in self.fields.values():
            if isinstance(field, CharField) and not isinstance(field, SlugField):
                keep_text_whole(field)
                if "data-max-length" in field.widget.attrs:
                    field.widget.attrs["data-too-long"] = too_long


def _typed_date(widget) -> bool:
    """Whether `widget` has a text box for a date (not the browser's own date
    picker, which shows dates as the browser's language writes them)."""
    widget = getattr(widget, "widget", widget)  # the admin's related wrapper
    widgets = widget.widgets if isinstance(widget, MultiWidget) else [widget]
    return any(isinstance(w, DateInput) and w.input_type == "text" for w in widgets)


def _with_date_help(help_text) -> str:
    if not help_text:
        return date_typing_help()
    # The admin shows a help text as HTML: the field's own escaped.
    return format_html("{} {}", help_text, date_typing_help())


def _without_controls(form):
    """The form's data with its text fields' values cleaned (a copy, when one
    holds a control or invisible character; else the data as sent)."""
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
    cleaned_values = {
        key: [
            strip_invisible(without_controls(v, line_break=text_fields[key]))
            for v in held
        ]
        for key, held in values.items()
    }
    if cleaned_values == values:
        return sent
    data = sent.copy()
    for key, cleaned in cleaned_values.items():
        if lists:
            data.setlist(key, cleaned)
        else:
            data[key] = cleaned[0]
    return data


def _typed_slugs(form, sent):
    """`sent` with each slug field's value that is no slug ("Rapat BNPT é")
    made one as a title is ("rapat-bnpt-e"): Django refused it with "Enter a
    valid slug", and the slug stopped following the headline (a tester's).
    One that makes no slug (only punctuation) is left to be refused."""
    made = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = sent.get(key) if isinstance(field, SlugField) else None
        if not isinstance(value, str) or not value.strip():
            continue
        pattern = slug_unicode_re if field.allow_unicode else slug_re
        if not pattern.fullmatch(value) and (slug := slug_of(value)):
            made[key] = slug
    if not made:
        return sent
    data = sent.copy()
    for key, slug in made.items():
        data[key] = slug
    return data


def desk_form(form_class: type) -> type:
    """`form_class` with DeskForm first and WholeTextForm: once each. Every
    form of the desk takes a pasted text whole (a library image's caption
    had been cut at 300 characters without a word, as a meeting's title)."""
    mixins = tuple(
        m for m in (DeskForm, WholeTextForm) if not issubclass(form_class, m)
    )
    if not mixins:
        return form_class
    return type(
        form_class.__name__,
        (*mixins, form_class),
        {"__module__": form_class.__module__},
    )
