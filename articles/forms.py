"""Public forms: a reader's comment, a reader's report of a comment, and the
search page's query and filters."""

from datetime import date
from typing import Self

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from newsroom.search_terms import normalise_query
from newsroom.text import has_controls, strip_invisible, without_controls

# The form's signed stamp is a rule of the checks; here for the templates' views.
from .comment_checks import read_rendered_at, sign_rendered_at  # noqa: F401
from .models import Comment, CommentFlag
from .search.query import MAX_QUERY_LENGTH, SEARCHABLE_DATES, SearchFilters
from .services.comments import MESSAGES, max_length


class ReaderForm(forms.Form):
    """A public form, read without the control characters it was sent
    (newsroom.text.without_controls: a line end, or a space in a one-line
    field, for those that end a line). Nobody types one; a NUL was refused
    with Django's "Null characters are not allowed." and sent back raw inside
    the page. The rest of the clean-up is the services' (clean_reader_text)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = _without_controls(self)

    def limits(self) -> dict[str, int]:
        """The most characters each field's value may have, by field name."""
        return {}

    # By field, what cut says of a value sent back shorter than it was sent
    # (%(count)s: how many characters came back); any other field's value is
    # "what you wrote".
    cut_notes: dict[str, str] = {}

    def _kept_length(self, name: str) -> int | None:
        """The most characters of field `name` a form sent back puts back: a
        box that takes no more than its limit (maxlength) gets no more back,
        a text box SENT_BACK times its limit (a reader a little over it loses
        nothing; three million characters do not come back whole); None:
        no limit."""
        limit = self.limits().get(name)
        if limit is None or name not in self.fields:
            return None
        if self.fields[name].widget.attrs.get("maxlength"):
            return limit
        return SENT_BACK * limit

    @cached_property
    def sent_back(self) -> dict[str, str]:
        """What a form sent back puts in its fields: what was sent, cut at
        _kept_length."""
        kept = {}
        for name in self.fields:
            value = self[name].value() if self.is_bound else None
            value = "" if value is None else str(value)
            if (length := self._kept_length(name)) is not None:
                value = value[:length]
            kept[name] = value
        return kept

    @cached_property
    def cut(self) -> dict[str, str]:
        """By field, what to tell the reader of a value sent_back cut."""
        notes = {}
        for name in self.limits():
            length = self._kept_length(name)
            if length is None or not self.is_bound:
                continue
            value = self[name].value()
            if value and len(value) > length:
                note = self.cut_notes.get(name, CUT_NOTE)
                notes[name] = note % {
                    "count": number_format(length, force_grouping=True)
                }
        return notes

    # Fields never put back in a form that comes back (a trap for bots).
    not_kept: tuple[str, ...] = ()

    def to_keep(self) -> dict:
        """The form as it comes back to its reader, as plain data to keep
        until the page that shows it is asked for (articles.views.comments:
        the form's own address, after a redirect): what goes back in its
        fields (sent_back, less `not_kept`), what was cut, its errors.
        kept() makes the form again."""
        return {
            "data": {k: v for k, v in self.sent_back.items() if k not in self.not_kept},
            "cut": dict(self.cut),
            "errors": {field: list(errors) for field, errors in self.errors.items()},
        }

    @classmethod
    def kept(cls, kept: dict, **kwargs) -> Self:
        """The form to_keep() gave, bound to what the reader typed, with the
        errors it came back with (read as they were, not judged again: the
        service's rules, a rate limit, the closed discussion are not the
        form's); `kwargs` as for a new form."""
        form = cls(kept["data"], **kwargs)
        form.full_clean()  # cleaned_data: the comment a reply answers
        form.errors.clear()
        for field, messages in kept["errors"].items():
            form.add_error(field if field in form.fields else None, messages)
        form.cut = kept["cut"]
        return form


# How many times its limit a text box sent back keeps (ReaderForm.sent_back).
SENT_BACK = 2

CUT_NOTE = _(
    "Only the first %(count)s characters of what you wrote are kept here: the "
    "rest was cut."
)


def _without_controls(form: forms.Form):
    """The form's data with its fields' values cleaned: a copy when one held
    a control character, else the data as sent."""
    sent = form.data
    line_breaks = {
        form.add_prefix(name): "\n" if isinstance(field.widget, forms.Textarea) else " "
        for name, field in form.fields.items()
    }
    lists = hasattr(sent, "getlist")  # a QueryDict, or a plain dict (tests, code)
    held = {
        key: sent.getlist(key) if lists else [sent[key]]
        for key in line_breaks
        if key in sent
    }
    to_clean = {
        key: values
        for key, values in held.items()
        if any(isinstance(v, str) and has_controls(v) for v in values)
    }
    if not to_clean:
        return sent
    data = sent.copy()
    for key, values in to_clean.items():
        cleaned = [
            without_controls(v, line_break=line_breaks[key])
            if isinstance(v, str)
            else v
            for v in values
        ]
        if lists:
            data.setlist(key, cleaned)
        else:
            data[key] = cleaned[0]
    return data


class CommentForm(ReaderForm):
    """A new comment or a reply, as sent. Staff comment as themselves: no name
    or email.

    The form only reads what was sent: the rules and what a reader is told
    about them are the comment service's (services.comment_create), and
    add_service_errors shows its objections at their fields. `website` is a
    trap: hidden from people, filled in by some bots.
    """

    author_name = forms.CharField(
        label=_("Name"),
        required=False,
        strip=False,
        help_text=_("Shown with your comment."),
        widget=forms.TextInput(attrs={"maxlength": max_length(Comment, "author_name")}),
    )
    author_email = forms.CharField(
        label=_("Email"),
        required=False,
        help_text=_("Never shown. Only the moderators see it."),
        widget=forms.EmailInput(
            attrs={"maxlength": max_length(Comment, "author_email")}
        ),
    )
    text = forms.CharField(
        label=_("Comment"), required=False, strip=False, widget=forms.Textarea
    )
    # Which comment a reply answers; whether it may be answered is the service's.
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.all(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": MESSAGES["parent_unavailable"]},
    )
    rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this empty"), required=False)

    # Set when nothing is wrong with what was sent: it came back only to be
    # sent again (its CSRF token was missing or out of date).
    only_to_send_again = False

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            del self.fields["author_name"]
            del self.fields["author_email"]
        # Said before it is sent, as the reader's language writes the number;
        # no maxlength: the browser would cut a paste without a word.
        self.fields["text"].help_text = _("At most %(max)s characters.") % {
            "max": number_format(settings.COMMENTS_MAX_LENGTH, force_grouping=True)
        }

    not_kept = ("website",)

    cut_notes = {
        "author_name": _(
            "Only the first %(count)s characters of the name you gave are kept "
            "here: the rest was cut."
        ),
        "author_email": _(
            "Only the first %(count)s characters of the email address you gave "
            "are kept here: the rest was cut."
        ),
    }

    def to_keep(self) -> dict:
        return {**super().to_keep(), "only_to_send_again": self.only_to_send_again}

    @classmethod
    def kept(cls, kept: dict, *, staff: bool) -> Self:
        form = super().kept(kept, staff=staff)
        form.only_to_send_again = kept["only_to_send_again"]
        return form

    def limits(self) -> dict[str, int]:
        return {
            "text": settings.COMMENTS_MAX_LENGTH,
            "author_name": max_length(Comment, "author_name"),
            "author_email": max_length(Comment, "author_email"),
        }

    @property
    def reply_to_id(self) -> int | None:
        """The comment a bound form answers, as sent (valid or not)."""
        try:
            return int(self.data.get("parent") or "") if self.is_bound else None
        except ValueError:
            return None

    def add_service_errors(self, error: ValidationError) -> None:
        """The comment service's objections, each at the field it concerns
        (above the form when the field is not on it)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            shown = field in self.fields and field != "website"
            self.add_error(field if shown else None, messages)


class FlagForm(ReaderForm):
    """A reader's report of a comment, as sent; services.comment_flag judges it."""

    reason = forms.CharField(label=_("What is wrong with it?"), required=False)
    # No maxlength, as on a comment's text: the browser cut a paste at the
    # limit without a word. The service refuses what is over it, saying how
    # long it is, and the report comes back with the text whole.
    text = forms.CharField(
        label=_("Details"),
        required=False,
        strip=False,
        widget=forms.Textarea,
        help_text=_("Needed when you choose “Other”."),
    )

    def limits(self) -> dict[str, int]:
        return {"text": max_length(CommentFlag, "text")}


# The search page's query and filters.

# ?sort= for the newest results first (the most relevant without it).
NEWEST_FIRST = "date"


class SearchForm(forms.Form):
    """The reader's query and filters, read from the page's GET parameters.

    A filter that does not make sense (an unknown section, a date that is not
    YYYY-MM-DD or lies outside `SEARCHABLE_DATES`) is left out and explained
    in `notices()`, never an error page. What it reads and shows back is
    search_params(): no control character.
    """

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "class": "field__input",
            }
        ),
    )
    section = forms.ChoiceField(
        label=_("Section"),
        required=False,
        widget=forms.Select(attrs={"class": "field__input"}),
    )
    agency = forms.ChoiceField(
        label=_("Agency"),
        required=False,
        widget=forms.Select(attrs={"class": "field__input"}),
    )
    # The results' order: links on the page, kept by the form in a hidden
    # field; any other value is the first, the default.
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Most relevant")), (NEWEST_FIRST, _("Newest first"))],
        widget=forms.HiddenInput,
    )

    def __init__(self, data, *, sections: list, agencies: list):
        super().__init__(search_params(data))
        self.sections = {section.slug: section for section in sections}
        self.agencies = {agency.slug: agency for agency in agencies}
        self.fields["section"].choices = [("", _("All sections"))] + [
            (section.slug, section.local_name) for section in sections
        ]
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.slug, _agency_label(agency)) for agency in agencies
        ]
        for name, label in (("from", _("From")), ("to", _("To"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                validators=[_searchable_date],
                widget=forms.DateInput(
                    attrs={"type": "date", "class": "field__input"}, format="%Y-%m-%d"
                ),
            )

    @property
    def query(self) -> str:
        return normalise_query(self.data.get("q", ""))

    @property
    def newest_first(self) -> bool:
        """Whether the reader asked for the newest results first (?sort=date)
        rather than the most relevant."""
        self.is_valid()  # an unknown order is left out of cleaned_data
        return self.cleaned_data.get("sort") == NEWEST_FIRST

    def filters(self) -> SearchFilters:
        self.is_valid()  # invalid filters are left out of cleaned_data
        cleaned = self.cleaned_data
        since, until = cleaned.get("from"), cleaned.get("to")
        swapped = bool(since and until and since > until)
        if swapped:
            since, until = until, since
        return SearchFilters(
            section=self.sections.get(cleaned.get("section") or ""),
            agency=self.agencies.get(cleaned.get("agency") or ""),
            since=since,
            until=until,
            dates_swapped=swapped,
        )

    def notices(self) -> list[str]:
        """What was left out of the reader's filters, and why."""
        self.is_valid()
        texts = {
            "section": _("There is no section “%(value)s”; searching all sections."),
            "agency": _("There is no agency “%(value)s”; searching all agencies."),
            "from": _(
                "“%(value)s” is not a date like 2022-03-24; the start date is ignored."
            ),
            "to": _(
                "“%(value)s” is not a date like 2022-03-24; the end date is ignored."
            ),
        }
        out_of_range = {
            "from": _(
                "“%(value)s” is outside the dates we can search (%(first)s to "
                "%(last)s); the start date is ignored."
            ),
            "to": _(
                "“%(value)s” is outside the dates we can search (%(first)s to "
                "%(last)s); the end date is ignored."
            ),
        }
        first, last = (day.isoformat() for day in SEARCHABLE_DATES)
        notices = []
        for name, text in texts.items():
            if name not in self.errors:
                continue
            if self.has_error(name, code="out_of_range"):
                text = out_of_range[name]
            value = self.data.get(name, "")[:40]
            notices.append(text % {"value": value, "first": first, "last": last})
        if self.filters().dates_swapped:
            notices.append(
                str(_("The start date came after the end date; we swapped them."))
            )
        return notices


# The parameters the search form reads, and shows back to the reader.
SEARCH_PARAMS = ("q", "section", "agency", "from", "to", "sort")


def search_params(data):
    """The search's GET parameters without control characters (newsroom.text's
    rule, on one line's terms): in the query each is a space, as
    normalise_query() reads it; in a filter each that ends a line is a space
    and the others are left out, as a desk form's one-line field does; and
    without direction marks and zero-width characters (strip_invisible), which
    the heading left out while the search box kept them ("abc" U+202E "def"
    showed as "abcfed"). A copy when any held one; else `data` as sent."""
    sent = {
        name: data[name] for name in SEARCH_PARAMS if isinstance(data.get(name), str)
    }
    if not any(
        has_controls(value) or strip_invisible(value) != value
        for value in sent.values()
    ):
        return data
    cleaned = data.copy()
    for name, value in sent.items():
        other = " " if name == "q" else ""
        cleaned[name] = strip_invisible(
            without_controls(value, line_break=" ", other=other)
        )
    return cleaned


def _searchable_date(value: date) -> None:
    first, last = SEARCHABLE_DATES
    if not first <= value <= last:
        raise ValidationError(
            _("Dates from %(first)s to %(last)s can be searched."),
            code="out_of_range",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )


def _agency_label(agency) -> str:
    """The agency in the page's edition: "BNPT – National Counter-Terrorism
    Agency" on the English one."""
    name = agency.local_name
    if agency.acronym and agency.acronym != name:
        return f"{agency.acronym} – {name}"
    return name
