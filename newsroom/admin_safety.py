"""Admin change lists refuse odd lookup values cleanly, never with a 500.

Django's change list turns most bad filter values into its "?e=1" redirect
(`IncorrectLookupParameters`), but some slip through and fail later: a date
drill-down at 9999-12-31 overflows while computing the next day, year 1
overflows when SQLite converts it to UTC, a NUL byte reaches PostgreSQL (which
refuses it), a custom filter's choices do a lookup with a value that is not a
number, a `__regex` lookup carries a broken pattern. `CheckedChangeList` adds
the missing checks; `protect_changelists(admin.site)`, called once in
newsroom/urls.py, gives it to every change list on the site (ours, and the
auth and tag admins too), combined with each admin's own change list class.

Add and change forms: Django prefills an add form from its query string
("?agency=3", as the admin's own "+" links do) and renders a related
field's choice by looking the value up, so "?section=abc" failed the page;
a change form's `?_to_field=` (empty) looked up a field named ""; a list's
action filtered by its selection, so "abc" among the ticked rows failed
every action. The same call leaves out such a prefill, refuses such a field
with a 400, as Django refuses a field that may not be referenced, and
answers such a selection as Django answers an empty one.

A form sent back with an id that is not one ("section=abc", a tampered or
scripted POST) failed while Django's autocomplete widget looked the value up
to show it again (a 500 where the form should say "select a valid choice"):
`protect_model_choices()` makes every autocomplete widget (Django's, in
forms and inlines, and the media library's chooser) leave out what it
cannot look up, and a multiple choice refuse an id past the database's
integers (SQLite's driver raised on it).

An inline's management form says how many rows it sends; Django believed it
up to 2,000 and built, checked and rendered back that many rows, so a form
claiming 2,000 (a tampered `participants-TOTAL_FORMS`) took a minute and
answered 12.7 MB. Each inline now counts the rows actually sent: no row a
browser sends is left out (each row sends its hidden id), and none is made
up. A search (a change list's, or a related field's autocomplete) leaves
out NUL bytes, which PostgreSQL refuses in a query, and is cut to a bounded
number of words and characters (bounded_search(), saying so on a list):
1,200 words made one statement SQLite refused ("Expression tree is too
large"), and a word of 3,000 characters took the article list 9.5 s.

Every add and change form, inlines' included, takes its text without control
characters (newsroom.forms.DeskForm): a form feed or vertical tab
pasted from a PDF or Word became part of a title, and a feed listing the
story answered 500 (XML cannot hold one). Those that end a line become a
line end (a space in a one-line field), the others are left out: nothing a
person sees is lost. Their dates and times lie within the newsroom's days
(newsroom.dates, 1900 to 2100): a story or a meeting dated 0001-01-01 00:00
answered 500 on saving (year 0 in UTC), and "0024" for 2024 was taken.
"""

from functools import cache, partial

from django.contrib import messages
from django.contrib.admin import AdminSite, helpers
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DataError, models
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponseRedirect
from django.utils.text import smart_split
from django.utils.translation import gettext

from .forms import desk_form
from .search_terms import MAX_TERMS, shortened_query

# Lookups a URL may not use: a pattern is code, run by the database.
REFUSED_LOOKUPS = frozenset({"regex", "iregex"})


def refuse_unsafe_parameters(query) -> None:
    """Raise IncorrectLookupParameters for a query string that the database
    cannot take: a NUL byte anywhere, or a regular-expression lookup."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            raise IncorrectLookupParameters("NUL byte in the query string")
        if key.rsplit("__", 1)[-1] in REFUSED_LOOKUPS:
            raise IncorrectLookupParameters(f"lookup not allowed: {key}")


class CheckedChangeList(ChangeList):
    """A change list for which every bad lookup value is an
    IncorrectLookupParameters: ModelAdmin.changelist_view then redirects to
    the plain list with "?e=1", and an export built on the change list can do
    the same."""

    def __init__(self, request, *args, **kwargs):
        refuse_unsafe_parameters(request.GET)
        super().__init__(request, *args, **kwargs)

    def get_filters(self, request):
        # The date drill-down and list filters' own lookups run here.
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The first queries: values are converted for the database here.
        try:
            super().get_results(request)
        except (ValueError, OverflowError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


@cache
def checked(changelist_class: type[ChangeList]) -> type[ChangeList]:
    """`changelist_class` with the checks of CheckedChangeList."""
    if changelist_class is ChangeList:
        return CheckedChangeList
    if issubclass(changelist_class, CheckedChangeList):
        return changelist_class
    return type(
        f"Checked{changelist_class.__name__}",
        (CheckedChangeList, changelist_class),
        {"__module__": __name__},
    )


def _get_checked_changelist(get_changelist, request, **kwargs):
    return checked(get_changelist(request, **kwargs))


def reads(field, value: str) -> bool:
    """Whether `field` reads `value` and the database can compare it."""
    try:
        # Its validators hold the database's range for an integer.
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return "\x00" not in value


def takes(model_field, value: str) -> bool:
    """Whether a related field can look `value` up."""
    return reads(model_field.target_field, value)


def _checked_initial_data(get_initial, request):
    """The add form's prefill without the related ids it cannot look up
    (Django's own, get_changeform_initial_data, keeps them). Strings are the
    query string's, a many-to-many's split into a list; an admin's own
    prefill gives ids, and tags are text."""
    initial = get_initial(request)
    meta = get_initial.__self__.model._meta
    for name, value in list(initial.items()):
        try:
            field = meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.ManyToManyField) and isinstance(value, list):
            initial[name] = [
                part
                for part in value
                if not isinstance(part, str) or takes(field, part)
            ]
        elif isinstance(field, models.ForeignKey) and isinstance(value, str):
            if not takes(field, value):
                del initial[name]
    return initial


def _checked_get_object(get_object, request, object_id, from_field=None):
    """Django's get_object, with a field that does not exist (an empty
    `?_to_field=`) refused as a field that may not be referenced is."""
    if from_field is not None:
        try:
            get_object.__self__.model._meta.get_field(from_field)
        except FieldDoesNotExist:
            raise DisallowedModelAdminToField(
                f"The field {from_field} cannot be referenced."
            ) from None
    return get_object(request, object_id, from_field)


# A row number longer than this is no row a form holds (Django makes at most
# 2,000), and int() of a longer claim is work for nothing.
ROW_NUMBER_DIGITS = 6


def _sent_rows(data, prefix: str) -> int:
    """How many of an inline's rows the form holds: one past its highest row
    number (rows are numbered from 0, each sends at least its hidden id)."""
    start = f"{prefix}-"
    numbers = (
        key[len(start) :].partition("-") for key in data if key.startswith(start)
    )
    return max(
        (
            int(n) + 1
            for n, dash, _ in numbers
            if dash and n.isdecimal() and len(n) <= ROW_NUMBER_DIGITS
        ),
        default=0,
    )


def _checked_formset_kwargs(get_formset_kwargs, request, obj, inline, prefix):
    """An inline's formset told how many rows were sent, not more: Django's
    count is the management form's claim (capped at 2,000)."""
    kwargs = get_formset_kwargs(request, obj, inline, prefix)
    data = kwargs.get("data")
    total = f"{prefix}-TOTAL_FORMS"
    claimed = "" if data is None else data.get(total, "")
    if claimed.isdecimal():
        sent = _sent_rows(data, prefix)
        if len(claimed) > ROW_NUMBER_DIGITS or int(claimed) > sent:
            data[total] = str(sent)
    return kwargs


# The most characters of an admin search, as of the readers' search box
# (articles.search.query.MAX_QUERY_LENGTH); and at most MAX_TERMS words or
# phrases, as theirs.
ADMIN_SEARCH_MAX_LENGTH = 200


def bounded_search(search_term: str) -> str:
    """An admin search within bounds: cut after its last whole word within
    ADMIN_SEARCH_MAX_LENGTH characters (its spaces collapsed), then to its
    first MAX_TERMS words or "quoted phrases" as Django's admin reads them.
    Django searches each in every search field, all in one statement; a
    search within both bounds is returned as it is."""
    if len(search_term) > ADMIN_SEARCH_MAX_LENGTH:
        search_term = shortened_query(
            " ".join(search_term.split()), ADMIN_SEARCH_MAX_LENGTH
        )
    bits = list(smart_split(search_term))
    if len(bits) > MAX_TERMS:
        search_term = " ".join(bits[:MAX_TERMS])
    return search_term


def _checked_search(get_search_results, request, queryset, search_term):
    """A search without NUL bytes, which PostgreSQL refuses in a query (the
    autocomplete of every related field, `/admin/autocomplete/?term=`,
    failed with a 500 on one), and within bounds (bounded_search()); a
    change list says what it searched for when it cut the search."""
    sent = search_term.replace("\x00", "")
    searched = bounded_search(sent)
    if searched != sent and _is_change_list(request):
        _tell_search_cut(request, searched)
    return get_search_results(request, queryset, searched)


def _is_change_list(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


def _tell_search_cut(request, searched: str) -> None:
    if getattr(request, "search_cut_told", False):
        return  # the list searched twice (an action's confirmation)
    request.search_cut_told = True
    messages.warning(
        request,
        gettext(
            "A search takes at most %(terms)s words and %(length)s characters: "
            "only “%(searched)s” was searched for."
        )
        % {
            "terms": MAX_TERMS,
            "length": ADMIN_SEARCH_MAX_LENGTH,
            "searched": searched,
        },
        fail_silently=True,
    )


def _wrap(model_admin, name: str, check) -> None:
    method = getattr(model_admin, name)
    if getattr(method, "func", None) is not check:
        setattr(model_admin, name, partial(check, method))


def protect_changelists(site: AdminSite) -> None:
    """Make every ModelAdmin registered on `site` build checked change lists,
    prefill its add form only with what the form can show, refuse a field
    that does not exist, take an action only on a selection of ids, build
    an inline's rows only for the rows sent, search without NUL bytes, and
    take its forms' text (its inlines' too) without control characters. Safe
    to call again; admins registered later are not covered."""
    for model_admin in site._registry.values():
        model_admin.form = desk_form(model_admin.form)
        for inline in model_admin.inlines:
            inline.form = desk_form(inline.form)
        _wrap(model_admin, "get_changelist", _get_checked_changelist)
        _wrap(model_admin, "get_changeform_initial_data", _checked_initial_data)
        _wrap(model_admin, "get_object", _checked_get_object)
        _wrap(model_admin, "response_action", _checked_action)
        _wrap(model_admin, "get_formset_kwargs", _checked_formset_kwargs)
        _wrap(model_admin, "get_search_results", _checked_search)


def _checked_action(response_action, request, queryset):
    """A list's action on a selection that holds something other than ids
    (Django filtered by it and failed the action with a 500): answered as
    Django answers an empty selection, nothing changed."""
    pk = response_action.__self__.model._meta.pk
    selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
    if all(reads(pk, value) for value in selected):
        return response_action(request, queryset)
    messages.warning(
        request,
        gettext(
            "Items must be selected in order to perform actions on them. No items "
            "have been changed."
        ),
    )
    return HttpResponseRedirect(request.get_full_path())


def _checked_optgroups(optgroups, self, name, value, attr=None):
    return optgroups(self, name, [v for v in value if takes(self.field, str(v))], attr)


def _checked_values(check_values, self, value):
    """Refuse, as not a valid choice, an id the database cannot compare
    (30 digits: SQLite's driver raised while the choices were looked up)."""
    meta = self.queryset.model._meta
    key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
    for pk in value:
        if not reads(key, str(pk)):
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": pk},
            )
    return check_values(self, value)


def _replace(owner, name: str, check) -> None:
    """`owner.name` (a method) checked by `check` first: once."""
    method = getattr(owner, name)
    if getattr(method, "check", None) is check:
        return

    def checked(self, *args, **kwargs):
        return check(method, self, *args, **kwargs)

    checked.check = check
    setattr(owner, name, checked)


def protect_model_choices() -> None:
    """Make every autocomplete widget show again only the values it can look
    up (the form's own error says the rest was not a valid choice), and every
    multiple model choice refuse an id its database cannot compare. Safe to
    call again."""
    _replace(AutocompleteMixin, "optgroups", _checked_optgroups)
    _replace(ModelMultipleChoiceField, "_check_values", _checked_values)
