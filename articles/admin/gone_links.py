"""A story form that still chooses an agency, a person or a meeting that a
colleague deleted after the form was opened.

The save leaves it out and says so (a message: Django's "Select a valid
choice. 12 is not one of the available choices." had refused the form, and
the form shown again had silently dropped the choice). A form shown again
(refused by the edit lock, or for another field) keeps the choice, named
"(deleted) BNPT (ID)": the editor removed nothing, so when the edit lock
compares their form with what was saved, the missing link is not taken for
their own change. Recovered meanwhile (articles/services/relink.py), it is
a valid choice again, and a Combine keeps it; still gone, the next save
leaves it out again.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.errors import RevertError
from reversion.models import Version

GONE_SINCE = {
    "agencies": _(
        "An agency chosen on this story was deleted after the form was "
        "opened: it is left out."
    ),
    "people": _(
        "A person chosen on this story was deleted after the form was opened: "
        "they are left out."
    ),
    "meeting": _(
        "The meeting chosen on this story was deleted after the form was "
        "opened: it is left out."
    ),
}


def tolerate_gone_links(form) -> None:
    """Make `form` (a bound or unbound story form) leave out, and keep
    shown, the links in GONE_SINCE chosen to objects deleted since."""
    form.gone_links = {}
    for name in GONE_SINCE:
        field = form.fields.get(name)
        if isinstance(field, forms.ModelMultipleChoiceField):
            field._check_values = _checked(form, name, field, field._check_values)
        elif isinstance(field, forms.ModelChoiceField):
            field.to_python = _one_checked(form, name, field, field.to_python)
        else:
            continue
        widget = getattr(field.widget, "widget", field.widget)
        widget.optgroups = _shown(form, name, field, widget, widget.optgroups)


def _ids(values) -> list[str]:
    """The values that read as ids (others are refused as Django does)."""
    return [str(value) for value in values if str(value).isdigit()]


def _checked(form, name, field, check_values):
    """Django's check of the chosen values, asked again without those gone
    when it finds one (no query more for a form choosing none)."""

    def check(value):
        try:
            return check_values(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            refused = error
        wanted = _ids(value)
        found = {
            str(pk)
            for pk in field.queryset.filter(pk__in=wanted).values_list("pk", flat=True)
        }
        gone = [pk for pk in wanted if pk not in found]
        if not gone:
            raise refused
        _left_out(form, name, gone)
        return check_values([v for v in value if str(v) not in gone])

    return check


def _one_checked(form, name, field, to_python):
    def convert(value):
        try:
            return to_python(value)
        except ValidationError as error:
            if error.code != "invalid_choice" or not _ids([value]):
                raise
            _left_out(form, name, [str(value)])
            return None

    return convert


def _left_out(form, name: str, gone: list[str]) -> None:
    if name not in form.gone_links and form.request is not None:
        messages.warning(form.request, GONE_SINCE[name])
    form.gone_links.setdefault(name, [])
    form.gone_links[name] += [pk for pk in gone if pk not in form.gone_links[name]]


def _shown(form, name, field, widget, optgroups):
    """The widget's options, and those left out by the save, named as
    History last knew them, " (deleted)"."""

    def groups(html_name, value, attr=None):
        found = optgroups(html_name, value, attr)
        gone = form.gone_links.get(name, [])
        if gone:
            options = found[0][1]
            names = _names(field.queryset.model, gone)
            for pk in gone:
                # "(deleted)" first: a narrow box (a story's meeting) cuts
                # the end of a long name.
                label = f"{gettext('(deleted)')} {names.get(pk, pk)}"
                options.append(
                    widget.create_option(html_name, pk, label, True, len(options))
                )
        return found

    return groups


def _names(model, gone: list[str]) -> dict[str, str]:
    """The names of deleted objects as History last kept them, read in the
    active language from the fields kept (a meeting's name is its series'
    in each language); as stored where the fields no longer make one."""
    names = {}
    for version in Version.objects.get_deleted(model).filter(object_id__in=gone):
        if version.object_id in names:
            continue  # get_deleted(): the latest version of each first
        try:
            kept = version.field_dict
            obj = model(
                **{
                    field.attname: kept[field.attname]
                    for field in model._meta.concrete_fields
                    if field.attname in kept
                }
            )
            names[version.object_id] = str(obj)
        except (RevertError, ObjectDoesNotExist):  # fields it no longer reads
            names[version.object_id] = version.object_repr
    return names
